"""Measured quality: floors on the development sets, so a regression fails CI."""

from __future__ import annotations

import json
from collections import Counter

import pytest

import kommentar_regler as kr
from kommentar_regler.batch.evaluate import evaluate, load_gold
from kommentar_regler.rules import DataRule

from .conftest import DATA, SHARED

ABUSE_LABELS = {
    "olaga_hot",
    "hets_mot_folkgrupp",
    "uppvigling",
    "barnpornografi",
    "olaga_valdsskildring",
    "upphovsrattsintrang",
    "olaga_integritetsintrang",
    "insult",
    "profanity",
    "sexism",
    "defamation",
    "confidential",
}
SERVICE_LABELS = {
    "praise",
    "routine",
    "synpunkt",
    "individual_case",
    "political",
    "fault",
    "scam",
    "advertising",
    "link_spam",
}


def test_every_label_has_five_examples_each_way(engine: kr.Engine) -> None:
    match: Counter[str] = Counter()
    no_match: Counter[str] = Counter()
    for rule in engine.rules:
        if isinstance(rule, DataRule) and rule.role == "evidence":
            match[rule.label] += len(rule.examples[0])
            no_match[rule.label] += len(rule.examples[1])
    for label in ABUSE_LABELS | SERVICE_LABELS:
        assert match[label] >= 5, f"{label}: {match[label]} examples.match"
        assert no_match[label] >= 5, f"{label}: {no_match[label]} examples.no_match"


@pytest.fixture(scope="module")
def abuse_report(engine: kr.Engine):  # type: ignore[no-untyped-def]
    return evaluate(engine, load_gold(DATA / "dev_abuse.jsonl"))


@pytest.fixture(scope="module")
def service_report(engine: kr.Engine):  # type: ignore[no-untyped-def]
    return evaluate(engine, load_gold(DATA / "dev_service.jsonl"))


def test_abuse_set_is_big_enough_with_a_third_hard_negatives() -> None:
    items = load_gold(DATA / "dev_abuse.jsonl")
    assert len(items) >= 400
    negatives = [it for it in items if (it.tag or "").startswith("neg")]
    assert len(negatives) * 3 >= len(items)


def _assert_abuse_floors(
    r, *, accuracy: float, category_recall: float, label_recall: float, negatives: float
) -> None:  # type: ignore[no-untyped-def]
    assert r.accuracy >= accuracy
    for cat in ("criminal", "offensive"):
        assert r.categories[cat].precision >= 0.95, (cat, r.categories[cat])
        assert r.categories[cat].recall >= category_recall, (cat, r.categories[cat])
    for label in ABUSE_LABELS:
        s = r.labels[label]
        assert s.precision >= 0.9 and s.recall >= label_recall, (label, s)
    # hard negatives: lawful criticism, idioms, false friends are never removed as abuse
    negative_tags = [t for t in r.tags if t.startswith("neg")]
    assert negative_tags and all(r.tags[t]["accuracy"] >= negatives for t in negative_tags)


def test_abuse_floors(abuse_report) -> None:  # type: ignore[no-untyped-def]
    r = abuse_report
    assert r.action_compliance is not None and r.action_compliance >= 0.97
    _assert_abuse_floors(r, accuracy=0.97, category_recall=0.93, label_recall=0.85, negatives=0.97)


@pytest.fixture(scope="module")
def fresh_report(engine: kr.Engine):  # type: ignore[no-untyped-def]
    return evaluate(engine, load_gold(DATA / "fresh_abuse.jsonl"))


def test_fresh_abuse_floors(fresh_report) -> None:  # type: ignore[no-untyped-def]
    # written after the rules (docs/evaluation.md): lower recall floors, and every negative right
    assert fresh_report.n >= 230
    _assert_abuse_floors(
        fresh_report, accuracy=0.95, category_recall=0.88, label_recall=0.75, negatives=1.0
    )


def test_service_set_is_big_enough() -> None:
    assert len(load_gold(DATA / "dev_service.jsonl")) >= 400


def test_service_floors(service_report) -> None:  # type: ignore[no-untyped-def]
    r = service_report
    assert r.accuracy >= 0.95
    for cat in ("praise", "question", "fault_report", "spam"):
        assert r.categories[cat].precision >= 0.9, (cat, r.categories[cat])
        assert r.categories[cat].recall >= 0.9, (cat, r.categories[cat])
    for label in SERVICE_LABELS:
        s = r.labels[label]
        assert s.precision >= 0.85 and s.recall >= 0.85, (label, s)


