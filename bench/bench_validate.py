"""SHACL validation time of the bundled graph, against peers measured in the same run.

    python bench/bench_validate.py            # 15 runs per row
    python bench/bench_validate.py --runs 5

Prints a Markdown table of medians (wall-clock and CPU). Ratios are against rdflib parsing
the same report file, so the figure survives a faster or slower machine. Rows:

- rdflib parse of data/graphs/<report>.ttl (the peer, ratio 1.0);
- pyshacl with one trivial shape on the merged report + ontology graph (pyshacl's floor);
- pyshacl with the project shapes, as ``graph.validate`` runs them (flattened, inference off);
- the same shapes unflattened (property shapes reached through ``sh:property``);
- ``graph.validate.validate`` end to end on the loaded dataset (merge + pyshacl + report).

Not a test: run it by hand and copy the table into the report.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyshacl  # noqa: E402
from rdflib import Graph  # noqa: E402

from graph import paths  # noqa: E402
from graph.kg import KnowledgeGraph  # noqa: E402
from graph.load import ONTOLOGY_GRAPH, report_graph_iri  # noqa: E402
from graph.validate import _merge, _validation_shapes, shapes_graph, validate  # noqa: E402

TRIVIAL = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix fz: <https://w3id.org/fazhi/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:trivial> a sh:NodeShape ; sh:targetClass fz:Observation ;
    sh:property [ sh:path rdfs:label ; sh:minCount 1 ] .
"""


def median(run: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``run`` (after one warm-up call)."""
    run()
    walls, cpus = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


def pyshacl_run(data: Graph, shapes: Graph) -> Callable[[], object]:
    def run() -> object:
        return pyshacl.validate(
            data,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            inplace=True,
            allow_infos=True,
            allow_warnings=True,
        )

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--report", default="yanji-2020")
    args = parser.parse_args()

    source = paths.GRAPHS_DIR / f"{args.report}.ttl"
    kg = KnowledgeGraph.load()
    ontology = kg.dataset.graph(ONTOLOGY_GRAPH)
    report = kg.dataset.graph(report_graph_iri(args.report))
    merged = _merge((ontology, report))
    trivial = Graph().parse(data=TRIVIAL, format="turtle")

    rows = [
        (
            "rdflib parse of the report file (peer)",
            median(lambda: Graph().parse(source), args.runs),
        ),
        ("pyshacl, one trivial shape", median(pyshacl_run(merged, trivial), args.runs)),
        (
            "pyshacl, project shapes (as validated)",
            median(pyshacl_run(merged, _validation_shapes()), args.runs),
        ),
        (
            "pyshacl, project shapes unflattened",
            median(pyshacl_run(merged, shapes_graph()), args.runs),
        ),
        (
            "graph.validate.validate(dataset), end to end",
            median(lambda: validate(kg.dataset), args.runs),
        ),
    ]
    peer_wall, peer_cpu = rows[0][1]
    print(
        f"report {args.report}: {len(report)} triples + ontology {len(ontology)} triples; "
        f"median of {args.runs} runs\n"
    )
    print("| step | wall ms | CPU ms | × parse (wall) | × parse (CPU) |")
    print("|---|---:|---:|---:|---:|")
    for name, (wall, cpu) in rows:
        ratios = f"{wall / peer_wall:.2f} | {cpu / peer_cpu:.2f}"
        print(f"| {name} | {wall * 1000:.0f} | {cpu * 1000:.0f} | {ratios} |")


if __name__ == "__main__":
    main()
