"""Checks on parameters a caller types (HTTP query strings, CLI options, function arguments)."""

from __future__ import annotations

from typing import Any

from .errors import BadRequest


def bounded_int(value: Any, name: str, low: int | None = None, high: int | None = None) -> int:
    """``value`` as an integer within [low, high] (either bound optional), else BadRequest
    naming the parameter and its bounds."""
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise BadRequest(f"{name} must be an integer", parameter=name) from exc
    if (low is not None and number < low) or (high is not None and number > high):
        if low is not None and high is not None:
            allowed = f"between {low} and {high}"
        else:
            allowed = f"at least {low}" if low is not None else f"at most {high}"
        raise BadRequest(f"{name} must be {allowed}", parameter=name, minimum=low, maximum=high)
    return number
