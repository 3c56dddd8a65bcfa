"""The query UI through the test client: vendored files, examples, prefixes, no external URLs."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib.plugins.sparql import prepareQuery

from graph import paths
from graph.namespaces import PREFIXES
from service import ui

SERVICE = Path(ui.__file__).parent
VENDOR = SERVICE / "static" / "vendor"
NAV = ["/", "/explore", "/api/openapi.json", "/ontology", "/.well-known/void"]


class Page(HTMLParser):
    """The tags of a page with their attributes, and the text of its JSON data block."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def urls(self) -> list[str]:
        return [a[k] for _, a in self.tags for k in ("src", "href") if k in a]

    def data(self) -> dict[str, Any]:
        (text,) = [t for a, t in self.scripts if a.get("type") == "application/json"]
        loaded: dict[str, Any] = json.loads(text)
        return loaded


def get_page(client: FlaskClient, url: str = "/") -> Page:
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["Content-Security-Policy"] == ui.CSP
    return Page(response.get_data(as_text=True))


def vendor_checksums() -> dict[str, str]:
    text = (VENDOR / "VENDOR.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| `([^`]+)` \| `([0-9a-f]{64})` \|$", text, re.MULTILINE))


def test_page_links_vendored_files_that_exist(client: FlaskClient) -> None:
    page = get_page(client)
    static = [u for u in page.urls() if u.startswith("/static/")]
    assert "/static/vendor/yasgui/yasgui.min.js" in static
    assert "/static/vendor/yasgui/yasgui.min.css" in static
    for url in static:
        response = client.get(url)
        assert response.status_code == 200, url
        on_disk = (SERVICE / url.removeprefix("/")).read_bytes()
        assert response.get_data() == on_disk
        response.close()


def test_vendor_md_lists_every_file_with_its_sha256() -> None:
    files = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()}
    files.discard("VENDOR.md")
    checksums = vendor_checksums()
    assert set(checksums) == files
    for name, digest in checksums.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    for package in ("yasgui", "cytoscape"):
        assert "MIT" in (VENDOR / package / "LICENSE").read_text(encoding="utf-8")
    assert (VENDOR / "cytoscape" / "cytoscape.min.js").stat().st_size > 100_000


def test_no_external_urls_and_no_inline_script(client: FlaskClient) -> None:
    page = get_page(client)
    for url in page.urls():
        assert url.startswith(("/", "?", "#", "data:")) and not url.startswith("//"), url
    for attributes, text in page.scripts:
        assert attributes.get("src") or attributes.get("type") == "application/json"
        if attributes.get("src"):
            assert not text.strip()


def test_nav_links(client: FlaskClient) -> None:
    hrefs = {a["href"] for tag, a in get_page(client).tags if tag == "a" and "href" in a}
    assert set(NAV) <= hrefs
    assert "/?lang=en" in hrefs


def test_examples_in_page_and_json_match_the_folder(client: FlaskClient) -> None:
    files = sorted(p.name for p in paths.EXAMPLES_DIR.glob("*.rq"))
    page = get_page(client)
    in_page = page.data()["examples"]
    assert [e["file"] for e in in_page] == files
    listed = client.get("/ui/examples.json").get_json()
    assert listed["ok"] is True
    assert listed["data"] == in_page
    buttons = [a["data-example"] for tag, a in page.tags if tag == "button" and "data-example" in a]
    assert buttons == [Path(f).stem for f in files]


def test_every_example_parses_with_the_prefixes_filled_in(client: FlaskClient) -> None:
    for example in get_page(client).data()["examples"]:
        prepareQuery(example["query"])  # raises on an undeclared prefix


def test_titles_come_from_the_comment_lines(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "02-plain.rq").write_text("ASK { ?s ?p ?o }\n", encoding="utf-8")
    (tmp_path / "01-docs.rq").write_text(
        "# zh: 政策文件\n# en: Policy documents\n# more words\n"
        'SELECT ?d WHERE { ?d a fz:PolicyDocument ; rdfs:label "eli:x" }\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(paths, "EXAMPLES_DIR", tmp_path)
    with app.test_client() as client:
        examples = get_page(client).data()["examples"]
    assert [(e["id"], e["title_zh"], e["title_en"]) for e in examples] == [
        ("01-docs", "政策文件", "Policy documents"),
        ("02-plain", "02-plain", "02-plain"),
    ]
    docs = examples[0]["query"]
    assert docs.startswith("# zh: 政策文件\n# en: Policy documents\n# more words\nPREFIX fz:")
    assert "PREFIX rdfs:" in docs and "PREFIX eli:" not in docs  # eli: only inside a string
    assert examples[1]["query"] == "ASK { ?s ?p ?o }\n"


def test_declared_prefixes_are_not_repeated() -> None:
    query = "prefix fz: <https://example.org/other#>\nSELECT * { ?s a fz:X ; skos:prefLabel ?l }"
    filled = ui.with_prefixes(query)
    assert filled.lower().count("prefix fz:") == 1
    assert filled.count("PREFIX skos:") == 1
    prepareQuery(filled)


def test_empty_examples_folder(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "EXAMPLES_DIR", tmp_path / "absent")
    with app.test_client() as client:
        page = get_page(client)
        assert page.data()["examples"] == []
        assert client.get("/ui/examples.json").get_json() == {"ok": True, "data": []}


def test_prefixes_and_default_query(client: FlaskClient) -> None:
    data = get_page(client).data()
    assert data["prefixes"] == PREFIXES
    assert data["endpoint"] == "/sparql"
    for prefix, namespace in PREFIXES.items():
        assert f"PREFIX {prefix}: <{namespace}>" in data["default_query"]
    prepareQuery(data["default_query"])


def test_languages(client: FlaskClient) -> None:
    english = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english and ">Explorer<" in english
    for url in ("/", "/?lang=xx"):
        chinese = client.get(url).get_data(as_text=True)
        assert '<html lang="zh-Hans">' in chinese and ">图谱浏览<" in chinese
    css = client.get("/static/css/app.css")
    assert "Noto Sans CJK SC" in css.get_data(as_text=True)
    css.close()


@pytest.mark.parametrize("page", ["/", "/explore", "/ontology", "/id/org/yanji-gov"])
def test_every_page_reads_lang_the_same_way(client: FlaskClient, page: str) -> None:
    html = {"Accept": "text/html"}
    for lang, tag in (("en", "en"), ("zh", "zh-Hans"), ("xx", "zh-Hans"), ("", "zh-Hans")):
        response = client.get(page, query_string={"lang": lang}, headers=html)
        assert response.status_code == 200, page
        assert f'<html lang="{tag}">' in response.get_data(as_text=True), (page, lang)


def test_render_query_ui_is_the_index_page(app: Flask, client: FlaskClient) -> None:
    with app.test_request_context("/sparql", headers={"Accept": "text/html"}):
        response = ui.render_query_ui()
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == ui.CSP
    page, index = Page(response.get_data(as_text=True)), get_page(client)
    assert page.data() == index.data()
    assert [a for _, a in page.scripts] == [a for _, a in index.scripts]
    assert '<a class="lang-switch" href="/sparql?lang=en"' in response.get_data(as_text=True)
