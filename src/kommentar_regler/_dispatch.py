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
from ._lexicon import LexiconMatcher, WordHit
from ._rules import CompiledPattern, DataRule, Rule, Triggers

__all__ = ["RuleIndex", "WordTable"]


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


def _gated(pattern: CompiledPattern) -> bool:
    """Can the pattern match only where its start literals or required literals occur?"""
    if pattern.leading is not None:
        return False
    if pattern.starts is not None:
        return not pattern.starts.at_start
    return pattern.gate is not None


def _anchored(rule: Rule) -> bool:
    """Can the rule match only if one of its patterns' literals occurs in the text?"""
    return (
        isinstance(rule, DataRule)
        and not rule.spec.lexicons
        and rule.spec.near is None
        and bool(rule.compiled)
        and all(_gated(c) for c in rule.compiled)
    )


def _uses_digits(pattern: CompiledPattern) -> bool:
    return any(lit is not None and lit.digits for lit in (pattern.starts, pattern.gate))


class RuleIndex:
    """Rules by the words and lexicons that can set them off.

    Each rule is one bit of an int; a word's rules are found once and cached, so a comment
    costs one dict lookup per word and a few ORs.
    """

    #: Distinct words remembered; the cache starts over when it is full.
    CACHE_SIZE = 200_000

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._always = 0
        self._anchored = 0  # rules that need one of their start literals in the text
        self._by_word: dict[str, int] = defaultdict(int)
        self._by_lexicon: dict[str, int] = defaultdict(int)
        prefixed: dict[str, int] = defaultdict(int)
        suffixed: dict[str, int] = defaultdict(int)
        # A pattern can match only if a literal it starts with occurs (its gate's literals,
        # when it has no start literals) and, if it also has a gate, one of those occurs too:
        # start key -> (rule bit, key of the gate that must also be found, or None).
        self._start_keys: dict[int, tuple[int, int | None]] = {}
        for i, rule in enumerate(self.rules):
            bit = 1 << i
            if _anchored(rule):
                assert isinstance(rule, DataRule)
                self._anchored |= bit
                for cp in rule.compiled:
                    if cp.starts is None:
                        self._start_keys[cp.gate_key] = (bit, None)
                    else:
                        gate_key = None if cp.gate is None else cp.gate_key
                        self._start_keys[id(cp)] = (bit, gate_key)
            gate = _gate(rule)
            if gate is None:
                self._always |= bit
                continue
            for w in gate.words:
                self._by_word[w] |= bit
            for lex in gate.lexicons:
                self._by_lexicon[lex] |= bit
            for p in gate.prefixes:
                prefixed[p] |= bit
            for s in gate.suffixes:
                suffixed[s] |= bit
        self._prefixed = tuple(prefixed.items())
        self._suffixed = tuple(suffixed.items())
        self._prefixes = tuple(prefixed)
        self._suffixes = tuple(suffixed)
        self._digit_rules = 0  # anchored rules whose \d stands for 0-9 only
        for i, rule in enumerate(self.rules):
            if self._anchored >> i & 1:
                assert isinstance(rule, DataRule)
                if any(_uses_digits(c) for c in rule.compiled):
                    self._digit_rules |= 1 << i
        self._cache: dict[str, int] = {}

    def word_rules(self, word: str) -> int:
        """The rules whose triggers ``word`` satisfies (bits of :attr:`rules`)."""
        bits = self._cache.get(word)
        return self._word_rules(word) if bits is None else bits

    def _word_rules(self, word: str) -> int:
        mask = self._by_word.get(word, 0)
        if word.startswith(self._prefixes):  # all prefixes at once, in C
            for p, bits in self._prefixed:
                if word.startswith(p):
                    mask |= bits
        if word.endswith(self._suffixes):
            for s, bits in self._suffixed:
                if word.endswith(s):
                    mask |= bits
        if len(self._cache) >= self.CACHE_SIZE:
            self._cache.clear()
        self._cache[word] = mask
        return mask

    def hit_rules(self, hit: WordHit) -> int:
        """The rules a lexicon word sets off: by its form, and by its lexicon."""
        return self.word_rules(hit.form) | self._by_lexicon.get(hit.lexicon, 0)

    def candidates(self, analysis: Analysis) -> list[Rule]:
        """The rules that may match ``analysis``, in the index's (id) order."""
        mask = self._always
        cache = self._cache
        get = cache.get
        if analysis.word_rules is not None:  # found while the words were looked up
            mask |= analysis.word_rules
        else:
            for _, w in analysis.tokens:
                bits = get(w)
                mask |= self._word_rules(w) if bits is None else bits
            for h in analysis.hits:  # a hidden word counts as written out: "1d10t" as "idiot"
                mask |= self.hit_rules(h.hit)
        if mask & self._anchored and analysis.start_index is not None:
            present = 0
            found = analysis.literal_starts
            start_keys = self._start_keys
            for key in found:
                unit = start_keys.get(key)
                if unit is not None and (unit[1] is None or unit[1] in found):
                    present |= unit[0]
            if self._digit_rules and analysis.other_digits:
                present |= self._digit_rules
            mask &= ~self._anchored | present
        rules = self.rules
        out = []
        while mask:
            low = mask & -mask
            out.append(rules[low.bit_length() - 1])
            mask ^= low
        return out


WordInfo = tuple[tuple[WordHit, ...], int, bool]


class WordTable:
    """What each distinct word means to the engine, worked out once: the lexicon words it
    stands for, the rules whose triggers it satisfies, and whether it is a single letter
    (spelled-out words, "H o r a", are made of those).

    A comment is then one dict lookup per token. The table starts over when it is full.
    """

    CACHE_SIZE = 200_000

    def __init__(self, matcher: LexiconMatcher, index: RuleIndex) -> None:
        self.matcher = matcher
        self.index = index
        self._table: dict[str, WordInfo] = {}
        self.get = self._table.get

    def add(self, word: str) -> WordInfo:
        single = len(word) == 1
        info = (
            () if single else self.matcher.lookup(word),
            self.index.word_rules(word),
            single and word.isalpha(),
        )
        if len(self._table) >= self.CACHE_SIZE:
            self._table.clear()
        self._table[word] = info
        return info

    def hit_rules(self, hit: WordHit) -> int:
        return self.index.hit_rules(hit)
