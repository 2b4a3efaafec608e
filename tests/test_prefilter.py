"""Start literals: a pattern is tried only where it can start, and finds the same matches."""

from __future__ import annotations

import threading

import regex
from hypothesis import given
from hypothesis import strategies as st

import kommentar_regler as kr
from kommentar_regler._prefilter import StartIndex, required_literals, start_literals
from kommentar_regler._rules import (
    DataRule,
    analysis_form,
    expand_placeholders,
    find_all,
    match_at,
    search,
    skeleton,
)

from .samples import DEV_TEXTS


def literals(pattern: str) -> set[str] | None:
    starts = start_literals(pattern)
    return None if starts is None else set(starts.literals)


def test_literal_alternations_give_their_words() -> None:
    assert literals(r"\b(?:har\s+inte|inte|ej)\s+plogat") == {"har", "inte", "ej"}
    assert literals(r"(?P<p0>\bvattenläcka)|(?P<p1>rör\s+har)") == {"vattenläcka", "rör"}


def test_an_optional_start_adds_what_follows() -> None:
    assert literals(r"(?:hej[,!]?\s+)?(?:hur|när)\s+\w+") == {"hej", "hur", "när"}
    assert literals(r"(?:19|20)?\d{6}") == set("0123456789")


def test_look_arounds_and_boundaries_do_not_consume() -> None:
    assert literals(r"(?<![\d-])(?!vad\s)\bva\b") == {"va"}


def test_digits_are_marked_so_other_digits_fall_back_to_a_scan() -> None:
    starts = start_literals(r"\d{6}-\d{4}")
    assert starts is not None and starts.digits
    assert not start_literals(r"[0-9]{6}").digits  # type: ignore[union-attr]


def test_a_pattern_anchored_at_the_start_can_only_start_there() -> None:
    starts = start_literals(r"(?P<p0>^[\s!.]*(?:[👍❤][\s!.]*)+$)")
    assert starts is not None and starts.at_start and not starts.literals


def test_unknown_starts_give_none() -> None:
    for pattern in [
        r"\w+\.torrent",  # any word
        r".*idiot",
        r"\p{L}+gatan",  # regex-only syntax
        r"(?i)idiot",  # case-insensitive
        r"[[:alpha:]]+",  # a POSIX class
        r"x*",  # may match nothing
        r"(?:a|)b*",
    ]:
        assert start_literals(pattern) is None, pattern


def test_look_behinds_are_dropped_even_of_variable_width() -> None:
    starts = start_literals(r"(?:^|(?<=[.!?]\s*))(?:förslag|synpunkt)\s*:")
    assert starts is not None and starts.at_start
    assert starts.literals == {"förslag", "synpunkt"}
    assert literals(r"(?<=[)(]\s*)ab") == {"ab"}  # parentheses in a set do not end it


def test_a_class_with_a_colon_is_not_a_posix_class() -> None:
    assert literals(r"ärende\s*[:#]?\s*\d") == {"ärende"}


def test_required_literals_gate_what_cannot_be_anchored() -> None:
    def required(pattern: str) -> set[str] | None:
        found = required_literals(pattern)
        return None if found is None else set(found.literals)

    assert required(r"\w+\.torrent") == {".torrent"}
    assert required(r"\b[\p{L}-]+(?:gatan|vägen|gränd|gränden)\b") == {"gatan", "vägen", "gränd"}
    assert required(r"(?P<p0>\w+\.torrent)|(?P<p1>\bhela\s+filmen)") == {".torrent", "filmen"}
    assert required(r"(?:ab)?\w+cd") == {"cd"}
    assert required(r"\w+|x") is None  # one alternative needs nothing
    assert required(r"\w*") is None
    assert required_literals(r"a\d+").digits  # type: ignore[union-attr]


def test_the_index_finds_every_start_of_every_pattern() -> None:
    a, b = start_literals(r"\bej\s"), start_literals(r"(?:rör|ej)")
    assert a is not None and b is not None
    index = StartIndex([(1, a), (2, b)])
    found = index.scan("ej rör ej")
    assert sorted(found[1]) == [0, 7]
    assert sorted(found[2]) == [0, 3, 7]
    assert StartIndex([]).scan("ej") == {}


