"""The project's borders, read from the source: which app may import which, and no import circles.

Every import counts, also one inside a function: a local import hides a circle, it does not remove it.
Tests and migrations are left out (tests may reach anywhere; migrations are frozen history).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = {"core": ROOT / "core", "website": ROOT / "site" / "website", "config": ROOT / "site" / "config"}
SOURCES |= {app: ROOT / app for app in ("catalogue", "simulators", "support", "search")}
PROJECT = tuple(SOURCES)

# What each layer may import besides itself (the README's dependency arrows). The site layer
# (website, config) stands on everything and is not listed.
ALLOWED = {
    "core": set(),
    "catalogue": {"core"},
    "simulators": {"core", "catalogue"},
    "support.notifications": {"core"},
    "support.helpdesk": {"core", "catalogue", "support.notifications"},
    "support.status": {"core", "catalogue", "support.notifications"},
    "support": {"core"},
    "search": {"core", "catalogue", "simulators"},
}


def _module_name(path):
    for package, folder in SOURCES.items():
        if path.is_relative_to(folder):
            parts = path.relative_to(folder).with_suffix("").parts
            parts = parts[:-1] if parts[-1] == "__init__" else parts
            return ".".join((package, *parts))
    raise AssertionError(path)


def _sources():
    for folder in SOURCES.values():
        for path in sorted(folder.rglob("*.py")):
            if {"tests", "migrations"} & set(path.relative_to(folder).parts):
                continue
            yield path


def _imports(path, module):
    """Project modules imported anywhere in the file (absolute names)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] in PROJECT}


def _graph():
    modules = {_module_name(path): path for path in _sources()}
    graph = {}
    for module, path in modules.items():
        # ``from x import y`` names a module only when ``x.y`` is one.
        graph[module] = {name for name in _imports(path, module) if name in modules and name != module}
    return graph


def _layer(module):
    for layer in sorted(ALLOWED, key=len, reverse=True):
        if module == layer or module.startswith(layer + "."):
            return layer
    return module.split(".")[0]


def test_each_layer_imports_only_what_it_stands_on():
    graph = _graph()
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if (layer := _layer(module)) in ALLOWED
        for target in targets
        if (other := _layer(target)) != layer and other not in ALLOWED[layer]
    )
    assert wrong == []


def _cycles(graph):
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles():
    graph = _graph()
    # A package's __init__ re-exporting its own modules is not a circle of concepts.
    graph = {
        module: {t for t in targets if not (module.startswith(t + ".") and t in graph)}
        for module, targets in graph.items()
    }
    assert _cycles(graph) == []


@pytest.mark.parametrize("package", ["core"])
def test_the_ground_floor_imports_nothing_of_the_project(package):
    graph = _graph()
    outside = {t for m, targets in graph.items() if m.split(".")[0] == package for t in targets}
    assert {t for t in outside if t.split(".")[0] != package} == set()
