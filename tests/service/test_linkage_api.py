"""The /api/ linkage routes: content on success, one error shape on bad input, OpenAPI agreement."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from flask import Flask
from flask.testing import FlaskClient

from graph.kg import KnowledgeGraph
from service import create_app

TESTS = Path(__file__).resolve().parent.parent
FIXTURES = [TESTS / "data" / "tiny.ttl", TESTS / "linkage" / "data" / "linkage.ttl"]
FUYUAN = "fzc:mech-fuyuan-liandong"
RULES = "fzid:doc/tiny-fuyuan-rules"
COURT = "fzid:org/tiny-court"


@pytest.fixture(scope="module")
def linkage_app() -> Iterator[Flask]:
    kg = KnowledgeGraph.load(FIXTURES, bundled=False)
    yield create_app({"TESTING": True}, kg=kg)


@pytest.fixture()
def api(linkage_app: Flask) -> FlaskClient:
    return linkage_app.test_client()


@pytest.fixture(scope="module")
def openapi(linkage_app: Flask) -> dict[str, Any]:
    document: dict[str, Any] = linkage_app.test_client().get("/api/openapi.json").get_json()
    return document


def ok(api: FlaskClient, url: str, **params: Any) -> Any:
    response = api.get(url, query_string=params)
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["ok"] is True
    return body["data"]


def error(api: FlaskClient, url: str, status: int, openapi: dict[str, Any], **params: Any) -> Any:
    response = api.get(url, query_string=params)
    body = response.get_json()
    assert response.status_code == status, body
    assert body["ok"] is False and body["status"] == status and body["error"]
    jsonschema.validate(body, openapi["components"]["schemas"]["Error"])
    return body


def test_search(api: FlaskClient) -> None:
    data = ok(api, "/api/search", q="《关于建立府院联动机制的工作规则》")
    assert data[0]["id"] == RULES and data[0]["match"] == "exact"
    data = ok(api, "/api/search", q="府院联动", **{"class": "PolicyDocument,Mechanism"}, limit=1)
    assert [r["id"] for r in data] == [FUYUAN]


def test_entity(api: FlaskClient) -> None:
    data = ok(api, "/api/entity", id="https://w3id.org/fazhi/id/doc/tiny-fuyuan-rules")
    assert data["id"] == RULES and data["class"] == "PolicyDocument"
    assert data["sentences"][0]["text"].startswith("市政府与市人民法院")
    assert {g["predicate_curie"] for g in data["outgoing"]} == {"eli:passed_by", "fz:establishes"}


def test_neighbourhood(api: FlaskClient) -> None:
    data = ok(api, "/api/neighbourhood", id="府院联动", hops=2, **{"class": "Organization"})
    assert data["center"]["id"] == FUYUAN and data["hops"] == 2
    assert {n["id"] for n in data["nodes"]} >= {COURT, "fzid:org/tiny-gov"}
    assert all(n["class"] == "Organization" for n in data["nodes"] if n["id"] != FUYUAN)
    assert data["capped"] is False


def test_paths(api: FlaskClient) -> None:
    data = ok(api, "/api/paths", **{"from": "府院联动", "to": "City People's Court"}, k=3)
    assert data["from"]["id"] == FUYUAN and data["to"]["id"] == COURT
    assert data["shortest"] == 1
    texts = [p["text_zh"] for p in data["paths"]]
    assert "府院联动机制 —由…确立→ 《关于建立府院联动机制的工作规则》 —印发→ 市人民法院" in texts


def test_linkage(api: FlaskClient) -> None:
    data = ok(api, "/api/linkage", id="行政复议")
    assert data["kind"] == "mechanism"
    figures = next(s for s in data["sections"] if s["key"] == "figures")["items"]
    assert sorted(f["value"] for f in figures) == [16, 17]


def test_rankings(api: FlaskClient) -> None:
    data = ok(api, "/api/rankings", measure="degree", **{"class": "Mechanism"}, limit=2)
    assert data["measure"] == "degree" and len(data["results"]) == 2
    assert data["results"][0]["id"] == "fzc:mech-admin-reconsideration"


@pytest.mark.parametrize(
    ("url", "params", "status"),
    [
        ("/api/search", {}, 400),
        ("/api/search", {"q": "府院", "limit": "0"}, 400),
        ("/api/search", {"q": "府院", "limit": "1000"}, 400),
        ("/api/search", {"q": "府院", "class": "Nope"}, 400),
        ("/api/entity", {}, 400),
        ("/api/entity", {"id": "fzid:org/nowhere"}, 404),
        ("/api/entity", {"id": "市政府"}, 409),
        ("/api/neighbourhood", {}, 400),
        ("/api/neighbourhood", {"id": "府院联动", "hops": "4"}, 400),
        ("/api/neighbourhood", {"id": "府院联动", "hops": "two"}, 400),
        ("/api/neighbourhood", {"id": "府院联"}, 404),
        ("/api/paths", {"from": "府院联动"}, 400),
        ("/api/paths", {"from": "府院联动", "to": "市人民法院", "max_length": "7"}, 400),
        ("/api/paths", {"from": "府院联动", "to": "市人民法院", "k": "21"}, 400),
        ("/api/paths", {"from": "府院联动", "to": "nowhere"}, 404),
        ("/api/paths", {"from": "市政府", "to": "市人民法院"}, 409),
        ("/api/linkage", {}, 400),
        ("/api/linkage", {"id": "no such thing"}, 404),
        ("/api/rankings", {"measure": "closeness"}, 400),
        ("/api/rankings", {"limit": "-1"}, 400),
    ],
)
def test_bad_input(
    api: FlaskClient, openapi: dict[str, Any], url: str, params: dict[str, str], status: int
) -> None:
    error(api, url, status, openapi, **params)


def test_not_found_suggests_and_conflict_lists_candidates(
    api: FlaskClient, openapi: dict[str, Any]
) -> None:
    body = error(api, "/api/linkage", 404, openapi, id="府院联")
    assert FUYUAN in [s["id"] for s in body["suggestions"]]
    body = error(api, "/api/entity", 409, openapi, id="市政府")
    assert {c["id"] for c in body["candidates"]} == {"fzid:org/tiny-gov", "fzid:org/fix-gov"}


def test_over_cap_names_the_cap(api: FlaskClient, openapi: dict[str, Any]) -> None:
    body = error(api, "/api/paths", 400, openapi, **{"from": FUYUAN, "to": COURT}, max_length=9)
    assert body["parameter"] == "max_length" and body["maximum"] == 6


def test_caps_follow_settings() -> None:
    kg = KnowledgeGraph.load(FIXTURES, bundled=False)
    app = create_app({"TESTING": True, "MAX_HOPS": 1, "MAX_PATH_LENGTH": 2}, kg=kg)
    client = app.test_client()
    assert (
        client.get("/api/neighbourhood", query_string={"id": FUYUAN, "hops": 2}).status_code == 400
    )
    document = client.get("/api/openapi.json").get_json()
    params = {p["name"]: p for p in document["paths"]["/api/paths"]["get"]["parameters"]}
    assert params["max_length"]["schema"]["maximum"] == 2


def test_openapi_describes_every_api_route_and_nothing_else(
    linkage_app: Flask, openapi: dict[str, Any]
) -> None:
    rules = {r.rule for r in linkage_app.url_map.iter_rules() if r.rule.startswith("/api/")}
    assert rules == set(openapi["paths"])
    assert openapi["openapi"] == "3.1.0"


def test_openapi_parameters_match_the_views(openapi: dict[str, Any], api: FlaskClient) -> None:
    for path, item in openapi["paths"].items():
        operation = item["get"]
        assert operation["operationId"] and "200" in operation["responses"]
        for param in operation["parameters"]:
            assert param["in"] == "query"
            jsonschema.Draft202012Validator.check_schema(param["schema"])
        required = [p["name"] for p in operation["parameters"] if p["required"]]
        if required:  # leaving out a required parameter is the documented 400
            assert "400" in operation["responses"]
            assert api.get(path).status_code == 400


def test_real_graph_paths_and_linkage_over_http(client: FlaskClient) -> None:
    """The bundled graph through the shared app: 府院联动 reaches 市人民法院 via its rules."""
    data = ok(client, "/api/paths", **{"from": "府院联动", "to": "市人民法院"})
    assert any(
        any(n["class"] == "PolicyDocument" and "府院联动" in n["label"] for n in p["nodes"])
        for p in data["paths"]
    )
    data = ok(client, "/api/linkage", id="三项制度")
    components = next(s for s in data["sections"] if s["key"] == "components")
    assert components["count"] == 3
