"""Writing batch results: JSON lines, a CSV or workbook Excel opens, or tables to read.

Every writer gets one call per input row (a decision, or the row's error), in input order.

- ``.jsonl`` / ``.ndjson`` (and stdout): one JSON object per row, the decision with its ``line``
  or ``{"error": ..., "line": N}``; ``kommentar-regler schema line`` describes both.
- ``.csv``: ``;``-separated UTF-8 with a BOM (what Swedish Excel opens as it is), one row per
  comment: the original columns, then the results (:data:`RESULT_COLUMNS`).
- ``.xlsx``: the same rows in a workbook (needs the ``excel`` extra: openpyxl).
- ``--format table`` on stdout: the table of each row, due times with their zone, overdue
  actions marked against ``--now``.

A cell that starts like a formula (``=``, ``+``, ``@``, ``-x``) is written as text: a comment
must never run in the spreadsheet of the person reading it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Protocol

from .._models import STOCKHOLM, Decision
from ..errors import CommentError

__all__ = ["RESULT_COLUMNS", "Writer", "open_writer", "table"]

SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".xlsx": "xlsx"}
RESULT_COLUMNS = (
    "line",
    "category",
    "kategori",
    "labels",
    "needs_review",
    "review_reasons",
    "actions",
    "first_due",
    "overdue",
    "evidence",
    "policy",
    "error",
)
_TIME = "%Y-%m-%d %H:%M"


class Writer(Protocol):
    def write(self, line: int, original: dict[str, Any], result: Decision | str) -> None: ...

    def close(self) -> None: ...


def open_writer(
    path: Path | None, *, table_format: bool, columns: Sequence[str], now: datetime
) -> Writer:
    """The writer for ``path`` (by its suffix) or for stdout; an unknown suffix is an error."""
    if path is None:
        import sys

        return TableWriter(sys.stdout, now) if table_format else JsonlWriter(sys.stdout, False)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise CommentError(
            f"{path}: unknown output type {path.suffix or '(no suffix)'!r}; "
            "use .jsonl (JSON lines), .csv (Excel, ';') or .xlsx (Excel workbook)"
        )
    if table_format:
        raise CommentError(
            "--format table prints to the screen; for a file give -o NAME.csv, .xlsx or .jsonl"
        )
    if kind == "xlsx":
        from .xlsx import XlsxWriter

        return XlsxWriter(path, columns, now)
    try:
        out = path.open("w", encoding="utf-8-sig" if kind == "csv" else "utf-8", newline="")
    except OSError as e:
        raise CommentError(f"{path}: cannot be written: {e.strerror}") from None
    return CsvWriter(out, columns, now) if kind == "csv" else JsonlWriter(out, True)


class JsonlWriter:
    def __init__(self, out: IO[str], owned: bool) -> None:
        self.out, self.owned = out, owned

    def write(self, line: int, original: dict[str, Any], result: Decision | str) -> None:
        if isinstance(result, str):
            row: dict[str, Any] = {"error": result, "line": line}
        else:
            row = {"line": line, **result.model_dump(mode="json")}
        self.out.write(json.dumps(row, ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self.owned:
            self.out.close()


def result_cells(line: int, result: Decision | str, now: datetime) -> list[Any]:
    """The values of RESULT_COLUMNS for one row (due times as Stockholm datetimes)."""
    if isinstance(result, str):
        return [line, *[""] * (len(RESULT_COLUMNS) - 2), result]
    d = result
    dues = [a.due for a in d.actions if a.due is not None]
    late = [a.kind.value for a in d.actions if a.due is not None and a.due < now]
    return [
        line,
        d.category.value,
        d.category.swedish,
        ", ".join(d.labels),
        "ja" if d.needs_review else "nej",
        "; ".join(d.review_reasons),
        "; ".join(
            a.kind.value + (f" senast {a.due.astimezone(STOCKHOLM):{_TIME}}" if a.due else "")
            for a in d.actions
        ),
        min(dues).astimezone(STOCKHOLM).replace(tzinfo=None) if dues else None,
        ", ".join(late),
        " | ".join(f.text for f in d.findings),
        d.policy,
        "",
    ]


def header(columns: Sequence[str]) -> list[str]:
    """The original columns, then the results (a result column whose name the input already
    uses is written as ``result.<name>``)."""
    taken = set(columns)
    named = {"first_due": "first_due (Europe/Stockholm)"}
    return [*columns, *((f"result.{c}" if c in taken else named.get(c, c)) for c in RESULT_COLUMNS)]


def safe_text(value: Any) -> Any:
    """A text cell that a spreadsheet would read as a formula, as plain text."""
    if not isinstance(value, str) or value[:1] not in ("=", "+", "@", "-", "\t", "\r"):
        return value
    # "- Tack" and "--" are plain text in every spreadsheet; "-HYPERLINK(...)" is not
    if value[:1] == "-" and (len(value) < 2 or value[1].isspace() or value[1] in "-0123456789"):
        return value
    return "'" + value


class CsvWriter:
    def __init__(self, out: IO[str], columns: Sequence[str], now: datetime) -> None:
        self.out, self.columns, self.now = out, list(columns), now
        self.writer = csv.writer(out, delimiter=";")
        self.writer.writerow(header(self.columns))

    def write(self, line: int, original: dict[str, Any], result: Decision | str) -> None:
        cells = [_cell(original.get(c)) for c in self.columns]
        cells += result_cells(line, result, self.now)
        self.writer.writerow(
            [safe_text(f"{c:{_TIME}}" if isinstance(c, datetime) else c) for c in cells]
        )

    def close(self) -> None:
        self.out.close()


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float):
        return value
    return json.dumps(value, ensure_ascii=False)


class TableWriter:
    def __init__(self, out: IO[str], now: datetime) -> None:
        self.out, self.now, self.first = out, now, True

    def write(self, line: int, original: dict[str, Any], result: Decision | str) -> None:
        head = f"rad {line}" + (f" (id {original['id']})" if original.get("id") else "")
        body = f"fel: {result}" if isinstance(result, str) else table(result, self.now)
        self.out.write(("" if self.first else "\n") + f"== {head}\n{body}\n")
        self.first = False

    def close(self) -> None:
        self.out.flush()


def table(decision: Decision, now: datetime | None = None) -> str:
    """A decision as an aligned Swedish table; due times in Stockholm time with the zone,
    actions already due at ``now`` marked FÖRSENAD."""
    lines = [f"{'kategori':<12} {decision.category.value}  ({decision.category.swedish})"]
    if decision.labels:
        lines.append(f"{'etiketter':<12} {', '.join(decision.labels)}")
    for f in decision.findings:
        lines.append(f"{'belägg':<12} [{f.start}:{f.end}] {f.text!r}  {f.rule_id}")
    for a in decision.actions:
        due = f"{a.due.astimezone(STOCKHOLM):{_TIME} %Z}" if a.due else "-"
        late = "  FÖRSENAD" if a.due and now and a.due < now else ""
        opt = " (frivilligt)" if a.optional else ""
        lines.append(f"{'åtgärd':<12} {a.kind.value:<28} {due:<21} {a.responsible}{opt}{late}")
    if decision.needs_review:
        lines.append(f"{'granska':<12} {'; '.join(decision.review_reasons)}")
    return "\n".join(lines)
