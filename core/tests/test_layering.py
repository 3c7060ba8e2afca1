"""The project's borders, read from the source: which app may import which, no import circles, and
every function-local import of project code says why it is not at the top.

Every import counts, also one inside a function: a local import hides a circle, it does not remove
it. Tests, conftest files and migrations are left out: tests may reach anywhere, migrations are
frozen history.

Run as a script (``python core/tests/test_layering.py``) to print the module graph.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = {"core": ROOT / "core", "website": ROOT / "site" / "website", "config": ROOT / "site" / "config"}
APPS = ("catalogue", "customers", "simulators", "support", "search", "backups")
SOURCES |= {app: ROOT / app for app in APPS}
PROJECT = tuple(SOURCES)

# What each layer may import besides itself (the README's dependency arrows). The site layer
# (website, config) stands on everything and is not listed.
ALLOWED = {
    "core": set(),
    "catalogue": {"core"},
    "customers": {"core", "catalogue", "support.notifications"},
    "simulators": {"core", "catalogue", "customers"},
    "support.notifications": {"core"},
    "support.helpdesk": {"core", "catalogue", "customers", "support.notifications"},
    "support.monitoring": {"core", "support.notifications"},
    "support.status": {"core", "catalogue", "support.notifications", "support.monitoring"},
    "support": {"core"},
    "search": {"core", "catalogue", "simulators"},
    "backups": {"core"},
}


def _module_name(path):
    for package, folder in SOURCES.items():
        if path.is_relative_to(folder):
            parts = path.relative_to(folder).with_suffix("").parts
            parts = parts[:-1] if parts[-1] == "__init__" else parts
            return ".".join((package, *parts))
    raise AssertionError(path)


def _modules():
    """``{module name: path}`` of the project's code."""
    found = {}
    for folder in SOURCES.values():
        for path in sorted(folder.rglob("*.py")):
            skipped = {"tests", "migrations"} & set(path.relative_to(folder).parts)
            if path.name != "conftest.py" and not skipped:
                found[_module_name(path)] = path
    return found


def _imports(path, name):
    """``[(imported name, line, local?)]`` for the project imports of a module (absolute names)."""
    tree = ast.parse(path.read_text(), str(path))
    top_level = {id(node) for node in tree.body}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        found += [(t, node.lineno, id(node) not in top_level) for t in targets if t.split(".")[0] in PROJECT]
    return found


def graph():
    """Edges between modules: each import points at the module it names (``from a.b import c`` at
    ``a.b.c`` when that is a module, else at ``a.b``). The packages an import runs on the way are not
    edges: a ``models`` package's ``__init__`` importing its own modules is how Django registers them,
    and Django imports every app's models before anything else."""
    modules = _modules()
    edges = {name: set() for name in modules}
    for name, path in modules.items():
        for target, _line, _local in _imports(path, name):
            parts = target.split(".")
            known = [p for p in (".".join(parts[:end]) for end in range(1, len(parts) + 1)) if p in modules]
            if known and known[-1] != name:
                edges[name].add(known[-1])
    return edges


def _layer(module):
    for layer in sorted(ALLOWED, key=len, reverse=True):
        if module == layer or module.startswith(layer + "."):
            return layer
    return module.split(".")[0]


def layer_violations():
    return sorted(
        {
            f"{module} imports {other}"
            for module, path in _modules().items()
            if (layer := _layer(module)) in ALLOWED
            for target, _line, _local in _imports(path, module)
            if (other := _layer(target)) != layer and other not in ALLOWED[layer]
        }
    )


def cycles(edges):
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
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

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def local_imports_without_reason():
    missing = []
    for name, path in _modules().items():
        lines = path.read_text().splitlines()
        for _target, line, local in _imports(path, name):
            if local and "#" not in lines[line - 1] and not lines[line - 2].strip().startswith("#"):
                missing.append(f"{path.relative_to(ROOT)}:{line}")
    return sorted(set(missing))


def test_the_graph_sees_imports_of_packages_and_of_their_modules():
    edges = graph()
    assert "catalogue.models" in edges["catalogue.queries"]
    assert {"catalogue.models.pages", "catalogue.models.snippets"} <= edges["catalogue.models"]
    assert "core.cache" in edges["catalogue.cache"]


def test_each_layer_imports_only_what_it_stands_on():
    assert layer_violations() == []


def test_no_import_circles():
    assert cycles(graph()) == []


def test_local_imports_of_project_code_say_why():
    assert local_imports_without_reason() == []


if __name__ == "__main__":
    for module, targets in sorted(graph().items()):
        print(f"{module} -> {', '.join(sorted(targets)) or '-'}")
    print("layer violations:", layer_violations() or "none")
    print("cycles:", cycles(graph()) or "none")
    print("local project imports without a reason:", local_imports_without_reason() or "none")