# -- soundness: every match starts where a literal occurs ------------------------------------

PIECES = [
    "a",
    "b",
    "ab",
    "ba",
    "c",
    r"\d",
    r"\s",
    r"\b",
    "x?",
    "(?:a|bc)",
    "(?:ab)?",
    "[ab]",
    "_",
    "²",
]
TEXT = st.text(alphabet="abcx 1٣_²é", max_size=30)


@st.composite
def patterns(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=5))
    if draw(st.booleans()):
        parts.append("|" + draw(st.sampled_from(PIECES)))
    return "".join(parts)


@given(patterns(), TEXT)
def test_every_match_starts_where_the_index_says_it_can(pattern: str, text: str) -> None:
    starts = start_literals(pattern)
    if starts is None:
        return
    possible = set(StartIndex([(0, starts)]).scan(text).get(0, []))
    if starts.at_start:
        possible.add(0)
    other_digits = any(c.isdecimal() and c not in "0123456789" for c in text)
    for m in regex.compile(pattern).finditer(text):
        if m.end() == m.start() or (starts.digits and other_digits):
            continue  # empty matches are ignored; such a text is scanned in full
        assert m.start() in possible, (pattern, text, m)


@given(patterns(), TEXT)
def test_no_match_without_a_required_literal(pattern: str, text: str) -> None:
    required = required_literals(pattern)
    if required is None:
        return
    if required.digits and any(c.isdecimal() and c not in "0123456789" for c in text):
        return  # the engine scans such a text in full
    for m in regex.compile(pattern).finditer(text):
        if m.end() > m.start():
            assert any(lit in m.group() for lit in required.literals), (pattern, text, m)


def test_a_literal_after_a_word_boundary_counts_only_where_a_word_begins() -> None:
    starts = start_literals(r"\bvar\b")
    assert starts is not None and starts.bounded == {"var"}
    index = StartIndex([(0, starts)])
    text = "svar var _var 1var åvar (var ²var ٣var"
    assert index.scan(text) == {0: [5, 25, 30]}  # ² is no word character to regex, ٣ is
    assert [m.start() for m in regex.finditer(r"\bvar\b", text)] == [5, 25, 30]


# -- the engine: same findings with and without the index --------------------------------------

ENGINE = kr.Engine(load_entrypoints=False)
DEV = DEV_TEXTS


def findings_both_ways(text: str) -> tuple[list[kr.Finding], list[kr.Finding]]:
    indexed = ENGINE.analyse(text)
    scanned = ENGINE.analyse(text)
    scanned.start_index = None  # every pattern scans the whole text, rule gates by words only
    return ENGINE.findings(indexed), ENGINE.findings(scanned)


def test_the_index_changes_no_finding_on_the_development_sets() -> None:
    for text in DEV:
        indexed, scanned = findings_both_ways(text)
        assert indexed == scanned, text


@given(st.lists(st.sampled_from(DEV), min_size=1, max_size=3), st.sampled_from(["", "٣", " 19"]))
def test_the_index_changes_no_finding_on_mixed_comments(parts: list[str], extra: str) -> None:
    indexed, scanned = findings_both_ways(" ".join(parts) + extra)
    assert indexed == scanned


# -- the regex calls pass their timeout by position ------------------------------------------


def test_positional_regex_calls_keep_their_timeout() -> None:
    # regex parses keyword arguments slowly, so the hot path passes them by position; if a
    # release reorders them, this fails instead of running without a time limit
    slow = regex.compile(r"(?:x+x+)+y")
    text = "x" * 5000
    for call in (match_at, search, find_all):
        try:
            call(slow, text, 0, 0.01)
        except TimeoutError:
            continue
        raise AssertionError(f"{call.__name__} ran without its timeout")
    assert match_at(regex.compile("b"), "ab", 1, 1.0) is not None
    assert search(regex.compile("b"), "abab", 2, 1.0).start() == 3  # type: ignore[union-attr]
    assert [m.start() for m in find_all(regex.compile("b"), "abab", 2, 1.0)] == [3]


