"""The command line, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kommentar_regler.cli import app

runner = CliRunner()


def test_classify_text_prints_json() -> None:
    result = runner.invoke(app, ["classify", "Jag ska döda dig"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["category"] == "criminal"
    kinds = [a["kind"] for a in data["actions"]]
    assert {"save_evidence", "remove", "register_diary", "police_report"} <= set(kinds)
    assert all(a["basis"] for a in data["actions"])


def test_classify_table() -> None:
    result = runner.invoke(app, ["classify", "Toppen!", "--format", "table"])
    assert result.exit_code == 0
    assert "praise" in result.stdout


def test_batch_loses_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"text": "Toppen!"}\n{broken\n{"id": 3}\n\n{"text": "Gatlampan är trasig"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["classify", "--input", str(src), "--output", str(out), "--quiet"])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 4
    assert [r.get("category") for r in rows] == ["praise", None, None, "fault_report"]
    assert rows[1] == {"error": rows[1]["error"], "line": 2} and "broken JSON" in rows[1]["error"]
    assert rows[2]["line"] == 3 and "text" in rows[2]["error"]
    assert f"{src}:2: broken JSON" in result.stderr


def test_excel_csv_with_bom_and_semicolons(tmp_path: Path) -> None:
    src = tmp_path / "export.csv"
    src.write_bytes("\ufeffid;text;kanal\n1;Tack för hjälpen!;fb\n2;Är badet öppet?;ig\n".encode())
    result = runner.invoke(app, ["classify", "--input", str(src), "--quiet"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["category"] for r in rows] == ["praise", "question"]
    assert [r["comment_id"] for r in rows] == ["1", "2"]


def test_latin1_csv_says_how_to_fix_it(tmp_path: Path) -> None:
    src = tmp_path / "old.csv"
    src.write_bytes("text\nTack för hjälpen\n".encode("latin-1"))
    result = runner.invoke(app, ["classify", "--input", str(src)])
    assert result.exit_code == 2
    assert "--encoding latin-1" in result.stderr
    ok = runner.invoke(app, ["classify", "--input", str(src), "--encoding", "latin-1", "-q"])
    assert ok.exit_code == 0 and json.loads(ok.stdout.splitlines()[0])["category"] == "praise"


def test_csv_without_text_column(tmp_path: Path) -> None:
    src = tmp_path / "x.csv"
    src.write_text("likes;inlagg_nr\n3;hej\n", encoding="utf-8")
    result = runner.invoke(app, ["classify", "--input", str(src)])
    assert result.exit_code == 2 and "no column with the comment's text" in result.stderr
    assert "--text-column" in result.stderr and "'likes', 'inlagg_nr'" in result.stderr
    named = runner.invoke(app, ["classify", "-i", str(src), "--text-column", "INLAGG_NR", "-q"])
    assert named.exit_code == 0 and json.loads(named.stdout)["category"] == "praise"


def test_policies_list() -> None:
    result = runner.invoke(app, ["policies", "list"])
    assert result.exit_code == 0
    assert "standard" in result.stdout.splitlines()


def test_schema_prints_decision_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "Decision"
