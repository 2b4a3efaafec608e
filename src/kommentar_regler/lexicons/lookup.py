"""Which lexicon words a token of a comment stands for: forms, compounds, obfuscation.

Built once per Engine from the lexicon files and the dictionary tables made at build time
(:mod:`.morphology`). ``lookup(word)`` is a pure function of the word, cached per word.

Order of the questions asked of a word (normalised, lower case):
1. a false friend ("kukkola", "knivsta") -> no word of a lexicon that allows obfuscation
   (the abuse lists); other lists' exact words still count;
2. a form of an entry (from the dictionary or the file) -> ``exact``;
3. a compound: a lexicon word as its head after a Swedish compound part ("pedofil|svin"), or
   as its first part before a word of the lexicons it may modify ("idiot|politiker"); never a
   dictionary word of its own ("marsvin", "skitsnygg") when the lexicon excludes those;
4. only for lexicons that allow it, and only when the word is not itself a Swedish word:
   hyphens, leet, missing diacritics, repeated letters, masks (``j@vla``, ``javla``, ``f*tta``).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

import regex

from ..language.sv import CLOSED_CLASSES
from .files import LexiconEntry, LexiconFile
from .morphology import Morphology

__all__ = ["Hit", "Phrase", "Vocabulary"]

_DIACRITICS = str.maketrans(
    {"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "a", "ø": "o"}
)
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a",
     "$": "s", "€": "e", "!": "i", "|": "l", "+": "t"}
)  # fmt: skip
_LEET_CHARS = frozenset("0134578@$€!|+")
_LEET_DIGITS = frozenset("013457")  # in a whole leet sentence: "j4g sk4 h3l4" (8 is rarer)
MASK_CHARS = frozenset("*#%_?")
_REPEATS = regex.compile(r"(\w)\1+")
_LONG_RUN = regex.compile(r"(\w)\1\1")  # three of a letter: "fiiittta" hides something
_HOST = regex.compile(r"^(?:[a-z]+://)?(?:www\.)?")
_HOST_PARTS = regex.compile(r"[-._\d]+")
MAX_WORD = 60  # longer "words" (URLs, walls of letters) are matched exactly only
MIN_HEAD = 3  # a lexicon word at the end of a compound
MIN_PART = 3  # the other part of a compound


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon word a token stands for, and how it was recognised."""

    lexicon: str
    lemma: str
    how: str  # "exact", "compound", "leet", "diacritics", "repeated letters", "mask", "hyphen"


@dataclass(frozen=True, slots=True)
class Phrase:
    """A lexicon entry of several words: each position lists the forms that fill it."""

    lexicon: str
    lemma: str
    slots: tuple[frozenset[str], ...]
    plain: tuple[frozenset[str], ...]  # the same forms without diacritics


def undiacritic(word: str) -> str:
    return word.translate(_DIACRITICS)


def skeleton(word: str) -> str:
    """A key that also survives repeated letters: ``fiiittta`` -> ``fita``."""
    return _REPEATS.sub(r"\1", undiacritic(word))


