"""Rules: the objects that turn an Analysis into Findings.

Every rule, from a TOML file or a plugin's Python, satisfies the :class:`Rule` protocol: an id,
a category, a label, a basis, its metadata (role, review, alone_only, yields_to, fact) and a
pure, thread-safe ``check``. :class:`RuleBase` gives a plugin the metadata's defaults.
A rule file's rule becomes a :class:`DataRule`: token patterns, a ``near`` frame, a lexicon,
or regular expressions for what is not words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, Protocol, runtime_checkable

import regex

from .._models import Category, Citation, Finding, build
from ..analysis import Analysis
from ..language import ROLE_NAMES
from .index import class_mask, present, word_mask
from .matcher import Match, find, possible, scope_bounds
from .pattern import Sequence as TokenSequence
from .pattern import Slot

__all__ = ["DataRule", "Rule", "RuleBase", "Validator", "explain_roles", "finding_from"]

log = logging.getLogger("kommentar_regler")
Validator = Callable[[str], bool]
#: seconds one regular expression may run, plus a little per character
REGEX_TIMEOUT = 0.25
REGEX_SECONDS_PER_CHAR = 2e-5


@runtime_checkable
class Rule(Protocol):
    """What the engine needs of a rule. ``check`` must be pure and thread-safe."""

    @property
    def id(self) -> str: ...
    @property
    def category(self) -> Category: ...
    @property
    def label(self) -> str: ...
    @property
    def basis(self) -> tuple[Citation, ...]: ...
    @property
    def role(self) -> Literal["evidence", "fact"]: ...
    @property
    def review(self) -> bool: ...
    @property
    def alone_only(self) -> bool: ...
    @property
    def yields_to(self) -> frozenset[str]: ...
    @property
    def fact(self) -> str | None: ...

    def check(self, analysis: Analysis) -> Iterable[Finding]: ...


@dataclass(frozen=True)
class RuleBase:
    """A base for a plugin's rule: its metadata with defaults; define ``check``."""

    id: str
    category: Category
    label: str
    basis: tuple[Citation, ...]
    role: Literal["evidence", "fact"] = "evidence"
    review: bool = False
    alone_only: bool = False
    yields_to: frozenset[str] = frozenset()
    fact: str | None = None

    def check(self, analysis: Analysis) -> Iterable[Finding]:
        raise NotImplementedError


_FINDING_FIELDS = {
    "rule_id", "category", "label", "start", "end", "text", "score", "explanation",
    "matched_by", "basis",
}  # fmt: skip


def finding_from(
    rule: Rule, analysis: Analysis, start: int, end: int, score: float, why: str, how: str
) -> Finding:
    """A Finding for the ORIGINAL text's span ``[start, end)``."""
    values = {
        "rule_id": rule.id,
        "category": rule.category,
        "label": rule.label,
        "start": start,
        "end": end,
        "text": analysis.text[start:end],
        "score": score,
        "explanation": why,
        "matched_by": how,
        "basis": rule.basis,
    }
    return build(Finding, values, _FINDING_FIELDS)  # shared: see _models._FIELDS_SETS


def explain_roles(a: Analysis, roles: Iterable[tuple[str, int, int]]) -> str:
    """``talare "jag" · hot "spränga" · mål "skolan"``."""
    parts = []
    if not roles:
        return ""
    for role, first, end in roles:
        _, _, text = a.span_text(first, end)
        parts.append(f'{ROLE_NAMES.get(role, role)} "{text}"')
    return " · ".join(parts)


@dataclass(frozen=True)
class CompiledRegex:
    name: str
    regex: regex.Pattern[str]
    score: float | None
    validator: Validator | None
    #: a character every match contains (rules/gate.py): without it the pattern is not run
    gate: regex.Pattern[str] | None = None


