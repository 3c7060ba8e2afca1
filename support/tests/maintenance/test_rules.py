"""Publishing rules of maintenance notices (refusals and warnings)."""

import time_machine

from support.maintenance import rules
from support.tests.maintenance.conftest import msk


def window(start, end, **kw):
    kw.setdefault("whole_platform", True)
    return rules.Window(starts_at=start, ends_at=end, **kw)


@time_machine.travel(msk(2026, 11, 20, 15, 0), tick=False)  # a Friday
def test_planned_window_too_soon_is_refused_with_the_earliest_start(db):
    verdict = rules.check(window(msk(2026, 11, 25, 22), msk(2026, 11, 26, 2)), publishing=True)
    message = verdict.errors["starts_at"][0]
    assert "26.11.2026 00:00" in message
    assert "UTC+3" in message


@time_machine.travel(msk(2026, 11, 20, 15, 0), tick=False)
def test_window_at_the_earliest_start_is_accepted(db):
    verdict = rules.check(window(msk(2026, 11, 26, 0), msk(2026, 11, 26, 4)), publishing=True)
    assert verdict.errors == {}
    assert verdict.warnings == []


@time_machine.travel(msk(2026, 11, 20, 15, 0), tick=False)
def test_security_update_is_exempt_but_needs_justification(db):
    soon = window(msk(2026, 11, 20, 23), msk(2026, 11, 21, 1), kind="security")
    assert set(rules.check(soon, publishing=True).errors) == {"justification"}
    soon.justification = "CVE marked critical by the vendor"
    assert rules.check(soon, publishing=True).errors == {}


@time_machine.travel(msk(2026, 11, 20, 15, 0), tick=False)
def test_bad_windows(db):
    assert "ends_at" in rules.check(window(msk(2026, 12, 2, 5), msk(2026, 12, 2, 1)), publishing=True).errors
    past = rules.check(window(msk(2026, 11, 1, 1), msk(2026, 11, 1, 3)), publishing=True)
    assert past.errors["ends_at"] == ["The window is entirely in the past."]
    nothing = rules.check(
        window(msk(2026, 12, 2, 1), msk(2026, 12, 2, 3), whole_platform=False), publishing=True
    )
    assert "whole_platform" in nothing.errors


@time_machine.travel(msk(2026, 11, 20, 15, 0), tick=False)
def test_drafts_are_not_held_to_the_notice_rule(db):
    assert rules.check(window(msk(2026, 11, 23, 1), msk(2026, 11, 23, 3)), publishing=False).errors == {}


@time_machine.travel(msk(2026, 11, 20, 15, 0), tick=False)
def test_working_hours_give_a_warning_not_a_refusal(db):
    verdict = rules.check(window(msk(2026, 12, 2, 10), msk(2026, 12, 2, 12)), publishing=True)
    assert verdict.errors == {}
    assert any("working hours" in w for w in verdict.warnings)


@time_machine.travel(msk(2026, 11, 20, 15, 0), tick=False)
def test_notice_period_counts_from_first_publication_unless_moved_earlier(db):
    previous = (msk(2026, 11, 27, 1), msk(2026, 11, 27, 3))
    first = msk(2026, 11, 16, 10)
    extended = window(msk(2026, 11, 27, 1), msk(2026, 11, 27, 5))
    assert rules.check(extended, publishing=True, notified_at=first, previous=previous).errors == {}
    earlier = window(msk(2026, 11, 24, 1), msk(2026, 11, 24, 3))
    assert "starts_at" in rules.check(earlier, publishing=True, notified_at=first, previous=previous).errors


@time_machine.travel(msk(2026, 11, 20, 15, 0), tick=False)
def test_overlap_on_the_same_component_warns(make_notice):
    make_notice("a", msk(2026, 12, 2, 1), msk(2026, 12, 2, 4), whole_platform=False, components=["api"])
    other = window(msk(2026, 12, 2, 3), msk(2026, 12, 2, 5), whole_platform=False, components=["api"])
    assert any("overlaps another notice" in w for w in rules.check(other, publishing=True).warnings)
    apart = window(msk(2026, 12, 2, 3), msk(2026, 12, 2, 5), whole_platform=False, components=["web"])
    assert rules.check(apart, publishing=True).warnings == []
