"""Service status (app label ``status``): maintenance notices, the status page, subscribers and their
notifications, the working-day calendar, the site banner, feeds and the maintenance API.

Uses ``catalogue`` and ``support.notifications``; never imports ``support.helpdesk``: the contacts of
people with open fault reports come through the ``vt_open_report_contacts`` hook (see ``notify``), and
this app answers ``vt_maintenance_spans`` / ``vt_maintenance_windows`` (see ``wagtail_hooks``).
"""
