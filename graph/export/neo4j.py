"""A zip of CSVs for ``neo4j-admin database import full`` (and ``LOAD CSV``).

``nodes.csv`` has ``id:ID`` and ``:LABEL`` columns, ``relationships.csv`` ``:START_ID``,
``:END_ID`` and ``:TYPE``; the other columns are properties, typed in the header where the
value is a number or a boolean. ``IMPORT.txt`` holds the command.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

from .. import palette
from .context import CORE_NODE, DERIVED_NODE, ExportContext, extra_keys, text

NEO4J_TYPES = {"long": "long", "double": "double", "boolean": "boolean", "string": ""}
IMPORT = """\
neo4j-admin database import full neo4j --overwrite-destination \\
  --nodes=nodes.csv --relationships=relationships.csv --multiline-fields=true

Or, from the Neo4j browser with both files in the import folder:
LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row ...
"""


def rel_type(curie: str) -> str:
    """A relationship type Cypher accepts unquoted: ``fz:participant`` -> ``FZ_PARTICIPANT``."""
    return re.sub(r"[^A-Za-z0-9]+", "_", curie).strip("_").upper() or "LINK"


def _header(name: str, kind: str) -> str:
    suffix = NEO4J_TYPES[kind]
    return f"{name}:{suffix}" if suffix else name


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_neo4j(ctx: ExportContext) -> bytes:
    nodes = list(ctx.nodes())
    edges = list(ctx.edges())
    node_types = {name: "string" for name in CORE_NODE} | {"color": "string", "degree": "long"}
    node_types |= {"x": "double", "y": "double"}
    node_types |= extra_keys([a for _, a in nodes], (*CORE_NODE, *DERIVED_NODE))
    node_rows = [["id:ID", ":LABEL", *(_header(n, k) for n, k in node_types.items())]]
    for node, attrs in nodes:
        x, y = ctx.position(node)
        values: dict[str, Any] = dict(attrs, degree=ctx.degree(node), x=x, y=y)
        values["color"] = palette.color(str(attrs["class"]))
        labels = str(attrs["class"])
        node_rows.append([node, labels, *_cells(values, node_types)])
        ctx.tick()
    edge_types = {"predicate_curie": "string", "predicate": "string"}
    edge_types |= {"label_zh": "string", "label_en": "string"}
    edge_types |= extra_keys([a for *_, a in edges], (*edge_types, "label"))
    edge_rows = [[":START_ID", ":END_ID", ":TYPE", *(_header(n, k) for n, k in edge_types.items())]]
    for u, v, key, attrs in edges:
        edge_rows.append([u, v, rel_type(key), *_cells(attrs, edge_types)])
        ctx.tick()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in (
            ("nodes.csv", _csv(node_rows)),
            ("relationships.csv", _csv(edge_rows)),
            ("IMPORT.txt", IMPORT.encode("utf-8")),
        ):
            # A fixed timestamp: the same selection gives the same bytes.
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _cells(values: dict[str, Any], types: dict[str, str]) -> list[str]:
    # An empty cell is "no property" for neo4j-admin, never the text "None".
    return [text(values[name], kind) if name in values else "" for name, kind in types.items()]
