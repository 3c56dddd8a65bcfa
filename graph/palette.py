"""One fixed colour per class, shared by every export and the in-browser explorer.

The table is data: the explorer fetches it as JSON (``/export/palette.json``), the GEXF and
GraphML writers turn it into ``viz:color`` / r,g,b, so a class has the same colour everywhere.
Classes not in the table get a colour from ``FALLBACK``, picked by a stable hash of the name.
"""

from __future__ import annotations

import zlib
from typing import Any

# Class local name (as in the projection's ``class`` node attribute) -> hex colour.
# Related classes share a hue family: documents blue, mechanisms orange, bodies green,
# figures purple, report structure grey.
PALETTE: dict[str, str] = {
    "AnnualReport": "#4d4d4d",
    "ReportSection": "#7f7f7f",
    "ReportParagraph": "#a6a6a6",
    "ReportSentence": "#c7c7c7",
    "PolicyDocument": "#1f77b4",
    "DocumentGroup": "#6baed6",
    "DocumentType": "#9ecae1",
    "Mechanism": "#ff7f0e",
    "Campaign": "#fdae6b",
    "PolicyArea": "#e6550d",
    "TargetGroup": "#fd8d3c",
    "Organization": "#2ca02c",
    "OrganizationalCollaboration": "#74c476",
    "OrganisationType": "#a1d99b",
    "Observation": "#9467bd",
    "Indicator": "#bcbddc",
    "Unit": "#dadaeb",
    "Activity": "#17becf",
    "Problem": "#d62728",
    "PlannedTask": "#e377c2",
    "AdministrativeArea": "#8c564b",
    "Platform": "#bcbd22",
    "ProperInterval": "#c49c94",
    "InferredLink": "#f7b6d2",
    "Concept": "#dbdb8d",
}

# For classes the table does not know (a new report may bring some).
FALLBACK = ("#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#31a354", "#756bb1")


def color(cls: str) -> str:
    """The hex colour (``#rrggbb``) of a class local name."""
    if cls in PALETTE:
        return PALETTE[cls]
    return FALLBACK[zlib.crc32(cls.encode("utf-8")) % len(FALLBACK)]


def rgb(cls: str) -> tuple[int, int, int]:
    """The colour of a class as (r, g, b) integers 0..255."""
    hexcode = color(cls).lstrip("#")
    return int(hexcode[0:2], 16), int(hexcode[2:4], 16), int(hexcode[4:6], 16)


def palette_json(classes: list[str] | None = None) -> dict[str, Any]:
    """The palette as JSON data: ``{"classes": {class: colour}, "fallback": [...]}``.

    With ``classes``, only those (in that order), each with its colour, fallbacks included.
    """
    names = list(PALETTE) if classes is None else classes
    return {"classes": {name: color(name) for name in names}, "fallback": list(FALLBACK)}