class Vocabulary:
    """Every lexicon's words and forms, ready for lookup. Thread-safe; immutable but a cache."""

    def __init__(self, files: Sequence[LexiconFile], morphology: Morphology) -> None:
        self.morphology = morphology
        # forms a file writes out for a word count wherever the word is used (in phrases too)
        self._manual: dict[str, set[str]] = defaultdict(set)
        for f in files:
            for e in f.entries:
                if len(e.words) == 1:
                    self._manual[e.lemma].update(e.extra)
        self.ids: tuple[str, ...] = tuple(f.spec.id for f in files if f.spec.role == "words")
        self.masks: dict[str, frozenset[str]] = {
            f.spec.id: frozenset(f.spec.masks) for f in files if f.spec.role == "idioms"
        }
        # names and words as written (a place name has no inflections to guess)
        self.false_friends: frozenset[str] = frozenset(
            form
            for f in files
            if f.spec.role == "false_friends"
            for e in f.entries
            for form in (e.lemma, e.lemma + "s", *e.extra)
        )
        # words that make a link what it is when its domain name holds them ("keto", "iptv")
        links: defaultdict[str, set[str]] = defaultdict(set)
        for f in files:
            if f.spec.role == "link_words":
                for e in f.entries:
                    links[undiacritic(e.lemma.replace("-", ""))].add(f.spec.id)
        self.link_words: dict[str, frozenset[str]] = {w: frozenset(i) for w, i in links.items()}
        self._excluding: set[str] = set()
        self.obfuscated: set[str] = set()
        b = _Tables(*([defaultdict(list) for _ in range(8)]))  # type: ignore[arg-type]
        by_id = {f.spec.id: f for f in files}
        for f in files:
            if f.spec.role in ("false_friends", "forms", "link_words"):
                continue
            if f.spec.lexicalised == "exclude":
                self._excluding.add(f.spec.id)
            if f.spec.obfuscation:
                self.obfuscated.add(f.spec.id)
            heads_after = frozenset(
                form
                for other in f.spec.modifier_of
                for e in by_id[other].entries
                if len(e.words) == 1
                for form in self._forms(e)
            )
            for e in f.entries:
                self._add(f, e, heads_after, b)
        self._exact: Mapping[str, tuple[tuple[str, str], ...]] = _tuples(b.exact)
        self._heads: Mapping[str, tuple[tuple[str, str], ...]] = _tuples(b.heads)
        self._name_heads: Mapping[str, tuple[tuple[str, str], ...]] = _tuples(b.name_heads)
        self._plain: Mapping[str, tuple[tuple[str, str], ...]] = _tuples(b.plain)
        self._skeleton: Mapping[str, tuple[tuple[str, str], ...]] = _tuples(b.skeleton)
        self._modifiers = _tuples(b.modifiers)
        self._by_length = _tuples(b.by_length)
        self.phrases: Mapping[str, tuple[Phrase, ...]] = _tuples(b.phrases)
        self._cache: dict[str, tuple[Hit, ...]] = {}
        self._lock = threading.Lock()

    # -- building -------------------------------------------------------------------------

    def _forms(
        self, entry: LexiconEntry, word: str | None = None, active: bool = False
    ) -> set[str]:
        word = word or entry.lemma
        if word.startswith("@"):  # a closed class in a phrase: "hälsa @poss_2 familj"
            return set(CLOSED_CLASSES[word[1:]])
        if entry.compounds == "exact":
            forms = {word}
        else:
            forms = set(self.morphology.forms.get(word, (word,)))
        extra = set(entry.extra) if word == entry.lemma else self._manual.get(word, set())
        forms |= extra
        if active:  # passive verb forms end in -s ("mördas", "hotades"); verbs take no genitive
            forms = {f for f in forms if f in extra or f == word or not f.endswith("s")}
        elif entry.compounds == "exact" and len(entry.words) > 1:
            pass  # a phrase kept as written: "hänga i" is not "hängas i"
        else:
            forms |= {f + "s" for f in forms if not f.endswith(("s", "x", "z"))}  # genitive
        return forms - set(entry.removed)  # also a genitive that is another word ("finns")

    def _add(
        self, f: LexiconFile, e: LexiconEntry, heads_after: frozenset[str], b: _Tables
    ) -> None:
        lex = f.spec.id
        active = f.spec.voice == "active"
        if len(e.words) > 1:
            slots = tuple(frozenset(self._forms(e, w, active)) for w in e.words)
            plain = tuple(frozenset(undiacritic(f) for f in s) for s in slots)
            phrase = Phrase(lex, e.lemma, slots, plain)
            for first in slots[0] | plain[0]:
                b.phrases[first].append(phrase)
            return
        ref = (lex, e.lemma)
        for form in self._forms(e, active=active) if e.compounds != "prefix" else ():
            b.exact[form].append(ref)
            if e.compounds in ("head", "both") and len(form) >= MIN_HEAD:
                b.heads[form].append(ref)
            elif e.compounds == "name" and len(form) >= MIN_HEAD:
                b.name_heads[form].append(ref)
            if f.spec.obfuscation and f.spec.role == "words":
                b.plain[undiacritic(form)].append(ref)
                b.skeleton[skeleton(form)].append(ref)
                b.by_length[len(form)].append((lex, e.lemma, form))
        if e.compounds in ("modifier", "both", "prefix"):
            lemma = e.lemma
            # Swedish joins compounds with the bare stem, a dropped final vowel or a linking s
            for stem in {lemma, lemma[:-1] if lemma[-1] in "aeo" else lemma, lemma + "s"}:
                if len(stem) >= MIN_PART:
                    b.modifiers[stem].append((lex, lemma, heads_after))

    def forms_of(self, lexicon: str) -> dict[str, frozenset[str]]:
        """Each single-word entry of ``lexicon`` and the forms it matches exactly."""
        out: dict[str, set[str]] = defaultdict(set)
        for form, refs in self._exact.items():
            for lex, lemma in refs:
                if lex == lexicon:
                    out[lemma].add(form)
        return {lemma: frozenset(forms) for lemma, forms in out.items()}

    # -- lookup ---------------------------------------------------------------------------

    @staticmethod
    def unleet(word: str) -> str | None:
        """``word`` with its leet digits read as letters ("k0mmunhus3t" -> "kommunhuset"), when
        it has two letters or more of its own and the result is letters only; else None."""
        if sum(c.isalpha() for c in word) < 2 or not any(c in _LEET_DIGITS for c in word):
            return None
        plain = word.translate(_LEET)
        return plain if plain.isalpha() and len(plain) >= 2 else None

    @property
    def link_ids(self) -> frozenset[str]:
        """The lexicons of role "link_words"."""
        return frozenset(i for ids in self.link_words.values() for i in ids)

    def link_classes(self, link: str) -> frozenset[str]:
        """The link-word lexicons whose words the domain name of ``link`` (or a handle) holds.

        The parts of the name (between dots, hyphens and digits, top-level domain left out)
        are read as written: a part that is a link word, or that holds one of five letters or
        more ("boostfollowers", "piratfilmz"), counts.
        """
        if link.startswith("@"):  # a handle: "@cyber_recover_pro" has no top-level domain
            parts = _HOST_PARTS.split(undiacritic(link[1:].lower()))
        else:
            host = _HOST.sub("", link.lower()).split("/", 1)[0]
            parts = _HOST_PARTS.split(undiacritic(host))[:-1]
        parts = [p for p in parts if len(p) >= 3]
        found: set[str] = set()
        for part in parts:
            found.update(self.link_words.get(part, ()))
            if len(part) > 5:
                for word, ids in self.link_words.items():
                    if len(word) >= 5 and word in part:
                        found.update(ids)
        return frozenset(found)

    def lookup(self, word: str) -> tuple[Hit, ...]:
        """Every lexicon word that ``word`` (normalised, lower case) stands for."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        hits = self._lookup(word)
        if len(self._cache) >= 200_000:
            with self._lock:
                self._cache.clear()
        self._cache[word] = hits
        return hits

    def _lookup(self, word: str) -> tuple[Hit, ...]:
        if len(word) < 2:
            return ()
        if word in self.false_friends:  # "Kukkola", "Knivsta": no abuse word, whatever else
            refs = [r for r in self._exact.get(word, ()) if r[0] not in self.obfuscated]
            return _hits(refs, "exact")
        if exact := self._exact.get(word):
            return _hits(exact, "exact")
        if len(word) > MAX_WORD:
            return ()
        if word.isalpha():  # letters only: no hyphen or dot to read past (most words)
            found = self._compound(word)
            if found:
                return _hits(found, "compound")
        elif parts := self._parts(word):
            return parts
        if word in self.morphology.known or word in self.morphology.words:
            return ()  # a Swedish word of its own is never read as a hidden lexicon word
        return self._obfuscated(word)

    def _parts(self, word: str) -> tuple[Hit, ...]:
        """A word with a hyphen or dot in it: split to hide a word, or a compound's head."""
        joined = word.replace("-", "").replace(".", "").replace(":", "")
        if joined != word and joined.isalpha() and (split := self._exact.get(joined)):
            return _hits(split, "hyphen")  # "ID-IOTER", "BELIZI-ERNA", "DM:a": one word split
        stripped = word.strip("-.")  # the part after the last '-' or '.' (no regex: hot)
        head = stripped[max(stripped.rfind("-"), stripped.rfind(".")) + 1 :]
        # "bamse-filmen", "wars-serien", "filmen.torrent": the last part is the head
        if (
            head != word
            and head.isalpha()
            and (parts := self._exact.get(head) or self._compound(head))
        ):
            return _hits(parts, "compound")
        return ()

    def _compound(self, word: str) -> list[tuple[str, str]]:
        n = len(word)
        heads: list[tuple[str, str]] = []
        modifiers: list[tuple[str, str]] = []
        for k in range(MIN_PART, n - MIN_HEAD + 1):  # longest head first
            head = word[k:]
            if (refs := self._heads.get(head)) and self.morphology.may_begin(word[:k]):
                heads += refs
            # the head of a name ("Lombiavägen", "Vallbacksskolan"): any first part will do,
            # also where the same head is an ordinary compound's head in another list
            if (refs := self._name_heads.get(head)) and word[:k].isalpha():
                heads += refs
            if heads:
                break
        for k in range(n - MIN_PART, MIN_PART - 1, -1):  # longest modifier first
            for lex, lemma, after in self._modifiers.get(word[:k], ()):
                if word[k:] in after:
                    modifiers.append((lex, lemma))
        found = heads + modifiers
        # A dictionary word that merely contains a sensitive word ("marsvin", "skitsnygg")
        # means something of its own; one made of two lexicon words ("blattejävel") does not.
        if found and word in self.morphology.lexical and not (heads and modifiers):
            found = [r for r in found if r[0] not in self._excluding]
        return found

    def _obfuscated(self, word: str) -> tuple[Hit, ...]:
        for candidate, how in _deobfuscations(word):
            if candidate in self.false_friends or (
                candidate in self.morphology.known and candidate not in self._exact
            ):
                return ()
            exact = [r for r in self._exact.get(candidate, ()) if r[0] in self.obfuscated]
            plain = self._plain.get(undiacritic(candidate), ()) if len(candidate) >= 3 else ()
            if exact or plain:  # every word it may hide ("g@ss": gäss, not only gass)
                return _hits([*exact, *plain], how if how != "plain" else "diacritics")
            if len(candidate) < 3:
                continue
            if (how != "plain" or _LONG_RUN.search(candidate)) and (
                refs := self._skeleton.get(skeleton(candidate))
            ):
                return _hits(refs, how if how != "plain" else "repeated letters")
        if not word.isalpha() and any(c in MASK_CHARS for c in word):  # no mask is a letter
            return self._masked(word)
        return ()

    def _masked(self, word: str) -> tuple[Hit, ...]:
        letters = sum(c.isalpha() for c in word)
        masks = sum(c in MASK_CHARS for c in word)
        if letters < 2 or masks > letters or not all(c.isalpha() or c in MASK_CHARS for c in word):
            return ()
        pattern = regex.compile("".join("." if c in MASK_CHARS else regex.escape(c) for c in word))
        refs = [
            (lex, lemma)
            for lex, lemma, form in self._by_length.get(len(word), ())
            if pattern.fullmatch(form)
        ]
        # a mask that fits several different words says nothing
        return _hits(refs, "mask") if len({r[1] for r in refs}) == 1 else ()


