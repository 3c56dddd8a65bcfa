"""The one SPARQL tokenizer that refuses what must never reach the engine (queries and updates).

pyoxigraph follows ``SERVICE`` (and an update's ``LOAD``) to any URL, with no switch to turn
that off, and a worker aborts on very deep nesting; so both are refused here, before anything
parses the text. The scan must never be fooled into skipping text the engine reads as code,
so it follows the SPARQL 1.1 grammar's terminals and is fail-closed where they are ambiguous:

* strings, IRIs and comments are the only text skipped; a string that does not end (or has a
  bad escape) is refused rather than scanned past;
* a word consumes ``\\`` escapes and ``%`` escapes (PN_LOCAL_ESC, PLX), so ``ex:a\\#`` or
  ``ex:a\\'`` do not open a comment or a string;
* the engine's keywords need no separator (``1SERVICE``, ``SERVICESILENT``, ``SERVICE:x``
  all parse), so the letters ``service`` anywhere in a word are the keyword, except in the
  local part of a prefixed name (``ex:service``), which the engine reads greedily;
* ``\\u`` escapes are not applied outside strings and IRIs (pinned by a test), and are
  refused in words;
* ``<`` after an operand inside ``( )`` may be less-than, not an IRI: then the would-be IRI's
  text is also checked as code (a quote in it is refused; a ``#`` in it may start a comment
  the engine skips to the end of the line, so a long string may not start before then).

Nesting counts ``{ ( [`` and ``<<`` and is an upper bound however the text is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import QueryError

QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
OPENERS = {"{": "{", "(": "(", "[": "["}
CLOSERS = {"}": "{", ")": "(", "]": "["}
REFUSED = {
    "service": "SERVICE (federated query) is refused: this service never makes outbound requests",
    "load": "LOAD is refused: send the data in the request instead",
}

# Terminals of https://www.w3.org/TR/sparql11-query/#grammar. Each pattern is unambiguous at
# every step, so hostile text cannot make the tokenizer itself backtrack for long.
_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_CHARS = _BASE + "_\\-0-9\u00b7\u0300-\u036f\u203f\u2040"  # PN_CHARS
_ECHAR = r"""\\[tbnrf\\"']"""
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_STRINGS = {
    "'''": re.compile(rf"'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}|{_UCHAR}))*'''"),
    '"""': re.compile(rf'"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}|{_UCHAR}))*"""'),
    "'": re.compile(rf"'(?:[^'\\\n\r]|{_ECHAR}|{_UCHAR})*'"),
    '"': re.compile(rf'"(?:[^"\\\n\r]|{_ECHAR}|{_UCHAR})*"'),
}
_IRI = re.compile(rf'<(?:[^<>"{{}}|^`\\\x00-\x20]|{_UCHAR})*>')
_SPACE = re.compile(r"[ \t\r\n]+")  # WS; any other space is a character the engine refuses
_COMMENT = re.compile(r"#[^\r\n]*")
_VAR = re.compile(f"[?$][{_BASE}_0-9\u00b7\u0300-\u036f\u203f\u2040]*")
_LANG = re.compile(r"@[A-Za-z]+")  # the primary subtag only: "-…" is scanned as a word
# Names, prefixed names, keywords and numbers: everything up to a delimiter, escapes included.
_WORD = re.compile(r"""(?:[^\s{}()\[\];,<>"'#=!&|+*/^@?$\\]|\\.)+""")
# PN_LOCAL (the part the engine is sure to read as a local name; it never ends with ".").
_LOCAL = re.compile(rf"(?:[{_BASE}_:0-9]|{_PLX})(?:[{_CHARS}.:]|{_PLX})*(?<!\.)")


@dataclass(frozen=True)
class QueryShape:
    """What the tokenizer learned about a query."""

    kind: str | None  # "select", "ask" or "graph"; None when no query form was found
    has_dataset: bool  # the query names its own dataset (FROM / FROM NAMED)
    depth: int  # deepest nesting of { ( [ <<


def _exposed(word: str) -> str:
    """The part of ``word`` the engine may read as keywords: all but a prefixed name's local."""
    head, colon, _ = word.partition(":")
    if not colon:
        return word
    local = _LOCAL.match(word, len(head) + 1)
    return head + " " + word[local.end() if local else len(head) + 1 :]


class _Scan:
    """One left-to-right pass over ``text``; raises QueryError on what must not run."""

    def __init__(self, text: str, max_depth: int, update: bool, depth: int = 0) -> None:
        self.text, self.max_depth, self.update = text, max_depth, update
        self.keywords = ("service", "load") if update else ("service",)
        self.depth = self.deepest = depth
        self.frames: list[str] = []
        self.operand = False  # the last token ends an operand: a "<" now may be less-than
        self.unsure = False  # the frames may be wrong: any "<" after an operand is ambiguous
        self.maybe_comment = False  # the engine may be in a comment until the end of the line
        self.kind: str | None = None
        self.has_dataset = self.form_seen = self.after_prefix = False

    def open(self, frame: str) -> None:
        self.depth += 1
        if self.depth > self.max_depth:
            what = "update" if self.update else "query"
            raise QueryError(f"{what} nested deeper than {self.max_depth} levels")
        self.deepest = max(self.deepest, self.depth)
        self.frames.append(frame)
        self.operand = False

    def close(self, frame: str) -> None:
        self.operand = frame != "{"
        if self.maybe_comment:  # perhaps commented out: keep the depth an upper bound
            self.unsure = True
            return
        self.depth = max(self.depth - 1, 0)
        if not self.frames or self.frames.pop() != frame:
            self.unsure = True

    def word(self, word: str) -> None:
        self.operand = True
        lowered = word.lower()
        if "\\u" in lowered:
            raise QueryError("\\u escapes are only accepted inside strings and IRIs")
        exposed = _exposed(lowered)
        for keyword in self.keywords:
            if keyword in exposed:
                if lowered == keyword:
                    raise QueryError(REFUSED[keyword])
                raise QueryError(
                    f"{REFUSED[keyword]} (outside strings, IRIs, variables and local names, "
                    f"the letters {keyword!r} in {word!r} are the {keyword.upper()} keyword)"
                )
        upper = word.upper()
        if upper == "FROM":
            self.has_dataset = True
        if self.form_seen:
            return
        if self.after_prefix:  # the prefix name of a PREFIX declaration
            self.after_prefix = False
            return
        if upper in ("PREFIX", "BASE"):
            self.after_prefix = upper == "PREFIX"
            return
        self.form_seen = True
        if upper in UPDATE_KEYWORDS and not self.update:
            raise QueryError("SPARQL Update is not accepted: this is a read-only query endpoint")
        self.kind = QUERY_FORMS.get(upper)

    def iri(self, iri: str) -> None:
        if self.operand and (self.unsure or not self.frames or self.frames[-1] == "("):
            self.maybe_less_than(iri[1:-1])
        self.operand = True

    def maybe_less_than(self, inside: str) -> None:
        """Check ``<inside>`` as the engine would read it were ``<`` the less-than operator."""
        code, hash_sign, _ = inside.partition("#")
        if "'" in code:
            raise QueryError(
                "ambiguous '<': write '< ' (with a space) for less-than, or '<' before an IRI "
                "without quotes"
            )
        if hash_sign:
            self.maybe_comment = self.unsure = True
        if any(char in code for char in "()[]"):
            self.unsure = True
        inner = _Scan(code, self.max_depth, self.update, self.depth)
        inner.form_seen = True
        inner.run()
        self.deepest = max(self.deepest, inner.deepest)
        self.depth = max(self.depth, inner.depth)

    def string(self, pos: int) -> int:
        text, quote = self.text, self.text[pos]
        long = text.startswith(quote * 3, pos)
        if long and self.maybe_comment:
            raise QueryError("ambiguous: a long string starts on a line a '#' may have commented")
        match = _STRINGS[quote * 3 if long else quote].match(text, pos)
        if match is None:
            line = text.count("\n", 0, pos) + 1
            raise QueryError(
                f"malformed query: a string does not end, or has a bad escape (line {line})"
            )
        self.operand = True
        return match.end()

    def step(self, pos: int) -> int:
        """Consume one token at ``pos``; return where the next one starts."""
        text, char = self.text, self.text[pos]
        if char in " \t\r\n":
            end = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
            if "\n" in text[pos:end] or "\r" in text[pos:end]:
                self.maybe_comment = False
            return end
        if char == "#":
            return _COMMENT.match(text, pos).end()  # type: ignore[union-attr]
        if char in "'\"":
            return self.string(pos)
        if char == "<":
            if text.startswith("<<", pos):  # a quoted triple; the next "<" is looked at alone
                self.open("<<")
                return pos + 1
            match = _IRI.match(text, pos)
            if match is None:  # less-than
                self.operand = False
                return pos + 1
            self.iri(match.group())
            return match.end()
        if char == ">" and text.startswith(">>", pos):
            self.close("<<")
            self.operand = True
            return pos + 2
        if char in "?$":
            self.operand = True
            return _VAR.match(text, pos).end()  # type: ignore[union-attr]
        if char == "@" and (match := _LANG.match(text, pos)):
            self.operand = True
            return match.end()
        if char in OPENERS:
            self.open(OPENERS[char])
            return pos + 1
        if char in CLOSERS:
            self.close(CLOSERS[char])
            return pos + 1
        match = _WORD.match(text, pos)
        if match is None:  # an operator or punctuation character
            self.operand = False
            return pos + 1
        self.word(match.group())
        return match.end()

    def run(self) -> QueryShape:
        pos, size = 0, len(self.text)
        while pos < size:
            pos = self.step(pos)
        return QueryShape(self.kind, self.has_dataset, self.deepest)


def inspect(text: str, max_depth: int = 64, *, update: bool = False) -> QueryShape:
    """Tokenize ``text`` once; raise QueryError for SERVICE, too deep nesting and, for a
    query, an update (``update=True``: an update, where LOAD is refused instead)."""
    return _Scan(text, max_depth, update).run()
