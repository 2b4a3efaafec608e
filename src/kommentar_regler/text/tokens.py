"""Tokens with their original offsets, sentences and clauses.

spaCy's Swedish tokenizer (``spacy.blank("sv")``) splits the normalised text; every token keeps
the span of the ORIGINAL text it came from, so a rule's finding is a slice of what was written.
spaCy never joins across white space, so the tokens of each space-separated chunk are
remembered (:class:`ChunkCache`): a comment of familiar words costs a dict lookup per chunk.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import regex

from .normalise import NormText

__all__ = ["ChunkCache", "RawToken", "split", "swedish_tokenizer"]

#: Tokens that end a sentence; a line break in the original ends one too.
SENTENCE_END = frozenset((".", "!", "?", "…", "!!", "??", "?!", "!?", "...", ".."))
#: Tokens that end a clause (a sentence end does too).
CLAUSE_END = frozenset((",", ";", ":", "–", "—", "-", "(", ")", '"', "”", "“"))


#: chunks longer than this (no word or URL is) are split by a simple linear rule
LONG_CHUNK = 300
_SIMPLE = regex.compile(r"\w+(?:[-'.]\w+)*|[^\w\s]")
_SPACE = regex.compile(r"\s")
#: a lower-case Swedish word, perhaps with one mark after it: spaCy splits it off and nothing
#: else (no prefix, infix or URL rule matches letters alone; special cases are checked)
_PLAIN = re.compile(r"([a-zåäöéü]+)([.,!?]?)")


@dataclass(frozen=True, slots=True)
class RawToken:
    """A token's place in the normalised text and its normalised form."""

    start: int
    end: int
    norm: str
    #: the lexicon words, when the analysis joined several tokens into one hidden word
    hits: tuple[Any, ...] | None = None


class ChunkCache:
    """spaCy's tokens of each space-separated chunk, remembered (thread-safe: a lost race
    computes the same value twice)."""

    def __init__(self, tokenizer: Callable[[str], Any], size: int = 200_000) -> None:
        self._tokenizer = tokenizer
        self._cache: dict[str, tuple[tuple[int, int, str], ...]] = {}
        self._size = size
        self._lock = threading.Lock()
        # spaCy's special cases ("hörru", "i."): a chunk touching one goes to spaCy itself;
        # a tokenizer without them (not spaCy's) gets every chunk
        rules = getattr(tokenizer, "rules", None)
        self._specials = frozenset(rules) if rules is not None else None

    def plain(self, chunk: str) -> tuple[tuple[int, int, str], ...] | None:
        """spaCy's tokens of a plain lower-case word (with a mark after it), without spaCy:
        most chunks of real text are such words, and spaCy costs far more per chunk."""
        specials = self._specials
        m = _PLAIN.fullmatch(chunk)
        if m is None or specials is None or chunk in specials:
            return None
        word, mark = m.groups()
        if not mark:
            return ((0, len(word), word),)
        if word in specials or mark in specials:
            return None
        return ((0, len(word), word), (len(word), len(chunk), mark))

    def __call__(self, chunk: str) -> tuple[tuple[int, int, str], ...]:
        got = self._cache.get(chunk)
        if got is None:
            got = self.plain(chunk)
            if got is None and len(chunk) > LONG_CHUNK:  # spaCy is quadratic on '!!!': simply
                got = tuple((m.start(), m.end(), m.group()) for m in _SIMPLE.finditer(chunk))
            elif got is None:
                got = tuple(
                    (t.idx, t.idx + len(t.text), t.text) for t in self._tokenizer(chunk) if t.text
                )
            if len(self._cache) >= self._size:
                with self._lock:
                    self._cache.clear()
            self._cache[chunk] = got
        return got

    def prefill(self, chunks: list[str]) -> None:
        """Tokenize the chunks not yet remembered in ONE call of the tokenizer, joined by
        spaces (a call costs more than a chunk: spaCy makes a Doc each time). spaCy splits
        at each space and treats every space-free span alone (prefixes, suffixes, special
        cases, URLs), so each chunk gets exactly its own tokens; only chunks without any
        white space are joined."""
        todo = [
            c
            for c in dict.fromkeys(chunks)
            if c not in self._cache
            and len(c) <= LONG_CHUNK
            and not _SPACE.search(c)
            and not _PLAIN.fullmatch(c)  # cheaper alone (ChunkCache.plain)
        ]
        if len(todo) < 2:
            return
        found: list[list[tuple[int, int, str]]] = [[] for _ in todo]
        starts: list[int] = []
        pos = 0
        for c in todo:
            starts.append(pos)
            pos += len(c) + 1
        k = 0
        for t in self._tokenizer(" ".join(todo)):
            if not t.text:
                continue
            while k + 1 < len(starts) and t.idx >= starts[k + 1]:
                k += 1
            found[k].append((t.idx - starts[k], t.idx - starts[k] + len(t.text), t.text))
        if len(self._cache) + len(todo) >= self._size:
            with self._lock:
                self._cache.clear()
        for c, tokens in zip(todo, found, strict=True):
            self._cache[c] = tuple(tokens)


def swedish_tokenizer() -> Callable[[str], Any]:
    """The tokenizer of ``spacy.blank("sv")``, made without the rest of a pipeline: the same
    factory with the same vocabulary and language defaults, so it splits every text the same
    way, but without parsing and filling a pipeline config (a third of ``blank``'s time)."""
    from spacy.lang.sv import Swedish
    from spacy.language import create_tokenizer
    from spacy.vocab import create_vocab

    class Blank:  # what the tokenizer factory reads of a Language
        Defaults = Swedish.Defaults
        vocab = create_vocab(Swedish.lang, Swedish.Defaults)

    tokenizer: Callable[[str], Any] = create_tokenizer()(Blank)  # type: ignore[arg-type]
    return tokenizer


def split(norm: NormText, chunks: ChunkCache) -> list[RawToken]:
    """The tokens of a normalised text, in order."""
    text = norm.text
    out: list[RawToken] = []
    pos = 0
    for chunk in text.split(" "):
        if chunk:
            for s, e, t in chunks(chunk):
                out.append(RawToken(pos + s, pos + e, t))
        pos += len(chunk) + 1
    return out
