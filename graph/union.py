"""Read-only triple lookups over the union of a dataset's graphs (the projection reads these)."""

from __future__ import annotations

from rdflib import Dataset
from rdflib.term import Node


class UnionView:
    """Read-only triple lookups over the union of a dataset's graphs, each triple once.

    Asks the store directly: ``Dataset.triples`` warns about ``default_context`` in rdflib 7.6
    and ``Dataset.quads`` costs a context lookup per triple, which the projection never needs.
    """

    def __init__(self, dataset: Dataset) -> None:
        self.store = dataset.store

    def triples(
        self, s: Node | None, p: Node | None, o: Node | None
    ) -> list[tuple[Node, Node, Node]]:
        found = self.store.triples((s, p, o), context=None)
        return list(dict.fromkeys(triple for triple, _ in found))

    def objects(self, s: Node, p: Node) -> list[Node]:
        return list(dict.fromkeys(o for _, _, o in self.triples(s, p, None)))

    def subjects(self, p: Node, o: Node) -> list[Node]:
        return list(dict.fromkeys(s for s, _, _ in self.triples(None, p, o)))

    def subject_objects(self, p: Node) -> list[tuple[Node, Node]]:
        return [(s, o) for s, _, o in self.triples(None, p, None)]

    def predicate_objects(self, s: Node) -> list[tuple[Node, Node]]:
        return [(p, o) for _, p, o in self.triples(s, None, None)]

    def value(self, s: Node, p: Node) -> Node | None:
        found = self.objects(s, p)
        return min(found, key=str) if found else None
