"""Rules: the objects that turn an Analysis into Findings.

A rule from a TOML file becomes a :class:`DataRule`; a plugin may also register any object that
satisfies the :class:`Rule` protocol (an id, a category, a label, a basis and ``check``).
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple, Protocol, runtime_checkable

import regex

from ._analysis import Analysis, LexHit
from ._models import Category, Citation, Finding, build
from ._prefilter import Required, Starts
from ._schema import RuleSpec

__all__ = ["DataRule", "Rule", "RuleMatch", "Validator"]

log = logging.getLogger("kommentar_regler")


Validator = Callable[[str], bool]
_PLACEHOLDER = regex.compile(r"\{([a-z_][a-z0-9_]*)\}")  # {6} stays a quantifier


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

    def check(self, analysis: Analysis) -> Iterable[Finding]: ...


class RuleMatch(NamedTuple):
    """Where a rule matched, in canonical-text coordinates, and why.

    A NamedTuple (immutable, built by position or by name): rules make many of them.
    """

    start: int
    end: int
    why: str
    matched_by: str


def finding_from(rule: Rule, analysis: Analysis, m: RuleMatch, score: float) -> Finding:
    """Build a Finding whose offsets point into the ORIGINAL text."""
    start, end = analysis.original_span(m.start, m.end)
    values = {
        "rule_id": rule.id,
        "category": rule.category,
        "label": rule.label,
        "start": start,
        "end": end,
        "text": analysis.norm.original[start:end],
        "score": score,
        "explanation": m.why,
        "matched_by": m.matched_by,
        "basis": rule.basis,
    }
    return build(Finding, values, set(values))


def expand_placeholders(pattern: str, forms_of: Callable[[str], Sequence[str]]) -> str:
    """Replace ``{lexicon}`` with an alternation of the lexicon's forms, longest first."""

    def repl(m: regex.Match[str]) -> str:
        forms = sorted(forms_of(m.group(1)), key=lambda f: (-len(f), f))
        return r"\b(?:" + "|".join(regex.escape(f) for f in forms) + r")\b"

    return _PLACEHOLDER.sub(repl, pattern)


def placeholders(pattern: str) -> list[str]:
    return _PLACEHOLDER.findall(pattern)


_LEADING_PLACEHOLDER = regex.compile(r"^(?:\\b)?\{([a-z_][a-z0-9_]*)\}(?![?*]|\{0)")


def leading_placeholder(pattern: str) -> str | None:
    """The lexicon a pattern starts with: it is then tried only where that lexicon was found."""
    m = _LEADING_PLACEHOLDER.match(pattern)
    return m.group(1) if m else None


def required_placeholders(pattern: str) -> frozenset[str]:
    """Lexicons a pattern cannot match without: placeholders outside every group, in a
    pattern with no top-level alternation, and not made optional by a quantifier."""
    depth = 0
    in_class = False
    escaped = False
    required: set[str] = set()
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return frozenset()
        elif c == "{" and depth == 0 and (m := _PLACEHOLDER.match(pattern, i)):
            after = pattern[m.end() : m.end() + 2]
            if not (after[:1] in ("?", "*") or after == "{0"):
                required.add(m.group(1))
            i = m.end()
            continue
        i += 1
    return frozenset(required)


class CompiledPattern:
    """A rule's patterns as compiled: one regex for all patterns that can run in one scan,
    and one per pattern that starts with a lexicon (tried only where that lexicon's words are).
    Named groups ``p0``, ``p1``, ... say which of the rule's patterns matched.

    The regex is compiled the first time it is needed, not when the engine is built: with
    their lexicons written out the built-in patterns are 50,000 characters, which the regex
    module takes 0.4 s to compile, and most comments need only a few of them. The loader has
    already compiled each pattern with its lexicons left out (:func:`skeleton`), so a pattern
    that does not compile is reported when the engine is built, not here.
    """

    __slots__ = ("_regex", "gate", "leading", "needs", "source", "starts")

    def __init__(
        self,
        source: str,
        needs: frozenset[str],
        leading: str | None,
        starts: Starts | None,
        gate: Required | None = None,
        compiled: regex.Pattern[str] | None = None,
    ) -> None:
        self.source = source  # the pattern with its lexicons written out
        self.needs = needs  # lexicons without which it cannot match
        self.leading = leading  # the lexicon it starts with
        self.starts = starts  # the literals every match starts with (None: unknown)
        self.gate = gate  # literals every match holds one of, wherever it starts
        self._regex: regex.Pattern[str] | None = compiled  # the loader's, if it has it

    @property
    def regex(self) -> regex.Pattern[str]:
        compiled = self._regex
        if compiled is None:  # two threads may both compile it: the same result, no harm
            compiled = self._regex = regex.compile(self.source)
        return compiled

    @property
    def gate_key(self) -> int:
        """The key of :attr:`gate` in the engine's StartIndex (``id`` is the starts' key)."""
        return ~id(self)

    def __repr__(self) -> str:
        return f"CompiledPattern({self.source[:60]!r}..., leading={self.leading!r})"