@dataclass(frozen=True)
class DataRule:
    """A rule from a rule file, compiled."""

    id: str
    category: Category
    label: str
    basis: tuple[Citation, ...]
    score: float
    description: str = ""
    scope: str = "sentence"
    sequences: tuple[TokenSequence, ...] = ()
    near: tuple[tuple[Slot, ...], int] | None = None
    word_lexicons: frozenset[str] = frozenset()
    regexes: tuple[CompiledRegex, ...] = ()
    unless: tuple[TokenSequence, ...] = ()
    role: Literal["evidence", "fact"] = "evidence"
    review: bool = False
    alone_only: bool = False
    yields_to: frozenset[str] = frozenset()
    fact: str | None = None
    unquoted: bool = False
    sources: tuple[str, ...] = field(default=(), compare=False)  # the patterns as written
    examples: tuple[tuple[str, ...], tuple[str, ...]] = field(default=((), ()), compare=False)
    origin: str = field(default="", compare=False)  # file:line

    # -- what it needs ----------------------------------------------------------------------

    @cached_property
    def needs_any(self) -> frozenset[str] | None:
        """Classes of which a comment must hold one for this rule to match (None: any
        comment may match). Derived from the patterns: each sequence's rarest need."""
        if self.regexes:
            return None
        if self.word_lexicons:
            return self.word_lexicons
        if self.near is not None:
            return self.near[0][0].classes
        keys: set[str] = set()
        for need in map(_rarest, self.sequences):
            if need is None:
                return None
            keys |= need
        return frozenset(keys)

    @cached_property
    def _masks(self) -> tuple[_Needs | None, tuple[_Needs, ...], tuple[_Needs, ...]]:
        """Bit masks (rules/index.py) of what the rule needs besides its sequences (None:
        nothing), of what each sequence needs and of what each guard needs."""
        gate: _Needs | None = None
        if self.regexes:
            gate = None
        elif self.word_lexicons:
            gate = _needs_of([self.word_lexicons], [])
        elif self.near is not None:
            gate = _needs_of([s.classes for s in self.near[0]], [])
        elif not self.sequences:
            gate = (0, (0,))  # nothing to match with: never
        seqs = tuple(_needs_of(seq.needs, seq.word_needs) for seq in self.sequences)
        return gate, seqs, tuple(_needs_of(seq.needs, seq.word_needs) for seq in self.unless)

    def prepare(self) -> None:
        """Give every class and word of the rule its bit (before any comment's mask)."""
        _ = self._masks

    def may_match(self, a: Analysis) -> bool:
        """A cheap test: could this rule match at all? (derived from its patterns)"""
        if self.regexes:
            return True
        if self.word_lexicons:
            return any(lex in a.positions for lex in self.word_lexicons)
        if self.near is not None:
            return all(any(c in a.positions for c in s.classes) for s in self.near[0])
        return any(possible(seq, a) for seq in self.sequences)

    # -- matching ---------------------------------------------------------------------------

    def check(self, a: Analysis) -> list[Finding]:
        self.prepare()
        return self.check_present(a, present(a))

    def check_present(self, a: Analysis, mask: int) -> list[Finding]:
        """:meth:`check`, given the comment's :func:`~.index.present` mask."""
        gate = self._masks[0]
        if gate is not None and not _holds(mask, gate):
            return []
        if self.regexes:
            return self._regex_findings(a)
        matches = (
            self._word_matches(a)
            if self.word_lexicons
            else self._near_matches(a)
            if self.near is not None
            else self._pattern_matches(a, mask)
        )
        if self.unquoted and a.quoted:
            matches = [(m, h) for m, h in matches if not _reported(m, a.quoted)]
        if not matches:
            return []
        if self.unless:
            blocked = self._blocked_sentences(a, mask)
            if self.scope == "comment" and blocked:
                return []  # a guard anywhere in the comment (irony spans sentences)
            matches = [m for m in matches if a.tokens[m[0].first].sentence not in blocked]
        out = []
        for m, how in matches:
            start, end, text = a.span_text(m.first, m.end)
            why = explain_roles(a, m.roles) or f'"{text}"'
            out.append(finding_from(self, a, start, end, self.score, why, how))
        return out

    @cached_property
    def _runs(self) -> tuple[tuple[TokenSequence, int, tuple[int, ...], str], ...]:
        """Each sequence with its masks and how its findings say they matched."""
        return tuple(
            (seq, every, each, f"pattern: {seq.source}")
            for seq, (every, each) in zip(self.sequences, self._masks[1], strict=True)
        )

    def _pattern_matches(self, a: Analysis, mask: int) -> list[tuple[Match, str]]:
        found: list[tuple[Match, str]] = []
        scope = self.scope
        for seq, every, each, how in self._runs:  # a loop, not all(): most fail the first test
            if mask & every != every:
                continue
            for bit in each:
                if not mask & bit:
                    break
            else:
                found += [(match, how) for match in find(seq, a, scope)]
        if len(found) < 2:
            return found
        # one finding per stretch of text: the longest match that starts first
        found.sort(key=lambda mh: (mh[0].first, -mh[0].end))
        kept: list[tuple[Match, str]] = []
        for m, how in found:
            if not kept or m.first >= kept[-1][0].end:
                kept.append((m, how))
        return kept

    def _word_matches(self, a: Analysis) -> list[tuple[Match, str]]:
        out = []
        seen: set[int] = set()
        for lex in sorted(self.word_lexicons):
            for i in a.positions.get(lex, ()):
                if i in seen:
                    continue
                seen.add(i)
                end = max(a.ends_of(lex, i) or [i + 1])
                hit = next((h for h in a.tokens[i].hits if h.lexicon == lex), None)
                how = f"lexicon {lex}" + (f" ({hit.how}: {hit.lemma})" if hit else "")
                out.append((Match(i, end, ((lex, i, end),)), how))
        return out

    def _near_matches(self, a: Analysis) -> list[tuple[Match, str]]:
        assert self.near is not None
        slots, window = self.near
        places = [sorted({i for c in s.classes for i in a.positions.get(c, ())}) for s in slots]
        out = []
        for i in places[0]:
            lo, hi = scope_bounds(a, i, self.scope)
            chosen = [(i, i + 1)]
            for others in places[1:]:
                near = [j for j in others if lo <= j < hi and abs(j - i) <= window and j != i]
                if not near:
                    break
                j = min(near, key=lambda j: abs(j - i))
                chosen.append((j, j + 1))
            else:
                roles = tuple((s.role or "", f, e) for s, (f, e) in zip(slots, chosen, strict=True))
                first = min(f for f, _ in chosen)
                end = max(e for _, e in chosen)
                out.append((Match(first, end, roles), f"near (window {window})"))
                break  # one finding per comment is evidence enough
        return out

    def _blocked_sentences(self, a: Analysis, mask: int) -> set[int]:
        blocked: set[int] = set()
        for seq, needs in zip(self.unless, self._masks[2], strict=True):
            if _holds(mask, needs):
                blocked.update(a.tokens[m.first].sentence for m in find(seq, a, "sentence"))
        return blocked

    def _regex_findings(self, a: Analysis) -> list[Finding]:
        out = []
        timeout = REGEX_TIMEOUT + REGEX_SECONDS_PER_CHAR * len(a.text)
        for rx in self.regexes:
            if rx.gate is not None and rx.gate.search(a.text) is None:
                continue
            try:
                for m in rx.regex.finditer(a.text, concurrent=False, timeout=timeout):
                    if m.end() == m.start() or (rx.validator and not rx.validator(m.group())):
                        continue
                    score = rx.score if rx.score is not None else self.score
                    out.append(
                        finding_from(
                            self,
                            a,
                            m.start(),
                            m.end(),
                            score,
                            f'{rx.name} "{m.group()}"',
                            f"regex: {rx.name}",
                        )
                    )
            except TimeoutError:
                log.warning("rule %s: regex %s ran out of time", self.id, rx.name)
                a.timed_out.append(self.id)
        return out


