"""Which rules a comment can possibly fire: the one place where speed is bought.

Every rule may say, through ``needs_any``, the classes (lexicon ids, "@closed" classes, shapes)
of which a comment must hold at least one for the rule to match at all; the rule files' rules
derive it from their patterns, so it is never written by hand. A rule without it (a plugin's
Python rule, a regular expression) is always run. Skipping a rule this way never changes a
decision: the rule would have found nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from ..analysis import Analysis
from .rule import Rule

__all__ = ["RuleIndex"]


class RuleIndex:
    """Rules by the classes that let them run; built once per Engine."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self._always: list[int] = []
        self._by_class: dict[str, list[int]] = defaultdict(list)
        self._rules = tuple(rules)
        for k, rule in enumerate(self._rules):
            keys: Iterable[str] | None = getattr(rule, "needs_any", None)
            if keys is None:
                self._always.append(k)
            else:
                for cls in keys:
                    self._by_class[cls].append(k)

    def candidates(self, analysis: Analysis) -> list[Rule]:
        """The rules that may match ``analysis``, in rule order."""
        chosen = set(self._always)
        by_class = self._by_class
        for cls in analysis.positions:
            got = by_class.get(cls)
            if got:
                chosen.update(got)
        return [self._rules[k] for k in sorted(chosen)]
