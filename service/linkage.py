"""Policy-linkage lookups over HTTP (``/api/...``): thin views over ``graph.linkage``.

Every route is a row of ``ROUTES``; the same rows register the views and write the OpenAPI
document, so they cannot disagree.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from graph import linkage as lk

from .openapi import OPENAPI, Param, Route, register
from .state import current_kg, setting

bp = Blueprint("linkage", __name__)

ID = Param("id", "A CURIE (fzc:…, fzid:…), a full IRI or an exact zh/en label", required=True)
CLASS = Param("class", "Keep only these classes (e.g. Mechanism, PolicyDocument)", "array")
LIMIT = Param("limit", "How many results", "integer", default=20, minimum=1, maximum="MAX_RESULTS")
NOT_FOUND = (400, 404, 409)


def _resolve(text: str) -> str:
    return lk.resolve(current_kg(), text)


def search(q: str, limit: int, **params: Any) -> list[dict[str, Any]]:
    return lk.search(current_kg(), q, params["class"], limit)


def entity(id: str) -> dict[str, Any]:
    return lk.entity(current_kg(), _resolve(id), limit=setting("MAX_NODES"))


def neighbourhood(id: str, hops: int, **params: Any) -> dict[str, Any]:
    kg = current_kg()
    result = lk.neighbourhood(
        kg,
        _resolve(id),
        hops,
        params["class"],
        max_hops=setting("MAX_HOPS"),
        max_nodes=setting("MAX_NODES"),
        hub_degree=setting("HUB_DEGREE"),
    )
    return result.to_json(kg.projection())


def paths(max_length: int, k: int, **params: Any) -> dict[str, Any]:
    kg = current_kg()
    result = lk.paths(
        kg,
        _resolve(params["from"]),
        _resolve(params["to"]),
        max_length,
        k,
        max_path_length=setting("MAX_PATH_LENGTH"),
        max_paths=setting("MAX_PATHS"),
        hub_degree=setting("HUB_DEGREE"),
    )
    return result.to_json(kg.projection())


def linkage(id: str) -> dict[str, Any]:
    return lk.linkage(current_kg(), _resolve(id), limit=setting("MAX_NODES"))


def rankings(measure: str, limit: int, **params: Any) -> dict[str, Any]:
    return lk.rankings(current_kg(), measure, params["class"], limit)


ROUTES: tuple[Route, ...] = (
    Route(
        "/api/search",
        "search",
        "Find resources by zh/en label (exact, then prefix, then substring)",
        search,
        (Param("q", "Text to look for; 《》 and quotes are ignored", required=True), CLASS, LIMIT),
    ),
    Route(
        "/api/entity",
        "entity",
        "One resource: labels, class, attributes, links by predicate, source sentences",
        entity,
        (ID,),
        NOT_FOUND,
    ),
    Route(
        "/api/neighbourhood",
        "neighbourhood",
        "Resources within a few links (hubs are not expanded; capped at FAZHI_MAX_NODES)",
        neighbourhood,
        (
            ID,
            Param("hops", "Links from it", "integer", default=1, minimum=1, maximum="MAX_HOPS"),
            CLASS,
        ),
        NOT_FOUND,
    ),
    Route(
        "/api/paths",
        "paths",
        "Shortest paths between two resources, steps in their real direction, zh/en sentences",
        paths,
        (
            Param("from", "Start: CURIE, IRI or exact label", required=True),
            Param("to", "End: CURIE, IRI or exact label", required=True),
            Param(
                "max_length",
                "Most links per path",
                "integer",
                default=4,
                minimum=1,
                maximum="MAX_PATH_LENGTH",
            ),
            Param("k", "How many paths", "integer", default=5, minimum=1, maximum="MAX_PATHS"),
        ),
        NOT_FOUND,
    ),
    Route(
        "/api/linkage",
        "linkage",
        "Policy-linkage summary: documents, bodies, components, areas and figures of a resource",
        linkage,
        (ID,),
        NOT_FOUND,
    ),
    Route(
        "/api/rankings",
        "rankings",
        "The most connected resources by degree, betweenness or PageRank",
        rankings,
        (
            Param("measure", "Centrality measure", default="degree", enum=tuple(lk.MEASURES)),
            CLASS,
            LIMIT,
        ),
    ),
    OPENAPI,
)
register(bp, ROUTES)
