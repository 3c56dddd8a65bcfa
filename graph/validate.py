"""SHACL validation: each report graph, merged with the ontology graph, against shapes/*.ttl.

The ontology graph carries the class hierarchy and the concept schemes the shapes look up, so
it is merged into the data graph and validated with inference off: class typing in the data is
explicit and ``sh:targetClass``/``sh:class`` follow ``rdfs:subClassOf`` in the data graph, which
keeps validation well under a second for a report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyshacl
from rdflib import RDF, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from . import paths
from .errors import LoadError
from .load import ONTOLOGY_GRAPH, PARSE_ERRORS, named_graphs, ontology_graph
from .namespaces import bind

SH = Namespace("http://www.w3.org/ns/shacl#")
SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class ValidationResult:
    """One sh:ValidationResult, with the shape's message in both languages."""

    focus: str
    path: str | None
    value: str | None
    source_shape: str
    severity: str  # "Violation", "Warning" or "Info"
    message_zh: str
    message_en: str
    constraint: str

    def message(self, lang: str = "en") -> str:
        return self.message_zh if lang == "zh" else self.message_en


@dataclass
class ValidationReport:
    """What ``validate`` returns. Only violations make ``conforms`` false."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity == severity)

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    def to_json(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "counts": {s: self.count(s) for s in SEVERITIES},
            "results": [asdict(r) for r in self.results],
        }

    def to_turtle(self) -> str:
        return self.graph.serialize(format="turtle")


@lru_cache(maxsize=4)
def _shapes(files: tuple[Path, ...]) -> Graph:
    graph = Graph()
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except PARSE_ERRORS as exc:
            raise LoadError(f"{path}: does not parse as turtle: {exc}") from exc
    return graph


def shapes_graph() -> Graph:
    """The shapes in ``shapes/*.ttl`` (parsed once per process)."""
    return _shapes(tuple(paths.shape_files()))


TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def flatten(shapes: Graph) -> Graph:
    """Give each property shape its node shape's targets and drop the ``sh:property`` link.

    Equivalent for validation (same focus nodes, same ``sh:sourceShape``), but pyshacl then
    evaluates a property shape once for all its focus nodes instead of once per focus node,
    which halves validation time.
    """
    flat = Graph()
    for triple in shapes:
        flat.add(triple)
    for node_shape, _, prop in shapes.triples((None, SH.property, None)):
        targets = [(p, o) for p in TARGETS for o in shapes.objects(node_shape, p)]
        if not targets:
            continue
        for p, o in targets:
            flat.add((prop, p, o))
        flat.remove((node_shape, SH.property, prop))
    return flat


@lru_cache(maxsize=1)
def _validation_shapes() -> Graph:
    return flatten(shapes_graph())


def warm() -> None:
    """Parse and flatten the shapes now, e.g. in a parent process before forking workers."""
    _validation_shapes()


def _report_graphs(data: Graph | Dataset) -> tuple[list[Graph], Graph | None]:
    """The graphs to validate one by one, and the ontology graph the dataset carries (if any)."""
    if not isinstance(data, Dataset):
        return [data], None
    onto = data.graph(ONTOLOGY_GRAPH)
    reports = [data.graph(iri) for iri in named_graphs(data) if iri != ONTOLOGY_GRAPH]
    if len(data.default_graph):  # triples parsed into the dataset without a graph name
        reports.append(data.default_graph)
    return reports, (onto if len(onto) else None)


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class _PreparedQueryGraph(Graph):
    """A graph that parses each distinct SPARQL text once.

    pyshacl sends the same constraint text once per focus node and rdflib would parse it every
    time (~10 ms each); parsing dominated validation time before this cache.
    """

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def _merge(parts: Iterable[Graph]) -> Graph:
    merged = _PreparedQueryGraph()
    for part in parts:
        for triple in part:
            merged.add(triple)
    return merged


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _path(report: Graph, node: Node | None) -> str | None:
    """A result path: the property IRI, or a SPARQL path for sequences, alternatives, inverses."""
    if node is None or isinstance(node, URIRef):
        return _text(node)
    parts = list(report.items(node))
    joiner = " / "
    alternatives = report.value(node, SH.alternativePath)
    if alternatives is not None:
        parts, joiner = list(report.items(alternatives)), " | "
    inverse = report.value(node, SH.inversePath)
    if inverse is not None:
        return f"^<{inverse}>"
    return joiner.join(f"<{p}>" for p in parts) if parts else None


def _messages(
    report: Graph, result: Node, shapes: Graph, shape: Node | None, focus: str, value: str | None
) -> dict[str, str]:
    """Messages by language: the source shape's ``sh:message`` with ``{$this}`` and ``{?value}``
    filled in (pyshacl fills only one of several language variants), else the result's own."""
    found: dict[str, str] = {}
    for msg in shapes.objects(shape, SH.message) if shape is not None else ():
        if isinstance(msg, Literal):
            text = str(msg).replace("{$this}", focus).replace("{?this}", focus)
            text = text.replace("{?value}", value or "").replace("{$value}", value or "")
            found.setdefault(msg.language or "en", text)
    for msg in report.objects(result, SH.resultMessage):
        if isinstance(msg, Literal):
            found.setdefault(msg.language or "en", str(msg))
    return found


def _results(report: Graph, shapes: Graph) -> list[tuple[ValidationResult, Node]]:
    out = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(node, SH.sourceShape)
        severity = report.value(node, SH.resultSeverity)
        path = report.value(node, SH.resultPath)
        focus = str(report.value(node, SH.focusNode))
        value = _text(report.value(node, SH.value))
        messages = _messages(report, node, shapes, shape, focus, value)
        result = ValidationResult(
            focus=focus,
            path=_path(report, path),
            value=value,
            source_shape=str(shape),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            message_zh=messages.get("zh", messages.get("en", "")),
            message_en=messages.get("en", messages.get("zh", "")),
            constraint=str(report.value(node, SH.sourceConstraintComponent)),
        )
        out.append((result, node))
    return out


def validate_graph(data: Graph, ontology: Graph, shapes: Graph | None = None) -> Graph:
    """Run pyshacl on ``data`` merged with ``ontology``; return the sh:ValidationReport graph.

    ``shapes`` defaults to the project shapes, flattened (see ``flatten``).
    """
    merged = _merge((ontology, data))
    _conforms, report, _text_report = pyshacl.validate(
        merged,
        shacl_graph=shapes if shapes is not None else _validation_shapes(),
        inference="none",
        advanced=True,  # SHACL-AF SPARQL targets select the few nodes conditional checks apply to
        inplace=True,
        allow_infos=True,
        allow_warnings=True,
    )
    assert isinstance(report, Graph)
    return report


def validate(
    data: Graph | Dataset, *, ontology: Graph | None = None, shapes: Graph | None = None
) -> ValidationReport:
    """Validate ``data``: a single graph, or each report graph of a dataset separately.

    ``ontology`` defaults to the dataset's ontology graph, else ``graph.load.ontology_graph()``.
    Results that repeat across report graphs (findings about the shared ontology) count once.
    """
    shapes = flatten(shapes) if shapes is not None else _validation_shapes()
    graphs, carried = _report_graphs(data)
    onto = (
        ontology if ontology is not None else carried if carried is not None else ontology_graph()
    )
    combined = bind(Graph())
    top = BNode()
    results: list[ValidationResult] = []
    seen: set[tuple[str, str | None, str | None, str, str]] = set()
    for graph in graphs or [Graph()]:
        report = validate_graph(graph, onto, shapes)
        for result, node in _results(report, shapes):
            key = (result.focus, result.path, result.value, result.source_shape, result.constraint)
            if key in seen:
                continue
            seen.add(key)
            results.append(result)
            combined.add((top, SH.result, node))
            for triple in report.cbd(node):
                if triple[:2] != (node, SH.resultMessage):
                    combined.add(triple)
            for lang, text in (("zh", result.message_zh), ("en", result.message_en)):
                combined.add((node, SH.resultMessage, Literal(text, lang=lang)))
    results.sort(key=lambda r: (SEVERITIES.index(r.severity), r.source_shape, r.focus))
    conforms = not any(r.severity == "Violation" for r in results)
    combined.add((top, RDF.type, SH.ValidationReport))
    combined.add((top, SH.conforms, Literal(conforms)))
    return ValidationReport(conforms=conforms, results=results, graph=combined)


__all__ = [
    "SH",
    "ValidationReport",
    "ValidationResult",
    "flatten",
    "shapes_graph",
    "validate",
    "validate_graph",
    "warm",
]
