"""Finding resources by name: ``search`` (ranked) and ``resolve`` (exactly one, or an error)."""

from __future__ import annotations

import heapq
import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from rdflib import SKOS, Literal, URIRef

from ..errors import BadRequest, Conflict, NotFound
from ..kg import KnowledgeGraph
from ..namespaces import curie, expand
from ..union import UnionView
from .view import cached, class_filter, in_classes, summary

# Quotation and title marks people type or leave out: 《》〈〉「」『』“”‘’"'.
_MARKS = re.compile(r"[《》〈〉「」『』“”‘’\"'\s\x00]+")
SEP = "\x00"
# Match kinds, best first; preferred labels rank above alternative and hidden ones.
MATCHES = ("exact", "prefix", "substring")
LABEL_KINDS = ("label", "alt")
SUGGESTIONS = 5


def normalise(text: str) -> str:
    """NFKC, case-folded, without quotation/title marks or whitespace."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", text)).casefold()


@dataclass(frozen=True)
class Entry:
    key: str
    node: str
    kind: str  # "label" (zh/en preferred label) or "alt" (alternative or hidden label)
    text: str


@dataclass
class Index:
    entries: list[Entry]
    exact: dict[str, list[Entry]]
    blob: str = ""  # every key, joined by NUL, so one C-level str.find scans them all
    starts: list[int] = field(default_factory=list)  # where each entry's key begins in blob

    def __post_init__(self) -> None:
        self.blob = SEP.join(e.key for e in self.entries)
        offset, self.starts = 0, []
        for entry in self.entries:
            self.starts.append(offset)
            offset += len(entry.key) + 1

    def containing(self, query: str) -> Iterator[Entry]:
        """Entries whose key contains ``query``, each once."""
        pos = self.blob.find(query)
        while pos != -1:
            i = bisect_right(self.starts, pos) - 1
            yield self.entries[i]
            following = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.blob)
            pos = self.blob.find(query, following)


def _alt_labels(kg: KnowledgeGraph, graph: nx.MultiDiGraph) -> Iterable[tuple[str, str]]:
    view = UnionView(kg.dataset)
    for predicate in (SKOS.altLabel, SKOS.hiddenLabel):
        for subject, obj in view.subject_objects(predicate):
            if isinstance(subject, URIRef) and isinstance(obj, Literal):
                node = curie(subject)
                if node in graph:
                    yield node, str(obj)


def index(kg: KnowledgeGraph) -> Index:
    """The label index of the current projection (built once per projection)."""
    graph = kg.projection()

    def build() -> Index:
        seen: set[tuple[str, str, str]] = set()
        entries: list[Entry] = []

        def add(node: str, kind: str, text: str) -> None:
            key = normalise(text)
            if key and (key, node, kind) not in seen:
                seen.add((key, node, kind))
                entries.append(Entry(key, node, kind, text))

        for node, data in graph.nodes(data=True):
            for attr in ("label_zh", "label_en", "title_zh"):
                if attr in data:
                    add(node, "label", str(data[attr]))
        for node, text in _alt_labels(kg, graph):
            add(node, "alt", text)
        exact: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            exact[entry.key].append(entry)
        return Index(entries, dict(exact))

    return cached(graph, "label-index", build)


def _rank(entry: Entry, query: str) -> tuple[int, int, int, str]:
    match = 0 if entry.key == query else 1 if entry.key.startswith(query) else 2
    return (match, LABEL_KINDS.index(entry.kind), len(entry.key), entry.node)


def search(
    kg: KnowledgeGraph, text: str, classes: Iterable[str] | None = None, limit: int = 20
) -> list[dict[str, Any]]:
    """Resources whose labels match ``text``: exact, then prefix, then substring matches.

    Each result is the node's summary plus ``match`` (the kind) and ``matched`` (the label).
    """
    query = normalise(text or "")
    if not query:
        raise BadRequest("search text is empty", parameter="q")
    graph = kg.projection()
    wanted = class_filter(graph, classes)
    best: dict[str, tuple[tuple[int, int, int, str], Entry]] = {}
    for entry in index(kg).containing(query):
        if in_classes(graph, entry.node, wanted):
            rank = _rank(entry, query)
            if entry.node not in best or rank < best[entry.node][0]:
                best[entry.node] = (rank, entry)
    ranked = heapq.nsmallest(max(limit, 0), best.values(), key=lambda item: item[0])
    return [
        {**summary(graph, e.node), "match": MATCHES[rank[0]], "matched": e.text}
        for rank, e in ranked
    ]


def resolve(kg: KnowledgeGraph, text: str) -> str:
    """The node id meant by ``text``: a node id/CURIE, a full IRI, or an exact zh/en label.

    Unknown: NotFound (404) with ``suggestions``; an ambiguous label: Conflict (409) with
    ``candidates``.
    """
    graph = kg.projection()
    text = (text or "").strip()
    if not text:
        raise BadRequest("an id is required (CURIE, IRI or exact label)")
    if text in graph:
        return text
    iri = expand(text)  # a CURIE's full IRI; any other text stays as it is
    if re.match(r"https?://", iri) and curie(iri) in graph:
        return curie(iri)
    key = normalise(text)
    matches = index(kg).exact.get(key, [])
    for kind in LABEL_KINDS:
        nodes = sorted({e.node for e in matches if e.kind == kind})
        if len(nodes) == 1:
            return nodes[0]
        if nodes:
            raise Conflict(
                f"{text!r} names {len(nodes)} resources; use an id",
                candidates=[summary(graph, n) for n in nodes],
            )
    hint = key if iri is None else normalise(re.split(r"[#/:]", text)[-1])
    raise NotFound(f"no resource matches {text!r}", id=text, suggestions=suggest(kg, hint))


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def suggest(kg: KnowledgeGraph, text: str, limit: int = SUGGESTIONS) -> list[dict[str, Any]]:
    """ "Did you mean": substring matches, else the labels sharing most character pairs."""
    if not text:
        return []
    found = search(kg, text, limit=limit)
    if found:
        return found
    graph = kg.projection()
    wanted = _bigrams(text)
    scores: dict[str, float] = {}
    for entry in index(kg).entries:
        shared = len(wanted & _bigrams(entry.key))
        if shared:
            score = shared / len(wanted | _bigrams(entry.key))
            scores[entry.node] = max(score, scores.get(entry.node, 0.0))
    best = sorted(scores, key=lambda n: (-scores[n], n))[:limit]
    return [{**summary(graph, n), "match": "similar"} for n in best]
