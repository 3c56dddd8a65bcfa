"""The registry, selections, palette and layout: one table, the same selection for every format."""

from __future__ import annotations

import networkx as nx
import pytest

from graph import layout, palette
from graph.errors import BadRequest, NotFound, TooLarge
from graph.export import FORMATS, Limits, Selection, export, get, markdown_table, parse, select
from graph.kg import KnowledgeGraph

from .conftest import SPECIAL


def _params(**values: object):  # type: ignore[no-untyped-def]
    return lambda name: [str(v) for v in values.get(name, [])]  # type: ignore[union-attr]


def test_registry_rows_are_complete() -> None:
    assert list(FORMATS) == [
        "gexf",
        "graphml",
        "cyjs",
        "nodelink",
        "dot",
        "neo4j",
        "ttl",
        "jsonld",
        "nt",
    ]
    for name, fmt in FORMATS.items():
        assert fmt.name == name and "/" in fmt.media_type and fmt.extension and fmt.description
        assert get(name) is fmt


def test_unknown_format_lists_the_valid_ones() -> None:
    with pytest.raises(NotFound) as caught:
        get("xlsx")
    assert caught.value.details["formats"] == list(FORMATS)
    assert caught.value.status == 404


def test_markdown_table_has_a_row_per_format() -> None:
    table = markdown_table()
    lines = table.strip().splitlines()
    assert len(lines) == 2 + len(FORMATS)
    for name in FORMATS:
        assert f"| `{name}` |" in table


def test_every_format_sees_the_same_selection(export_kg: KnowledgeGraph) -> None:
    selection = Selection(focus="fzid:org/tiny-gov", hops=1)
    counts = {name: (export(export_kg, name, selection).nodes) for name in FORMATS}
    assert len(set(counts.values())) == 1


def test_exports_are_deterministic(export_kg: KnowledgeGraph) -> None:
    for name in ("graphml", "cyjs", "dot", "neo4j", "nt"):
        assert export(export_kg, name).data == export(export_kg, name).data


def test_selection_kinds(export_kg: KnowledgeGraph) -> None:
    graph = export_kg.projection()
    assert select(export_kg, Selection()) == sorted(graph.nodes)
    ids = select(export_kg, Selection(ids=(SPECIAL, "市政府")))
    assert ids == sorted([SPECIAL, "fzid:org/tiny-gov"])
    near = select(export_kg, Selection(focus=SPECIAL, hops=1))
    assert set(near) == {SPECIAL, *nx.all_neighbors(graph, SPECIAL)}
    docs = select(export_kg, Selection(classes=("PolicyDocument",)))
    assert docs == sorted(n for n, c in graph.nodes(data="class") if c == "PolicyDocument")
    mixed = select(export_kg, Selection(focus=SPECIAL, classes=("Organization",)))
    assert mixed == ["fzid:org/tiny-gov"]
    path = select(export_kg, Selection(source="fzid:org/tiny-court", target=SPECIAL))
    assert {"fzid:org/tiny-court", SPECIAL} <= set(path)


def test_parse_reads_every_selection() -> None:
    assert parse(_params()) == Selection()
    assert parse(_params(id=["a"], hops=[2])) == Selection(focus="a", hops=2)
    got = parse(_params(**{"from": ["a"], "to": ["b"], "k": [2]}))
    assert (got.source, got.target, got.k, got.kind) == ("a", "b", 2, "paths")
    assert parse(_params(**{"class": ["A,B", "C"]})).classes == ("A", "B", "C")
    assert parse(_params(), ids=["x", " ", "y"]).ids == ("x", "y")


@pytest.mark.parametrize(
    ("values", "ids", "error"),
    [
        ({"id": ["a"], "hops": [4]}, None, BadRequest),
        ({"id": ["a"], "hops": ["two"]}, None, BadRequest),
        ({"id": ["a"], "hops": [0]}, None, BadRequest),
        ({"from": ["a"]}, None, BadRequest),
        ({"id": ["a"], "from": ["b"], "to": ["c"]}, None, BadRequest),
        ({}, [], BadRequest),
        ({}, ["a", "b", "c", "d"], TooLarge),
    ],
)
def test_parse_refuses(values: dict, ids: list[str] | None, error: type) -> None:
    with pytest.raises(error):
        parse(_params(**values), ids=ids, limits=Limits(max_ids=3, max_hops=3))


def test_unknown_entities_are_not_found(export_kg: KnowledgeGraph) -> None:
    with pytest.raises(NotFound):
        select(export_kg, Selection(ids=("fzid:org/nowhere",)))
    with pytest.raises(NotFound):
        select(export_kg, Selection(focus="没有这个机构"))


def test_palette_is_fixed_and_total() -> None:
    assert palette.color("Mechanism") == palette.PALETTE["Mechanism"]
    assert palette.color("SomethingNew") == palette.color("SomethingNew")
    assert palette.color("SomethingNew") in palette.FALLBACK
    assert palette.rgb("PolicyDocument") == (0x1F, 0x77, 0xB4)
    assert set(palette.palette_json(["A"])["classes"]) == {"A"}


def test_layout_is_seeded_and_cached(projection: nx.MultiDiGraph) -> None:
    first = layout.positions(projection)
    assert layout.positions(projection) is first
    assert layout.compute(projection) == first
    assert set(first) == set(projection.nodes)
    assert all(abs(x) <= layout.SCALE and abs(y) <= layout.SCALE for x, y in first.values())


def test_large_graphs_get_the_cheap_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout, "SPRING_MAX_NODES", 3)
    graph = nx.path_graph(10)
    positions = layout.compute(graph)
    assert positions == layout.compute(graph) and len(positions) == 10
