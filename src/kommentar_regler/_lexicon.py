"""Word lists (lexicons) and the matcher that finds their words in a comment.

A lexicon file is plain text a communicator can read and edit::

    # One word a line: the base form, then "=" and its inflected forms, comma-separated.
    idiot = idioten, idioter, idioterna
    jävel = jäveln, jävlar, jävlarna

The base form always matches, and so does the genitive (``idiotens``). What a lexicon may
match beyond that is set in the manifest (``lexicons.toml``):

- ``compounds``: the word may be the first or last part of a compound (``idiotpolitiker``,
  ``invandrarjävlar``);
- ``obfuscation``: the word is also found when written to hide it: without diacritics
  (``javla``), with repeated letters (``fiiittta``), leetspeak in words that mix letters and
  digits or symbols (``1d10t``, ``j@vla``), masked (``f*tta``), spaced out (``H o r a``) or
  hyphenated (``ID-IOTER``).

Words in the false-friends lexicon (``Kukkola``, ``Fjuckby``, ``kuksa``) never match.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from .errors import Problem

__all__ = ["Lexicon", "LexiconEntry", "LexiconMatcher", "WordHit", "parse_lexicon_text"]

_DIACRITICS = str.maketrans(
    {"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "a", "ø": "o"}
)
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a",
     "$": "s", "€": "e", "!": "i", "|": "l", "+": "t"}
)  # fmt: skip
_LEET_CHARS = frozenset("0134578@$€!|+")
_MASK_CHARS = frozenset("*#%_?")
_REPEATS = regex.compile(r"(\w)\1+")
_LONG_RUN = regex.compile(r"(\w)\1\1")  # three of a letter: "fiiittta" is hiding something
_WORD_SHAPE = regex.compile(r"^[\p{L}]+$")
MAX_WORD = 60  # longer "words" are not analysed for compounds and obfuscation (linear time)
MIN_COMPOUND_PART = 4  # a lexicon word as the FIRST part of a compound (idiot|politiker)
MIN_COMPOUND_HEAD = 5  # as the LAST part; shorter heads hide in ordinary words (mar|svin)
MIN_COMPOUND_REST = 3  # the rest of the compound
# Endings that make a new word of the same stem rather than a compound: idiot|isk is an
# adjective about a thing ("idiotiskt beslut"), not a person called an idiot.
_DERIVATIONS = frozenset(
    [
        "isk",
        "iskt",
        "iska",
        "ig",
        "igt",
        "iga",
        "ighet",
        "igheten",
        "lig",
        "ligt",
        "liga",
        "ande",
        "andet",
        "else",
        "ning",
        "ningen",
        "eri",
        "eriet",
        "ism",
        "ismen",
        "ist",
        "isten",
        "iv",
        "ivt",
        "iva",
    ]
)


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    lemma: str
    forms: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Lexicon:
    """A validated word list."""

    id: str
    entries: tuple[LexiconEntry, ...]
    description: str = ""
    source: str = ""
    license: str = ""
    compounds: bool = False
    obfuscation: bool = False
    file: str = ""

    def forms(self) -> set[str]:
        """Every surface form, with genitives."""
        out: set[str] = set()
        for e in self.entries:
            for f in e.forms:
                out.add(f)
                if not f.endswith(("s", "x", "z")):
                    out.add(f + "s")
        return out


def _clean_word(word: str) -> str:
    return unicodedata.normalize("NFC", word.strip()).casefold()


def parse_lexicon_text(text: str, file: str) -> tuple[list[LexiconEntry], list[Problem]]:
    """Parse the text of a lexicon file; return its entries and every problem found."""
    entries: list[LexiconEntry] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        lemma_part, _, forms_part = line.partition("=")
        lemma = _clean_word(lemma_part)
        forms = [lemma] + [_clean_word(f) for f in forms_part.split(",") if f.strip()]
        bad = [f for f in forms if not _WORD_SHAPE.match(f)]
        if bad:
            problems.append(
                Problem(
                    file,
                    f"{bad[0]!r} is not a single word of letters; put phrases in a rule's "
                    "patterns instead",
                    line=number,
                    item=lemma or None,
                )
            )
            continue
        if lemma in seen:
            problems.append(
                Problem(
                    file,
                    f"{lemma!r} is listed twice (first on line {seen[lemma]})",
                    line=number,
                    item=lemma,
                )
            )
            continue
        seen[lemma] = number
        entries.append(LexiconEntry(lemma, tuple(dict.fromkeys(forms)), number))
    return entries, problems


@dataclass(frozen=True, slots=True)
class WordHit:
    """A lexicon word found in a candidate word of the comment."""

    lexicon: str
    lemma: str
    form: str  # the lexicon form it matched (what the word "really" says)
    how: str  # "exact", "genitive", "compound", "diacritics", "repeats", "leet", "mask", ...


@dataclass(frozen=True)
class _Ref:
    lexicon: str
    lemma: str
    form: str


def undiacritic(word: str) -> str:
    """``jävla`` -> ``javla``: the key for words written without å, ä, ö."""
    return word.translate(_DIACRITICS)


def skeleton(word: str) -> str:
    """A key that also survives repeated letters: ``fiiittta`` -> ``fita``.

    Only used for words that show obfuscation (a letter three times, digits or symbols):
    Swedish double consonants make ``skött`` (managed) and ``sköt`` (shot) share a skeleton.
    """
    return _REPEATS.sub(r"\1", undiacritic(word))


def _is_leety(word: str) -> bool:
    has_letter = any(c.isalpha() for c in word)
    return has_letter and any(c in _LEET_CHARS for c in word)


@dataclass
class LexiconMatcher:
    """Finds the words of many lexicons in candidate words, with a per-word cache.

    Built once per Engine; ``lookup`` is a pure function of the word, so the cache can be
    shared between threads (a lost race only computes the same value twice).
    """

    lexicons: dict[str, Lexicon]
    false_friends: frozenset[str] = frozenset()
    _exact: dict[str, list[_Ref]] = field(default_factory=dict, init=False)
    _skeleton: dict[str, list[_Ref]] = field(default_factory=dict, init=False)
    _undiacritic: dict[str, list[_Ref]] = field(default_factory=dict, init=False)
    _stems: dict[str, list[_Ref]] = field(default_factory=dict, init=False)
    _heads: dict[str, list[_Ref]] = field(default_factory=dict, init=False)
    _by_length: dict[int, list[_Ref]] = field(default_factory=dict, init=False)
    _cache: dict[str, tuple[WordHit, ...]] = field(default_factory=dict, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    cache_size: int = 100_000

    def __post_init__(self) -> None:
        exact: dict[str, list[_Ref]] = defaultdict(list)
        skel: dict[str, list[_Ref]] = defaultdict(list)
        plain: dict[str, list[_Ref]] = defaultdict(list)
        stems: dict[str, list[_Ref]] = defaultdict(list)
        heads: dict[str, list[_Ref]] = defaultdict(list)
        by_length: dict[int, list[_Ref]] = defaultdict(list)
        for lex in self.lexicons.values():
            for entry in lex.entries:
                for form in entry.forms:
                    ref = _Ref(lex.id, entry.lemma, form)
                    exact[form].append(ref)
                    if lex.obfuscation:
                        if len(form) >= 3:
                            skel[skeleton(form)].append(ref)
                            plain[undiacritic(form)].append(ref)
                        by_length[len(form)].append(ref)
                    if lex.compounds and len(form) >= MIN_COMPOUND_HEAD:
                        heads[form].append(ref)
                if lex.compounds:
                    # Swedish joins compounds with the bare stem, a dropped final vowel or a
                    # linking s: hora -> horunge, idiot -> idiotpolitiker, svin -> svinspärr.
                    for stem in {
                        entry.lemma,
                        entry.lemma[:-1] if entry.lemma[-1] in "aeo" else entry.lemma,
                        entry.lemma + "s",
                    }:
                        if len(stem) >= MIN_COMPOUND_PART:
                            stems[stem].append(_Ref(lex.id, entry.lemma, entry.lemma))
        self._exact = dict(exact)
        self._skeleton = dict(skel)
        self._undiacritic = dict(plain)
        self._stems = dict(stems)
        self._heads = dict(heads)
        self._by_length = dict(by_length)

    # -- lookup -------------------------------------------------------------------------

    def lookup(self, word: str) -> tuple[WordHit, ...]:
        """Every lexicon word that ``word`` (normalised, case-folded) stands for."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        hits = self._lookup(word)
        if len(self._cache) >= self.cache_size:
            with self._lock:
                self._cache.clear()
        self._cache[word] = hits
        return hits

    def _lookup(self, word: str) -> tuple[WordHit, ...]:
        if word in self.false_friends or len(word) < 2:
            return ()
        if len(word) > MAX_WORD:  # a URL or a wall of letters: only an exact word can match
            return _hits(self._exact.get(word, ()), "exact")
        refs = self._exact.get(word)
        if refs:
            return _hits(refs, "exact")
        if word.endswith("s") and (refs := self._exact.get(word[:-1])):
            return _hits(refs, "genitive")
        for candidate, how in self._deobfuscations(word):
            if candidate in self.false_friends:
                return ()
            if refs := self._exact.get(candidate):
                return _hits([r for r in refs if self.lexicons[r.lexicon].obfuscation], how)
            if len(candidate) < 3:
                continue
            if refs := self._undiacritic.get(undiacritic(candidate)):
                return _hits(refs, how if how != "plain" else "diacritics")
            if (how != "plain" or _LONG_RUN.search(candidate)) and (
                refs := self._skeleton.get(skeleton(candidate))
            ):
                return _hits(refs, how if how != "plain" else "repeated letters")
        if any(c in _MASK_CHARS for c in word):
            return self._masked(word)
        return self._compound(word)

    def _deobfuscations(self, word: str) -> Iterable[tuple[str, str]]:
        plain = word.replace("-", "").replace(".", "")
        if plain != word and plain.isalpha():
            yield plain, "hyphen"
        if _is_leety(word):
            yield word.translate(_LEET), "leet"
        if word.isalpha():
            yield word, "plain"

    def _masked(self, word: str) -> tuple[WordHit, ...]:
        letters = sum(c.isalpha() for c in word)
        masks = sum(c in _MASK_CHARS for c in word)
        if letters < 2 or masks > letters or not all(c.isalpha() or c in _MASK_CHARS for c in word):
            return ()
        pattern = regex.compile("".join("." if c in _MASK_CHARS else regex.escape(c) for c in word))
        refs = [r for r in self._by_length.get(len(word), ()) if pattern.fullmatch(r.form)]
        lemmas = {r.lemma for r in refs}
        # A mask that fits several different words says nothing; stay quiet.
        return _hits(refs, "mask") if len(lemmas) == 1 else ()

    def _compound(self, word: str) -> tuple[WordHit, ...]:
        n = len(word)
        if n < MIN_COMPOUND_PART + MIN_COMPOUND_REST or not word.isalpha():
            return ()
        # Both parts may be lexicon words (invandrar|jävlar): report the longest of each.
        found: list[_Ref] = []
        for k in range(MIN_COMPOUND_REST, n - MIN_COMPOUND_HEAD + 1):
            if refs := self._heads.get(word[k:]):
                found += refs
                break
        for k in range(n - MIN_COMPOUND_REST, MIN_COMPOUND_PART - 1, -1):
            if word[k:] not in _DERIVATIONS and (refs := self._stems.get(word[:k])):
                found += refs
                break
        return _hits(found, "compound")


def _hits(refs: Iterable[_Ref], how: str) -> tuple[WordHit, ...]:
    seen: dict[tuple[str, str], WordHit] = {}
    for r in refs:
        seen.setdefault((r.lexicon, r.lemma), WordHit(r.lexicon, r.lemma, r.form, how))
    return tuple(seen.values())