K = TypeVar("K")
V = TypeVar("V")


def _tuples(table: Mapping[K, list[V]]) -> dict[K, tuple[V, ...]]:
    """Tuples, not lists: the garbage collector stops walking tuples of strings."""
    return {k: tuple(v) for k, v in table.items()}


class _Tables(NamedTuple):
    """The lookup tables while they are built (each value a list, then a tuple)."""

    exact: defaultdict[str, list[tuple[str, str]]]
    heads: defaultdict[str, list[tuple[str, str]]]
    modifiers: defaultdict[str, list[tuple[str, str, frozenset[str]]]]
    plain: defaultdict[str, list[tuple[str, str]]]
    skeleton: defaultdict[str, list[tuple[str, str]]]
    by_length: defaultdict[int, list[tuple[str, str, str]]]
    phrases: defaultdict[str, list[Phrase]]
    name_heads: defaultdict[str, list[tuple[str, str]]]


def _deobfuscations(word: str) -> Iterable[tuple[str, str]]:
    if word.isalpha():  # no '-', '.' nor leet character is a letter: only itself (most words)
        yield word, "plain"
        return
    plain = word.replace("-", "").replace(".", "")
    if plain != word and plain.isalpha():
        yield plain, "hyphen"
    if any(c.isalpha() for c in word) and any(c in _LEET_CHARS for c in word):
        yield word.translate(_LEET), "leet"
    if word.isalpha():
        yield word, "plain"


def _hits(refs: Iterable[tuple[str, str]], how: str) -> tuple[Hit, ...]:
    return tuple(Hit(lex, lemma, how) for lex, lemma in dict.fromkeys(refs))
