"""The HTML report without a browser: its data, its escaping and the ``report`` command."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import kommentar_regler as kr
from kommentar_regler.cli import app
from kommentar_regler.report import render_report
from kommentar_regler.report._data import prepare
from kommentar_regler.report._html import script_json

from .browser import parse

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 3, 4, 12, 0, tzinfo=STOCKHOLM)
runner = CliRunner()


def embedded(html: str) -> dict:
    script = parse(html).find("script", id="report-data")[0]
    return json.loads(script.text)


@given(st.recursive(st.text(), lambda inner: st.lists(inner, max_size=4), max_leaves=12))
def test_embedded_json_cannot_close_its_script_block(value: object) -> None:
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


def test_comment_markup_stays_data(engine: kr.Engine) -> None:
    evil = '</script><script>alert(1)</script><img src=x onerror="alert(2)"> <!-- idiot'
    html = render_report([engine.classify(evil)], [evil], unreadable=[(2, "<b>bad</b>")], now=NOW)
    dom = parse(html)
    assert len(dom.iter("script")) == 2 and not dom.iter("img")
    assert embedded(html)["comments"][0]["t"] == evil
    bad = dom.find("tr", **{"data-line": "2"})[0]
    assert bad.text == "2<b>bad</b>" and not bad.iter("b")
    csp = dom.find("meta", **{"http-equiv": "Content-Security-Policy"})[0].attrs["content"]
    assert "script-src 'sha256-" in csp and "unsafe-inline" not in csp


def test_offsets_count_utf16_as_the_browser_does(engine: kr.Engine) -> None:
    text = "😀😀 Din jävla idiot"
    decision = engine.classify(text)
    data = prepare([decision], [text], now=NOW)
    js = text.encode("utf-16-le")
    for finding, (start, end, *_) in zip(decision.findings, data["comments"][0]["f"], strict=True):
        assert js[2 * start : 2 * end].decode("utf-16-le") == finding.text


def test_queue_is_soonest_first_per_role_and_marks_overdue(engine: kr.Engine) -> None:
    texts = ["Jag ska döda dig", "Gatlampan är trasig", "Är badet öppet?", "Din jävla idiot"]
    comments = [
        kr.Comment(text=t, posted_at=NOW - timedelta(days=3 - i)) for i, t in enumerate(texts)
    ]
    decisions = list(engine.classify_many(comments))
    data = prepare(decisions, comments, now=NOW)
    timed = [(a, d) for d in decisions for a in d.actions if a.due is not None]
    assert sum(len(items) for _, items in data["queue"]) == len(timed)
    assert data["overdue"] == sum(a.due < NOW for a, _ in timed)
    for role, items in data["queue"]:
        actions = [decisions[c].actions[a] for c, a in items]
        assert {a.responsible for a in actions} == {data["strings"][role]}
        dues = [a.due for a in actions]
        assert dues == sorted(dues)
        for (c, a), action in zip(items, actions, strict=True):
            assert data["comments"][c]["a"][a][2] == int(action.due < NOW)
    assert data["counts"]["category"]["criminal"] == 1


def test_texts_must_pair_with_decisions(engine: kr.Engine) -> None:
    with pytest.raises(ValueError):
        render_report([engine.classify("Toppen!")], ["Toppen!", "Tack"], now=NOW)


def test_report_command_lists_unreadable_rows(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"text": "Jag ska döda dig", "posted_at": "2026-03-02T09:00"}\n{broken\n\n'
        '{"id": 3}\n{"text": "Gatlampan är trasig"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "rapport.html"
    args = ["report", "--input", str(src), "--html", str(out), "--now", "2026-03-04T12:00"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "line 2: broken JSON" in result.stderr
    assert "line 4: missing field 'text'" in result.stderr
    data = embedded(out.read_text("utf-8"))
    assert [c["n"] for c in data["comments"]] == [1, 5]
    assert [line for line, _ in data["unreadable"]] == [2, 4]
    assert data["now"] == "ons 2026-03-04 12:00" and data["overdue"] > 0


def test_report_command_reads_csv_like_classify(tmp_path: Path) -> None:
    src = tmp_path / "export.csv"
    src.write_bytes("\ufeffid;text\n7;Tack för hjälpen!\n8;Är badet öppet?\n".encode())
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "-i", str(src), "--html", str(out), "--policy", "hjo"])
    assert result.exit_code == 0, result.output
    data = embedded(out.read_text("utf-8"))
    assert [(c["id"], c["c"]) for c in data["comments"]] == [("7", "praise"), ("8", "question")]
    assert data["policies"] == ["hjo"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--input", "nope.jsonl"], "cannot be read"),
        (["--input", "x.jsonl", "--policy", "nosuch"], "nosuch"),
    ],
)
def test_report_command_bad_input_is_a_message(
    tmp_path: Path, args: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.jsonl").write_text('{"text": "hej"}\n', encoding="utf-8")
    result = runner.invoke(app, ["report", *args])
    assert result.exit_code == 2 and message in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
