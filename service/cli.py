"""``fazhi`` commands that need the HTTP service (loaded via the fazhi.commands entry point)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import click

from graph.cli.options import data_options, fail
from graph.errors import FazhiError


def cli_settings(data: tuple[Path, ...], no_bundled: bool) -> dict[str, Any]:
    """The settings ``--data`` and ``--no-bundled`` override (the rest come from FAZHI_*)."""
    overrides: dict[str, Any] = {}
    if data:
        overrides["DATA"] = os.pathsep.join(str(p) for p in data)
    if no_bundled:
        overrides["NO_BUNDLED"] = True
    return overrides


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port (0: any free port).")
@click.option("--threads", default=8, show_default=True, type=int, help="Request threads.")
@data_options
def serve(host: str, port: int, threads: int, data: tuple[Path, ...], no_bundled: bool) -> None:
    """Serve the graph: SPARQL endpoint, query UI, Linked Data, lookups and exports.

    Embedded waitress server for one machine. Settings come from FAZHI_* environment variables
    (see the README); --data and --no-bundled override FAZHI_DATA and FAZHI_NO_BUNDLED, and
    --data needs the memory store. For several processes use gunicorn with the repository's
    gunicorn.conf.py: gunicorn -c gunicorn.conf.py -w 4 -b 127.0.0.1:8000 'service:create_app()'
    """
    import waitress

    from graph.query import shutdown

    from .app import body_cap, create_app, load_kg, warm_up
    from .settings import read_settings

    overrides = cli_settings(data, no_bundled)
    try:
        kg = load_kg(read_settings(overrides))
        app = create_app(overrides, kg=kg)
    except FazhiError as exc:
        fail(exc)
    warm_up(app)
    server = waitress.create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        # waitress refuses bigger bodies itself (not in our error shape): let every route's
        # own cap (/sparql, /update and /store, forms) be the one that answers.
        max_request_body_size=body_cap(app),
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
