"""Running token patterns over an analysis: one matcher for every rule.

A sequence is tried only when the comment holds a word of every class it needs (derived from
the pattern, never written by hand), and only where its first sure slot's words are. From there
a small backtracking search fills the slots left to right, gaps as short as they can be, never
past the rule's scope (clause, sentence or comment).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from collections.abc import Sequence as Seq
from typing import NamedTuple

from ..analysis import Analysis
from .pattern import Sequence, Slot

__all__ = ["Match", "find", "possible", "scope_bounds"]


class Match(NamedTuple):
    """Tokens ``[first, end)`` matched; ``roles`` holds (role, first, end) per named slot."""

    first: int
    end: int
    roles: tuple[tuple[str, int, int], ...]


def possible(seq: Sequence, a: Analysis) -> bool:
    """Does the comment hold a word of each class the sequence needs, and each word?"""
    present = a.positions.keys()
    if not all(not present.isdisjoint(need) for need in seq.needs):
        return False
    words = a.words.keys()
    return all(not words.isdisjoint(need) for need in seq.word_needs)


def scope_bounds(a: Analysis, i: int, scope: str) -> tuple[int, int]:
    """The token range of the clause, sentence or comment that token ``i`` is in."""
    tokens = a.tokens
    if scope == "comment":
        return 0, len(tokens)
    if scope == "sentence":
        return a.sentences[tokens[i].sentence]
    value = tokens[i].clause
    lo = i
    while lo > 0 and tokens[lo - 1].clause == value:
        lo -= 1
    hi = i + 1
    while hi < len(tokens) and tokens[hi].clause == value:
        hi += 1
    return lo, hi


def _starts(seq: Sequence, a: Analysis, scope: str) -> Seq[int]:
    """Where a match may start: at the anchor's words (or anywhere), at a sentence start when
    the pattern begins with ``^``, and only in a clause or sentence that holds a word of
    every class the sequence needs (a match never leaves the scope it starts in)."""
    found: Seq[int]
    if seq.anchor >= 0:
        found = _places(seq.slots[seq.anchor], a)
        if seq.slots[0].kind == "start":
            found = [i for i in found if _sentence_start(a, i)]
    elif seq.slots[0].kind == "start":
        found = _sentence_starts(a)
    else:
        found = range(len(a.tokens))
    return _in_scope(seq, a, scope, found)


def _places(slot: Slot, a: Analysis) -> Seq[int]:
    """The tokens (or phrase starts) that a word slot's classes or words are at, in order."""
    if len(slot.classes) == 1 and not slot.words:  # most anchors: a list already in order
        (only,) = slot.classes
        return a.positions.get(only, ())
    places: set[int] = set()
    for c in slot.classes:
        places.update(a.positions.get(c, ()))
    for w in slot.words:
        places.update(a.words.get(w, ()))
    return sorted(places)


def _in_scope(seq: Sequence, a: Analysis, scope: str, found: Seq[int]) -> Seq[int]:
    """The starts ``found`` whose clause or sentence holds a word of every needed class."""
    if not found or not seq.needs or scope == "comment":
        return found
    if scope == "sentence" and len(a.sentences) < 2:
        return found  # the comment is the sentence: possible() has checked it
    unit = "sentence" if scope == "sentence" else "clause"
    tokens = a.tokens
    positions = a.positions
    allowed: set[int] | None = None
    for need in seq.needs:
        here = {getattr(tokens[p], unit) for c in need if c in positions for p in positions[c]}
        allowed = here if allowed is None else allowed & here
        if not allowed:
            return ()
    assert allowed is not None
    return [i for i in found if getattr(tokens[i], unit) in allowed]


def _sentence_starts(a: Analysis) -> list[int]:
    """Every token that no word comes before in its sentence."""
    tokens = a.tokens
    out: list[int] = []
    for lo, hi in a.sentences:
        for i in range(lo, hi):
            out.append(i)
            if tokens[i].is_word:
                break
    return out


def _sentence_start(a: Analysis, i: int) -> bool:
    tokens = a.tokens
    if i >= len(tokens):
        return False
    s = tokens[i].sentence
    k = i - 1
    while k >= 0 and tokens[k].sentence == s:
        if tokens[k].is_word:
            return False
        k -= 1
    return True


def _ends(slot: Slot, a: Analysis, i: int, hi: int) -> list[int]:
    if i >= hi:
        return []
    tok = a.tokens[i]
    out = [i + 1] if slot.accepts(tok.norm, tok.classes) else []
    if a.phrase_ends and not slot.every:
        for c in slot.classes:
            out += [e for e in a.phrase_ends.get((c, i), ()) if e <= hi and e != i + 1]
    return out


