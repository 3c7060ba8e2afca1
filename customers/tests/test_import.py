"""Importing UINs from CSV and XLSX through the admin view, on PostgreSQL (integration tier)."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from customers.models import Customer, LearnerUIN

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def csv_file(rows, name="uins.csv"):
    text = "УИН\n" + "".join(f"{row}\n" for row in rows)
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def xlsx_file(rows, name="uins.xlsx"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["UIN"])
    for row in rows:
        sheet.append([row])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def preview(client, customer, upload):
    return client.post(
        "/admin/customers/uins/import/", {"step": "preview", "customer": customer.pk, "file": upload}
    )


def confirm(client, response):
    return client.post(
        "/admin/customers/uins/import/", {"step": "confirm", **response.context["confirm"].initial}
    )


@pytest.mark.parametrize("make_file", [csv_file, xlsx_file])
def test_a_bad_row_imports_nothing_and_names_the_row(client, customer, support_user, make_file):
    other = Customer.objects.create(name="ООО «Другая»", inn="500100732259")
    LearnerUIN.objects.create(customer=other, uin="UIN-OTHER")
    client.force_login(support_user)
    rows = ["UIN-1", "UIN-2", "X" * 40, "UIN-OTHER", "UIN-3"]
    response = preview(client, customer, make_file(rows))
    assert response.status_code == 200
    errors = {number: (value, message) for number, value, message in response.context["errors"]}
    assert set(errors) == {4, 5}  # file rows: the header is row 1
    assert errors[4][0] == "X" * 40 and "32" in errors[4][1]
    assert errors[5] == ("UIN-OTHER", "This UIN belongs to another customer: ООО «Другая».")
    assert "confirm" not in response.context
    assert "nothing was imported" in response.content.decode()
    assert set(LearnerUIN.objects.values_list("uin", flat=True)) == {"UIN-100", "UIN-OTHER"}


@pytest.mark.parametrize("make_file", [csv_file, xlsx_file])
def test_a_good_file_imports_every_row_once(client, customer, support_user, make_file):
    client.force_login(support_user)
    # UIN-100 is registered already; " UIN-7 " repeats a row with spaces around it.
    rows = [f"UIN-{number}" for number in range(1, 301)] + [" UIN-7 "]
    response = preview(client, customer, make_file(rows))
    assert response.context["errors"] == []
    assert response.context["totals"] == {"new": 299, "unchanged": 2, "rows": 301}
    assert LearnerUIN.objects.count() == 1  # a preview stores nothing
    done = confirm(client, response)
    assert done.status_code == 302 and done["Location"].endswith(f"?customer={customer.pk}")
    assert LearnerUIN.objects.filter(customer=customer).count() == 300
    # The confirmation sent again (a reload), and the same file uploaded again, add nothing.
    assert confirm(client, response).status_code == 302
    again = preview(client, customer, make_file(rows))
    assert again.context["totals"] == {"new": 0, "unchanged": 301, "rows": 301}
    confirm(client, again)
    assert LearnerUIN.objects.count() == 300


def test_unreadable_files_get_a_form_error(client, customer, support_user):
    client.force_login(support_user)
    response = preview(client, customer, SimpleUploadedFile("uins.xlsx", b"not a workbook"))
    assert "cannot be read" in response.context["file_error"]
    response = preview(client, customer, SimpleUploadedFile("uins.csv", "name\nИван\n".encode()))
    assert "UIN" in response.context["file_error"]
    response = preview(client, customer, SimpleUploadedFile("uins.txt", b"uin\n1\n"))
    assert response.context["form"].errors["file"]
    assert LearnerUIN.objects.count() == 1