def test_real_swefaq_questions_are_questions(engine: kr.Engine) -> None:
    path = SHARED / "data" / "questions" / "swefaq-questions.jsonl"
    if not path.exists():  # pragma: no cover - CI has shared/ beside the checkout
        pytest.skip("shared/ is not beside this checkout")
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    assert len(rows) == 218
    hits = sum(engine.classify(r["text"]).category is kr.Category.QUESTION for r in rows)
    assert hits / len(rows) >= 0.95
    # without their question marks too: most must still read as questions
    bare = sum(
        engine.classify(r["text"].rstrip("?")).category is kr.Category.QUESTION for r in rows
    )
    assert bare / len(rows) >= 0.80


def test_flood_in_a_batch_is_spam(engine: kr.Engine) -> None:
    flood = ["Köp billiga solglasögon på www.sol.example!"] * 2 + [
        "Köp billiga solglasögon på www.sol.example!!",
        "köp billiga solglasögon på www.sol.example",
    ]
    texts = ["Tack!"] * 4 + flood + ["Gatlampan är trasig"]
    decisions = list(engine.classify_many(texts, flood=True))
    assert [("flood" in d.labels) for d in decisions] == [False] * 6 + [True, True, False]
    assert decisions[6].category is kr.Category.SPAM
    assert kr.ActionKind.REMOVE in decisions[6].action_kinds
    assert not any("flood" in d.labels for d in engine.classify_many(texts))


# -- blind rounds: written and labelled by people who never saw the rules ---------------------
# Floors a little under the figures after the round's gaps were closed (docs/evaluation.md has
# the FIRST LOOK of each round, the honest figure); they guard against regressions only.
BLIND_FLOORS = {
    "r1": 0.92, "r2": 0.90, "r3": 0.92, "r4": 0.86, "r5": 0.86, "r6": 0.85, "r7": 0.77, "r8": 0.83,
    "r9": 0.78, "r10": 0.76, "r11": 0.82, "r12": 0.81, "r13": 0.81, "r14": 0.81,
    "r15": 0.84, "r16": 0.86, "r17": 0.85, "r18": 0.80, "r19": 0.86, "r20": 0.81, "r21": 0.84,
    "r22": 0.87, "r23": 0.86, "r24": 0.87, "r25": 0.88, "r26": 0.88,
    "r27": 0.84, "r28": 0.90, "r29": 0.83, "r30": 0.84,
    "r31": 0.87, "r32": 0.90, "r33": 0.84, "r34": 0.88, "r35": 0.85, "r36": 0.87,
    "r37": 0.86, "r38": 0.87, "r39": 0.86, "r40": 0.89,
    "r41": 0.85, "r42": 0.85, "r43": 0.86, "r44": 0.84,
    "r45": 0.93, "r46": 0.92, "r47": 0.90, "r48": 0.95,
    "r49": 0.90, "r50": 0.88, "r51": 0.91, "r52": 0.87,
    "r53": 0.80, "r54": 0.87, "r55": 0.81, "r56": 0.85,
}


@pytest.fixture(scope="module")
def blind_items():  # type: ignore[no-untyped-def]
    return load_gold(DATA / "blind_rounds.jsonl")


def test_blind_rounds_have_a_third_hard_negatives(blind_items) -> None:  # type: ignore[no-untyped-def]
    import json

    rows = [json.loads(x) for x in (DATA / "blind_rounds.jsonl").read_text("utf-8").splitlines()]
    for rnd in BLIND_FLOORS:
        mine = [r for r in rows if r["round"] == rnd]
        assert len(mine) >= 150
        assert 3 * sum(1 for r in mine if (r.get("tag") or "").startswith("neg-")) >= len(mine)


@pytest.mark.parametrize("rnd", sorted(BLIND_FLOORS))
def test_blind_round_floors(engine: kr.Engine, rnd: str) -> None:
    import json

    rows = [json.loads(x) for x in (DATA / "blind_rounds.jsonl").read_text("utf-8").splitlines()]
    items = [i for i, r in zip(load_gold(DATA / "blind_rounds.jsonl"), rows, strict=True)
             if r["round"] == rnd]
    report = evaluate(engine, items)
    assert report.accuracy >= BLIND_FLOORS[rnd], (rnd, report.accuracy)
    negatives = [i for i in items if (i.tag or "").startswith("neg-")]
    removed = sum(
        any(a.kind.value == "remove" and not a.optional for a in engine.classify(i.text).actions)
        for i in negatives
    )
    assert removed / len(negatives) <= 0.06, (rnd, removed)
