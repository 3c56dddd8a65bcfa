"""STYLE §2: every route answers bad input with the one error shape.

Walks every rule of the app's url_map (the write routes included: a token is configured) and
sends each one bad input: unknown ids, bad integers, missing parameters, a wrong method, bad
path parts, a write without the token. Every answer must be
``{"ok": false, "error": str, "status": <the HTTP status>}`` with a 4xx status, and must not
leak a traceback or a path of the server. A new route fails the test until it has cases here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from graph.kg import KnowledgeGraph
from service import create_app

TOKEN = "t" * 32
AUTH = {"Authorization": f"Bearer {TOKEN}"}
JSON = {"Accept": "application/json"}
GOV = "fzid:org/tiny-gov"
COURT = "fzid:org/tiny-court"
UNKNOWN = "fzid:org/no-such-body"
# What an answer must never show: a traceback, a source file, the server's folders.
LEAKS = ("Traceback", 'File "', ".py", str(Path(__file__).resolve().parents[2]), "site-packages")


@dataclass(frozen=True)
class Case:
    method: str
    path: str
    status: int
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    data: Any = None
    json: Any = None

    def __str__(self) -> str:
        query = "&".join(f"{k}={v}" for k, v in self.query.items())
        return f"{self.method} {self.path}{'?' + query if query else ''} -> {self.status}"


def case(method: str, path: str, status: int, **kwargs: Any) -> Case:
    return Case(method, path, status, **kwargs)


# endpoint -> bad requests and the status each must get.
CASES: dict[str, list[Case]] = {
    "static": [
        case("GET", "/static/no-such-file.js", 404),
        case("GET", "/static/../pyproject.toml", 404),
    ],
    "linkage.search": [
        case("GET", "/api/search", 400),
        case("GET", "/api/search", 400, query={"q": "市", "limit": "many"}),
        case("GET", "/api/search", 400, query={"q": "市", "limit": "0"}),
        case("GET", "/api/search", 400, query={"q": "市", "limit": "100000"}),
        case("GET", "/api/search", 400, query={"q": "市", "class": "NoSuchClass"}),
        case("POST", "/api/search", 405, query={"q": "市"}),
    ],
    "linkage.entity": [
        case("GET", "/api/entity", 400),
        case("GET", "/api/entity", 404, query={"id": UNKNOWN}),
        case("GET", "/api/entity", 404, query={"id": "no such label at all"}),
    ],
    "linkage.neighbourhood": [
        case("GET", "/api/neighbourhood", 400),
        case("GET", "/api/neighbourhood", 404, query={"id": UNKNOWN}),
        case("GET", "/api/neighbourhood", 400, query={"id": GOV, "hops": "two"}),
        case("GET", "/api/neighbourhood", 400, query={"id": GOV, "hops": "99"}),
        case("GET", "/api/neighbourhood", 400, query={"id": GOV, "class": "Nope"}),
    ],
    "linkage.paths": [
        case("GET", "/api/paths", 400),
        case("GET", "/api/paths", 400, query={"from": GOV}),
        case("GET", "/api/paths", 404, query={"from": GOV, "to": UNKNOWN}),
        case("GET", "/api/paths", 400, query={"from": GOV, "to": GOV}),
        case("GET", "/api/paths", 400, query={"from": GOV, "to": COURT, "k": "0"}),
        case("GET", "/api/paths", 400, query={"from": GOV, "to": COURT, "max_length": "x"}),
    ],
    "linkage.linkage": [
        case("GET", "/api/linkage", 400),
        case("GET", "/api/linkage", 404, query={"id": UNKNOWN}),
    ],
    "linkage.rankings": [
        case("GET", "/api/rankings", 400, query={"measure": "loudness"}),
        case("GET", "/api/rankings", 400, query={"limit": "-1"}),
    ],
    "export.export": [
        case("GET", "/export/no-such-format", 404),
        case("GET", "/export/cyjs", 404, query={"id": UNKNOWN}),
        case("GET", "/export/cyjs", 400, query={"id": GOV, "hops": "x"}),
        case("GET", "/export/cyjs", 400, query={"id": GOV, "hops": "99"}),
        case("GET", "/export/cyjs", 400, query={"from": GOV}),
        case("GET", "/export/cyjs", 400, query={"id": GOV, "from": GOV, "to": COURT}),
        case("GET", "/export/cyjs", 400, query={"class": "Nope"}),
        case("POST", "/export/cyjs", 400, json={}),
        case("POST", "/export/cyjs", 400, json=["not", "an", "object"]),
        case("POST", "/export/cyjs", 400, json={"ids": "fzid:org/tiny-gov"}),
        case("POST", "/export/cyjs", 404, json={"ids": [UNKNOWN]}),
        case("POST", "/export/cyjs", 415, data=b"ids", headers={"Content-Type": "text/csv"}),
        case("DELETE", "/export/cyjs", 405),
    ],
    "sparql.sparql": [
        case("GET", "/sparql", 400, query={"default-graph-uri": "http://x/"}),
        case("GET", "/sparql", 400, query={"format": "no-such-format"}),
        case("GET", "/sparql", 400, query={"query": "SELECT WHERE"}),
        case("GET", "/sparql", 400, query={"query": "SELECT * { SERVICE <http://x/> { } }"}),
        case("POST", "/sparql", 400, data={"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}),
        case("POST", "/sparql", 415, data=b"ASK {}", headers={"Content-Type": "text/csv"}),
        case("PUT", "/sparql", 405),
    ],
    "description.void": [
        case("POST", "/.well-known/void", 405),
        case("GET", "/.well-known/void", 400, query={"format": "no-such-format"}),
    ],
    "resources.instance": [
        case("GET", "/id/org/no-such-body", 404),
        case("GET", "/id/org/bad path<script>", 404),
        case("GET", "/id/org/tiny-gov", 400, query={"format": "no-such-format"}),
        case("POST", "/id/org/tiny-gov", 405),
    ],
    "resources.concept": [
        case("GET", "/concept/no-such-concept", 404),
        case("GET", "/concept/a//b", 404),
    ],
    "resources.ontology": [
        case("GET", "/ontology", 400, query={"format": "no-such-format"}),
        case("POST", "/ontology", 405),
    ],
    "resources.ontology_term": [
        case("GET", "/ontology/NoSuchTerm", 404),
        case("GET", "/ontology/bad term", 404),
    ],
    "writes.update": [
        case("POST", "/update", 401, data={"update": "CLEAR ALL"}),
        case(
            "POST",
            "/update",
            401,
            data={"update": "CLEAR ALL"},
            headers={"Authorization": "Bearer wrong"},
        ),
        case("POST", "/update", 400, query={"token": TOKEN}, data={"update": "CLEAR ALL"}),
        case("POST", "/update", 400, headers=AUTH, data={"query": "ASK {}"}),
        case("POST", "/update", 400, headers=AUTH, data={"update": "NOT SPARQL"}),
        case("POST", "/update", 415, headers={**AUTH, "Content-Type": "text/csv"}, data=b"x"),
        case("GET", "/update", 405),
    ],
    "writes.store": [
        case("GET", "/store", 401, query={"default": ""}),
        case("PUT", "/store", 401, query={"default": ""}, data=b"<a:b> <a:c> <a:d> ."),
        case("GET", "/store", 400, headers=AUTH),
        case("GET", "/store", 400, headers=AUTH, query={"graph": "not an iri"}),
        case("PATCH", "/store", 405, headers=AUTH, query={"default": ""}),
    ],
}
# Routes that take no input, so a wrong method (every route gets one) is all that can be wrong.
ONLY_LANG = "no parameters but ?lang, and an unknown language falls back to zh by design"
NO_BAD_INPUT = {
    "meta.health": "no parameters",
    "ui.index": ONLY_LANG,
    "ui.examples_json": "no parameters",
    "linkage.openapi": "no parameters",
    "export.formats": "no parameters",
    "export.palette_json": "no parameters",
    "explore.explore": ONLY_LANG,
}


@pytest.fixture(scope="module")
def app(tiny_kg: KnowledgeGraph) -> Flask:
    return create_app({"UPDATE_TOKEN": TOKEN}, kg=tiny_kg)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def assert_error_shape(response: Any, status: int, what: str) -> dict[str, Any]:
    text = response.get_data(as_text=True)
    assert response.status_code == status, f"{what}: {response.status_code} {text[:300]}"
    assert 400 <= response.status_code < 500
    assert response.mimetype == "application/json", f"{what}: {response.mimetype}"
    body = response.get_json()
    assert body["ok"] is False and body["status"] == response.status_code, what
    assert isinstance(body["error"], str) and body["error"], what
    for leak in LEAKS:
        assert leak not in text, f"{what} leaks {leak!r}: {text[:300]}"
    return dict(body)


def test_every_route_has_bad_input_cases(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - CASES.keys() - NO_BAD_INPUT.keys() == set(), "add cases for new routes"
    assert (CASES.keys() | NO_BAD_INPUT.keys()) - endpoints == set(), "routes that are gone"
    assert CASES.keys() & NO_BAD_INPUT.keys() == set()


def test_a_wrong_method_on_every_route(app: Flask, client: FlaskClient) -> None:
    """Every rule, its path parts filled in, with a method it does not allow: 405."""
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<[^>]+>", "x", rule.rule)
        method = next(m for m in ("PATCH", "DELETE", "PUT") if m not in (rule.methods or ()))
        response = client.open(path, method=method, headers={**JSON, **AUTH})
        body = assert_error_shape(response, 405, f"{method} {path}")
        assert method not in response.headers["Allow"], body


@pytest.mark.parametrize(
    "bad", [c for cases in CASES.values() for c in cases], ids=lambda c: str(c)
)
def test_bad_input_gets_the_error_shape(client: FlaskClient, bad: Case) -> None:
    response = client.open(
        bad.path,
        method=bad.method,
        query_string=bad.query,
        headers={**JSON, **bad.headers},
        data=bad.data,
        json=bad.json,
    )
    assert_error_shape(response, bad.status, str(bad))


def test_an_unknown_path(client: FlaskClient) -> None:
    assert_error_shape(client.get("/no/such/route", headers=JSON), 404, "/no/such/route")


def test_sparql_errors_are_text_only_for_text_only_clients(client: FlaskClient) -> None:
    """The protocol lets /sparql answer text/plain to a client that accepts only text; a client
    that accepts JSON (or says nothing) gets the error shape."""
    query = {"query": "SELECT WHERE"}
    text_only = client.get("/sparql", query_string=query, headers={"Accept": "text/plain"})
    assert text_only.status_code == 400 and text_only.mimetype == "text/plain"
    for accept in ("application/json", "text/plain, application/json;q=0.5", "*/*"):
        response = client.get("/sparql", query_string=query, headers={"Accept": accept})
        assert_error_shape(response, 400, f"/sparql with Accept: {accept}")
    assert_error_shape(client.get("/sparql", query_string=query), 400, "/sparql, no Accept")


def test_an_unexpected_error_is_a_500_without_details(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph import linkage

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail at /srv/fazhi/graph/x.py")

    monkeypatch.setattr(linkage, "search", crash)
    response = client.get("/api/search", query_string={"q": "市"}, headers=JSON)
    assert response.status_code == 500
    body = response.get_json()
    assert body == {"ok": False, "error": "internal error", "status": 500}