# a {placeholder} inside [...] (escapes skipped)
_PLACEHOLDER_IN_SET = regex.compile(r"\[(?:\\.|[^\]\\])*\{[a-z_][a-z0-9_]*\}(?:\\.|[^\]\\])*\]")


# only groups, alternatives, \b and words before it: "(?:{roller}|\b(?:han|hon)\b)"
_BEFORE_ANY_TEXT = regex.compile(r"(?:\\b|[()?:|]|[^\W\d_])*+\Z")


def analysis_form(pattern: str, forms_of: Callable[[str], Sequence[str]]) -> str:
    """``pattern`` as the literal analysis (:mod:`._prefilter`) reads it: a lexicon that may
    be where a match starts is written out (its words are where it can start); one further in
    stands for "some text" (``[\\s\\S]+``). That matches more, never less, so the
    analysis stays sound; it only knows a little less (those words are not required), and it
    reads a pattern a tenth the size (written out, the built-in lexicons made the analysis
    take 0.1 s of the engine's start-up)."""
    if _PLACEHOLDER_IN_SET.search(pattern):  # "[{lex}]" is no text to stand in for
        return expand_placeholders(pattern, forms_of)
    pieces = []
    last = 0
    for m in _PLACEHOLDER.finditer(pattern):
        pieces.append(pattern[last : m.start()])
        if _BEFORE_ANY_TEXT.match(pattern[: m.start()]):  # it may be where a match starts
            pieces.append(expand_placeholders(m.group(), forms_of))
        else:
            pieces.append(r"[\s\S]+")
        last = m.end()
    pieces.append(pattern[last:])
    return "".join(pieces)


def skeleton(pattern: str) -> str:
    """``pattern`` with each ``{lexicon}`` written as :func:`expand_placeholders` writes it,
    but with one word: it compiles exactly when the whole pattern does, in a fraction of the
    time (the placeholder stands where a group of plain words will)."""
    return _PLACEHOLDER.sub(r"\\b(?:x)\\b", pattern)


@dataclass(frozen=True)
class Triggers:
    """A cheap test run before a rule's regexes: does the comment hold any of these words?"""

    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    lexicons: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, items: Sequence[str]) -> Triggers:
        words, prefixes, suffixes, lexicons = set(), [], [], set()
        for item in items:
            if m := _PLACEHOLDER.fullmatch(item):
                lexicons.add(m.group(1))
            elif item.endswith("*"):
                prefixes.append(item[:-1])
            elif item.startswith("*"):
                suffixes.append(item[1:])
            else:
                words.add(item)
        return cls(frozenset(words), tuple(prefixes), tuple(suffixes), frozenset(lexicons))

    def present(self, analysis: Analysis) -> bool:
        words = analysis.words
        if not self.words.isdisjoint(words):
            return True
        if self.lexicons and not self.lexicons.isdisjoint(analysis.by_lexicon):
            return True
        blob = analysis.word_blob
        return any(" " + p in blob for p in self.prefixes) or any(
            s + " " in blob for s in self.suffixes
        )


