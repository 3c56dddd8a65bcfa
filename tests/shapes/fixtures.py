"""Load the shape-test fixtures: tests/data/shapes/base.ttl patched by one fixture file.

A violating fixture declares what it expects and what it removes from the base graph in its
leading comments::

    # expect: fzsh:Observation-unit <https://w3id.org/fazhi/id/obs/demo-2020/x>
    # delete: <obs/demo-2020/x> sdmx-attribute:unitMeasure

``delete`` removes every base triple with that subject and predicate (relative IRIs resolve
against ``fzid:``); the file's own triples are then added.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from graph.namespaces import FZID, FZSH, PREFIXES

SHAPES_DATA = Path(__file__).resolve().parent.parent / "data" / "shapes"
BASE = SHAPES_DATA / "base.ttl"
CONCEPTS = SHAPES_DATA / "concepts.ttl"
VIOLATING = sorted((SHAPES_DATA / "violating").glob("*.ttl"))
CONFORMING = sorted((SHAPES_DATA / "conforming").glob("*.ttl"))


def term(token: str) -> URIRef:
    """``<relative>`` against fzid:, ``<absolute>``, or a CURIE with a project prefix."""
    if token.startswith("<"):
        iri = token[1:-1]
        return URIRef(iri if "://" in iri else f"{FZID}{iri}")
    prefix, local = token.split(":", 1)
    return URIRef(PREFIXES[prefix] + local)


@dataclass(frozen=True)
class Fixture:
    path: Path
    expect: frozenset[tuple[URIRef, URIRef]]  # (source shape, focus node)
    delete: tuple[tuple[URIRef, URIRef], ...]

    @classmethod
    def read(cls, path: Path) -> Fixture:
        expect, delete = set(), []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# expect:"):
                shape, focus = line.split(":", 1)[1].split()
                expect.add((term(shape), term(focus)))
            elif line.startswith("# delete:"):
                subject, predicate = line.split(":", 1)[1].split()
                delete.append((term(subject), term(predicate)))
        return cls(path, frozenset(expect), tuple(delete))

    def graph(self, base: Graph) -> Graph:
        data = Graph()
        for triple in base:
            data.add(triple)
        for subject, predicate in self.delete:
            data.remove((subject, predicate, None))
        data.parse(self.path, format="turtle")
        return data


def shape_iri(curie: str) -> URIRef:
    return URIRef(f"{FZSH}{curie.removeprefix('fzsh:')}")