def _run(slots: tuple[Slot, ...], k: int, i: int, hi: int, a: Analysis, roles: list) -> int | None:
    if k == len(slots):
        return i
    s = slots[k]
    if s.kind == "start":
        return _run(slots, k + 1, i, hi, a, roles) if _sentence_start(a, i) else None
    if s.kind == "not":
        if i < hi and s.accepts(a.tokens[i].norm, a.tokens[i].classes):
            return None
        return _run(slots, k + 1, i, hi, a, roles)
    if s.kind in ("any", "number"):
        tok = a.tokens[i] if i < hi else None
        if tok is not None and (
            tok.is_word if s.kind == "any" else any(c.isdigit() for c in tok.norm)
        ):
            if s.role:
                roles.append((s.role, i, i + 1))
            end = _run(slots, k + 1, i + 1, hi, a, roles)
            if end is not None:
                return end
            if s.role:
                roles.pop()
        return _run(slots, k + 1, i, hi, a, roles) if s.low == 0 else None
    if s.kind == "gap":
        if k + 1 < len(slots) and _skippable(slots[k + 1]):
            return _gap_to_next(slots, k, i, hi, a, roles)
        tokens = a.tokens
        for n in range(s.low, s.high + 1):
            j = i + n
            if j > hi:
                return None
            if (
                n
                and (s.classes or s.words)
                and s.accepts(tokens[j - 1].norm, tokens[j - 1].classes)
            ):
                return None  # the gap may not hold this word (nor any longer gap)
            end = _run(slots, k + 1, j, hi, a, roles)
            if end is not None:
                return end
        return None
    if i >= hi:
        ends: Seq[int] = ()
    elif not s.every and i in a.phrase_starts:  # a phrase may end further on: longest first
        ends = sorted(_ends(s, a, i, hi), reverse=True)
    else:  # one token or none (most tries): _ends without the lists
        tok = a.tokens[i]
        ends = (i + 1,) if s.accepts(tok.norm, tok.classes) else ()
    for j in ends:
        if s.role:
            roles.append((s.role, i, j))
        end = _run(slots, k + 1, j, hi, a, roles)
        if end is not None:
            return end
        if s.role:
            roles.pop()
    if s.low == 0:
        return _run(slots, k + 1, i, hi, a, roles)
    return None


def _skippable(slot: Slot) -> bool:
    """Can a gap before ``slot`` jump straight to the slot's words (it takes a token for sure)?"""
    return slot.kind == "word" and slot.low >= 1 and not slot.every


def _places_between(slot: Slot, a: Analysis, lo: int, hi: int) -> list[int]:
    """:func:`_places` from ``lo`` to ``hi`` (inclusive), cut from each sorted list by bisection
    rather than from their union over the whole comment."""
    lists = [a.positions.get(c) for c in slot.classes] + [a.words.get(w) for w in slot.words]
    found = [i for at in lists if at for i in at[bisect_left(at, lo) : bisect_right(at, hi)]]
    return sorted(set(found)) if len(lists) > 1 else found


def _gap_to_next(
    slots: tuple[Slot, ...], k: int, i: int, hi: int, a: Analysis, roles: list
) -> int | None:
    """A gap followed by a word slot: try only the gap lengths after which that slot's words
    stand (what the plain loop would find, without a try at every token in between)."""
    s, nxt = slots[k], slots[k + 1]
    lo_j, hi_j = i + s.low, min(i + s.high, hi)
    if lo_j > hi_j:
        return None
    if s.classes or s.words:  # the gap ends before the first word it may not hold
        tokens = a.tokens
        for t in range(i, hi_j):
            if s.accepts(tokens[t].norm, tokens[t].classes):
                hi_j = t
                break
        if lo_j > hi_j:
            return None
    for j in _places_between(nxt, a, lo_j, hi_j):
        end = _run(slots, k + 1, j, hi, a, roles)
        if end is not None:
            return end
    return None


def find(seq: Sequence, a: Analysis, scope: str) -> Iterator[Match]:
    """Every match of ``seq``, left to right, none starting inside an earlier one."""
    last_end = -1
    bounds: tuple[int, int] | None = None
    for i in _starts(seq, a, scope):
        start = i  # zero-width slots before the anchor take no token
        if start < last_end:
            continue
        if bounds is None or not bounds[0] <= start < bounds[1]:
            bounds = scope_bounds(a, start, scope)
        roles: list[tuple[str, int, int]] = []
        end = _run(seq.slots, 0, start, bounds[1], a, roles)
        if end is None or end == start:
            continue
        yield Match(start, end, tuple(roles))
        last_end = end
