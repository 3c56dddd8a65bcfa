"""Policy-linkage lookups over the networkx projection: search, cards, paths, summaries.

``graph.linkage.resolve/neighbourhood/paths`` are the seam the export area codes against.
"""

from .entity import entity
from .rank import MEASURES, rankings
from .routes import Neighbourhood, Paths, Selection, neighbourhood, paths
from .search import normalise, resolve, search, suggest
from .summary import linkage
from .view import HUB_DEGREE, MAX_HOPS, MAX_NODES, MAX_PATH_LENGTH, MAX_PATHS

__all__ = [
    "HUB_DEGREE",
    "MAX_HOPS",
    "MAX_NODES",
    "MAX_PATHS",
    "MAX_PATH_LENGTH",
    "MEASURES",
    "Neighbourhood",
    "Paths",
    "Selection",
    "entity",
    "linkage",
    "neighbourhood",
    "normalise",
    "paths",
    "rankings",
    "resolve",
    "search",
    "suggest",
]
