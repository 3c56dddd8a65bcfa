"""gunicorn settings for fazhi-kg: ``gunicorn -c gunicorn.conf.py 'service:create_app()'``.

Each worker process forks its own pool of SPARQL query workers. ``post_worker_init`` forks
them as soon as the worker has loaded the app, before the gthread worker starts its request
threads (forking a process that already runs threads can copy a lock some thread holds).
Command-line options (``-w``, ``--threads``, ``-b``, ``--timeout``) override what is set here.
"""

from __future__ import annotations

from typing import Any

# A query may run FAZHI_QUERY_TIMEOUT seconds (default 10); a worker must outlive it.
timeout = 60
worker_class = "gthread"
threads = 4


def post_worker_init(worker: Any) -> None:
    from service.app import warm_up

    warm_up(worker.wsgi)


def worker_exit(server: Any, worker: Any) -> None:
    from graph.query import shutdown

    shutdown()
