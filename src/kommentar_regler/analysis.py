"""The analysis of one comment: tokens with their lexicon classes, sentences and clauses.

This is the input of every rule, built-in or a plugin's. A token knows the span of the ORIGINAL
text it came from, the lexicon words it stands for (through inflection, compounds and
obfuscation: :mod:`.lexicons.lookup`), and the closed classes of its word (:mod:`.language`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter

from .hidden import LEETISH, Piece, join_hidden_words, join_spaced_letters, spelled_run
from .language import closed_classes_of
from .lexicons.lookup import Hit, Phrase, Vocabulary, undiacritic
from .text.normalise import NormText, normalise
from .text.shapes import shapes
from .text.tokens import CLAUSE_END, SENTENCE_END, ChunkCache, RawToken

__all__ = ["Analyser", "Analysis", "Token"]

#: opening mark -> the marks that may close it ("„...“" in German style, "„...”" in Swedish)
_QUOTES = {
    '"': '"', "'": "'", "”": "”", "“": "”", "„": "”“", "‘": "’", "’": "’", "«": "»", "»": "«"
}


def _quoted(tokens: list[Token]) -> frozenset[int]:
    """The tokens between a quotation mark and its closing one, within a sentence."""
    inside: set[int] = set()
    open_at: tuple[str, int, int] | None = None  # closing mark, index, sentence
    for t in tokens:
        mark = t.norm if t.norm in _QUOTES else None
        if mark is None and t.norm[:1] in _QUOTES and len(t.norm) > 1:
            mark = t.norm[0]  # spaCy keeps "'jävla" together at times
        if open_at is not None and open_at[2] != t.sentence:
            open_at = None
        closer = next((c for c in open_at[0] if t.norm.endswith(c)), None) if open_at else None
        if open_at is not None and closer:
            inside.update(range(open_at[1] + 1, t.i + (t.norm != closer)))
            open_at = None
        elif mark is not None:
            open_at = (_QUOTES[mark], t.i, t.sentence)
    return frozenset(inside)


class Token:
    """A word or punctuation mark of a comment. ``text`` is ``comment[start:end]``."""

    __slots__ = ("classes", "clause", "end", "hits", "i", "norm", "sentence", "start", "text")

    def __init__(
        self,
        i: int,
        text: str,
        norm: str,
        start: int,
        end: int,
        hits: tuple[Hit, ...],
        classes: frozenset[str],
        sentence: int,
        clause: int,
    ) -> None:
        self.i = i
        self.text = text
        self.norm = norm
        self.start = start
        self.end = end
        self.hits = hits  # lexicon words it stands for
        self.classes = classes  # lexicon ids and "@closed" class names
        self.sentence = sentence
        self.clause = clause

    @property
    def is_word(self) -> bool:
        norm = self.norm
        return norm.isalnum() or any(c.isalnum() for c in norm)

    def lemma(self, lexicon: str) -> str | None:
        """The lexicon entry this token is a form of, in ``lexicon``."""
        return next((h.lemma for h in self.hits if h.lexicon == lexicon), None)

    def __repr__(self) -> str:
        return f"Token({self.i}, {self.text!r}, {sorted(self.classes)})"


@dataclass
class Analysis:
    """Everything the rules need to know about one comment, computed once."""

    text: str
    norm: NormText
    tokens: list[Token]
    #: token index ranges ``[first, end)`` of each sentence
    sentences: list[tuple[int, int]]
    #: lexicon id or "@class" -> indices of the tokens (or phrases) that have it
    positions: dict[str, list[int]]
    #: (class, index) -> the end indices of phrases of that class starting at index
    phrase_ends: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    #: normalised word -> indices of its tokens
    words: dict[str, list[int]] = field(default_factory=dict)
    timed_out: list[str] = field(default_factory=list)
    #: indices of the tokens that stand inside quotation marks
    quoted: frozenset[int] = frozenset()

    @property
    def n_words(self) -> int:
        # Token.is_word, inlined: this runs once per comment over every token
        return sum(1 for t in self.tokens if (n := t.norm).isalnum() or any(map(str.isalnum, n)))

    @cached_property
    def phrase_starts(self) -> frozenset[int]:
        """The tokens at which a phrase of some lexicon starts."""
        return frozenset(i for _, i in self.phrase_ends)

    def has(self, cls: str) -> bool:
        return cls in self.positions

    def span_text(self, first: int, end: int) -> tuple[int, int, str]:
        """The original span of tokens ``[first, end)`` and its text."""
        start, stop = self.tokens[first].start, self.tokens[end - 1].end
        return start, stop, self.text[start:stop]

    def hits(self, lexicon: str) -> list[tuple[Token, Hit]]:
        """The tokens that stand for a word of ``lexicon``, with how each was recognised."""
        return [
            (self.tokens[i], h)
            for i in self.positions.get(lexicon, ())
            for h in self.tokens[i].hits
            if h.lexicon == lexicon
        ]

    def ends_of(self, cls: str, i: int) -> list[int]:
        """Where a word or phrase of ``cls`` starting at token ``i`` ends (exclusive)."""
        single = [i + 1] if cls in self.tokens[i].classes else []
        longer = self.phrase_ends.get((cls, i))
        return single + longer if longer else single


_QUOTE_CHARS = tuple(_QUOTES)
_NO_CLASS: frozenset[str] = frozenset()
_start_of = itemgetter(1)  # a found phrase's first token


class Analyser:
    """Builds an :class:`Analysis`; one per Engine, thread-safe (caches only).

    Everything that depends only on a space-separated chunk of the normalised text (its
    tokens, their lexicon words and classes) is computed once per chunk and remembered, as
    spaCy's tokenizer remembers its chunks; a comment then costs a lookup per chunk.
    """

    def __init__(self, vocabulary: Vocabulary, chunks: ChunkCache, size: int = 200_000) -> None:
        self.vocabulary = vocabulary
        self.chunks = chunks
        self._words: dict[str, tuple[tuple[Hit, ...], int]] = {}
        self._pieces: dict[str, tuple[Piece, ...]] = {}
        self._size = size
        self._phrase_index: dict[str, dict[str, tuple[Phrase, ...]]] = {}
        # every distinct set of classes once, by number (never forgotten: pieces refer to
        # them, and there are only as many as combinations of classes words have)
        self._class_ids: dict[frozenset[str], int] = {}
        self._class_list: list[frozenset[str]] = []
        self._class_id(_NO_CLASS)  # number 0

    def word(self, norm: str) -> tuple[tuple[Hit, ...], frozenset[str]]:
        """The lexicon words ``norm`` stands for and its classes."""
        hits, number = self._word(norm)
        return hits, self._class_list[number]

    def _class_id(self, classes: frozenset[str]) -> int:
        number = self._class_ids.get(classes)
        if number is None:
            number = self._class_ids[classes] = len(self._class_list)
            self._class_list.append(classes)
        return number

    def _word(self, norm: str) -> tuple[tuple[Hit, ...], int]:
        got = self._words.get(norm)
        if got is None:
            hits = self.vocabulary.lookup(norm)
            closed = closed_classes_of(norm)
            if not closed and not LEETISH.isdisjoint(norm):
                # "k0mm3r", "v1": a closed-class word in leet ("kommer", "vi")
                plain = self.vocabulary.unleet(norm)
                if plain is not None:
                    closed = closed_classes_of(plain)
            shaped = shapes(norm)
            number = 0  # most new words have no class at all: no set to make
            if hits or closed or shaped:
                lexicons = frozenset(h.lexicon for h in hits)
                classes = lexicons | frozenset("@" + c for c in closed) | shaped
                if "#url" in shaped or "#handle" in shaped:  # "keto-sverige.com": its name says
                    classes |= self.vocabulary.link_classes(norm)
                number = self._class_id(classes)
            if len(self._words) >= self._size:
                self._words.clear()
            got = self._words[norm] = (hits, number)
        return got

    def _chunk(self, chunk: str) -> tuple[Piece, ...]:
        """The analysed tokens of one chunk (hidden words joined: they never span a space)."""
        got = self._pieces.get(chunk)
        if got is None:
            if LEETISH.isdisjoint(chunk):  # no hidden word to join (most chunks)
                got = tuple(self._word_piece(s, e, t) for s, e, t in self.chunks(chunk))
            else:
                raw = join_hidden_words(
                    [RawToken(s, e, t) for s, e, t in self.chunks(chunk)], self.vocabulary
                )
                got = tuple(self._piece(rt, rt.start, rt.end) for rt in raw)
            if len(self._pieces) >= self._size:
                self._pieces.clear()
            self._pieces[chunk] = got
        return got

    def _piece(self, rt: RawToken, start: int, end: int) -> Piece:
        if rt.hits is not None:  # letters joined into a hidden word
            classes = frozenset(h.lexicon for h in rt.hits)
            return (start, end, rt.norm, rt.hits, self._class_id(classes), True)
        return self._word_piece(start, end, rt.norm)

    def _joined(self, start: int, end: int, word: str, hits: tuple[Hit, ...]) -> Piece:
        return (start, end, word, hits, self._class_id(frozenset(h.lexicon for h in hits)), True)

    def _spelled_word(self, start: int, end: int, word: str) -> Piece:
        s, e, norm, hits, number, _ = self._word_piece(start, end, word)
        return (s, e, norm, hits, number, True)

    def _word_piece(self, start: int, end: int, norm: str) -> Piece:
        hits, number = self._word(norm) if len(norm) < 100 else ((), self._class_id(_NO_CLASS))
        return (start, end, norm, hits, number, False)

    def _split(self, norm: NormText) -> list[tuple[int, tuple[Piece, ...]]]:
        """The analysed tokens of each chunk, with the chunk's offset in the normalised text
        (the caller adds it: shifting here would make every token twice)."""
        out: list[tuple[int, tuple[Piece, ...]]] = []
        pos = 0
        chunks = norm.text.split(" ")
        known = self._pieces
        missing = [c for c in chunks if c and c not in known]
        if len(missing) > 1:
            self.chunks.prefill(missing)  # one call of the tokenizer for all of them
        for chunk in chunks:
            if chunk:
                out.append((pos, known.get(chunk) or self._chunk(chunk)))
            pos += len(chunk) + 1
        if spelled_run(out):  # "i d i o t": letters of several chunks
            flat = [
                (pos + s, pos + e, f, h, c, j) for pos, pieces in out for s, e, f, h, c, j in pieces
            ]
            joined = join_spaced_letters(
                flat, norm.text, self.vocabulary, self._joined, self._spelled_word
            )
            out = [(0, tuple(joined))]
        return out

    def __call__(self, text: str) -> Analysis:
        norm = normalise(text)
        tokens: list[Token] = []
        sentences: list[tuple[int, int]] = []
        positions: dict[str, list[int]] = defaultdict(list)
        words: dict[str, list[int]] = defaultdict(list)
        sentence = clause = 0
        first = 0
        previous_end = 0
        lines = "\n" in text  # a line break ends a sentence
        starts, ends = norm.starts or (), norm.ends or ()
        aligned = norm.starts is None
        class_list = self._class_list
        i = 0
        for pos, pieces in self._split(norm):
            for s, e, form, hits, number, _ in pieces:
                classes = class_list[number]
                if aligned:
                    start, end = pos + s, pos + e
                else:  # NormText.original_span, inlined: a token is never empty
                    start, end = starts[pos + s], ends[pos + e - 1]
                if (
                    lines
                    and i
                    and "\n" in text[previous_end:start]
                    and tokens[-1].norm not in SENTENCE_END
                ):
                    sentences.append((first, i))
                    first = i
                    sentence += 1
                    clause += 1
                tokens.append(
                    Token(i, text[start:end], form, start, end, hits, classes, sentence, clause)
                )
                for c in classes:
                    positions[c].append(i)
                words[form].append(i)
                previous_end = end
                if form in SENTENCE_END:
                    sentences.append((first, i + 1))
                    first = i + 1
                    sentence += 1
                    clause += 1
                elif form in CLAUSE_END:
                    clause += 1
                i += 1
        if first < len(tokens):
            sentences.append((first, len(tokens)))
        quoted = _quoted(tokens) if any(q in norm.text for q in _QUOTE_CHARS) else frozenset()
        analysis = Analysis(text, norm, tokens, sentences, positions, {}, words, quoted=quoted)
        if self.vocabulary.phrases:
            self._phrases(analysis)
        return analysis

    def _following(self, first: str) -> dict[str, tuple[Phrase, ...]]:
        """The phrases that begin with ``first``, by their second word without diacritics."""
        got = self._phrase_index.get(first)
        if got is None:
            lists: dict[str, list[Phrase]] = {}
            for p in self.vocabulary.phrases.get(first, ()):
                for second in p.plain[1]:
                    lists.setdefault(second, []).append(p)
            # the forms of a second word share one tuple: a list per form made tens of
            # thousands of containers for the garbage collector to walk
            shared: dict[tuple[int, ...], tuple[Phrase, ...]] = {}
            got = {
                second: shared.setdefault(tuple(map(id, ps)), tuple(ps))
                for second, ps in lists.items()
            }
            self._phrase_index[first] = got
        return got

    def _phrases(self, a: Analysis) -> None:
        """Find the lexicons' phrases; an idiom hides what its words would otherwise be."""
        phrases = self.vocabulary.phrases
        masks = self.vocabulary.masks
        tokens = a.tokens
        n = len(tokens)
        found: list[tuple[str, int, int]] = []
        index = self._phrase_index
        # the tokens whose form begins a phrase (keyed by forms with and without diacritics),
        # form by form; then in token order (a stable sort keeps each start's phrase order)
        for form, at in a.words.items():
            if form not in phrases:
                continue
            following = index.get(form)
            if following is None:
                following = self._following(form)
            if not following:
                continue
            for i in at:
                if i >= n - 1:
                    continue
                # a form is in a slot's forms exactly when its plain form is in the plain forms
                for p in following.get(undiacritic(tokens[i + 1].norm), ()):
                    j = i + len(p.slots)
                    if j <= n and all(
                        undiacritic(tokens[i + k].norm) in p.plain[k]
                        for k in range(2, len(p.slots))
                    ):
                        found.append((p.lexicon, i, j))
        found.sort(key=_start_of)
        if not found:
            return
        for lexicon, i, j in [f for f in found if f[0] in masks]:
            hidden = masks[lexicon]
            found = [f for f in found if not (f[0] in hidden and f[1] < j and i < f[2])]
            for t in tokens[i:j]:
                if t.classes & hidden:
                    t.classes = t.classes - hidden
                    for c in hidden:
                        ps = a.positions.get(c)
                        if ps and t.i in ps:
                            ps.remove(t.i)
                            if not ps:
                                del a.positions[c]
        for lexicon, i, j in found:
            a.phrase_ends.setdefault((lexicon, i), []).append(j)
            ps = a.positions.setdefault(lexicon, [])
            if i not in ps:
                ps.append(i)
                ps.sort()
