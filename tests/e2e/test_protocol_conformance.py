"""The W3C SPARQL 1.1 Protocol tests (w3c/rdf-tests sparql/sparql11/protocol/manifest.ttl),
replayed byte for byte against a real ``fazhi serve --no-bundled --data data{1,2,3}.nq``.

The suite's graphs ``http://kasei.us/2009/09/sparql/data/dataN.rdf`` are loaded from N-Quads,
which carry their graph names, so the dataset tests need no dereferencing. Requests go through
``http.client`` (what urllib sits on) because urllib adds a form Content-Type to any body, and
the ``bad_*_missing_*_type`` tests must send none. The update tests do not apply: /sparql is
a read-only query endpoint, so every update there must be refused with a 4xx.
"""

from __future__ import annotations

import codecs
import csv
import http.client
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

import pytest
from fazhi_server import fazhi_serve
from rdflib import Graph, Literal, URIRef

pytestmark = [pytest.mark.e2e]

DATA = Path(__file__).parent.parent / "data" / "protocol"
KASEI = "http://kasei.us/2009/09/sparql/data/"
D0, D1, D2, D3 = (quote(f"{KASEI}data{n}.rdf", safe="") for n in range(4))
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
RESULTS_XML = "{http://www.w3.org/2005/sparql-results#}"
BOOLEAN_TYPES = {"application/sparql-results+xml", "application/sparql-results+json"}
TABULAR_TYPES = BOOLEAN_TYPES | {"text/csv", "text/tab-separated-values"}
RDF_TYPES = {
    "application/rdf+xml": "xml",
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
}


def q(text: str) -> str:
    return quote(text, safe="")


@dataclass
class Case:
    """One request of a manifest entry and what the spec requires of the answer."""

    name: str
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 2  # the expected status class: 2 (2xx/3xx accepted) or 4
    boolean: bool | None = None  # expected ASK result
    form: str | None = None  # "boolean", "tabular" or "RDF"


def ask(name: str, method: str, path: str, body: str | None = None, **kw: object) -> Case:
    headers = {"Content-Type": kw.pop("content_type")} if "content_type" in kw else {}
    data = body.encode() if body is not None else None
    return Case(name, method, path, data, headers, form="boolean", **kw)  # type: ignore[arg-type]


ASK_D1_D2 = f"ASK {{ <{KASEI}data1.rdf> a ?type . <{KASEI}data2.rdf> a ?type . }}"
ASK_GRAPHS = (
    f"ASK {{ GRAPH ?g1 {{ <{KASEI}data1.rdf> a ?type }} "
    f"GRAPH ?g2 {{ <{KASEI}data2.rdf> a ?type }} }}"
)
ASK_FULL = f"""ASK {{
  <{KASEI}data3.rdf> a ?type
  GRAPH ?g1 {{ <{KASEI}data1.rdf> a ?type }}
  GRAPH ?g2 {{ <{KASEI}data2.rdf> a ?type }}
}}"""
ASK_FROM = f"ASK FROM <{KASEI}data3.rdf> {ASK_GRAPHS[4:]}"
UPDATE_DATASET = f"""PREFIX foaf: <http://xmlns.com/foaf/0.1/>
CLEAR ALL ;
INSERT DATA {{ GRAPH <{KASEI}data1.rdf> {{ <{KASEI}data1.rdf> a foaf:Document }} }}"""

