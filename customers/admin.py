"""The registry in the Wagtail admin: customers with their licences inline, learners' UINs as a listing
of their own (searched and filtered, never an inline: a customer may have tens of thousands), device keys
issued and revoked, managers' phones, and the UIN lookup staff use while on a call.

The model permissions decide who sees what (``customers/migrations/0003_registry_roles``): the UIN
registry and the lookup need ``customers.view_learneruin``, which only the Support group has.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.forms.models import modelform_factory
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton

from customers.import_admin import import_uins
from customers.models import Customer, DeviceKey, LearnerUIN, Licence, ManagerContact
from customers.queries import installation, normalise_uin

UIN_VIEW_PERM = "customers.view_learneruin"


class CustomerViewSet(ModelViewSet):
    model = Customer
    icon = "group"
    menu_label = gettext_lazy("Customers")
    search_fields = ["name", "inn", "contact_name", "contact_email"]
    search_backend_name = None
    list_display = ["name", "inn", "manager", "channel"]
    list_filter = ["channel", "manager"]
    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("name"), FieldPanel("inn")]), FieldPanel("channel")],
            heading=gettext_lazy("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=gettext_lazy("Contacts"),
        ),
        FieldPanel("manager", help_text=gettext_lazy("Their phone is kept under Managers' phones.")),
        InlinePanel("licences", heading=gettext_lazy("Licences"), label=gettext_lazy("licence")),
    ]


class LicenceViewSet(ModelViewSet):
    """All licences at a glance (they are edited with their customer too)."""

    model = Licence
    icon = "doc-full"
    menu_label = gettext_lazy("Licences")
    list_display = ["customer", "trainer", "seats", "valid_from", "valid_to", "channel"]
    list_filter = ["channel", "customer"]
    form_fields = ["customer", "trainer", "seats", "valid_from", "valid_to", "channel"]


class LearnerUINFilterSet(WagtailFilterSet):
    customer = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Customer"), queryset=Customer.objects.only("pk", "name")
    )

    class Meta:
        model = LearnerUIN
        fields = ["customer"]


class LearnerUINViewSet(ModelViewSet):
    model = LearnerUIN
    icon = "user"
    menu_label = gettext_lazy("Learner UINs")
    search_fields = ["uin"]
    search_backend_name = None
    filterset_class = LearnerUINFilterSet
    list_display = ["uin", "customer", "created_at"]
    list_per_page = 50
    form_fields = ["uin", "customer"]

    @property
    def index_view_class(self):
        return LearnerUINIndexView


class LearnerUINIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("customer")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("customers.add_learneruin"):
            buttons.append(HeaderButton(_("Import"), url=reverse("customers_import"), icon_name="upload"))
        return buttons


class DeviceKeyCreateView(CreateView):
    """Issues a key: the raw key is shown on the answer page, once, and never stored."""

    def form_valid(self, form):
        key, raw = DeviceKey.issue(form.cleaned_data["customer"], form.cleaned_data["name"])
        return TemplateResponse(
            self.request,
            "customers/admin/device_key_issued.html",
            {"key": key, "raw": raw, "index_url": reverse("customers_devicekey:index")},
        )


class RevokedColumn(Column):
    cell_template_name = "customers/admin/revoked_cell.html"


class DeviceKeyIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("customer")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.revoked_at is None and self.request.user.has_perm("customers.change_devicekey"):
            buttons.append(
                ListingButton(
                    _("Revoke"), url=reverse("customers_revoke_key", args=[instance.pk]), icon_name="cross"
                )
            )
        return buttons


class DeviceKeyViewSet(ModelViewSet):
    model = DeviceKey
    icon = "key"
    menu_label = gettext_lazy("Device keys")
    list_display = [
        "name",
        "customer",
        "hint",
        "created_at",
        RevokedColumn("revoked_at", label=gettext_lazy("Revoked")),
    ]
    list_filter = ["customer"]
    add_view_class = DeviceKeyCreateView
    index_view_class = DeviceKeyIndexView
    form_fields = ["customer", "name"]

    def get_form_class(self, for_update=False):
        # A key's secret and customer are fixed at issue; only its name changes, revoking is an action.
        fields = ["name"] if for_update else self.form_fields
        return modelform_factory(self.model, form=WagtailAdminModelForm, fields=fields)


def revoke_key(request, pk):
    if not request.user.has_perm("customers.change_devicekey"):
        raise PermissionDenied
    key = get_object_or_404(DeviceKey.objects.select_related("customer"), pk=pk)
    if request.method == "POST":
        if key.revoked_at is None:
            key.revoked_at = timezone.now()
            key.save(update_fields=["revoked_at"])
        messages.success(
            request, _("Key %(key)s revoked: trainers using it are refused from now on.") % {"key": key}
        )
        return redirect("customers_devicekey:index")
    return TemplateResponse(request, "customers/admin/revoke_key.html", {"key": key})


class ManagerContactViewSet(ModelViewSet):
    model = ManagerContact
    icon = "mobile-alt"
    menu_label = gettext_lazy("Managers' phones")
    list_display = ["user", "phone"]
    form_fields = ["user", "phone"]


class RegistryViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Customers")
    menu_icon = "group"
    menu_order = 260
    items = (
        CustomerViewSet("customers_customer"),
        LicenceViewSet("customers_licence"),
        LearnerUINViewSet("customers_learneruin"),
        DeviceKeyViewSet("customers_devicekey"),
        ManagerContactViewSet("customers_managercontact"),
    )


def uin_lookup(request):
    """For any UIN, its customer, manager and licences on one screen (the report view shows the same)."""
    if not request.user.has_perm(UIN_VIEW_PERM):
        raise PermissionDenied
    uin = normalise_uin(request.GET.get("uin", ""))[:32]
    return TemplateResponse(
        request,
        "customers/admin/uin_lookup.html",
        {"uin": uin, "installation": installation(uin) if uin else None},
    )


def admin_urls():
    return [
        path("customers/lookup/", uin_lookup, name="customers_lookup"),
        path("customers/device-keys/<id:pk>/revoke/", revoke_key, name="customers_revoke_key"),
        path("customers/uins/import/", import_uins, name="customers_import"),
    ]
