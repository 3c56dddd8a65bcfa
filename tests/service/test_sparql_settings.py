"""The SPARQL area's settings: documented, parsed from FAZHI_* variables, and in effect."""

from __future__ import annotations

import json

import pytest

from graph.kg import KnowledgeGraph
from service import create_app
from service.settings import SETTINGS, read_settings

OURS = {
    "QUERY_TIMEOUT": 10.0,
    "MAX_ROWS": 10000,
    "MAX_TRIPLES": 100000,
    "MAX_BODY": 262144,
    "MAX_DEPTH": 64,
    "WORKERS": 3,
    "QUERY_MEMORY": 2048,
    "CORS_ORIGINS": "*",
}


def test_defaults_and_help() -> None:
    table = {s.name: s for s in SETTINGS}
    for name, default in OURS.items():
        assert table[name].default == default
        assert len(table[name].help) > 20


def test_read_from_environment() -> None:
    values = read_settings(
        environ={"FAZHI_QUERY_TIMEOUT": "2.5", "FAZHI_MAX_ROWS": "7", "FAZHI_CORS_ORIGINS": ""}
    )
    assert (
        values["QUERY_TIMEOUT"] == 2.5 and values["MAX_ROWS"] == 7 and values["CORS_ORIGINS"] == ""
    )


def test_max_rows_in_effect(tiny_kg: KnowledgeGraph) -> None:
    client = create_app({"TESTING": True, "MAX_ROWS": 2}, kg=tiny_kg).test_client()
    response = client.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"})
    assert len(json.loads(response.data)["results"]["bindings"]) == 2


@pytest.mark.parametrize(
    ("origins", "origin", "allowed"),
    [
        ("*", "https://a.example", "*"),
        ("https://a.example, https://b.example", "https://b.example", "https://b.example"),
        ("https://a.example", "https://evil.example", None),
        ("", "https://a.example", None),
    ],
)
def test_cors_origins(
    tiny_kg: KnowledgeGraph, origins: str, origin: str, allowed: str | None
) -> None:
    client = create_app({"TESTING": True, "CORS_ORIGINS": origins}, kg=tiny_kg).test_client()
    response = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Origin": origin})
    assert response.headers.get("Access-Control-Allow-Origin") == allowed
    assert response.headers["X-Content-Type-Options"] == "nosniff"
