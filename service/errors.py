"""One error shape for the whole service: {"ok": false, "error": "...", "status": N}."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify
from werkzeug.exceptions import HTTPException

from graph.errors import FazhiError

log = logging.getLogger(__name__)


def error_response(message: str, status: int, **details: Any) -> Response:
    body: dict[str, Any] = {"ok": False, "error": message, "status": status}
    body.update(details)
    response = jsonify(body)
    response.status_code = status
    return response


def register(app: Flask) -> None:
    @app.errorhandler(FazhiError)
    def domain_error(exc: FazhiError) -> Response:
        return error_response(exc.message, exc.status, **exc.details)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        response = error_response(exc.description or exc.name, exc.code or 500)
        if exc.code == 405 and exc.valid_methods:  # type: ignore[attr-defined]
            response.headers["Allow"] = ", ".join(exc.valid_methods)  # type: ignore[attr-defined]
        return response

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Response:
        log.exception("unhandled error")
        return error_response("internal error", 500)
