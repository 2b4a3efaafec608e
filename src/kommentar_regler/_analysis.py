"""Per-comment analysis: tokens, lexicon words found, and the canonical text rules match.

The canonical text is the normalised text with every obfuscated lexicon word written out in
full (``d 0 d a`` -> ``döda``), so that a rule pattern written for plain Swedish also catches
the hidden spelling. Every span of it maps back to the original comment.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import regex

from ._lexicon import LexiconMatcher, WordHit
from ._prefilter import Required, StartIndex, by_key
from ._text import NormText
from ._tokens import ChunkTokenizer, Token

if TYPE_CHECKING:
    from ._rules import CompiledPattern

__all__ = ["Analysis", "ChunkFacts", "LexHit", "analyse", "chunk_facts", "hides_a_word"]

#: Seconds one regular expression may run on a short comment, plus a little per character so
#: that a long text gets a fair chance; a pattern that runs out of time is reported.
REGEX_TIMEOUT = 0.25
REGEX_SECONDS_PER_CHAR = 2e-5  # 2 s more for 100,000 characters

# A sentence ends at . ! ? or a line break (comments often put one sentence on each line).
_SENTENCE_END = regex.compile(r"[.!?\n]+\s*")
_SENTENCE_START = regex.compile(r"(?:^|[.!?\n])[^\w.!?\n]*(?=\w)")
_BEGINS_SENTENCE = regex.compile(r"(?<=(?:^|[.!?\n])[^\w.!?\n]*+)(?=\w)")
_PLAIN_HOWS = frozenset(("exact", "genitive", "compound"))
# A letter next to a digit or symbol: where leetspeak and masks hide words (j@vla, 1d10t, f*tta).
_INNER_SYMBOL = regex.compile(r"\p{L}[\d@$€!|+*#%_?]|[\d@$€!|+*#%_?]\p{L}")
_EDGE_PUNCT = ".,!?:;\"'()[]"
_OTHER_DIGIT = regex.compile(r"(?![0-9])\d")


class LexHit(NamedTuple):
    """A lexicon word found at ``[start, end)`` of the normalised text; ``word`` is its index."""

    start: int
    end: int
    word: int
    hit: WordHit


class _cached:
    """Like ``functools.cached_property`` without its lock (Python 3.11 takes one on every
    first access, which costs more than the values it guards; an Analysis is never shared)."""

    def __init__(self, fn: Any) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __get__(self, obj: Any, cls: Any = None) -> Any:
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value


@dataclass
class Analysis:
    """Everything the rules need to know about one comment, computed once."""

    norm: NormText
    #: (offset, tokens with offsets from the chunk's start) per space-separated chunk
    chunks: Sequence[tuple[int, tuple[Token, ...]]]
    hits: list[LexHit]
    canonical: str
    # (canonical start, normalised start, normalised end, replaced) per segment
    _segments: Sequence[tuple[int, int, int, bool]] = ()
    _segment_starts: Sequence[int] = ()
    # rules whose regex ran out of time on this comment: the decision asks for a person
    timed_out: list[str] = field(default_factory=list)
    # the engine's index of where rule patterns can start (None: patterns scan everything)
    start_index: StartIndex | None = None
    # the rules whose triggers the tokens and lexicon words hold (None: the rule index
    # works it out)
    word_rules: int | None = None
    # (offset, literals found in it) per chunk of the normalised text, from the tokenizer's
    # cache (None: scan the text)
    chunk_literals: list[tuple[int, Any]] | None = None

    @_cached
    def tokens(self) -> list[Token]:
        """spaCy's tokens of the normalised text, as ``(offset, text)``."""
        return _placed_tokens(self.chunks)

    @_cached
    def n_words(self) -> int:
        """How many tokens there are (the engine counts them without putting them together)."""
        return len(self.tokens)

    @_cached
    def regex_timeout(self) -> float:
        """Seconds a regex may run on this comment: more for longer text, never unbounded."""
        return REGEX_TIMEOUT + len(self.canonical) * REGEX_SECONDS_PER_CHAR

    @_cached
    def by_lexicon(self) -> dict[str, list[LexHit]]:
        out: dict[str, list[LexHit]] = defaultdict(list)
        for h in self.hits:
            out[h.hit.lexicon].append(h)
        return dict(out)

    @_cached
    def words(self) -> frozenset[str]:
        """Every token of the normalised text, and every lexicon form found (for triggers)."""
        out = {text for _, text in self.tokens}
        out.update(h.hit.form for h in self.hits)
        return frozenset(out)

    @_cached
    def word_blob(self) -> str:
        """``words`` joined as " a b c ": a prefix test is one substring search."""
        return " " + " ".join(self.words) + " "

    @_cached
    def sentence_starts(self) -> list[int]:
        """Canonical offsets where a sentence's first word begins."""
        return sorted({m.end() for m in _SENTENCE_START.finditer(self.canonical)})

    @_cached
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans of the canonical text."""
        spans = []
        start = 0
        for m in _SENTENCE_END.finditer(self.canonical):
            spans.append((start, m.end()))
            start = m.end()
        spans.append((start, len(self.canonical)))
        return spans

    def begins_sentence(self, pos: int) -> bool:
        """Is ``pos`` in :attr:`sentence_starts`? (One look back, not a scan of the text.)"""
        text = self.canonical
        # the common "ord ord": a letter, then nothing or a space, right before pos
        if pos >= 1:
            before = text[pos - 1]
            if before.isalpha() or (before == " " and pos >= 2 and text[pos - 2].isalpha()):
                return False
        # concurrent=False: keep the GIL (see _rules.match_at); by position, as it is faster
        return _BEGINS_SENTENCE.match(text, pos, len(text), False) is not None

    @_cached
    def literal_starts(self) -> dict[int, list[int]]:
        """Pattern key -> where its start literals occur (see :class:`StartIndex`)."""
        index = self.start_index
        if index is None:
            return {}
        if self.chunk_literals is None or self._segments or index.spaced:
            return index.scan(self.canonical)
        # the canonical text is the normalised one: the chunks' literals, found once each
        return by_key(self.chunk_literals)

    @_cached
    def other_digits(self) -> bool:
        """Does the text hold a decimal digit other than 0-9 (which ``\\d`` also matches)?"""
        text = self.canonical
        # U+0660 (Arabic-Indic zero) is the first decimal digit after 9: below it, none
        if not text or text.isascii() or max(text) < "\u0660":
            return False
        return _OTHER_DIGIT.search(text) is not None

    def may_hold(self, key: int, required: Required) -> bool:
        """False if the engine's index knows ``key`` and none of its literals is in the text."""
        index = self.start_index
        if index is None or key not in index.keys or key in self.literal_starts:
            return True
        return required.digits and self.other_digits

    def possible_starts(self, pattern: CompiledPattern) -> list[int] | None:
        """Sorted canonical offsets where ``pattern`` can start; None: it may start anywhere."""
        index = self.start_index
        starts = pattern.starts
        if index is None:
            return None
        if starts is None:
            gate = pattern.gate
            if gate is None or self.may_hold(pattern.gate_key, gate):
                return None  # it may match: scan the text
            return []  # none of the literals it needs is there
        if id(pattern) not in index.keys:
            return None
        found = self.literal_starts.get(id(pattern))
        if found is None and not starts.at_start and not starts.digits:
            return []  # none of its start words is there (the common case: decided at once)
        if pattern.gate is not None and not self.may_hold(pattern.gate_key, pattern.gate):
            return []  # it starts here and there, but a word it needs is missing
        if starts.digits and self.other_digits:
            return None
        positions = sorted(set(found)) if found and len(found) > 1 else list(found or ())
        if starts.at_start and (not positions or positions[0] != 0):
            positions.insert(0, 0)
        return positions

    @_cached
    def _sentence_begins(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_of(self, start: int, end: int) -> tuple[int, int]:
        """The canonical span of the sentence(s) that ``[start, end)`` lies in."""
        begins = self._sentence_begins
        first = self.sentences[max(bisect_right(begins, start) - 1, 0)]
        last = self.sentences[max(bisect_right(begins, max(end - 1, start)) - 1, 0)]
        return first[0], max(first[1], last[1])

    def canonical_to_norm(self, start: int, end: int) -> tuple[int, int]:
        if not self._segments:
            return start, end
        return self._norm_pos(start, is_end=False), self._norm_pos(end, is_end=True)

    def _norm_pos(self, pos: int, is_end: bool) -> int:
        i = bisect_right(self._segment_starts, pos - (1 if is_end else 0)) - 1
        i = max(i, 0)
        canon_start, norm_start, norm_end, replaced = self._segments[i]
        if replaced:
            return norm_end if is_end else norm_start
        return min(norm_start + (pos - canon_start), norm_end)

    def original_span(self, canon_start: int, canon_end: int) -> tuple[int, int]:
        """The span of the ORIGINAL text behind a span of the canonical text."""
        if not self._segments and self.norm.starts is None:  # all three texts align
            return canon_start, canon_end
        return self.norm.original_span(*self.canonical_to_norm(canon_start, canon_end))

    @_cached
    def _replaced(self) -> dict[tuple[int, int], int]:
        return {(ns, ne): cs for cs, ns, ne, replaced in self._segments if replaced}

    def canonical_span_of_hit(self, h: LexHit) -> tuple[int, int]:
        """Where a lexicon hit lies in the canonical text."""
        if not self._segments:
            return h.start, h.end
        canon_start = self._replaced.get((h.start, h.end))
        if canon_start is not None:
            return canon_start, canon_start + len(h.hit.form)
        return self._canonical_pos(h.start), self._canonical_pos(h.end)

    @_cached
    def _norm_starts(self) -> list[int]:
        return [ns for _, ns, _, _ in self._segments]

    def _canonical_pos(self, norm_pos: int) -> int:
        i = max(bisect_right(self._norm_starts, norm_pos) - 1, 0)
        canon_start, norm_start, _, replaced = self._segments[i]
        return canon_start if replaced else canon_start + (norm_pos - norm_start)


def _only_space_or_dot(between: str) -> bool:
    """What may stand between spaced-out letters: white space, or one dot or dash."""
    return len(between) <= 8 and between.strip() in ("", ".", "-", "_")


def _is_spaced_letter(tok_text: str) -> bool:
    return len(tok_text) == 1 and tok_text.isalpha()


class Words(Protocol):
    """Where :func:`analyse` looks words up (the engine's :class:`~._dispatch.WordTable`)."""

    matcher: LexiconMatcher

    def get(self, word: str) -> tuple[tuple[WordHit, ...], int, bool] | None: ...
    def add(self, word: str) -> tuple[tuple[WordHit, ...], int, bool]: ...
    def hit_rules(self, hit: WordHit) -> int: ...


class ChunkFacts(NamedTuple):
    """What a space-separated chunk holds, worked out once per distinct chunk
    (:func:`chunk_facts`); offsets and word numbers count from the chunk's start."""

    hits: tuple[LexHit, ...]
    rules: int  # the rules whose triggers its tokens and lexicon words hold
    singles: int  # single-letter tokens: spelled-out words ("H o r a") are made of them
    literals: Any  # what StartIndex.occurrences found in it


def chunk_facts(
    chunk: str,
    tokens: tuple[Token, ...],
    glued: bool,
    words: Words,
    start_index: StartIndex | None = None,
) -> ChunkFacts:
    """The lexicon words and trigger rules of one chunk (``tokens`` are spaCy's, ``glued``
    when :func:`hides_a_word` flagged it), and where literals of ``start_index`` occur.

    A lexicon word never reaches across a space, except a spelled-out one (which
    :func:`analyse` finds), so the words of a comment are those of its chunks.
    """
    found: list[LexHit] = []
    rules = 0
    singles = 0
    get = words.get
    for i, (idx, tok_text) in enumerate(tokens):
        info = get(tok_text)
        if info is None:
            info = words.add(tok_text)
        word_hits, bits, single = info
        rules |= bits
        if word_hits:
            for hit in word_hits:
                found.append(LexHit(idx, idx + len(tok_text), i, hit))
        elif single:
            singles += 1
    if glued:  # a word spaCy split but the writer did not separate (1d10 + t, j + ** + vla)
        start, (last_idx, last_text) = tokens[0][0], tokens[-1]
        end = last_idx + len(last_text)
        for hit in words.matcher.lookup(chunk[start:end]):
            found.append(LexHit(start, end, 0, hit))
    hits = tuple(_drop_contained(found))
    for h in hits:  # a hidden word counts as written out: "1d10t" as "idiot"
        rules |= words.hit_rules(h.hit)
    literals = start_index.occurrences(chunk) if start_index is not None else ()
    return ChunkFacts(hits, rules, singles, literals)


def analyse(
    norm: NormText,
    tokenizer: ChunkTokenizer,
    words: Words,
    start_index: StartIndex | None = None,
) -> Analysis:
    """Tokens, lexicon words and trigger rules of ``norm.text``, from the facts of its chunks
    (``tokenizer`` notes them with :func:`chunk_facts`): one dict lookup per chunk, and the
    tokens are put together only if a rule asks for them."""
    text = norm.text
    cached = tokenizer.cached
    placed: list[tuple[int, tuple[Token, ...]]] = []
    found: list[LexHit] = []
    literals: list[tuple[int, Any]] = []
    rules = 0
    singles = 0
    n = 0  # tokens so far
    pos = 0
    for chunk in text.split(" "):
        if chunk:
            known = cached(chunk)
            if known is None:
                known = tokenizer.learn(chunk)
            tokens, _, (hits, bits, chunk_singles, chunk_literals) = known
            placed.append((pos, tokens))
            if hits:
                found += [LexHit(pos + h[0], pos + h[1], n + h[2], h[3]) for h in hits]
            rules |= bits
            singles += chunk_singles
            if chunk_literals:
                literals.append((pos, chunk_literals))
            n += len(tokens)
        pos += len(chunk) + 1
    if singles >= 3:
        spelled = [
            LexHit(start, end, word, hit)
            for start, end, word, surface in _spaced_letters(text, _placed_tokens(placed))
            for hit in words.matcher.lookup(surface)
        ]
        if spelled:
            found = _drop_contained(found + spelled)
            for h in spelled:
                rules |= words.hit_rules(h.hit)
    analysis = _with_canonical(norm, placed, found)
    analysis.n_words = n
    analysis.start_index = start_index
    analysis.word_rules = rules
    analysis.chunk_literals = literals
    return analysis


def _placed_tokens(chunks: Sequence[tuple[int, tuple[Token, ...]]]) -> list[Token]:
    """The tokens of the chunks, with offsets into the whole text."""
    return [(pos + offset, text) for pos, tokens in chunks for offset, text in tokens]


def hides_a_word(chunk: str) -> bool:
    """Is this chunk, which spaCy split into several tokens, one word hidden behind digits or
    symbols (``1d10t``, ``j**vla``)? Not a word with its full stop or question mark."""
    core = chunk.strip(_EDGE_PUNCT)
    return bool(_INNER_SYMBOL.search(core)) and any(c.isalpha() for c in core)


def _spaced_letters(text: str, tokens: list[Token]) -> list[tuple[int, int, int, str]]:
    """Spaced-out letters: "H o r a", "i d i o t" (three or more single letters in a row)."""
    out = []
    n = len(tokens)
    i = 0
    while i < n:
        j = i
        while (
            j < n
            and _is_spaced_letter(tokens[j][1])
            and (j == i or _only_space_or_dot(text[tokens[j - 1][0] + 1 : tokens[j][0]]))
        ):
            j += 1
        if j - i >= 3:
            start, end = tokens[i][0], tokens[j - 1][0] + 1
            out.append((start, end, i, "".join(t for _, t in tokens[i:j])))
            i = j
        else:
            i += 1
    return out


def _drop_contained(hits: list[LexHit]) -> list[LexHit]:
    """Keep the longest hit where hits of one lexicon overlap (``1d10t`` over ``1d10``).

    One sweep in order of start: a hit inside the furthest-reaching earlier hit of its lexicon
    is dropped. Linear after the sort, so a megabyte of text stays fast.
    """
    if len(hits) < 2:
        return hits
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    reach: dict[str, tuple[int, int]] = {}  # lexicon -> (start, end) of the widest hit so far
    kept: list[LexHit] = []
    for h in hits:
        lex = h.hit.lexicon
        widest = reach.get(lex)
        if widest is not None and h.end <= widest[1] and (h.start, h.end) != widest:
            continue
        if widest is None or h.end > widest[1]:
            reach[lex] = (h.start, h.end)
        kept.append(h)
    return kept


def _with_canonical(
    norm: NormText, chunks: Sequence[tuple[int, tuple[Token, ...]]], hits: list[LexHit]
) -> Analysis:
    if not hits:
        return Analysis(norm, chunks, hits, norm.text)
    replaced = sorted(
        {(h.start, h.end): h.hit.form for h in hits if h.hit.how not in _PLAIN_HOWS}.items()
    )
    if not replaced:
        return Analysis(norm, chunks, hits, norm.text)
    text = norm.text
    pieces: list[str] = []
    segments: list[tuple[int, int, int, bool]] = []
    pos = 0
    canon = 0
    for (start, end), form in replaced:
        if start < pos:  # overlapping replacement: the first one wins
            continue
        if start > pos:
            segments.append((canon, pos, start, False))
            pieces.append(text[pos:start])
            canon += start - pos
        segments.append((canon, start, end, True))
        pieces.append(form)
        canon += len(form)
        pos = end
    segments.append((canon, pos, len(text), False))
    pieces.append(text[pos:])
    return Analysis(norm, chunks, hits, "".join(pieces), segments, [s[0] for s in segments])
