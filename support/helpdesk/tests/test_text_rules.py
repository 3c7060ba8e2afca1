"""Text a person typed is stored readable: invisible characters go, unreadable text is refused, a name has
letters. The same rules hold on the form (in the page's language) and the API."""

import json
from urllib.parse import quote

import pytest

from support.helpdesk import validators
from support.helpdesk.models import FaultReport
from support.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Иванов\u200b Иван", "Иванов Иван"),
        ("\ufeffПётр Петров", "Пётр Петров"),
        ("Ann\u202e Lee", "Ann Lee"),  # a right-to-left override would reorder what staff read
        ("Е\u0308лкина Анна", "Ёлкина Анна"),  # NFC: one letter, as typed on another keyboard
    ],
)
def test_invisible_characters_are_dropped(raw, cleaned):
    assert validators.clean_full_name(raw) == cleaned


@pytest.mark.parametrize("raw", ["\u200b\u200b", "\u200b \u200d", "--", "12", "\u00ad\u00ad\u00ad"])
def test_a_name_needs_letters(raw):
    with pytest.raises(validators.forms.ValidationError):
        validators.clean_full_name(raw)


@pytest.mark.parametrize("raw", ["Иван \ufffd\ufffd", "Ivan\x07 Petrov", "Ivan\x1bPetrov"])
def test_unreadable_or_control_text_is_refused(raw):
    with pytest.raises(validators.forms.ValidationError):
        validators.clean_full_name(raw)
    with pytest.raises(validators.forms.ValidationError):
        validators.clean_description(raw + " and more words here")


def test_a_description_keeps_its_lines():
    assert validators.clean_description("Line one\n\tline two\r\nthree") == "Line one\n\tline two\r\nthree"


def test_the_form_refuses_a_zero_width_name_in_the_page_language(client, support_pages, valid_data):
    for language, message in (("ru", "Укажите ФИО"), ("en", "Enter your full name.")):
        data = {**valid_data, "full_name": "\u200b\u200b"}
        response = client.post(f"/{language}/support/", data)
        assert response.status_code == 400
        body = response.content.decode()
        assert message in body
        assert valid_data["description"] in body  # what was typed stays
    assert FaultReport.objects.count() == 0 and OutboxMessage.objects.count() == 0


def test_the_form_refuses_bytes_in_another_encoding(client, support_pages, valid_data):
    """A name sent in Windows-1251 to a UTF-8 form arrives as U+FFFD replacement characters."""
    body = "&".join(f"{key}={quote(str(value))}" for key, value in valid_data.items() if key != "full_name")
    raw = body.encode() + b"&full_name=" + quote("Иванов Иван".encode("cp1251")).encode()
    response = client.generic("POST", "/ru/support/", raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "не удалось прочитать" in response.content.decode()
    assert FaultReport.objects.count() == 0


def test_the_api_refuses_the_same_names(client, support_pages, valid_data):
    payload = {key: valid_data[key] for key in ("full_name", "uin", "phone", "description")}
    payload["consent"] = True
    for name in ("\u200b\u200b", "Иван \ufffd"):
        response = client.post(
            "/api/v1/support/fault-reports",
            json.dumps({**payload, "full_name": name}),
            content_type="application/json",
            headers={"accept-language": "en"},
        )
        assert response.status_code == 400, response.content
        assert "full_name" in response.json()["error"]["fields"]
    assert FaultReport.objects.count() == 0
