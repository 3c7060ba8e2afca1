"""The admin view that imports a customer's UINs: upload, preview (every row's error), confirm.

The confirmation carries the file back in the form (base64): the server keeps nothing between the two
steps, and the confirmed import validates every row again, so an altered or replayed form can do no more
than an upload could.
"""

import base64
import binascii

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from customers import importing
from customers.models import Customer

IMPORT_PERM = "customers.add_learneruin"


class UploadForm(forms.Form):
    customer = forms.ModelChoiceField(
        label=gettext_lazy("Customer"), queryset=Customer.objects.only("pk", "name")
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8, comma or semicolon) or XLSX; the first row names a “UIN” column."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rpartition(".")[2].lower()
        if extension not in importing.FORMATS:
            raise forms.ValidationError(_("Send a .csv or .xlsx file."))
        if upload.size > importing.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB: split it."))
        self.file_format = extension
        return upload.read()


class ConfirmForm(forms.Form):
    customer = forms.ModelChoiceField(queryset=Customer.objects.all(), widget=forms.HiddenInput)
    file_format = forms.ChoiceField(
        choices=[(name, name) for name in importing.FORMATS], widget=forms.HiddenInput
    )
    data = forms.CharField(widget=forms.HiddenInput)

    def clean_data(self):
        try:
            return base64.b64decode(self.cleaned_data["data"], validate=True)
        except (binascii.Error, ValueError):
            raise forms.ValidationError(_("The file was altered: upload it again.")) from None


def import_uins(request):
    if not request.user.has_perm(IMPORT_PERM):
        raise PermissionDenied
    context = {"form": UploadForm()}
    if request.method == "POST" and request.POST.get("step") == "confirm":
        confirm = ConfirmForm(request.POST)
        if not confirm.is_valid():
            messages.error(request, _("The import form is not valid: upload the file again."))
            return redirect("customers_import")
        customer, file_format = confirm.cleaned_data["customer"], confirm.cleaned_data["file_format"]
        context = _outcome(request, customer, confirm.cleaned_data["data"], file_format, dry_run=False)
        if context.get("done"):
            messages.success(
                request,
                _("%(new)d UIN(s) added to %(customer)s, %(unchanged)d already there.")
                % {**context["totals"], "customer": customer.name},
            )
            return redirect(reverse("customers_learneruin:index") + f"?customer={customer.pk}")
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        context = {"form": form}
        if form.is_valid():
            customer = form.cleaned_data["customer"]
            context = _outcome(request, customer, form.cleaned_data["file"], form.file_format, dry_run=True)
    return TemplateResponse(request, "customers/admin/import.html", context)


def _outcome(request, customer, data, file_format, *, dry_run):
    """The page's context after a preview or an import of ``data``."""
    context = {"form": UploadForm(initial={"customer": customer}), "customer": customer}
    try:
        dataset = importing.read_table(data, file_format)
    except importing.ImportFileError as exc:
        context["file_error"] = str(exc)
        return context
    result = importing.run(customer, dataset, dry_run=dry_run)
    errors = importing.row_errors(result)
    context.update(errors=errors, totals=importing.totals(result), previewed=True)
    if errors:
        return context
    if dry_run:
        context["confirm"] = ConfirmForm(
            initial={
                "customer": customer.pk,
                "file_format": file_format,
                "data": base64.b64encode(data).decode(),
            }
        )
    else:
        context["done"] = True
    return context
