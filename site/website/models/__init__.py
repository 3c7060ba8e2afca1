from .pages import HomePage, StandardPage
from .settings import SiteContacts

__all__ = ["HomePage", "SiteContacts", "StandardPage"]
