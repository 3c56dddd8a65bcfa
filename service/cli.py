"""``fazhi`` commands that need the HTTP service (loaded via the fazhi.commands entry point)."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from types import FrameType

import click

from graph.cli.options import data_options, load_kg

# waitress reads a whole request body before the app sees it; past this it answers 413 itself.
# Below it, the app's own MAX_BODY check answers in the project's error shape.
WAITRESS_BODY_CAP = 16 * 1024 * 1024


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port (0: any free port).")
@click.option("--threads", default=8, show_default=True, type=int, help="Request threads.")
@data_options
def serve(host: str, port: int, threads: int, data: tuple[Path, ...], no_bundled: bool) -> None:
    """Serve the graph: SPARQL endpoint, query UI, Linked Data, lookups and exports.

    Embedded waitress server for one machine; settings come from FAZHI_* environment
    variables (see the README). For several processes use gunicorn:
    gunicorn -w 4 -b 127.0.0.1:8000 'service:create_app()'
    """
    import waitress

    from graph.kg import KnowledgeGraph
    from graph.query import shutdown, warm_up

    from . import create_app
    from .settings import read_settings
    from .sparql import limits

    spec = str(read_settings()["STORE"])  # FAZHI_STORE: memory, oxigraph:PATH or sparql:URL
    kg = load_kg(data, no_bundled) if spec == "memory" else KnowledgeGraph.open(spec)
    app = create_app(kg=kg)
    with app.app_context():
        # Fork the query workers now, while this process has a single thread.
        warm_up(kg, limits())
    server = waitress.create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        max_request_body_size=max(WAITRESS_BODY_CAP, 4 * int(app.config["MAX_CONTENT_LENGTH"])),
        ident="fazhi",
    )
    url = f"http://{host}:{server.effective_port}/"
    click.echo(f"fazhi-kg serving on {url} (SPARQL endpoint: {url}sparql)")
    sys.stdout.flush()

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        shutdown()


COMMANDS: list[click.Command] = [serve]
