"""Our vocabulary (closed) and the prefixes every file, query and export shares."""

from __future__ import annotations

from functools import lru_cache
from typing import TypeVar

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace
from rdflib.term import Node


class FZ(DefinedNamespace):
    """The fazhi ontology. Closed: ``FZ.Regulaton`` raises instead of minting a typo."""

    _NS = Namespace("https://w3id.org/fazhi/ontology#")
    _fail = True

    # classes
    AnnualReport: URIRef
    ReportSection: URIRef
    ReportParagraph: URIRef
    ReportSentence: URIRef
    PolicyDocument: URIRef
    DocumentGroup: URIRef
    AdministrativeArea: URIRef
    Platform: URIRef
    Mechanism: URIRef
    Campaign: URIRef
    PolicyArea: URIRef
    Indicator: URIRef
    Unit: URIRef
    DocumentType: URIRef
    OrganisationType: URIRef
    TargetGroup: URIRef
    Observation: URIRef
    Activity: URIRef
    Problem: URIRef
    PlannedTask: URIRef
    InferredLink: URIRef

    # object properties
    implementedBy: URIRef
    establishes: URIRef
    hasMemberDocument: URIRef
    hasComponent: URIRef
    participant: URIRef
    leadOrganisation: URIRef
    relatedMechanism: URIRef
    targets: URIRef
    inPolicyArea: URIRef
    publishedVia: URIRef
    hasOutcome: URIRef
    indicator: URIRef
    aboutMechanism: URIRef
    subjectOrganisation: URIRef
    numerator: URIRef
    denominator: URIRef
    partitionedInto: URIRef
    subsetOf: URIRef
    valueStatus: URIRef
    concernsArea: URIRef
    plannedFor: URIRef
    reportedFor: URIRef
    labelSource: URIRef
    assertionStatus: URIRef
    level: URIRef
    supervises: URIRef
    via: URIRef
    recipient: URIRef
    withinArea: URIRef
    jurisdiction: URIRef
    mentionedIn: URIRef
    report: URIRef

    # datatype properties
    implementationVerb: URIRef
    hasObjective: URIRef
    reportedOutcome: URIRef
    addressesIssue: URIRef
    denominatorStated: URIRef
    derivationFormula: URIRef
    statedAs: URIRef
    perUnit: URIRef
    paragraphNumber: URIRef
    sentenceNumber: URIRef
    rationale: URIRef
    titleMarked: URIRef
    isCollective: URIRef


FZC = Namespace("https://w3id.org/fazhi/concept/")
FZID = Namespace("https://w3id.org/fazhi/id/")
FZSH = Namespace("https://w3id.org/fazhi/shapes#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTR = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ISOTHES = Namespace("http://purl.org/iso25964/skos-thes#")
VANN = Namespace("http://purl.org/vocab/vann/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")

ONTOLOGY_IRI = URIRef("https://w3id.org/fazhi/ontology")

# One table of prefixes: Turtle output, SPARQL prologues, CURIE parsing and the query UI.
PREFIXES: dict[str, str] = {
    "fz": str(FZ._NS),
    "fzc": str(FZC),
    "fzid": str(FZID),
    "fzsh": str(FZSH),
    "eli": str(ELI),
    "org": str(ORG),
    "qb": str(QB),
    "sdmx-dimension": str(SDMX_DIM),
    "sdmx-measure": str(SDMX_MEASURE),
    "sdmx-attribute": str(SDMX_ATTR),
    "nif": str(NIF),
    "isothes": str(ISOTHES),
    "vann": str(VANN),
    "unit": str(UNIT),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def curie(iri: str | Node) -> str:
    """``https://w3id.org/fazhi/id/org/x`` -> ``fzid:org/x``; when several namespaces match,
    the longest wins. An IRI outside every namespace, or a namespace itself, comes back as is.
    """
    return _curie(str(iri))


@lru_cache(maxsize=1 << 20)  # the projection and exports shorten the same IRIs millions of times
def _curie(iri: str) -> str:
    matches = [(p, ns) for p, ns in PREFIXES.items() if iri.startswith(ns) and len(iri) > len(ns)]
    if not matches:
        return iri
    prefix, ns = max(matches, key=lambda match: len(match[1]))
    return f"{prefix}:{iri[len(ns) :]}"


def expand(text: str) -> str:
    """``fzid:org/x`` -> the full IRI; anything that is not a known-prefix CURIE unchanged."""
    prefix, sep, rest = text.partition(":")
    if sep and prefix in PREFIXES and rest and not rest.startswith("//"):
        return PREFIXES[prefix] + rest
    return text


G = TypeVar("G", bound=Graph)


def bind(graph: G) -> G:
    """Bind the project's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, Namespace(ns), override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """``PREFIX`` lines for every project prefix, for queries and the query UI."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
