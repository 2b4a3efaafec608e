"""The same comment under different profiles: each difference the seed documents make."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kommentar_regler as kr
from kommentar_regler import ActionKind as K
from kommentar_regler._models import STOCKHOLM
from kommentar_regler.cli import app

THREAT = "Jag ska döda dig"
SYNPUNKT = (
    "Hej. Jag saknar återvinningsstationen i Gate där jag bor. Jag vet att fler med mig "
    "gör detta. Kommer den tillbaka, om inte, varför?"
)
ROUTINE = "Är anmälan till simskolan öppen nu?"
AD = "Soffa säljes, 500 kr, skriv privat"
INSULT = "Du är en idiot"
SWEARING_PRAISE = "Helt jävla grymt!"
CASE = "När får jag besked om mitt bygglov?"
POLITICAL = "Hur röstade ni om nya badhuset?"
PNR = "Min granne har personnummer 640823-3234"
SEXISM = "Kvinnor borde stanna i köket"
POSTED = datetime(2026, 3, 28, 12, tzinfo=STOCKHOLM)


def decide(engine: kr.Engine, text: str, policy: str, **kw: object) -> kr.Decision:
    return engine.classify(kr.Comment(text=text, posted_at=POSTED, **kw), policy=policy)


def kinds(d: kr.Decision, mandatory: bool = False) -> list[K]:
    return [a.kind for a in d.actions if not (mandatory and a.optional)]


@pytest.mark.parametrize(
    "policy", ["standard", "ale", "hjo", "knivsta", "tyreso", "hantera_sociala_medier"]
)
@pytest.mark.parametrize(
    "text",
    [
        THREAT,
        SYNPUNKT,
        ROUTINE,
        AD,
        INSULT,
        SWEARING_PRAISE,
        CASE,
        POLITICAL,
        PNR,
        SEXISM,
        "Gatlampan på Storgatan 14 är trasig",
        "Toppen!",
    ],
)
def test_every_action_has_a_basis_that_cites_its_own_document(
    engine: kr.Engine, policy: str, text: str
) -> None:
    d = decide(engine, text, policy)
    assert d.policy == policy
    document = {
        "standard": None,
        "ale": "Ale",
        "hjo": "Hjo",
        "knivsta": "Knivsta",
        "tyreso": "Tyresö",
        "hantera_sociala_medier": "Hantera sociala medier",
    }[policy]
    for a in d.actions:
        assert a.basis, a
        assert all(c.document and c.section and c.quote for c in a.basis)
        if document:
            assert all(c.document == document for c in a.basis), (a.kind, a.basis)
        if K.SAVE_EVIDENCE in kinds(d) and K.REMOVE in kinds(d):
            assert kinds(d).index(K.SAVE_EVIDENCE) < kinds(d).index(K.REMOVE)


# -- Hjo ---------------------------------------------------------------------------------------


def test_hjo_criminal_removed_at_once_saved_and_registered_first(engine: kr.Engine) -> None:
    d = decide(engine, THREAT, "hjo")
    remove = d.actions_of(K.REMOVE)[0]
    assert remove.due == POSTED  # Hjo 5 "omedelbart"; 4: "allra senast inom 48 timmar"
    assert remove.note is not None and "48 timmar" in remove.note
    k = kinds(d)
    assert k.index(K.SAVE_EVIDENCE) < k.index(K.REMOVE) and k.index(K.REGISTER_DIARY) < k.index(
        K.REMOVE
    )
    for kind in (K.SAVE_EVIDENCE, K.REGISTER_DIARY):
        assert d.actions_of(kind)[0].due <= remove.due


def test_hjo_synpunkt_registered_as_snabbsynpunkt_routine_question_not(engine: kr.Engine) -> None:
    assert K.REGISTER_SYNPUNKT in kinds(decide(engine, SYNPUNKT, "hjo"))
    routine = decide(engine, ROUTINE, "hjo")
    assert routine.labels == ("routine",)
    assert K.REGISTER_SYNPUNKT not in kinds(routine)


def test_hjo_marketing_removed_at_once_and_registered(engine: kr.Engine) -> None:
    d = decide(engine, AD, "hjo")
    assert d.actions_of(K.REMOVE)[0].due == POSTED
    assert K.REGISTER_DIARY in kinds(d, mandatory=True)


# -- Tyresö ------------------------------------------------------------------------------------


def test_tyreso_question_before_christmas_answered_by_28_december(engine: kr.Engine) -> None:
    c = kr.Comment(text=ROUTINE, posted_at=datetime(2026, 12, 23, 15))
    reply = engine.classify(c, policy="tyreso").actions_of(K.REPLY)[0]
    assert reply.due is not None and reply.due.date().isoformat() == "2026-12-28"
    assert reply.due.tzinfo is STOCKHOLM


def test_tyreso_removes_swear_words_others_do_not(engine: kr.Engine) -> None:
    assert decide(engine, SWEARING_PRAISE, "tyreso").category is kr.Category.PRAISE
    assert K.REMOVE in kinds(decide(engine, SWEARING_PRAISE, "tyreso"))
    for policy in ("ale", "hjo", "knivsta", "hantera_sociala_medier"):
        assert K.REMOVE not in kinds(decide(engine, SWEARING_PRAISE, policy)), policy


def test_tyreso_registers_confidential_material(engine: kr.Engine) -> None:
    d = decide(engine, PNR, "tyreso")
    assert "confidential" in d.labels
    assert K.REGISTER_DIARY in kinds(d, mandatory=True)
    assert any(
        "Sekretessbelagd information ska registreras" in (c.quote or "")
        for c in d.actions_of(K.REGISTER_DIARY)[0].basis
    )


def test_tyreso_refers_political_questions_to_the_parties_knivsta_to_its_leadership(
    engine: kr.Engine,
) -> None:
    tyreso = decide(engine, POLITICAL, "tyreso")
    assert K.REFER_TO_PARTIES in kinds(tyreso)
    knivsta = decide(engine, POLITICAL, "knivsta")
    assert K.REFER_TO_PARTIES not in kinds(knivsta)
    assert knivsta.actions_of(K.FORWARD)[0].responsible == "kommunens politiska ledning"


def test_tyreso_may_report_offensive_posts_to_the_platform(engine: kr.Engine) -> None:
    report = decide(engine, INSULT, "tyreso").actions_of(K.REPORT_TO_PLATFORM)
    assert report and report[0].optional


def test_tyreso_private_message_is_a_record_public_comment_is_not(engine: kr.Engine) -> None:
    private = decide(engine, ROUTINE, "tyreso", is_private=True)
    public = decide(engine, ROUTINE, "tyreso")
    assert K.REGISTER_DIARY in kinds(private) and K.REGISTER_DIARY not in kinds(public)


def test_tyreso_reply_templates_are_signed(engine: kr.Engine) -> None:
    ack = decide(engine, ROUTINE, "tyreso").actions_of(K.ACKNOWLEDGE)[0]
    assert ack.template is not None
    assert ack.template.startswith("Tack för din fråga/synpunkt, vi återkommer med svar.")
    assert ack.template.endswith("{namn}, {titel}, {enhet}")


# -- Ale ---------------------------------------------------------------------------------------


def test_ale_removes_without_delay_and_registers(engine: kr.Engine) -> None:
    d = decide(engine, INSULT, "ale")
    remove = d.actions_of(K.REMOVE)[0]
    assert remove.due_rule is not None and remove.due_rule.startswith("utan dröjsmål")
    assert K.REGISTER_DIARY in kinds(d, mandatory=True)


def test_ale_spam_may_be_culled_without_registration_hjo_registers(engine: kr.Engine) -> None:
    ale = decide(engine, AD, "ale")
    assert ale.actions_of(K.REMOVE)[0].optional
    assert K.REGISTER_DIARY not in kinds(ale)
    assert K.REGISTER_DIARY in kinds(decide(engine, AD, "hjo"))


def test_ale_redirects_individual_cases(engine: kr.Engine) -> None:
    assert K.REDIRECT_TO_FORMAL_CHANNEL in kinds(decide(engine, CASE, "ale"))


def test_ale_answers_questions_as_soon_as_possible(engine: kr.Engine) -> None:
    reply = decide(engine, ROUTINE, "ale").actions_of(K.REPLY)[0]
    assert reply.due_rule is not None and "så snart som möjligt" in reply.due_rule


# -- Knivsta -----------------------------------------------------------------------------------


def test_knivsta_removes_ads_and_sexist_remarks(engine: kr.Engine) -> None:
    assert K.REMOVE in kinds(decide(engine, AD, "knivsta"))
    sexism = decide(engine, SEXISM, "knivsta")
    assert "sexism" in sexism.labels and K.REMOVE in kinds(sexism)
    assert any(c.section == "Bevakning" for c in sexism.actions_of(K.REMOVE)[0].basis)


# -- Hantera sociala medier (seed 001) ---------------------------------------------------------


def test_seed_001_criminal_material_saved_reported_removed_registered(engine: kr.Engine) -> None:
    d = decide(engine, THREAT, "hantera_sociala_medier")
    assert kinds(d, mandatory=True) == [
        K.SAVE_EVIDENCE,
        K.REGISTER_DIARY,
        K.REMOVE,
        K.POLICE_REPORT,
    ]


def test_seed_001_answers_positive_comments_too(engine: kr.Engine) -> None:
    ack = decide(engine, "Toppen!", "hantera_sociala_medier").actions_of(K.ACKNOWLEDGE)[0]
    assert not ack.optional
    assert decide(engine, "Toppen!", "tyreso").actions_of(K.ACKNOWLEDGE)[0].optional


def test_seed_001_forwards_questions_it_cannot_answer_and_counts_weekends(
    engine: kr.Engine,
) -> None:
    saturday = datetime(2026, 11, 21, 10, tzinfo=STOCKHOLM)
    c = kr.Comment(text=ROUTINE, posted_at=saturday)
    d = engine.classify(c, policy="hantera_sociala_medier")
    assert K.FORWARD in kinds(d)
    assert d.actions_of(K.REPLY)[0].due == datetime(2026, 11, 22, 10, tzinfo=STOCKHOLM)
    tyreso = engine.classify(c, policy="tyreso").actions_of(K.REPLY)[0]
    assert tyreso.due == datetime(2026, 11, 23, 16, tzinfo=STOCKHOLM)


# -- Merging, custom profiles, CLI ---------------------------------------------------------------


def test_mixed_comment_merges_actions_earliest_due_wins(engine: kr.Engine) -> None:
    d = decide(engine, "Gatlampan på Storgatan 14 är trasig, din jävla idiot", "standard")
    assert {kr.Category.OFFENSIVE, kr.Category.FAULT_REPORT} <= set(d.categories)
    assert d.category is kr.Category.OFFENSIVE
    k = kinds(d)
    assert K.REGISTER_FAULT_REPORT in k and K.REMOVE in k
    assert len(k) == len(set(k))  # one action per kind


def test_custom_profile_extends_standard(tmp_path: Path, engine: kr.Engine) -> None:
    path = tmp_path / "minkommun.toml"
    path.write_text(
        """
