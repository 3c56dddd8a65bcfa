"""Export time and size per format, for the real graph and a synthetic N-report graph.

    python bench/bench_export.py                 # real graph + 1,000 synthetic reports
    python bench/bench_export.py --reports 100   # a smaller synthetic graph
    python bench/bench_export.py --formats gexf,cyjs --no-real

Prints a Markdown table (the one in bench/README.md). Times are wall-clock seconds of
``graph.export.export`` for the whole graph; the seeded layout and the projection are built
once beforehand and reported on their own rows, since every export reuses them.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from graph import layout  # noqa: E402
from graph.export import FORMATS, export  # noqa: E402
from graph.kg import KnowledgeGraph  # noqa: E402


def _mb(size: int) -> str:
    return f"{size / 1e6:,.2f} MB" if size >= 100_000 else f"{size / 1e3:,.1f} kB"


def _rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def bench(name: str, kg: KnowledgeGraph, formats: list[str]) -> list[str]:
    rows = []
    start = time.perf_counter()
    graph = kg.projection()
    rows.append(
        f"| {name} | (projection) | {time.perf_counter() - start:.2f} | "
        f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges | |"
    )
    start = time.perf_counter()
    layout.positions(graph)
    kind = "spring" if graph.number_of_nodes() <= layout.SPRING_MAX_NODES else "spring core, grown"
    rows.append(f"| {name} | (layout, {kind}) | {time.perf_counter() - start:.2f} | | |")
    for fmt in formats:
        gc.collect()
        start = time.perf_counter()
        result = export(kg, fmt)
        elapsed = time.perf_counter() - start
        per_node = len(result.data) / max(result.nodes, 1)
        rows.append(
            f"| {name} | {fmt} | {elapsed:.2f} | {_mb(len(result.data))} | {per_node:,.0f} B |"
        )
        print(rows[-1], file=sys.stderr, flush=True)
        del result
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000, help="synthetic reports (0: none)")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated formats")
    parser.add_argument("--no-real", action="store_true", help="skip the real graph")
    args = parser.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    rows = ["| graph | format | seconds | size | bytes per node |", "|---|---|---|---|---|"]
    if not args.no_real:
        rows += bench("real (yanji-2020)", KnowledgeGraph.load(), formats)
    if args.reports:
        from synthetic import synthetic_dataset

        start = time.perf_counter()
        dataset = synthetic_dataset(args.reports)
        built = time.perf_counter() - start
        print(
            f"synthetic {args.reports}: {len(dataset):,} triples in {built:.0f} s", file=sys.stderr
        )
        rows += bench(f"synthetic {args.reports:,} reports", KnowledgeGraph(dataset), formats)
    print("\n".join(rows))
    print(f"\npeak RSS {_rss_mb():,} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
