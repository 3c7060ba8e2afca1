"""Fixtures of the registry tests: a trainer page, a customer with a manager and a licence, users."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.utils import translation
from wagtail.users.models import UserProfile


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the source language)."""
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()


@pytest.fixture
def trainer(make_trainer):
    return make_trainer()[0]


@pytest.fixture
def manager(db):
    from customers.models import ManagerContact

    user = get_user_model().objects.create_user(
        "manager", "manager@vt-pro.ru", "pw", first_name="Мария", last_name="Петрова", is_staff=True
    )
    ManagerContact.objects.create(user=user, phone="+79161234567")
    return user


@pytest.fixture
def customer(manager, trainer):
    from customers.models import Customer, LearnerUIN, Licence

    customer = Customer.objects.create(
        name="АО «Кран-Сервис»", inn="7707083893", manager=manager, contact_name="Иван"
    )
    Licence.objects.create(
        customer=customer, trainer=trainer, seats=25, valid_from=date(2026, 1, 1), valid_to=date(2027, 12, 31)
    )
    LearnerUIN.objects.create(customer=customer, uin="UIN-100")
    return customer


@pytest.fixture
def support_user(db):
    user = get_user_model().objects.create_user("agent", "agent@vt-pro.ru", "pw")
    user.groups.add(Group.objects.get(name="Support"))
    # The admin speaks the user's language; messages are asserted in English.
    UserProfile.objects.create(user=user, preferred_language="en")
    return user


@pytest.fixture
def sales_user(db):
    user = get_user_model().objects.create_user("seller", "seller@vt-pro.ru", "pw")
    user.groups.add(Group.objects.get(name="Sales"))
    return user


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("editor", "editor@vt-pro.ru", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user
