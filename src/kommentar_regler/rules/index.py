"""Which rules a comment can possibly fire: the one place where speed is bought.

Every rule may say, through ``needs_any``, the classes (lexicon ids, "@closed" classes, shapes)
of which a comment must hold at least one for the rule to match at all; the rule files' rules
derive it from their patterns, so it is never written by hand. A rule without it (a plugin's
Python rule, a regular expression) is always run. Skipping a rule this way never changes a
decision: the rule would have found nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rule.py uses Keyed
    from ..analysis import Analysis
    from .rule import Rule

__all__ = ["Keyed", "RuleIndex"]


class Keyed:
    """Items (rules, a rule's sequences) by the keys of which a comment must hold one for the
    item to run: classes, or words written out (``("=", word)``); ``None`` for an item that
    always runs."""

    def __init__(self, keys: Sequence[Iterable[str | tuple[str, str]] | None]) -> None:
        self._always: list[int] = []
        self._by_key: dict[str, list[int]] = defaultdict(list)
        self._by_word: dict[str, list[int]] = defaultdict(list)
        for k, item_keys in enumerate(keys):
            if item_keys is None:
                self._always.append(k)
                continue
            for key in item_keys:
                if isinstance(key, tuple):
                    self._by_word[key[1]].append(k)
                else:
                    self._by_key[key].append(k)

    def chosen(
        self, present: Mapping[str, object], words: Mapping[str, object] | None = None
    ) -> list[int]:
        """The indices of the items that may run when the classes ``present`` and the
        ``words`` are in the comment, in order."""
        chosen = set(self._always)
        by_key = self._by_key
        if len(by_key) < len(present):  # look up whichever side is smaller
            for key, ks in by_key.items():
                if key in present:
                    chosen.update(ks)
        else:
            for key in present:
                got = by_key.get(key)
                if got:
                    chosen.update(got)
        if words is not None:
            for word, ks in self._by_word.items():
                if word in words:
                    chosen.update(ks)
        return sorted(chosen)


class RuleIndex:
    """Rules by the classes that let them run; built once per Engine."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self._rules = tuple(rules)
        self._keyed = Keyed([getattr(rule, "needs_any", None) for rule in self._rules])

    def candidates(self, analysis: Analysis) -> list[Rule]:
        """The rules that may match ``analysis``, in rule order."""
        return [self._rules[k] for k in self._keyed.chosen(analysis.positions)]
