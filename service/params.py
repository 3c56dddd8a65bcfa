"""Request parameters every page reads the same way."""

from __future__ import annotations

from flask import request

LANGUAGES = ("zh", "en")  # the first is the default


def page_lang() -> str:
    """The page language from ``?lang=``: one of LANGUAGES, else the default (zh)."""
    lang = request.args.get("lang", LANGUAGES[0])
    return lang if lang in LANGUAGES else LANGUAGES[0]
