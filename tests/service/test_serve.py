"""``fazhi serve`` builds the graph as create_app does, and gunicorn.conf.py warms the pool."""

from __future__ import annotations

import multiprocessing
import runpy
from pathlib import Path
from typing import Any

import pytest
import waitress
from click.testing import CliRunner
from flask import Flask

from graph.cli import main
from graph.kg import KnowledgeGraph
from graph.query import shutdown
from service import create_app
from service.app import load_kg
from service.settings import read_settings
from service.state import EXTENSION

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "data" / "tiny.ttl"
TINY_NODE = "fzid:org/tiny-gov"
BUNDLED_NODE = "fzid:report/yanji-2020"


class FakeServer:
    effective_port = 8123

    def run(self) -> None:
        return None

    def close(self) -> None:
        return None


@pytest.fixture()
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What ``fazhi serve`` hands waitress (the app and its options), without serving."""
    seen: dict[str, Any] = {}

    def create_server(app: Flask, **options: Any) -> FakeServer:
        seen.update(app=app, **options)
        return FakeServer()

    monkeypatch.setattr(waitress, "create_server", create_server)
    for name in ("FAZHI_STORE", "FAZHI_DATA", "FAZHI_NO_BUNDLED"):
        monkeypatch.delenv(name, raising=False)
    yield seen
    shutdown()


def _graph(app: Flask) -> KnowledgeGraph:
    kg: KnowledgeGraph = app.extensions[EXTENSION]["kg"]
    return kg


def test_serve_reads_data_and_no_bundled_from_the_environment(
    served: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAZHI_DATA", str(TINY))
    monkeypatch.setenv("FAZHI_NO_BUNDLED", "1")
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 0, result.output
    nodes = _graph(served["app"]).projection()
    assert TINY_NODE in nodes and BUNDLED_NODE not in nodes


def test_serve_flags_override_the_environment(
    served: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = tmp_path / "other.ttl"
    other.write_text(
        "<https://w3id.org/fazhi/id/org/x> a <http://www.w3.org/ns/org#Organization> ."
    )
    monkeypatch.setenv("FAZHI_DATA", str(other))
    result = CliRunner().invoke(main, ["serve", "--data", str(TINY), "--no-bundled"])
    assert result.exit_code == 0, result.output
    nodes = _graph(served["app"]).projection()
    assert TINY_NODE in nodes and "fzid:org/x" not in nodes


def test_waitress_body_cap_is_the_largest_route_cap(
    served: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAZHI_MAX_WRITE_BODY", str(64 * 1024 * 1024))
    monkeypatch.setenv("FAZHI_MAX_BODY", "1000")
    result = CliRunner().invoke(main, ["serve", "--data", str(TINY), "--no-bundled"])
    assert result.exit_code == 0, result.output
    assert served["max_request_body_size"] == 64 * 1024 * 1024
    monkeypatch.setenv("FAZHI_MAX_WRITE_BODY", "1000")
    monkeypatch.setenv("FAZHI_MAX_BODY", str(32 * 1024 * 1024))
    result = CliRunner().invoke(main, ["serve", "--data", str(TINY), "--no-bundled"])
    assert served["max_request_body_size"] == 32 * 1024 * 1024


def test_data_with_a_persistent_store_is_a_clear_error(
    served: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FAZHI_STORE", f"oxigraph:{tmp_path / 'store'}")
    result = CliRunner().invoke(main, ["serve", "--data", str(TINY)])
    assert result.exit_code == 2
    assert "memory store" in result.stderr and "Traceback" not in result.output
    assert "app" not in served  # nothing was served


def test_load_kg_passes_every_store_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(
        KnowledgeGraph, "open", classmethod(lambda cls, *args, **kw: calls.append((args, kw)))
    )
    environ = {"FAZHI_STORE": "sparql:http://x/q", "FAZHI_STORE_REFRESH": "7.5"}
    load_kg(read_settings(environ=environ))
    assert calls == [(("sparql:http://x/q", []), {"bundled": True, "refresh": 7.5})]


def test_gunicorn_post_worker_init_forks_the_query_workers(tiny_kg: KnowledgeGraph) -> None:
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    app = create_app({"WORKERS": 2}, kg=tiny_kg)

    class Worker:
        wsgi = app

    shutdown()
    before = len(multiprocessing.active_children())
    try:
        hooks["post_worker_init"](Worker())
        assert len(multiprocessing.active_children()) == before + 2
    finally:
        hooks["worker_exit"](None, Worker())
    assert len(multiprocessing.active_children()) == before
