"""Support: four Django apps under one folder, with one-way borders (like ``wagtail.contrib.*``).

- ``support.notifications`` (label ``notifications``): the outbox, e-mail and SMS gateways, phone numbers.
- ``support.helpdesk`` (label ``helpdesk``): the support page, fault reports and their workflow, duty shifts.
- ``support.status`` (label ``status``): maintenance notices, the status page, subscribers, the
  working-day calendar, feeds.
- ``support.monitoring`` (label ``monitoring``): the monitor's probes, samples and uptime aggregates,
  ``/metrics``. It uses notifications only; status reads it, and it asks status for maintenance windows
  through ``vt_component_maintenance``. Its tables and translations are its own (``locale/``).

helpdesk and status both use notifications and ``catalogue`` and never import each other: where one
needs the other's data it asks through a Wagtail hook (``vt_maintenance_spans``,
``vt_maintenance_windows``, ``vt_open_report_contacts``; each is documented
in the module that calls it).

This parent package stays an installed app (label ``support``) only to own the historic migrations
0001-0005 that create the tables on a fresh database, and ``0006_hand_over_to_split_apps``, which hands
the models over to the three apps (state only: the tables keep their ``support_*`` names) and moves their
content types to the new labels. It also keeps the Russian translation catalogue (``locale/``) that the
three apps share. It has no models, views or URLs of its own.
"""
