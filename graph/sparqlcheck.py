"""A small SPARQL tokenizer that refuses what must never reach the engine.

pyoxigraph follows ``SERVICE`` (it opened a connection to a local listener in our tests, and
has no switch to turn federation off) and aborts the whole process on very deep nesting, so
both are refused here, before evaluation. One pass skips strings (short and long), IRIs
``<…>`` and comments, and meanwhile measures the nesting depth of ``{ ( [`` and finds the
query form, the ``FROM`` clauses and the first keyword of an update.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import QueryError

QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
OPENERS = frozenset("{([")
CLOSERS = frozenset("})]")

# Each pattern is unambiguous at every step (no nested quantifiers over overlapping
# alternatives), so a hostile query cannot make the tokenizer itself backtrack.
_LONG = {
    "'''": re.compile(r"'''(?:[^'\\]|\\.|'(?!''))*'''", re.S),
    '"""': re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""', re.S),
}
_SHORT = {
    "'": re.compile(r"'(?:[^'\\\n\r]|\\.)*'"),
    '"': re.compile(r'"(?:[^"\\\n\r]|\\.)*"'),
}
_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_SPACE = re.compile(r"\s+")
_COMMENT = re.compile(r"#[^\n\r]*")
_VAR = re.compile(r"[?$][^\s{}()\[\];,<>\"'#=!&|+*/^@?$.]*")
_LANG = re.compile(r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*")
# Names, prefixed names, keywords and numbers: everything up to a delimiter.
_WORD = re.compile(r"[^\s{}()\[\];,<>\"'#=!&|+*/^@?$]+")


@dataclass(frozen=True)
class QueryShape:
    """What the tokenizer learned about a query."""

    kind: str | None  # "select", "ask" or "graph"; None when no query form was found
    has_dataset: bool  # the query names its own dataset (FROM / FROM NAMED)
    depth: int  # deepest nesting of { ( [


def _word_refused(word: str) -> str | None:
    lowered = word.lower()
    if "\\u" in lowered:
        return "\\u escapes are only accepted inside strings and IRIs"
    # "SERVICE", but also "1.SERVICE" or ".SERVICE": any dot-separated piece counts.
    if any(piece == "service" for piece in lowered.split(".")):
        return (
            "SERVICE (federated query) is not allowed: this endpoint never makes outbound requests"
        )
    return None


def inspect(query: str, max_depth: int = 64) -> QueryShape:
    """Tokenize ``query`` once; raise QueryError for SERVICE, updates and too deep nesting."""
    pos, size = 0, len(query)
    depth = deepest = 0
    kind: str | None = None
    form_seen = after_prefix = has_dataset = False
    while pos < size:
        char = query[pos]
        if char.isspace():
            pos = _SPACE.match(query, pos).end()  # type: ignore[union-attr]
            continue
        if char == "#":
            pos = _COMMENT.match(query, pos).end()  # type: ignore[union-attr]
            continue
        if char in "'\"":
            long = query.startswith(char * 3, pos)
            match = (_LONG[char * 3] if long else _SHORT[char]).match(query, pos)
            if match is None:
                # An unterminated string is a syntax error: the parser refuses the whole query
                # before evaluating anything, so the rest need not be (quadratically) scanned.
                break
            pos = match.end()
            continue
        if char == "<":
            match = _IRI.match(query, pos)
            pos = match.end() if match else pos + 1
            continue
        if char in "?$":
            pos = _VAR.match(query, pos).end()  # type: ignore[union-attr]
            continue
        if char == "@":
            match = _LANG.match(query, pos)
            pos = match.end() if match else pos + 1
            continue
        if char in OPENERS:
            depth += 1
            if depth > max_depth:
                raise QueryError(f"query nested too deeply (more than {max_depth} levels)")
            deepest = max(deepest, depth)
            pos += 1
            continue
        if char in CLOSERS:
            depth = max(depth - 1, 0)
            pos += 1
            continue
        match = _WORD.match(query, pos)
        if match is None:  # an operator or punctuation character
            pos += 1
            continue
        word = match.group()
        pos = match.end()
        reason = _word_refused(word)
        if reason:
            raise QueryError(reason)
        upper = word.upper()
        if upper == "FROM":
            has_dataset = True
        if form_seen:
            continue
        if after_prefix:  # the prefix name of a PREFIX declaration
            after_prefix = False
            continue
        if upper in ("PREFIX", "BASE"):
            after_prefix = upper == "PREFIX"
            continue
        form_seen = True
        if upper in UPDATE_KEYWORDS:
            raise QueryError("SPARQL Update is not accepted: this is a read-only query endpoint")
        kind = QUERY_FORMS.get(upper)
    return QueryShape(kind=kind, has_dataset=has_dataset, depth=deepest)