@dataclass(frozen=True)
class DataRule:
    """A rule written in a TOML file."""

    spec: RuleSpec
    source: str
    compiled: tuple[CompiledPattern, ...] = ()
    guards: tuple[regex.Pattern[str], ...] = ()
    guard_gates: tuple[Required | None, ...] = ()  # per guard: literals it cannot match without
    requires: tuple[str, ...] = ()
    validator: Validator | None = None
    basis: tuple[Citation, ...] = field(default=())
    triggers: Triggers | None = None

    @cached_property
    def _whys(self) -> dict[str | None, str]:
        """Group name (``p0``, ``p1``, ...) -> "pattern 1 of 3 matched": made once."""
        n = len(self.spec.patterns)
        whys: dict[str | None, str] = {
            f"p{i}": _why(i, n, self.spec.validate_with) for i in range(n)
        }
        whys[None] = whys.get("p0", "")
        return whys

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def category(self) -> Category:
        return self.spec.category

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def role(self) -> str:
        return self.spec.role

    def check(self, analysis: Analysis) -> list[Finding]:
        """The rule's findings; tries its patterns only when one of its triggers is there."""
        if self.triggers is not None and not self.triggers.present(analysis):
            return []
        return self.run(analysis)

    def run(self, analysis: Analysis) -> list[Finding]:
        """``check`` without the trigger test, for callers that already did it (the index)."""
        if self.requires:
            by_lex = analysis.by_lexicon
            if any(lex not in by_lex for lex in self.requires):
                return []
        spec = self.spec
        if spec.lexicons:
            matches = list(self._lexicon_matches(analysis))
        elif spec.near is not None:
            matches = list(self._near_matches(analysis))
        else:
            matches = self._pattern_matches(analysis)
        if not matches:
            return []
        if self.guards:
            # one search per sentence, not one per match
            verdicts: dict[tuple[int, int], bool] = {}
            matches = [m for m in matches if not self._guarded(analysis, m, verdicts)]
        return [finding_from(self, analysis, m, spec.score) for m in matches]

    # -- the three ways a rule matches ----------------------------------------------------

    def _lexicon_matches(self, analysis: Analysis) -> Iterable[RuleMatch]:
        for lex in self.spec.lexicons:
            for h in analysis.by_lexicon.get(lex, ()):
                start, end = analysis.canonical_span_of_hit(h)
                yield RuleMatch(start, end, _describe_hit(h), "lexicon")

    def _near_matches(self, analysis: Analysis) -> Iterable[RuleMatch]:
        assert self.spec.near is not None
        lexicons = self.spec.near.lexicons
        window = self.spec.near.window
        first, *others = (analysis.by_lexicon.get(lex, []) for lex in lexicons)
        if not all(others):
            return
        # hits come in text order, so their word numbers are sorted: bisect the window
        positions = [[h.word for h in hits] for hits in others]
        for anchor in first:
            group = [anchor]
            for hits, words in zip(others, positions, strict=True):
                lo = bisect_left(words, anchor.word - window)
                hi = bisect_right(words, anchor.word + window)
                close = [h for h in hits[lo:hi] if h is not anchor]
                if not close:
                    break
                group.append(min(close, key=lambda h: abs(h.word - anchor.word)))
            else:
                spans = [analysis.canonical_span_of_hit(h) for h in group]
                start = min(s for s, _ in spans)
                end = max(e for _, e in spans)
                why = " + ".join(_describe_hit(h) for h in group)
                yield RuleMatch(start, end, f"{why}, within {window} words", "near")

    def _pattern_matches(self, analysis: Analysis) -> list[RuleMatch]:
        text = analysis.canonical
        out: list[RuleMatch] = []
        for cp in self.compiled:
            if cp.needs and any(lex not in analysis.by_lexicon for lex in cp.needs):
                continue
            possible = None if cp.leading is not None else analysis.possible_starts(cp)
            if possible is not None and not possible:
                continue  # none of its start words is in the comment
            try:
                matches = self._run_pattern(cp, analysis, text, possible)
            except TimeoutError:
                log.warning("rule %s: a pattern timed out; skipped for this comment", self.id)
                analysis.timed_out.append(self.id)
                continue
            for m in matches:
                if m.end() == m.start():
                    continue
                if self.validator is not None and not self.validator(m.group()):
                    continue
                start, end = m.span()
                out.append(RuleMatch(start, end, self._whys[m.lastgroup], "pattern"))
        return out

    def _run_pattern(
        self, cp: CompiledPattern, analysis: Analysis, text: str, possible: list[int] | None
    ) -> list[regex.Match[str]]:
        """The matches of one compiled pattern, trying it only where it can start
        (``possible``, from :meth:`Analysis.possible_starts`; None: anywhere)."""
        pattern = cp.regex
        timeout = analysis.regex_timeout
        if cp.leading is not None:  # only where its lexicon's words were found
            hits = analysis.by_lexicon[cp.leading]
            starts = sorted({analysis.canonical_span_of_hit(h)[0] for h in hits})
            return [m for pos in starts if (m := match_at(pattern, text, pos, timeout))]
        if self.spec.anchor == "sentence_start":
            if possible is None:
                sentence_starts = analysis.sentence_starts
            else:
                sentence_starts = [p for p in possible if analysis.begins_sentence(p)]
            return [m for pos in sentence_starts if (m := match_at(pattern, text, pos, timeout))]
        if possible is None:
            return find_all(pattern, text, 0, timeout)
        if len(possible) * CHARS_PER_TRY > len(text) - possible[0]:
            return find_all(pattern, text, possible[0], timeout)  # dense: one scan is cheaper
        # what finditer would find: the first match at or after each start, none overlapping
        out = []
        end = 0
        for pos in possible:
            if pos >= end and (m := match_at(pattern, text, pos, timeout)):
                out.append(m)
                end = m.end()
        return out

    def _guarded(
        self, analysis: Analysis, m: RuleMatch, verdicts: dict[tuple[int, int], bool]
    ) -> bool:
        if self.spec.unless_scope == "comment":
            span = (0, len(analysis.canonical))
        else:
            span = analysis.sentence_of(m.start, m.end)
        verdict = verdicts.get(span)
        if verdict is None:
            verdict = verdicts[span] = self._guard_matches(analysis, *span)
        return verdict

    def _guard_matches(self, analysis: Analysis, start: int, end: int) -> bool:
        sentence = analysis.canonical[start:end]
        timeout = analysis.regex_timeout
        gates = self.guard_gates or (None,) * len(self.guards)
        try:
            for guard, gate in zip(self.guards, gates, strict=True):
                if gate is not None and not analysis.may_hold(~id(guard), gate):
                    continue  # none of the words it needs is in the comment
                if search(guard, sentence, 0, timeout):
                    return True
            return False
        except TimeoutError:
            log.warning("rule %s: guard timed out; finding kept", self.id)
            analysis.timed_out.append(self.id)
            return False


