"""Application factory: ``create_app(config=None, kg=None)``. Nothing is created at import time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

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


def _load_kg(settings: Mapping[str, Any]) -> KnowledgeGraph:
    extra = [Path(p) for p in str(settings["DATA"]).split(os.pathsep) if p]
    return KnowledgeGraph.open(
        str(settings.get("STORE") or "memory"),
        extra,
        bundled=not settings["NO_BUNDLED"],
        refresh=float(settings.get("STORE_REFRESH", 60.0)),
    )


def create_app(config: Mapping[str, Any] | None = None, kg: KnowledgeGraph | None = None) -> Flask:
    """Build the service. Tests pass their own ``kg``; otherwise it is loaded per settings."""
    app = Flask(__name__)
    settings = read_settings(config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions[EXTENSION] = {"settings": settings, "kg": kg or _load_kg(settings)}
    errors.register(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    writes.register(app, settings)  # only when a write token is configured
    headers.register(app)
    return app
