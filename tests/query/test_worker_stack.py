"""The query worker's deep evaluation stack: room for flat operator chains, outside the memory
cap, and no obstacle to the deadline."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import Timeout
from graph.kg import KnowledgeGraph
from graph.query import Limits, run
from graph.query.worker import EVAL_STACK

TINY = Path(__file__).parent.parent / "data" / "tiny.ttl"


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return KnowledgeGraph.load([TINY], bundled=False)


def test_the_stack_is_not_taken_from_the_memory_cap(kg: KnowledgeGraph) -> None:
    # 100,000 `!` recurse through ~90 MiB of stack, more than the 64 MiB the query may allocate:
    # the stack is reserved before the cap is set, so only the query's data counts against it.
    limits = Limits(memory_mb=64, timeout=30)
    assert EVAL_STACK > 64 * 1024 * 1024
    result = run(kg, "ASK { FILTER(" + "!" * 100_000 + "true) }", limits=limits)
    assert result.body == b'{"head":{},"boolean":true}'


def test_a_slow_flat_chain_still_meets_the_deadline(kg: KnowledgeGraph) -> None:
    limits = Limits(timeout=0.5)
    with pytest.raises(Timeout):  # 10,000 UNIONs take seconds to plan; the worker is killed
        run(kg, "SELECT * WHERE { {}" + " UNION {}" * 10_000 + " }", limits=limits)
    assert run(kg, "ASK {}", limits=limits).body == b'{"head":{},"boolean":true}'
