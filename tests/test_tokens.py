"""The chunk cache in front of spaCy's tokenizer gives spaCy's tokens, faster."""

from __future__ import annotations

import spacy
from hypothesis import given
from hypothesis import strategies as st

from kommentar_regler._text import normalise
from kommentar_regler._tokens import MAX_RUN, ChunkTokenizer

from .samples import DEV_TEXTS

DEV = DEV_TEXTS
NLP = spacy.blank("sv")
CHUNKS = ChunkTokenizer(spacy.blank("sv").tokenizer)
ONLY_CHUNKS = spacy.blank("sv").tokenizer  # only ever sees single chunks


def spacy_tokens(text: str) -> list[tuple[int, str]]:
    return [(t.idx, t.text) for t in NLP.tokenizer(text) if not t.is_space]


def test_same_tokens_as_spacy_on_the_development_sets() -> None:
    for text in DEV:
        norm = normalise(text).text
        assert CHUNKS(norm)[0] == spacy_tokens(norm), text


# Swedish-looking text: words, numbers, abbreviations, URLs, punctuation, several spaces.
WORDISH = st.lists(
    st.sampled_from(
        [
            "hej",
            "Gatlampan",
            "är",
            "trasig",
            "t.ex.",
            "bl.a.",
            "kl.",
            "14:30",
            "070-123",
            "www.ale.se",
            "https://hjo.se/a?b=1",
            "e-post",
            "ID-IOTER",
            "j@vla",
            "1d10t",
            "f*tta",
            "?",
            "!!",
            ",",
            ".",
            "(",
            ")",
            '"',
            "😀",
            "-",
            "/",
        ]
    ),
    max_size=25,
).map(lambda words: "".join(w + (" " if i % 3 else "  ") for i, w in enumerate(words)))


@given(WORDISH)
def test_same_tokens_as_spacy_on_swedish_looking_text(text: str) -> None:
    norm = normalise(text).text
    assert CHUNKS(norm)[0] == spacy_tokens(norm)


@given(st.text(max_size=300))
def test_tokens_cover_every_non_space_character_once(text: str) -> None:
    norm = normalise(text).text
    tokens, _, _ = CHUNKS(norm)
    covered = "".join(tok for _, tok in tokens)
    assert covered == norm.replace(" ", "")
    for idx, tok in tokens:
        assert norm[idx : idx + len(tok)] == tok


@given(st.text(min_size=1, max_size=20).filter(lambda s: " " not in s), st.text(max_size=40))
def test_a_chunk_gets_the_same_tokens_whatever_surrounds_it(chunk: str, context: str) -> None:
    # spaCy itself may split an emoticon differently when other chunks hold one too
    # (":)" in "( :)😀" vs ":)😀"); the cache tokenises each chunk on its own, always alike.
    fresh = ChunkTokenizer(ONLY_CHUNKS)
    alone = fresh(chunk)[0]
    in_context = fresh(f"{context} {chunk}")[0]
    offset = len(context) + 1
    assert [(i - offset, t) for i, t in in_context if i >= offset] == alone


def test_long_runs_are_cut_into_pieces() -> None:
    tokens, _, _ = CHUNKS("a" * (3 * MAX_RUN + 7) + " slut")
    assert [len(t) for _, t in tokens] == [MAX_RUN, MAX_RUN, MAX_RUN, 7, 4]
    assert tokens[-1] == (3 * MAX_RUN + 8, "slut")


def test_the_cache_starts_over_when_full() -> None:
    tok = ChunkTokenizer(spacy.blank("sv").tokenizer)
    tok.CACHE_SIZE = 3
    for word in ["ett", "två", "tre", "fyra", "fem"]:
        tok(word)
    assert len(tok._cache) <= 3
    assert tok("ett två") == ([(0, "ett"), (4, "två")], [], [])


def test_flagged_chunks_come_back_as_token_ranges() -> None:
    tok = ChunkTokenizer(spacy.blank("sv").tokenizer, flag=lambda chunk: "!" in chunk[:-1])
    tokens, flagged, _ = tok("din id!ot. svar!")
    assert [t for _, t in tokens] == ["din", "id", "!", "ot", ".", "svar", "!"]
    assert flagged == [(1, 5)]  # "svar!" is split too, but not flagged


def test_notes_are_made_once_per_chunk_and_come_back_with_its_offset() -> None:
    seen: list[str] = []

    def note(chunk: str, tokens: tuple[tuple[int, str], ...], flagged: bool) -> str:
        assert tokens == CHUNKS.learn(chunk)[0]
        seen.append(chunk)
        return chunk.upper() if chunk.startswith("k") else ""

    tok = ChunkTokenizer(spacy.blank("sv").tokenizer, note=note)
    assert tok("kan kommunen svara kan")[2] == [(0, "KAN"), (4, "KOMMUNEN"), (19, "KAN")]
    assert sorted(seen) == ["kan", "kommunen", "svara"]
