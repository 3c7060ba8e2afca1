"""The catalogue's modules import each other in one direction only (no import circles, counting the
package ``__init__`` an import runs), and every function-local import of project code says why."""

import ast
import os
from pathlib import Path

ROOT = Path(os.environ.get("IMPORT_GRAPH_ROOT") or Path(__file__).resolve().parents[2])
APP = "catalogue"
PROJECT = ("catalogue", "core", "simulators", "support", "search", "website", "config")


def _module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules():
    """``{module name: path}`` of the app's code (tests and migrations are not part of the graph)."""
    found = {}
    for path in sorted((ROOT / APP).rglob("*.py")):
        relative = path.relative_to(ROOT / APP).parts
        if relative[0] in ("tests", "migrations"):
            continue
        found[_module_name(path)] = path
    return found


def _imports(path, name, is_package):
    """``[(imported module, line, local?)]`` for the project imports of a module."""
    tree = ast.parse(path.read_text(), str(path))
    top_level = {id(node) for node in tree.body}
    package = name if is_package else name.rpartition(".")[0]
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
        for target in targets:
            if target.split(".")[0] in PROJECT:
                found.append((target, node.lineno, id(node) not in top_level))
    return found


def graph():
    """Edges between the app's modules; importing ``a.b.c`` also runs ``a.b`` (its ``__init__``)."""
    modules = _modules()
    edges = {name: set() for name in modules}
    for name, path in modules.items():
        for target, _line, _local in _imports(path, name, path.name == "__init__.py"):
            parts = target.split(".")
            prefixes = [".".join(parts[:end]) for end in range(2, len(parts) + 1)]
            known = [prefix for prefix in prefixes if prefix in modules]
            for candidate in known:
                # The packages on the way run first; a module's own packages are already running
                # (unless it names one of them explicitly: that is a circle).
                explicit = candidate == known[-1]
                if candidate != name and (explicit or not name.startswith(f"{candidate}.")):
                    edges[name].add(candidate)
    return edges


def cycles(edges):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
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
        for _target, line, local in _imports(path, name, path.name == "__init__.py"):
            if local and "#" not in lines[line - 1] and not lines[line - 2].strip().startswith("#"):
                missing.append(f"{path.relative_to(ROOT)}:{line}")
    return sorted(set(missing))


def test_graph_sees_the_models_package_behind_a_submodule_import():
    edges = graph()
    assert "catalogue.models" in edges["catalogue.queries"]
    assert {"catalogue.models.pages", "catalogue.models.snippets"} <= edges["catalogue.models"]


def test_no_import_circles_among_catalogue_modules():
    assert cycles(graph()) == []


def test_local_imports_of_project_code_say_why():
    assert local_imports_without_reason() == []


if __name__ == "__main__":
    for module, targets in sorted(graph().items()):
        print(f"{module} -> {', '.join(sorted(targets)) or '-'}")
    print("cycles:", cycles(graph()) or "none")
    print("local project imports without a reason:", local_imports_without_reason() or "none")
