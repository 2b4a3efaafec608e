"""Per-comment analysis: tokens, lexicon words found, and the canonical text rules match.

The canonical text is the normalised text with every obfuscated lexicon word written out in
full (``d 0 d a`` -> ``döda``), so that a rule pattern written for plain Swedish also catches
the hidden spelling. Every span of it maps back to the original comment.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import regex
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH
from spacy.tokens import Doc

from ._lexicon import LexiconMatcher, WordHit
from ._text import NormText

__all__ = ["Analysis", "LexHit", "Token", "analyse", "tokens_of"]

_SENTENCE_END = regex.compile(r"[.!?\n]+\s*|\s{2,}")
_PLAIN_HOWS = frozenset(("exact", "genitive", "compound"))


@dataclass(frozen=True, slots=True)
class LexHit:
    """A lexicon word found at ``[start, end)`` of the normalised text; ``word`` is its index."""

    start: int
    end: int
    word: int
    hit: WordHit


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark of the normalised text (spaCy's token, flattened)."""

    idx: int
    text: str
    is_punct: bool


def tokens_of(doc: Doc) -> list[Token]:
    """The non-space tokens of ``doc``; one array call instead of a Token object per word."""
    text = doc.text
    return [
        Token(idx, text[idx : idx + length], bool(punct))
        for idx, length, punct, space in doc.to_array([IDX, LENGTH, IS_PUNCT, IS_SPACE]).tolist()
        if not space
    ]


@dataclass
class Analysis:
    """Everything the rules need to know about one comment, computed once."""

    norm: NormText
    tokens: list[Token]
    hits: list[LexHit]
    canonical: str
    # (canonical start, normalised start, normalised end, replaced) per segment
    _segments: list[tuple[int, int, int, bool]] = field(default_factory=list)
    _segment_starts: list[int] = field(default_factory=list)

    @cached_property
    def by_lexicon(self) -> dict[str, list[LexHit]]:
        out: dict[str, list[LexHit]] = defaultdict(list)
        for h in self.hits:
            out[h.hit.lexicon].append(h)
        return dict(out)

    @cached_property
    def words(self) -> frozenset[str]:
        """Every token of the normalised text, and every lexicon form found (for triggers)."""
        out = {t.text for t in self.tokens}
        out.update(h.hit.form for h in self.hits)
        return frozenset(out)

    @cached_property
    def word_blob(self) -> str:
        """``words`` joined as " a b c ": a prefix test is one substring search."""
        return " " + " ".join(self.words) + " "

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Canonical offsets where a sentence's first word begins."""
        starts = []
        for start, end in self.sentences:
            pos = start
            while pos < end and not self.canonical[pos].isalnum():
                pos += 1
            if pos < end:
                starts.append(pos)
        return starts

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans of the canonical text."""
        spans = []
        start = 0
        for m in _SENTENCE_END.finditer(self.canonical):
            spans.append((start, m.end()))
            start = m.end()
        spans.append((start, len(self.canonical)))
        return spans

    def sentence_of(self, start: int, end: int) -> tuple[int, int]:
        """The canonical span of the sentence(s) that ``[start, end)`` lies in."""
        first = next((s for s in self.sentences if s[0] <= start < s[1]), (start, end))
        last = next((s for s in self.sentences if s[0] < end <= s[1]), first)
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
        return self.norm.original_span(*self.canonical_to_norm(canon_start, canon_end))

    def canonical_span_of_hit(self, h: LexHit) -> tuple[int, int]:
        if not self._segments:
            return h.start, h.end
        for canon_start, norm_start, norm_end, _ in self._segments:
            if norm_start == h.start and norm_end == h.end:
                return canon_start, canon_start + (len(h.hit.form) if norm_end > norm_start else 0)
        return h.start, h.end


def _is_spaced_letter(tok_text: str) -> bool:
    return len(tok_text) == 1 and tok_text.isalpha()


def analyse(norm: NormText, doc: Doc, matcher: LexiconMatcher) -> Analysis:
    """Find lexicon words in the tokens of ``doc`` (tokenised from ``norm.text``)."""
    text = norm.text
    candidates: list[tuple[int, int, int, str]] = []  # start, end, word index, surface
    tokens = tokens_of(doc)
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if tok.is_punct and len(tok.text) == 1:
            continue
        candidates.append((tok.idx, tok.idx + len(tok.text), i, tok.text))

    # Words spaCy split but the writer did not separate (1d10 + t, j + ** + vla).
    i = 0
    while i < n:
        j = i
        while j + 1 < n and tokens[j + 1].idx == tokens[j].idx + len(tokens[j].text):
            j += 1
        if j > i:
            start, end = tokens[i].idx, tokens[j].idx + len(tokens[j].text)
            surface = text[start:end]
            if any(c.isalpha() for c in surface) and not surface.isalpha():
                candidates.append((start, end, i, surface))
        i = j + 1

    # Spaced-out letters: "H o r a", "i d i o t" (three or more single letters in a row).
    i = 0
    while i < n:
        j = i
        while (
            j < n
            and _is_spaced_letter(tokens[j].text)
            and (j == i or tokens[j].idx - (tokens[j - 1].idx + 1) <= 1)
        ):
            j += 1
        if j - i >= 3:
            start, end = tokens[i].idx, tokens[j - 1].idx + 1
            candidates.append((start, end, i, "".join(t.text for t in tokens[i:j])))
            i = j
        else:
            i += 1

    found: list[LexHit] = []
    for start, end, word, surface in candidates:
        for hit in matcher.lookup(surface):
            found.append(LexHit(start, end, word, hit))
    hits = _drop_contained(found)
    return _with_canonical(norm, tokens, hits)


def _drop_contained(hits: list[LexHit]) -> list[LexHit]:
    """Keep the longest hit where hits of one lexicon overlap (``1d10t`` over ``1d10``)."""
    if len(hits) < 2:
        return hits
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[LexHit] = []
    for h in hits:
        if any(
            k.hit.lexicon == h.hit.lexicon
            and k.start <= h.start
            and h.end <= k.end
            and (k.start, k.end) != (h.start, h.end)
            for k in kept
        ):
            continue
        kept.append(h)
    return kept


def _with_canonical(norm: NormText, tokens: list[Token], hits: list[LexHit]) -> Analysis:
    replaced = sorted(
        {(h.start, h.end): h.hit.form for h in hits if h.hit.how not in _PLAIN_HOWS}.items()
    )
    if not replaced:
        return Analysis(norm, tokens, hits, norm.text)
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
    return Analysis(norm, tokens, hits, "".join(pieces), segments, [s[0] for s in segments])
