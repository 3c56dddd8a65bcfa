"""Sentence offsets read back from Oxigraph failed the shapes.

Oxigraph stores "159"^^xsd:nonNegativeInteger as "159"^^xsd:integer, so every report graph
read back from a store violated fzsh:ReportSentence-beginIndex/-endIndex.
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.store.rdf import from_rdflib, to_rdflib
from graph.validate import validate


def test_report_read_back_from_oxigraph_conforms(real_kg) -> None:
    store = ox.Store()
    store.extend(from_rdflib(real_kg.dataset))
    assert validate(to_rdflib(store)).conforms
