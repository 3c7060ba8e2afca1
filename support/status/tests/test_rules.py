"""Publishing rules of maintenance notices (refusals and warnings)."""

import pytest
import time_machine
from django.utils import translation

from support.status import rules
from support.status.models import MaintenanceNoticePage
from support.status.tests.conftest import msk


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_messages_exist_in_russian(db):
    with translation.override("ru"):
        verdict = rules.check(window(msk(2026, 12, 2, 5), msk(2026, 12, 2, 1)), publishing=True)
    assert verdict.errors["ends_at"] == ["Окончание работ должно быть позже начала."]


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
    notices = MaintenanceNoticePage.live_notices()
    assert any(
        "overlaps another notice" in w for w in rules.check(other, publishing=True, notices=notices).warnings
    )
    apart = window(msk(2026, 12, 2, 3), msk(2026, 12, 2, 5), whole_platform=False, components=["web"])
    assert rules.check(apart, publishing=True, notices=notices).warnings == []


def test_windows_affecting_trainer_time_and_lookback(make_notice, site_shell):
    import datetime as dt

    from catalogue.models import CatalogueIndexPage, SimulatorPage
    from support.status.queries import windows_affecting

    index = site_shell.ensure_child(
        site_shell.homes["ru"], CatalogueIndexPage, "catalogue-m", title="Каталог"
    )
    crane = site_shell.ensure_child(index, SimulatorPage, "crane", title="Кран", summary="Кран")
    welder = site_shell.ensure_child(index, SimulatorPage, "welder", title="Сварка", summary="Сварка")
    with time_machine.travel(msk(2026, 11, 10, 12), tick=False):
        ru, en = make_notice("t", msk(2026, 11, 20, 1), msk(2026, 11, 20, 3), whole_platform=False)
        for page in (ru, en):
            page.trainers.set([crane])
            page.save_revision().publish()
    during = msk(2026, 11, 20, 2)
    assert [n.pk for n in windows_affecting(crane, during, language="ru")] == [ru.pk]
    assert windows_affecting(welder, during) == []
    after = msk(2026, 11, 20, 4)
    assert windows_affecting(crane, after) == []
    assert len(windows_affecting(crane, after, lookback=dt.timedelta(hours=2))) == 1
    assert len(windows_affecting(crane, msk(2026, 11, 19, 12), horizon=dt.timedelta(hours=24))) == 1


def test_the_notice_editor_offers_trainers_of_its_language_only(make_notice, site_shell, django_user_model):
    from catalogue.models import CatalogueIndexPage, SimulatorPage

    ru_index, en_index = site_shell.ensure_pair(
        site_shell.homes["ru"],
        site_shell.homes["en"],
        CatalogueIndexPage,
        "catalogue-l",
        ru={"title": "Каталог"},
        en={"title": "Catalogue"},
    )
    crane_ru, crane_en = site_shell.ensure_pair(
        ru_index,
        en_index,
        SimulatorPage,
        "crane",
        ru={"title": "Кран", "summary": "Кран"},
        en={"title": "Crane", "summary": "Crane"},
    )
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    for notice, trainer in zip(
        make_notice("l", msk(2026, 11, 20, 1), msk(2026, 11, 20, 3)), (crane_ru, crane_en), strict=True
    ):
        form_class = MaintenanceNoticePage.get_edit_handler().get_form_class()
        form = form_class(instance=notice, for_user=user, parent_page=notice.get_parent())
        assert list(form.fields["trainers"].queryset) == [SimulatorPage.objects.get(pk=trainer.pk)]
