"""Synthetic datasets shaped like the real one: N copies of the bundled report graph.

Each copy is one report (``synth-0001``, ``synth-0002`` ...) in its own named graph. Its
city-level resources (the report and its sentences, observations, activities, local bodies,
documents, places, platforms) get IRIs and labels of their own, while what real reports share
stays shared: concepts (mechanisms, areas, indicators, units), periods, and provincial,
prefectural and national bodies and documents. So shared mechanisms and higher bodies become
the hubs they would be in a real multi-report graph.

    python bench/synthetic.py 1000 -o build/synthetic-1000.nq
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.load import ONTOLOGY_GRAPH, ontology_graph, report_graph_iri  # noqa: E402
from graph.namespaces import FZ, FZID, bind  # noqa: E402
from graph.paths import report_files  # noqa: E402

SOURCE_ID = "yanji-2020"
SHARED_LEVELS = {"level-provincial", "level-prefectural", "level-national"}
# Places and platforms every city of the province shares.
SHARED_SLUGS = {"place/jilin", "place/yanbian", "platform/national-credit-info-system"}
CITY_ZH, CITY_EN = "延吉", "Yanji"


def template() -> Graph:
    """The bundled report's graph (the first report file), parsed on its own."""
    graph = Graph()
    graph.parse(report_files()[0], format="turtle")
    return graph


def shared_resources(graph: Graph) -> set[Node]:
    """Instances that stay one resource across reports (higher-level bodies and documents)."""
    shared: set[Node] = set()
    for subject, level in graph.subject_objects(FZ.level):
        if str(level).rsplit("/", 1)[-1] in SHARED_LEVELS:
            shared.add(subject)
    for subject in set(graph.subjects()) | set(graph.objects()):
        text = str(subject)
        local = text[len(str(FZID)) :] if text.startswith(str(FZID)) else ""
        if local in SHARED_SLUGS or local.startswith("period/"):
            shared.add(subject)
    return shared


def _rewrite(term: Node, report: str, number: int, shared: set[Node]) -> Node:
    if isinstance(term, BNode):
        return BNode(f"{term}-{report}")
    if isinstance(term, Literal):
        if term.language == "zh":
            return Literal(str(term).replace(CITY_ZH, f"样本{number}"), lang="zh")
        if term.language == "en":
            return Literal(str(term).replace(CITY_EN, f"Sample {number}"), lang="en")
        return term
    text = str(term)
    if term in shared or not text.startswith(str(FZID)):
        return term
    local = text[len(str(FZID)) :]
    if SOURCE_ID in local:
        return URIRef(str(FZID) + local.replace(SOURCE_ID, report))
    kind, _, slug = local.partition("/")
    return URIRef(f"{FZID}{kind}/{report}-{slug}")


def report_quads(
    graph: Graph, number: int, shared: set[Node]
) -> Iterator[tuple[Node, Node, Node, Graph]]:
    """The template's triples as report ``synth-<number>``, in that report's named graph."""
    report = f"synth-{number:04d}"
    target = Graph(identifier=report_graph_iri(report))
    for s, p, o in graph:
        shared_subject = s in shared
        # A shared resource's own description is the same in every report: keep literals as is.
        new_o = (
            o if shared_subject and isinstance(o, Literal) else _rewrite(o, report, number, shared)
        )
        yield _rewrite(s, report, number, shared), p, new_o, target


def synthetic_dataset(n_reports: int, *, ontology: bool = True) -> Dataset:
    """The ontology graph (unless ``ontology=False``) plus ``n_reports`` synthetic report graphs."""
    dataset = bind(Dataset(default_union=True))
    if ontology:
        dataset.addN((s, p, o, dataset.graph(ONTOLOGY_GRAPH)) for s, p, o in ontology_graph())
    graph = template()
    shared = shared_resources(graph)
    for number in range(1, n_reports + 1):
        dataset.addN(report_quads(graph, number, shared))  # type: ignore[arg-type]
    return dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", type=int, help="how many synthetic reports")
    parser.add_argument("-o", "--output", type=Path, required=True, help="N-Quads file to write")
    parser.add_argument("--no-ontology", action="store_true", help="report graphs only")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    dataset = synthetic_dataset(args.reports, ontology=not args.no_ontology)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    dataset.serialize(args.output, format="nquads")
    quads = sum(1 for _ in dataset.quads((None, None, None, None)))
    elapsed = time.perf_counter() - start
    print(f"{args.output}: {args.reports} reports, {quads} quads, {elapsed:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
