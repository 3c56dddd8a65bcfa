"""Exports over HTTP: ``GET /export/<format>`` (+ selection), ``POST`` for id lists.

The format name is only ever a key into ``graph.export.FORMATS`` (unknown -> 404 listing the
valid names); the file name in ``Content-Disposition`` is made here from the selection kind.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, jsonify, request

from graph import export as ex
from graph import palette
from graph.errors import BadRequest, Unsupported

from .state import current_kg, setting

bp = Blueprint("export", __name__)


def limits() -> ex.Limits:
    return ex.Limits(
        max_ids=setting("EXPORT_MAX_IDS"),
        max_hops=setting("EXPORT_MAX_HOPS"),
        max_path_length=setting("MAX_PATH_LENGTH"),
        max_paths=setting("MAX_PATHS"),
        max_nodes=setting("EXPORT_MAX_NODES"),
        hub_degree=setting("HUB_DEGREE"),
    )


@bp.get("/export/formats.json")
def formats() -> Response:
    rows = [
        {
            "name": f.name,
            "media_type": f.media_type,
            "extension": f.extension,
            "description": f.description,
            "tools": f.tools,
            "url": f"{request.script_root}/export/{f.name}",
        }
        for f in ex.FORMATS.values()
    ]
    return jsonify({"ok": True, "data": rows})


@bp.get("/export/palette.json")
def palette_json() -> Response:
    return jsonify({"ok": True, "data": palette.palette_json()})


def _body_getter() -> tuple[Callable[[str], list[str]], list[str] | None]:
    """Selection parameters of a POST: a JSON object or a form, plus the query string."""
    if request.is_json:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise BadRequest('the body must be a JSON object such as {"ids": ["fzc:…"]}')
        ids = body.get("ids")
        if ids is not None and (
            not isinstance(ids, list) or not all(isinstance(i, str) for i in ids)
        ):
            raise BadRequest("ids must be a list of strings", parameter="ids")

        def get(name: str) -> list[str]:
            value: Any = body.get(name)
            values = value if isinstance(value, list) else [] if value is None else [value]
            return [str(v) for v in values] + request.args.getlist(name)

        return get, ids
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data", ""):
        form = request.form
        ids = form.getlist("ids") or None
        return (lambda name: form.getlist(name) + request.args.getlist(name)), ids
    raise Unsupported(
        f"unsupported body type {request.mimetype!r}: send application/json or a form",
        accepted=["application/json", "application/x-www-form-urlencoded"],
    )


@bp.route("/export/<name>", methods=["GET", "POST"])
def export(name: str) -> Response:
    fmt = ex.get(name)  # first: an unknown format is 404 whatever the selection
    if request.method == "POST":
        get, ids = _body_getter()
        if ids is None and not get("ids"):
            raise BadRequest('POST an id list: {"ids": [...]} or a form field ids', parameter="ids")
    else:
        get, ids = request.args.getlist, None
    selection = ex.parse(get, ids, limits())
    result = ex.export(current_kg(), fmt.name, selection, limits=limits())
    response = Response(result.data, content_type=fmt.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    response.headers["X-Fazhi-Nodes"] = str(result.nodes)
    response.headers["X-Fazhi-Edges"] = str(result.edges)
    return response
