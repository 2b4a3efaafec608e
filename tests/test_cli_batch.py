"""Batch files as communicators have them, through the CLI; its output against its schema."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import kommentar_regler as kr
from kommentar_regler.batch.line_schema import line_schema
from kommentar_regler.cli import app

from .conftest import DATA

runner = CliRunner()
NOW = "2026-12-01T09:00"
EXPORT = (
    "\ufeffid;Kommentar;Datum;Författare\n"
    '1;"Gatlampan på Storgatan 14 är trasig, och den har varit det, länge, länge";'
    "30.11.2026 14:05;anna\n"
    "2;Tack för hjälpen!;30/11/2026;bo\n"
    '3;=HYPERLINK("http://x.example");2026-11-30 14:05;cia\n'
    "4;Jag ska döda dig;46356,5868;di;\n"
)


def _export(tmp_path: Path) -> Path:
    src = tmp_path / "kommentarer.csv"
    src.write_text(EXPORT, encoding="utf-8")
    return src


def test_a_swedish_excel_export_is_classified_without_options(tmp_path: Path) -> None:
    result = runner.invoke(app, ["classify", "-i", str(_export(tmp_path)), "-q"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["category"] for r in rows] == ["fault_report", "praise", "praise", "criminal"]
    assert [r["line"] for r in rows] == [2, 3, 4, 5]
    # the dates were read: the fault report is due the next working day at 16:00
    due = rows[0]["actions"][0]["due"]
    assert due == "2026-12-01T16:00:00+01:00"
    # Excel's serial 46356.5868 is 2026-11-30 14:05
    api = kr.classify(kr.Comment(text="Jag ska döda dig", posted_at=datetime(2026, 11, 30, 14, 5)))
    assert rows[3]["actions"] == api.model_dump(mode="json")["actions"]


def test_csv_output_opens_in_a_spreadsheet_with_one_row_per_comment(tmp_path: Path) -> None:
    out = tmp_path / "beslut.csv"
    res = runner.invoke(app, ["classify", "-i", str(_export(tmp_path)), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4
    assert rows[0]["Kommentar"].startswith("Gatlampan") and rows[0]["Författare"] == "anna"
    assert rows[0]["category"] == "fault_report" and rows[0]["kategori"] == "Felanmälan"
    assert "register_fault_report senast 2026-12-01 16:00" in rows[0]["actions"]
    assert rows[0]["first_due (Europe/Stockholm)"] == "2026-12-01 14:05"  # the reply, within 24 h
    assert rows[3]["evidence"] == "Jag ska döda dig"
    assert rows[2]["Kommentar"] == '\'=HYPERLINK("http://x.example")'  # never a formula


def test_xlsx_output_is_a_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "beslut.xlsx"
    res = runner.invoke(app, ["classify", "-i", str(_export(tmp_path)), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    sheet = openpyxl.load_workbook(out)["Beslut"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 5 and rows[0][:2] == ("id", "Kommentar")
    head = list(rows[0])
    assert rows[1][head.index("category")] == "fault_report"
    # standard replies to a fault report within 24 hours (evenings and weekends too)
    assert rows[1][head.index("first_due (Europe/Stockholm)")] == datetime(2026, 12, 1, 14, 5)
    cell = sheet.cell(row=4, column=2)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_unknown_output_suffix_is_an_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["classify", "-i", str(_export(tmp_path)), "-o", "x.json"])
    assert res.exit_code == 2 and "unknown output type '.json'" in res.stderr
    assert not Path("x.json").exists()


def test_table_for_a_file_shows_zones_and_overdue(tmp_path: Path) -> None:
    args = ["classify", "-i", str(_export(tmp_path)), "--format", "table", "--now", "2026-12-02"]
    res = runner.invoke(app, [*args, "-q"])
    assert res.exit_code == 0, res.output
    assert "== rad 2 (id 1)" in res.stdout and "== rad 5 (id 4)" in res.stdout
    assert "2026-12-01 16:00 CET" in res.stdout and "FÖRSENAD" in res.stdout


def test_separator_comes_from_the_header_not_the_body(tmp_path: Path) -> None:
    body = "Hej, hej, hej, en lång kommentar, med, många, kommatecken" * 200
    src = tmp_path / "x.csv"
    src.write_text(f"id;text\n1;{body}\n2;Tack!;\n", encoding="utf-8")
    res = runner.invoke(app, ["classify", "-i", str(src), "-q"])
    assert res.exit_code == 0, res.output
    assert len(res.stdout.splitlines()) == 2


def test_a_row_with_more_fields_is_an_error_row_and_the_rest_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "x.csv"
    src.write_text("id;text\n1;Tack;för allt\n2;Tack!\n", encoding="utf-8")
    res = runner.invoke(app, ["classify", "-i", str(src), "-q"])
    assert res.exit_code == 1
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert "more fields than the header" in rows[0]["error"] and rows[1]["category"] == "praise"


def test_a_bad_date_names_the_accepted_forms(tmp_path: Path) -> None:
    src = tmp_path / "x.csv"
    src.write_text("text,posted_at\nHej,igår\n", encoding="utf-8")
    res = runner.invoke(app, ["classify", "-i", str(src), "-q"])
    assert res.exit_code == 1
    error = json.loads(res.stdout)["error"]
    assert "'igår'" in error and "30.11.2026 14:05" in error and "Excel serial" in error


def test_an_unknown_column_is_reported_once_with_a_suggestion(tmp_path: Path) -> None:
    src = tmp_path / "x.jsonl"
    line = json.dumps({"text": "Gatlampan är trasig", "postad": "2026-11-30 14:05"})
    src.write_text(f"{line}\n{line}\n", encoding="utf-8")
    res = runner.invoke(app, ["classify", "-i", str(src), "-q"])
    assert res.stderr.count("'postad' (did you mean 'posted_at'?)") == 1
    assert "2 rows have no posted_at" in res.stderr and "--now" in res.stderr


def test_without_posted_at_cli_and_api_follow_one_rule(tmp_path: Path) -> None:
    src = tmp_path / "x.jsonl"
    src.write_text('{"text": "Gatlampan är trasig"}\n', encoding="utf-8")
    for now, api_now in ((None, None), (NOW, datetime(2026, 12, 1, 9, 0))):
        args = ["classify", "-i", str(src), "-q", *(["--now", now] if now else [])]
        got = json.loads(runner.invoke(app, args).stdout)
        want = kr.classify("Gatlampan är trasig", now=api_now).model_dump(mode="json")
        assert got == {"line": 1, **want}
        assert "Ingen tidpunkt för inlägget" in got["actions"][0]["note"]


def _dev_file(tmp_path: Path) -> Path:
    """The development sets and some broken rows, as one JSONL file."""
    lines = [
        line
        for name in ("dev_service.jsonl", "dev_abuse.jsonl")
        for line in (DATA / name).read_text("utf-8").splitlines()
        if line.strip()
    ]
    src = tmp_path / "dev.jsonl"
    src.write_text("\n".join([*lines, "{broken", '{"id": 1}', "[1]"]) + "\n", encoding="utf-8")
    return src


def test_every_line_the_cli_writes_validates_against_its_schema(tmp_path: Path) -> None:
    res = runner.invoke(app, ["classify", "-i", str(_dev_file(tmp_path)), "-q", "--now", NOW])
    assert res.exit_code == 1  # the three broken rows
    validator = jsonschema.Draft202012Validator(line_schema())
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    for line in lines:
        validator.validate(line)
    assert sum("error" in line for line in lines) == 3
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"line": 1})


def test_api_cli_and_processes_agree_on_the_development_sets(tmp_path: Path) -> None:
    src = _dev_file(tmp_path)
    args = ["classify", "-i", str(src), "-q", "--now", NOW]
    one = [json.loads(x) for x in runner.invoke(app, args).stdout.splitlines()]
    two = [
        json.loads(x) for x in runner.invoke(app, [*args, "--processes", "2"]).stdout.splitlines()
    ]
    assert one == two
    rows = [json.loads(x) for x in src.read_text("utf-8").splitlines()[:-3]]
    now = datetime(2026, 12, 1, 9, 0)
    engine = kr.default_engine()
    api = [
        {"line": i, **engine.classify(r["text"], now=now).model_dump(mode="json")}
        for i, r in enumerate(rows, 1)
    ]
    assert one[: len(api)] == api
