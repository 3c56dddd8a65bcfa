"""``fazhi export FORMAT``: the graph, or a selection of it, in one of the registry's formats."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from .. import export as ex
from ..errors import FazhiError
from .options import data_options, fail, load_kg

# Below this many nodes + edges an export is instant and a bar is noise.
PROGRESS_MIN = 5000


@click.command("export")
@click.argument("format_name", metavar="FORMAT", type=click.Choice(ex.names()))
@data_options
@click.option(
    "--id", "focus", help="Export the neighbourhood of this entity (CURIE, IRI or exact label)."
)
@click.option("--hops", type=click.IntRange(min=1), help="Links from --id (default 1).")
@click.option("--from", "source", help="Export the union of the paths from this entity ...")
@click.option("--to", "target", help="... to this one.")
@click.option("--max-length", type=click.IntRange(min=1), help="Most links per path (default 4).")
@click.option("-k", "k", type=click.IntRange(min=1), help="How many paths (default 5).")
@click.option(
    "--class", "classes", multiple=True, help="Keep only nodes of this class; repeatable."
)
@click.option(
    "--ids",
    "ids_file",
    type=click.File("r", encoding="utf-8"),
    help="Export exactly the entities listed in this file, one per line ('-' for stdin).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write ('-' for stdout; default: a name made from the selection).",
)
def export(
    format_name: str,
    data: tuple[Path, ...],
    no_bundled: bool,
    focus: str | None,
    hops: int | None,
    source: str | None,
    target: str | None,
    max_length: int | None,
    k: int | None,
    classes: tuple[str, ...],
    ids_file: click.utils.LazyFile | None,
    output: Path | None,
) -> None:
    """Export the graph (or a selection) as FORMAT: one of the formats listed below.

    \b
    Examples:
      fazhi export gexf -o fazhi.gexf
      fazhi export cyjs --id fzc:mech-fuyuan-liandong --hops 2 -o fuyuan.cyjs
      fazhi export ttl --from 府院联动机制 --to fzid:org/yanji-court -o path.ttl
      fazhi export neo4j --class PolicyDocument --class Organization -o docs.zip
    """
    params: dict[str, list[str]] = {
        "id": [focus] if focus else [],
        "hops": [str(hops)] if hops else [],
        "from": [source] if source else [],
        "to": [target] if target else [],
        "max_length": [str(max_length)] if max_length else [],
        "k": [str(k)] if k else [],
        "class": list(classes),
    }
    ids = [line.strip() for line in ids_file if line.strip()] if ids_file is not None else None
    kg = load_kg(data, no_bundled)
    bar = tqdm(total=0, unit="item", desc=f"export {format_name}", disable=True, file=sys.stderr)

    def start(total: int) -> None:
        nonlocal bar
        bar = tqdm(
            total=total,
            unit="item",
            desc=f"export {format_name}",
            disable=None if total >= PROGRESS_MIN else True,
            file=sys.stderr,
        )

    try:
        selection = ex.parse(lambda name: params.get(name, []), ids)
        result = ex.export(kg, format_name, selection, lambda n: bar.update(n), on_start=start)
    except FazhiError as exc:
        fail(exc)
    finally:
        bar.close()
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(result.data)
        sys.stdout.buffer.flush()
        return
    path = output or Path(result.filename)
    path.write_bytes(result.data)
    click.echo(
        f"{path}: {result.nodes} nodes, {result.edges} edges, {len(result.data)} bytes", err=True
    )


export.help = (
    (export.help or "")
    + "\n\n\b\nFormats:\n"
    + "\n".join(f"  {f.name:<9} .{f.extension:<8} {f.description}" for f in ex.FORMATS.values())
)

COMMANDS = [export]
