"""Every public URL, with hostile values in each of its parameters, answers below 500.

The values are the classes a probe found server errors with: integers past the bigint range, digits of
other scripts, NUL bytes, symbol-only search terms, deep JSON, oversized bodies, non-Latin cookie keys.
The same requests run on PostgreSQL in ``test_hostile_input_postgres``, where a number past the bigint
range fails differently ("bigint out of range") than on SQLite (OverflowError).
"""

import json
from urllib.parse import quote

from django.test import Client

HOSTILE_VALUES = [
    "-1",
    "0",
    str(2**63),
    str(2**64),
    "9" * 40,
    "1e9",
    "1.5",
    "²",
    "٣",
    "３",
    " ",
    "\x00",
    "a\x00b",
    "!!!",
    "—",
    "??",
    "😀",
    "%",
    "\u200b",
    "\ufffd",
    "<script>",
    "' OR 1=1--",
    "../../etc/passwd",
    "x" * 5000,
    "[]",
    "NaN",
]

# Each public endpoint with the parameters it reads (and a few it does not).
QUERY_PARAMETERS = {
    "/api/v1/catalogue/simulators": [
        "locale", "page", "per_page", "duration_min", "duration_max", "industry", "platform", "sort",
    ],
    "/api/v1/search": ["q", "page", "locale", "type", "industry", "platform"],
    "/api/v1/search/suggest": ["q", "locale"],
    "/api/v1/release-notes": ["locale", "trainer", "page"],
    "/api/v1/maintenance": ["lang", "trainer", "when"],
    "/api/v1/maintenance/calendar.ics": ["lang", "trainer"],
    "/api/v1/support/fault-reports/VT-2026-00001": ["token"],
    "/feeds/release-notes.rss": ["lang", "trainer"],
    "/feeds/release-notes.atom": ["lang", "trainer"],
    "/feeds/maintenance.rss": ["lang"],
    "/feeds/maintenance.atom": ["lang"],
    "/api/v2/pages/": [
        "offset", "limit", "type", "search", "search_operator", "order", "fields", "child_of",
        "descendant_of", "locale", "id", "translation_of",
    ],
    "/api/v2/images/": ["offset", "limit", "search", "order", "id"],
    "/api/v2/documents/": ["offset", "limit", "search", "order"],
    "/ru/search/": ["q", "type", "page", "industry", "platform"],
    "/en/search/": ["q", "page"],
    "/ru/catalogue/": ["page", "per_page", "duration_min", "duration_max", "industry", "sort"],
    "/en/catalogue/": ["page", "duration_min"],
    "/ru/support/": ["trainer"],
    "/ru/release-notes/": ["page"],
    "/ru/support/track/VT-2026-00001/": ["token", "replied"],
    "/sitemap.xml": ["p"],
}  # fmt: skip

PATH_TEMPLATES = [
    "/api/v1/builds/{}",
    "/api/v1/builds/{}/publish",
    "/api/v1/builds/uploads/{}/parts",
    "/ru/builds/{}/download/",
    "/ru/play/{}/",
    "/ru/play/{build}/files/{}",
    "/ru/download/{}/",
    "/ru/maintenance/dismiss/{}/",
    "/maintenance/confirm/{}",
    "/maintenance/unsubscribe/{}",
    "/ru/support/track/{}/",
    "/api/v1/support/fault-reports/{}",
    "/api/v2/pages/{}/",
    "/api/v2/images/{}/",
    "/documents/{}/file.pdf",
    "/ru/{}/",
    "/ru/catalogue/{}/",
]

FAULT_REPORT = {
    "full_name": "Иван Петров",
    "uin": "VT-12345",
    "phone": "+79161234567",
    "description": "После обновления тренажёр не запускается, чёрный экран.",
}
JSON_VALUES = [2**63, 2**64, -1, 0, 1.5, "²", "٣", "\x00", "\u200b\u200b", [], {}, None, True, "x" * 100_000]
DEEP_JSON = "[" * 5000 + "]" * 5000


