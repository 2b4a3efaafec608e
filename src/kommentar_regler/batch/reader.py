"""Reading batch files as people export them: JSON Lines or CSV, lazily, row by row.

- CSV: the separator is taken from the header line (``;`` from Swedish Excel, ``,`` or tab),
  never guessed from the body, so commas inside comments do not matter. A BOM is skipped.
- Columns and keys are matched to the fields of a Comment case-insensitively, by their usual
  Swedish and English names (``_fields.ALIASES``: Kommentar, Meddelande, Text, ...), or by the
  names the user gives (``--text-column``...). Columns no field uses are reported once (with a
  did-you-mean) and kept for the output, never dropped unseen.
- Every non-empty row becomes a :class:`Row`: the comment's fields, or an error naming the line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import CommentError
from .fields import ALIASES, key, misspelt

__all__ = ["Row", "Source", "open_source", "read_batch"]

_SEPARATORS = (";", ",", "\t")
_YES_NO = {"ja": True, "nej": False, "sant": True, "falskt": False}


@dataclass
class Row:
    line: int
    value: dict[str, Any] | None = None  # the comment's fields, or None when broken
    error: str | None = None
    original: dict[str, Any] = field(default_factory=dict)  # the row as read


@dataclass
class Source:
    """An opened batch file: its rows, and the columns it has (for CSV: the header)."""

    path: Path
    columns: list[str]
    rows: Iterator[Row]


def open_source(
    path: Path,
    *,
    encoding: str = "utf-8-sig",
    delimiter: str | None = None,
    names: Mapping[str, str] | None = None,
    note: Callable[[str], None] = lambda _: None,
) -> Source:
    """Open a ``.csv`` file (by its suffix) or a JSON Lines file (anything else).

    ``names`` maps fields to the column names the user chose (``{"text": "Inlägg"}``);
    ``note`` receives the once-per-file remarks (unused columns).
    """
    names = dict(names or {})
    if path.suffix.lower() == ".csv":
        return _csv_source(path, encoding, delimiter, names, note)
    return Source(path, [], _jsonl_rows(path, encoding, names, note))


def read_batch(
    path: str | Path,
    *,
    encoding: str = "utf-8-sig",
    delimiter: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Source:
    """Read a batch file as ``kommentar-regler classify --input`` does (public API).

    ``columns`` names the columns of fields that have unusual names, e.g.
    ``{"text": "Inlägg", "posted_at": "Skapad"}``. Each row of ``.rows`` has ``line``,
    ``value`` (the comment's fields, for ``classify``), ``error`` and ``original``. Remarks
    about unused columns are given as warnings.
    """
    import warnings

    from .fields import UnknownFieldWarning

    def note(remark: str) -> None:
        warnings.warn(remark, UnknownFieldWarning, stacklevel=3)

    return open_source(Path(path), encoding=encoding, delimiter=delimiter, names=columns, note=note)


def _open(path: Path, encoding: str) -> IO[str]:
    try:
        return path.open(encoding=encoding, newline="")
    except OSError as e:
        raise CommentError(f"{path}: cannot be read: {e.strerror}") from None
    except LookupError:
        raise CommentError(f"unknown --encoding {encoding!r}; try utf-8 or latin-1") from None


def _decode_hint(path: Path, e: UnicodeDecodeError) -> CommentError:
    return CommentError(
        f"{path}: not UTF-8 (byte {e.start}: {e.reason}). If it is an old Excel export, run "
        "again with --encoding latin-1 (or cp1252)."
    )


# -- which column is which --------------------------------------------------------------


def assign(
    path: Path, columns: list[str], names: Mapping[str, str], note: Callable[[str], None]
) -> dict[str, str]:
    """{column: field} for the columns a Comment uses; raises when there is no text column."""
    if not columns:
        raise CommentError(f"{path}: is empty (no header line with the column names)")
    by_key: dict[str, list[str]] = {}
    for column in columns:
        by_key.setdefault(key(column), []).append(column)
    chosen: dict[str, str] = {}
    for fld, aliases in ALIASES.items():
        wanted = names.get(fld)
        if wanted is not None:
            found = by_key.get(key(wanted))
            if not found:
                raise CommentError(_no_column(path, columns, wanted, f"--{_option(fld)}"))
            chosen[found[0]] = fld
            continue
        for alias in aliases:
            found = [c for c in by_key.get(alias, []) if c not in chosen]
            if found:
                chosen[found[0]] = fld
                break
    if "text" not in chosen.values():
        raise CommentError(_no_column(path, columns, None, "--text-column"))
    unused = [c for c in columns if c not in chosen]
    if unused:
        described = [
            f"{c!r} (did you mean {hint!r}?)" if (hint := misspelt(c)) else repr(c) for c in unused
        ]
        note(f"{path}: not used for classifying: {', '.join(described)} (kept in CSV/Excel output)")
    return chosen


def _option(fld: str) -> str:
    return {"posted_at": "date", "author": "author", "id": "id"}.get(fld, fld) + "-column"


def _no_column(path: Path, columns: list[str], wanted: str | None, option: str) -> str:
    have = ", ".join(repr(c) for c in columns) or "none"
    if wanted is not None:
        return f"{path}: no column {wanted!r} for {option} (columns: {have})"
    names = ", ".join(ALIASES["text"])
    return (
        f"{path}: no column with the comment's text (columns: {have}). Name it with "
        f"{option} NAME, or call it one of: {names} (any case)."
    )


def comment_fields(record: Mapping[str, Any], chosen: Mapping[str, str]) -> dict[str, Any]:
    """The Comment fields of a record: empty cells as missing, Swedish ja/nej as booleans."""
    out: dict[str, Any] = {}
    for column, fld in chosen.items():
        value = record.get(column)
        if fld != "text" and isinstance(value, str):
            value = value.strip()
            if not value:
                continue
            if fld == "is_private":
                value = _YES_NO.get(value.casefold(), value)
        if value is not None:
            out[fld] = value
    return out


# -- JSON Lines -------------------------------------------------------------------------


def _jsonl_rows(
    path: Path, encoding: str, names: Mapping[str, str], note: Callable[[str], None]
) -> Iterator[Row]:
    seen: dict[frozenset[str], dict[str, str]] = {}
    reported: set[str] = set()

    def report(remark: str) -> None:  # each unused key once per file, not once per row
        new = remark not in reported
        reported.add(remark)
        if new:
            note(remark)

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
            if raw.strip():
                yield _json_row(path, number, raw, names, seen, report)


def _json_row(
    path: Path,
    number: int,
    raw: str,
    names: Mapping[str, str],
    seen: dict[frozenset[str], dict[str, str]],
    report: Callable[[str], None],
) -> Row:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as e:
        return Row(number, error=f"broken JSON: {e.msg} at column {e.colno}")
    if not isinstance(value, dict):
        return Row(
            number, error=f"expected a JSON object with a 'text' field, got {type(value).__name__}"
        )
    keys = frozenset(value)
    if keys not in seen:
        try:
            seen[keys] = assign(path, list(value), names, report)
        except CommentError:
            return Row(number, error=f"missing field 'text' (keys: {', '.join(value) or 'none'})")
    chosen = seen[keys]
    text_key = next(k for k, f in chosen.items() if f == "text")
    if not isinstance(value[text_key], str):
        return Row(
            number,
            error=f"field {text_key!r} must be a string, got {type(value[text_key]).__name__}",
            original=value,
        )
    return Row(number, comment_fields(value, chosen), original=value)


# -- CSV --------------------------------------------------------------------------------


def _csv_source(
    path: Path,
    encoding: str,
    delimiter: str | None,
    names: Mapping[str, str],
    note: Callable[[str], None],
) -> Source:
    f = _open(path, encoding)
    try:
        header = f.readline()
    except UnicodeDecodeError as e:
        f.close()
        raise _decode_hint(path, e) from None
    if delimiter is None:
        # the header line decides: the separator it holds most of (a header without any is
        # a single column, where the separator does not matter)
        delimiter = max(_SEPARATORS, key=header.count)
    f.seek(0)
    reader = csv.reader(f, delimiter=delimiter)
    try:
        columns = [c.strip() for c in next(reader, [])]
        chosen = assign(path, columns, names, note)
    except (CommentError, UnicodeDecodeError, csv.Error) as e:
        f.close()
        if isinstance(e, UnicodeDecodeError):
            raise _decode_hint(path, e) from None
        raise CommentError(f"{e} (separator {delimiter!r})") from None
    return Source(path, columns, _csv_rows(path, f, reader, columns, chosen))


def _csv_rows(
    path: Path, f: IO[str], reader: Any, columns: list[str], chosen: dict[str, str]
) -> Iterator[Row]:
    with f:
        start = reader.line_num + 1
        while True:
            try:
                cells = next(reader, None)
            except UnicodeDecodeError as e:
                raise _decode_hint(path, e) from None
            except csv.Error as e:
                yield Row(start, error=f"broken CSV: {e}")
                start = reader.line_num + 1
                continue
            if cells is None:
                return
            row = _csv_row(start, cells, columns, chosen)
            start = reader.line_num + 1
            if row is not None:
                yield row


def _csv_row(
    number: int, cells: list[str], columns: list[str], chosen: dict[str, str]
) -> Row | None:
    if not any(c.strip() for c in cells):
        return None
    extra = cells[len(columns) :]
    record = dict(zip(columns, cells, strict=False))
    if any(c.strip() for c in extra):
        return Row(
            number,
            error=f"{len(extra)} more fields than the header's {len(columns)} "
            "(a separator inside a comment that is not in quotes?)",
            original=record,
        )
    text_column = next(c for c, f in chosen.items() if f == "text")
    if text_column not in record:
        return Row(
            number,
            error=f"missing field {text_column!r} (only {len(cells)} of "
            f"{len(columns)} fields)",
            original=record,
        )
    return Row(number, comment_fields(record, chosen), original=record)
