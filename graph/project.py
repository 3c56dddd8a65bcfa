"""The one projection of the RDF dataset into a networkx MultiDiGraph (lookups and exports use it).

Nodes are the resources a researcher links: documents, mechanisms, bodies, observations,
problems, plans, areas, places, activities, platforms, document groups. Literals never become
nodes; they are node attributes. Schema plumbing (types, schemes, units, periods, indicators,
datasets, the report and its sections, paragraphs and sentences) never becomes a node either,
so no path runs "through 2020": what such a resource says about a node is kept as attributes
(``unit_zh``, ``period``, ``indicator_zh`` ...). Edges come only from ``LINK_PREDICATES``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Dataset, Literal, URIRef
from rdflib.term import Node

from .namespaces import ELI, FZ, ORG, PREFIXES, SDMX_ATTR, SDMX_DIM, SDMX_MEASURE

# Longest namespace first, so "fzid:" wins over a shorter prefix of the same IRI.
_NAMESPACES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


@dataclass(frozen=True)
class LinkPredicate:
    """A predicate that becomes an edge; its labels are fallbacks for the ontology's rdfs:label.

    ``inverse_zh``/``inverse_en`` phrase the step read against its direction (for paths).
    """

    iri: URIRef
    label_zh: str
    label_en: str
    inverse_zh: str
    inverse_en: str


def _p(iri: URIRef, zh: str, en: str, inv_zh: str, inv_en: str) -> LinkPredicate:
    return LinkPredicate(iri, zh, en, inv_zh, inv_en)


LINK_PREDICATES: tuple[LinkPredicate, ...] = (
    _p(FZ.establishes, "确立", "establishes", "由…确立", "is established by"),
    _p(FZ.implementedBy, "由…实施", "is implemented by", "实施", "implements"),
    _p(ELI.passed_by, "印发", "passed by", "印发", "issued"),
    _p(ELI.applies, "贯彻", "applies", "由…贯彻", "is applied by"),
    _p(ELI.is_about, "涉及", "is about", "被…涉及", "is the subject of"),
    _p(FZ.hasMemberDocument, "包括文件", "has member document", "属于文件组", "is a member of"),
    _p(FZ.hasComponent, "包括", "has component", "属于", "is a component of"),
    _p(FZ.participant, "参与单位", "has participant", "参与", "takes part in"),
    _p(FZ.leadOrganisation, "牵头单位", "is led by", "牵头", "leads"),
    _p(FZ.relatedMechanism, "相关机制", "related mechanism", "相关", "is related to"),
    _p(FZ.targets, "针对", "targets", "被…针对", "is targeted by"),
    _p(FZ.inPolicyArea, "属于领域", "in policy area", "涵盖", "covers"),
    _p(FZ.publishedVia, "通过…公示", "published via", "公示", "publishes"),
    _p(FZ.hasOutcome, "取得成效", "has outcome", "来自", "is an outcome of"),
    _p(FZ.aboutMechanism, "关于机制", "about mechanism", "有统计", "is counted by"),
    _p(FZ.subjectOrganisation, "统计对象", "subject organisation", "有统计", "is reported by"),
    _p(FZ.numerator, "分子", "numerator", "是…的分子", "is the numerator of"),
    _p(FZ.denominator, "分母", "denominator", "是…的分母", "is the denominator of"),
    _p(FZ.partitionedInto, "分为", "partitioned into", "是…的一部分", "is a part of"),
    _p(FZ.subsetOf, "其中", "subset of", "包含", "includes"),
    _p(FZ.concernsArea, "涉及领域", "concerns area", "被…涉及", "is concerned by"),
    _p(FZ.supervises, "监督", "supervises", "受…监督", "is supervised by"),
    _p(FZ.via, "经由", "via", "转呈", "forwards"),
    _p(FZ.recipient, "报送至", "recipient", "收到", "receives"),
    _p(FZ.withinArea, "隶属", "within area", "包括", "contains"),
    _p(FZ.jurisdiction, "管辖", "jurisdiction", "由…管辖", "is under"),
    _p(ORG.unitOf, "隶属于", "unit of", "下设", "has unit"),
    _p(ORG.subOrganizationOf, "下属于", "sub-organization of", "下设", "has sub-organization"),
    _p(ORG.hasMember, "成员", "has member", "是…的成员", "is a member of"),
    _p(SKOS.broader, "上位概念", "broader", "下位概念", "narrower"),
    _p(SKOS.related, "相关", "related", "相关", "related"),
)
LINKS: dict[URIRef, LinkPredicate] = {p.iri: p for p in LINK_PREDICATES}

# Classes whose instances are nodes, most specific first: a node's class is the first it has.
NODE_CLASSES: tuple[URIRef, ...] = (
    FZ.Campaign,
    FZ.Mechanism,
    FZ.PolicyDocument,
    FZ.DocumentGroup,
    FZ.Observation,
    FZ.Activity,
    FZ.Problem,
    FZ.PlannedTask,
    FZ.PolicyArea,
    FZ.TargetGroup,
    FZ.AdministrativeArea,
    FZ.Platform,
    ORG.OrganizationalCollaboration,
    ORG.OrganizationalUnit,
    ORG.FormalOrganization,
    ORG.Organization,
)
# Never nodes: resources typed only as plumbing or provenance.
PLUMBING_CLASSES: frozenset[URIRef] = frozenset(
    {
        FZ.AnnualReport,
        FZ.ReportSection,
        FZ.ReportParagraph,
        FZ.ReportSentence,
        FZ.Indicator,
        FZ.Unit,
        FZ.DocumentType,
        FZ.OrganisationType,
        FZ.InferredLink,
        SKOS.ConceptScheme,
        URIRef("http://www.w3.org/2006/time#ProperInterval"),
        URIRef("http://www.w3.org/2006/time#Interval"),
        URIRef("http://www.w3.org/2006/time#Instant"),
        URIRef("http://purl.org/linked-data/cube#DataSet"),
        URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Sentence"),
        URIRef("http://www.w3.org/2002/07/owl#Class"),
        URIRef("http://www.w3.org/2002/07/owl#ObjectProperty"),
        URIRef("http://www.w3.org/2002/07/owl#DatatypeProperty"),
        URIRef("http://www.w3.org/2002/07/owl#Ontology"),
        RDFS.Class,
        RDF.Property,
    }
)
# Resource-valued predicates kept as attributes (the object's CURIE plus its zh/en labels).
ATTRIBUTE_LINKS: dict[URIRef, str] = {
    FZ.indicator: "indicator",
    SDMX_ATTR.unitMeasure: "unit",
    SDMX_DIM.refPeriod: "period",
    SDMX_DIM.refArea: "ref_area",
    FZ.plannedFor: "period",
    FZ.reportedFor: "period",
    FZ.valueStatus: "value_status",
    FZ.assertionStatus: "assertion_status",
    FZ.labelSource: "label_source",
    ELI.type_document: "doctype",
    ORG.classification: "orgtype",
    FZ.level: "level",
    FZ.report: "report",
}
# Literal predicates with a name of their own; other literals get snake_case(local name).
LITERAL_NAMES: dict[URIRef, str] = {SDMX_MEASURE.obsValue: "value", ELI.title: "title"}
LABEL_PREDICATES = (RDFS.label, SKOS.prefLabel)
# Literals that are not facts about the node, or that the search index reads itself.
SKIPPED_LITERALS = frozenset({*LABEL_PREDICATES, SKOS.altLabel, SKOS.hiddenLabel})
INFERRED = "inferred"


def curie(iri: str | Node) -> str:
    """``https://w3id.org/fazhi/id/org/x`` -> ``fzid:org/x``; unknown namespaces stay full IRIs."""
    return _curie(str(iri))


