"""The one accessor for the loaded graph and the settings inside a request."""

from __future__ import annotations

from typing import Any

from flask import current_app

from graph.kg import KnowledgeGraph

EXTENSION = "fazhi"


def current_kg() -> KnowledgeGraph:
    kg: KnowledgeGraph = current_app.extensions[EXTENSION]["kg"]
    return kg


def setting(name: str) -> Any:
    return current_app.extensions[EXTENSION]["settings"][name]
