"""Scale benchmark: fazhi-kg over oxigraph:PATH vs the Oxigraph server, same data, same run.

    python bench/bench_scale.py                        # 10k and 100k triples
    python bench/bench_scale.py --sizes 10000 100000 1000000
    python bench/bench_scale.py --rdflib-endpoint PATH # also rdflib-endpoint (its venv's python)

For each size: a synthetic dataset shaped like the real graph (bench/synthetic.py) is written
as N-Quads; both systems load it (``fazhi load --no-validate`` vs ``oxigraph load``: wall time
and the loader's peak RSS); both serve it over HTTP on 127.0.0.1 (``fazhi serve`` with its query
workers vs ``oxigraph serve --union-default-graph``); each researcher query runs ``--repeat``
times (p50/p95 ms, client-side, HTTP included); then 8 client threads run the query mix for
``--duration`` seconds (queries/s). Server memory is the peak PSS of the server's process tree.
Not a test; CI does not run it. Results go to bench/README.md by hand.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pyoxigraph as ox  # noqa: E402
from synthetic import synthetic_dataset  # noqa: E402

from graph.store.rdf import from_rdflib  # noqa: E402

PER_REPORT = 2_700  # quads per synthetic report (shared resources repeat in every graph)
ONTOLOGY = 2_300
P = """PREFIX fz: <https://w3id.org/fazhi/ontology#>
PREFIX fzc: <https://w3id.org/fazhi/concept/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
"""
QUERIES: dict[str, str] = {
    "label-lookup": 'SELECT ?s WHERE { ?s rdfs:label "受理行政复议案件 17 件"@zh } LIMIT 1000',
    "resource-lookup": "SELECT ?p ?o WHERE { fzc:mech-fuyuan-liandong ?p ?o } LIMIT 1000",
    "doc-mech-body-figure": """SELECT ?doc ?mech ?org ?obs ?v WHERE {
        ?doc a fz:PolicyDocument ; eli:is_about|fz:relatedMechanism ?mech .
        ?obs fz:aboutMechanism ?mech ; sdmx-measure:obsValue ?v .
        OPTIONAL { ?mech fz:participant|fz:leadOrganisation ?org } } LIMIT 1000""",
    "mechanism-bodies": """SELECT ?mech ?org WHERE { ?x fz:relatedMechanism ?mech .
        ?mech fz:participant ?org } LIMIT 1000""",
    "group-by-indicator": """SELECT ?ind (COUNT(?obs) AS ?n) (SUM(?v) AS ?total) WHERE {
        ?obs fz:indicator ?ind ; sdmx-measure:obsValue ?v } GROUP BY ?ind ORDER BY DESC(?n)""",
    "group-by-class": "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)",
    "path-parts": """SELECT ?sentence ?report WHERE { ?sentence nif:anchorOf ?t ;
        dcterms:isPartOf+ ?report . ?report a fz:AnnualReport } LIMIT 1000""",
    "path-components": "SELECT ?m ?c WHERE { ?m fz:hasComponent+ ?c }",
    "construct-neighbourhood": """CONSTRUCT {
        fzc:mech-one-window ?p ?o . ?s ?q fzc:mech-one-window }
        WHERE { { fzc:mech-one-window ?p ?o } UNION { ?s ?q fzc:mech-one-window } }""",
    "text-filter": """SELECT ?s ?t WHERE { ?s nif:anchorOf ?t
        FILTER(CONTAINS(?t, "行政复议")) } LIMIT 1000""",
    "figures-top": """SELECT ?obs ?v WHERE { ?obs fz:indicator ?i ; sdmx-measure:obsValue ?v }
        ORDER BY DESC(?v) LIMIT 10""",
    "provenance-optional": """SELECT ?obs ?sentence ?text WHERE { ?obs a qb:Observation .
        OPTIONAL { ?obs prov:wasDerivedFrom ?sentence . ?sentence nif:anchorOf ?text } }
        LIMIT 1000""",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def dataset_file(triples: int, folder: Path) -> tuple[Path, int]:
    reports = max(1, round((triples - ONTOLOGY) / PER_REPORT))
    path = folder / f"scale-{reports}.nq"
    if not path.exists():  # in a child, so this process stays small while servers run
        subprocess.run(
            [sys.executable, __file__, "--generate", str(reports), str(path)], check=True
        )
    count = sum(1 for _ in path.open("rb"))
    return path, count


def run_measured(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one child process.

    posix_spawn (vfork) so the child's peak RSS is its own, not a copy of this process's.
    """
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        pid = os.posix_spawn(
            command[0],
            command,
            env if env is not None else dict(os.environ),
            file_actions=[(os.POSIX_SPAWN_DUP2, devnull.fileno(), 1)],
        )
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"{command} failed with status {status}")
    return wall, usage.ru_maxrss / 1024


