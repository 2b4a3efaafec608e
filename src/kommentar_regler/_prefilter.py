"""Where in a text a regular expression can start to match, found without running it.

A backtracking regex that scans a comment tries every position in turn, and a rule pattern of
a few hundred alternatives costs 10-20 µs per comment that way. Most rule patterns start with
one of a few literal words (``\\b(?:har\\s+inte|inte|ej)\\s+...``). :func:`start_literals`
reads those words off the parsed pattern; one Aho-Corasick scan of the comment then finds
every place where any pattern of any rule can start, and the regex is tried only there.

The literals are a *necessary* condition: every match of the pattern begins with one of them
(a sound over-approximation, never a guess). A pattern whose start cannot be pinned down this
way (``\\w+``, ``.``, a large class, an unparsable construct) gets ``None`` and is scanned as
before. The pattern is parsed with the standard library's parser (``re._parser``, the one
``re.compile`` uses); ``regex``-only syntax fails to parse there and also gets ``None``.
"""

from __future__ import annotations

import re
import warnings
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# The parser re.compile uses (Python 3.11+); private, so tests/test_prefilter.py pins what
# this module relies on.
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import ahocorasick

__all__ = [
    "DIGITS",
    "Required",
    "StartIndex",
    "Starts",
    "by_key",
    "literals_of",
    "required_literals",
    "start_literals",
]

#: Most distinct literals one pattern may yield before the analysis stops lengthening them.
MAX_LITERALS = 5000
#: Most characters a character class may hold and still count as a set of literals.
MAX_CLASS = 40
#: The ASCII digits stand for ``\d``; a text with any other decimal digit is scanned in full.
DIGITS = "0123456789"

_ZERO_WIDTH = {sre.ASSERT, sre.ASSERT_NOT}
_AT_START = {sre.AT_BEGINNING, sre.AT_BEGINNING_STRING}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
_ATOMIC = getattr(sre, "ATOMIC_GROUP", None)
_DIGIT = {sre.CATEGORY_DIGIT, getattr(sre, "CATEGORY_UNI_DIGIT", sre.CATEGORY_DIGIT)}

# Stand for "the start of the text" and "a word boundary" while literals are collected.
_START = "\x00^"
_BOUNDARY = "\x01"
_BOUNDARIES = {sre.AT_BOUNDARY, getattr(sre, "AT_UNI_BOUNDARY", sre.AT_BOUNDARY)}
# regex's POSIX classes ([[:alpha:]]) read as plain sets to the standard library's parser
_POSIX_CLASS = re.compile(r"\[:\^?\w+:\]")


@dataclass(frozen=True)
class Starts:
    """Where a pattern can start: at one of ``literals``, or at position 0 if ``at_start``.

    ``bounded`` are the literals that the pattern puts right after ``\\b``: they count only
    where a word begins. ``digits`` says that ``\\d`` was read as 0-9: a text with another
    decimal digit (Arabic, Devanagari ...) must then be scanned in full.
    """

    literals: frozenset[str]
    at_start: bool = False
    digits: bool = False
    bounded: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Required:
    """Literals of which every match of a pattern holds at least one, somewhere.

    Weaker than :class:`Starts` (they say nothing of where a match starts), but a pattern
    that starts with ``\\w+`` (``\\w+\\.torrent``) still gets a gate: without one of
    them in the text, it cannot match at all.
    """

    literals: frozenset[str]
    digits: bool = False


class _Unknown(Exception):
    """The start of the pattern cannot be pinned down to a finite set of literals."""


