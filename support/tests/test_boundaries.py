"""The borders between the support apps: notifications imports neither of the others, and the helpdesk
and the status app never import each other (they talk through Wagtail hooks)."""

import ast
from pathlib import Path

import pytest

SUPPORT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "notifications": ("support.helpdesk", "support.status"),
    "helpdesk": ("support.status",),
    "status": ("support.helpdesk",),
}


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_app_does_not_import_across_its_border(app):
    offending = [
        f"{path.relative_to(SUPPORT)}: {module}"
        for path in sorted((SUPPORT / app).rglob("*.py"))
        if "tests" not in path.relative_to(SUPPORT / app).parts
        for module in imported_modules(path)
        if module.startswith(FORBIDDEN[app])
    ]
    assert offending == []
