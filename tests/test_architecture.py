"""The import rules of the layout (README, "Where things are"), read from the source with `ast`.

Data flows one way: scrapers and jurisdictions know nothing of the service; inside the service,
rules know nothing of ingest, mail, web or api; web and api never import each other; ingest
never imports mail, web or api; and no modules import each other, directly or in a cycle.
"""

from __future__ import annotations

import ast
import statistics
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("service", "scrapers", "jurisdictions")
FORBIDDEN = {
    "scrapers": ("service",),
    "jurisdictions": ("service", "scrapers"),
    "service.rules": ("service.ingest", "service.mail", "service.web", "service.api"),
    "service.ingest": ("service.mail", "service.web", "service.api"),
    "service.web": ("service.api",),
    "service.api": ("service.web",),
    "service.answers": ("service.web", "service.api", "service.ingest", "service.mail"),
}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(path: Path, root: Path, known: set[str]) -> set[str]:
    """The project modules a file imports, at any depth of the file (lazy imports count)."""
    module = module_name(path, root)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(module, path.name == "__init__.py", node)
            submodules = {f"{target}.{alias.name}" for alias in node.names}
            found.update(submodules)
            if not submodules <= known:  # names defined in the package itself
                found.add(target)
    return {name for name in found if name in known and name != module}


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    files = [
        path
        for package in PACKAGES
        for path in (root / package).rglob("*.py")
        if "migrations" not in path.parts
    ]
    known = {module_name(path, root) for path in files}
    return {module_name(path, root): imports_of(path, root, known) for path in files}


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def breaches(graph: dict[str, set[str]]) -> list[str]:
    found = []
    for module, targets in graph.items():
        for package, banned in FORBIDDEN.items():
            if not within(module, package):
                continue
            found += [
                f"{module} imports {target}"
                for target in sorted(targets)
                if any(within(target, b) for b in banned)
            ]
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_import_rules_hold():
    assert breaches(import_graph()) == []


def test_no_import_cycles():
    assert cycles(import_graph()) == []


@pytest.mark.parametrize(
    ("module", "line", "expected"),
    [
        ("scrapers/planted.py", "from service.db import db", "scrapers.planted imports service"),
        ("service/rules/planted.py", "from service.mail import models", "imports service.mail"),
        ("service/web/planted.py", "from ..api import bp", "imports service.api"),
        ("service/api/planted.py", "from service.web import site", "imports service.web"),
        ("jurisdictions/planted.py", "import scrapers.base", "imports scrapers"),
        ("service/ingest/planted.py", "from ..mail import notify", "imports service.mail"),
    ],
)
def test_a_planted_breach_is_caught(tmp_path, module, line, expected):
    tree = _copy_tree(tmp_path)
    (tree / module).write_text(line + "\n")
    assert any(expected in breach for breach in breaches(import_graph(tree)))


def test_a_planted_cycle_is_caught(tmp_path):
    tree = _copy_tree(tmp_path)
    (tree / "service" / "rules" / "planted_a.py").write_text("from . import planted_b\n")
    (tree / "service" / "rules" / "planted_b.py").write_text("from .planted_a import x\n")
    found = cycles(import_graph(tree))
    assert ["service.rules.planted_a", "service.rules.planted_b"] in found


def _copy_tree(tmp_path: Path) -> Path:
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            target = tmp_path / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(path.read_text())
    return tmp_path


def test_service_modules_stay_small():
    sizes = {
        path.relative_to(ROOT).as_posix(): len(path.read_text().splitlines())
        for path in (ROOT / "service").rglob("*.py")
        if "migrations" not in path.parts
    }
    assert {name: lines for name, lines in sizes.items() if lines > 300} == {}
    assert statistics.median(sizes.values()) < 120
