"""The OpenAPI 3.1 document, generated from the same route tables that register the views.

An area describes its JSON routes as ``Route`` rows and passes its table to ``register``;
``document()`` turns every registered table into the OpenAPI document served at
``/api/openapi.json``, so the views and their description cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Response, jsonify, request

from graph import __version__
from graph.errors import BadRequest
from graph.params import bounded_int

from .state import setting

# A parameter's bounds may come from a setting, read when the request (or document) is made.
Bound = int | str | None


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    kind: str = "string"  # "string", "integer" or "array" (repeatable or comma-separated)
    required: bool = False
    default: Any = None
    minimum: Bound = None
    maximum: Bound = None  # an int, or the name of the setting that caps it
    enum: tuple[str, ...] = ()

    def bound(self, value: Bound) -> int | None:
        return setting(value) if isinstance(value, str) else value

    def schema(self) -> dict[str, Any]:
        if self.kind == "array":
            return {"type": "array", "items": {"type": "string"}}
        schema: dict[str, Any] = {"type": self.kind}
        for key, value in (("minimum", self.minimum), ("maximum", self.maximum)):
            if self.bound(value) is not None:
                schema[key] = self.bound(value)
        if self.default is not None:
            schema["default"] = self.default
        if self.enum:
            schema["enum"] = list(self.enum)
        return schema

    def read(self, args: Mapping[str, Any]) -> Any:
        """This parameter's value from the query string, checked; BadRequest when wrong."""
        values = [v for v in args.getlist(self.name) if v.strip()]  # type: ignore[attr-defined]
        if not values:
            if self.required:
                raise BadRequest(f"missing parameter {self.name!r}", parameter=self.name)
            return [] if self.kind == "array" else self.default
        if self.kind == "array":
            return [part.strip() for v in values for part in v.split(",") if part.strip()]
        value = values[0].strip()
        if self.enum and value not in self.enum:
            raise BadRequest(
                f"{self.name} must be one of {', '.join(self.enum)}", parameter=self.name
            )
        if self.kind != "integer":
            return value
        return bounded_int(value, self.name, self.bound(self.minimum), self.bound(self.maximum))


@dataclass(frozen=True)
class Route:
    path: str
    name: str
    summary: str
    handler: Callable[..., Any]
    params: tuple[Param, ...] = ()
    errors: tuple[int, ...] = (400,)
    description: str = ""
    tags: tuple[str, ...] = field(default=("linkage",))
    envelope: bool = True  # False: the handler's JSON as is (the OpenAPI document itself)


TABLES: list[tuple[Route, ...]] = []
ERROR_TEXT = {
    400: "Bad parameter (missing, malformed or over its cap)",
    404: "Unknown resource; `suggestions` lists similar ones",
    409: "The label names several resources; `candidates` lists them",
}


def view(route: Route) -> Callable[[], Response]:
    """The Flask view of ``route``: read and check its parameters, wrap the result."""

    def run() -> Response:
        kwargs = {p.name.replace("-", "_"): p.read(request.args) for p in route.params}
        data = route.handler(**kwargs)
        return jsonify({"ok": True, "data": data} if route.envelope else data)

    run.__name__ = route.name
    run.__doc__ = route.summary
    return run


def register(blueprint: Blueprint, table: tuple[Route, ...]) -> None:
    """Add every route of ``table`` to ``blueprint`` and to the OpenAPI document."""
    if table not in TABLES:
        TABLES.append(table)
    for route in table:
        blueprint.add_url_rule(route.path, route.name, view(route), methods=["GET"])


def _operation(route: Route) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": {
            "description": "Success envelope" if route.envelope else "The document",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Envelope"}}}
            if route.envelope
            else {"application/json": {"schema": {"type": "object"}}},
        }
    }
    for status in route.errors:
        responses[str(status)] = {
            "description": ERROR_TEXT.get(status, "Error"),
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    return {
        "operationId": route.name,
        "summary": route.summary,
        "description": route.description or route.summary,
        "tags": list(route.tags),
        "parameters": [
            {
                "name": p.name,
                "in": "query",
                "required": p.required,
                "description": p.description,
                "schema": p.schema(),
                **({"style": "form", "explode": True} if p.kind == "array" else {}),
            }
            for p in route.params
        ],
        "responses": responses,
    }


def document() -> dict[str, Any]:
    """The OpenAPI 3.1 description of every registered route (current settings as bounds)."""
    paths = {route.path: {"get": _operation(route)} for table in TABLES for route in table}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "fazhi-kg API",
            "version": __version__,
            "summary": "Policy-linkage lookups over law-based government reports (法治政府建设)",
        },
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": {
                "Envelope": {
                    "type": "object",
                    "required": ["ok", "data"],
                    "properties": {"ok": {"const": True}, "data": {}},
                },
                "Error": {
                    "type": "object",
                    "required": ["ok", "error", "status"],
                    "properties": {
                        "ok": {"const": False},
                        "error": {"type": "string"},
                        "status": {"type": "integer"},
                        "suggestions": {"type": "array", "items": {"type": "object"}},
                        "candidates": {"type": "array", "items": {"type": "object"}},
                    },
                    "additionalProperties": True,
                },
            }
        },
    }


OPENAPI = Route(
    "/api/openapi.json",
    "openapi",
    "This OpenAPI 3.1 document",
    document,
    errors=(),
    tags=("meta",),
    envelope=False,
)
