"""The public contract of DESIGN.md, held by outside checks."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

import kommentar_regler as kr
from kommentar_regler import ActionKind, Category


def test_category_values_are_exactly_the_contract() -> None:
    assert [c.value for c in Category] == [
        "praise",
        "question",
        "fault_report",
        "offensive",
        "spam",
        "criminal",
    ]


def test_action_kinds_include_the_contract() -> None:
    required = {
        "reply",
        "acknowledge",
        "forward",
        "register_fault_report",
        "register_synpunkt",
        "save_evidence",
        "register_diary",
        "remove",
        "police_report",
        "report_to_platform",
        "redirect_to_formal_channel",
        "refer_to_parties",
        "human_review",
    }
    assert required <= {k.value for k in ActionKind}


def test_fault_report_example() -> None:
    d = kr.classify("Gatlampan på Storgatan 14 är trasig")
    assert d.category == "fault_report"
    assert "Storgatan 14" in d.facts["location"]
    assert "Gatlampan" in d.facts["asset"]
    assert {ActionKind.REGISTER_FAULT_REPORT, ActionKind.ACKNOWLEDGE} <= set(d.action_kinds)


def test_threat_example_has_the_required_actions_each_with_a_basis() -> None:
    d = kr.classify("Jag ska döda dig")
    assert d.category is Category.CRIMINAL
    assert d.labels == ("olaga_hot",)
    kinds = [a.kind for a in d.actions]
    for kind in ("save_evidence", "remove", "register_diary", "police_report"):
        assert kind in kinds
    assert kinds.index(ActionKind.SAVE_EVIDENCE) < kinds.index(ActionKind.REMOVE)
    for a in d.actions:
        assert a.basis and all(c.document and c.section for c in a.basis)
    assert any("BrB 4 kap. 5 §" in (c.law or "") for f in d.findings for c in f.basis)


@pytest.mark.parametrize("bad", [None, 42, 3.5, ["text"], object()])
def test_classify_rejects_wrong_types_with_a_clear_type_error(bad: object) -> None:
    with pytest.raises(
        TypeError, match=r"classify\(\) argument 'comment' must be .* not " + type(bad).__name__
    ):
        kr.classify(bad)  # type: ignore[arg-type]


def test_classify_accepts_str_comment_mapping_and_utf8_bytes() -> None:
    text = "Tack för hjälpen!"
    decisions = [
        kr.classify(text),
        kr.classify(kr.Comment(text=text)),
        kr.classify({"text": text, "id": 7, "extra column": "ignored"}),
        kr.classify(text.encode("utf-8")),
    ]
    assert {d.category for d in decisions} == {Category.PRAISE}
    assert decisions[2].comment_id == "7"


def test_bytes_that_are_not_utf8_raise_a_comment_error() -> None:
    with pytest.raises(kr.CommentError, match="not UTF-8"):
        kr.classify("Tack för hjälpen".encode("utf-16"))


def test_mapping_without_text_names_the_fields() -> None:
    with pytest.raises(kr.CommentError, match="no 'text' field"):
        kr.classify({"body": "hej"})


def test_findings_point_into_the_original_text() -> None:
    text = "Du är ett  1d10t!!! Och j\u200bävla H o r a"
    d = kr.classify(text)
    assert d.findings
    for f in d.findings:
        assert text[f.start : f.end] == f.text
        assert f.rule_id and f.explanation and f.basis


def test_classify_many_keeps_order_and_is_lazy() -> None:
    texts = ["Toppen!", "Jag ska döda dig", "Soffa säljes, 500 kr", "Är badet öppet?"]
    out = kr.classify_many(iter(texts))
    assert not isinstance(out, list)
    assert [d.category.value for d in out] == ["praise", "criminal", "spam", "question"]


def test_classify_many_rejects_a_string() -> None:
    with pytest.raises(TypeError, match="iterable of comments"):
        kr.classify_many("Toppen!")  # type: ignore[arg-type]


def test_decision_is_plain_json_and_immutable() -> None:
    d = kr.classify(kr.Comment(text="Jag ska döda dig", posted_at=datetime(2026, 3, 28, 12)))
    data = d.model_dump(mode="json")
    assert json.loads(json.dumps(data)) == data
    assert data["format_version"] == kr.FORMAT_VERSION
    assert data["actions"][0]["due"].endswith("+01:00") or data["actions"][0]["due"].endswith(
        "+02:00"
    )
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen error
        d.category = Category.PRAISE  # type: ignore[misc]
    assert kr.Decision.model_validate(data) == kr.Decision.model_validate(d.model_dump())


def test_engine_reusable_with_policy_per_call(engine: kr.Engine) -> None:
    d = engine.classify("Jag ska döda dig", policy="standard")
    assert d.policy == "standard"


def test_unknown_policy_lists_known_ones_with_a_suggestion(engine: kr.Engine) -> None:
    with pytest.raises(kr.UnknownPolicyError) as info:
        engine.classify("hej", policy="standrad")
    assert info.value.suggestion == "standard"
    assert "standard" in str(info.value)


def test_naive_posted_at_is_stockholm_time() -> None:
    c = kr.Comment(text="x", posted_at=datetime(2026, 7, 1, 12))
    assert c.posted_at is not None and c.posted_at.utcoffset().total_seconds() == 7200


def test_too_long_comment_is_refused_not_truncated() -> None:
    engine = kr.Engine(load_entrypoints=False, max_chars=100)
    with pytest.raises(kr.CommentTooLongError, match="101 characters"):
        engine.classify("x" * 101)


def test_unrecognised_comment_is_general_opinion(engine: kr.Engine) -> None:
    d = engine.classify("Solen skiner över sjön")
    assert d.category is Category.PRAISE
    assert d.labels == ("allmant_tyckande",)
    assert not d.findings


def test_positive_swearing_stays_praise_with_a_profanity_label(engine: kr.Engine) -> None:
    d = engine.classify("Helt jävla grymt!")
    assert d.category is Category.PRAISE
    assert "profanity" in d.labels
    assert Category.OFFENSIVE not in d.categories


def test_explain_is_swedish_and_cites(engine: kr.Engine) -> None:
    d = engine.classify(kr.Comment(text="Jag ska döda dig", posted_at=datetime(2026, 3, 28, 12)))
    text = d.explain()
    assert "Brottsligt material" in text and "Jag ska döda dig" in text
    assert "polisanmäl" in text and "Hantera sociala medier" in text


def test_version() -> None:
    assert kr.__version__.count(".") == 2
