"""Query latency of the served engine (pyoxigraph in killable workers) against rdflib's engine.

    python bench/bench_sparql.py [--repeat 20] [--data FILE ...] [--no-bundled]

Runs every example query (ontology/queries/examples/*.rq) on both engines over the same
graph and prints medians in milliseconds; the worker path includes the pipe round trip and
result serialization, as the /sparql endpoint pays them.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from graph import paths
from graph.kg import KnowledgeGraph
from graph.query import Limits, run, shutdown


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--data", type=Path, action="append", default=[])
    parser.add_argument("--no-bundled", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore", DeprecationWarning)  # rdflib 7.6 warns about itself
    kg = KnowledgeGraph.load(args.data, bundled=not args.no_bundled)
    limits = Limits(timeout=60)
    run(kg, "ASK {}", limits=limits)  # start the workers
    print(f"{'query':40} {'oxigraph ms':>12} {'rdflib ms':>10} {'ratio':>7}")
    try:
        for path in sorted(paths.EXAMPLES_DIR.glob("*.rq")):
            query = path.read_text(encoding="utf-8")
            ours = median_ms(lambda q=query: run(kg, q, limits=limits, fmt=None), args.repeat)
            theirs = median_ms(lambda q=query: list(kg.dataset.query(q)), max(args.repeat // 4, 1))
            print(f"{path.stem:40} {ours:12.2f} {theirs:10.2f} {theirs / ours:7.1f}")
    finally:
        shutdown()


if __name__ == "__main__":
    main()
