"""The one place that knows where the project's edited sources live."""

from __future__ import annotations

import os
from pathlib import Path

# The project root: the folder that holds ontology/, shapes/ and data/.
# FAZHI_HOME overrides it for installs where the package lives apart from its data.
ROOT = Path(os.environ.get("FAZHI_HOME", Path(__file__).resolve().parent.parent))

ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "fazhi.ttl"
CONCEPTS_DIR = ONTOLOGY_DIR / "concepts"
QUERIES_DIR = ONTOLOGY_DIR / "queries"
EXAMPLES_DIR = QUERIES_DIR / "examples"
QC_DIR = QUERIES_DIR / "qc"
SHAPES_DIR = ROOT / "shapes"
DATA_DIR = ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
GRAPHS_DIR = DATA_DIR / "graphs"
BUILD_DIR = ROOT / "build"


def ontology_files() -> list[Path]:
    """The TBox and the concept schemes, in a stable order."""
    return [ONTOLOGY_FILE, *sorted(CONCEPTS_DIR.glob("*.ttl"))]


def report_files() -> list[Path]:
    """One curated Turtle file per report: data/graphs/<report-id>.ttl."""
    return sorted(GRAPHS_DIR.glob("*.ttl"))


def shape_files() -> list[Path]:
    return sorted(SHAPES_DIR.glob("*.ttl"))
