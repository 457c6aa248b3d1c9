"""The rules of ARCHITECTURE.md, read off the import statements of every module."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "narrascope"

CORE_RECORDS = {"records", "ids", "views", "pipeline", "jsonlines"}
STAGES = {"text", "dedup", "nlp", "ingest"}
FACES = {"cli", "web", "report"}
ABOVE_STORE = {"service", "distributed", "analytics", "collect", "evaluation", *FACES}

# (importer's parts, imported parts, why it is forbidden)
FORBIDDEN: list[tuple[set[str], set[str], str]] = [
    (STAGES, {"store", *ABOVE_STORE}, "a stage reads and writes a Document, never the store"),
    ({"store"}, ABOVE_STORE, "the store knows nothing of its users"),
    ({"analytics"}, {"service", "distributed", "collect", "evaluation", *FACES}, "read side"),
    ({"evaluation"}, FACES, "evaluations run without a face"),
]
# what a face may take from below the service: the analyst's theme pack is configuration the
# faces load, and reading the paths given on the command line is the CLI's own job
FACE_MAY_USE = {"nlp.themepack", "cli:ingest"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("narrascope")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("narrascope"):
            assert node.level == 0, f"{path}: relative import"
            module = node.module or ""
            for alias in node.names:
                child = f"{module}.{alias.name}"
                found.add(child if is_module(child) else module)
    return found


def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        graph.add_node(name)
        for target in imported_modules(path) - {"narrascope"}:
            graph.add_edge(name, target)
    return graph


def part_of(module: str) -> str:
    """The part a module belongs to: its subpackage, or its own name at the top level."""
    return module.removeprefix("narrascope.").split(".")[0]


def violations(graph: nx.DiGraph) -> list[str]:
    found = []
    for source, target in graph.edges:
        src, dst = part_of(source), part_of(target)
        if src == dst:
            continue
        if src in CORE_RECORDS and dst not in CORE_RECORDS:
            found.append(f"{source} -> {target}: the core records import only each other")
        for importers, imported, why in FORBIDDEN:
            if src in importers and dst in imported:
                found.append(f"{source} -> {target}: {why}")
        allowed = {target.removeprefix("narrascope."), f"{src}:{dst}"} & FACE_MAY_USE
        if src in FACES and dst in STAGES and not allowed:
            found.append(f"{source} -> {target}: a face goes through the service")
    return sorted(found)


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:
    return import_graph()


def test_no_import_cycle(graph: nx.DiGraph) -> None:
    assert [" -> ".join(cycle) for cycle in nx.simple_cycles(graph)] == []


def test_parts_import_only_what_architecture_allows(graph: nx.DiGraph) -> None:
    assert violations(graph) == []


def test_rules_catch_a_stage_that_reads_the_store_and_a_face_that_runs_a_stage() -> None:
    graph = nx.DiGraph(
        [
            ("narrascope.nlp.quotes", "narrascope.store.protocol"),
            ("narrascope.web.pages", "narrascope.nlp.ner"),
            ("narrascope.web.pages", "narrascope.nlp.themepack"),
            ("narrascope.cli.main", "narrascope.ingest.files"),
            ("narrascope.records", "narrascope.nlp.kb"),
        ]
    )
    assert violations(graph) == [
        "narrascope.nlp.quotes -> narrascope.store.protocol: "
        "a stage reads and writes a Document, never the store",
        "narrascope.records -> narrascope.nlp.kb: the core records import only each other",
        "narrascope.web.pages -> narrascope.nlp.ner: a face goes through the service",
    ]
    assert list(nx.simple_cycles(nx.DiGraph([("a", "b"), ("b", "a")]))) != []


def test_layout_has_a_small_core_and_documented_subpackages() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    subpackages = sorted(p.parent for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE)
    assert len(top) <= 15, top
    assert len([p for p in subpackages if p.parent == PACKAGE]) >= 5
    for folder in subpackages:
        docstring = ast.get_docstring(ast.parse((folder / "__init__.py").read_text("utf-8")))
        assert docstring and "import" in docstring, f"{folder}: say what it holds and may import"
