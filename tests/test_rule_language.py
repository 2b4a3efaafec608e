"""The rule language of schema 2: token patterns over lexicon classes, roles, guards, and words
that come from the dictionary (inflections, compounds) rather than from regexes."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

import kommentar_regler as kr
from kommentar_regler.language import CLOSED_CLASSES
from kommentar_regler.rules.pattern import PatternError, parse

ROOT = Path(__file__).resolve().parents[1]
ENGINE = kr.Engine(load_entrypoints=False)
ABUSE = {"svordomar", "forolampningar", "skallsord_svaga", "gruppslurs", "forakt", "hotverb"}


def _patterns() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "rules").rglob("*.toml")):
        for rule in tomllib.loads(path.read_text("utf-8"))["rule"]:
            for key in ("patterns", "unless"):
                out += [(rule["id"], p) for p in rule.get(key, [])]
            out += [(rule["id"], s) for s in rule.get("near", {}).get("slots", [])]
    return out


def test_every_rule_file_is_schema_2() -> None:
    for path in sorted((ROOT / "rules").rglob("*.toml")):
        assert tomllib.loads(path.read_text("utf-8"))["schema_version"] == 2, path


@pytest.mark.parametrize(("rule_id", "pattern"), _patterns())
def test_no_pattern_names_a_content_word(rule_id: str, pattern: str) -> None:
    # the parser refuses a content word inline; this test fails if a rule file holds one
    for seq in parse(pattern):
        for slot in seq.slots:
            for word in slot.words:
                assert not word.isalpha() or any(
                    word in words for words in CLOSED_CLASSES.values()
                ), (rule_id, word)


def test_a_content_word_in_a_pattern_is_an_error_that_says_what_to_do() -> None:
    with pytest.raises(PatternError, match="content word: put it in a lexicon"):
        parse("@i_we @future döda {roller}")
    with pytest.raises(PatternError, match="no closed class"):
        parse("@pronoun {roller}")
    with pytest.raises(PatternError, match="does not start or end with a gap"):
        parse("{roller} *0-2")


def test_order_variants_optional_slots_and_gaps() -> None:
    seqs = parse("<speaker=@i_we @future> att? *0-2!@negation harm={hotverb}")
    assert len(seqs) == 2  # both orders: "jag ska", "ska jag"
    assert [s.role for s in seqs[1].slots[:2]] == [None, "speaker"]
    assert seqs[0].slots[2].low == 0  # "att" is optional
    assert all(q.needs[-1] == frozenset({"hotverb"}) for q in seqs)


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("Jag ska döda dig", True),
        ("Ska jag döda dig?", True),  # V2 inversion
        ("Jag ska inte döda dig", False),  # a negation in the gap
        ("Jag ska döda tiden på tåget", False),  # an idiom hides the harm verb
        ("Han sa 'jag ska döda dig' till chauffören", False),  # quoted speech is reported
    ],
)
def test_threat_pattern(text: str, fires: bool) -> None:
    rule = ENGINE.rule("criminal.olaga_hot.direct")
    assert bool(ENGINE.findings(ENGINE.analyse(text), [rule])) is fires


def test_a_finding_names_its_roles_in_swedish() -> None:
    finding = ENGINE.classify("Vi kommer att spränga kommunhuset").findings[0]
    expected = 'talare "Vi" · avsikt "kommer" · hot "spränga" · mål "kommunhuset"'
    assert finding.explanation == expected


def test_every_pattern_finding_on_the_development_sets_explains_itself() -> None:
    import json

    for name in ("dev_abuse.jsonl", "dev_service.jsonl"):
        for line in (ROOT / "tests" / "data" / name).read_text("utf-8").splitlines():
            for f in ENGINE.classify(json.loads(line)["text"]).findings:
                assert f.explanation, f
                assert f.matched_by.startswith(("pattern", "lexicon", "near", "regex")), f


@pytest.mark.parametrize(
    ("word", "lexicon"),
    [
        ("brandposterna", "anlaggningar"),  # an inflection of the entry "brandpost"
        ("gatlyktorna", "anlaggningar"),
        ("lekplatsgungorna", "anlaggningar"),  # a compound with an entry as its head
        ("sprängde", "hotverb"),
        ("pedofilsvin", "forolampningar"),
        ("idiotpolitikern", "forolampningar"),  # an entry as modifier of a person noun
        ("somaliernas", "folkgrupper"),
        ("moskén", "hotmal"),
    ],
)
def test_an_entry_matches_its_inflections_and_compounds(word: str, lexicon: str) -> None:
    assert ENGINE.analyse(f"Det gäller {word} nu").hits(lexicon), word


@pytest.mark.parametrize(
    "text",
    ["Jag vill höra av er", "asså det var bra", "Svindal vann störtloppet", "svinsnyggt!",
     "Skitsnyggt!", "Marsvinet rymde", "vi ses snart igen", "Det fanns inga platser kvar"],
)
def test_ordinary_words_are_not_abuse(text: str) -> None:
    analysis = ENGINE.analyse(text)
    assert not ABUSE & set(analysis.positions), [t for t in analysis.tokens if t.hits]
    assert ENGINE.classify(text).category in (kr.Category.PRAISE, kr.Category.QUESTION)


def test_diacritics_are_folded_only_for_words_that_are_not_swedish() -> None:
    assert ENGINE.analyse("din javla idiot").hits("svordomar")  # "javla" is no Swedish word
    assert not ENGINE.analyse("jag vill höra mer").hits("forolampningar")  # "höra" is one


def test_unless_guards_and_scope() -> None:
    rule = ENGINE.rule("praise.thanks")
    assert ENGINE.findings(ENGINE.analyse("Snyggt jobbat!"), [rule])
    # an irony marker anywhere in the comment cancels praise (scope "comment")
    assert not ENGINE.findings(ENGINE.analyse("Snyggt jobbat... NOT"), [rule])


def test_builtin_rules_are_left_out_when_asked(tmp_path: Path) -> None:
    policy = ROOT / "policies" / "standard.toml"
    engine = kr.Engine(policy=policy, include_builtin=False, load_entrypoints=True)
    assert engine.rules == ()
    assert "builtin" not in engine.plugin_names


@pytest.mark.skipif(
    not os.environ.get("KR_CHECK_MORPHOLOGY"),
    reason="takes minutes; .ci/run checks it with `python -m kommentar_regler.lexicons.build "
    "--check` (set KR_CHECK_MORPHOLOGY=1 to run it here)",
)
def test_the_morphology_table_is_current() -> None:
    pytest.importorskip("spylls")
    from kommentar_regler.lexicons.build import build_table

    manifest = ROOT / "lexicons" / "sv" / "lexicons.toml"
    current = (manifest.parent / "morphology.tsv").read_text("utf-8")
    assert build_table(manifest) == current, (
        "lexicons/sv/morphology.tsv is stale: run python -m kommentar_regler.lexicons.build"
    )


@pytest.mark.parametrize(
    ("token", "shape"),
    [
        ("seo-boost24.net", "#url"),  # a bare domain is a link
        ("streamfilmz-free.cc", "#url"),
        ("mega.nz/folder/k8xq2", "#url"),
        ("070-123", "#phone"),  # the first token of "070-123 45 67"
        ("+46", "#phone"),
        ("0701234567", "#phone"),
        ("@karin.invest.pro", "#handle"),
    ],
)
def test_shapes_of_links_phone_numbers_and_handles(token: str, shape: str) -> None:
    assert shape in ENGINE.analyse(f"se {token} nu").tokens[1].classes


@pytest.mark.parametrize("token", ["t.ex.", "bl.a", "2024-05", "kl.14", "@", "3-0"])
def test_ordinary_tokens_have_no_link_or_phone_shape(token: str) -> None:
    classes = {c for t in ENGINE.analyse(f"se {token} nu").tokens for c in t.classes}
    assert not classes & {"#url", "#phone", "#handle"}, token


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a commercial offer counts only together with a channel, a link or a phone number
        ("Flyttstäd billigast i stan, ring 070-123 45 67", kr.Category.SPAM),
        ("Säljaren var jättetrevlig och butiken var fin", kr.Category.PRAISE),
        ("Vi fick fri frakt och snabb leverans, supernöjda", kr.Category.PRAISE),
        # a profit claim needs an amount and a rate, or a channel
        ("Jag tjänar 4000 kr om dagen på forex, skriv till mig", kr.Category.SPAM),
        ("Jag vill inte tjäna mer pengar, jag vill ha tid", None),
    ],
)
def test_spam_is_an_offer_plus_a_way_to_buy(text: str, category: kr.Category | None) -> None:
    found = ENGINE.classify(text).category
    if category is None:  # anything but spam
        assert found is not kr.Category.SPAM, ENGINE.classify(text).findings
    else:
        assert found is category, ENGINE.classify(text).findings


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("jag vet vilken tid hon slutar", True),  # knowing a person's routine
        ("Jag vet när bussen går", False),  # knowing a timetable
        ("Jag vet vad ni tror om det här", False),  # "vad" is an opinion, not a whereabouts
    ],
)
def test_veiled_threat_frames(text: str, fires: bool) -> None:
    rule = ENGINE.rule("criminal.olaga_hot.veiled")
    assert bool(ENGINE.findings(ENGINE.analyse(text), [rule])) is fires


@pytest.mark.parametrize(
    "text",
    [
        "ni är as bra på det här",  # an intensifier before praise is not an insult
        "Han sa 'din jävla idiot' till chauffören, vi har polisanmält",  # reported speech
        "Min granne blev misshandlad och rånad i går",  # a victim is not accused
        "Personer som söker försörjningsstöd måste lämna kontoutdrag",  # a group, nobody named
    ],
)
def test_offensive_rules_leave_lawful_text_alone(text: str) -> None:
    decision = ENGINE.classify(text)
    assert decision.category is not kr.Category.OFFENSIVE, decision.findings
