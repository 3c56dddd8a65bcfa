"""Fixtures for the export tests: the tiny graph plus a node with awkward characters."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.export import export
from graph.kg import KnowledgeGraph

# tests/data (as in tests/conftest.py, which test modules cannot import), and the official
# GEXF/GraphML schemas kept outside the repository in ../shared/schemas.
TESTS = Path(__file__).resolve().parent.parent
TEST_DATA = TESTS / "data"
SCHEMAS = TESTS.parent.parent / "shared" / "schemas"

SPECIAL = "fzid:doc/tiny-specials"
SPECIAL_ZH = "《关于“府院联动”·复议、诉讼 & <衔接> \"规则\" '试行'》"


@pytest.fixture(scope="session")
def export_kg() -> KnowledgeGraph:
    return KnowledgeGraph.load(
        [TEST_DATA / "tiny.ttl", TEST_DATA / "export-specials.ttl"], bundled=False
    )


@pytest.fixture(scope="session")
def projection(export_kg: KnowledgeGraph) -> nx.MultiDiGraph:
    graph = export_kg.projection()
    assert graph.nodes[SPECIAL]["label_zh"] == SPECIAL_ZH
    return graph


@pytest.fixture(scope="session")
def written(export_kg: KnowledgeGraph) -> dict[str, bytes]:
    """Every format of the whole fixture graph, written once."""
    from graph.export import FORMATS

    return {name: export(export_kg, name).data for name in FORMATS}


def schema(*parts: str) -> Path:
    """A file under ../shared/schemas, or skip when that folder is absent."""
    if not SCHEMAS.is_dir():
        pytest.skip(f"official schemas not found at {SCHEMAS} (the ../shared folder is absent)")
    return SCHEMAS.joinpath(*parts)
