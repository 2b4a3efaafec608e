"""Issue 16: what each seed document actually requires, item by item.

Part A (swearing, private messages, the writer's own data) and each mismatch of part B has a
test here that failed before the profiles were corrected. Probe times: Tue 2026-05-05 10:00 and
Fri 2026-05-08 15:00 (Stockholm).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kommentar_regler as kr
from kommentar_regler import ActionKind as K
from kommentar_regler._models import STOCKHOLM
from kommentar_regler.cli import app

TUESDAY = datetime(2026, 5, 5, 10, tzinfo=STOCKHOLM)
FRIDAY = datetime(2026, 5, 8, 15, tzinfo=STOCKHOLM)
MUNICIPAL = {
    "ale": "Ale",
    "hantera_sociala_medier": "Hantera sociala medier",
    "hjo": "Hjo",
    "knivsta": "Knivsta",
    "tyreso": "Tyresö",
}
PROFILES = ["standard", *MUNICIPAL]

SWEARING_ALONE = [
    "Det här är ju för jävla dåligt skött av er",
    "Jävla bra jobbat av snöröjarna",
    "Fy fan",
    "Helvete vad dåligt",
]
FAULT = "Gatlampan på Storgatan 14 är trasig"
QUESTION = "Är anmälan till simskolan öppen nu?"
POLITICAL = "Hur röstade ni om nya badhuset?"
AD = "Soffa säljes, 500 kr, hämtas i Hjo"
SCAM = "Grattis, du är utvald att vinna en iPhone"
ATTACK = "Du är en idiot"
DEFAMATION = "Rektorn är en pedofil"
THREAT = "Jag ska döda dig"
CASE = "När får jag besked om mitt bygglov?"
OTHERS_DATA = [
    "Sjuksköterskan Maja Holm har cancer",
    "Familjen på nummer 5 har fått sina barn omhändertagna enligt LVU",
    "Grannen sitter på kåken för misshandel",
    "Min granne har personnummer 640823-3234",
]


def decide(engine: kr.Engine, text: str, policy: str, at: datetime = TUESDAY, **kw: object):  # type: ignore[no-untyped-def]
    return engine.classify(kr.Comment(text=text, posted_at=at, **kw), policy=policy)


def kinds(d: kr.Decision, mandatory: bool = False) -> list[K]:
    return [a.kind for a in d.actions if not (mandatory and a.optional)]


def one(d: kr.Decision, kind: K) -> kr.Action:
    found = d.actions_of(kind)
    assert found, f"no {kind} in {kinds(d)}"
    return found[0]


# -- A.1 swearing alone ------------------------------------------------------------------------


@pytest.mark.parametrize("text", SWEARING_ALONE)
@pytest.mark.parametrize("policy", ["standard", "ale", "hjo", "knivsta", "hantera_sociala_medier"])
def test_swearing_alone_is_not_removed(engine: kr.Engine, policy: str, text: str) -> None:
    d = decide(engine, text, policy)
    assert "profanity" in d.labels and "swearing_alone" in d.labels
    assert kr.Category.OFFENSIVE not in d.categories
    assert not {K.REMOVE, K.REPORT_TO_PLATFORM} & set(kinds(d)), kinds(d)


@pytest.mark.parametrize("text", SWEARING_ALONE)
def test_tyreso_removes_swearing_alone_citing_section_3(engine: kr.Engine, text: str) -> None:
    d = decide(engine, text, "tyreso")
    remove = one(d, K.REMOVE)
    assert not remove.optional
    assert any(c.section == "3" and "svordomar" in (c.quote or "") for c in remove.basis)
    assert K.REGISTER_DIARY in kinds(d, mandatory=True)  # "raderat material ... diarieföras"


@pytest.mark.parametrize("policy", PROFILES)
def test_swearing_at_someone_is_an_insult_and_stays_offensive(
    engine: kr.Engine, policy: str
) -> None:
    d = decide(engine, "Du är en jävla idiot", policy)
    assert d.category is kr.Category.OFFENSIVE and "swearing_alone" not in d.labels
    if (
        policy != "hantera_sociala_medier"
    ):  # seed 001 says nothing of lawful insults: a person decides
        assert K.REMOVE in kinds(d, mandatory=True)


INTENSIFIED = ["Skitsnyggt!", "Så svinbra jobbat", "Asbra!", "Jättebra jobbat"]


@pytest.mark.parametrize("policy", PROFILES)
@pytest.mark.parametrize("text", INTENSIFIED)
def test_intensifier_compounds_are_praise_without_removal(
    engine: kr.Engine, policy: str, text: str
) -> None:
    d = decide(engine, text, policy)
    assert d.category is kr.Category.PRAISE and "profanity" not in d.labels
    assert K.REMOVE not in kinds(d)


# -- A.3 private messages ------------------------------------------------------------------------


@pytest.mark.parametrize("policy", PROFILES)
def test_private_message_with_a_threat_is_saved_and_reported_never_removed(
    engine: kr.Engine, policy: str
) -> None:
    d = decide(engine, THREAT, policy, is_private=True)
    assert not {K.REMOVE, K.REPORT_TO_PLATFORM} & set(kinds(d))
    assert K.SAVE_EVIDENCE in kinds(d, mandatory=True)


@pytest.mark.parametrize("policy", ["standard", "tyreso"])
def test_private_message_with_confidential_data_is_registered_and_marked(
    engine: kr.Engine, policy: str
) -> None:
    d = decide(engine, OTHERS_DATA[0], policy, is_private=True)
    register = one(d, K.REGISTER_DIARY)
    assert not register.optional
    assert "sekretess" in (register.note or "").lower()
    assert any("5 kap. 5 §" in (c.law or "") for c in register.basis)


@pytest.mark.parametrize("policy", ["standard", "ale"])
def test_private_message_with_an_individual_case_is_redirected(
    engine: kr.Engine, policy: str
) -> None:
    d = decide(engine, CASE, policy, is_private=True)
    assert K.REDIRECT_TO_FORMAL_CHANNEL in kinds(d, mandatory=True)


def test_cli_reads_is_private_from_a_swedish_csv(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        f"text;is_private;channel\n{THREAT};ja;messenger\n{THREAT};;facebook\n{THREAT};nej;facebook\n",
        encoding="utf-8",
    )
    out = tmp_path / "beslut.jsonl"
    result = CliRunner().invoke(app, ["classify", "--input", str(path), "--output", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    removed = [any(a["kind"] == "remove" for a in row["actions"]) for row in rows]
    assert removed == [False, True, True]


# -- A.4 the writer's own data and other people's -------------------------------------------------


@pytest.mark.parametrize("policy", PROFILES)
def test_own_health_is_not_removed_own_case_is_redirected(engine: kr.Engine, policy: str) -> None:
    own = decide(engine, "Jag har cancer och undrar om färdtjänst", policy)
    assert K.REMOVE not in kinds(own) and "confidential" not in own.labels
    case = decide(
        engine,
        "Jag har diabetes och har sökt färdtjänst. När får jag besked om min ansökan?",
        policy,
    )
    assert K.REMOVE not in kinds(case)
    if policy in ("standard", "ale"):
        assert K.REDIRECT_TO_FORMAL_CHANNEL in kinds(case, mandatory=True)


@pytest.mark.parametrize("policy", PROFILES)
@pytest.mark.parametrize("text", [*OTHERS_DATA, "Mitt personnummer är 640823-3234, kan ni kolla?"])
def test_other_peoples_data_and_any_personnummer_are_removed(
    engine: kr.Engine, policy: str, text: str
) -> None:
    d = decide(engine, text, policy)
    assert "confidential" in d.labels
    assert K.REMOVE in kinds(d, mandatory=True)


# -- B.1 seed 001: confidential content is an allmän handling -------------------------------------


@pytest.mark.parametrize("text", OTHERS_DATA)
def test_seed_001_saves_and_registers_confidential_content_before_removal(
    engine: kr.Engine, text: str
) -> None:
    d = decide(engine, text, "hantera_sociala_medier")
    k = kinds(d, mandatory=True)
    assert {K.SAVE_EVIDENCE, K.REGISTER_DIARY, K.REMOVE} <= set(k), k
    register = one(d, K.REGISTER_DIARY)
    assert any("allmänna handlingar" in (c.quote or "") for c in register.basis)
    assert any("OSL" in (c.law or "") for c in register.basis)
    assert one(d, K.SAVE_EVIDENCE).due <= one(d, K.REMOVE).due


# -- B.2 standard is the strictest reading ---------------------------------------------------------


def test_standard_fault_report_is_forwarded_and_answered_over_the_weekend(
    engine: kr.Engine,
) -> None:
    d = decide(engine, FAULT, "standard", at=FRIDAY)
    for kind in (K.FORWARD, K.REPLY, K.REGISTER_FAULT_REPORT):
        assert kind in kinds(d, mandatory=True), kind
    assert one(d, K.REPLY).due <= datetime(2026, 5, 9, 15, tzinfo=STOCKHOLM)  # seed 001: 24 h


def test_standard_question_answered_within_24_hours_forwarded_signed(engine: kr.Engine) -> None:
    d = decide(engine, QUESTION, "standard", at=FRIDAY)
    reply = one(d, K.REPLY)
    assert reply.due <= datetime(2026, 5, 9, 15, tzinfo=STOCKHOLM)
    assert not one(d, K.FORWARD).optional
    assert reply.template and "vi återkommer med svar" not in reply.template
    assert reply.template.rstrip().endswith("{namn}, {titel}, {enhet}")  # Tyresö 3.2


def test_standard_political_question_satisfies_knivsta_and_tyreso(engine: kr.Engine) -> None:
    d = decide(engine, POLITICAL, "standard")
    assert "politiska ledning" in one(d, K.REPLY).responsible  # Knivsta, Inledning
    assert "politiska ledning" in one(d, K.FORWARD).responsible
    assert not one(d, K.REFER_TO_PARTIES).optional  # Tyresö 3.2
    assert "Frågepanelen" not in (one(d, K.REFER_TO_PARTIES).template or "")  # Tyresö only


def test_standard_spam_is_saved_before_removal(engine: kr.Engine) -> None:
    d = decide(engine, AD, "standard")
    assert {K.SAVE_EVIDENCE, K.REGISTER_DIARY, K.REMOVE} <= set(kinds(d, mandatory=True))


def test_standard_answers_praise(engine: kr.Engine) -> None:
    ack = one(decide(engine, "Toppen, tack för hjälpen!", "standard", at=FRIDAY), K.ACKNOWLEDGE)
    assert not ack.optional and ack.due is not None


def test_standard_registers_individual_cases(engine: kr.Engine) -> None:
    d = decide(engine, CASE, "standard")
    assert {K.REDIRECT_TO_FORMAL_CHANNEL, K.REGISTER_SYNPUNKT} <= set(kinds(d, mandatory=True))


# -- B.3 explanations cite the profile's own document and the law --------------------------------


@pytest.mark.parametrize("policy", MUNICIPAL)
@pytest.mark.parametrize("text", [THREAT, ATTACK, DEFAMATION, AD, SCAM, *OTHERS_DATA, FAULT])
def test_findings_under_a_municipal_profile_cite_only_its_document(
    engine: kr.Engine, policy: str, text: str
) -> None:
    d = decide(engine, text, policy)
    assert d.findings
    for f in d.findings:
        assert f.basis or not d.actions, f  # seed 001 says nothing of spam: no ground, no action
        assert {c.document for c in f.basis} <= {MUNICIPAL[policy], "Lag"}, (f.rule_id, f.basis)
    others = set(MUNICIPAL.values()) - {MUNICIPAL[policy]}
    grounds = [line for line in d.explain().splitlines() if "Grund:" in line]
    assert grounds and not any(o in line for line in grounds for o in others)


def test_ale_threat_keeps_the_law_of_the_rule(engine: kr.Engine) -> None:
    d = decide(engine, THREAT, "ale")
    laws = [c.law for f in d.findings for c in f.basis if c.law]
    assert any("BrB 4 kap. 5 §" in law for law in laws), laws


# -- B.4 Tyresö: a political question is referred, and the referral is the signed answer ---------


def test_tyreso_political_question_is_one_signed_referral(engine: kr.Engine) -> None:
    d = decide(engine, POLITICAL, "tyreso")
    assert kinds(d) == [K.REFER_TO_PARTIES]
    refer = one(d, K.REFER_TO_PARTIES)
    assert refer.template and refer.template.endswith("{namn}, {titel}, {enhet}")


# -- B.5 and item 7: a review that must come first is never due after the action ----------------


@pytest.mark.parametrize("at", [FRIDAY, datetime(2026, 12, 23, 15, tzinfo=STOCKHOLM)])
def test_hjo_review_of_a_defamation_falls_due_before_its_removal(
    engine: kr.Engine, at: datetime
) -> None:
    d = decide(engine, DEFAMATION, "hjo", at=at)
    assert one(d, K.HUMAN_REVIEW).due <= one(d, K.REMOVE).due


@pytest.mark.parametrize("policy", PROFILES)
@pytest.mark.parametrize("text", [DEFAMATION, *OTHERS_DATA, "Idiot!"])
def test_review_is_never_due_after_another_action(
    engine: kr.Engine, policy: str, text: str
) -> None:
    d = decide(engine, text, policy, at=FRIDAY)
    review = d.actions_of(K.HUMAN_REVIEW)
    dues = [a.due for a in d.actions if a.due and a.kind is not K.HUMAN_REVIEW]
    if review and dues:
        assert review[0].due is not None and review[0].due <= min(dues)


# -- B.6 Hjo 5: unlawful and otherwise inappropriate posts are culled at once ----------------------


@pytest.mark.parametrize("policy", ["hjo", "standard"])
@pytest.mark.parametrize("text", [ATTACK, DEFAMATION, THREAT])
def test_a_personal_attack_is_not_due_after_an_ad(
    engine: kr.Engine, policy: str, text: str
) -> None:
    ad = one(decide(engine, AD, policy, at=FRIDAY), K.REMOVE)
    attack = one(decide(engine, text, policy, at=FRIDAY), K.REMOVE)
    assert attack.due is not None and ad.due is not None and attack.due <= ad.due
    assert any(c.document == "Hjo" and c.section == "5" for c in attack.basis)


# -- B.7 Knivsta: the political leadership answers -------------------------------------------------


def test_knivsta_political_leadership_answers(engine: kr.Engine) -> None:
    d = decide(engine, POLITICAL, "knivsta")
    assert one(d, K.REPLY).responsible == "kommunens politiska ledning"


# -- B.8 Hjo: section 9 is advice for employees' private accounts, out of scope -------------------


def test_hjo_cites_no_advice_for_private_accounts(engine: kr.Engine) -> None:
    spec = engine.policies.get("hjo").spec
    entries = [*spec.category.values(), *spec.label.values(), spec.private_message or []]
    sections = {c.section for actions in entries for a in actions for c in a.basis}
    assert not {s for s in sections if s == "9" or s.startswith("9.")}, sections


# -- B.9 Ale and Knivsta: what is removed because it is unlawful is also registered ----------------


def test_ale_removes_and_registers_a_scam(engine: kr.Engine) -> None:
    d = decide(engine, SCAM, "ale")
    assert {K.SAVE_EVIDENCE, K.REGISTER_DIARY, K.REMOVE} <= set(kinds(d, mandatory=True))
    assert one(decide(engine, AD, "ale"), K.REMOVE).optional  # an ordinary ad may be culled


@pytest.mark.parametrize("text", [ATTACK, DEFAMATION, SCAM])
def test_knivsta_saves_and_registers_what_it_clears(engine: kr.Engine, text: str) -> None:
    d = decide(engine, text, "knivsta")
    assert {K.SAVE_EVIDENCE, K.REGISTER_DIARY, K.REMOVE} <= set(kinds(d, mandatory=True))
