"""Batch files: read JSONL or CSV rows lazily, write one result line per row, lose nothing.

Every non-empty input row gives exactly one output line: the decision, or
``{"error": ..., "line": N}``; each error is also named on stderr.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from tqdm import tqdm

from .errors import CommentError, KommentarReglerError

__all__ = ["BatchStats", "Row", "read_rows", "write_results"]


@dataclass
class Row:
    line: int
    value: Any = None  # a mapping with 'text', or None when broken
    error: str | None = None


@dataclass
class BatchStats:
    ok: int = 0
    failed: int = 0


def read_rows(
    path: Path, *, encoding: str = "utf-8-sig", delimiter: str | None = None
) -> Iterator[Row]:
    """Rows of a ``.csv`` file (by its suffix) or of a JSON Lines file (anything else)."""
    if path.suffix.lower() == ".csv":
        return _csv_rows(path, encoding, delimiter)
    return _jsonl_rows(path, encoding)


def _open(path: Path, encoding: str) -> IO[str]:
    try:
        return path.open(encoding=encoding, newline="")
    except OSError as e:
        raise CommentError(f"{path}: cannot be read: {e.strerror}") from None


def _decode_hint(path: Path, e: UnicodeDecodeError) -> CommentError:
    return CommentError(
        f"{path}: not UTF-8 (byte {e.start}: {e.reason}). If it is an old Excel export, run "
        "again with --encoding latin-1 (or cp1252)."
    )


def _jsonl_rows(path: Path, encoding: str) -> Iterator[Row]:
    with _open(path, encoding) as f:
        number = 0
        while True:
            try:
                raw = f.readline()
            except UnicodeDecodeError as e:
                raise _decode_hint(path, e) from None
            if not raw:
                return
            number += 1
            if not raw.strip():
                continue
            try:
                value = json.loads(raw)
            except json.JSONDecodeError as e:
                yield Row(number, error=f"broken JSON: {e.msg} at column {e.colno}")
                continue
            yield _check(number, value)


def _check(number: int, value: Any) -> Row:
    if not isinstance(value, dict):
        return Row(
            number, error=f"expected a JSON object with a 'text' field, got {type(value).__name__}"
        )
    if "text" not in value:
        return Row(number, error="missing field 'text'")
    if not isinstance(value["text"], str):
        return Row(
            number, error=f"field 'text' must be a string, got {type(value['text']).__name__}"
        )
    return Row(number, value)


def _csv_rows(path: Path, encoding: str, delimiter: str | None) -> Iterator[Row]:
    with _open(path, encoding) as f:
        try:
            head = f.read(8192)
        except UnicodeDecodeError as e:
            raise _decode_hint(path, e) from None
        if delimiter is None:
            # Excel in Swedish writes ';'; sniff between the usual separators.
            try:
                delimiter = csv.Sniffer().sniff(head, delimiters=",;\t").delimiter
            except csv.Error:
                delimiter = ","
        f.seek(0)
        reader = csv.DictReader(f, delimiter=delimiter)
        try:
            fields = reader.fieldnames or []
            if "text" not in fields:
                raise CommentError(
                    f"{path}: no 'text' column (columns: {', '.join(fields) or 'none'}; "
                    f"separator {delimiter!r}). Rename the comment column to 'text' or pass "
                    "--csv-delimiter."
                )
            for record in reader:
                number = reader.line_num
                if not any((v or "").strip() for v in record.values() if isinstance(v, str)):
                    continue
                if None in record:
                    yield Row(number, error=f"{len(record[None])} more fields than the header has")
                    continue
                if record.get("text") is None:
                    yield Row(number, error="missing field 'text' (too few fields)")
                    continue
                yield Row(
                    number,
                    {k: (v if v != "" else None) if k != "text" else v for k, v in record.items()},
                )
        except UnicodeDecodeError as e:
            raise _decode_hint(path, e) from None


def write_results(
    engine: Any,
    rows: Iterator[Row],
    out: IO[str],
    stats: BatchStats,
    *,
    now: datetime | None = None,
    progress: bool = True,
) -> None:
    """Classify each row and write one JSON line for it, in input order."""
    bar = tqdm(rows, unit=" rader", disable=not (progress and sys.stderr.isatty()), file=sys.stderr)
    for row in bar:
        result: dict[str, Any]
        if row.error is None:
            try:
                decision = engine.classify(row.value, now=now)
                result = {"line": row.line, **decision.model_dump(mode="json")}
            except (KommentarReglerError, TypeError, ValueError) as e:
                row.error = str(e)
        if row.error is not None:
            result = {"error": row.error, "line": row.line}
            stats.failed += 1
            tqdm.write(f"line {row.line}: {row.error}", file=sys.stderr)
        else:
            stats.ok += 1
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
