"""Content negotiation: Accept (with q-values) or a ``format`` parameter, over the two tables.

The tables themselves live in ``graph.query.formats`` (RESULT_FORMATS for SELECT/ASK,
GRAPH_FORMATS for graphs) so the CLI and the README read the same ones. The first entry of
each table is the default when the client accepts anything (``*/*`` or no Accept header).
"""

from __future__ import annotations

from flask import Request
from werkzeug.datastructures import MIMEAccept

from graph.errors import BadRequest, Unacceptable
from graph.query.formats import GRAPH_FORMATS, RESULT_FORMATS, Format

HTML = "text/html"


def _by_name_or_type(table: dict[str, Format], value: str) -> Format | None:
    value = value.strip().lower()
    if value in table:
        return table[value]
    for fmt in table.values():
        if value in fmt.media_types or value in fmt.names:
            return fmt
    return None


def choose(table: dict[str, Format], accept: MIMEAccept, format_param: str | None = None) -> Format:
    """The format to answer in; 406 when the client accepts none of ``table``."""
    if format_param:
        chosen = _by_name_or_type(table, format_param)
        if chosen is not None:
            return chosen
        known = _by_name_or_type(RESULT_FORMATS, format_param) or _by_name_or_type(
            GRAPH_FORMATS, format_param
        )
        if known is None:
            names = ", ".join(table)
            raise BadRequest(f"unknown format {format_param!r} (use one of: {names})")
        raise Unacceptable(
            f"format {format_param!r} does not apply here (use one of: {', '.join(table)})"
        )
    default = next(iter(table.values()))
    if not accept:
        return default
    offered = [mt for fmt in table.values() for mt in fmt.media_types]
    best = accept.best_match(offered)
    if best is None:
        wanted = ", ".join(sorted({fmt.media_type for fmt in table.values()}))
        raise Unacceptable(
            f"none of the accepted media types can be produced (available: {wanted})"
        )
    # Offers are tried in table order, so "*/*" picks the table's first (default) format.
    chosen = _by_name_or_type(table, best)
    assert chosen is not None
    return chosen


def wants_html(accept: MIMEAccept, alternatives: dict[str, Format]) -> bool:
    """True when a browser-like client prefers HTML to every RDF format of ``alternatives``."""
    if not accept or HTML not in accept.values():
        return False
    html = accept[HTML]
    return all(html >= accept[mt] for fmt in alternatives.values() for mt in fmt.media_types)


def wants_text_errors(request: Request) -> bool:
    """Error bodies are JSON, unless the client accepts plain text but not JSON."""
    accept = request.accept_mimetypes
    if not accept:
        return False
    return accept["text/plain"] > 0 and accept["application/json"] == 0
