"""GEXF 1.3 (Gephi) and GraphML 1.1 (yEd, Gephi, Cytoscape), written as escaped text.

Both are written here rather than with networkx's writers, which emit a wrong ``xsi``
namespace and an empty ``<graph name="">`` in GEXF 1.3, and IRIs as (non-NMTOKEN) ids and
repeated edge ids in GraphML (see ../shared/schemas/README.md). Text, not an lxml tree: a
1,000-report graph has millions of elements, and a tree of them costs gigabytes. Output
validates against the official GEXF 1.3 RelaxNG and GraphML 1.1 XSD (tests check it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from .. import __version__, palette
from .context import CORE_EDGE, CORE_NODE, DERIVED_NODE, ExportContext, extra_keys, text

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

# Characters XML 1.0 cannot hold at all (dropped), then those escaped in content/attributes;
# str.translate does both in one C pass.
_INVALID = {c: None for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)}
_INVALID |= {c: None for c in range(0xD800, 0xE000)}  # lone surrogates
_CONTENT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", **_INVALID})
_ATTRIBUTE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\r": "&#13;",
        '"': "&quot;",
        "\n": "&#10;",
        "\t": "&#9;",
        **_INVALID,
    }
)


def escape(value: str) -> str:
    return value.translate(_CONTENT)


def attr(value: Any) -> str:
    """A double-quoted attribute value; newlines and tabs survive attribute normalisation."""
    return '"' + str(value).translate(_ATTRIBUTE) + '"'


def _attrs(pairs: dict[str, Any]) -> str:
    return "".join(f" {name}={attr(value)}" for name, value in pairs.items())


# ---------------------------------------------------------------- GEXF


def write_gexf(ctx: ExportContext) -> bytes:
    return "".join(_gexf(ctx)).encode("utf-8")


def _gexf(ctx: ExportContext) -> Iterator[str]:
    nodes = list(ctx.nodes())
    edges = list(ctx.edges())
    node_types = {"label_zh": "string", "label_en": "string", "class": "string"}
    node_types |= {"class_iri": "anyURI", "iri": "anyURI", "degree": "long"}
    node_types |= extra_keys([a for _, a in nodes], CORE_NODE + DERIVED_NODE)
    edge_types = {name: "string" for name in CORE_EDGE}
    edge_types |= extra_keys([a for *_, a in edges], (*CORE_EDGE, "label"))
    root = {
        "xmlns": GEXF_NS,
        "xmlns:viz": VIZ_NS,
        "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd",
        "version": "1.3",
    }
    yield DECLARATION + f"<gexf{_attrs(root)}>\n"
    today = datetime.now(UTC).date().isoformat()
    yield f'  <meta lastmodifieddate="{today}">\n'
    yield f"    <creator>fazhi-kg {escape(__version__)}</creator>\n"
    yield f"    <description>{escape(ctx.title)}</description>\n  </meta>\n"
    yield '  <graph defaultedgetype="directed" idtype="string">\n'
    for cls, types in (("node", node_types), ("edge", edge_types)):
        yield f'    <attributes class="{cls}">\n'
        for name, kind in types.items():
            yield f"      <attribute{_attrs({'id': name, 'title': name, 'type': kind})}/>\n"
        yield "    </attributes>\n"
    yield f'    <nodes count="{len(nodes)}">\n'
    for node, attrs in nodes:
        r, g, b = palette.rgb(str(attrs["class"]))
        x, y = ctx.position(node)
        values = dict(attrs, degree=ctx.degree(node))
        yield (
            f"      <node{_attrs({'id': node, 'label': attrs['label']})}>"
            f"{_attvalues(node_types, values)}"
            f'<viz:color r="{r}" g="{g}" b="{b}"/>'
            f'<viz:position x="{x!r}" y="{y!r}" z="0.0"/>'
            f'<viz:size value="{ctx.size(node)!r}"/></node>\n'
        )
        ctx.tick()
    yield f'    </nodes>\n    <edges count="{len(edges)}">\n'
    for i, (u, v, key, attrs) in enumerate(edges):
        head = {"id": f"e{i}", "source": u, "target": v, "label": attrs["label"], "kind": key}
        yield f"      <edge{_attrs(head)}>{_attvalues(edge_types, attrs)}</edge>\n"
        ctx.tick()
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _attvalues(types: dict[str, str], attrs: dict[str, Any]) -> str:
    values = "".join(
        f"<attvalue{_attrs({'for': name, 'value': text(attrs[name], kind)})}/>"
        for name, kind in types.items()
        if name in attrs
    )
    return f"<attvalues>{values}</attvalues>"


# ---------------------------------------------------------------- GraphML

# Gephi reads these key names as label, colour, position and size.
GRAPHML_NODE_KEYS = {
    "label": "string",
    "label_zh": "string",
    "label_en": "string",
    "class": "string",
    "class_iri": "string",
    "iri": "string",
    "node_id": "string",
    "x": "double",
    "y": "double",
    "size": "double",
    "r": "int",
    "g": "int",
    "b": "int",
    "color": "string",
    "degree": "int",
}
GRAPHML_EDGE_KEYS = {"label": "string", **{name: "string" for name in CORE_EDGE}}
_NOT_NMTOKEN = re.compile(r"[^\w.:-]")


def nmtoken(node: str) -> str:
    """A readable XML NMTOKEN for a node id: ``fzid:org/yanji-court`` -> ``fzid:org.yanji-court``.

    Our local names are slugs without dots, so mapping ``/`` to ``.`` keeps ids distinct;
    anything else outside NMTOKEN becomes ``_``; ``graphml_ids`` still de-duplicates.
    """
    return _NOT_NMTOKEN.sub("_", node.replace("/", "."))


def graphml_ids(nodes: list[str]) -> dict[str, str]:
    ids: dict[str, str] = {}
    used: set[str] = set()
    for node in nodes:
        token = base = nmtoken(node) or "n"
        n = 1
        while token in used:
            n += 1
            token = f"{base}-{n}"
        used.add(token)
        ids[node] = token
    return ids


def write_graphml(ctx: ExportContext) -> bytes:
    return "".join(_graphml(ctx)).encode("utf-8")


def _graphml(ctx: ExportContext) -> Iterator[str]:
    nodes = list(ctx.nodes())
    edges = list(ctx.edges())
    ids = graphml_ids([node for node, _ in nodes])
    node_types = dict(GRAPHML_NODE_KEYS)
    node_types |= extra_keys([a for _, a in nodes], (*CORE_NODE, *GRAPHML_NODE_KEYS))
    edge_types = dict(GRAPHML_EDGE_KEYS)
    edge_types |= extra_keys([a for *_, a in edges], tuple(GRAPHML_EDGE_KEYS))
    root = {
        "xmlns": GRAPHML_NS,
        "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.1/graphml.xsd",
    }
    yield DECLARATION + f"<graphml{_attrs(root)}>\n"
    node_keys = {name: f"n{i}" for i, name in enumerate(node_types)}
    edge_keys = {name: f"e{i}" for i, name in enumerate(edge_types)}
    for domain, keys, types in (("node", node_keys, node_types), ("edge", edge_keys, edge_types)):
        for name, key_id in keys.items():
            pairs = {"id": key_id, "for": domain, "attr.name": name, "attr.type": types[name]}
            yield f"  <key{_attrs(pairs)}/>\n"
    yield f'  <graph id="G" edgedefault="directed">\n    <desc>{escape(ctx.title)}</desc>\n'
    for node, attrs in nodes:
        x, y = ctx.position(node)
        r, g, b = palette.rgb(str(attrs["class"]))
        values = dict(attrs, node_id=node, x=x, y=y, size=ctx.size(node), r=r, g=g, b=b)
        values.update(color=palette.color(str(attrs["class"])), degree=ctx.degree(node))
        yield f"    <node id={attr(ids[node])}>{_data(node_keys, node_types, values)}</node>\n"
        ctx.tick()
    for i, (u, v, _key, attrs) in enumerate(edges):
        head = {"id": f"e{i}", "source": ids[u], "target": ids[v]}
        yield f"    <edge{_attrs(head)}>{_data(edge_keys, edge_types, attrs)}</edge>\n"
        ctx.tick()
    yield "  </graph>\n</graphml>\n"


def _data(keys: dict[str, str], types: dict[str, str], attrs: dict[str, Any]) -> str:
    return "".join(
        f'<data key="{key_id}">{escape(text(attrs[name], types[name]))}</data>'
        for name, key_id in keys.items()
        if name in attrs
    )
