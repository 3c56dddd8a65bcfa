"""A real ``fazhi serve`` on 127.0.0.1 in its own process, for the e2e tests."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

import pytest

SERVE = [sys.executable, "-c", "from graph.cli import main; main()", "serve"]


@contextmanager
def fazhi_serve(
    args: Sequence[str], env: Mapping[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Start ``fazhi serve --host 127.0.0.1 --port 0 ARGS``; yield its base URL and process."""
    command = [*SERVE, "--host", "127.0.0.1", "--port", "0", *args]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+", line)
    if not match:
        process.kill()
        pytest.fail(f"server did not start: {line}{process.stdout.read()}")
    drain = threading.Thread(target=process.stdout.read, daemon=True)  # keep the pipe flowing
    drain.start()
    try:
        yield match.group(), process
    finally:
        process.terminate()
        process.wait(timeout=10)
        drain.join(timeout=10)
        process.stdout.close()
