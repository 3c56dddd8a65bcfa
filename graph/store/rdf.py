"""RDF plumbing the store backends share: media types, N-Quads dumps, replace-graph updates."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..errors import BadRequest, Unsupported
from ..namespaces import bind
from ..terms import add_quads, to_ox_term

# Body media types a write accepts and a graph read can answer with (one table).
MEDIA_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
DUMP_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}

DEFAULT = "default"  # the key that names the store's unnamed default graph
# XML markup declarations other than comments and CDATA: DOCTYPE, ENTITY, ELEMENT...
_XML_DECLARATION = re.compile(rb"<!(?!--|\[CDATA\[)")


def body_format(content_type: str | None) -> ox.RdfFormat:
    media = (content_type or "").split(";")[0].strip().lower()
    if media not in MEDIA_TYPES:
        raise Unsupported(
            f"unsupported content type {media or '(none)'}; use one of: " + ", ".join(MEDIA_TYPES)
        )
    return MEDIA_TYPES[media]


def parse_triples(data: bytes, fmt: ox.RdfFormat, *, max_triples: int) -> list[ox.Triple]:
    """Parse a write body into triples (quad formats: only the document's default graph)."""
    if fmt == ox.RdfFormat.RDF_XML and (_XML_DECLARATION.search(data) or b"\x00" in data):
        raise BadRequest("RDF/XML with a DOCTYPE, ENTITY or other declaration is refused")
    triples: list[ox.Triple] = []
    try:
        for quad in ox.parse(data, format=fmt, without_named_graphs=True, rename_blank_nodes=True):
            triples.append(quad.triple)
            if len(triples) > max_triples:
                raise BadRequest(f"more than {max_triples} triples in one write")
    except (SyntaxError, ValueError) as exc:
        raise BadRequest(f"body does not parse as {fmt.name}: {exc}") from exc
    return triples


def graph_name(key: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if key == DEFAULT else ox.NamedNode(key)


def graph_key(name: object) -> str:
    return name.value if isinstance(name, ox.NamedNode) else DEFAULT


def replace_update(graphs: Mapping[str, Iterable[ox.Triple] | None]) -> str:
    """One SPARQL update that sets each graph to the given triples (None: drop it)."""
    parts: list[str] = []
    for key, triples in graphs.items():
        target = "DEFAULT" if key == DEFAULT else f"GRAPH <{key}>"
        parts.append(f"DROP SILENT {target}")
        lines = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples or ())
        if lines:
            body = lines if key == DEFAULT else f"GRAPH <{key}> {{\n{lines}\n}}"
            parts.append(f"INSERT DATA {{\n{body}\n}}")
    return " ;\n".join(parts)


def sorted_nquads(quads: Iterable[ox.Quad]) -> bytes:
    """A canonical-enough N-Quads dump: one line per quad, lines sorted (stable across runs)."""
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    lines = sorted(line for line in data.split(b"\n") if line)
    return b"".join(line + b"\n" for line in lines)


def to_rdflib(quads: Iterable[ox.Quad]) -> Dataset:
    """An rdflib Dataset (default graph = union, prefixes bound) holding ``quads``."""
    dataset = bind(Dataset(default_union=True))
    add_quads(dataset, quads)
    return dataset


def from_rdflib(dataset: Dataset) -> Iterator[ox.Quad]:
    """The quads of an rdflib Dataset as pyoxigraph quads (no serialize/parse round trip)."""
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        graph = ox.DefaultGraph() if name in (None, DATASET_DEFAULT_GRAPH_ID) else to_ox_term(name)
        yield ox.Quad(to_ox_term(s), to_ox_term(p), to_ox_term(o), graph)
