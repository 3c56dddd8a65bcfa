"""The explorer in a real browser over the real graph: render, search, card, path, language,
URL state and export of the current view; and, with a node cap below the graph's size, how
it opens a large graph (a neighbourhood, or the best-connected nodes). Console errors fail
the test (the page fixture)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.kg import KnowledgeGraph

pytestmark = pytest.mark.e2e

FUYUAN = "fzc:mech-fuyuan-liandong"
ROOT = Path(__file__).resolve().parents[2]
OVERVIEW_NODES = 50  # FAZHI_EXPORT_EXPLORE_MAX_NODES of the capped server


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


@pytest.fixture(scope="module")
def capped_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``fazhi serve`` with FAZHI_EXPORT_EXPLORE_MAX_NODES below the real graph's size: the
    explorer then treats the bundled graph as a large one."""
    log = tmp_path_factory.mktemp("capped-server") / "server.log"
    command = [sys.executable, "-c", "from graph.cli import main; main()", "serve"]
    command += ["--host", "127.0.0.1", "--port", "0", "--threads", "4"]
    env = {**os.environ, "FAZHI_EXPORT_EXPLORE_MAX_NODES": str(OVERVIEW_NODES)}
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 120
        while not (match := re.search(r"serving on (http://127\.0\.0\.1:\d+)/", log.read_text())):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"fazhi serve did not start:\n{log.read_text()}", pytrace=False)
            time.sleep(0.2)
        yield match.group(1)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _drawn(page: Any) -> set[str]:
    return set(page.evaluate("window.cy.nodes().map(n => n.id())"))


def test_a_large_graph_opens_on_the_focus_neighbourhood(
    page: Any, capped_server: str, real_kg: KnowledgeGraph
) -> None:
    graph = real_kg.projection()
    assert graph.number_of_nodes() > OVERVIEW_NODES
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/export/cyjs" in r.url else None)
    _ready(page, f"{capped_server}/explore?focus={FUYUAN}&hops=1")

    # only the neighbourhood is loaded, never the whole graph
    with urllib.request.urlopen(f"{capped_server}/export/cyjs?id={FUYUAN}&hops=1") as response:
        neighbourhood = {n["data"]["id"] for n in json.loads(response.read())["elements"]["nodes"]}
    assert _drawn(page) == neighbourhood == {FUYUAN, *nx.all_neighbors(graph, FUYUAN)}
    assert all("id=" in url for url in fetched), fetched
    assert page.evaluate("window.cy.$(':selected').map(n => n.id())") == [FUYUAN]
    assert page.locator("#scope-overview").is_visible()
    assert graph.nodes[FUYUAN]["label_zh"] in page.locator("#scope-text").inner_text()

    # focusing a neighbour adds that neighbour's own neighbourhood
    neighbour = sorted(neighbourhood - {FUYUAN}, key=lambda n: -graph.degree(n))[0]
    _click_node(page, neighbour)
    wanted = {neighbour, *nx.all_neighbors(graph, neighbour)}
    page.wait_for_function("n => window.cy.nodes().length >= n", arg=len(neighbourhood | wanted))
    assert wanted <= _drawn(page)


def test_a_large_graph_without_focus_opens_on_its_best_connected_nodes(
    page: Any, capped_server: str, real_kg: KnowledgeGraph
) -> None:
    _ready(page, f"{capped_server}/explore?lang=en")
    degree = dict(real_kg.projection().degree())
    drawn = _drawn(page)
    assert len(drawn) == OVERVIEW_NODES
    assert min(degree[n] for n in drawn) >= max(d for n, d in degree.items() if n not in drawn)
    notice = page.locator("#scope-text").inner_text()
    assert f"{len(degree)} nodes" in notice and f"the {OVERVIEW_NODES} most connected" in notice
