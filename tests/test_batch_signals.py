"""One answer per comment: classify_many equals classify unless flood detection is asked for,
and flood detection never removes residents' lawful reports."""

from __future__ import annotations

import warnings
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kommentar_regler as kr

from .samples import DEV_TEXTS

ENGINE = kr.Engine(load_entrypoints=False)
OUTAGE = "Vattnet är avstängt på Storgatan 5 sedan i morse, när kommer det tillbaka?"
AD = "Köp billiga solglasögon på www.sol.example!"
NOW = datetime(2026, 11, 30, 14, 5)

ITEMS = st.lists(
    st.one_of(
        st.sampled_from(DEV_TEXTS),
        st.sampled_from([OUTAGE, AD, "Tack!"]),
        st.builds(
            lambda t, a: {"text": t, "author": a},
            st.sampled_from([OUTAGE, AD, *DEV_TEXTS[:20]]),
            st.sampled_from(["anna", "bo", "cia", None]),
        ),
    ),
    max_size=25,
)


@given(ITEMS)
def test_without_flood_classify_many_is_classify_one_by_one(items: list[object]) -> None:
    assert list(ENGINE.classify_many(items, now=NOW)) == [
        ENGINE.classify(x, now=NOW)  # type: ignore[arg-type]
        for x in items
    ]


def _residents(n: int) -> list[dict[str, str]]:
    return [{"text": OUTAGE, "author": f"invånare {i}"} for i in range(n)]


@pytest.mark.parametrize("flood", [False, True])
def test_four_residents_reporting_the_same_outage_are_never_removed(flood: bool) -> None:
    alone = ENGINE.classify(OUTAGE, now=NOW)
    decisions = list(ENGINE.classify_many(_residents(4), flood=flood, now=NOW))
    for d in decisions:
        assert d.category is alone.category and kr.Category.SPAM not in d.categories
        assert kr.ActionKind.REMOVE not in d.action_kinds and "flood" not in d.labels
    if flood:  # a signal for the queue: the same report from several people
        assert ["repeated_report" in d.labels for d in decisions] == [False, True, True, True]
        assert decisions[-1].facts["repeated_report"] == ("4 av samma text i omgången",)


def test_comments_without_an_author_are_not_taken_for_one_sender() -> None:
    decisions = list(ENGINE.classify_many([OUTAGE] * 4, flood=True, now=NOW))
    assert not any("flood" in d.labels for d in decisions)


def test_the_same_author_posting_again_and_again_is_a_flood() -> None:
    rows = [{"text": OUTAGE, "author": "Anna"}, {"text": OUTAGE, "author": " anna "}] * 2
    decisions = list(ENGINE.classify_many(rows, flood=True, now=NOW))
    assert ["flood" in d.labels for d in decisions] == [False, False, True, True]
    assert decisions[2].category is kr.Category.SPAM


def test_copies_of_spam_are_a_flood_whoever_sends_them() -> None:
    rows = [{"text": AD, "author": name} for name in ("a", "b", "c")]  # a link: spam-like
    decisions = list(ENGINE.classify_many(rows, flood=True, now=NOW))
    assert ["flood" in d.labels for d in decisions] == [False, False, True]
    assert "repeated_report" not in decisions[2].labels


def test_classify_many_names_the_bad_item() -> None:
    with pytest.raises(TypeError, match=r"comments\[1\]"):
        list(ENGINE.classify_many(["Tack", None]))  # type: ignore[list-item]
    with pytest.raises(kr.CommentError, match=r"comments\[2\]\['posted_at'\]: 'igår'"):
        list(ENGINE.classify_many(["a", "b", {"text": "c", "posted_at": "igår"}]))
    with pytest.raises(kr.CommentTooLongError, match=r"comments\[1\]"):
        list(kr.Engine(load_entrypoints=False, max_chars=5).classify_many(["Tack", "x" * 6]))


def test_a_comment_field_error_is_the_librarys_own_and_lists_the_forms() -> None:
    with pytest.raises(kr.CommentError, match=r"accepted forms: .*30\.11\.2026 14:05") as info:
        kr.Comment(text="x", posted_at="11/30/2026")
    assert info.value.field == "posted_at"


def test_a_misspelt_key_is_named_in_a_warning() -> None:
    with pytest.warns(UserWarning, match="'postad'.*did you mean 'posted_at'"):
        ENGINE.classify({"text": "Hej", "postad": "2026-11-30 14:05"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ENGINE.classify({"text": "Hej", "likes": 3, "kommunens_nummer": 1})


def test_copies_of_a_text_the_rules_call_spam_are_a_flood() -> None:
    ad = "Soffa säljes, 500 kr, ring mig på 070-1234567"
    assert ENGINE.classify(ad).category is kr.Category.SPAM
    decisions = list(ENGINE.classify_many([{"text": ad, "author": n} for n in "abc"], flood=True))
    assert ["flood" in d.labels for d in decisions] == [False, False, True]


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_an_empty_comment_goes_to_a_person(text: str) -> None:
    d = ENGINE.classify(text)
    assert d.needs_review and d.review_reasons == ("ingen text (bild eller klistermärke?)",)
    assert kr.ActionKind.HUMAN_REVIEW in d.action_kinds