@lru_cache(maxsize=1 << 20)
def _curie(text: str) -> str:
    for prefix, ns in _NAMESPACES:
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns) :]}"
    return text


def expand(text: str) -> str | None:
    """``fzid:org/x`` -> the full IRI, or None when ``text`` is not a known-prefix CURIE."""
    prefix, sep, rest = text.partition(":")
    if sep and prefix in PREFIXES and rest and not rest.startswith("//"):
        return PREFIXES[prefix] + rest
    return None


def local_name(iri: str | Node) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).replace("-", "_").lower()


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


def python_value(literal: Literal) -> str | int | float | bool | None:
    """A literal as str/int/float/bool; None for NaN. Ill-typed literals keep their lexical form."""
    value = literal.toPython()
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal | float):
        number = float(value)
        return None if number != number else number
    return str(literal)


def _labels(pairs: list[tuple[Node, Node]]) -> dict[str, str]:
    """``{"zh": ..., "en": ...}``: rdfs:label first, else skos:prefLabel (least one if several)."""
    found: dict[str, str] = {}
    for predicate in LABEL_PREDICATES:
        literals = [o for p, o in pairs if p == predicate and isinstance(o, Literal)]
        for obj in sorted(literals, key=str):
            lang = (obj.language or "zh").split("-")[0]
            found.setdefault(lang, str(obj))
    return found


def class_of(types: set[Node]) -> URIRef | None:
    """The node class of a resource (most specific first), or None when it has none."""
    for cls in NODE_CLASSES:
        if cls in types:
            return cls
    return None


