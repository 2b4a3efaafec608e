"""The token pattern language of rule files (schema 2), parsed into flat slot sequences.

A pattern is a sequence of slots over a comment's tokens, separated by spaces::

    speaker={@i_we} intent=@future *0-2!@negation harm={hotverb} target={roller|hotmal|@you}

| slot              | matches                                                              |
|-------------------|----------------------------------------------------------------------|
| ``{lexikon}``     | a word (or phrase) of the lexicon, in any form, compound, obfuscated |
| ``{a|b}``         | a word of lexicon a or b (``@class`` may stand among them)           |
| ``@klass``        | a closed-class word (language/sv.py: ``@negation``, ``@pron_2s``...)  |
| ``som``           | that closed-class word itself, unquoted (content words: a lexicon)   |
| ``*``, ``*2``, ``*0-3`` | any 0-3 tokens, exactly 2, 0 to 3 (never past the rule's scope) |
| ``_``             | any one word (for a slot whose words no list can hold: a name)       |
| ``#``             | a number ("ärende 2023/1456", "600 kr")                              |
| ``{a&b}``         | one word that is in both lexicons ("invandrarjävlar")                |
| ``{#url}``        | a token of that shape: ``#url``, ``#number``, ``#minor``, ``#phone``... |
| ``?`` ``:`` ``,`` | that punctuation mark                                                |
| ``*0-2!@negation``| a gap that holds no word of the class (or ``!{lexikon}``: one list)  |
| ``x?``            | the slot is optional                                                 |
| ``!x``            | the next token is not ``x`` (takes no token)                         |
| ``^``             | the start of a sentence                                              |
| ``( a b | c )``   | either sequence                                                      |
| ``< a b >``       | both slots, in either order (Swedish inversion: "jag ska"/"ska jag") |
| ``role=x``        | the slot's role, shown in the explanation ("talare", "hot", "mål")   |

Alternatives are written out when the pattern is compiled: each pattern becomes one or more
flat :class:`Sequence` objects that the matcher runs.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cached_property

import regex

from ..language import CLOSED_CLASSES
from ..text.shapes import SHAPES

__all__ = ["PatternError", "Sequence", "Slot", "parse"]

MAX_SEQUENCES = 256
_ROLE = regex.compile(r"^([a-z_]+)=(.+)$")
_GAP = regex.compile(r"^\*(?:(\d+)(?:-(\d+))?)?(?:!(.+))?$")
_CLASSES = regex.compile(r"^\{([@#a-z0-9_|]+)\}$")
_ALL_OF = regex.compile(r"^\{([@a-z0-9_]+(?:&[@a-z0-9_]+)+)\}$")
_CLOSED = regex.compile(r"^@([a-z0-9_]+)$")
_WORD = regex.compile(r"^\p{Ll}+$")
_PUNCT = regex.compile(r"^[^\w\s{}()<>|@*^!=]+$")
_DEFAULT_GAP = (0, 3)


class PatternError(ValueError):
    """A pattern that cannot be parsed; the message says where."""


@dataclass(frozen=True, slots=True)
class Slot:
    """One position of a sequence.

    ``kind``: "word" (one token or phrase of ``classes`` or one of ``words``), "gap" (``low`` to
    ``high`` tokens none of which is in ``classes``), "not" (the next token is not such a word;
    takes no token), "start" (a sentence starts here).
    """

    kind: str  # "word", "any", "number", "gap", "not", "start"
    classes: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    low: int = 1
    high: int = 1
    role: str | None = None
    every: bool = False  # the token must be in ALL of ``classes`` ("{folkgrupper&svordomar}")

    def accepts(self, norm: str, classes: frozenset[str]) -> bool:
        if self.every:
            return self.classes <= classes
        return norm in self.words or not self.classes.isdisjoint(classes)


@dataclass(frozen=True)
class Sequence:
    """A flat sequence of slots, as the matcher runs it, and what it cannot match without."""

    slots: tuple[Slot, ...]
    source: str
    #: sets of classes (lexicon ids, "@class") of which the comment must hold one each
    needs: tuple[frozenset[str], ...] = field(default=())
    #: the index of the slot the matcher anchors on (the first that takes a token for sure)
    anchor: int = 0

    @cached_property
    def word_needs(self) -> tuple[frozenset[str], ...]:
        """Sets of words of which the comment must hold one each: the slots that are words
        written out (``(det | man) (borde | bör)``), which ``needs`` does not cover."""
        return tuple(
            s.words for s in self.slots if s.kind == "word" and s.low >= 1 and not s.classes
        )

    @property
    def lexicons(self) -> frozenset[str]:
        return frozenset(c for s in self.slots for c in s.classes if c[0] not in "@#")


def _tokens(source: str) -> list[str]:
    out: list[str] = []
    for piece in regex.findall(r"(?:[a-z_]+=)?!?\{[^}]*\}\??|[()<>|]|[^\s()<>|]+", source):
        out.append(piece)
    return out


def _atom(text: str, source: str) -> Slot:
    role = None
    if (m := _ROLE.match(text)) and not text.startswith(("{", "@", "*")):
        role, text = m.group(1), m.group(2)
    optional = text.endswith("?") and len(text) > 1
    if optional:
        text = text[:-1]
    if text in ("!", "=", "!!"):
        return Slot("word", words=frozenset((text,)), role=role)
    negated = text.startswith("!") and len(text) > 1
    if negated:
        text = text[1:]
    if text == "^":
        return Slot("start", low=0, high=0)
    if text == "_":
        return Slot("any", low=0 if optional else 1, high=1, role=role)
    if text == "#":
        return Slot("number", low=0 if optional else 1, high=1, role=role)
    if m := _GAP.match(text):
        low = int(m.group(1)) if m.group(1) else _DEFAULT_GAP[0]
        high = int(m.group(2)) if m.group(2) else (low if m.group(1) else _DEFAULT_GAP[1])
        if high < low or high > 40:
            raise PatternError(f"{source!r}: gap {text!r} must be *m-n with m <= n <= 40")
        excluded = _atom(m.group(3), source) if m.group(3) else Slot("word")
        return Slot("gap", excluded.classes, excluded.words, low, high)
    if m := _ALL_OF.match(text):
        names = m.group(1).split("&")
        slot = Slot("word", classes=frozenset(names), every=True)
    elif m := _CLASSES.match(text):
        names = m.group(1).split("|")
        classes = frozenset(names)
        for n in names:
            if n.startswith("@") and n[1:] not in CLOSED_CLASSES:
                raise PatternError(f"{source!r}: no closed class {n!r}")
            if n.startswith("#") and n not in SHAPES:
                raise PatternError(f"{source!r}: no shape {n!r} (known: {', '.join(SHAPES)})")
        slot = Slot("word", classes=classes)
    elif m := _CLOSED.match(text):
        if m.group(1) not in CLOSED_CLASSES:
            raise PatternError(
                f"{source!r}: no closed class @{m.group(1)} "
                f"(known: {', '.join(sorted(CLOSED_CLASSES))})"
            )
        slot = Slot("word", classes=frozenset(("@" + m.group(1),)))
    elif _PUNCT.match(text):
        slot = Slot("word", words=frozenset((text,)))
    elif _WORD.match(text):
        if not any(text in words for words in CLOSED_CLASSES.values()):
            raise PatternError(
                f"{source!r}: {text!r} is a content word: put it in a lexicon and name the "
                "lexicon as {lexikon}"
            )
        slot = Slot("word", words=frozenset((text,)))
    else:
        raise PatternError(f"{source!r}: cannot read {text!r}")
    if negated:
        slot = Slot("not", slot.classes, slot.words, 0, 0, every=slot.every)
    if optional:
        slot = Slot(slot.kind, slot.classes, slot.words, 0, 1, slot.role, slot.every)
    return Slot(
        slot.kind, slot.classes, slot.words, slot.low, slot.high, role or slot.role, slot.every
    )


def _parse_seq(toks: list[str], pos: int, source: str, close: str | None) -> tuple[list, int]:
    """Parse until ``close``; returns a list of alternatives, each a list of slot options."""
    alternatives: list[list[list[tuple[Slot, ...]]]] = [[]]
    while pos < len(toks):
        t = toks[pos]
        if t == close:
            return alternatives, pos + 1
        if t == "|":
            alternatives.append([])
            pos += 1
            continue
        if t in ("(", "<"):
            inner, pos = _parse_seq(toks, pos + 1, source, ")" if t == "(" else ">")
            optional = pos < len(toks) and toks[pos] == "?"
            if optional:
                pos += 1
            if t == "<":
                if len(inner) != 1:
                    raise PatternError(f"{source!r}: < > takes slots, not alternatives")
                options = [
                    tuple(s for part in combo for s in part)
                    for perm in itertools.permutations(inner[0])
                    for combo in itertools.product(*perm)
                ]
            else:
                options = [
                    tuple(s for part in combo for s in part)
                    for alt in inner
                    for combo in itertools.product(*alt)
                ]
            if optional:
                options.append(())
            alternatives[-1].append(options)
            continue
        if t in (")", ">"):
            raise PatternError(f"{source!r}: unmatched {t!r}")
        alternatives[-1].append([(_atom(t, source),)])
        pos += 1
    if close is not None:
        raise PatternError(f"{source!r}: missing {close!r}")
    return alternatives, pos


def _needs(slots: tuple[Slot, ...]) -> tuple[frozenset[str], ...]:
    out: list[frozenset[str]] = []
    for s in slots:
        if s.kind == "word" and s.low >= 1 and s.classes and not s.words:
            out += [frozenset((c,)) for c in s.classes] if s.every else [s.classes]
    return tuple(out)


def _anchor(slots: tuple[Slot, ...]) -> int:
    """The first slot that surely takes a token, if only zero-width slots stand before it."""
    for k, s in enumerate(slots):
        if s.kind == "word" and s.low >= 1:
            return k
        if s.kind not in ("start", "not"):
            return -1  # something that may or may not take a token stands before it
    return -1


def parse(source: str) -> list[Sequence]:
    """Every flat sequence the pattern ``source`` stands for."""
    toks = _tokens(source.strip())
    if not toks:
        raise PatternError("an empty pattern matches everything")
    alternatives, _ = _parse_seq(toks, 0, source, None)
    out: list[Sequence] = []
    for alt in alternatives:
        for combo in itertools.product(*alt):
            slots = tuple(s for part in combo for s in part)
            if slots and (slots[0].kind == "gap" or slots[-1].kind == "gap"):
                raise PatternError(f"{source!r}: a pattern does not start or end with a gap")
            if not any(s.kind in ("word", "any", "number") and s.low >= 1 for s in slots):
                raise PatternError(f"{source!r}: every alternative needs one word it must match")
            out.append(Sequence(slots, source, _needs(slots), _anchor(slots)))
            if len(out) > MAX_SEQUENCES:
                raise PatternError(f"{source!r}: more than {MAX_SEQUENCES} alternatives")
    return out
