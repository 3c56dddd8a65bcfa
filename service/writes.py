"""Authenticated, SHACL-guarded writes: ``POST /update`` and the Graph Store Protocol at ``/store``.

The blueprint exists only when ``FAZHI_UPDATE_TOKEN`` or ``FAZHI_UPDATE_TOKEN_FILE`` is set;
otherwise both routes are 404. Every request needs ``Authorization: Bearer <token>``
(constant-time comparison); a token in the query string and CORS preflights are refused, so a
web page cannot write on a visitor's behalf. ``graph.writes`` does the validate-then-commit.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from graph import writes
from graph.errors import BadRequest, FazhiError, TooLarge, Unauthorized, Unprocessable, Unsupported
from graph.query.formats import GRAPH_FORMATS, rdf_format
from graph.store.rdf import DEFAULT, body_format

from .errors import error_response
from .negotiate import choose
from .sparql import parse_urlencoded
from .state import EXTENSION as STATE
from .state import current_kg, setting

log = logging.getLogger(__name__)

bp = Blueprint("writes", __name__)
EXTENSION = "fazhi.writes"
UPDATE = "application/sparql-update"
FORM = "application/x-www-form-urlencoded"
TOKEN_PARAMS = frozenset({"access_token", "token", "auth", "authorization", "key", "api_key"})
ALLOW = {"/update": "POST", "/store": "GET, HEAD, PUT, POST, DELETE"}


def token_from(settings: Mapping[str, Any]) -> str | None:
    """The write token from the settings (a file wins over the variable); None: no writes."""
    path = str(settings.get("UPDATE_TOKEN_FILE") or "")
    token = (
        Path(path).read_text(encoding="utf-8").strip()
        if path
        else str(settings.get("UPDATE_TOKEN") or "")
    )
    return token or None


def register(app: Flask, settings: Mapping[str, Any]) -> None:
    """Add the write routes if a token is configured (called by the app factory)."""
    token = token_from(settings)
    if token is None:
        return
    if len(token) < 16:
        raise FazhiError("FAZHI_UPDATE_TOKEN must be at least 16 characters")
    app.extensions[EXTENSION] = token
    app.register_blueprint(bp)
    from graph.store.local import MemoryBackend

    if isinstance(app.extensions[STATE]["kg"].store, MemoryBackend):
        log.warning(
            "writes go to the memory store: lost at restart (use FAZHI_STORE=oxigraph:PATH)"
        )


def _limits() -> writes.WriteLimits:
    return writes.WriteLimits(
        timeout=float(setting("QUERY_TIMEOUT")),
        max_triples=int(setting("MAX_WRITE_TRIPLES")),
        max_depth=int(setting("MAX_DEPTH")),
    )


@bp.before_request
def _guard() -> Response | None:
    if request.method == "OPTIONS":
        return error_response("cross-origin writes are refused", 403)
    token: str = current_app.extensions[EXTENSION]
    for name, value in request.args.items(multi=True):
        if name.lower() in TOKEN_PARAMS or hmac.compare_digest(value.encode(), token.encode()):
            return error_response("never put the token in the URL: use Authorization: Bearer", 400)
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        response = error_response(Unauthorized("a valid bearer token is required").message, 401)
        response.headers["WWW-Authenticate"] = 'Bearer realm="fazhi-writes"'
        return response
    request.max_content_length = int(setting("MAX_WRITE_BODY"))  # the write cap, not MAX_BODY
    return None


@bp.after_request
def _no_cors(response: Response) -> Response:
    for header in [h for h, _ in response.headers if h.lower().startswith("access-control-")]:
        del response.headers[header]
    response.headers["Cache-Control"] = "no-store"
    return response


def _body() -> bytes:
    cap = int(setting("MAX_WRITE_BODY"))
    if request.content_length is not None and request.content_length > cap:
        raise TooLarge(f"request body larger than {cap} bytes")
    data = request.stream.read(cap + 1)
    if len(data) > cap:
        raise TooLarge(f"request body larger than {cap} bytes")
    return data


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("the request body is not valid UTF-8") from None


def _done(result: writes.WriteResult, status: int = 200) -> Response:
    response = jsonify({"ok": True, "data": {"graphs": result.graphs}})
    response.status_code = status
    return response


@bp.route("/update", methods=["POST"], provide_automatic_options=False)
def update() -> Response:
    """SPARQL 1.1 Update: ``update=`` form field or an ``application/sparql-update`` body."""
    params = parse_urlencoded(request.query_string, "the query string")
    if request.mimetype == UPDATE:
        if any(name == "update" for name, _ in params):
            raise BadRequest("two updates: the body is the update, so drop the update parameter")
        text = _utf8(_body())
    elif request.mimetype == FORM:
        params += parse_urlencoded(_body(), "the request body")
        found = [value for name, value in params if name == "update"]
        if len(found) != 1:
            raise BadRequest("exactly one update parameter is required")
        text = found[0]
    else:
        shown = request.mimetype or "none"
        raise Unsupported(f"content type {shown!r} is not accepted: use {FORM} or {UPDATE}")
    if any(name in ("using-graph-uri", "using-named-graph-uri") for name, _ in params):
        raise BadRequest(
            "using-graph-uri / using-named-graph-uri are not supported: use USING in the update"
        )
    if "\x00" in text:
        raise BadRequest("the update contains a NUL character")
    return _done(writes.update(current_kg(), text, _limits()))


def _graph_key() -> str:
    graphs = request.args.getlist("graph")
    default = "default" in request.args
    if len(graphs) + default != 1:
        raise BadRequest("name exactly one graph: ?graph=IRI or ?default")
    if default:
        return DEFAULT
    try:
        return ox.NamedNode(graphs[0]).value
    except ValueError:
        raise BadRequest(f"not an absolute IRI: {graphs[0]!r}") from None


@bp.route("/store", methods=["GET", "PUT", "POST", "DELETE"], provide_automatic_options=False)
def store() -> Response:
    """SPARQL 1.1 Graph Store HTTP Protocol, indirect graph identification."""
    kg, key = current_kg(), _graph_key()
    if request.method == "GET":
        wanted = choose(GRAPH_FORMATS, request.accept_mimetypes, request.args.get("format"))
        triples = writes.get_graph(kg, key)
        data = ox.serialize(triples, format=rdf_format(wanted.name)) or b""
        return Response(data, mimetype=wanted.media_type)
    if request.method == "DELETE":
        writes.delete_graph(kg, key, _limits())
        return Response(status=204)
    body, fmt = _body(), body_format(request.content_type)
    write = writes.put_graph if request.method == "PUT" else writes.post_graph
    result = write(kg, key, body, fmt, _limits())
    return Response(status=201 if result.created else 204)


@bp.errorhandler(Unprocessable)
def _refused(exc: Unprocessable) -> Response:
    details = dict(exc.details)
    turtle = details.pop("report_turtle", "")
    if request.accept_mimetypes.best_match(["application/json", "text/turtle"]) == "text/turtle":
        return Response(turtle, status=422, mimetype="text/turtle")
    return error_response(exc.message, 422, **details)


@bp.errorhandler(HTTPException)
def _http(exc: HTTPException) -> Response:
    response = error_response(exc.description or exc.name, exc.code or 500)
    if exc.code == 405:
        response.headers["Allow"] = ALLOW.get(request.path, "")
    return response
