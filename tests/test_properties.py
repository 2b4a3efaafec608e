"""Properties that hold for any input (hypothesis; 500 examples each when CI=true)."""

from __future__ import annotations

import random
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

import kommentar_regler as kr
from kommentar_regler.text import normalise

from .samples import DEV_TEXTS, TRICKY_CHARS

ENGINE = kr.Engine(load_entrypoints=False)
DEV = DEV_TEXTS

# Everything the open internet sends: all of Unicode, and the tricky parts on purpose.
TRICKY = st.sampled_from(TRICKY_CHARS)
ANY_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.text(max_size=10), TRICKY, st.sampled_from(DEV)), max_size=12).map(
        "".join
    ),
    st.sampled_from(DEV),
)
SEVERITY = {c: c.severity for c in kr.Category}


@given(ANY_TEXT)
def test_classify_never_raises_and_offsets_slice_the_original(text: str) -> None:
    d = ENGINE.classify(text)
    assert d.category in d.categories
    for f in d.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.text
    for a in d.actions:
        assert a.basis


@given(ANY_TEXT)
def test_deterministic(text: str) -> None:
    assert ENGINE.classify(text) == ENGINE.classify(text)


@given(ANY_TEXT)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalise(text).text
    assert normalise(once).text == once


@given(ANY_TEXT)
def test_a_criminal_sentence_never_makes_a_comment_less_severe(text: str) -> None:
    before = ENGINE.classify(text)
    after = ENGINE.classify(text + "\nJag ska döda dig.")
    assert SEVERITY[after.category] >= SEVERITY[before.category]
    assert kr.Category.CRIMINAL in after.categories


def _recase(text: str, rnd: random.Random) -> str:
    return "".join(c.upper() if rnd.random() < 0.5 else c.lower() for c in text)


def _respace(text: str, rnd: random.Random) -> str:
    """Other horizontal white space (a line break ends a sentence, so it is not used here)."""
    return "".join(rnd.choice([" ", "  ", "\t", " \u00a0", "   "]) if c == " " else c for c in text)


# A text spelled out letter by letter ("D u  ä r  e n  i d i o t") is the one place where the
# width of a gap carries meaning: one space inside a word, wider gaps between words.
_SPELLED = re.compile(r"(?:\b\w\b[ \t\u00a0]+){2}\b\w\b")
PLAIN = [t for t in DEV if not _SPELLED.search(t)]
SPELLED = [t for t in DEV if _SPELLED.search(t)]


def _same_category_recased_and_respaced(text: str, seed: int, respace: Any) -> None:
    rnd = random.Random(seed)
    base = ENGINE.classify(text).category
    assert ENGINE.classify(_recase(text, rnd)).category == base
    assert ENGINE.classify(respace(text, rnd)).category == base


@given(st.sampled_from(PLAIN), st.integers(0, 2**32))
def test_case_and_whitespace_do_not_change_the_category(text: str, seed: int) -> None:
    _same_category_recased_and_respaced(text, seed, _respace)


def _respace_spelled(text: str, rnd: random.Random) -> str:
    """Other white space in a spelled-out text that keeps its shape: one space (or no-break
    space) inside a word, two to four blanks between words."""
    def gap(m: re.Match[str]) -> str:
        if len(m.group()) == 1:
            return rnd.choice([" ", "\u00a0"])
        return "".join(rnd.choice([" ", "\t"]) for _ in range(rnd.randint(2, 4)))

    return re.sub(r" +", gap, text)


@given(st.sampled_from(SPELLED), st.integers(0, 2**32))
def test_case_and_even_spacing_do_not_change_a_spelled_out_text(text: str, seed: int) -> None:
    _same_category_recased_and_respaced(text, seed, _respace_spelled)


# -- obfuscation never hides a lexicon word ---------------------------------------------------

ABUSE = ("svordomar", "forolampningar", "hotverb", "folkgrupper", "forakt")
TERMS = sorted(
    {
        (lex, form)
        for lex in ABUSE
        for forms in ENGINE.vocabulary.forms_of(lex).values()
        for form in forms
        if len(form) >= 4 and form.isalpha() and form not in ENGINE.vocabulary.false_friends
    }
)
_LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}


