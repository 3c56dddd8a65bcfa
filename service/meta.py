"""Service health and facts about the loaded graph."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from graph import __version__
from graph.load import named_graphs

from .state import current_kg

bp = Blueprint("meta", __name__)


@bp.get("/-/health")
def health() -> Response:
    kg = current_kg()
    graphs = named_graphs(kg.dataset)
    return jsonify(
        {
            "ok": True,
            "data": {
                "status": "ok",
                "version": __version__,
                "graphs": [str(g) for g in graphs],
                "triples": len(kg.dataset),
            },
        }
    )
