"""Graphviz DOT, with a CJK font named so ``dot -Tsvg`` draws Chinese instead of boxes."""

from __future__ import annotations

from typing import Any

from .. import palette
from .context import ExportContext, text

FONT = "WenQuanYi Micro Hei"  # fontconfig falls back to any installed CJK font
# DOT attributes written for every node besides the label (an open set: other tools ignore them).
NODE_FIELDS = ("label_zh", "label_en", "class", "iri")
EDGE_FIELDS = ("predicate", "predicate_curie", "label_zh", "label_en")


def quote(value: Any) -> str:
    """A DOT double-quoted string: backslash and quote escaped, newlines as ``\\n``."""
    body = text(value).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + body.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n") + '"'


def _attrs(pairs: dict[str, Any]) -> str:
    return ", ".join(f"{name}={quote(value)}" for name, value in pairs.items())


def write_dot(ctx: ExportContext) -> bytes:
    lines = [
        f"digraph {quote(ctx.title)} {{",
        f"  graph [{_attrs({'charset': 'UTF-8', 'fontname': FONT, 'overlap': 'false'})}];",
        f"  node [{_attrs({'fontname': FONT, 'shape': 'box', 'style': 'rounded,filled'})}];",
        f"  edge [{_attrs({'fontname': FONT, 'fontsize': '10'})}];",
    ]
    for node, attrs in ctx.nodes():
        fields = {"label": attrs["label"], **{k: attrs[k] for k in NODE_FIELDS}}
        fields["fillcolor"] = palette.color(str(attrs["class"]))
        lines.append(f"  {quote(node)} [{_attrs(fields)}];")
        ctx.tick()
    for u, v, _key, attrs in ctx.edges():
        fields = {"label": attrs["label"], **{k: attrs[k] for k in EDGE_FIELDS}}
        lines.append(f"  {quote(u)} -> {quote(v)} [{_attrs(fields)}];")
        ctx.tick()
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