def tree_pss(pid: int) -> float:
    """PSS (MB) of a process and its descendants: shared copy-on-write pages counted once."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) / 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


class Server:
    def __init__(
        self, name: str, command: list[str], port: int, path: str, env: dict[str, str] | None = None
    ):
        self.name, self.port, self.path = name, port, path
        self.process = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.peak = 0.0
        self._stop = threading.Event()
        self._wait()
        threading.Thread(target=self._sample, daemon=True).start()

    def _wait(self) -> None:
        for _ in range(9000):  # rdflib-endpoint parses 1M quads for minutes
            try:
                self.query("ASK {}", "application/sparql-results+json")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not start")

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_pss(self.process.pid))
            time.sleep(0.25)

    def query(
        self, query: str, accept: str, conn: http.client.HTTPConnection | None = None
    ) -> bytes:
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        body = urllib.parse.urlencode({"query": query})
        conn.request(
            "POST",
            self.path,
            body,
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )
        response = conn.getresponse()
        data = response.read()
        if own:
            conn.close()
        if response.status != 200:
            raise RuntimeError(f"{self.name}: {response.status} {data[:300]!r}")
        return data

    def stop(self) -> None:
        self._stop.set()
        os.killpg(self.process.pid, 9)
        self.process.wait()


def accept_for(query: str) -> str:
    return "application/n-triples" if "CONSTRUCT" in query else "application/sparql-results+json"


def latencies(server: Server, repeat: int, warm: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
    for name, body in QUERIES.items():
        query, accept = P + body, accept_for(body)
        for _ in range(warm):  # every query worker of ours gets to warm its caches
            server.query(query, accept, conn)
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            server.query(query, accept, conn)
            samples.append((time.perf_counter() - start) * 1000)
        ordered = sorted(samples)
        out[name] = {
            "p50": statistics.median(ordered),
            "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        }
    conn.close()
    return out


def throughput(server: Server, clients: int, duration: float) -> float:
    mix = [(P + q, accept_for(q)) for q in QUERIES.values()]
    done = [0] * clients
    deadline = time.perf_counter() + duration

    def client(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
        i = index
        while time.perf_counter() < deadline:
            query, accept = mix[i % len(mix)]
            server.query(query, accept, conn)
            done[index] += 1
            i += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.perf_counter() - start)


def bench_size(triples: int, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    data, count = dataset_file(triples, work)
    print(
        f"== {count} quads ({data.name}, generated/read in {time.perf_counter() - t0:.1f} s)",
        flush=True,
    )
    fazhi, oxigraph = shutil.which("fazhi"), shutil.which("oxigraph")
    assert fazhi and oxigraph
    ours_dir, theirs_dir = work / f"fazhi-{count}", work / f"oxigraph-{count}"
    for folder in (ours_dir, theirs_dir):
        shutil.rmtree(folder, ignore_errors=True)
    result: dict[str, Any] = {"quads": count, "load": {}, "memory_mb": {}, "queries": {}, "qps": {}}
    result["load"]["fazhi"] = run_measured(
        [fazhi, "load", str(data), "--no-validate", "--store", f"oxigraph:{ours_dir}"]
    )
    result["load"]["oxigraph"] = run_measured(
        [oxigraph, "load", "--location", str(theirs_dir), "--file", str(data)]
    )
    servers: list[tuple[str, Callable[[], Server]]] = []
    env = os.environ | {
        "FAZHI_STORE": f"oxigraph:{ours_dir}",
        "FAZHI_WORKERS": str(args.clients),
        "FAZHI_QUERY_TIMEOUT": "300",
        "FAZHI_MAX_ROWS": "100000",
    }
    port = free_port()
    servers.append(
        (
            "fazhi",
            lambda: Server(
                "fazhi",
                [fazhi, "serve", "--port", str(port), "--threads", str(2 * args.clients)],
                port,
                "/sparql",
                env,
            ),
        )
    )
    port2 = free_port()
    servers.append(
        (
            "oxigraph",
            lambda: Server(
                "oxigraph",
                [
                    oxigraph,
                    "serve",
                    "--location",
                    str(theirs_dir),
                    "--bind",
                    f"127.0.0.1:{port2}",
                    "--union-default-graph",
                ],
                port2,
                "/query",
            ),
        )
    )
    if args.rdflib_endpoint and count <= args.rdflib_max:
        port3 = free_port()
        servers.append(
            (
                "rdflib-endpoint",
                lambda: Server(
                    "rdflib-endpoint",
                    [
                        args.rdflib_endpoint,
                        "-m",
                        "rdflib_endpoint",
                        "serve",
                        str(data),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(port3),
                    ],
                    port3,
                    "/",
                ),
            )
        )
    for name, start in servers:
        started = time.perf_counter()
        server = start()
        up = time.perf_counter() - started
        print(f"  {name}: up in {up:.1f} s", flush=True)
        if name == "rdflib-endpoint":  # it parses the file at start-up: that is its load
            result["load"][name] = (up, float("nan"))
        try:
            repeat = args.repeat if name != "rdflib-endpoint" else max(3, args.repeat // 3)
            warm = args.clients if name != "rdflib-endpoint" else 1
            result["queries"][name] = latencies(server, repeat, warm)
            result["qps"][name] = throughput(server, args.clients, args.duration)
            result["memory_mb"][name] = server.peak
        finally:
            server.stop()
        print(
            f"  {name}: {json.dumps(result['queries'][name])}\n"
            f"  qps {result['qps'][name]:.1f}, peak PSS {server.peak:.0f} MB",
            flush=True,
        )
    return result


def geomean(values: list[float]) -> float:
    return float(statistics.geometric_mean(values)) if values else float("nan")


def report(results: list[dict[str, Any]]) -> str:
    lines = []
    for r in results:
        q = r["queries"]
        lines.append(f"\n### {r['quads']:,} quads\n")
        lines.append(
            "| | load s | load peak RSS MB | server peak PSS MB | qps (8 clients) "
            "| geomean p50 ms |"
        )
        lines.append("|---|---|---|---|---|---|")
        for name in q:
            load = r["load"].get(name, (float("nan"), float("nan")))
            p50s = [v["p50"] for v in q[name].values()]
            memory, qps = r["memory_mb"][name], r["qps"][name]
            lines.append(
                f"| {name} | {load[0]:.2f} | {load[1]:.0f} | {memory:.0f} | {qps:.1f} "
                f"| {geomean(p50s):.2f} |"
            )
        names = list(q)
        lines.append("\n| query | " + " | ".join(f"{n} p50 / p95 ms" for n in names) + " |")
        lines.append("|---|" + "---|" * len(names))
        for query in QUERIES:
            cells = [f"{q[n][query]['p50']:.2f} / {q[n][query]['p95']:.2f}" for n in names]
            lines.append(f"| {query} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def generate(reports: int, path: Path) -> None:
    quads = list(from_rdflib(synthetic_dataset(reports)))
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")


def main() -> int:
    if sys.argv[1:2] == ["--generate"]:
        generate(int(sys.argv[2]), Path(sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rdflib-endpoint", help="python of a venv with rdflib-endpoint[cli]")
    parser.add_argument("--rdflib-max", type=int, default=150_000, help="largest size for it")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--json", type=Path, help="write the raw results here")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(
        f"machine: {platform.node()} {platform.machine()} {os.cpu_count()} cpus, "
        f"python {platform.python_version()}, pyoxigraph {ox.__version__}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(dir=args.work):
        results = [bench_size(size, args, args.work) for size in args.sizes]
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
