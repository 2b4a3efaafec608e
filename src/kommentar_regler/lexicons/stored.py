"""A built :class:`~.lookup.Vocabulary` as plain data, and back (for :mod:`.cache`).

Loading must be fast and leave little for the garbage collector to walk: the large tables
(every form of every lexicon word) are kept as one string per key (``lex␟lemma␞lex␟lemma``)
and unpacked when a word is looked up (each word once per engine: lookups are cached); the
dictionary's large word sets that only compounds need stay one sorted string each.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from .lookup import Phrase, Vocabulary
from .morphology import Morphology

__all__ = ["Packed", "SortedWords", "StoredPhrases", "from_state", "state"]

_FORMAT = "stored-vocabulary-6"
_ITEM, _PART = "\x1e", "\x1f"
Ref = tuple[str, str]


class Packed(Mapping[str, tuple[Ref, ...]]):
    """A read-only ``{form: ((lexicon, lemma), ...)}`` kept as ``{form: packed string}``."""

    __slots__ = ("_packed",)

    def __init__(self, packed: dict[str, str]) -> None:
        self._packed = packed

    def __getitem__(self, key: str) -> tuple[Ref, ...]:
        return _unpack(self._packed[key])

    def get(self, key: str, default: Any = None) -> Any:
        got = self._packed.get(key)
        return default if got is None else _unpack(got)

    def __contains__(self, key: object) -> bool:
        return key in self._packed

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)


def _unpack(packed: str) -> tuple[Ref, ...]:
    return tuple((ref[0], ref[1]) for ref in (item.split(_PART) for item in packed.split(_ITEM)))


def _pack(table: Mapping[str, Iterable[Ref]]) -> dict[str, str]:
    return {k: _ITEM.join(lex + _PART + lemma for lex, lemma in refs) for k, refs in table.items()}


class SortedWords(AbstractSet[str]):
    """A large set of words as one sorted string: membership by binary search, a fraction of
    the memory of a ``frozenset`` and nothing to build when loaded."""

    __slots__ = ("_ends", "_text")

    def __init__(self, text: str, ends: bytes) -> None:
        self._text = text  # the words, sorted, each followed by a line break but the last
        self._ends = array("I")  # where each word ends in the text
        self._ends.frombytes(ends)

    @staticmethod
    def pack(words: Iterable[str]) -> tuple[str, bytes]:
        ordered = sorted(set(words))
        ends, pos = array("I"), 0
        for w in ordered:
            pos += len(w)
            ends.append(pos)
            pos += 1
        return "\n".join(ordered), ends.tobytes()

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        text, ends = self._text, self._ends
        lo, hi = 0, len(ends)
        while lo < hi:
            mid = (lo + hi) // 2
            here = text[ends[mid - 1] + 1 if mid else 0 : ends[mid]]
            if here < word:
                lo = mid + 1
            elif here > word:
                hi = mid
            else:
                return True
        return False

    def __iter__(self) -> Iterator[str]:
        return iter(self._text.split("\n") if self._ends else ())

    def __len__(self) -> int:
        return len(self._ends)


class StoredPhrases(dict):  # type: ignore[type-arg]
    """``{first form: (Phrase, ...)}`` whose phrases are made when a comment first holds the
    form: the keys are a plain dict (``form in phrases`` stays a dict lookup), the phrases
    wait as tuples of strings, which the garbage collector does not walk."""

    def __init__(self, firsts: dict[str, tuple[int, ...]], raw: list[Any]) -> None:
        super().__init__(firsts)
        self._raw = raw
        self._made: dict[int, Phrase] = {}
        self._got: dict[str, tuple[Phrase, ...]] = {}

    def _phrase(self, k: int) -> Phrase:
        got = self._made.get(k)
        if got is None:
            lexicon, lemma, slots, plain = self._raw[k]
            got = self._made[k] = Phrase(
                lexicon, lemma, tuple(map(frozenset, slots)), tuple(map(frozenset, plain))
            )
        return got

    def __getitem__(self, key: str) -> tuple[Phrase, ...]:
        got = self._got.get(key)
        if got is None:
            got = self._got[key] = tuple(map(self._phrase, dict.__getitem__(self, key)))
        return got

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self:
            return default
        return self[key]

    def values(self) -> Any:
        return [self[k] for k in self]

    def items(self) -> Any:
        return [(k, self[k]) for k in self]


def _morphology(known: frozenset[str], words: frozenset[str], begins: Any, lexical: Any) -> Any:
    m = Morphology.__new__(Morphology)
    m.forms = {}  # only building reads the forms
    m.known, m._words = known, words
    m.begins, m.lexical = SortedWords(*begins), SortedWords(*lexical)
    return m


def state(v: Vocabulary) -> tuple[Any, ...]:
    """Everything lookup needs, as plain data (strings, tuples, dicts, sets)."""
    m = v.morphology
    unique = list({id(p): p for ps in v.phrases.values() for p in ps}.values())
    number = {id(p): k for k, p in enumerate(unique)}
    return (
        _FORMAT,
        (m.known, m.words, SortedWords.pack(m.begins), SortedWords.pack(m.lexical)),
        (v.ids, v.masks, v.false_friends, v.obfuscated, v._excluding, v.link_words),
        tuple(_pack(t) for t in (v._exact, v._heads, v._plain, v._skeleton, v._name_heads)),
        (v._modifiers, v._by_length),
        [_raw_phrase(p) for p in unique],
        {first: tuple(number[id(p)] for p in ps) for first, ps in v.phrases.items()},
    )


def _raw_phrase(p: Phrase) -> tuple[Any, ...]:
    return (p.lexicon, p.lemma, *(tuple(tuple(sorted(s)) for s in f) for f in (p.slots, p.plain)))


def from_state(data: object) -> Vocabulary | None:
    """The vocabulary :func:`state` describes (None: not such a state)."""
    if not isinstance(data, tuple) or len(data) != 7 or data[0] != _FORMAT:
        return None
    _, morphology, sets, packed, other, phrases, firsts = data
    v = Vocabulary.__new__(Vocabulary)
    v.morphology = _morphology(*morphology)
    v.ids, v.masks, v.false_friends, v.obfuscated, v._excluding, v.link_words = sets
    v._exact, v._heads, v._plain, v._skeleton, v._name_heads = (Packed(t) for t in packed)
    v._modifiers, v._by_length = other
    v.phrases = StoredPhrases(firsts, phrases)
    v._manual = {}
    v._cache = {}
    v._lock = threading.Lock()
    return v
