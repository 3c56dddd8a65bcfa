"""Settings as data: each has a name, a default and help text, read from FAZHI_* variables."""

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
    Setting(
        "NO_BUNDLED",
        False,
        "Serve only the ontology and FAZHI_DATA, not the bundled reports.",
        _bool,
    ),
    # SPARQL endpoint and Linked Data (service/sparql.py, service/resources.py)
    Setting(
        "QUERY_TIMEOUT",
        10.0,
        "Seconds a SPARQL query may run; its worker is then killed and the answer is 503.",
        float,
    ),
    Setting(
        "MAX_ROWS",
        10000,
        "Most SELECT rows returned; more are cut off and X-Fazhi-Truncated: true is sent.",
        int,
    ),
    Setting(
        "MAX_TRIPLES",
        100000,
        "Most CONSTRUCT/DESCRIBE triples returned (X-Fazhi-Truncated: true when cut).",
        int,
    ),
    Setting(
        "MAX_BODY", 262144, "Largest request body in bytes (POST queries); larger is 413.", int
    ),
    Setting(
        "MAX_DEPTH",
        64,
        "Deepest nesting of { ( [ in a query; deeper is 400 (deep nesting crashes the engine).",
        int,
    ),
    Setting(
        "WORKERS",
        3,
        "Query worker processes per server process (forked; a runaway query blocks only one).",
        int,
    ),
    Setting(
        "QUERY_MEMORY",
        2048,
        "Megabytes a query worker may allocate beyond the loaded graph (0: no cap).",
        int,
    ),
    Setting(
        "CORS_ORIGINS",
        "*",
        "Origins that may query /sparql from a browser: '*', a comma-separated list, or '' (none).",
        str,
    ),
    # Policy-linkage lookups (service/linkage.py, graph/linkage/)
    Setting(
        "MAX_HOPS",
        3,
        "Largest neighbourhood radius (hops) /api/neighbourhood accepts; more is 400.",
        int,
    ),
    Setting(
        "MAX_PATH_LENGTH",
        6,
        "Longest path (links) /api/paths accepts as max_length; more is 400.",
        int,
    ),
    Setting("MAX_PATHS", 20, "Most paths /api/paths returns (its k); more is 400.", int),
    Setting(
        "MAX_NODES",
        500,
        "Most nodes in a neighbourhood and most resources per link group (then capped: true).",
        int,
    ),
    Setting(
        "HUB_DEGREE",
        200,
        "Nodes with more links are hubs: shown, not walked through (neighbourhoods, paths).",
        int,
    ),
    Setting("MAX_RESULTS", 100, "Largest limit /api/search and /api/rankings accept.", int),
    # Exports and the explorer (service/export.py, graph/export/)
    Setting(
        "EXPORT_MAX_IDS",
        5000,
        "Most ids a POST /export/<format> id list may hold; more is 413.",
        int,
    ),
    Setting(
        "EXPORT_MAX_HOPS",
        3,
        "Largest hops of an /export/<format>?id=… neighbourhood; more is 400.",
        int,
    ),
    Setting(
        "EXPORT_MAX_NODES",
        20000,
        "Most nodes in an exported neighbourhood (the walk stops there).",
        int,
    ),
    Setting(
        "EXPORT_EXPLORE_MAX_NODES",
        2000,
        "Most nodes /explore loads without ?focus=: a larger graph opens on its best-connected "
        "nodes (by degree), with a notice; at most FAZHI_EXPORT_MAX_IDS.",
        int,
    ),
    # Store and writes (graph/store/, graph/writes.py, service/writes.py)
    Setting(
        "STORE",
        "memory",
        "Where the graph lives: memory (bundled + FAZHI_DATA, loaded at start-up), "
        "oxigraph:PATH (on-disk Oxigraph store), or sparql:QUERY_URL[,UPDATE_URL] (an existing "
        "SPARQL 1.1 server whose default graph is the union of its named graphs).",
        str,
    ),
    Setting(
        "STORE_REFRESH",
        60.0,
        "sparql: store only: seconds the service keeps its copy for linkage and exports "
        "before re-reading the server.",
        float,
    ),
    Setting(
        "UPDATE_TOKEN",
        "",
        "Bearer token for POST /update and /store (at least 16 characters); "
        "unset: those routes do not exist.",
        str,
    ),
    Setting(
        "UPDATE_TOKEN_FILE", "", "File holding the write token (wins over FAZHI_UPDATE_TOKEN).", str
    ),
    Setting(
        "MAX_WRITE_BODY",
        16777216,
        "Largest write request body in bytes (/update, /store); larger is 413.",
        int,
    ),
    Setting(
        "MAX_WRITE_TRIPLES",
        200000,
        "Most triples one write may carry or add; more is 413 (/store) or 400.",
        int,
    ),
    Setting(
        "EXPORT_MAX_BODY",
        1048576,
        "Largest request body in bytes for routes without their own cap (e.g. a POST /export "
        "id list); larger is 413. /sparql uses FAZHI_MAX_BODY, writes FAZHI_MAX_WRITE_BODY.",
        int,
    ),
]


def read_settings(
    config: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
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
