"""The content security policy: built once from the settings, per response when a view changes it
or uses a nonce, and always the header django-csp's own middleware would write."""

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY, NONCE, SELF
from csp.decorators import csp_exempt, csp_replace, csp_update
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.http import HttpResponse

from website.middleware import CSPMiddleware

OURS = "website.middleware.CSPMiddleware"
LIBRARY = "csp.middleware.CSPMiddleware"


def _page(request):
    return HttpResponse("<p>page</p>")


def _through(middleware_class, rf, view=_page, path="/ru/"):
    return middleware_class(view)(rf.get(path))


def _both(rf, view=_page, path="/ru/"):
    """The response of ``view`` through our middleware and through django-csp's."""
    return _through(CSPMiddleware, rf, view, path), _through(DjangoCSPMiddleware, rf, view, path)


@pytest.mark.django_db
def test_a_page_gets_the_very_header_of_django_csp(client, site_shell, settings):
    assert OURS in settings.MIDDLEWARE
    ours = client.get("/ru/")
    settings.MIDDLEWARE = [LIBRARY if name == OURS else name for name in settings.MIDDLEWARE]
    library = client.get("/ru/")
    assert ours.status_code == library.status_code == 200
    assert ours[HEADER].encode() == library[HEADER].encode()
    assert "object-src 'none'" in ours[HEADER]


def test_the_report_only_policy_is_kept(rf, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {
        "DIRECTIVES": {"default-src": [SELF], "report-uri": "/csp-report/"}
    }
    ours, library = _both(rf)
    assert ours[HEADER_REPORT_ONLY] == library[HEADER_REPORT_ONLY]
    assert "report-uri /csp-report/" in ours[HEADER_REPORT_ONLY]
    assert ours[HEADER] == library[HEADER]


@pytest.mark.parametrize(
    "decorator",
    [
        csp_update({"img-src": "https://images.example.org"}),
        csp_replace({"img-src": "https://images.example.org"}),
        csp_update({"img-src": "https://images.example.org"}, REPORT_ONLY=True),
    ],
)
def test_a_view_that_changes_the_policy_gets_its_own(rf, settings, decorator):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": [SELF]}}
    plain = _through(CSPMiddleware, rf)
    ours, library = _both(rf, decorator(_page))
    assert (ours[HEADER], ours[HEADER_REPORT_ONLY]) == (library[HEADER], library[HEADER_REPORT_ONLY])
    assert "images.example.org" in ours[HEADER] + ours[HEADER_REPORT_ONLY]
    # The policy of the settings is not touched by one view's change.
    again = _through(CSPMiddleware, rf)
    assert (again[HEADER], again[HEADER_REPORT_ONLY]) == (plain[HEADER], plain[HEADER_REPORT_ONLY])
    assert "images.example.org" not in again[HEADER] + again[HEADER_REPORT_ONLY]


def test_an_exempt_view_and_the_admin_get_no_policy(rf):
    assert HEADER not in _through(CSPMiddleware, rf, csp_exempt()(_page))
    assert HEADER not in _through(CSPMiddleware, rf, path="/admin/pages/")


def _nonce_page(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')


def test_every_response_that_uses_the_nonce_gets_a_fresh_one(rf, settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": [SELF], "script-src": [SELF, NONCE]}}
    first, second = (_through(CSPMiddleware, rf, _nonce_page) for _ in range(2))
    nonces = []
    for response in (first, second):
        nonce = response.content.decode().split('"')[1]
        assert f"script-src 'self' 'nonce-{nonce}'" in response[HEADER]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
    # A page that uses no nonce gets the policy without one, as django-csp writes it.
    ours, library = _both(rf)
    assert ours[HEADER] == library[HEADER]
    assert "script-src 'self'" in ours[HEADER] and "nonce" not in ours[HEADER]


def test_the_policies_of_the_settings_are_built_once(rf, settings, monkeypatch):
    from website import middleware

    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": [SELF]}}
    built = []
    build = middleware.build_policy
    monkeypatch.setattr(middleware, "build_policy", lambda **kw: built.append(kw) or build(**kw))
    responses = [_through(CSPMiddleware, rf) for _ in range(3)]
    assert len({(r[HEADER], r[HEADER_REPORT_ONLY]) for r in responses}) == 1
    assert built == [{"report_only": False}, {"report_only": True}]
