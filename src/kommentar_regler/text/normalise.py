"""Normalisation that never loses track of where a character came from.

``normalise(text)`` returns a :class:`NormText`: a case-folded, NFKC, confusable-folded copy of
the text and, for every character of it, the span of ORIGINAL text it came from. Rules match the
normalised text; findings are mapped back with :meth:`NormText.original_span`, so a finding's
offsets always slice the original text, never splitting a character and its combining marks.

What it does, per grapheme cluster (a base character and the marks that follow it):
- NFKC (fullwidth, mathematical bold and ligatures become plain letters) and case-folding;
- drops invisible format characters (zero-width space/joiners, soft hyphen, direction
  overrides) and combining marks that do not compose with their letter (zalgo, strike-through);
- folds Cyrillic and Greek letters that look Latin (``а`` -> ``a``) when they sit in a word;
- turns control characters and every kind of white space into a plain space (one for one).
Leetspeak, spaced letters and missing diacritics are handled per word by the lexicon matcher,
because doing them here would change ordinary words and numbers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

__all__ = ["NormText", "normalise"]

# Text made only of these characters normalises one for one with str.casefold(): printable
# ASCII, white space and the Latin-1 letters (but not ß, which case-folds to "ss").
_NEEDS_SLOW_PATH = regex.compile(
    r"[^\t\n\r\x20-\x7e\u00c0-\u00d6\u00d8-\u00de\u00e0-\u00f6\u00f8-\u00ff]"
)
_NEEDS_SLOW_RUN = regex.compile(
    r"[^\t\n\r\x20-\x7e\u00c0-\u00d6\u00d8-\u00de\u00e0-\u00f6\u00f8-\u00ff]+"
)


def _plain_fold(text: str) -> str:
    """Case-fold a run of fast-path characters; tab, CR and LF become spaces (one for one).

    str.replace, not str.translate: translate looks up every character in a dict (10 µs for
    a short comment), replace is a memchr when the character is absent.
    """
    text = text.casefold()
    if "\n" in text or "\t" in text or "\r" in text:
        text = text.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    return text


# Letters of other scripts that are drawn like Latin ones, used to hide words from filters.
_CONFUSABLES = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "ë", "з": "3", "к": "k", "м": "m", "н": "h",
        "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j",
        "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӧ": "ö", "ӓ": "ä",
        # Greek
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
        "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ϲ": "c",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class NormText:
    """A normalised text and the way back to the original.

    ``starts[i]``/``ends[i]`` are the original span of normalised character ``i``; both are
    ``None`` when the two texts align one for one (the common case, kept cheap).
    """

    original: str
    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span ``[start, end)`` to a span of the original text."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=8192)
def _fold(cluster: str) -> str:
    """Normalise one grapheme cluster; applied until it stops changing, so it is idempotent."""
    previous = None
    out = cluster
    while out != previous:
        previous = out
        out = unicodedata.normalize("NFKC", out).casefold()
        out = unicodedata.normalize("NFC", out)
        out = "".join(_clean_char(c) for c in out)
    return out


_DROPPED = frozenset(("Cf", "Mn", "Me", "Cs", "Co", "Cn"))
_AS_SPACE = frozenset(("Cc", "Zs", "Zl", "Zp"))


def _clean_char(c: str) -> str:
    category = unicodedata.category(c)
    if category in _AS_SPACE:
        return " "
    if category in _DROPPED:
        return ""
    return c


def _clusters(text: str) -> list[tuple[int, int]]:
    """Spans of grapheme-like clusters: a character and the combining marks after it."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    i = 1
    while i <= n:
        if i == n or unicodedata.category(text[i])[0] != "M":
            spans.append((start, i))
            start = i
        i += 1
    return spans


def normalise(text: str) -> NormText:
    """Normalise ``text`` for matching, keeping a map back to the original offsets."""
    # concurrent=False: keep the GIL for this short scan (letting go of it costs more)
    if not _NEEDS_SLOW_PATH.search(text, 0, len(text), False):
        return NormText(text, _plain_fold(text))

    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    # Plain runs are folded in bulk (one for one); only the other characters, with the letter
    # a combining mark belongs to, go through the cluster-by-cluster path.
    for m in _NEEDS_SLOW_RUN.finditer(text):
        begin, stop = m.span()
        if begin > pos and unicodedata.category(text[begin])[0] == "M":
            begin -= 1  # the mark's base letter belongs to its cluster
        if begin > pos:
            out.append(_plain_fold(text[pos:begin]))
            starts.extend(range(pos, begin))
            ends.extend(range(pos + 1, begin + 1))
        for start, end in _clusters(text[begin:stop]):
            folded = _fold(text[begin + start : begin + end])
            out.append(folded)
            starts.extend([begin + start] * len(folded))
            ends.extend([begin + end] * len(folded))
        pos = stop
    if pos < len(text):
        out.append(_plain_fold(text[pos:]))
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    normalised = "".join(out)
    normalised = _fold_confusables(normalised)
    return NormText(text, normalised, tuple(starts), tuple(ends))


_LATIN_LETTER = regex.compile(r"\p{Latin}")
_MIXED_WORD = regex.compile(r"\w+")


def _fold_confusables(text: str) -> str:
    """Fold look-alike letters, but only inside words that also contain Latin letters.

    A Russian or Greek sentence stays as it is; ``јävla`` with a Cyrillic ``ј`` becomes ``jävla``.
    """
    if text.isascii():
        return text
    pieces: list[str] = []
    last = 0
    for m in _MIXED_WORD.finditer(text):
        word = m.group()
        if word.isascii() or not _LATIN_LETTER.search(word):
            continue
        folded = word.translate(_CONFUSABLES)
        if folded != word and len(folded) == len(word):
            pieces.append(text[last : m.start()])
            pieces.append(folded)
            last = m.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)