#: Trying a pattern at one position costs about as much as scanning this many characters
#: (measured on the built-in rules); with denser starts one scan from the first is cheaper.
CHARS_PER_TRY = 6


# The regex module parses keyword arguments slowly (1-2 µs a call, as much as a short match
# takes), so these helpers pass them by position; tests/test_prefilter.py checks that the
# timeout still applies, in case a new release of regex reorders them. They also pass
# concurrent=False: by default regex lets go of the GIL while it matches and takes it back
# again and again, and while other threads are busy each taking-back waits for them, so a
# 0.1 ms match took seconds and ran out of time (a threat went unseen in an 8-thread test).
# Holding the GIL keeps the time limit about the match alone, and saves about 1 µs a call.
def match_at(
    pattern: regex.Pattern[str], text: str, pos: int, timeout: float
) -> regex.Match[str] | None:
    """``pattern.match(text, pos, timeout=timeout)``."""
    return pattern.match(text, pos, len(text), False, False, timeout)  # type: ignore[call-arg]


def search(
    pattern: regex.Pattern[str], text: str, pos: int, timeout: float
) -> regex.Match[str] | None:
    """``pattern.search(text, pos, timeout=timeout)``."""
    return pattern.search(text, pos, len(text), False, False, timeout)  # type: ignore[call-arg]


def find_all(
    pattern: regex.Pattern[str], text: str, pos: int, timeout: float
) -> list[regex.Match[str]]:
    """``list(pattern.finditer(text, pos, timeout=timeout))``."""
    return list(pattern.finditer(text, pos, len(text), False, False, False, timeout))  # type: ignore[call-arg]


def _why(n: int, patterns: int, validated_by: str | None) -> str:
    """ "pattern 2 of 5 matched"."""
    why = f"pattern {n + 1} of {patterns} matched"
    if validated_by is not None:
        why += f", and {validated_by} validated it"
    return why


_HOW = {"exact": "", "genitive": " (genitive)", "compound": " (in a compound)"}


def _describe_hit(h: LexHit) -> str:
    hit = h.hit
    how = _HOW.get(hit.how)
    if how is None:
        how = f" (written to hide it: {hit.how})"
    return f"word {hit.form!r} of lexicon {hit.lexicon!r}{how}"