def get_requests(build_id):
    for url, names in QUERY_PARAMETERS.items():
        for name in names:
            for value in HOSTILE_VALUES:
                yield f"{url}?{name}={quote(value, safe='')}"
    for template in PATH_TEMPLATES:
        for value in HOSTILE_VALUES:
            if value.strip():
                yield template.format(quote(value, safe=""), build=build_id)


def api_bodies():
    for name in [*FAULT_REPORT, "trainer", "email", "language", "environment"]:
        for value in JSON_VALUES:
            yield json.dumps({**FAULT_REPORT, name: value})
    yield DEEP_JSON
    yield json.dumps(FAULT_REPORT)[:-1] + ', "environment": ' + DEEP_JSON + "}"
    yield json.dumps({**FAULT_REPORT, "description": "x" * 3_000_000})
    yield b"\xff\xfe{"
    yield "NaN"


def _server_errors(responses):
    return [(label[:120], status) for label, status in responses if status >= 500]


def run_hostile_requests(build):
    """Every hostile request once, on a client with fresh cookies each time; ``(label, status)``."""
    client = Client(raise_request_exception=False)
    answers = []
    for url in get_requests(build.pk):
        client.cookies.clear()
        answers.append((url, client.get(url).status_code))
    for body in api_bodies():
        response = client.post("/api/v1/support/fault-reports", body, content_type="application/json")
        answers.append((f"POST fault-reports {str(body)[:60]}", response.status_code))
        if response.status_code >= 400:
            assert response["Content-Type"] == "application/json", response.content[:200]
    for name, value in [("environment", DEEP_JSON[:4000]), ("full_name", "\u200b\u200b"), ("trainer", "²")]:
        form = {**FAULT_REPORT, "consent": "on", name: value}
        response = client.post("/ru/support/", form)
        answers.append((f"POST support form {name}", response.status_code))
    return answers


def test_no_hostile_request_gets_a_server_error(demo_site, capsys):
    answers = run_hostile_requests(demo_site)
    with capsys.disabled():
        print(f"\nhostile requests: {len(answers)}, server errors: {len(_server_errors(answers))}")
    assert len(answers) > 500
    assert _server_errors(answers) == []
    # The support form's oversized post: a page in the visitor's language saying what to do.
    page = Client().post("/ru/support/", {**FAULT_REPORT, "description": "x" * 3_000_000})
    assert page.status_code == 413
    assert "больше, чем принимает сайт" in page.content.decode()


def test_an_oversized_api_body_is_a_json_413_in_the_clients_language(site_shell):
    body = json.dumps({**FAULT_REPORT, "description": "x" * 3_000_000})
    response = Client().post(
        "/api/v1/support/fault-reports", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 413
    assert response.json()["error"]["message"] == "Тело запроса слишком велико."


def test_deep_json_is_refused_before_parsing(site_shell):
    response = Client().post(
        "/api/v1/support/fault-reports", DEEP_JSON, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "nested deeper than 32 levels" in response.json()["error"]["message"]


def test_a_symbol_only_search_finds_nothing_without_failing(site_shell):
    client = Client()
    for query in ("!!!", "—", "😀"):
        page = client.get("/ru/search/", {"q": query})
        assert page.status_code == 200
        assert 'class="search-empty"' in page.content.decode()
        api = client.get("/api/v1/search", {"q": query})
        assert api.status_code == 200
        assert api.json()["count"] == 0


def test_a_number_past_the_database_range_is_a_404_in_paths_and_a_400_in_the_api(site_shell):
    client = Client()
    assert client.get(f"/ru/play/{2**63}/").status_code == 404
    assert client.get(f"/ru/builds/{2**64}/download/").status_code == 404
    assert client.get("/api/v2/pages/", {"offset": str(2**63)}).status_code == 400
    response = client.get("/api/v1/catalogue/simulators", {"duration_min": "²"})
    assert response.status_code == 400
    assert "duration_min" in response.json()["error"]["fields"]
