"""The helpdesk (app label ``helpdesk``): the support page and its fault-report form, the report workflow
and timeline, tracking, the fault-report API, the staff queue, duty shifts and triage hints.

Uses ``catalogue`` and ``support.notifications``; never imports ``support.status``: maintenance windows
come through the ``vt_maintenance_spans`` / ``vt_maintenance_windows`` hooks (see ``hints``), and this
app answers ``vt_open_report_contacts`` (see ``wagtail_hooks``).
"""
