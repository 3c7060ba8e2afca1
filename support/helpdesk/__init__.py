"""The helpdesk (app label ``helpdesk``): the support page and its fault-report form, the report workflow
and timeline, tracking, the fault-report API, the staff queue, duty shifts, on-call alerts with their
escalation, and triage (hints, incident links) in the background.

Uses ``catalogue`` and ``support.notifications``; never imports ``support.status``: maintenance windows
come through the ``vt_maintenance_spans`` / ``vt_maintenance_windows`` / ``vt_component_maintenance``
hooks (see ``hints`` and ``oncall``), open incidents through ``vt_open_incidents`` (see ``triage``), and
this app answers ``vt_open_report_contacts``, ``vt_incident_event`` and ``vt_incident_report_count``
(see ``wagtail_hooks``).
"""