def _obfuscate(word: str, how: str, rnd: random.Random) -> str:
    if how == "leet":
        spots = [i for i, c in enumerate(word) if c in _LEET]
        assume(spots and len(spots) < sum(c.isalpha() for c in word))
        pick = set(rnd.sample(spots, rnd.randint(1, len(spots))))
        out = "".join(_LEET[c] if i in pick else c for i, c in enumerate(word))
        assume(any(c.isalpha() for c in out))
        return out
    if how == "spaced":
        return " ".join(word.upper())
    if how == "repeated":
        i = rnd.randrange(len(word))
        return word[:i] + word[i] * 3 + word[i + 1 :]
    if how == "masked":
        i = rnd.randrange(1, len(word) - 1)
        return word[:i] + "*" + word[i + 1 :]
    if how == "no_diacritics":
        return word.translate(str.maketrans("åäö", "aao"))
    if how == "hyphen":
        i = rnd.randrange(1, len(word) - 1)
        return (word[:i] + "-" + word[i:]).upper()
    if how == "zero_width":
        i = rnd.randrange(1, len(word))
        return word[:i] + "\u200b" + word[i:]
    return word.upper()


@given(
    st.sampled_from(TERMS),
    st.sampled_from(
        ["leet", "spaced", "repeated", "masked", "no_diacritics", "hyphen", "zero_width", "upper"]
    ),
    st.integers(0, 2**32),
)
def test_obfuscating_a_lexicon_word_does_not_hide_it(
    term: tuple[str, str], how: str, seed: int
) -> None:
    lexicon, word = term
    hidden = _obfuscate(word, how, random.Random(seed))
    if how == "masked":  # a mask that fits another word of any lexicon says nothing
        masked = re.compile(hidden.replace("*", "."))
        fits = {
            lemma
            for lex in ENGINE.vocabulary.obfuscated
            for lemma, forms in ENGINE.vocabulary.forms_of(lex).items()
            for f in forms
            if masked.fullmatch(f)
        }
        assume(len(fits) == 1)
    if how == "no_diacritics":  # a Swedish word is never folded ("slaktens" beside "släktens")
        morphology = ENGINE.vocabulary.morphology
        assume(hidden == word or hidden not in morphology.words | morphology.known)
        # nor is a form another lexicon lists as it is ("brann" of brinna beside "bränn")
        exact = [h for h in ENGINE.vocabulary.lookup(hidden) if h.how == "exact"]
        assume(hidden == word or not exact)
    analysis = ENGINE.analyse(f"Ja men {hidden} alltså")
    lemmas = {h.lemma for _, h in analysis.hits(lexicon)}
    forms = ENGINE.vocabulary.forms_of(lexicon)
    assert lemmas, (word, hidden, analysis.tokens)
    assert any(word in forms.get(lemma, ()) for lemma in lemmas), (word, hidden, lemmas)


def test_one_engine_in_eight_threads_gives_the_sequential_decisions() -> None:
    texts = DEV * 2
    sequential = [ENGINE.classify(t) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(ENGINE.classify, texts))
    assert threaded == sequential


ADVERSARIAL = [c * 20_000 for c in (".", "!", "?", " ", "a", "1", "-", ",", "😍", "\u200b")] + [
    "Tack " + "." * 20_000 + " x",
    "jag ska " + "hej " * 5_000 + "döda dig",
    "din " + "idiot " * 4_000,
    "Gatlampan " + "vid " * 5_000 + "är trasig",
    "a " * 10_000,
    "Hej! " * 4_000,
    "Gungan är sönder, idiot" + "!" * 20_000 + "x",
    ", idiot!!!!!!!!!!!!x" * 1_500,
    "Svara nu, idiot" + " " * 20_000 + "x",
    "mitt personnummer" + " " * 20_000 + "x",
    "tjäna 5" + " " * 20_000 + "x",
]


def test_no_rule_runs_out_of_time_on_adversarial_text() -> None:
    # A quadratic pattern takes seconds on 20,000 characters and would time out here (the
    # budget is 0.25 s + 2 s per 100,000 characters); linear ones take milliseconds.
    for text in ADVERSARIAL:
        analysis = ENGINE.analyse(text)
        ENGINE.findings(analysis)
        assert not analysis.timed_out, (text[:30], analysis.timed_out)
