"""Latency of the linkage lookups and cost of the projection, on the real graph and a synthetic one.

    python bench/bench_linkage.py                 # the bundled graph
    python bench/bench_linkage.py --reports 1000  # 1,000 synthetic reports (bench/synthetic.py)

Prints p50/p95 per lookup (milliseconds, caches warm: the first call per projection, which
builds the label index and adjacency, is reported apart as "cold") and the projection's build
time and peak memory (tracemalloc). Not a test; CI does not run it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import synthetic_dataset  # noqa: E402

from graph import linkage as lk  # noqa: E402
from graph.errors import Conflict  # noqa: E402
from graph.kg import KnowledgeGraph  # noqa: E402
from graph.project import project  # noqa: E402

SEARCHES = ["府院联动", "一窗受理", "行政复议", "市人民法院", "三项制度", "受理", "court", "法治"]


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": statistics.median(ordered), "p95": p95, "n": len(ordered)}


def timed(calls: list[Callable[[], Any]], repeat: int) -> tuple[float, dict[str, float]]:
    """(first call in ms, percentiles over ``repeat`` rounds of every call in ms)."""
    start = time.perf_counter()
    calls[0]()
    cold = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(repeat):
        for call in calls:
            start = time.perf_counter()
            call()
            samples.append((time.perf_counter() - start) * 1000)
    return cold, percentiles(samples)


def workload(kg: KnowledgeGraph, seed: int = 0) -> dict[str, list[Callable[[], Any]]]:
    """The calls measured: fixed searches, and entities/paths over a seeded sample of nodes."""
    graph = kg.projection()
    rng = random.Random(seed)
    nodes = rng.sample(sorted(graph), min(50, len(graph)))
    fuyuan = "fzc:mech-fuyuan-liandong"
    courts = [n for n in sorted(graph) if n.endswith("court")]
    pairs = [(fuyuan, c) for c in rng.sample(courts, min(10, len(courts)))]
    pairs += list(zip(nodes[:20], nodes[20:40], strict=True))
    labels = [graph.nodes[n]["label"] for n in nodes[:20]] + nodes[20:40]
    return {
        "search": [lambda q=q: lk.search(kg, q) for q in SEARCHES],
        "resolve": [lambda t=t: _quiet(lk.resolve, kg, t) for t in labels],
        "entity": [lambda n=n: lk.entity(kg, n) for n in nodes],
        "linkage": [lambda n=n: lk.linkage(kg, n) for n in nodes],
        "neighbourhood (2 hops)": [lambda n=n: lk.neighbourhood(kg, n, 2) for n in nodes],
        "paths (max 4, k 5)": [lambda a=a, b=b: lk.paths(kg, a, b, 4, 5) for a, b in pairs],
    }


def _quiet(func: Callable[..., Any], *args: Any) -> Any:
    """Ambiguous labels (409) are a normal answer for resolve on a multi-report graph."""
    try:
        return func(*args)
    except Conflict:
        return None


def rss_mb() -> float:
    """Resident memory of this process now (Linux), in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def build_costs(kg: KnowledgeGraph, memory: bool) -> dict[str, float]:
    before = rss_mb()
    start = time.perf_counter()
    graph = project(kg.dataset)
    costs = {
        "build_s": time.perf_counter() - start,
        "rss_delta_mb": rss_mb() - before,
        "nodes": len(graph),
        "edges": graph.number_of_edges(),
    }
    if memory:
        tracemalloc.start()
        start = time.perf_counter()
        project(kg.dataset)
        costs["build_traced_s"] = time.perf_counter() - start
        costs["peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return costs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=0, help="synthetic reports (0: real graph)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds over each workload")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc build")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if args.reports:
        kg = KnowledgeGraph(synthetic_dataset(args.reports))
        name = f"{args.reports} synthetic reports"
    else:
        kg = KnowledgeGraph.load()
        name = "bundled graph"
    triples = len(kg.dataset)
    loaded = time.perf_counter() - start
    print(f"{name}: {triples} triples in {loaded:.1f} s", file=sys.stderr)
    result: dict[str, Any] = {
        "graph": name,
        "triples": triples,
        "load_s": loaded,
        "machine": f"{platform.processor() or platform.machine()}, {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "projection": build_costs(kg, not args.no_memory),
        "lookups": {},
    }
    print(f"projection: {result['projection']}", file=sys.stderr)
    kg.projection()  # the cached one every lookup uses
    for op, calls in workload(kg).items():
        print(f"timing {op}", file=sys.stderr)
        cold, stats = timed(calls, args.repeat)
        result["lookups"][op] = {"cold_ms": cold, **stats}
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


def report(result: dict[str, Any]) -> str:
    proj = result["projection"]
    lines = [
        f"## {result['graph']}: {result['triples']:,} triples (loaded in {result['load_s']:.1f} s)",
        f"projection: {proj['nodes']:,} nodes, {proj['edges']:,} edges, built in "
        f"{proj['build_s']:.2f} s"
        + f"; resident memory +{proj['rss_delta_mb']:.0f} MB"
        + (f"; peak {proj['peak_mb']:.0f} MB (tracemalloc)" if "peak_mb" in proj else ""),
        "",
        "| lookup | p50 ms | p95 ms | cold ms | calls |",
        "|---|---:|---:|---:|---:|",
    ]
    for op, s in result["lookups"].items():
        lines.append(f"| {op} | {s['p50']:.2f} | {s['p95']:.2f} | {s['cold_ms']:.1f} | {s['n']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
