"""fazhi-kg HTTP service: thin Flask views over the ``graph`` package."""

from .app import create_app

__all__ = ["create_app"]