def _rarest(seq: TokenSequence) -> frozenset[str] | None:
    """The need of ``seq`` that fewest comments meet (a lexicon before a closed class)."""
    if not seq.needs:
        return None
    return min(seq.needs, key=lambda need: (any(c[0] in "@#" for c in need), len(need)))


#: a sequence's needs as bits: one mask of which the comment must hold EVERY bit (needs of
#: one class), and masks of which it must hold at least one bit each
_Needs = tuple[int, tuple[int, ...]]


def _needs_of(needs: Iterable[Iterable[str]], words: Iterable[Iterable[str]]) -> _Needs:
    every = 0
    each: list[int] = []
    for need in needs:
        need = frozenset(need)
        if len(need) == 1:
            every |= class_mask(need)
        else:
            each.append(class_mask(need))
    each += [word_mask(w) for w in words]
    return every, tuple(each)


def _holds(mask: int, needs: _Needs) -> bool:
    every, each = needs
    return mask & every == every and all(mask & m for m in each)


def lexicons_of(rule: DataRule) -> set[str]:
    """Every lexicon id a rule names (to check that each exists)."""
    names: set[str] = set(rule.word_lexicons)
    seqs: Sequence[TokenSequence] = (*rule.sequences, *rule.unless)
    names |= {lex for seq in seqs for lex in seq.lexicons}
    if rule.near:
        names |= {c for s in rule.near[0] for c in s.classes if c[0] not in "@#"}
    return names


#: roles whose words decide a finding: when they stand in quotation marks, the writer reports
#: what someone else said ("han sa 'din idiot' till chauffören") instead of saying it
_DECISIVE_ROLES = frozenset({"insult", "harm", "contempt", "crime", "threat", "swearing", "fault"})


def _reported(m: Match, quoted: frozenset[int]) -> bool:
    """Is the match quoted speech: all of it, or its decisive word, inside quotation marks?"""
    if quoted.issuperset(range(m.first, m.end)):
        return True
    return any(
        role in _DECISIVE_ROLES and quoted.issuperset(range(first, end))
        for role, first, end in m.roles
    )
