"""An empty URLconf: see ``api.FaultReportStatusView`` (stops LocaleMiddleware redirecting API 404s)."""

urlpatterns = []
