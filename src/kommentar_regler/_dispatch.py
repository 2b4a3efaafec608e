"""Which rules can possibly match a comment, found through an inverted index.

Each rule has a gate: words, prefixes, suffixes or lexicons of which the comment must hold at
least one (a rule's ``triggers``, its lexicons, or the lexicons its patterns cannot do without).
The index maps each of them to its rules, so a comment touches only the rules it could fire;
rules with no gate are always run. Gates are supersets: the rule itself still decides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ._analysis import Analysis
from ._rules import DataRule, Rule, Triggers

__all__ = ["RuleIndex"]


def _gate(rule: Rule) -> Triggers | None:
    """The rule's gate, or None when it must run on every comment."""
    if not isinstance(rule, DataRule):
        return None
    spec = rule.spec
    if spec.lexicons:
        return Triggers(lexicons=frozenset(spec.lexicons))
    if spec.near is not None:
        return Triggers(lexicons=frozenset(spec.near.lexicons[:1]))
    if rule.triggers is not None:
        return rule.triggers
    if rule.requires:
        return Triggers(lexicons=frozenset(rule.requires[:1]))
    needed = [c.needs for c in rule.compiled]
    if needed and all(needed):
        return Triggers(lexicons=frozenset(sorted(n)[0] for n in needed))
    return None


class RuleIndex:
    """Rules by the words and lexicons that can set them off."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._order = {id(r): i for i, r in enumerate(self.rules)}
        self._always: list[Rule] = []
        self._by_word: dict[str, list[Rule]] = defaultdict(list)
        self._by_lexicon: dict[str, list[Rule]] = defaultdict(list)
        prefixed: dict[str, list[Rule]] = defaultdict(list)
        suffixed: dict[str, list[Rule]] = defaultdict(list)
        for rule in self.rules:
            gate = _gate(rule)
            if gate is None:
                self._always.append(rule)
                continue
            for w in gate.words:
                self._by_word[w].append(rule)
            for lex in gate.lexicons:
                self._by_lexicon[lex].append(rule)
            for p in gate.prefixes:
                prefixed[p].append(rule)
            for s in gate.suffixes:
                suffixed[s].append(rule)
        self._words = frozenset(self._by_word)
        self._prefixed = dict(prefixed)
        self._suffixed = dict(suffixed)
        self._prefixes = tuple(prefixed)
        self._suffixes = tuple(suffixed)

    def candidates(self, analysis: Analysis) -> list[Rule]:
        """The rules that may match ``analysis``, in the index's (id) order."""
        chosen: dict[int, Rule] = {id(r): r for r in self._always}
        for w in analysis.words & self._words:
            for r in self._by_word[w]:
                chosen[id(r)] = r
        for lex in analysis.by_lexicon:
            for r in self._by_lexicon.get(lex, ()):
                chosen[id(r)] = r
        # str.startswith takes all prefixes at once (in C); only a hit needs the slow look.
        for w in analysis.words:
            if w.startswith(self._prefixes):
                for p in self._prefixes:
                    if w.startswith(p):
                        for r in self._prefixed[p]:
                            chosen[id(r)] = r
            if w.endswith(self._suffixes):
                for s in self._suffixes:
                    if w.endswith(s):
                        for r in self._suffixed[s]:
                            chosen[id(r)] = r
        return sorted(chosen.values(), key=lambda r: self._order[id(r)])
