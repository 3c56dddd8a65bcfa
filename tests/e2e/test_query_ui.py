"""The query UI in a real browser against a real server: YASGUI runs the examples over /sparql.

The ``page`` fixture fails the test on any console error (CSP violations included), page error,
failed request or request that leaves 127.0.0.1.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from service.ui import CSP

pytestmark = pytest.mark.e2e

DOC_TITLE = "关于建立府院联动机制的工作规则"
ACTIVE = ".tabPanel.active"
ROWS = f"{ACTIVE} .yasr table.dataTable tbody tr"


def sparql_select(base: str, query: str) -> list[dict[str, Any]]:
    """The bindings /sparql returns for ``query`` as SPARQL JSON (what YASGUI should show)."""
    body = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(
        f"{base}/sparql",
        data=body,
        headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        bindings: list[dict[str, Any]] = json.load(response)["results"]["bindings"]
    return bindings


def ui_examples(base: str) -> list[dict[str, Any]]:
    with urllib.request.urlopen(f"{base}/ui/examples.json", timeout=30) as response:
        examples: list[dict[str, Any]] = json.load(response)["data"]
    return examples


def documents_example(base: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The example that lists policy documents (its results name the 府院联动 rules)."""
    examples = ui_examples(base)
    for example in examples:
        if "PolicyDocument" not in example["query"]:
            continue
        bindings = sparql_select(base, example["query"])
        if DOC_TITLE in json.dumps(bindings, ensure_ascii=False):
            return example, bindings
    files = [e["file"] for e in examples]
    pytest.fail(f"no example query lists the document {DOC_TITLE}; examples: {files}")


def show_all_rows(page: Any) -> None:
    page.wait_for_selector(ROWS)
    page.select_option(f"{ACTIVE} .yasr select.tableSizer", "-1")  # DataTables' "All"


def wait_for_rows(page: Any, count: int) -> None:
    """Wait until the table shows ``count`` rows (after the redraw), then check it."""
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length === n", arg=[ROWS, count]
    )
    assert page.locator(ROWS).count() == count


def test_example_query_shows_its_rows(page: Any, live_server: str, screenshot_dir: Path) -> None:
    example, bindings = documents_example(live_server)
    requests: list[tuple[str, str]] = []
    page.on("request", lambda r: requests.append((r.method, r.url)))

    response = page.goto(f"{live_server}/")
    assert response is not None and response.status == 200
    assert response.headers["content-security-policy"] == CSP
    page.wait_for_selector(".yasgui .yasqe .CodeMirror")

    page.click(f'button.example[data-example="{example["id"]}"]')
    show_all_rows(page)
    wait_for_rows(page, len(bindings))
    assert DOC_TITLE in page.locator(f"{ACTIVE} .yasr table.dataTable tbody").inner_text()
    active_tab = page.locator(".yasgui .tabsList .tab.active").inner_text()
    assert active_tab.splitlines()[0].strip() == example["title_zh"]

    page.screenshot(path=str(screenshot_dir / "query-ui.png"), full_page=True)
    assert (screenshot_dir / "query-ui.png").stat().st_size > 10_000
    assert ("POST", f"{live_server}/sparql") in requests
    assert {urlsplit(url).hostname for _, url in requests} == {"127.0.0.1"}


def test_default_tab_runs_with_project_prefixes(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/")
    page.wait_for_selector(".yasgui .yasqe .CodeMirror")
    query = page.evaluate("() => window.yasgui.getTab().getYasqe().getValue()")
    assert "PREFIX fz: <https://w3id.org/fazhi/ontology#>" in query
    # The "class" and "property" completers would ask lov.linkeddata.es while the user types.
    completers = page.evaluate("() => window.yasgui.getTab().getYasqe().config.autocompleters")
    assert sorted(completers) == ["prefixes", "variables"]
    expected = sparql_select(live_server, query)

    page.click(f"{ACTIVE} .yasqe_queryButton")
    show_all_rows(page)
    wait_for_rows(page, len(expected))
    assert DOC_TITLE in page.locator(f"{ACTIVE} .yasr table.dataTable tbody").inner_text()


def test_english_page(page: Any, live_server: str) -> None:
    examples = ui_examples(live_server)
    page.goto(f"{live_server}/?lang=en")
    page.wait_for_selector(".yasgui .yasqe .CodeMirror")
    nav = page.locator(".site-nav").inner_text()
    assert "Query" in nav and "Explorer" in nav and "Ontology" in nav
    buttons = page.locator("button.example").all_inner_texts()
    assert [b.strip() for b in buttons] == [e["title_en"] for e in examples]
    page.click(".lang-switch")
    page.wait_for_selector(".yasgui .yasqe .CodeMirror")
    assert "查询" in page.locator(".site-nav").inner_text()


def test_sparql_get_from_a_browser_shows_the_ui(page: Any, live_server: str) -> None:
    """The SPARQL blueprint answers a browser's GET /sparql (no query) with this page."""
    response = page.goto(f"{live_server}/sparql")
    assert response is not None and response.status == 200
    page.wait_for_selector(".yasgui .yasqe .CodeMirror")
    assert page.locator("button.example").count() == len(ui_examples(live_server))
