import pytest

from customers.models import Customer, DeviceKey, LearnerUIN

pytestmark = pytest.mark.django_db


def test_uin_registry_and_lookup_are_for_support_only(client, customer, support_user, sales_user, editor):
    for user in (sales_user, editor):
        client.force_login(user)
        assert client.get("/admin/customers_learneruin/").status_code in (302, 403)
        assert client.get("/admin/customers/lookup/?uin=UIN-100").status_code in (302, 403)
    client.force_login(sales_user)
    # Sales see the organisations and their licences, not the learners.
    assert client.get("/admin/customers_customer/").status_code == 200
    client.force_login(support_user)
    assert client.get("/admin/customers_learneruin/").status_code == 200


def test_uin_listing_searches_and_filters_by_customer(client, customer, support_user):
    other = Customer.objects.create(name="ООО «Другая»", inn="500100732259")
    LearnerUIN.objects.create(customer=other, uin="UIN-200")
    client.force_login(support_user)
    body = client.get("/admin/customers_learneruin/?q=UIN-2").content.decode()
    assert "UIN-200" in body and "UIN-100" not in body
    body = client.get(f"/admin/customers_learneruin/?customer={customer.pk}").content.decode()
    assert "UIN-100" in body and "UIN-200" not in body


def test_lookup_shows_customer_manager_and_licences(client, customer, support_user):
    client.force_login(support_user)
    body = client.get("/admin/customers/lookup/?uin=UIN-100").content.decode()
    assert "АО «Кран-Сервис»" in body
    assert "Петрова" in body and "+79161234567" in body
    # The licence names the trainer in the admin's language (this user's is English).
    assert "Overhead crane" in body and "Кран мостовой" not in body and "25" in body
    body = client.get("/admin/customers/lookup/?uin=UIN-404").content.decode()
    assert "not in the registry" in body


def test_device_key_is_shown_once_then_revoked(client, customer, support_user):
    client.force_login(support_user)
    response = client.post("/admin/customers_devicekey/new/", {"customer": customer.pk, "name": "Класс 1"})
    assert response.status_code == 200
    raw = response.context["raw"]
    key = DeviceKey.objects.get()
    assert raw.startswith(key.hint) and raw not in key.key_hash
    assert DeviceKey.customer_for(raw) == customer
    listing = client.get("/admin/customers_devicekey/").content.decode()
    assert raw not in listing and f"/admin/customers/device-keys/{key.pk}/revoke/" in listing
    assert client.post(f"/admin/customers/device-keys/{key.pk}/revoke/").status_code == 302
    assert DeviceKey.customer_for(raw) is None


def test_customer_form_refuses_bad_inn_and_phone(client, support_user, manager):
    client.force_login(support_user)
    data = {
        "name": "ООО «Ромашка»",
        "inn": "7707083894",
        "channel": "stable",
        "contact_phone": "12",
        "manager": manager.pk,
        "licences-TOTAL_FORMS": "0",
        "licences-INITIAL_FORMS": "0",
        "licences-MIN_NUM_FORMS": "0",
        "licences-MAX_NUM_FORMS": "1000",
    }
    response = client.post("/admin/customers_customer/new/", data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"inn", "contact_phone"}
    assert not Customer.objects.exists()
    data.update(inn="7707083893", contact_phone="8 916 123 45 67")
    assert client.post("/admin/customers_customer/new/", data).status_code == 302
    assert Customer.objects.get().contact_phone == "+79161234567"