def _simplified(pattern: str) -> str:
    """What the analysis needs of a pattern, in the standard library's syntax.

    ``\\p{L}`` and ``\\P{...}`` (regex-only) become ``\\w``/``\\W``: classes, never
    literals. Look-behinds are dropped: they consume nothing and only reject positions, so
    without them a pattern matches more, never less (and ``re`` rejects the variable-width
    look-behinds that ``regex`` allows).
    """
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "(" and pattern.startswith(("(?<=", "(?<!"), i):
            end = _group_end(pattern, i)
            if end is None:
                return pattern  # unbalanced: let the parser report it
            i = end
            continue
        if c == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt in "pP" and pattern.startswith("{", i + 2) and "}" in pattern[i + 3 :]:
                out.append("\\w" if nxt == "p" else "\\W")
                i = pattern.index("}", i + 3) + 1
                continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _group_end(pattern: str, start: int) -> int | None:
    """The index just after the group that opens at ``start``: escapes and sets skipped."""
    depth = 0
    i = start
    in_set = False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_set:
            in_set = c != "]"
        elif c == "[":
            in_set = True
            if pattern.startswith(("[]", "[^]"), i):  # a ] first in a set is a literal
                i += 2 if pattern[i + 1] == "]" else 3
                continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _parse(pattern: str) -> tuple[list[Any], int] | None:
    """The standard library's parse of ``pattern`` and its flags, or None."""
    if _POSIX_CLASS.search(pattern):
        return None
    pattern = _simplified(pattern)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    flags = parsed.state.flags
    if flags & (re.IGNORECASE | re.VERBOSE):
        return None
    return list(parsed), flags


def start_literals(pattern: str) -> Starts | None:
    """Where every match of ``pattern`` starts, or None if that cannot be pinned down."""
    return literals_of(pattern)[0]


def required_literals(pattern: str) -> Required | None:
    """Literals every match of ``pattern`` contains one of, or None if none can be named."""
    return literals_of(pattern)[1]


def literals_of(pattern: str) -> tuple[Starts | None, Required | None]:
    """:func:`start_literals` and :func:`required_literals` from one parse of ``pattern``."""
    parsed = _parse(pattern)
    if parsed is None:
        return None, None
    items, flags = parsed
    return _starts(items, flags), _required(items, flags)


def _required(items: list[Any], flags: int) -> Required | None:
    state = _State(multiline=bool(flags & re.MULTILINE))
    try:
        found = state.required(items)
    except (_Unknown, RecursionError):
        return None
    if not found or "" in found:
        return None
    return Required(_shortest(dict.fromkeys(found, False))[0], digits=state.uses_digits)


def _starts(items: list[Any], flags: int) -> Starts | None:
    state = _State(multiline=bool(flags & re.MULTILINE))
    try:
        found = state.first(items)
    except (_Unknown, RecursionError):
        return None
    if found is None:
        return None
    # "^" after something consumed can never match: those literals are dropped
    bounded: dict[str, bool] = {}
    for f in found:
        if _START not in f:
            literal = f.replace(_BOUNDARY, "")
            first = literal[:1]
            after_b = f.startswith(_BOUNDARY) and (first.isalpha() or first.isdecimal())
            bounded[literal] = bounded.get(literal, True) and after_b
    literals, bounded_literals = _shortest(bounded)
    return Starts(
        literals,
        at_start=any(f.startswith(_START) for f in found),
        digits=state.uses_digits,
        bounded=bounded_literals,
    )


def _shortest(bounded: dict[str, bool]) -> tuple[frozenset[str], frozenset[str]]:
    """Drop literals that start with another one: where "19" occurs, "1" does too.

    The one kept needs a word boundary only if all it stands for did.
    """
    kept: list[str] = []
    needs_boundary: dict[str, bool] = {}
    for literal in sorted(bounded):  # a literal sorts right after its prefixes
        if kept and literal.startswith(kept[-1]):
            needs_boundary[kept[-1]] = needs_boundary[kept[-1]] and bounded[literal]
        else:
            kept.append(literal)
            needs_boundary[literal] = bounded[literal]
    return frozenset(kept), frozenset(k for k in kept if needs_boundary[k])


def _selectivity(literals: set[str]) -> tuple[int, int]:
    """Longer literals occur less often; fewer of them, too."""
    return min(map(len, literals)), -len(literals)


