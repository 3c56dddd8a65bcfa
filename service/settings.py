"""Settings as data: every setting has a name, a default and help text, read from FAZHI_* variables."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


def _bool(text: str) -> bool:
    return text.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str

    @property
    def env(self) -> str:
        return f"FAZHI_{self.name}"


# Areas append their settings here (one table; the README lists every entry, a test checks it).
SETTINGS: list[Setting] = [
    Setting("DATA", "", "Extra RDF files to serve, separated by the OS path separator."),
    Setting("NO_BUNDLED", False, "Serve only the ontology and FAZHI_DATA, not the bundled reports.", _bool),
]


def read_settings(config: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Defaults, overridden by ``FAZHI_*`` environment variables, overridden by ``config``."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        value = setting.default
        if setting.env in environ:
            value = setting.parse(environ[setting.env])
        values[setting.name] = value
    for key, value in (config or {}).items():
        values[key.removeprefix("FAZHI_")] = value
    return values
