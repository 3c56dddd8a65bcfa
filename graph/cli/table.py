"""Aligned plain-text tables for the terminal (CJK characters take two columns)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from ..namespaces import curie


def width(text: str) -> int:
    """Terminal columns of ``text`` (wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Header, a rule, then the rows; columns padded to their widest cell, None as empty."""
    cells = [[str(c) for c in headers], *[["" if c is None else str(c) for c in r] for r in rows]]
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True)))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def iri_cell(iri: str) -> str:
    """An IRI as a table shows it: a CURIE, or ``<iri>`` outside the project's namespaces."""
    short = curie(iri)
    return f"<{iri}>" if short == iri else short
