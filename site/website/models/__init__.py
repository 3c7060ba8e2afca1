from .demo_requests import DemoRequest, DemoRequestPage
from .pages import HomePage, StandardPage
from .settings import CompanyName, SiteContacts

__all__ = ["CompanyName", "DemoRequest", "DemoRequestPage", "HomePage", "SiteContacts", "StandardPage"]
