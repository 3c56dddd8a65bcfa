"""Security headers on every response, and CORS for the read-only SPARQL and Linked Data routes.

``nosniff`` everywhere; a strict CSP on HTML unless the page set its own (the query UI needs a
looser one for YASGUI); CORS per the CORS_ORIGINS setting so notebooks and web pages can query.
"""

from __future__ import annotations

from flask import Flask, Response, request

from .state import setting

HTML_CSP = (
    "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)
CORS_PATHS = ("/sparql", "/.well-known/void", "/id/", "/concept/", "/ontology")
CORS_METHODS = "GET, POST, OPTIONS"
CORS_HEADERS = "Accept, Content-Type"
EXPOSED = "X-Fazhi-Truncated, Content-Type"


def _allowed_origin(origin: str | None) -> str | None:
    allowed = [o.strip() for o in str(setting("CORS_ORIGINS")).split(",") if o.strip()]
    if "*" in allowed:
        return "*"
    return origin if origin and origin in allowed else None


def _cors(response: Response) -> None:
    path = request.path
    if not any(path == p.rstrip("/") or path.startswith(p) for p in CORS_PATHS):
        return
    origin = _allowed_origin(request.headers.get("Origin"))
    if origin is None:
        return
    response.headers["Access-Control-Allow-Origin"] = origin
    if origin != "*":
        response.vary.add("Origin")
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
        response.headers["Access-Control-Allow-Headers"] = CORS_HEADERS
        response.headers["Access-Control-Max-Age"] = "600"


def register(app: Flask) -> None:
    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy", HTML_CSP)
        _cors(response)
        return response
