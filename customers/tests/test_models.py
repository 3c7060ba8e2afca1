import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from customers.models import Customer, DeviceKey, LearnerUIN, Licence, ManagerContact
from customers.queries import customer_for_uin, expired_uins, installation
from customers.validators import validate_inn

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["7707083893", "500100732259"])
def test_inn_with_valid_check_digits_passes(value):
    validate_inn(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("7707083894", "inn_checksum"),
        ("500100732258", "inn_checksum"),
        ("77070838", "inn_format"),
        ("77O7083893", "inn_format"),
    ],
)
def test_inn_typos_and_wrong_lengths_are_refused(value, code):
    with pytest.raises(ValidationError) as caught:
        validate_inn(value)
    assert caught.value.code == code


def test_customer_contact_phone_is_stored_in_e164():
    customer = Customer(name="ООО «Ромашка»", inn="7707083893", contact_phone="8 (916) 123-45-67")
    customer.full_clean()
    assert customer.contact_phone == "+79161234567"


def test_customer_with_a_bad_phone_or_inn_gets_field_errors():
    customer = Customer(name="ООО «Ромашка»", inn="7707083894", contact_phone="12")
    with pytest.raises(ValidationError) as caught:
        customer.full_clean()
    assert set(caught.value.message_dict) == {"inn", "contact_phone"}


def test_manager_phone_follows_the_e164_rule(manager):
    contact = ManagerContact(user=manager, phone="+7 916 000-00-00")
    contact.clean()
    assert contact.phone == "+79160000000"
    with pytest.raises(ValidationError):
        ManagerContact(user=manager, phone="not a phone").clean()


def test_uin_lookup_gives_customer_manager_phone_and_licences(customer):
    assert customer_for_uin("  UIN-100 ") == customer
    found = installation("UIN-100")
    assert found.known and found.customer == customer
    assert found.manager_phone == "+79161234567"
    assert [licence.seats for licence in found.licences] == [25]
    assert not installation("UIN-404").known
    assert customer_for_uin("") is None


def test_issued_key_authenticates_until_revoked(customer):
    key, raw = DeviceKey.issue(customer, "Класс 1")
    assert DeviceKey.customer_for(raw) == customer
    key.revoked_at = timezone.now()
    key.save()
    assert DeviceKey.customer_for(raw) is None


def test_uins_expire_a_retention_period_after_the_last_licence_ended(customer, trainer):
    now = timezone.now()
    LearnerUIN.objects.filter(uin="UIN-100").update(created_at=now - timedelta(days=800))
    assert not expired_uins(now, retention_days=365).exists()  # licence valid until 2027
    Licence.objects.filter(customer=customer).update(valid_from=date(2020, 1, 1), valid_to=date(2021, 1, 1))
    assert list(expired_uins(now, retention_days=365).values_list("uin", flat=True)) == ["UIN-100"]
    # A UIN registered within the period is kept even without a licence (the customer may be signing one).
    LearnerUIN.objects.create(customer=customer, uin="UIN-NEW")
    assert "UIN-NEW" not in expired_uins(now, retention_days=365).values_list("uin", flat=True)


def test_anonymise_command_deletes_expired_uins(customer, settings):
    settings.SUPPORT_RETENTION_DAYS = 365
    Licence.objects.filter(customer=customer).update(valid_from=date(2020, 1, 1), valid_to=date(2021, 1, 1))
    LearnerUIN.objects.update(created_at=timezone.now() - timedelta(days=800))
    out = io.StringIO()
    call_command("anonymise_fault_reports", "--dry-run", stdout=out)
    assert "would delete 1 expired learner UIN(s)" in out.getvalue() and LearnerUIN.objects.exists()
    call_command("anonymise_fault_reports", stdout=out)
    assert not LearnerUIN.objects.exists()
