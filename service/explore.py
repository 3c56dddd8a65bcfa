"""The in-browser explorer (``GET /explore``): Cytoscape.js over ``/export/cyjs``, offline.

The page carries no inline script: ``static/js/explore.js`` reads its settings from a
``<script type="application/json">`` block and fetches the graph, the palette and the
linkage API (``/api/search``, ``/api/entity``, ``/api/paths``) from this origin.

What it loads first: the whole graph when it has at most EXPORT_EXPLORE_MAX_NODES nodes. A
larger one (a thousand reports make 116,000 nodes, far more than a browser draws) opens on the
neighbourhood of ``?focus=`` (``/export/cyjs?id=…&hops=…``), or without a focus on the most
connected nodes (by degree, as ``/api/rankings`` ranks them), with a notice saying so.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, make_response, render_template, request

from graph import export as ex
from graph import linkage as lk
from graph import palette

from .params import page_lang
from .state import current_kg, setting

# Scripts, styles and fetches from this origin only; cy.png() hands out blob: URLs. Cytoscape
# styles its canvases through the CSSOM (allowed) and injects one fixed <style> element,
# allowed by its hash (cytoscape 3.35.0; tests/e2e/test_explore.py fails if it changes).
CYTOSCAPE_STYLE = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
CSP = (
    f"default-src 'self'; style-src 'self' {CYTOSCAPE_STYLE}; img-src 'self' data: blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)

bp = Blueprint("explore", __name__)


def overview() -> dict[str, Any]:
    """The graph's size, and the best-connected node ids if it is too large to load whole."""
    kg = current_kg()
    total = kg.projection().number_of_nodes()
    shown = min(setting("EXPORT_EXPLORE_MAX_NODES"), setting("EXPORT_MAX_IDS"))
    if total <= shown:
        return {"total": total, "ids": None}
    ranked = lk.rankings(kg, "degree", limit=shown)["results"]
    return {"total": total, "ids": [r["id"] for r in ranked]}


@bp.get("/explore")
def explore() -> Response:
    lang = page_lang()
    root = request.script_root
    data = {
        "root": root,
        "lang": lang,
        "graph": f"{root}/export/cyjs",
        "overview": overview(),
        "formats": [
            {"name": f.name, "extension": f.extension, "description": f.description}
            for f in ex.FORMATS.values()
        ],
        "palette": palette.palette_json()["classes"],
        "max_hops": setting("EXPORT_MAX_HOPS"),
    }
    html = render_template("explore.html", lang=lang, page="explore", data=data)
    response = make_response(html)
    response.headers["Content-Security-Policy"] = CSP
    return response