QUERY_CASES = [
    ask(
        "query_post_form",
        "POST",
        f"/sparql/?default-graph-uri={D0}",
        "query=ASK%20%7B%7D",
        content_type=FORM,
        boolean=True,
    ),
    ask(
        "query_dataset_default_graphs_get",
        "GET",
        f"/sparql/?query={q(ASK_D1_D2)}&default-graph-uri={D1}&default-graph-uri={D2}",
        boolean=True,
    ),
    ask(
        "query_dataset_default_graphs_post",
        "POST",
        f"/sparql/?default-graph-uri={D1}&default-graph-uri={D2}",
        ASK_D1_D2,
        content_type=DIRECT,
        boolean=True,
    ),
    ask(
        "query_dataset_named_graphs_post",
        "POST",
        f"/sparql/?named-graph-uri={D1}&named-graph-uri={D2}",
        ASK_GRAPHS,
        content_type=DIRECT,
        boolean=True,
    ),
    ask(
        "query_dataset_named_graphs_get",
        "GET",
        f"/sparql/?query={q(ASK_GRAPHS)}&named-graph-uri={D1}&named-graph-uri={D2}",
        boolean=True,
    ),
    ask(
        "query_dataset_full",
        "POST",
        f"/sparql/?default-graph-uri={D3}&named-graph-uri={D1}&named-graph-uri={D2}",
        ASK_FULL,
        content_type=DIRECT,
        boolean=True,
    ),
    # The manifest percent-encodes the second "&named-graph-uri=" (%26...%3D), which makes one
    # odd graph IRI; this is the request its comment and expected answer describe.
    ask(
        "query_multiple_dataset",
        "POST",
        f"/sparql/?named-graph-uri={D1}&named-graph-uri={D2}",
        ASK_FROM,
        content_type=DIRECT,
        boolean=True,
    ),
    # The older manifest's form of the same test: the protocol dataset overrides FROM.
    ask(
        "query_multiple_dataset (protocol overrides FROM)",
        "POST",
        f"/sparql/?default-graph-uri={D2}",
        f"ASK FROM <{KASEI}data1.rdf> {{ <{KASEI}data1.rdf> ?p ?o }}",
        content_type=DIRECT,
        boolean=False,
    ),
    ask("query_get", "GET", f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={D0}", boolean=True),
    Case(
        "query_content_type_select",
        "POST",
        f"/sparql/?default-graph-uri={D0}",
        b"SELECT (1 AS ?value) {}",
        {"Content-Type": DIRECT},
        form="tabular",
    ),
    ask(
        "query_content_type_ask",
        "POST",
        f"/sparql/?default-graph-uri={D0}",
        "ASK {}",
        content_type=DIRECT,
        boolean=True,
    ),
    Case(
        "query_content_type_describe",
        "POST",
        f"/sparql/?default-graph-uri={D0}",
        b"DESCRIBE <http://example.org/>",
        {"Content-Type": DIRECT},
        form="RDF",
    ),
    # Relative IRIs: the service defines the base ("which MAY be the service endpoint").
    Case(
        "query_content_type_construct",
        "POST",
        f"/sparql/?default-graph-uri={D0}",
        b"CONSTRUCT { <s> <p> 1 } WHERE {}",
        {"Content-Type": DIRECT},
        form="RDF",
    ),
    ask("query_post_direct", "POST", "/sparql/", "ASK {}", content_type=DIRECT, boolean=True),
    # sparql12/protocol/manifest.ttl: the version parameter and media-type parameter.
    ask(
        "query_get_with_version",
        "GET",
        f"/sparql?query=ASK%20%7B%7D&version=1.2&default-graph-uri={D1}",
        boolean=True,
    ),
    ask(
        "query_post_direct_with_version_param",
        "POST",
        f"/sparql?default-graph-uri={D1}",
        "ASK {}",
        content_type=f"{DIRECT}; version=1.2",
        boolean=True,
    ),
]

BAD_CASES = [
    Case(
        "bad_query_method",
        "PUT",
        f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={D0}",
        b"",
        {"Content-Type": FORM},
        status=4,
    ),
    Case(
        "bad_multiple_queries",
        "GET",
        "/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D",
        status=4,
    ),
    Case(
        "bad_query_wrong_media_type",
        "POST",
        "/sparql/",
        b"ASK {}",
        {"Content-Type": "text/plain"},
        status=4,
    ),
    Case("bad_query_missing_form_type", "POST", "/sparql/", b"query=ASK%20%7B%7D", status=4),
    Case("bad_query_missing_direct_type", "POST", "/sparql/", b"ASK {}", status=4),
    Case(
        "bad_query_non_utf8",
        "POST",
        "/sparql/",
        codecs.BOM_UTF16_LE + "ASK {}".encode("utf-16-le"),
        {"Content-Type": f"{DIRECT}; charset=UTF-16"},
        status=4,
    ),
    Case(
        "bad_query_multiple_versions",
        "GET",
        f"/sparql?query=ASK%20%7B%7D&version=1.1&version=1.2&default-graph-uri={D1}",
        status=4,
    ),
    Case("bad_query_syntax", "GET", "/sparql/?query=ASK%20%7B", status=4),
    Case("bad_update_get", "GET", "/sparql/?update=CLEAR%20ALL", status=4),
    Case(
        "bad_multiple_updates",
        "POST",
        "/sparql/",
        b"update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
        {"Content-Type": FORM},
        status=4,
    ),
    Case(
        "bad_update_wrong_media_type",
        "POST",
        "/sparql/",
        b"CLEAR NAMED",
        {"Content-Type": "text/plain"},
        status=4,
    ),
    Case("bad_update_missing_form_type", "POST", "/sparql/", b"update=CLEAR%20NAMED", status=4),
    Case(
        "bad_update_non_utf8",
        "POST",
        "/sparql/",
        codecs.BOM_UTF16_LE + "CLEAR NAMED".encode("utf-16-le"),
        {"Content-Type": f"{UPDATE}; charset=UTF-16"},
        status=4,
    ),
    Case(
        "bad_update_syntax",
        "POST",
        "/sparql/",
        b"update=CLEAR%20XYZ",
        {"Content-Type": FORM},
        status=4,
    ),
    Case(
        "bad_update_dataset_conflict",
        "POST",
        "/sparql/?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople",
        b"WITH <http://example/addresses> DELETE { ?p <urn:n> 'Bill' } WHERE { ?p <urn:n> 'Bill' }",
        {"Content-Type": UPDATE},
        status=4,
    ),
]

# The update tests expect 2xx from an endpoint that takes updates; a read-only query endpoint
# must refuse them (the first request of each), and the data must be untouched afterwards.
UPDATE_CASES = [
    Case(
        "update_dataset_default_graph",
        "POST",
        f"/sparql/?using-graph-uri={D1}",
        UPDATE_DATASET.encode(),
        {"Content-Type": UPDATE},
        status=4,
    ),
    Case(
        "update_dataset_default_graphs",
        "POST",
        f"/sparql/?using-graph-uri={D1}&using-graph-uri={D2}",
        UPDATE_DATASET.encode(),
        {"Content-Type": UPDATE},
        status=4,
    ),
    Case(
        "update_dataset_named_graphs",
        "POST",
        f"/sparql/?using-named-graph-uri={D1}&using-named-graph-uri={D2}",
        UPDATE_DATASET.encode(),
        {"Content-Type": UPDATE},
        status=4,
    ),
    Case(
        "update_dataset_full",
        "POST",
        f"/sparql/?using-graph-uri={D1}&using-named-graph-uri={D2}",
        UPDATE_DATASET.encode(),
        {"Content-Type": UPDATE},
        status=4,
    ),
    Case(
        "update_post_form",
        "POST",
        "/sparql/",
        b"update=CLEAR+ALL",
        {"Content-Type": FORM},
        status=4,
    ),
    Case(
        "update_post_form_with_version",
        "POST",
        "/sparql",
        b"update=CLEAR%20ALL&version=1.2",
        {"Content-Type": FORM},
        status=4,
    ),
    Case(
        "update_post_direct_with_version_param",
        "POST",
        "/sparql",
        b"CLEAR ALL",
        {"Content-Type": f"{UPDATE}; version=1.2"},
        status=4,
    ),
    Case(
        "bad_update_multiple_versions",
        "POST",
        "/sparql",
        b"update=CLEAR%20ALL&version=1.1&version=1.2",
        {"Content-Type": FORM},
        status=4,
    ),
    Case(
        "update_post_direct", "POST", "/sparql/", b"CLEAR ALL", {"Content-Type": UPDATE}, status=4
    ),
    Case(
        "update_base_uri",
        "POST",
        "/sparql/",
        b"INSERT DATA { GRAPH <http://example.org/protocol-base-test/> "
        b"{ <http://example.org/s> <http://example.org/p> <test> } }",
        {"Content-Type": UPDATE},
        status=4,
    ),
]


@dataclass
class Answer:
    status: int
    media_type: str
    body: bytes


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    args = ["--no-bundled"]
    for n in (1, 2, 3):
        args += ["--data", str(DATA / f"data{n}.nq")]
    with fazhi_serve(args) as (url, _process):
        yield url


def send(base: str, case: Case) -> Answer:
    """The request exactly as the manifest gives it: no header added but Host/Content-Length."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(case.method, case.path, body=case.body, headers=case.headers)
        response = connection.getresponse()
        media_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
        return Answer(response.status, media_type, response.read())
    finally:
        connection.close()


def boolean_of(answer: Answer) -> bool:
    assert answer.media_type in BOOLEAN_TYPES, answer.media_type
    if answer.media_type == "application/sparql-results+json":
        value = json.loads(answer.body)["boolean"]
    else:
        node = ElementTree.fromstring(answer.body).find(f"{RESULTS_XML}boolean")
        assert node is not None and node.text in ("true", "false")
        value = node.text == "true"
    assert isinstance(value, bool)
    return value


def tabular_rows(answer: Answer) -> list[dict[str, str]]:
    assert answer.media_type in TABULAR_TYPES, answer.media_type
    if answer.media_type == "application/sparql-results+json":
        return [
            {k: v["value"] for k, v in row.items()}
            for row in json.loads(answer.body)["results"]["bindings"]
        ]
    if answer.media_type == "application/sparql-results+xml":
        return [
            {b.get("name", ""): "".join(b.itertext()) for b in r.iter(f"{RESULTS_XML}binding")}
            for r in ElementTree.fromstring(answer.body).iter(f"{RESULTS_XML}result")
        ]
    delimiter = "," if answer.media_type == "text/csv" else "\t"
    return list(csv.DictReader(io.StringIO(answer.body.decode()), delimiter=delimiter))


@pytest.mark.parametrize("case", QUERY_CASES, ids=lambda c: c.name)
def test_query(base: str, case: Case) -> None:
    answer = send(base, case)
    assert 200 <= answer.status < 400, answer.body
    if case.form == "boolean":
        value = boolean_of(answer)
        if case.boolean is not None:
            assert value is case.boolean
    elif case.form == "tabular":
        assert [{k.lstrip("?"): v for k, v in row.items()} for row in tabular_rows(answer)] == [
            {"value": "1"}
        ]
    else:
        assert answer.media_type in RDF_TYPES, answer.media_type
        graph = Graph().parse(data=answer.body, format=RDF_TYPES[answer.media_type])
        if "CONSTRUCT" in (case.body or b"").decode():
            # <s> <p> 1, resolved against the endpoint <BASE/sparql>
            assert set(graph) == {(URIRef(f"{base}/s"), URIRef(f"{base}/p"), Literal(1))}


@pytest.mark.parametrize("case", BAD_CASES + UPDATE_CASES, ids=lambda c: c.name)
def test_refused(base: str, case: Case) -> None:
    answer = send(base, case)
    assert 400 <= answer.status < 500, (answer.status, answer.body)


def test_updates_changed_nothing(base: str) -> None:
    for case in UPDATE_CASES:
        send(base, case)
    check = ask(
        "after updates",
        "POST",
        "/sparql/",
        f"ASK {{ GRAPH <{KASEI}data2.rdf> {{ <{KASEI}data2.rdf> a ?t }} "
        "FILTER NOT EXISTS { GRAPH <http://example.org/protocol-base-test/> { ?s ?p ?o } } }",
        content_type=DIRECT,
    )
    assert boolean_of(send(base, check)) is True


def test_runner_extras_are_ignored(base: str) -> None:
    """The rdf-tests runner adds ``clientRequestId`` and a bearer token to every request."""
    case = ask(
        "query_get",
        "GET",
        "/sparql?query=ASK%20%7B%7D&clientRequestId=query_get",
        boolean=True,
    )
    case.headers["Authorization"] = "Bearer t"
    answer = send(base, case)
    assert answer.status == 200 and boolean_of(answer) is True


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/sparql-results+json", "application/sparql-results+json"),
    ],
)
def test_accept_picks_boolean_format(base: str, accept: str, media_type: str) -> None:
    """The update tests' follow-up ASKs send ``Accept: application/sparql-results+xml``."""
    case = Case("accept", "POST", "/sparql", b"ASK {}", {"Content-Type": DIRECT, "Accept": accept})
    answer = send(base, case)
    assert answer.status == 200 and answer.media_type == media_type
    assert boolean_of(answer) is True
