"""One table of export formats: it feeds ``/export/<format>``, ``fazhi export`` and the README.

Each writer takes an :class:`~graph.export.context.ExportContext` (the selected subgraph of
the projection, the cached layout, the dataset) and returns the file's bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import NotFound
from ..kg import KnowledgeGraph
from ..layout import positions
from .context import ExportContext
from .dot import write_dot
from .json_formats import write_cyjs, write_nodelink
from .neo4j import write_neo4j
from .rdf import write_jsonld, write_nt, write_ttl
from .selection import Limits, Selection, parse, resolve, select, subgraph
from .xml_formats import write_gexf, write_graphml

__all__ = ["FORMATS", "Export", "Format", "Limits", "Selection", "export", "get", "parse"]

Writer = Callable[[ExportContext], bytes]


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    extension: str
    writer: Writer
    description: str
    tools: str


# name, media type, extension, writer, what it holds, for which tools
_TABLE: tuple[tuple[str, str, str, Writer, str, str], ...] = (
    ("gexf", "application/gexf+xml", "gexf", write_gexf,
     "GEXF 1.3: colour by class, size by degree, seeded layout positions", "Gephi"),
    ("graphml", "application/graphml+xml", "graphml", write_graphml,
     "GraphML 1.1: NMTOKEN node ids (IRI in `iri`), unique edge ids, x/y/size/r/g/b keys",
     "yEd, Gephi, Cytoscape, networkx"),
    ("cyjs", "application/json", "cyjs", write_cyjs,
     "Cytoscape.js JSON (`name` = zh label, positions, colours); the explorer's data",
     "Cytoscape desktop, Cytoscape.js"),
    ("nodelink", "application/json", "json", write_nodelink,
     'node-link JSON (`nodes`, `links`) as networkx `node_link_data(edges="links")`',
     "D3, networkx"),
    ("dot", "text/vnd.graphviz; charset=utf-8", "dot", write_dot,
     "Graphviz DOT with a CJK font named, quoted ids", "Graphviz"),
    ("neo4j", "application/zip", "zip", write_neo4j,
     "zip of `nodes.csv` + `relationships.csv` with neo4j-admin import headers", "Neo4j"),
    ("ttl", "text/turtle; charset=utf-8", "ttl", write_ttl,
     "the selection's RDF (types, labels, attributes, links within it) as Turtle",
     "any RDF tool"),
    ("jsonld", "application/ld+json", "jsonld", write_jsonld,
     "the selection's RDF as JSON-LD, inline context of the project prefixes", "JSON-LD tools"),
    ("nt", "application/n-triples", "nt", write_nt,
     "the selection's RDF as sorted N-Triples", "any RDF tool, line diffs"),
)  # fmt: skip
FORMATS: dict[str, Format] = {row[0]: Format(*row) for row in _TABLE}


def names() -> list[str]:
    return list(FORMATS)


def get(name: str) -> Format:
    """The format called ``name``; NotFound (404) listing the valid names otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        valid = ", ".join(FORMATS)
        raise NotFound(f"unknown export format {name!r}; valid: {valid}", formats=names()) from None


@dataclass(frozen=True)
class Export:
    data: bytes
    format: Format
    filename: str
    nodes: int
    edges: int


def export(
    kg: KnowledgeGraph,
    name: str,
    selection: Selection | None = None,
    progress: Callable[[int], None] | None = None,
    *,
    limits: Limits | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Export:
    """Write the selection in format ``name``.

    ``on_start(total)`` is called once the work is known, then ``progress(n)`` as it is done.
    """
    fmt = get(name)
    selection = selection or Selection()
    nodes = select(kg, selection, limits)
    sub = subgraph(kg, nodes)
    ctx = ExportContext(sub, kg.dataset, positions(kg.projection()), title=_title(selection))
    if progress is not None:
        ctx.progress = progress
    if on_start is not None:
        on_start(ctx.work)
    data = fmt.writer(ctx)
    focus = resolve(kg, kg.projection(), selection.focus) if selection.focus else None
    filename = f"fazhi-kg-{selection.slug(focus)}.{fmt.extension}"
    return Export(data, fmt, filename, sub.number_of_nodes(), sub.number_of_edges())


def _title(selection: Selection) -> str:
    return "fazhi-kg" if selection.kind == "all" else f"fazhi-kg ({selection.kind})"


def markdown_table() -> str:
    """The README's table of formats (a test checks the README has it verbatim)."""
    rows = ["| format | file | media type | for | what |", "|---|---|---|---|---|"]
    for f in FORMATS.values():
        rows.append(
            f"| `{f.name}` | `.{f.extension}` | `{f.media_type}` | {f.tools} | {f.description} |"
        )
    return "\n".join(rows) + "\n"
