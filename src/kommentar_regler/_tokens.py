"""Tokens: spaCy's Swedish tokenizer, remembered per space-separated chunk.

spaCy tokenises a text one space-separated chunk at a time (prefixes, suffixes, infixes and
special cases never reach across a space; ``spacy.blank("sv")`` has no special case with a
space inside), and caches the tokens of each chunk it has seen. What it still does for every
call is build a ``Doc``, and reading the tokens back out of it costs as much again. So the
chunks are remembered here, as plain tuples: a comment made of known chunks costs one dict
lookup per chunk, and spaCy is asked only about a chunk it has not seen before.
``tests/test_tokens.py`` checks that the result equals tokenising the whole text with spaCy.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

__all__ = ["MAX_RUN", "Chunk", "ChunkTokenizer", "Token"]

#: A token: its offset in the normalised text and its text. Plain tuples, because a comment
#: has dozens and a NamedTuple costs ten times more to make.
Token = tuple[int, str]

#: What is remembered of a chunk: its tokens (offsets from the chunk's start), whether
#: ``flag`` flagged it, and its note.
Chunk = tuple[tuple[Token, ...], bool, Any]

#: spaCy's tokenizer splits affixes one at a time, which is quadratic in the length of a run
#: without white space (2,000 emoji in a row take seconds). Longer chunks are cut into pieces
#: of this many characters and tokenised one piece at a time, so the whole stays linear.
MAX_RUN = 200


class ChunkTokenizer:
    """spaCy's tokenizer with a cache of the tokens of each space-separated chunk.

    ``flag`` is asked once about each chunk that spaCy split into several tokens (``j@vla``
    into ``j @ vla``); the chunks it flags are returned as token ranges, so that the caller
    can look at them as one word. ``note(chunk, tokens, flagged)`` is asked once about each
    distinct chunk too, for whatever else the caller wants to know of it (the engine: its
    lexicon words, trigger rules and literals, see :func:`~._analysis.chunk_facts`).

    ``cached(chunk)`` is the remembered ``(tokens, flagged, note)`` of a chunk, or None;
    ``learn(chunk)`` works them out (and remembers them): a caller that walks the chunks
    itself does one dict lookup per chunk and nothing more.

    Thread-safe: spaCy's tokenizer (which updates its own cache while it runs) is called
    under a lock; the chunk cache is a dict, read and written atomically.
    """

    #: Distinct chunks remembered; the cache starts over when it is full.
    CACHE_SIZE = 100_000

    def __init__(
        self,
        spacy_tokenizer: Any,
        flag: Callable[[str], bool] | None = None,
        note: Callable[[str, tuple[Token, ...], bool], Any] | None = None,
    ) -> None:
        self._spacy = spacy_tokenizer
        self._flag = flag
        self._note = note
        self._lock = threading.Lock()
        self._cache: dict[str, Chunk] = {}
        # clear() keeps the dict, so this stays the cache's own lookup
        self.cached: Callable[[str], Chunk | None] = self._cache.get

    def __call__(
        self, text: str
    ) -> tuple[list[Token], list[tuple[int, int]], list[tuple[int, Any]]]:
        """The non-space tokens of ``text`` (normalised: its only white space is " "), the
        flagged chunks as ``(first token, last token + 1)``, and ``(offset, note)`` of each
        chunk whose ``note`` (also worked out once per distinct chunk) is not empty."""
        cache = self._cache
        tokens: list[Token] = []
        flagged: list[tuple[int, int]] = []
        notes: list[tuple[int, Any]] = []
        pos = 0
        for chunk in text.split(" "):
            if chunk:
                known = cache.get(chunk)
                if known is None:
                    known = self.learn(chunk)
                chunk_tokens, is_flagged, note = known
                if len(chunk_tokens) == 1:
                    tokens.append((pos, chunk))
                else:
                    if is_flagged:
                        flagged.append((len(tokens), len(tokens) + len(chunk_tokens)))
                    tokens += [(pos + offset, token) for offset, token in chunk_tokens]
                if note:
                    notes.append((pos, note))
            pos += len(chunk) + 1
        return tokens, flagged, notes

    def learn(self, chunk: str) -> Chunk:
        """The tokens of ``chunk`` (offsets from its start), whether it is flagged, and its
        note; remembered unless the chunk is longer than :data:`MAX_RUN`."""
        found = self._spacy_tokens(chunk)
        flagged = len(found) > 1 and self._flag is not None and self._flag(chunk)
        known = (found, flagged, None if self._note is None else self._note(chunk, found, flagged))
        if len(chunk) <= MAX_RUN:  # long runs are rare and unlikely to repeat
            if len(self._cache) >= self.CACHE_SIZE:
                self._cache.clear()
            self._cache[chunk] = known
        return known

    def _spacy_tokens(self, chunk: str) -> tuple[Token, ...]:
        if len(chunk) > MAX_RUN:
            return tuple(
                (start + offset, token)
                for start in range(0, len(chunk), MAX_RUN)
                for offset, token in self._spacy_tokens(chunk[start : start + MAX_RUN])
            )
        with self._lock:
            doc = self._spacy(chunk)
        return tuple((t.idx, t.text) for t in doc if not t.is_space)
