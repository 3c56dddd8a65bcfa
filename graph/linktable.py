"""Which RDF predicates and classes the linkage projection keeps, and how (see graph.project).

Edges come only from ``LINK_PREDICATES``; nodes are instances of ``NODE_CLASSES`` or link ends
not typed as ``PLUMBING_CLASSES``; ``ATTRIBUTE_LINKS`` and ``LITERAL_NAMES`` name the attributes.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, RDFS, SKOS, URIRef

from .namespaces import ELI, FZ, ORG, SDMX_ATTR, SDMX_DIM, SDMX_MEASURE


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
