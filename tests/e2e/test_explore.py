"""The explorer in a real browser over the real graph: render, search, card, path, language,
URL state and export of the current view. Console errors fail the test (the page fixture)."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.kg import KnowledgeGraph

pytestmark = pytest.mark.e2e

FUYUAN = "fzc:mech-fuyuan-liandong"


def _ready(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#explore[data-state=ready]")


def _click_node(page: Any, node: str) -> None:
    """Click a node where it is drawn (centred first, so nothing else sits on top of it)."""
    x, y = page.evaluate(
        """(id) => {
            const n = window.cy.getElementById(id);
            window.cy.zoom(2); window.cy.center(n);
            const p = n.renderedPosition(), box = window.cy.container().getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        node,
    )
    page.mouse.click(x, y)


def _far_node(kg: KnowledgeGraph, start: str, distance: int) -> str:
    graph = kg.projection()
    lengths = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), start)
    return sorted(n for n, d in lengths.items() if d == distance)[0]


def test_explorer(
    page: Any, live_server: str, real_kg: KnowledgeGraph, screenshot_dir: Path
) -> None:
    _ready(page, f"{live_server}/explore")
    with urllib.request.urlopen(f"{live_server}/export/cyjs") as response:
        exported = json.loads(response.read())
    rendered = page.evaluate("window.cy.nodes().length")
    assert rendered == len(exported["elements"]["nodes"]) == real_kg.projection().number_of_nodes()
    assert page.evaluate("window.cy.edges().length") == len(exported["elements"]["edges"])
    assert page.locator("#legend li").count() == len(
        {n["data"]["class"] for n in exported["elements"]["nodes"]}
    )

    # search selects the best match and opens its card
    page.fill("#search-q", "府院联动")
    page.click("#search-go")
    page.wait_for_function(
        "id => window.cy.$(':selected').map(n => n.id()).includes(id)", arg=FUYUAN
    )
    assert page.evaluate("window.cy.$(':selected').length") == 1
    assert "府院联动" in page.locator("#search-list").inner_text()

    # a click on the node shows its card and highlights its neighbourhood
    page.click("#reset-view")
    assert page.locator("#card").is_hidden()
    _click_node(page, FUYUAN)
    page.wait_for_selector(f"#card[data-id='{FUYUAN}']:not([hidden])")
    card = page.locator("#card").inner_text()
    assert (
        "府院联动机制" in card and "Mechanism" in card and "https://w3id.org/fazhi/concept/" in card
    )
    assert page.locator("#card .sentences li").count() >= 1
    near = page.evaluate("window.cy.$('node.near').map(n => n.id())")
    graph = real_kg.projection()
    assert set(near) == {FUYUAN, *nx.all_neighbors(graph, FUYUAN)}
    assert "focus=fzc%3Amech-fuyuan-liandong" in page.url or f"focus={FUYUAN}" in page.url

    # a path between two nodes is listed as a sentence and highlighted
    target = _far_node(real_kg, FUYUAN, 2)
    page.fill("#path-from", "府院联动机制")
    page.fill("#path-to", target)
    page.click("#path-go")
    page.wait_for_function("() => window.cy.$('edge.path').length >= 2")
    marked = set(page.evaluate("window.cy.$('node.path').map(n => n.id())"))
    assert {FUYUAN, target} <= marked
    assert "→" in page.locator("#path-list li").first.inner_text()

    page.screenshot(path=str(screenshot_dir / "explore-zh.png"))

    # English
    page.click("#lang-toggle")
    label_en = graph.nodes[FUYUAN]["label_en"]
    page.wait_for_function(
        "([id, en]) => window.cy.getElementById(id).data('display') === en", arg=[FUYUAN, label_en]
    )
    assert page.locator("#lang-toggle").inner_text() == "中文"
    assert "lang=en" in page.url
    assert "Paths" in page.locator("#path-panel h2").inner_text()
    assert label_en in page.locator("#search-list").inner_text()

    page.screenshot(path=str(screenshot_dir / "explore.png"), full_page=True)
    assert (screenshot_dir / "explore.png").stat().st_size > 10_000


def test_url_restores_the_view_and_export_takes_the_visible_ids(
    page: Any, live_server: str, real_kg: KnowledgeGraph, screenshot_dir: Path
) -> None:
    _ready(page, f"{live_server}/explore?focus={FUYUAN}&hops=1&lang=en")
    assert page.evaluate("window.cy.$(':selected').map(n => n.id())") == [FUYUAN]
    page.wait_for_selector(f"#card[data-id='{FUYUAN}']:not([hidden])")
    assert real_kg.projection().nodes[FUYUAN]["label_en"] in page.locator("#card h2").inner_text()
    visible = set(page.evaluate("window.cy.nodes().not('.faded').map(n => n.id())"))

    # the legend filters classes
    hidden_before = page.evaluate("window.cy.nodes('.hidden').length")
    page.uncheck("#cls-Observation")
    observations = page.evaluate("window.cy.nodes('[class = \"Observation\"]').length")
    assert observations > 0
    assert page.evaluate("window.cy.nodes('.hidden').length") == hidden_before + observations
    page.check("#cls-Observation")
    assert page.evaluate("window.cy.nodes('.hidden').length") == hidden_before

    page.select_option("#export-format", "cyjs")
    with page.expect_download() as download_info:
        page.click("#export-go")
    download = download_info.value
    assert download.suggested_filename == "fazhi-kg-ids.cyjs"
    doc = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert {n["data"]["id"] for n in doc["elements"]["nodes"]} == visible

    page.select_option("#export-format", "png")
    with page.expect_download() as png_info:
        page.click("#export-go")
    assert Path(png_info.value.path()).read_bytes().startswith(b"\x89PNG")
    page.screenshot(path=str(screenshot_dir / "explore-en.png"))
