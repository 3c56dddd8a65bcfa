"""``/sparql``: the SPARQL 1.1 Protocol (query operation), strictly.

GET ``?query=``, POST ``application/x-www-form-urlencoded`` and POST
``application/sparql-query`` (charset UTF-8 or absent). Query strings and bodies are decoded
as strict UTF-8 by hand (Werkzeug would replace bad bytes silently). ``GET /sparql`` without a
query (no parameters, or only ``lang`` / ``format`` / ``output``) answers with the service
description (or the query UI for a browser). Request bodies here are capped at MAX_BODY.
Errors keep the protocol's status codes and the project's error shape. Relative IRIs in a
query resolve against the endpoint (the protocol's service-defined base); ``/sparql/`` is the
same endpoint. Updates are refused here with 400 (writes go to /update, with a token).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote_to_bytes

import pyoxigraph
from flask import Blueprint, Response, make_response, request, url_for
from werkzeug.exceptions import HTTPException

from graph.errors import (
    BadRequest,
    FazhiError,
    QueryError,
    TooLarge,
    Unacceptable,
    Unsupported,
)
from graph.query import Limits, QueryResult, check, run
from graph.query.formats import formats_for

from .errors import error_response
from .negotiate import choose, wants_text_errors
from .state import current_kg, setting

bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")
TRUNCATED_HEADER = "X-Fazhi-Truncated"
PRESENTATION = frozenset({"lang", "format", "output"})  # say how to answer, not what to ask
NOWHERE = "urn:fazhi:empty-graph"  # a graph name that is never loaded
# An IRIREF without a scheme. It may also match text that is not an IRI (a comment, ``?a<?b>``):
# then the BASE it triggers resolves nothing and changes nothing.
IRI_TEXT = re.compile(r"[^<>\"{}|^`\\\x00-\x20]*")
RELATIVE_IRI = re.compile(rf"<(?![A-Za-z][A-Za-z0-9+.\-]*:){IRI_TEXT.pattern}>")
ERROR_LINE = re.compile(r"\berror at (\d+):")


@bp.before_request
def _body_cap() -> None:
    """Werkzeug's own cap on this route's bodies (413 before a form is parsed)."""
    request.max_content_length = int(setting("MAX_BODY"))


def limits() -> Limits:
    """The query limits from the settings."""
    return Limits(
        timeout=float(setting("QUERY_TIMEOUT")),
        max_rows=int(setting("MAX_ROWS")),
        max_triples=int(setting("MAX_TRIPLES")),
        max_depth=int(setting("MAX_DEPTH")),
        workers=int(setting("WORKERS")),
        memory_mb=int(setting("QUERY_MEMORY")),
    )


def _utf8(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(f"{what} is not valid UTF-8") from None


def parse_urlencoded(raw: bytes, what: str) -> list[tuple[str, str]]:
    """``a=1&b=2`` → pairs, percent-decoded and then decoded as strict UTF-8."""
    pairs = []
    for part in raw.split(b"&"):
        if not part:
            continue
        name, _, value = part.partition(b"=")
        pairs.append(
            (
                _utf8(unquote_to_bytes(name.replace(b"+", b" ")), what),
                _utf8(unquote_to_bytes(value.replace(b"+", b" ")), what),
            )
        )
    return pairs


def _body() -> bytes:
    cap = int(setting("MAX_BODY"))
    if request.content_length is not None and request.content_length > cap:
        raise TooLarge(f"request body larger than {cap} bytes")
    # Read up to the cap, then probe for one byte more. Without a Content-Length (chunked),
    # Werkzeug's stream stops at MAX_CONTENT_LENGTH and raises 413 on the probe, so a long
    # body is refused rather than silently cut at the cap.
    chunks: list[bytes] = []
    size = 0
    while size < cap:
        chunk = request.stream.read(cap - size)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    if request.stream.read(1):
        raise TooLarge(f"request body larger than {cap} bytes")
    return b"".join(chunks)


def _charset_ok() -> None:
    charset = request.mimetype_params.get("charset")
    if charset is not None and charset.strip().lower() not in ("utf-8", "utf8"):
        raise Unsupported(f"charset {charset!r} is not accepted: send the query as UTF-8")


def request_params() -> list[tuple[str, str]]:
    """Every protocol parameter of this request, the query included, as ``(name, value)``."""
    if len(request.query_string) > int(setting("MAX_BODY")):
        raise TooLarge("query string too long: send long queries with POST")
    url_params = parse_urlencoded(request.query_string, "the query string")
    if request.method != "POST":
        return url_params
    mimetype = request.mimetype
    if mimetype == FORM:
        _charset_ok()
        return url_params + parse_urlencoded(_body(), "the request body")
    if mimetype == DIRECT:
        _charset_ok()
        if any(name == "query" for name, _ in url_params):
            raise QueryError("two queries: the body is the query, so drop the query parameter")
        return [*url_params, ("query", _utf8(_body(), "the request body"))]
    if mimetype == UPDATE:
        raise QueryError("SPARQL Update is not accepted: this is a read-only query endpoint")
    shown = mimetype or "none"
    raise Unsupported(
        f"content type {shown!r} is not accepted: use {FORM} or {DIRECT} (or GET ?query=)"
    )


def _one(params: list[tuple[str, str]], name: str) -> str | None:
    values = [value for key, value in params if key == name]
    if len(values) > 1:
        raise QueryError(f"the {name!r} parameter is given {len(values)} times; give it once")
    return values[0] if values else None


def _graph_iris(params: list[tuple[str, str]], name: str) -> list[str]:
    iris = [value.strip() for key, value in params if key == name]
    for iri in iris:
        try:
            pyoxigraph.NamedNode(iri)
        except ValueError:
            raise QueryError(f"{name} {iri!r} is not an absolute IRI") from None
    return iris


def respond(result: QueryResult, fmt: str) -> Response:
    body = result.serialize(fmt)
    media_type = formats_for(result.kind)[fmt].media_type
    if media_type.startswith("text/"):
        media_type += "; charset=utf-8"
    response = make_response(body)
    response.headers["Content-Type"] = media_type
    response.headers["Vary"] = "Accept"
    if result.truncated:
        response.headers[TRUNCATED_HEADER] = "true"
    return response


def with_service_base(query: str) -> str:
    """``query`` with the endpoint as its base IRI when it has relative IRIs.

    The protocol lets the service define the base ("which MAY be the service endpoint"), so
    ``CONSTRUCT { <s> <p> 1 } WHERE {}`` parses. A ``BASE`` of the query's own comes after
    this one and wins (resolved against it, as RFC 3986 says).
    """
    base = url_for("sparql.sparql", _external=True)
    # The base comes from the Host header: one that would not be a plain IRIREF is not used.
    if RELATIVE_IRI.search(query) is None or not IRI_TEXT.fullmatch(base):
        return query
    return f"BASE <{base}>\n{query}"


def _run_based(query: str, **kwargs: Any) -> QueryResult:
    """:func:`run` on ``with_service_base(query)``, with parser positions in the client's text."""
    based = with_service_base(query)
    try:
        return run(current_kg(), based, **kwargs)
    except QueryError as exc:
        if based is query:
            raise
        message = ERROR_LINE.sub(lambda m: f"error at {int(m[1]) - 1}:", exc.message)
        raise QueryError(message, **exc.details) from None


