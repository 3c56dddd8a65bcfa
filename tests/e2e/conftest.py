"""Shared e2e infrastructure: a real server on 127.0.0.1 and a real browser (Debian chromium).

Fixtures (other areas use these names):
- ``live_server``: base URL (``http://127.0.0.1:PORT``) of ``fazhi serve --port 0`` (waitress over
  the real bundled graph, FAZHI_* settings from the environment); one per test session.
- ``browser``: a playwright Chromium on ``/usr/bin/chromium``, headless, no network side traffic.
- ``page``: a fresh page; console errors, page errors, failed requests, HTTP errors and any request
  to a host other than 127.0.0.1 are collected and asserted empty at teardown. Tests that expect
  some of them call ``browser_log.allow(substring)`` first.
- ``screenshot_dir``: a folder under the test's tmp_path for screenshots.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from graph import query

ROOT = Path(__file__).resolve().parents[2]
SERVER_START_TIMEOUT = 120
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1"}


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``fazhi serve --port 0`` (waitress over the bundled graph) in its own process.

    Not a thread of this process: the query workers are forked from the server, and a fork of
    the test process would inherit playwright's pipes to its driver, so closing the browser
    would wait forever for the driver's EOF.
    """
    log = tmp_path_factory.mktemp("live-server") / "server.log"
    command = [sys.executable, "-c", "from graph.cli import main; main()", "serve"]
    command += ["--host", "127.0.0.1", "--port", "0", "--threads", "4"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        base = _wait_for_url(process, log)
        yield base
    finally:
        process.terminate()  # SIGTERM: serve closes the server and its query workers
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _wait_for_url(process: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        match = re.search(r"serving on (http://127\.0\.0\.1:\d+)/", text)
        if match:
            base = match.group(1)
            with urllib.request.urlopen(f"{base}/-/health", timeout=10) as response:
                assert response.status == 200
            return base
        if process.poll() is not None:
            pytest.fail(f"fazhi serve exited with {process.returncode}:\n{text}", pytrace=False)
        time.sleep(0.2)
    pytest.fail(f"fazhi serve did not start in {SERVER_START_TIMEOUT} s:\n{text}", pytrace=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: the e2e tests need Debian's chromium and a CJK font. "
            "Run .ci/run (it installs chromium and fonts-wqy-microhei), or "
            "`apt-get install -y chromium fonts-wqy-microhei`.",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - a broken install, not a skip
        pytest.fail(
            "playwright is not installed: run .ci/run (pip install -e '.[test]')", pytrace=False
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            # Query workers forked in this process after playwright started hold copies of
            # its driver pipes; stop them first, or closing the browser waits for them.
            query.shutdown()
            chromium.close()


@dataclass
class BrowserLog:
    """What went wrong in the page; ``allow`` whitelists messages a test expects."""

    problems: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)

    def allow(self, substring: str) -> None:
        self.allowed.append(substring)

    def add(self, problem: str) -> None:
        self.problems.append(problem)

    def unexpected(self) -> list[str]:
        return [p for p in self.problems if not any(a in p for a in self.allowed)]


@pytest.fixture()
def browser_log() -> BrowserLog:
    return BrowserLog()


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "ws", "wss"}:
        return True  # data:, blob:, about:blank never leave the machine
    return parts.hostname in LOCAL_HOSTS


@pytest.fixture()
def page(browser: Any, browser_log: BrowserLog) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            browser_log.add(f"console error: {msg.text} ({msg.location.get('url', '')})")

    def on_request(request: Any) -> None:
        if not _is_local(request.url):
            browser_log.add(f"request off 127.0.0.1: {request.method} {request.url}")

    def on_response(response: Any) -> None:
        if response.status >= 400:
            browser_log.add(f"HTTP {response.status}: {response.request.method} {response.url}")

    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: browser_log.add(f"page error: {exc}"))
    pg.on("request", on_request)
    pg.on("response", on_response)
    pg.on(
        "requestfailed",
        lambda request: browser_log.add(f"request failed: {request.url} ({request.failure})"),
    )
    try:
        yield pg
    finally:
        context.close()
    unexpected = browser_log.unexpected()
    assert not unexpected, "browser problems:\n" + "\n".join(unexpected)


@pytest.fixture()
def screenshot_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "screenshots"
    folder.mkdir()
    return folder
