"""A character that every match of a regular expression must contain, to skip it cheaply.

The personnummer patterns need a digit, the link patterns a ``/``, the emoji pattern one of its
emoji: most comments hold none, and searching for one character class costs a fraction of
running the pattern. :func:`gate_of` reads the pattern (with Python's own parser of the same
syntax) and returns the first single-character element that every match must contain (as
many times in a row as the pattern repeats it), outside any alternative, optional part or
look-around; compiled with the pattern's own flags and module, it matches exactly the
characters that element matches. A pattern anchored at the start gets none (it fails fast),
nor does a pattern it cannot surely read: those always run.
"""

from __future__ import annotations

import warnings
from typing import Any

import regex

try:  # the parser of Python's `re`: the syntax `regex` reads in its VERSION0 mode
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python
    sre_parse = None

__all__ = ["gate_of"]

_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}  # fmt: skip
_RUN = 10  # the longest run of one element a gate asks for
_SET_SYNTAX = ("[[", "--", "&&", "||", "~~", "(?V1", "\\p", "\\P", "\\N", "(?(")


def _char_class(items: list[tuple[Any, Any]]) -> str | None:
    parts: list[str] = []
    for op, av in items:
        name = str(op)
        if name == "NEGATE" and not parts:
            parts.append("^")
        elif name == "LITERAL":
            parts.append(regex.escape(chr(av)))
        elif name == "RANGE":
            parts.append(f"{regex.escape(chr(av[0]))}-{regex.escape(chr(av[1]))}")
        elif name == "CATEGORY" and str(av) in _CATEGORIES:
            parts.append(_CATEGORIES[str(av)])
        else:
            return None
    return "[" + "".join(parts) + "]" if parts and parts != ["^"] else None


def _required(items: Any) -> str | None:
    """The first element of this sequence that every match of it contains."""
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            return regex.escape(chr(av))
        if name == "IN":
            return _char_class(av)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            found = _required(av[2])
            if found is not None and len(av[2]) == 1 and str(av[2][0][0]) in ("LITERAL", "IN"):
                return found + f"{{{min(av[0], _RUN)}}}"  # "\d{6}": six digits in a row
            if found is not None:
                return found
        elif name == "SUBPATTERN":
            if av[1] or av[2]:
                return None  # flags of its own: read no further
            found = _required(av[3])
            if found is not None:
                return found
        elif name == "ATOMIC_GROUP":
            found = _required(av)
            if found is not None:
                return found
    return None  # alternatives, optional parts, anchors, look-arounds: nothing sure


def gate_of(pattern: str, flags: int) -> regex.Pattern[str] | None:
    """A one-character pattern that finds nothing in a text the pattern finds nothing in."""
    if sre_parse is None or any(s in pattern for s in _SET_SYNTAX):
        return None
    if flags & (regex.VERBOSE | regex.V1 | regex.FULLCASE | regex.WORD):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = sre_parse.parse(pattern)
    except Exception:  # syntax only `regex` reads: no gate
        return None
    if parsed.state.flags & ~(C.SRE_FLAG_UNICODE):
        return None  # inline flags for the whole pattern: (?i), (?x), ...
    if parsed and str(parsed[0][0]) == "AT" and "BEGINNING" in str(parsed[0][1]):
        return None  # anchored at the start: the pattern itself fails as fast as a gate
    atom = _required(parsed)
    if atom is None:
        return None
    try:
        return regex.compile(atom, flags)
    except regex.error:
        return None
