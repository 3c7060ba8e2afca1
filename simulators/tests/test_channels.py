"""Release channels: rollout maths, the one-step actions and their events, what the trainer page and
the helpdesk's hints see."""

from datetime import date

import pytest

from core.versions import version_key
from customers.models import Customer, Licence
from simulators import channels
from simulators.context import trainer_release_context
from simulators.hints import installation_hints
from simulators.models import BuildStatus, ChannelEvent, ReleaseChannel
from simulators.tests.conftest import verified_build


def test_rollout_bucket_is_stable_and_spread():
    devices = [f"device-{n}" for n in range(10_000)]
    buckets = [channels.rollout_bucket("trainer-a", device) for device in devices]
    assert buckets == [channels.rollout_bucket("trainer-a", device) for device in devices]
    in_ten = sum(channels.in_rollout("trainer-a", device, 10) for device in devices)
    assert 900 <= in_ten <= 1100
    # Raising the percentage never takes a device out.
    for low, high in [(1, 5), (5, 10), (10, 25), (25, 50), (50, 100)]:
        assert all(
            channels.in_rollout("trainer-a", device, high)
            for device in devices
            if channels.in_rollout("trainer-a", device, low)
        )
    assert all(channels.in_rollout("trainer-a", device, 100) for device in devices)
    # Another trainer rolls out to other devices first.
    other = {d for d in devices if channels.in_rollout("trainer-b", d, 10)}
    ours = {d for d in devices if channels.in_rollout("trainer-a", d, 10)}
    assert len(other & ours) < 300


@pytest.mark.parametrize(
    ("older", "newer"),
    [("1.2.0", "1.10.0"), ("1.0.0-rc.1", "1.0.0"), ("0.9.9", "1.0.0"), ("2.0.0-alpha", "2.0.0-beta")],
)
def test_version_order(older, newer):
    assert version_key(older) < version_key(newer)


pytestmark = pytest.mark.django_db(transaction=False)


def make(trainer, version, platform="windows", publish=True):
    return verified_build(trainer, version, platform=platform, publish=publish)


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.com", "pw")


def stable(trainer):
    return ReleaseChannel.objects.get(trainer=trainer, platform="windows", name="stable")


def test_promote_widen_roll_back_with_events(trainer, staff):
    old = make(trainer, "1.0.0")
    new = make(trainer, "1.1.0")
    channel = channels.promote(new, "stable", staff, percent=10)
    assert (channel.build, channel.previous_build, channel.rollout_percent) == (new, old, 10)
    # The site offers what every device gets: the old build while the new one rolls out.
    assert [b.version for b in trainer_release_context(trainer)["builds"]] == ["1.0.0"]
    channels.widen(channel, 50, staff)
    with pytest.raises(channels.ChannelError):
        channels.widen(channel, 20, staff)
    channels.widen(channel, 100, staff)
    assert [b.version for b in trainer_release_context(trainer)["builds"]] == ["1.1.0"]
    channels.roll_back(stable(trainer), staff)
    channel = stable(trainer)
    assert (channel.build, channel.rollout_percent) == (old, 100)
    actions = list(ChannelEvent.objects.filter(channel=channel).order_by("at", "pk"))
    assert [e.action for e in actions] == ["promote", "promote", "stage", "stage", "rollback"]
    assert {e.actor for e in actions[1:]} == {staff}
    assert [e.rollout_percent for e in actions[1:]] == [10, 50, 100, 100]


def test_promote_refuses_unpublished_and_same_build(trainer, staff):
    draft = make(trainer, "1.0.0", publish=False)
    with pytest.raises(channels.ChannelError):
        channels.promote(draft, "beta", staff)
    build = make(trainer, "1.1.0")
    with pytest.raises(channels.ChannelError):
        channels.promote(build, "stable", staff)
    with pytest.raises(channels.ChannelError):
        channels.promote(build, "beta", staff, percent=0)


def test_withdraw_moves_channels_back(trainer, staff):
    old = make(trainer, "1.0.0")
    new = make(trainer, "1.1.0")
    channels.promote(new, "stable", staff)
    channels.promote(new, "beta", staff)
    new.withdraw(staff)
    new.refresh_from_db()
    assert new.status == BuildStatus.WITHDRAWN
    assert stable(trainer).build == old
    beta = ReleaseChannel.objects.get(trainer=trainer, name="beta")
    assert beta.build is None
    assert ChannelEvent.objects.filter(action="withdraw", actor=staff).count() == 2
    assert channels.state(trainer.translation_key, "windows")["withdrawn"] == ["1.1.0"]


def test_withdrawing_through_the_status_uses_the_channels(trainer):
    old = make(trainer, "1.0.0")
    new = make(trainer, "1.1.0")
    channels.promote(new, "stable")
    new.transition(BuildStatus.WITHDRAWN)
    assert stable(trainer).build == old


def test_critical_goes_to_every_device(trainer, staff):
    make(trainer, "1.0.0")
    fix = make(trainer, "1.0.1")
    channels.promote(fix, "stable", staff, percent=1)
    state = channels.state(trainer.translation_key, "windows")["channels"]["stable"]
    outside = next(
        d for d in (f"d{n}" for n in range(1000)) if not channels.in_rollout(trainer.translation_key, d, 1)
    )
    assert channels.offered(state, trainer.translation_key, outside)["version"] == "1.0.0"
    channels.mark_critical(fix, staff)
    state = channels.state(trainer.translation_key, "windows")["channels"]["stable"]
    assert channels.offered(state, trainer.translation_key, outside)["version"] == "1.0.1"
    assert ChannelEvent.objects.filter(action="critical", build=fix).exists()
    with pytest.raises(channels.ChannelError):
        channels.mark_critical(fix, staff)


def test_installation_hints(trainer):
    make(trainer, "1.0.0")
    beta_build = make(trainer, "1.2.0")
    channels.promote(beta_build, "beta")
    gone = make(trainer, "1.1.0")
    channels.promote(gone, "pilot")
    gone.withdraw()
    key = str(trainer.translation_key)
    customer = Customer.objects.create(name="ООО Ромашка", inn="7700000001", channel="beta")
    assert installation_hints(key, "windows", "1.0.0", None) == []
    assert installation_hints(key, "windows", "1.0.0", customer.pk) == [
        {"code": "outdated_version", "latest": "1.2.0", "channel": "beta"}
    ]
    Licence.objects.create(
        customer=customer,
        trainer=trainer,
        seats=5,
        valid_from=date(2020, 1, 1),
        valid_to=date(2099, 1, 1),
        channel="stable",
    )
    assert installation_hints(key, "windows", "1.0.0", customer.pk) == []
    assert installation_hints(key, "windows", "1.1.0", customer.pk) == [
        {"code": "withdrawn_build", "version": "1.1.0"}
    ]
    assert installation_hints(key, "windows", "not-a-version", customer.pk) == []
    assert installation_hints(key, "nowhere", "1.0.0", customer.pk) == []


def test_installation_hints_answer_the_helpdesk_hook():
    from wagtail import hooks

    assert installation_hints in hooks.get_hooks("vt_installation_hints")
