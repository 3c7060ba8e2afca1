from .pages import HomePage, StandardPage
from .settings import CompanyName, SiteContacts

__all__ = ["CompanyName", "HomePage", "SiteContacts", "StandardPage"]
