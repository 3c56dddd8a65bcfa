"""Domain errors. Each carries the HTTP status the service answers with and the CLI exit code."""

from __future__ import annotations

from typing import Any


class FazhiError(Exception):
    """Base of every error the project raises on purpose."""

    status = 500
    exit_code = 1

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class BadRequest(FazhiError):
    status = 400
    exit_code = 2


class QueryError(BadRequest):
    """A malformed or refused SPARQL query (the parser's message is kept)."""


class LoadError(BadRequest):
    """A file that does not parse or cannot be read."""


class NotFound(FazhiError):
    status = 404


class MethodNotAllowed(FazhiError):
    status = 405


class Unacceptable(FazhiError):
    status = 406


class Conflict(FazhiError):
    status = 409


class TooLarge(FazhiError):
    status = 413


class Unsupported(FazhiError):
    status = 415


class Unprocessable(FazhiError):
    """A write that would leave the graph non-conformant."""

    status = 422


class Timeout(FazhiError):
    status = 503


class Unauthorized(FazhiError):
    status = 401
