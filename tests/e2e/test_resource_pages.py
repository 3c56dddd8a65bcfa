"""Linked Data pages in a real browser: they render under their CSP, in Chinese, and link on."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [
    pytest.mark.e2e,
]


def test_document_page_links_to_its_issuers_and_sources(live_server: str, page: Any) -> None:
    query = "SELECT ?d WHERE { ?d a fz:PolicyDocument ; eli:passed_by ?b } ORDER BY ?d LIMIT 1"
    response = page.request.get(f"{live_server}/sparql", params={"query": query})
    document = response.json()["results"]["bindings"][0]["d"]["value"]
    path = document.removeprefix("https://w3id.org/fazhi")
    page.goto(f"{live_server}{path}")
    assert page.locator("h1").inner_text().strip()
    assert page.locator("blockquote").count() >= 1  # its source sentence, verbatim
    issuer = page.locator("a[href^='/id/org/']").first
    issuer.click()
    page.wait_for_url(f"{live_server}/id/org/**")
    assert page.locator("h1").inner_text().strip()


def test_ontology_page(live_server: str, page: Any) -> None:
    page.goto(f"{live_server}/ontology")
    assert page.locator("dt#PolicyDocument").count() == 1
    assert "政策文件" in page.locator("dt#PolicyDocument").inner_text()
