"""Incidents the monitor opens and follows (the status app's answer to ``vt_monitor_round``).

After each round: a required component that failed ``INCIDENT_OPEN_AFTER_FAILURES`` consecutive rounds
opens an incident, unless an unresolved incident already names it or one of those failures fell in a
declared maintenance window of the component (the uptime figures count them as maintenance, and
maintenance is not an incident). A monitor-opened incident whose components all pass again moves to
"monitoring"; if they fail again as many rounds in a row, back to "investigating". Staff confirm the
resolution.

Cost per round (measured on SQLite with ten components): one query (the unresolved incidents with
their component codes) while nothing new fails or the failing component already has its incident; five
while an uncovered component fails (its last samples, the maintenance windows); fourteen for the round
that opens an incident and six for the one that moves it to "monitoring" (the writes; the hooks and the
subscribers' messages run after commit, in the outbox task).
"""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from support.monitoring.models import ProbeStatus, Sample
from support.monitoring.probes import label_of
from support.monitoring.uptime import components_by_code, maintenance_windows, outcome
from support.status import incidents
from support.status.choices import REQUIRED_COMPONENTS, SITE_WIDE_COMPONENTS, IncidentImpact, IncidentStatus
from support.status.models import Incident

ACTIVE = (IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED)


def after_round(probed_at, statuses):
    """Open, move or leave incidents after the round of ``probed_at`` (``{code: status}``)."""
    rows = Incident.objects.unresolved().values_list("pk", "status", "opened_by_monitor", "components__code")
    covered = set()
    watched = defaultdict(set)  # monitor-opened incident -> its component codes
    state = {}
    for pk, status, by_monitor, code in rows:
        if code:
            covered.add(code)
        if by_monitor:
            state[pk] = status
            if code:
                watched[pk].add(code)
    for pk, codes in watched.items():
        recovered = all(statuses.get(code) in (ProbeStatus.OK, ProbeStatus.DEGRADED) for code in codes)
        if recovered and state[pk] in ACTIVE:
            _post(pk, IncidentStatus.MONITORING, codes, _recovered_text)
    failing = [code for code in REQUIRED_COMPONENTS if statuses.get(code) == ProbeStatus.DOWN]
    relapsed = {
        code: pk for pk, codes in watched.items() if state[pk] == IncidentStatus.MONITORING for code in codes
    }
    candidates = [code for code in failing if code not in covered or code in relapsed]
    for code, since in _failing_long_enough(candidates, probed_at).items():
        if code in relapsed:
            _post(relapsed[code], IncidentStatus.INVESTIGATING, watched[relapsed[code]], _relapse_text)
        elif code not in covered:
            _open_for(code, since)
            covered.add(code)


def _failing_long_enough(codes, probed_at):
    """``{code: first failure}`` of the components of ``codes`` whose last ``INCIDENT_OPEN_AFTER_FAILURES``
    samples are all failures outside maintenance."""
    if not codes:
        return {}
    needed = settings.INCIDENT_OPEN_AFTER_FAILURES
    found = {}
    recent = {}
    for code in codes:
        recent[code] = list(
            Sample.objects.filter(component__code=code, probed_at__lte=probed_at)
            .order_by("-probed_at")
            .values_list("status", "probed_at")[:needed]
        )
    oldest = min((samples[-1][1] for samples in recent.values() if samples), default=probed_at)
    # A window is half-open [start, end): one reaching past this round's moment must be found too.
    windows = maintenance_windows(oldest, probed_at + dt.timedelta(seconds=1))
    for code, samples in recent.items():
        down = [outcome(status, at, windows[code]) == ProbeStatus.DOWN for status, at in samples]
        if len(samples) == needed and all(down):
            found[code] = samples[-1][1]
    return found


def _texts(build):
    """``{"ru": ..., "en": ...}`` of a text built in each language."""
    result = {}
    for language in ("ru", "en"):
        with translation.override(language):
            result[language] = str(build())
    return result


def _labels(codes):
    return ", ".join(str(label_of(code)) for code in sorted(codes))


def _recovered_text(codes):
    return _("%(components)s: the checks pass again. We are monitoring the result.") % {
        "components": _labels(codes)
    }


def _relapse_text(codes):
    return _("%(components)s: failing again. We are investigating.") % {"components": _labels(codes)}


def _post(pk, status, codes, text):
    incident = Incident.objects.get(pk=pk)
    messages = _texts(lambda: text(codes))
    incidents.post_update(incident, status, messages["ru"], messages["en"])


def _open_for(code, since):
    needed = settings.INCIDENT_OPEN_AFTER_FAILURES
    titles = _texts(lambda: _("Outage: %(component)s") % {"component": label_of(code)})
    messages = _texts(
        lambda: (
            ngettext(
                "%(component)s: our monitoring found %(count)d failed check in a row. We are investigating.",
                "%(component)s: our monitoring found %(count)d failed checks in a row. We are investigating.",
                needed,
            )
            % {"component": label_of(code), "count": needed}
        )
    )
    component = components_by_code([code])[code]
    incidents.open_incident(
        title_ru=titles["ru"],
        title_en=titles["en"],
        impact=IncidentImpact.MAJOR if code in SITE_WIDE_COMPONENTS else IncidentImpact.PARTIAL,
        message_ru=messages["ru"],
        message_en=messages["en"],
        components=[component],
        started_at=since,
        opened_by_monitor=True,
    )
