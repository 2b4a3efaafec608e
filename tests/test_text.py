"""Normalisation and the lexicon matcher: offsets, idempotence, obfuscation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kommentar_regler as kr
from kommentar_regler.text import normalise

TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200
) | st.sampled_from(
    ["Ｉｄｉｏｔ", "j\u200bävla", "h̸o̸r̸a̸", "Straße", "👨‍👩‍👧 hej", "\u202eabc", "ﬁnt"]
)


@given(TEXT)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalise(text).text
    assert normalise(once).text == once


@given(TEXT, st.data())
def test_every_normalised_span_maps_into_the_original(text: str, data: st.DataObject) -> None:
    norm = normalise(text)
    n = len(norm.text)
    i = data.draw(st.integers(0, n))
    j = data.draw(st.integers(i, n))
    start, end = norm.original_span(i, j)
    assert 0 <= start <= end <= len(text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hej Då", "hej då"),
        ("j\u200bävla", "jävla"),
        ("Ｉｄｉｏｔ", "idiot"),
        ("ja\u0308vla", "jävla"),
        ("h̸o̸r̸a̸", "hora"),
        ("јävla", "jävla"),  # Cyrillic ј
        ("Привет", "привет"),  # a Russian word is left Russian
    ],
)
def test_normalise_examples(raw: str, expected: str) -> None:
    assert normalise(raw).text == expected


# Every way of hiding a word that the matcher must see through (issue: abuse detection).
OBFUSCATIONS = {
    "leet": lambda w: w.replace("i", "1").replace("o", "0").replace("a", "@").replace("e", "3"),
    "spaced": lambda w: " ".join(w.upper()),
    "repeated": lambda w: "".join(c * 3 if i == 1 else c for i, c in enumerate(w)),
    "masked": lambda w: w[0] + "*" + w[2:],
    "no_diacritics": lambda w: w.replace("ä", "a").replace("å", "a").replace("ö", "o"),
    "hyphen": lambda w: (w[: len(w) // 2] + "-" + w[len(w) // 2 :]).upper(),
    "zero_width": lambda w: w[:2] + "\u200b" + w[2:],
}
TERMS = [
    ("svordomar", "jävla"),
    ("svordomar", "fitta"),
    ("forolampningar", "idiot"),
    ("forolampningar", "hora"),
    ("hotverb", "döda"),
    ("svordomar", "helvete"),
]


@pytest.mark.parametrize("how", sorted(OBFUSCATIONS))
@pytest.mark.parametrize(("lexicon", "word"), TERMS)
def test_obfuscated_lexicon_words_are_still_found(
    engine: kr.Engine, lexicon: str, word: str, how: str
) -> None:
    hidden = OBFUSCATIONS[how](word)
    if hidden == word and how != "no_diacritics":
        pytest.skip(f"{how} does not change {word!r}")
    text = f"Det här är {hidden} alltså"
    analysis = engine.analyse(text)
    hits = analysis.hits(lexicon)
    forms = engine.vocabulary.forms_of(lexicon)
    assert any(word in forms.get(h.lemma, ()) for _, h in hits), (hidden, analysis.tokens)
    for token, _ in hits:
        assert hidden.replace("\u200b", "") in token.text.replace("\u200b", "")


@pytest.mark.parametrize(
    ("word", "lexicon"),
    [
        ("idiotpolitiker", "forolampningar"),
        ("invandrarjävlar", "svordomar"),
        ("invandrarjävlar", "folkgrupper"),
        ("idiotjäveln", "svordomar"),
    ],
)
def test_compounds(engine: kr.Engine, word: str, lexicon: str) -> None:
    assert engine.analyse(word).hits(lexicon)


@pytest.mark.parametrize("word", ["idiotiskt", "marsvinet", "kukkola", "asfalten", "horisont"])
def test_not_compounds(engine: kr.Engine, word: str) -> None:
    abuse = {"svordomar", "forolampningar", "folkgrupper", "forakt", "hotverb"}
    assert not abuse & set(engine.analyse(word).positions)