def test_a_busy_thread_does_not_make_a_match_run_out_of_time() -> None:
    # regex lets go of the GIL while matching unless told not to; with another thread busy,
    # taking it back again and again made a 40 ms match take 2 s and hit its time limit
    backtracking = regex.compile(r"(?:a|aa)+b")
    text = "a" * 24
    stop = threading.Event()

    def busy() -> None:
        n = 0
        while not stop.is_set():
            n += 1

    thread = threading.Thread(target=busy)
    thread.start()
    try:
        for call in (match_at, search, find_all):
            call(backtracking, text, 0, 1.0)  # raises TimeoutError if the GIL is let go
    finally:
        stop.set()
        thread.join()


@given(st.lists(st.sampled_from(DEV), min_size=1, max_size=2), st.text(max_size=20))
def test_literals_found_per_chunk_are_those_found_in_the_text(parts: list[str], noise: str) -> None:
    analysis = ENGINE.analyse(" ".join(parts) + noise)
    assert ENGINE._start_index is not None
    scanned = ENGINE._start_index.scan(analysis.canonical)
    found = analysis.literal_starts
    assert {k: sorted(v) for k, v in found.items()} == {k: sorted(v) for k, v in scanned.items()}


@given(st.text(alphabet="ab .!?\n,😀-1_²", max_size=40))
def test_begins_sentence_agrees_with_the_sentence_starts(text: str) -> None:
    analysis = ENGINE.analyse(text)
    starts = set(analysis.sentence_starts)
    for pos in range(len(analysis.canonical)):
        assert analysis.begins_sentence(pos) == (pos in starts), (analysis.canonical, pos)


EMOJI_RULE = ENGINE.rule("praise.emoji")


@given(st.text(alphabet="👍👏❤️😍🎉☺ !.\n\u200dx", min_size=1, max_size=12))
def test_the_emoji_triggers_hide_no_reaction(text: str) -> None:
    # the rule's triggers say which tokens must be there; they must never stop a text that
    # its pattern (run on its own) accepts
    analysis = ENGINE.analyse(text)
    pattern = EMOJI_RULE.compiled[0].regex  # type: ignore[attr-defined]
    whole = pattern.search(analysis.canonical) is not None
    assert bool(EMOJI_RULE.check(analysis)) == whole, analysis.canonical


# -- rule regexes are compiled when first needed; the loader checks their skeletons --------


def _compiles(pattern: str) -> bool:
    try:
        regex.compile(pattern)
    except regex.error:
        return False
    return True


FORMS = ["rektorn", "läraren", "chef-en", "a.b"]


def test_a_skeleton_compiles_exactly_when_the_whole_pattern_does() -> None:
    for pattern in [
        r"{roller}+",
        r"({roller}",
        r"{roller}\s+är",
        r"(?<={roller})x",
        r"[{roller}]",
        r"{roller}{2}",
        r"x{1,2}{roller}",
        r"(?P<a>{roller})(?P<a>x)",
        r"{roller}|*",
        r"\b(?:{roller}|han)\s+(?:är|e)\s+{roller}\b",
    ]:
        expanded = expand_placeholders(pattern, lambda _: FORMS)
        assert _compiles(skeleton(pattern)) == _compiles(expanded), pattern


def test_every_built_in_pattern_compiles() -> None:
    for rule in ENGINE.rules:
        if isinstance(rule, DataRule):
            for cp in rule.compiled:
                assert cp.regex.pattern == cp.source, rule.id


def test_the_analysis_form_matches_more_never_less() -> None:
    # a lexicon further in becomes "some text"; one where a match may start stays
    form = analysis_form(r"(?:{roller}|\bhan)\s+är\s+{roller}", lambda _: FORMS)
    assert form.startswith(r"(?:\b(?:")
    assert form.endswith(r"\s+är\s+[\s\S]+")
    whole = regex.compile(
        expand_placeholders(r"(?:{roller}|\bhan)\s+är\s+{roller}", lambda _: FORMS)
    )
    read = regex.compile(form)
    for text in ["rektorn är läraren", "han är chef-en", "han är a.b", "läraren är x"]:
        if whole.search(text):
            assert read.search(text), text
    assert analysis_form(r"a[{roller}]", lambda _: FORMS) == expand_placeholders(
        r"a[{roller}]", lambda _: FORMS
    )
