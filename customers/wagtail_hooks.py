"""The customer registry in the admin (see ``customers.admin``)."""

from django.urls import reverse_lazy as reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from customers import admin


@hooks.register("register_admin_viewset")
def register_viewsets():
    return admin.RegistryViewSetGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return admin.admin_urls()


class LookupMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin.UIN_VIEW_PERM)


@hooks.register("register_admin_menu_item")
def register_lookup_menu_item():
    return LookupMenuItem(
        _("UIN lookup"), reverse("customers_lookup"), icon_name="search", name="uin-lookup", order=261
    )
