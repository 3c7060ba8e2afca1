"""Presigned media URLs are reused only while they stay valid for a whole page-cache lifetime."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from website import storage as media

pytestmark = pytest.mark.django_db(databases=[])


@pytest.fixture
def store(settings):
    settings.PAGE_CACHE_SECONDS = 600
    return media.MediaStorage(
        bucket_name="vt-media",
        endpoint_url="http://127.0.0.1:1",
        access_key="test",
        secret_key="test-secret",
        region_name="us-east-1",
        addressing_style="path",
        signature_version="s3v4",
        querystring_expire=3600,
    )


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(media.time, "monotonic", lambda: now[0])
    return now


def signing_date(url):
    return parse_qs(urlsplit(url).query)["X-Amz-Date"][0]


def test_a_url_is_reused_while_it_outlives_a_cached_page(store, clock, monkeypatch):
    first = store.url("images/hero.jpg")
    assert "X-Amz-Signature=" in first
    # Sign the next URL "later": a reused URL keeps its first signing date.
    monkeypatch.setattr("botocore.auth.get_current_datetime", _an_hour_later)
    clock[0] += store.reuse_seconds() - 1
    assert store.url("images/hero.jpg") == first
    clock[0] += 2
    fresh = store.url("images/hero.jpg")
    assert signing_date(fresh) != signing_date(first)


def test_no_reuse_when_urls_expire_before_cached_pages(store, clock, monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 3600
    first = store.url("images/hero.jpg")
    monkeypatch.setattr("botocore.auth.get_current_datetime", _an_hour_later)
    assert signing_date(store.url("images/hero.jpg")) != signing_date(first)


def test_explicit_expiry_is_signed_every_time(store, monkeypatch):
    first = store.url("images/hero.jpg", expire=60)
    monkeypatch.setattr("botocore.auth.get_current_datetime", _an_hour_later)
    assert signing_date(store.url("images/hero.jpg", expire=60)) != signing_date(first)


def _an_hour_later():
    """Stands in for botocore's clock when signing: one hour ahead, so a new signature differs."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None) + datetime.timedelta(hours=1)
