"""The SPARQL query UI: YASGUI (vendored, offline) over the service's own /sparql endpoint.

``GET /`` shows it; the SPARQL blueprint calls :func:`render_query_ui` for a browser's ``GET
/sparql`` without a query. The page carries no inline script: the examples, prefixes and
endpoint travel in a ``<script type="application/json">`` block that ``static/js/query.js``
reads, so the page works under :data:`CSP`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, jsonify, make_response, render_template, request

from graph import paths
from graph.namespaces import PREFIXES, sparql_prologue

from .params import page_lang

bp = Blueprint("ui", __name__)

# The policy the page is served with; the e2e tests run YASGUI under it and fail on any violation.
# Scripts, styles and fetches come from this origin only; no 'unsafe-eval'. The results table sets
# style attributes (refused under style-src 'self'), hence 'unsafe-inline' for styles; the favicon
# is a data: URI (saves a 404). The last three directives only forbid what the page never uses.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
)

# The query a new tab starts with: every project prefix, then the policy documents.
DEFAULT_BODY = """\
SELECT ?doc ?title WHERE {
  ?doc a fz:PolicyDocument ;
       eli:title ?title .
}
ORDER BY ?title
LIMIT 100
"""

_TITLE = re.compile(r"^#\s*(zh|en)\s*:\s*(.+?)\s*$")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)
# What may stand between a prefix name and its use: IRIs, strings and comments are blanked first.
_NOISE = re.compile(r"<[^>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")


@dataclass(frozen=True)
class Example:
    """One example query from ``ontology/queries/examples/<id>.rq``."""

    id: str
    file: str
    title_zh: str
    title_en: str
    query: str


def with_prefixes(query: str) -> str:
    """``query`` with PREFIX lines added for the project prefixes it uses but does not declare."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(query)}
    bare = _NOISE.sub(" ", query)
    missing = [
        p
        for p in PREFIXES
        if p not in declared and re.search(rf"(?<![\w:?$.-]){re.escape(p)}:", bare)
    ]
    if not missing:
        return query
    lines = query.splitlines(keepends=True)
    # Keep the file's header comments first; the added declarations go before the first statement.
    at = next(
        (i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")),
        len(lines),
    )
    added = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing)
    return "".join(lines[:at]) + added + "".join(lines[at:])


def read_example(path: Path) -> Example:
    text = path.read_text(encoding="utf-8")
    titles: dict[str, str] = {}
    for line in text.splitlines():
        match = _TITLE.match(line)
        if match:
            titles.setdefault(match.group(1), match.group(2))
    return Example(
        id=path.stem,
        file=path.name,
        title_zh=titles.get("zh") or titles.get("en") or path.stem,
        title_en=titles.get("en") or titles.get("zh") or path.stem,
        query=with_prefixes(text),
    )


def load_examples(folder: Path | None = None) -> list[Example]:
    """Every ``*.rq`` in the examples folder, by file name; an absent or empty folder gives []."""
    folder = paths.EXAMPLES_DIR if folder is None else folder
    if not folder.is_dir():
        return []
    return [read_example(p) for p in sorted(folder.glob("*.rq"))]


def ui_data() -> dict[str, Any]:
    """What query.js needs: endpoint (relative), prefixes, the new-tab query and the examples."""
    return {
        "endpoint": f"{request.script_root}/sparql",
        "prefixes": dict(PREFIXES),
        "default_query": sparql_prologue() + DEFAULT_BODY,
        "examples": [asdict(e) for e in load_examples()],
        "lang": page_lang(),
    }


def render_query_ui() -> Response:
    """The query page as a Flask response (also served by the SPARQL blueprint at GET /sparql)."""
    lang = page_lang()
    html = render_template("query.html", data=ui_data(), lang=lang, page="query")
    response = make_response(html)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Content-Language"] = lang
    return response


@bp.get("/")
def index() -> Response:
    return render_query_ui()


@bp.get("/ui/examples.json")
def examples_json() -> Response:
    return jsonify({"ok": True, "data": [asdict(e) for e in load_examples()]})
