"""``ensure_admin`` (``make run``): the local admin's password stays the same between runs."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from website.management.commands import ensure_admin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def password_file(tmp_path, monkeypatch):
    path = tmp_path / "var" / "admin-password"
    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", path)
    return path


def run(*args):
    out = io.StringIO()
    call_command("ensure_admin", *args, stdout=out)
    return re.search(r"Password:\s+(\S+)", out.getvalue()).group(1), out.getvalue()


def test_the_password_is_kept_between_runs_and_reset_on_request(password_file):
    first, output = run()
    assert "/admin/" in output and "new user" in output
    assert password_file.stat().st_mode & 0o777 == 0o600
    second, output = run()
    assert second == first and "same as last time" in output
    third, _output = run("--reset")
    assert third != first
    user = get_user_model().objects.get(username="admin")
    assert user.check_password(third) and user.is_superuser and user.is_staff


def test_a_password_changed_elsewhere_is_replaced_not_printed(password_file):
    first, _output = run()
    user = get_user_model().objects.get(username="admin")
    user.set_password("changed-in-the-admin")
    user.save()
    second, output = run()
    assert second != first and "new password" in output
    assert get_user_model().objects.get(username="admin").check_password(second)


def test_refused_where_demo_data_is_off(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("ensure_admin", stdout=io.StringIO())
