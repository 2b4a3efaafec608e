"""The rule language of schema 2: token patterns over lexicon classes, roles, guards, and words
that come from the dictionary (inflections, compounds) rather than from regexes."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

import kommentar_regler as kr
from kommentar_regler.language import CLOSED_CLASSES, ROLE_NAMES
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


@pytest.mark.parametrize(("rule_id", "pattern"), _patterns())
def test_every_role_has_a_swedish_name(rule_id: str, pattern: str) -> None:
    # explanations are read by communicators: "kroppsdel \"käken\"", not "body \"käken\""
    for seq in parse(pattern):
        for slot in seq.slots:
            assert slot.role is None or slot.role in ROLE_NAMES, (rule_id, slot.role)


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
        # forms hunspell-sv lists as words of their own, added at build time
        ("mördarna", "brottsanklagelser"),  # the definite plural of an agent noun in -are
        ("bulgariska", "folkgrupp_adj"),  # the -a form of an adjective in -sk
        ("gångtunneln", "anlaggningar"),  # the definite -n of a noun in -el
        ("dottern", "egendom"),  # ... and in -er
        # the head of a street name: any first part, in the dictionary or not
        ("Nordkalottvägen", "gatunamn"),
        ("Lombiahallen", "anlaggningar"),
        # ... also where the head ends ordinary compounds of another list ("skola" in hotmal)
        ("Vallbacksskolan", "hotmal"),
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
        ("singelhalland.date", "#url"),  # dating bait under its own top-level domain
        ("billig-ved.no", "#url"),
        ("070-123", "#phone"),  # the first token of "070-123 45 67"
        ("+46", "#phone"),
        ("0701234567", "#phone"),
        ("@karin.invest.pro", "#handle"),
    ],
)
def test_shapes_of_links_phone_numbers_and_handles(token: str, shape: str) -> None:
    assert shape in ENGINE.analyse(f"se {token} nu").tokens[1].classes


@pytest.mark.parametrize(
    "token",
    ["t.ex.", "bl.a", "2024-05", "kl.14", "@", "3-0", "fr.o.m.", "p.g.a.", "o.s.v.", "s.k."],
)
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


@pytest.mark.parametrize(
    ("text", "criminal"),
    [
        # two signals of a veiled threat in one comment, in either order
        ("Synd om skolan. Olyckor händer ju, bara en tanke.", True),
        ("Inget skämt: en dunk bensin räcker långt för ert kontor", True),
        # one signal alone is not a threat
        ("Olyckor händer, skönt att ingen skadades vid korsningen", False),
        ("Bara så ni vet: simhallen stänger kl 16 på fredag", False),
        # a writer telling of a threat they received and reported
        ("Någon skrev till mig att olyckor händer, bara en tanke. Jag har polisanmält det.", False),
        # a promise to voters, not the hint "kom ihåg det"
        ("Skäms! Vi kommer ihåg det här i valet. Mina barn åker buss i en timme.", False),
    ],
)
def test_veiled_threats_by_convergence(text: str, criminal: bool) -> None:
    decision = ENGINE.classify(text)
    assert (decision.category is kr.Category.CRIMINAL) is criminal, decision.findings


def test_the_review_net_sends_a_weapon_near_a_role_to_a_person() -> None:
    risky = ENGINE.classify("Rektorn stängde skolan. Jag har en yxa i bilen och inget att göra.")
    assert risky.needs_review and risky.category is kr.Category.PRAISE, risky.findings
    assert any(f.rule_id == "criminal.review.risk_in_comment" for f in risky.findings)
    calm = ENGINE.classify("Tack rektorn för en fin skolavslutning, barnen sjöng så vackert")
    assert not calm.needs_review, calm.findings
    # "mina" (my) is not the mine of the weapons list
    mine = ENGINE.classify("Rektorn har varit så snäll mot mina barn i år")
    assert not mine.needs_review, mine.findings


@pytest.mark.parametrize(
    ("text", "synpunkt"),
    [
        ("Trollhättan är en katastrof när det gäller snöröjningen", True),  # the municipality named
        ("ett gäng amatörer som styr Kalmar", True),
        ("Föreslår att ni sätter upp fler bänkar längs ån", True),
        ("Luleå Hockey slaktade Skellefteå igår, vilken match!", False),  # sport
        ("Fruktansvärt med olyckan i Borås i helgen. Tänker på familjen.", False),  # news
    ],
)
def test_synpunkt_about_the_municipality_by_name(text: str, synpunkt: bool) -> None:
    decision = ENGINE.classify(text)
    assert ("synpunkt" in decision.labels) is synpunkt, decision.findings


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("Någon har sprayat hakkors på skylten vid badet, kan ni ta bort det?", True),  # graffiti
        ("Nån har klottrat på väggen vid förskolan", True),
        ("Ingen har sandat trappan vid biblioteket", True),  # the negation before the verb
        ("Rutschkanan vid förskolan på Ekbacken, den har en spricka", True),  # "den" = the asset
        ("Någon skrev på Facebook att badet stänger", False),
        ("Barnen målade fina teckningar på biblioteket", False),
    ],
)
def test_fault_frames(text: str, fault: bool) -> None:
    decision = ENGINE.classify(text)
    assert (kr.Category.FAULT_REPORT in decision.categories) is fault, decision.findings


def test_a_number_called_a_personnummer_is_confidential_even_with_a_wrong_check_digit() -> None:
    from kommentar_regler._validators import personnummer_date, valid_personnummer

    assert personnummer_date("780412-5531") and not valid_personnummer("780412-5531")
    assert personnummer_date("19790214-3368")
    assert personnummer_date("800229-1234")  # no century: 29 February may be real
    assert personnummer_date("780472-1234")  # day + 60: a samordningsnummer
    assert not personnummer_date("781399-1234") and not personnummer_date("780230-1234")
    claimed = ENGINE.classify("Här är personnumret till grannen: 780412-5531")
    assert claimed.category is kr.Category.OFFENSIVE and claimed.needs_review
    plain = ENGINE.classify("Ärende 780412-5531 gäller bygglovet")  # a number nobody calls one
    assert plain.category is not kr.Category.OFFENSIVE, plain.findings


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Vi ska mörda dem i derbyt, killarna är laddade", None),  # a match, not a threat
        ("Vi ska mörda dem, de där politikerna", kr.Category.CRIMINAL),
        ("domaren i finalen var helt blind asså", None),  # an idiom, not a diagnosis
        ("Grannen Per är blind sedan olyckan", kr.Category.OFFENSIVE),  # a health fact
        ("Ni kommer att få ångra er i valet", None),  # the election answers, no threat
        ("Handläggaren borde få en kniv i magen", kr.Category.CRIMINAL),
    ],
)
def test_idioms_and_elections_are_not_threats(text: str, category: kr.Category | None) -> None:
    decision = ENGINE.classify(text)
    if category is None:
        assert decision.category not in (kr.Category.CRIMINAL, kr.Category.OFFENSIVE), decision
    else:
        assert decision.category is category, decision.findings


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("www.billiga-vinterdack24.se", {"lankord_reklam"}),
        ("keto-sverige-nyhet.com/start", {"lankord_reklam"}),
        ("boostfollowers-se.com", {"lankord_reklam"}),  # a link word inside a longer part
        ("piratfilmz.to/watch/ny", {"lankord_pirat"}),
        ("https://www.hjo.se/bygga-bo", set()),
        ("ale.se/simskola-gratis", set()),  # the path is the municipality's business
        ("svt.se/nyheter/leaks-granskning", set()),
    ],
)
def test_link_words_count_only_in_the_domain_name(link: str, expected: set[str]) -> None:
    assert ENGINE.vocabulary.link_classes(link) == expected


def test_link_words_are_no_class_in_running_text() -> None:
    analysis = ENGINE.analyse("Billiga vinterdäck på rea hos verkstaden, www.billiga-dack.se")
    assert [t.text for t in analysis.tokens if "lankord_reklam" in t.classes] == [
        "www.billiga-dack.se"
    ]
    assert ENGINE.classify("Billiga vinterdäck på rea hos verkstaden").category != kr.Category.SPAM


def test_a_sentence_in_leet_is_read_as_its_words() -> None:
    analysis = ENGINE.analyse("j4g sk4 spr4ng4 h3l4 k0mmunhus3t")
    assert [t.norm for t in analysis.tokens][:2] == ["jag", "ska"]
    assert "hotmal" in analysis.tokens[-1].classes
    assert analysis.tokens[-1].text == "k0mmunhus3t"  # the original span is kept
    assert ENGINE.classify("j4g sk4 spr4ng4 h3l4 k0mmunhus3t").category == kr.Category.CRIMINAL


def test_a_closed_class_word_in_leet_keeps_its_class_beside_a_lexicon_word() -> None:
    # "kommer" is a lexicon word (medfora) and the closed-class future "kommer"
    token = ENGINE.analyse("j4g k0mm3r").tokens[1]
    assert {"@future", "medfora"} <= token.classes
    assert "@future" not in ENGINE.analyse("k0mmunen").tokens[0].classes


@pytest.mark.parametrize(
    "text", ["E4:an är avstängd vid Rotebro", "mp3 och 5G", "Linje 3:an går inte", "v4 är stängt"]
)
def test_numbers_beside_letters_are_not_leet(text: str) -> None:
    analysis = ENGINE.analyse(text)
    assert [t.norm for t in analysis.tokens] == [t.text.lower() for t in analysis.tokens]


def test_a_sentence_spelled_out_letter_by_letter_is_read_as_its_words() -> None:
    # one space inside a word, wider gaps between words: every word is joined, known or not
    text = "n ä s t a  g å n g  t a r  j a g  f r a m  k n i v e n"
    words = [t.norm for t in ENGINE.analyse(text).tokens]
    assert words == ["nästa", "gång", "tar", "jag", "fram", "kniven"]
    for t in ENGINE.analyse(text).tokens:
        assert text[t.start : t.end] == t.text  # offsets stay in the original
    assert ENGINE.classify("s p r ä n g   s t a d s h u s e t").category is kr.Category.CRIMINAL
    # single letters with equal gaps are not a sentence: "a b c" stays three letters
    assert [t.norm for t in ENGINE.analyse("svara a b c eller d").tokens][1:4] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        # "vet var @pron_3 bor" in hotutfall: one line for every pronoun
        ("hon vet var hon bor", True),
        ("vi vet var dom bor", True),
        ("vi vet var ni bor", True),  # "vet var @you bor"
        ("vi vet var bussen bor", False),  # a noun is no pronoun
    ],
)
def test_a_closed_class_in_a_lexicon_phrase_stands_for_each_of_its_words(
    text: str, fires: bool
) -> None:
    assert ("hotutfall" in ENGINE.analyse(text).positions) is fires, text


def test_a_lexicon_phrase_with_an_unknown_closed_class_is_an_error() -> None:
    from kommentar_regler.lexicons.files import parse_entries

    entries, problems = parse_entries("vet var @pronomen bor\n@you\n", "x.txt")
    assert not entries
    assert [p.line for p in problems] == [1, 2]
    assert "no closed class" in problems[0].message
    assert "only in a phrase" in problems[1].message


def test_a_gap_jumps_to_the_next_slots_words_and_finds_what_every_length_finds(
    engine: kr.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The matcher tries a gap before a word slot only where that slot's words stand
    # (rules/matcher.py, _gap_to_next); trying every length must give the same matches.
    import json

    from kommentar_regler.rules import matcher

    data = Path(__file__).parent / "data"
    texts = [
        json.loads(line)["text"]
        for name in ("dev_abuse.jsonl", "dev_service.jsonl")
        for line in (data / name).read_text("utf-8").splitlines()
        if line.strip()
    ]
    texts.append(" ".join(texts[:400]))  # one long comment: comment-wide gaps of 40 tokens
    runs = [(seq, rule.scope) for rule in engine.rules for seq in getattr(rule, "sequences", ())]
    analyses = [engine.analyse(t) for t in texts]

    def every_match() -> list[list[matcher.Match]]:
        return [list(matcher.find(seq, a, scope)) for a in analyses for seq, scope in runs]

    jumped = every_match()
    monkeypatch.setattr(matcher, "_skippable", lambda slot: False)
    assert every_match() == jumped
    assert sum(map(len, jumped)) > 1_000  # the comparison saw real matches
