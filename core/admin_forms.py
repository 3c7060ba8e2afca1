"""Page editor forms whose choices of translatable things (taxonomy snippets, other pages) list only
those of the page's own locale.

Wagtail lists every row in a select or checkbox list, in every language (wagtail/wagtail#10328, still
open; its choosers only add a locale switcher), so an editor of a Russian trainer would see each
industry twice and could link an English page. Choices already made stay offered even from another
locale: a wagtail-localize copy may still point at the source language's rows, and hiding them would
make the page fail validation instead of showing what it holds.
"""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import TranslatableMixin


def _chosen_pks(value):
    """Primary keys of a field's initial value: a key, a row, or (many-to-many) a list or queryset."""
    if value is None or value == "":
        return []
    values = [value] if isinstance(value, str | int) or hasattr(value, "pk") else list(value)
    return [getattr(item, "pk", item) for item in values]


def restrict_to_locale(form, locale_id):
    """Limit ``form``'s choices of translatable models to ``locale_id`` (plus what it has chosen)."""
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not issubclass(queryset.model, TranslatableMixin):
            continue
        chosen = _chosen_pks(form.initial.get(name))
        field.queryset = queryset.filter(Q(locale_id=locale_id) | Q(pk__in=chosen))


class LocaleChoicesPageForm(WagtailAdminPageForm):
    """Applies :func:`restrict_to_locale` to the page form and to every form of its inline panels
    (also the empty one the editor's "Add" button copies)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if locale_id is None:
            return
        restrict_to_locale(self, locale_id)
        for formset in self.formsets.values():
            formset.add_fields = self._restricting(formset.add_fields, locale_id)
            for form in formset.forms:
                restrict_to_locale(form, locale_id)

    @staticmethod
    def _restricting(add_fields, locale_id):
        # Django builds each child form, and the empty template form, through ``add_fields``.
        def wrapped(form, index):
            add_fields(form, index)
            restrict_to_locale(form, locale_id)

        return wrapped