id = "minkommun"
name = "Min kommun"
document = "Min kommuns riktlinje"
extends = "standard"
working_day_ends = "17:00"
label.praise = []
label.swearing_alone = []

[[category.praise]]
kind = "reply"
due = "2 working_days"
responsible = "kommunikatör"
basis = [{ document = "Min kommun", section = "2", quote = "Vi svarar på allt beröm." }]
""",
        encoding="utf-8",
    )
    own = kr.Engine(policy=str(path), load_entrypoints=False)
    praise = own.classify(kr.Comment(text=SWEARING_PRAISE, posted_at=POSTED))
    assert praise.policy == "minkommun"
    assert kinds(praise) == [K.REPLY]  # praise replaced, the labels' actions dropped
    # posted on a Saturday: Monday is day one, so two working days end on Tuesday
    assert praise.actions_of(K.REPLY)[0].due == datetime(2026, 3, 31, 17, tzinfo=STOCKHOLM)
    threat = own.classify(kr.Comment(text=THREAT, posted_at=POSTED))
    assert K.POLICE_REPORT in kinds(threat)  # inherited from standard


def test_validate_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "trasig.toml"
    path.write_text(
        'id = "trasig"\nname = "x"\ndocument = "x"\n\n[[category.praise]]\nkind = "thank"\n'
        'due = "snart"\nresponsible = "x"\nbasis = []\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["policies", "validate", str(path)])
    assert result.exit_code == 1
    assert "trasig.toml:6" in result.stderr  # the line of the bad kind
    for field in ("category.praise.0.kind", "category.praise.0.due", "category.praise.0.basis"):
        assert field in result.stderr


def test_validate_accepts_a_good_file_and_show_prints_it(tmp_path: Path) -> None:
    runner = CliRunner()
    hjo = Path(__file__).resolve().parent.parent / "policies" / "hjo.toml"
    assert runner.invoke(app, ["policies", "validate", str(hjo)]).exit_code == 0
    shown = runner.invoke(app, ["policies", "show", "tyreso"])
    assert shown.exit_code == 0 and '"id": "tyreso"' in shown.stdout


def test_unknown_parent_profile(tmp_path: Path, engine: kr.Engine) -> None:
    path = tmp_path / "x.toml"
    path.write_text('id = "x"\nname = "x"\ndocument = "x"\nextends = "stanard"\n', encoding="utf-8")
    with pytest.raises(kr.PolicyFileError, match="did you mean 'standard'"):
        engine.classify("hej", policy=str(path))
