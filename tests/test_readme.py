"""The README documents every setting, route, export format and command, and its test command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.cli import main as cli
from graph.export import FORMATS
from service import create_app
from service.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.env)
def test_every_setting_is_documented(setting) -> None:
    assert f"`{setting.env}`" in README


def _rules(tiny_kg) -> set[str]:
    app = create_app({"UPDATE_TOKEN": "t" * 32}, kg=tiny_kg)
    return {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"}


def test_every_route_is_documented(tiny_kg) -> None:
    documented = set(re.findall(r"^\| `(/[^`]*)` \|", README, flags=re.MULTILINE))
    rules = {re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", rule) for rule in _rules(tiny_kg)}
    assert rules - documented == set()
    assert documented - rules == set()


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_export_format_is_documented(name: str) -> None:
    assert f"| `{name}` |" in README


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_documented(command: str) -> None:
    assert f"`fazhi {command}" in README


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    fences = re.findall(r"```sh\n(.*?)\n```", README, flags=re.DOTALL)
    run_command, test_command = fences[0].strip(), fences[1].strip()
    assert run_command == "pip install -e . && fazhi serve"
    assert test_command in ci
