"""Application factory: ``create_app(config=None, kg=None)``. Nothing is created at import time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from graph import query
from graph.errors import BadRequest
from graph.kg import KnowledgeGraph

from . import (
    description,
    errors,
    explore,
    export,
    headers,
    linkage,
    meta,
    resources,
    sparql,
    ui,
    writes,
)
from .settings import read_settings
from .state import EXTENSION

# One blueprint per area; each area adds its own here.
BLUEPRINTS = [
    meta.bp,
    ui.bp,
    linkage.bp,
    export.bp,
    explore.bp,
    sparql.bp,
    description.bp,
    resources.bp,
]


def load_kg(settings: Mapping[str, Any]) -> KnowledgeGraph:
    """The graph the settings name (FAZHI_STORE, FAZHI_DATA, FAZHI_NO_BUNDLED,
    FAZHI_STORE_REFRESH): what ``create_app`` and ``fazhi serve`` both serve.

    Extra files only go into the memory store; with another store that would silently serve
    less than asked, so it is a BadRequest (``fazhi load`` fills a persistent store).
    """
    spec = str(settings.get("STORE") or "memory")
    extra = [Path(p) for p in str(settings.get("DATA") or "").split(os.pathsep) if p]
    if extra and spec != "memory":
        raise BadRequest(
            f"extra data files (FAZHI_DATA, --data) need the memory store, not {spec!r}: "
            "load them into the store with `fazhi load` instead"
        )
    return KnowledgeGraph.open(
        spec,
        extra,
        bundled=not settings.get("NO_BUNDLED", False),
        refresh=float(settings.get("STORE_REFRESH", 60.0)),
    )


def body_cap(app: Flask) -> int:
    """The largest request body any route accepts (a server in front must let it through)."""
    settings = app.extensions[EXTENSION]["settings"]
    return max(
        int(settings["MAX_BODY"]),
        int(settings["MAX_WRITE_BODY"]),
        int(app.config["MAX_CONTENT_LENGTH"]),
    )


def warm_up(app: Flask) -> None:
    """Fork the query workers now, while the process has one thread (before a server starts
    its request threads: forking a threaded process can copy a held lock)."""
    with app.app_context():
        query.warm_up(app.extensions[EXTENSION]["kg"], sparql.limits())


def create_app(config: Mapping[str, Any] | None = None, kg: KnowledgeGraph | None = None) -> Flask:
    """Build the service. Tests pass their own ``kg``; otherwise it is loaded per settings."""
    app = Flask(__name__)
    settings = read_settings(config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    # Werkzeug's cap for routes without one of their own (e.g. a POST /export id list);
    # /sparql and the write routes set theirs per request.
    app.config["MAX_CONTENT_LENGTH"] = int(settings["EXPORT_MAX_BODY"])
    app.extensions[EXTENSION] = {
        "settings": settings,
        "kg": kg if kg is not None else load_kg(settings),
    }
    errors.register(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    writes.register(app, settings)  # only when a write token is configured
    headers.register(app)
    return app
