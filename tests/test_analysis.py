"""An Analysis put together from what each chunk holds equals one worked out token by token.

The engine looks each distinct space-separated chunk up once (its lexicon words, trigger rules
and literals) and builds a comment's Analysis from its chunks. The reference here is the
straightforward way: tokenise the whole text, look every token up, then add the words that
span several tokens (``1d10t``, ``H o r a``).
"""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import kommentar_regler as kr
from kommentar_regler._analysis import (
    LexHit,
    _drop_contained,
    _spaced_letters,
    hides_a_word,
)
from kommentar_regler._text import normalise
from kommentar_regler._tokens import ChunkTokenizer

from .samples import DEV_TEXTS, TRICKY_CHARS

ENGINE = kr.Engine(load_entrypoints=False)
TOKENS = ChunkTokenizer(spacy.blank("sv").tokenizer, flag=hides_a_word)


def reference(text: str) -> tuple[list[tuple[int, str]], list[LexHit], int]:
    """Tokens, lexicon hits and trigger rules of ``text``, token by token."""
    norm = normalise(text).text
    tokens, glued, _ = TOKENS(norm)
    lookup = ENGINE.matcher.lookup
    found = [
        LexHit(idx, idx + len(tok), i, hit)
        for i, (idx, tok) in enumerate(tokens)
        if len(tok) > 1  # single letters are looked up only as spelled-out words
        for hit in lookup(tok)
    ]
    extra = []
    for first, stop in glued:
        start, (last_idx, last_text) = tokens[first][0], tokens[stop - 1]
        extra.append(
            (start, last_idx + len(last_text), first, norm[start : last_idx + len(last_text)])
        )
    extra += _spaced_letters(norm, tokens)
    found += [LexHit(s, e, w, hit) for s, e, w, surface in extra for hit in lookup(surface)]
    hits = _drop_contained(found)
    index = ENGINE._index
    rules = 0
    for _, tok in tokens:
        rules |= index.word_rules(tok)
    for h in hits:
        rules |= index.hit_rules(h.hit)
    return tokens, hits, rules


def check(text: str) -> None:
    analysis = ENGINE.analyse(text)
    tokens, hits, rules = reference(text)
    assert analysis.tokens == tokens, text
    assert analysis.n_words == len(tokens), text
    assert analysis.hits == hits, text
    assert analysis.word_rules == rules, text


def test_the_development_sets() -> None:
    for text in DEV_TEXTS:
        check(text)


def test_hidden_words_across_and_inside_chunks() -> None:
    for text in [
        "Du är en 1d10t och en j@vla H o r a",
        "h.o.r.a h_o_r_a  d u  ä r  e n  i d i o t",
        "ID-IOTER!! fiiittta, f*tta och javla 1d10t.",
        "",
        "   ",
        "a b c",
    ]:
        check(text)


PIECES = st.sampled_from(
    [
        "hej",
        "idiot",
        "1d10t",
        "j@vla",
        "H o r a",
        "i d i o t",
        "f*tta",
        "ID-IOTER",
        "Kukkola",
        "döda",
        "d0da",
        "kommunen",
        "?",
        "!",
        ".",
        "t.ex.",
        "19121212-1212",
        "a",
        "b",
        " ",
        "  ",
        *TRICKY_CHARS,
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=14).map(" ".join))
def test_any_mix(text: str) -> None:
    check(text)
