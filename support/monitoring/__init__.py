"""The monitor: probes of the platform's components, their samples and uptime aggregates, ``/metrics``.

It stands on ``core`` and ``support.notifications`` (the outbox it watches) only. Declared maintenance
reaches it through the ``vt_component_maintenance`` hook (see ``uptime``), answered by the status app,
which in turn reads live states and uptime from here (``queries``).
"""