def _syntax_probe(query: str, lim: Limits) -> None:
    """Parse ``query`` in a worker against an empty dataset: QueryError if malformed."""
    _run_based(query, default_graph_uris=[NOWHERE], named_graph_uris=[NOWHERE], limits=lim)


# strict_slashes=False: ``/sparql/`` answers too (no redirect), as the W3C protocol tests,
# written against an endpoint at ``/sparql/``, request it.
@bp.route("/sparql", methods=["GET", "POST"], strict_slashes=False)
def sparql() -> Any:
    params = request_params()
    if request.method == "GET" and all(name in PRESENTATION for name, _ in params):
        from .description import description_response

        return description_response(_one(params, "format") or _one(params, "output"))
    if _one(params, "update") is not None:
        raise QueryError("SPARQL Update is not accepted: this is a read-only query endpoint")
    query = _one(params, "query")
    if query is None:
        raise QueryError("missing 'query' parameter")
    _one(params, "version")  # SPARQL 1.2 Protocol: 0 or 1 of them, like the query itself
    lim = limits()
    shape = check(query, lim.max_depth)
    fmt_param = _one(params, "format") or _one(params, "output")
    fmt = None
    if shape.kind is not None:  # unknown kind: let the parser say what is wrong first
        try:
            fmt = choose(formats_for(shape.kind), request.accept_mimetypes, fmt_param).name
        except Unacceptable:
            _syntax_probe(query, lim)  # a malformed query is a 400 before it is a 406
            raise
    result = _run_based(
        query,
        default_graph_uris=_graph_iris(params, "default-graph-uri"),
        named_graph_uris=_graph_iris(params, "named-graph-uri"),
        limits=lim,
        fmt=fmt,
    )
    if fmt is None:
        fmt = choose(formats_for(result.kind), request.accept_mimetypes, fmt_param).name
    return respond(result, fmt)


def protocol_error(message: str, status: int) -> Response:
    """The error shape, or plain text for a client that accepts text but not JSON."""
    if wants_text_errors(request):
        response = make_response(message + "\n", status)
        response.headers["Content-Type"] = "text/plain; charset=utf-8"
        return response
    return error_response(message, status)


@bp.errorhandler(FazhiError)
def _domain_error(exc: FazhiError) -> Response:
    return protocol_error(exc.message, exc.status)


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException) -> Response:
    return protocol_error(exc.description or exc.name, exc.code or 500)
