"""The "Request a demo" form: from the trainer page to the staff e-mail in the outbox and the admin."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import Locale

from catalogue import demo
from catalogue.tests.conftest import make_trainer
from support.notifications.models import OutboxMessage
from website import bootstrap
from website.demo.context import DemoContext
from website.models import DemoRequest, DemoRequestPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer(site_shell, settings, tmp_path):
    """A published welding trainer in ru and en; returns ``{lang: page}``."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEMO_REQUEST_RATE = "1000/m"
    ctx = site_shell
    ctx.taxonomy = demo.ensure_taxonomy(ctx)
    ctx.catalogue = demo.ensure_catalogue(ctx)
    ctx.images = demo.ensure_industry_images()
    ru, en = make_trainer(ctx, "weld-vr", "welding", ["quest-3"], title=None)
    return {"ru": ru, "en": en}


@pytest.fixture
def sales_user(db):
    user = get_user_model().objects.create_user("sales", "sales@vt-pro.ru", "pw")
    user.groups.add(Group.objects.get(name="Sales"))
    return user


def form_data(trainer_id, **overrides):
    return {
        "name": "Иван Петров",
        "organisation": "АО «Энергосеть»",
        "email": "petrov@example.com",
        "phone": "8 (916) 123-45-67",
        "trainer": str(trainer_id),
        "learners": "25",
        "message": "Интересует демонстрация на площадке.",
        "consent": "on",
        "submission": "6f2c1c1e-8d0e-4a61-9b59-0a5b1f0f3c11",
    } | overrides


def test_trainer_page_button_opens_the_form_with_the_trainer(client, trainer):
    for lang, page in trainer.items():
        html = client.get(page.url).content.decode()
        assert f'href="/{lang}/demo/?trainer={page.pk}"' in html
        form = client.get(f"/{lang}/demo/?trainer={page.pk}").content.decode()
        assert f'<option value="{page.pk}" selected>' in form


def test_an_editor_chosen_link_still_wins(client, trainer):
    page = trainer["en"]
    page.cta_url = "https://vt-pro.ru/contact"
    page.save_revision().publish()
    assert 'href="https://vt-pro.ru/contact"' in client.get(page.url).content.decode()


def test_trainer_is_preselected_by_slug_and_only_of_the_page_language(client, trainer):
    html = client.get("/ru/demo/?trainer=weld-vr").content.decode()
    assert f'<option value="{trainer["ru"].pk}" selected>' in html
    # The English trainer is no choice on the Russian form.
    assert f'value="{trainer["en"].pk}"' not in html
    html = client.get(f"/ru/demo/?trainer={trainer['en'].pk}").content.decode()
    assert '<option value="" selected>' in html


def test_valid_request_is_stored_mailed_to_sales_and_redirected(client, trainer, sales_user):
    response = client.post("/ru/demo/", form_data(trainer["ru"].pk))
    assert response.status_code == 303
    assert response["Location"] == "/ru/demo/?sent=1"
    demo_request = DemoRequest.objects.get()
    assert demo_request.phone == "+79161234567"
    assert demo_request.trainer == trainer["ru"]
    assert demo_request.trainer_title == trainer["ru"].title
    assert demo_request.learners == 25
    assert demo_request.language == "ru"
    assert demo_request.consented_at is not None
    mail = OutboxMessage.objects.get()
    assert (mail.channel, mail.recipient, mail.template) == ("email", "sales@vt-pro.ru", "demo_request")
    assert mail.source == demo_request
    assert "АО «Энергосеть»" in mail.subject
    assert "+79161234567" in mail.body
    assert f"/admin/demo-requests/inspect/{demo_request.pk}/" in mail.body
    thanks = client.get(response["Location"]).content.decode()
    assert "Спасибо, ваш запрос получен" in thanks


def test_the_same_form_sent_twice_makes_one_request(client, trainer, sales_user):
    data = form_data(trainer["ru"].pk)
    first = client.post("/ru/demo/", data)
    again = client.post("/ru/demo/", data)  # reload of the POST, or a double click
    assert first.status_code == again.status_code == 303
    client.get("/ru/demo/?sent=1")  # reloading the confirmation sends nothing either
    assert DemoRequest.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


@pytest.mark.parametrize(
    ("lang", "phone_error", "consent_error"),
    [
        ("ru", "Введите корректный номер телефона", "Без вашего согласия мы не можем обработать запрос."),
        ("en", "Enter a valid phone number", "Without your consent we cannot process the request."),
    ],
)
def test_bad_input_keeps_what_was_typed_in_the_visitor_language(
    client, trainer, lang, phone_error, consent_error
):
    data = form_data(trainer[lang].pk, phone="12", learners="0", organisation="ООО Ромашка")
    del data["consent"]
    response = client.post(f"/{lang}/demo/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert phone_error in html
    assert consent_error in html
    assert 'value="ООО Ромашка"' in html
    assert 'value="petrov@example.com"' in html
    assert "Интересует демонстрация на площадке." in html
    assert f'<option value="{trainer[lang].pk}" selected>' in html
    assert not DemoRequest.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_rate_limit_per_address(client, trainer, settings):
    settings.DEMO_REQUEST_RATE = "1/h"
    assert client.post("/en/demo/", form_data(trainer["en"].pk)).status_code == 303
    second = form_data(trainer["en"].pk, submission="0a8e1a5e-2b8c-4a0e-8a56-5b0f8a1c2d33")
    response = client.post("/en/demo/", second)
    assert response.status_code == 429
    assert "in an hour" in response.content.decode()
    assert DemoRequest.objects.count() == 1


def test_without_sales_staff_the_support_address_hears_of_it(client, trainer):
    client.post("/en/demo/", form_data(trainer["en"].pk))
    assert OutboxMessage.objects.get().recipient == "support@vt-pro.ru"


def test_only_the_sales_role_reads_requests(client, trainer, sales_user):
    client.post("/ru/demo/", form_data(trainer["ru"].pk))
    demo_request = DemoRequest.objects.get()
    staff_editor = get_user_model().objects.create_user("editor", "editor@vt-pro.ru", "pw", is_staff=True)
    staff_editor.groups.add(Group.objects.get(name="Editors"))
    staff_editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    urls = ["/admin/demo-requests/", f"/admin/demo-requests/inspect/{demo_request.pk}/"]
    client.force_login(staff_editor)
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), url
    client.force_login(sales_user)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Иван Петров" in response.content.decode()
    # Requests are what the visitor sent: sales may read and delete them, nobody edits them.
    assert sales_user.has_perm("website.delete_demorequest")
    assert not sales_user.has_perm("website.change_demorequest")


def test_bootstrap_makes_the_form_pages_once(site_shell):
    bootstrap.load(DemoContext(stdout=io.StringIO()))
    pages = DemoRequestPage.objects.all()
    assert pages.count() == 2
    ru = pages.get(locale=Locale.objects.get(language_code="ru"))
    en = ru.get_translation(Locale.objects.get(language_code="en"))
    assert (ru.url, en.url) == ("/ru/demo/", "/en/demo/")
    assert ru.live and en.live
    assert en.title == "Request a demo"
