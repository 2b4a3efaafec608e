"""Which rules (and which of a rule's sequences) a comment can possibly fire: bit masks.

Every class a pattern needs (lexicon ids, "@closed" classes, shapes) and every word a pattern
writes out gets a bit, once per process; a comment's :func:`present` mask holds the bits of the
classes and words it has (computed once per comment). A rule's ``needs_any`` becomes the mask
of which a comment must hold one bit for the rule to run at all; a sequence's needs become
masks of which it must hold one bit EACH. A rule without ``needs_any`` (a plugin's Python rule,
a regular expression) is always run. Skipping never changes a decision: a skipped rule or
sequence would have found nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..analysis import Analysis
    from .rule import Rule

__all__ = ["RuleIndex", "class_mask", "present", "word_mask"]

_CLASS_BITS: dict[str, int] = {}
_WORD_BITS: dict[str, int] = {}
_LOCK = threading.Lock()


def _mask(names: Iterable[str], bits: dict[str, int]) -> int:
    mask = 0
    for name in names:
        bit = bits.get(name)
        if bit is None:
            with _LOCK:
                bit = bits.get(name)
                if bit is None:
                    bit = bits[name] = 1 << (len(_CLASS_BITS) + len(_WORD_BITS))
        mask |= bit
    return mask


def class_mask(classes: Iterable[str]) -> int:
    """The bits of these classes (a comment holding any of them has one of the bits)."""
    return _mask(classes, _CLASS_BITS)


def word_mask(words: Iterable[str]) -> int:
    """The bits of these normalised words."""
    return _mask(words, _WORD_BITS)


def present(a: Analysis) -> int:
    """The bits of every class and written-out word the comment holds."""
    mask = 0
    get = _CLASS_BITS.get
    for c in a.positions:
        mask |= get(c, 0)
    if _WORD_BITS:
        get = _WORD_BITS.get
        for w in a.words:
            mask |= get(w, 0)
    return mask


class RuleIndex:
    """Rules by the classes that let them run; built once per Engine."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self._rules = tuple(rules)
        needs = [getattr(rule, "needs_any", None) for rule in self._rules]
        self._masks = tuple(None if n is None else class_mask(n) for n in needs)

    def candidates(self, analysis: Analysis, mask: int | None = None) -> list[Rule]:
        """The rules that may match ``analysis`` (whose :func:`present` mask is ``mask``)."""
        if mask is None:
            mask = present(analysis)
        return [r for r, m in zip(self._rules, self._masks, strict=True) if m is None or m & mask]
