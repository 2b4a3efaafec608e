"""A built :class:`~.lookup.Vocabulary` as plain data, and back (for :mod:`.cache`).

Loading must be fast and leave little for the garbage collector to walk: the large tables
(every form of every lexicon word) are kept as one string per key (``lex␟lemma␞lex␟lemma``)
and unpacked when a word is looked up (each word once per engine: lookups are cached); the
dictionary's word sets that only compounds need are unpacked when first asked for.
"""

from __future__ import annotations

import marshal
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .lookup import Phrase, Vocabulary
from .morphology import Morphology

__all__ = ["Packed", "from_state", "state"]

_FORMAT = "stored-vocabulary-2"
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


class _StoredMorphology(Morphology):
    """The dictionary tables, with the sets only compounds need unpacked on first use."""

    def __init__(self, known: frozenset[str], words: frozenset[str], lazy: bytes) -> None:
        self.forms = {}  # only building reads the forms
        self.known = known
        self._words = words
        self._lazy: bytes | None = lazy
        self._sets: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        self._lock = threading.Lock()

    def _unpack(self) -> tuple[frozenset[str], frozenset[str]]:
        with self._lock:
            if self._lazy is not None:
                self._sets = marshal.loads(self._lazy)
                self._lazy = None
        return self._sets

    @property
    def begins(self) -> frozenset[str]:  # type: ignore[override]
        return self._unpack()[0]

    @property
    def lexical(self) -> frozenset[str]:  # type: ignore[override]
        return self._unpack()[1]


def state(v: Vocabulary) -> tuple[Any, ...]:
    """Everything lookup needs, as plain data (strings, tuples, dicts, sets)."""
    m = v.morphology
    unique = list({id(p): p for ps in v.phrases.values() for p in ps}.values())
    number = {id(p): k for k, p in enumerate(unique)}
    return (
        _FORMAT,
        (m.known, m.words, marshal.dumps((m.begins, m.lexical))),
        (v.ids, v.masks, v.false_friends, v.obfuscated, v._excluding),
        tuple(_pack(t) for t in (v._exact, v._heads, v._plain, v._skeleton)),
        (v._modifiers, v._by_length),
        [(p.lexicon, p.lemma, p.slots, p.plain) for p in unique],
        {first: tuple(number[id(p)] for p in ps) for first, ps in v.phrases.items()},
    )


def from_state(data: object) -> Vocabulary | None:
    """The vocabulary :func:`state` describes (None: not such a state)."""
    if not isinstance(data, tuple) or len(data) != 7 or data[0] != _FORMAT:
        return None
    _, morphology, sets, packed, other, phrases, firsts = data
    v = Vocabulary.__new__(Vocabulary)
    v.morphology = _StoredMorphology(*morphology)
    v.ids, v.masks, v.false_friends, v.obfuscated, v._excluding = sets
    v._exact, v._heads, v._plain, v._skeleton = (Packed(t) for t in packed)
    v._modifiers, v._by_length = other
    unique = [Phrase(*p) for p in phrases]
    v.phrases = {first: tuple(unique[k] for k in ks) for first, ks in firsts.items()}
    v._manual = {}
    v._cache = {}
    v._lock = threading.Lock()
    return v
