"""Classify the rows ``read_rows`` gives (the same reader as ``classify --input``), keeping
the rows that could not be read or classified, with their line numbers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .._models import Comment, Decision
from ..errors import KommentarReglerError
from ._data import Unreadable

__all__ = ["Classified", "classify_rows"]


@dataclass
class Classified:
    decisions: list[Decision] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)


def classify_rows(engine: Any, rows: Iterable[Any], *, now: datetime | None = None) -> Classified:
    """Each row (``line``, ``value``, ``error``) classified, or listed as unreadable."""
    out = Classified()
    for row in rows:
        if row.error is None:
            try:
                comment = Comment.model_validate(row.value)
                decision = engine.classify(comment, now=now)
            except (KommentarReglerError, TypeError, ValueError) as e:
                row.error = str(e)
            else:
                out.decisions.append(decision)
                out.comments.append(comment)
                out.lines.append(row.line)
                continue
        out.unreadable.append(Unreadable(row.line, row.error))
    return out