class _State:
    def __init__(self, multiline: bool) -> None:
        self.multiline = multiline
        self.uses_digits = False

    def first(self, items: Sequence[Any]) -> set[str] | None:
        """Literals that a match of ``items`` (followed by anything) must start with.

        None means "no constraint": the sequence may match the empty string, or its first
        element is not a finite set of literals.
        """
        prefixes = {""}
        for k, (op, av) in enumerate(items):
            if op is sre.AT and av in _AT_START and not self.multiline and prefixes == {""}:
                return {_START}  # "^": only position 0 (after nothing consumed)
            if op is sre.AT and av in _BOUNDARIES and prefixes == {""}:
                prefixes = {_BOUNDARY}  # \b before the first character: a word starts here
                continue
            if op in _ZERO_WIDTH or op is sre.AT:
                continue  # a look-around or \b does not consume: it only rejects positions
            exact = self.exact(op, av)
            if exact is not None:
                longer = {p + e for p in prefixes for e in exact}
                if len(longer) > MAX_LITERALS:
                    break  # shorter literals are still a necessary condition
                prefixes = longer
                continue
            head = self.head(op, av, items[k + 1 :])
            if head is None:
                break
            longer = {p + h for p in prefixes for h in head}
            if len(longer) <= MAX_LITERALS:
                prefixes = longer
            break
        if "" in prefixes or _BOUNDARY in prefixes:
            return None
        return prefixes

    def required(self, items: Sequence[Any]) -> set[str] | None:
        """The most selective set of literals that every match of ``items`` contains one of:
        a run of literal elements, or what a mandatory group requires."""
        best: set[str] | None = None
        run: set[str] = {""}  # the literal run being built
        for op, av in [*items, (None, None)]:  # a sentinel ends the last run
            if op in _ZERO_WIDTH or op is sre.AT:
                continue
            exact = self.exact(op, av) if op is not None else None
            if exact is not None and "" not in exact:
                longer = {p + e for p in run for e in exact}
                if len(longer) <= MAX_LITERALS:
                    run = longer
                    continue
            if run != {""} and (best is None or _selectivity(run) > _selectivity(best)):
                best = run
            run = {""}
            inner = self.required_of(op, av) if op is not None else None
            if (
                inner
                and "" not in inner
                and (best is None or _selectivity(inner) > _selectivity(best))
            ):
                best = inner
        return best

    def required_of(self, op: Any, av: Any) -> set[str] | None:
        """What a single, not fully literal element requires."""
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if add_flags & re.IGNORECASE:
                raise _Unknown
            return self.required(list(sub))
        if _ATOMIC is not None and op is _ATOMIC:
            return self.required(list(av))
        if op is sre.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                needed = self.required(list(alt))
                if not needed:
                    return None
                out |= needed
            return out
        if op in _REPEATS and av[0] > 0:
            return self.required(list(av[2]))
        return None

    def exact(self, op: Any, av: Any) -> set[str] | None:
        """The finite set of strings an element matches exactly, or None."""
        if op is sre.LITERAL:
            return {chr(av)}
        if op is sre.IN:
            return self.char_class(av)
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if add_flags & re.IGNORECASE:
                raise _Unknown
            return self.exact_sequence(list(sub))
        if op is sre.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                strings = self.exact_sequence(list(alt))
                if strings is None:
                    return None
                out |= strings
                if len(out) > MAX_LITERALS:
                    return None
            return out
        return None

    def exact_sequence(self, items: Sequence[Any]) -> set[str] | None:
        if all(op is sre.LITERAL for op, _ in items):  # a word of a lexicon: the common case
            return {"".join(chr(av) for _, av in items)}
        out = {""}
        for op, av in items:
            strings = self.exact(op, av)
            if strings is None or "" in strings:
                return None
            out = {p + s for p in out for s in strings}
            if len(out) > MAX_LITERALS:
                return None
        return out

    def head(self, op: Any, av: Any, rest: Sequence[Any]) -> set[str] | None:
        """Literals that start a match of this (not fully literal) element and what follows."""
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if add_flags & re.IGNORECASE:
                raise _Unknown
            return self.first([*sub, *rest])
        if _ATOMIC is not None and op is _ATOMIC:
            return self.first([*av, *rest])
        if op is sre.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                strings = self.first([*alt, *rest])
                if strings is None:
                    return None
                out |= strings
            return out
        if op in _REPEATS:
            low, _high, sub = av
            once = self.first(list(sub))
            if low > 0:
                return once
            after = self.first(rest)
            if once is None or after is None:
                return None
            return once | after
        return None

    def char_class(self, items: Sequence[Any]) -> set[str] | None:
        chars: set[str] = set()
        for op, av in items:
            if op is sre.LITERAL:
                chars.add(chr(av))
            elif op is sre.RANGE:
                low, high = av
                if high - low >= MAX_CLASS:
                    return None
                chars.update(map(chr, range(low, high + 1)))
            elif op is sre.CATEGORY and av in _DIGIT:
                self.uses_digits = True
                chars.update(DIGITS)
            else:  # NEGATE, other categories, \w, \s ...
                return None
            if len(chars) > MAX_CLASS:
                return None
        return chars


