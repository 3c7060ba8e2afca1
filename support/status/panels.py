"""Admin panel showing on a notice when and to how many recipients it was sent."""

from wagtail.admin.panels import Panel


class DispatchSummaryPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "support/maintenance/admin/dispatch_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["dispatches"] = instance.dispatches()[:20] if instance.pk else []
            return context