def _node_classes(dataset: UnionView, stated: set[tuple[Node, Node, Node]]) -> dict[URIRef, URIRef]:
    """Every resource that is a node, mapped to its class IRI (``rdfs:Resource`` if untyped)."""
    types: dict[Node, set[Node]] = defaultdict(set)
    for subject, obj in dataset.subject_objects(RDF.type):
        types[subject].add(obj)
    nodes: dict[URIRef, URIRef] = {}
    for subject, subject_types in types.items():
        cls = class_of(subject_types)
        if cls is not None and isinstance(subject, URIRef):
            nodes[subject] = cls
    for subject, _, obj in stated:
        for end in (subject, obj):
            if isinstance(end, URIRef) and end not in nodes:
                end_types = types.get(end, set())
                if not end_types & PLUMBING_CLASSES:
                    nodes[end] = min(end_types, key=str) if end_types else RDFS.Resource  # type: ignore[assignment]
    return nodes


class _Labels:
    """Labels of the resources attributes point to (units, periods ...), looked up once each."""

    def __init__(self, dataset: UnionView) -> None:
        self.dataset = dataset
        self.cache: dict[Node, dict[str, str]] = {}

    def __call__(self, subject: Node) -> dict[str, str]:
        if subject not in self.cache:
            self.cache[subject] = _labels(self.dataset.predicate_objects(subject))
        return self.cache[subject]


def _attributes(pairs: list[tuple[Node, Node]], labels: _Labels) -> dict[str, Any]:
    """Literal values and plumbing references of one node, as plain str/int/float/bool values."""
    values: dict[str, set[Any]] = defaultdict(set)
    for predicate, obj in pairs:
        if not isinstance(predicate, URIRef) or predicate in SKIPPED_LITERALS or predicate in LINKS:
            continue
        if isinstance(obj, URIRef) and predicate in ATTRIBUTE_LINKS:
            name = ATTRIBUTE_LINKS[predicate]
            values[name].add(curie(obj))
            for lang, text in labels(obj).items():
                values[f"{name}_{lang}"].add(text)
        elif isinstance(obj, Literal):
            name = LITERAL_NAMES.get(predicate) or snake(local_name(predicate))
            if obj.language:
                name = f"{name}_{obj.language.split('-')[0]}"
            value = python_value(obj)
            if value is not None:
                values[name].add(value)
    attributes: dict[str, Any] = {}
    for name, found in values.items():
        ordered = sorted(found, key=lambda v: (str(type(v)), v))
        if len(ordered) == 1 or not all(isinstance(v, str) for v in ordered):
            attributes[name] = ordered[0]
        else:
            attributes[name] = " | ".join(ordered)
    return attributes


def predicate_labels(dataset: UnionView, link: LinkPredicate) -> tuple[str, str]:
    """The predicate's zh/en rdfs:label from the ontology, else the table's fallback."""
    found = _labels(dataset.predicate_objects(link.iri))
    return found.get("zh", link.label_zh), found.get("en", link.label_en)


def _inferred(dataset: UnionView) -> set[tuple[Node, Node, Node]]:
    """Links the report does not state (fz:InferredLink statements over a link predicate)."""
    found: set[tuple[Node, Node, Node]] = set()
    for statement in dataset.subjects(RDF.type, FZ.InferredLink):
        s = dataset.value(statement, RDF.subject)
        p = dataset.value(statement, RDF.predicate)
        o = dataset.value(statement, RDF.object)
        if s is not None and o is not None and isinstance(p, URIRef) and p in LINKS:
            found.add((s, p, o))
    return found


def project(source: Dataset) -> nx.MultiDiGraph:
    """The linkage projection of ``source`` (see the module docstring)."""
    dataset = UnionView(source)
    graph = nx.MultiDiGraph()
    stated = {(s, p, o) for p in LINKS for s, o in dataset.subject_objects(p)}
    inferred = _inferred(dataset) - stated
    nodes = _node_classes(dataset, stated | inferred)
    labels = _Labels(dataset)
    for iri, cls in nodes.items():
        pairs = dataset.predicate_objects(iri)
        names = _labels(pairs)
        node_id = curie(iri)
        attrs: dict[str, Any] = _attributes(pairs, labels)
        attrs.update(
            iri=str(iri),
            **{"class": local_name(cls)},
            class_iri=str(cls),
            label=names.get("zh") or names.get("en") or node_id,
        )
        attrs.update({f"label_{lang}": names[lang] for lang in ("zh", "en") if lang in names})
        graph.add_node(node_id, **attrs)
    edge_labels = {link.iri: predicate_labels(dataset, link) for link in LINK_PREDICATES}
    for triples, status in ((stated, "reported"), (inferred, INFERRED)):
        for s, p, o in sorted(triples, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))):
            if s in nodes and o in nodes:
                label_zh, label_en = edge_labels[p]  # type: ignore[index]
                graph.add_edge(
                    curie(s),
                    curie(o),
                    key=curie(p),
                    predicate=str(p),
                    predicate_curie=curie(p),
                    label_zh=label_zh,
                    label_en=label_en,
                    assertion_status=status,
                )
    return graph