class StartIndex:
    """The start literals of many patterns in one Aho-Corasick automaton.

    ``scan(text)`` finds, in one pass in C, every position where any indexed pattern can
    start. Patterns are known by a key (the engine uses ``id()`` of the compiled pattern).
    ``gates`` are :class:`Required` literals under keys of their own: found anywhere.
    """

    def __init__(
        self,
        patterns: Iterable[tuple[int, Starts]],
        gates: Iterable[tuple[int, Required]] = (),
    ) -> None:
        by_literal: dict[str, list[tuple[int, bool]]] = defaultdict(list)
        keys = set()
        for key, starts in patterns:
            keys.add(key)
            for literal in starts.literals:
                by_literal[literal].append((key, literal in starts.bounded))
        for key, required in gates:  # found anywhere, not only where a word begins
            keys.add(key)
            for literal in required.literals:
                by_literal[literal].append((key, False))
        self.keys = frozenset(keys)
        #: A literal with a space in it can reach across chunks: then only scan() finds it.
        self.spaced = any(" " in literal for literal in by_literal)
        self._automaton: Any = None
        if by_literal:
            automaton = ahocorasick.Automaton()
            for literal, entries in by_literal.items():
                free = tuple(k for k, bounded in entries if not bounded)
                at_word = tuple(k for k, bounded in entries if bounded)
                # the automaton reports where a literal ENDS; this says how far back it began
                automaton.add_word(literal, (len(literal) - 1, free, at_word))
            automaton.make_automaton()
            self._automaton = automaton

    def scan(self, text: str) -> dict[int, list[int]]:
        """Pattern key -> positions where one of its literals begins (unsorted, may repeat).

        A literal that its pattern puts after ``\\b`` counts only where a word begins.
        """
        return by_key([(0, self.occurrences(text))])

    def occurrences(self, text: str) -> tuple[tuple[int, tuple[int, ...]], ...]:
        """(position, pattern keys) of every literal in ``text``; the start of ``text`` counts
        as a word start, so a chunk (a run of text between spaces) can be looked at alone, once
        per distinct chunk, and offset by the caller (see :func:`by_key`)."""
        if self._automaton is None:
            return ()
        out = []
        for end, (back, free, at_word) in self._automaton.iter(text):
            start = end - back
            keys = free
            if at_word:
                before = text[start - 1] if start else " "
                # a letter, digit or _ before: no word starts here (regex's \w holds these)
                if before == " " or not (before.isalpha() or before.isdecimal() or before == "_"):
                    keys = free + at_word
            if keys:
                out.append((start, keys))
        return tuple(out)


def by_key(
    found: Iterable[tuple[int, Iterable[tuple[int, tuple[int, ...]]]]],
) -> dict[int, list[int]]:
    """Pattern key -> positions, from (offset, :meth:`StartIndex.occurrences`) pairs."""
    out: defaultdict[int, list[int]] = defaultdict(list)
    for offset, occurrences in found:
        for start, keys in occurrences:
            for key in keys:
                out[key].append(offset + start)
    return out
