"""Writing results as an Excel workbook with openpyxl (the optional ``excel`` extra).

The workbook is written in openpyxl's write-only mode, so memory stays flat on a large batch.
Every text cell is stored as text, never as a formula; characters a workbook cannot hold
(control characters) become U+FFFD, so the cell shows that something was there.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from .._models import Decision
from ..errors import CommentError
from .writer import _cell, header, result_cells

__all__ = ["XlsxWriter"]


class XlsxWriter:
    def __init__(self, path: Path, columns: Sequence[str], now: datetime) -> None:
        try:
            from openpyxl import Workbook
            from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
        except ImportError:
            raise CommentError(
                f"{path}: writing .xlsx needs openpyxl: pip install 'kommentar-regler[excel]' "
                "(or write .csv, which Excel opens too)"
            ) from None
        self.path, self.columns, self.now = path, list(columns), now
        self._illegal, self._cell_type = ILLEGAL_CHARACTERS_RE, WriteOnlyCell
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("Beslut")
        self.sheet.append(header(self.columns))
        try:  # fail now, not after the whole batch, when the file cannot be written
            path.open("ab").close()
        except OSError as e:
            raise CommentError(f"{path}: cannot be written: {e.strerror}") from None

    def write(self, line: int, original: dict[str, Any], result: Decision | str) -> None:
        values = [_cell(original.get(c)) for c in self.columns]
        values += result_cells(line, result, self.now)
        self.sheet.append([self._make(v) for v in values])

    def _make(self, value: Any) -> Any:
        cell = self._cell_type(self.sheet, value=None)
        if isinstance(value, str):
            cell.value = self._illegal.sub("\ufffd", value)
            cell.data_type = "s"  # text, even when it starts with "="
        elif isinstance(value, datetime):
            cell.value = value
            cell.number_format = "yyyy-mm-dd hh:mm"
        else:
            cell.value = value
        return cell

    def close(self) -> None:
        try:
            self.book.save(self.path)
        except OSError as e:
            raise CommentError(f"{self.path}: cannot be written: {e.strerror}") from None
