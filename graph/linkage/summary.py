"""``linkage(id)``: the policy-linkage summary a researcher wants for one resource.

One table per kind of resource (mechanism, document, body, observation, activity) says which
links make up which section; each link lands in the first section that claims it and links no
section claims are listed under ``other``, grouped by predicate (the generic fallback).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import URIRef

from ..kg import KnowledgeGraph
from ..linktable import LINKS
from ..namespaces import expand
from .view import MAX_NODES, SUMMARY_KEYS, require_node, summary

OUT, IN = "out", "in"
# What a figure shows besides its summary.
FIGURE_KEYS = (
    "value",
    "unit",
    "unit_zh",
    "unit_en",
    "stated_as",
    "indicator",
    "indicator_zh",
    "indicator_en",
    "period",
    "value_status",
    "per_unit",
)
ORGANIZATIONS = frozenset(
    {"Organization", "OrganizationalCollaboration", "FormalOrganization", "OrganizationalUnit"}
)
MECHANISMS = frozenset({"Mechanism", "Campaign"})
DOCUMENTS = frozenset({"PolicyDocument", "DocumentGroup"})


@dataclass(frozen=True)
class Section:
    key: str
    label_zh: str
    label_en: str
    links: tuple[tuple[str, str], ...]  # (direction, predicate CURIE)
    classes: frozenset[str] | None = None


def _s(key: str, zh: str, en: str, *links: str, classes: frozenset[str] | None = None) -> Section:
    pairs = tuple((link.split(" ")[0], link.split(" ")[1]) for link in links)
    return Section(key, zh, en, pairs, classes)


FIGURES = _s("figures", "成效数据", "outcome figures", "out fz:hasOutcome", "in fz:aboutMechanism")
MECHANISM = (
    _s(
        "documents",
        "确立或实施它的文件",
        "documents establishing or implementing it",
        "in fz:establishes",
        "in eli:is_about",
        "in fz:relatedMechanism",
        classes=DOCUMENTS,
    ),
    _s("lead", "牵头单位", "lead bodies", "out fz:leadOrganisation"),
    _s("participants", "参与单位", "participating bodies", "out fz:participant"),
    _s("components", "组成部分", "components", "out fz:hasComponent"),
    _s("part_of", "所属机制", "part of", "in fz:hasComponent"),
    _s("areas", "政策领域", "policy areas", "out fz:inPolicyArea"),
    _s("targets", "针对对象", "targets", "out fz:targets"),
    FIGURES,
    _s(
        "related",
        "相关机制与活动",
        "related mechanisms and activities",
        "out fz:relatedMechanism",
        "in fz:relatedMechanism",
    ),
)
DOCUMENT = (
    _s("issuers", "印发单位", "issued by", "out eli:passed_by"),
    _s("implementers", "实施单位", "implemented by", "out fz:implementedBy"),
    _s(
        "mechanisms",
        "确立或涉及的机制",
        "mechanisms it establishes or concerns",
        "out fz:establishes",
        "out eli:is_about",
        "out fz:relatedMechanism",
        classes=MECHANISMS,
    ),
    _s("establishes", "设立的机构", "bodies it establishes", "out fz:establishes"),
    _s("applies", "贯彻的上级文件", "higher documents it applies", "out eli:applies"),
    _s("applied_by", "贯彻它的文件", "documents applying it", "in eli:applies"),
    _s("groups", "所属文件组", "document groups", "in fz:hasMemberDocument"),
    _s("members", "成员文件", "member documents", "out fz:hasMemberDocument"),
    _s("areas", "政策领域", "policy areas", "out fz:inPolicyArea", "out eli:is_about"),
    FIGURES,
)
BODY = (
    _s("issued", "印发的文件", "documents it issued", "in eli:passed_by"),
    _s("implements", "实施的文件", "documents it implements", "in fz:implementedBy"),
    _s("established_by", "设立它的文件", "established by", "in fz:establishes"),
    _s("leads", "牵头的机制与活动", "mechanisms and activities it leads", "in fz:leadOrganisation"),
    _s("participates", "参与的机制与活动", "takes part in", "in fz:participant"),
    _s("figures", "报告的数据", "figures it reports", "in fz:subjectOrganisation"),
    _s("supervises", "监督", "supervises", "out fz:supervises"),
    _s("supervised_by", "受…监督", "supervised by", "in fz:supervises"),
    _s("units", "下设机构", "units", "in org:unitOf", "in org:subOrganizationOf"),
    _s("parent", "上级机构", "parent body", "out org:unitOf", "out org:subOrganizationOf"),
    _s("jurisdiction", "管辖区域", "jurisdiction", "out fz:jurisdiction"),
    _s("activities", "经手的活动", "activities via or to it", "in fz:via", "in fz:recipient"),
)
OBSERVATION = (
    _s(
        "counts",
        "统计对象",
        "what it counts",
        "out fz:aboutMechanism",
        "out fz:subjectOrganisation",
    ),
    _s("outcome_of", "来自", "outcome of", "in fz:hasOutcome"),
    _s("parts", "分项", "parts", "out fz:partitionedInto", "in fz:subsetOf"),
    _s("totals", "总数", "totals", "in fz:partitionedInto", "out fz:subsetOf"),
    _s("numerator", "分子", "numerator", "out fz:numerator"),
    _s("denominator", "分母", "denominator", "out fz:denominator"),
    _s("ratio_of", "用于比率", "rates it feeds", "in fz:numerator", "in fz:denominator"),
    _s("published_via", "公示平台", "published via", "out fz:publishedVia"),
)
ACTIVITY = (
    _s("lead", "牵头单位", "lead bodies", "out fz:leadOrganisation"),
    _s("participants", "参与单位", "participating bodies", "out fz:participant"),
    _s("via", "经由", "via", "out fz:via"),
    _s("recipient", "报送至", "recipient", "out fz:recipient"),
    _s("mechanisms", "相关机制", "mechanisms", "out fz:relatedMechanism"),
    _s("published_via", "公示平台", "published via", "out fz:publishedVia"),
    FIGURES,
)
KINDS: tuple[tuple[str, frozenset[str], tuple[Section, ...]], ...] = (
    ("mechanism", MECHANISMS, MECHANISM),
    ("document", frozenset({"PolicyDocument"}), DOCUMENT),
    ("document_group", frozenset({"DocumentGroup"}), DOCUMENT),
    ("body", ORGANIZATIONS, BODY),
    ("observation", frozenset({"Observation"}), OBSERVATION),
    ("activity", frozenset({"Activity"}), ACTIVITY),
)


def figure(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    data = graph.nodes[node]
    return {k: data[k] for k in FIGURE_KEYS if k in data}


def item(graph: nx.MultiDiGraph, node: str, direction: str, key: str) -> dict[str, Any]:
    """A linked resource, with its figure when it is an observation (and that figure's parts)."""
    data = graph.nodes[node]
    found = {**summary(graph, node), "predicate_curie": key, "direction": direction}
    if data.get("class") == "Observation":
        found.update(figure(graph, node))
        parts = sorted(
            {v for _, v, k in graph.out_edges(node, keys=True) if k == "fz:partitionedInto"}
            | {u for u, _, k in graph.in_edges(node, keys=True) if k == "fz:subsetOf"}
        )
        if parts:
            found["parts"] = [
                {
                    **summary(graph, p),
                    **{k: graph.nodes[p][k] for k in FIGURE_KEYS if k in graph.nodes[p]},
                }
                for p in parts
            ]
    return found


def _edges(graph: nx.MultiDiGraph, node: str) -> list[tuple[str, str, str]]:
    """(direction, predicate CURIE, other node) for every link of ``node``, sorted."""
    out = [(OUT, k, v) for _, v, k in graph.out_edges(node, keys=True)]
    inc = [(IN, k, u) for u, _, k in graph.in_edges(node, keys=True)]
    return sorted(set(out + inc))


def linkage(kg: KnowledgeGraph, node: str, *, limit: int = MAX_NODES) -> dict[str, Any]:
    """The linkage summary of ``node``, by kind (``generic`` when no table fits)."""
    graph = kg.projection()
    require_node(graph, node)
    cls = graph.nodes[node].get("class")
    kind, sections = next(((k, s) for k, c, s in KINDS if cls in c), ("generic", ()))
    pending = _edges(graph, node)
    result: list[dict[str, Any]] = []
    for section in (*sections, *_leftover_sections(graph, node, sections)):
        claimed = [
            (d, k, o)
            for d, k, o in pending
            if (d, k) in section.links
            and (section.classes is None or graph.nodes[o].get("class") in section.classes)
        ]
        if claimed:
            pending = [e for e in pending if e not in claimed]
            items = _unique([item(graph, o, d, k) for d, k, o in claimed])
            result.append(
                {
                    "key": section.key,
                    "label_zh": section.label_zh,
                    "label_en": section.label_en,
                    "count": len(items),
                    "capped": len(items) > limit,
                    "items": items[:limit],
                }
            )
    data = graph.nodes[node]
    attributes = {k: v for k, v in data.items() if k not in SUMMARY_KEYS}
    return {
        "entity": {**summary(graph, node), "attributes": attributes},
        "kind": kind,
        "sections": result,
    }


def _unique(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One item per resource; a resource linked by several predicates lists them in ``via``."""
    found: dict[str, dict[str, Any]] = {}
    for entry in items:
        link = f"{entry['direction']} {entry['predicate_curie']}"
        if entry["id"] in found:
            found[entry["id"]]["via"].append(link)
        else:
            found[entry["id"]] = {**entry, "via": [link]}
    return list(found.values())


def _leftover_sections(
    graph: nx.MultiDiGraph, node: str, sections: tuple[Section, ...]
) -> list[Section]:
    """One section per (direction, predicate) no table claims, labelled from the predicate."""
    claimed = {link for section in sections for link in section.links}
    found = []
    for direction, key, _ in _edges(graph, node):
        if (direction, key) in claimed:
            continue
        claimed.add((direction, key))
        link = LINKS.get(URIRef(expand(key)))
        zh, en = (link.label_zh, link.label_en) if link else (key, key)
        if direction == IN:
            zh, en = (link.inverse_zh, link.inverse_en) if link else (key, key)
        found.append(Section(f"{direction} {key}", zh, en, ((direction, key),)))
    return found
