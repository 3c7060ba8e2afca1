"""``/api/docs/``: Swagger UI from our static files, under the site's CSP without inline code."""

import re

import pytest
from django.contrib.staticfiles import finders
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db


def _csp(response):
    directives = [directive.split() for directive in response["Content-Security-Policy"].split(";")]
    return {words[0]: words[1:] for words in directives if words}


def test_the_docs_page_loads_swagger_ui_from_our_static_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any(src.endswith("swagger-ui-bundle.js") for src in sources)
    for src in sources:
        assert src.startswith("/"), src  # nothing from a CDN
        if src.startswith("/static/"):
            assert finders.find(src.removeprefix("/static/")), src
    # Every script has a source and no style is inline: the CSP below allows neither otherwise.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html and " style=" not in html
    csp = _csp(response)
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]


def test_the_start_up_script_is_a_same_origin_file_pointing_at_the_schema(client):
    page = client.get("/api/docs/").content.decode()
    script_url = next(
        src for src in re.findall(r'<script src="([^"]+)"', page) if "script" in src.split("?")[-1]
    )
    response = client.get(script_url.replace("&amp;", "&"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    body = response.content.decode()
    assert "/api/schema/" in body and '"validatorUrl": null' in body


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_swagger_ui_renders_the_schema_without_a_csp_violation(live_server, browser_page):
    page = browser_page
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("VT Platform API", timeout=15_000)
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/catalogue/simulators")).to_be_visible()
    assert not [text for text in console if "Content Security Policy" in text], console
