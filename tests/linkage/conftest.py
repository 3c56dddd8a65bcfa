"""Fixtures for the linkage tests: tiny.ttl plus a second fixture report (figures, parts, hubs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.kg import KnowledgeGraph

HERE = Path(__file__).resolve().parent
TEST_DATA = HERE.parent / "data"

FUYUAN = "fzc:mech-fuyuan-liandong"
RULES = "fzid:doc/tiny-fuyuan-rules"
COURT = "fzid:org/tiny-court"
RECON = "fzc:mech-admin-reconsideration"


@pytest.fixture(scope="session")
def kg() -> KnowledgeGraph:
    """The ontology, tests/data/tiny.ttl and tests/linkage/data/linkage.ttl."""
    return KnowledgeGraph.load(
        [TEST_DATA / "tiny.ttl", HERE / "data" / "linkage.ttl"], bundled=False
    )
