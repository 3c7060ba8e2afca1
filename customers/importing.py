"""Importing a customer's learner UINs from CSV or XLSX (django-import-export's Resource, driven by
the registry's admin view): a dry run previews every row's outcome and error, and the import itself
runs in one transaction that stores nothing when any row fails. A UIN already registered to the
customer is left as it is, so sending the same file again, or reloading the confirmation, adds nothing.
"""

import csv
import io

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from import_export import fields, instance_loaders, resources

from customers.models import Customer, LearnerUIN
from customers.queries import normalise_uin

MAX_BYTES = 5 * 1024 * 1024
FORMATS = ("csv", "xlsx")
# Column titles a customer's spreadsheet may use for the identifier (compared in lower case).
UIN_HEADERS = {"uin", "уин", "user identifier (uin)", "идентификатор"}


class ImportFileError(Exception):
    """The file cannot be read as a table of UINs; the message says why, in the user's language."""


class LearnerUINResource(resources.ModelResource):
    """One ``uin`` column, every row for ``customer``. Tens of thousands of rows import in a few queries:
    the registered UINs of the file are loaded at once, new ones are inserted in batches, and nothing
    is asked of the database per row."""

    uin = fields.Field(attribute="uin", column_name="uin")

    class Meta:
        model = LearnerUIN
        fields = ("uin",)
        import_id_fields = ("uin",)
        instance_loader_class = instance_loaders.CachedInstanceLoader
        skip_diff = True
        report_skipped = True
        use_transactions = True
        use_bulk = True
        batch_size = 1000

    def __init__(self, customer):
        super().__init__()
        self.target = customer
        self.seen = set()

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.pk is None:
            instance.customer = self.target
        elif instance.customer_id != self.target.pk:
            # Moving a learner between organisations is a decision for staff, not a side effect of a file.
            other = Customer.objects.filter(pk=instance.customer_id).values_list("name", flat=True).first()
            raise ValidationError(
                {"uin": _("This UIN belongs to another customer: %(name)s.") % {"name": other}}
            )

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """A UIN already registered to the customer, or repeated in the file, is left as it is."""
        if import_validation_errors:
            return False
        repeated = instance.uin in self.seen
        self.seen.add(instance.uin)
        return instance.pk is not None or repeated

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The field rules only: uniqueness is settled above (the loader knows the registered UINs,
        # ``seen`` the file's), and the customer is the one chosen in the form.
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude=[*errors, "customer"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def read_table(data: bytes, file_format: str) -> tablib.Dataset:
    """The file's rows as a dataset with one ``uin`` column; raises ``ImportFileError``."""
    if file_format not in FORMATS:
        raise ImportFileError(_("Send a .csv or .xlsx file."))
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB: split it."))
    try:
        if file_format == "csv":
            text = data.decode("utf-8-sig")
            # Spreadsheets in a Russian locale save CSV with semicolons; the header line tells.
            header_line = text.partition("\n")[0]
            delimiter = next((mark for mark in ";\t" if mark in header_line), ",")
            rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
            headers, body = (rows[0], rows[1:]) if rows else ([], [])
            dataset = tablib.Dataset(
                *[tuple(row) for row in body if any(cell.strip() for cell in row)], headers=headers
            )
        else:
            dataset = tablib.Dataset().load(data, format="xlsx")
    except (UnicodeDecodeError, csv.Error, tablib.InvalidDimensions, ValueError, KeyError, OSError) as exc:
        raise ImportFileError(
            _("The file cannot be read as %(format)s: %(error)s")
            % {"format": file_format.upper(), "error": exc}
        ) from exc
    except Exception as exc:  # openpyxl raises its own errors on a damaged workbook
        raise ImportFileError(
            _("The file cannot be read as %(format)s.") % {"format": file_format.upper()}
        ) from exc
    headers = [str(header or "").strip().lower() for header in dataset.headers or []]
    column = next((index for index, header in enumerate(headers) if header in UIN_HEADERS), None)
    if column is None:
        raise ImportFileError(_("The first row must name a “UIN” column."))
    uins = tablib.Dataset(headers=["uin"])
    for row in dataset:
        value = row[column] if column < len(row) else ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a spreadsheet turns numeric UINs into floats
        uins.append([normalise_uin(value)])
    if not len(uins):
        raise ImportFileError(_("The file has no rows under its header."))
    return uins


def run(customer: Customer, dataset: tablib.Dataset, *, dry_run: bool):
    """Import (or preview) ``dataset`` for ``customer``; returns the import-export ``Result``.

    Nothing is stored when ``dry_run`` is set or when any row is invalid."""
    resource = LearnerUINResource(customer)
    with transaction.atomic():
        result = resource.import_data(
            dataset,
            dry_run=dry_run,
            use_transactions=True,
            rollback_on_validation_errors=True,
            raise_errors=False,
        )
        if result.has_errors() or result.has_validation_errors():
            transaction.set_rollback(True)
    return result


def row_errors(result) -> list[tuple[int, str, str]]:
    """``(row number in the file, its UIN, message)`` for each failed row; the header is row 1."""
    problems = [
        (number + 1, "", "; ".join(str(error.error) for error in errors))
        for number, errors in result.row_errors()
    ]
    for invalid in result.invalid_rows:
        messages = [
            message for field_messages in invalid.field_specific_errors.values() for message in field_messages
        ] + list(invalid.non_field_specific_errors)
        value = invalid.values[0] if invalid.values else ""
        problems.append((invalid.number + 1, str(value), " ".join(str(message) for message in messages)))
    return sorted(problems)


def totals(result) -> dict:
    return {
        "new": result.totals.get("new", 0),
        "unchanged": result.totals.get("skip", 0),
        "rows": result.total_rows,
    }
