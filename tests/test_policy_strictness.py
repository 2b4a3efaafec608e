"""`standard` is at least as strict as every municipal profile, for every category and label.

Nothing here is a hand-kept list of cases: the categories are the enum, the labels are every
label a rule can give, every label the resolver derives and every label any profile names, and
each is planned alone, with every category, in public and in private, at times chosen to
separate hours from working days (a Friday afternoon, after closing time, a weekend, Christmas,
both changes of summer time, midsommarafton). "At least as strict" means: every action the
municipal profile plans is planned by `standard` too, not optional where the profile requires
it, due no later; and evidence is saved no later than it is removed.

The one exception is on purpose and stated in standard.toml and docs/policies.md: only Tyresö 3
removes swearing alone, and `standard` does not (issue 16, Deliver 1).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from itertools import product

import pytest

import kommentar_regler as kr
from kommentar_regler import ActionKind as K
from kommentar_regler._models import STOCKHOLM
from kommentar_regler.policy.profile import Policy
from kommentar_regler.resolve import GENERAL_OPINION, SWEARING_ALONE
from kommentar_regler.rules import DataRule

from .conftest import DATA

MUNICIPAL = ["ale", "hantera_sociala_medier", "hjo", "knivsta", "tyreso"]
TIMES = [
    datetime(2026, 5, 5, 10),  # Tuesday morning
    datetime(2026, 5, 8, 15),  # Friday afternoon
    datetime(2026, 5, 4, 17),  # Monday after closing time
    datetime(2026, 5, 9, 10),  # Saturday
    datetime(2026, 12, 23, 15),  # before julafton
    datetime(2026, 6, 19, 9),  # midsommarafton
    datetime(2026, 3, 28, 12),  # summer time starts within 48 hours
    datetime(2026, 10, 24, 12),  # summer time ends within 48 hours
]
#: Only Tyresö removes swearing alone; standard keeps it (and so neither saves nor registers it).
EXEMPT = {("tyreso", SWEARING_ALONE): {K.REMOVE, K.SAVE_EVIDENCE, K.REGISTER_DIARY}}


def every_label(engine: kr.Engine) -> set[str]:
    labels = {r.label for r in engine.rules if isinstance(r, DataRule) and r.role == "evidence"}
    labels |= {GENERAL_OPINION, SWEARING_ALONE, "needs_review", "flood"}
    for name in engine.policies.names:
        spec = engine.policies.get(name).spec
        labels |= set(spec.label) | set(spec.private_label)
    return labels


def combinations(engine: kr.Engine) -> Iterator[tuple[tuple[kr.Category, ...], tuple[str, ...]]]:
    labels = sorted(every_label(engine))
    for category in kr.Category:
        yield (category,), ()
    for label in labels:
        yield (), (label,)
    for category, label in product(kr.Category, labels):
        yield (category,), (label,)


def planned(
    policy: Policy,
    cats: tuple[kr.Category, ...],
    labels: tuple[str, ...],
    private: bool,
    at: datetime,
) -> dict[K, kr.Action]:
    comment = kr.Comment(text="", is_private=private)
    received = at.replace(tzinfo=STOCKHOLM)
    return {a.kind: a for a in policy.plan(cats, labels, comment, received)}


def shortfalls(engine: kr.Engine, name: str) -> list[str]:
    """Every way `standard` is less strict than profile ``name``."""
    std, other = engine.policies.get("standard"), engine.policies.get(name)
    out: list[str] = []
    for (cats, labels), private, at in product(combinations(engine), (False, True), TIMES):
        mine = planned(std, cats, labels, private, at)
        where = f"{[c.value for c in cats]} {list(labels)} private={private} {at:%a %Y-%m-%d %H:%M}"
        for kind, theirs in planned(other, cats, labels, private, at).items():
            exempt = set().union(*(EXEMPT.get((name, b), set()) for b in theirs.because_of))
            if kind in exempt and set(theirs.because_of) <= {SWEARING_ALONE}:
                continue
            ours = mine.get(kind)
            if ours is None:
                out.append(f"{where}: {name} plans {kind.value}, standard does not")
            elif ours.optional and not theirs.optional:
                out.append(f"{where}: {name} requires {kind.value}, standard makes it optional")
            elif theirs.due is not None and (ours.due is None or ours.due > theirs.due):
                out.append(
                    f"{where}: {kind.value} due {theirs.due} ({name}), {ours.due} (standard)"
                )
    return out


@pytest.mark.parametrize("name", MUNICIPAL)
def test_standard_is_at_least_as_strict_as(engine: kr.Engine, name: str) -> None:
    problems = shortfalls(engine, name)
    assert not problems, f"{len(problems)} shortfalls, e.g.\n" + "\n".join(problems[:25])


def test_standard_saves_evidence_no_later_than_it_removes(engine: kr.Engine) -> None:
    std = engine.policies.get("standard")
    for (cats, labels), at in product(combinations(engine), TIMES):
        actions = planned(std, cats, labels, False, at)
        remove, save = actions.get(K.REMOVE), actions.get(K.SAVE_EVIDENCE)
        if remove is not None and remove.due is not None:
            assert save is not None and save.due is not None and save.due <= remove.due, (
                cats,
                labels,
            )


def test_the_check_finds_a_weaker_standard(engine: kr.Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The comparison is not vacuous: a standard that drops Hjo's snabbsynpunkt is caught."""
    path = tmp_path / "weak.toml"
    path.write_text(
        'id = "weak"\nname = "x"\ndocument = "x"\nextends = "standard"\nlabel.synpunkt = []\n',
        encoding="utf-8",
    )
    weak, hjo = engine.policies.get(path), engine.policies.get("hjo")
    at = TIMES[0]
    cats, labels = (kr.Category.QUESTION,), ("synpunkt",)
    assert K.REGISTER_SYNPUNKT in planned(hjo, cats, labels, False, at)
    assert K.REGISTER_SYNPUNKT not in planned(weak, cats, labels, False, at)


# -- private messages: never removed, never reported to the platform -------------------------------


def _gold_texts() -> list[str]:
    import json

    texts: list[str] = []
    for name in ("dev_abuse", "dev_service", "fresh_abuse"):
        for line in (DATA / f"{name}.jsonl").read_text("utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


@pytest.mark.parametrize("name", ["standard", *MUNICIPAL])
def test_no_private_message_of_the_development_sets_is_removed(
    engine: kr.Engine, name: str
) -> None:
    texts = _gold_texts()
    assert len(texts) > 1000
    comments = [kr.Comment(text=t, posted_at=TIMES[1], is_private=True) for t in texts]
    public = 0
    for c, d in zip(comments, engine.classify_many(comments, policy=name), strict=True):
        assert not {K.REMOVE, K.REPORT_TO_PLATFORM} & set(d.action_kinds), (c.text, d.action_kinds)
        public += (
            K.REMOVE
            in engine.classify(c.model_copy(update={"is_private": False}), policy=name).action_kinds
        )
    assert (
        public > 100
    )  # the same texts in public: many are removed, so the property says something
