"""fazhi-kg core: load, validate, query, project, link and export the knowledge graph.

This package never imports Flask; the CLI and the HTTP service call the same functions.
"""

__version__ = "0.1.0"
