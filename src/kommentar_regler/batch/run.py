"""A batch run: every row of a source classified through ``classify_many``, nothing lost.

Every non-empty input row gives exactly one result, in input order: the decision, or the
row's error (also named on stderr). The comments go through ``Engine.classify_many``, so the
CLI gives each comment the same decision as the API, with ``--flood`` and ``--processes``
meaning what ``flood=`` and ``n_process=`` mean there.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tqdm import tqdm

from .._models import Comment
from ..engine import to_comment
from ..errors import CommentError
from .reader import Row
from .writer import Writer

__all__ = ["BatchStats", "run_batch"]


@dataclass
class BatchStats:
    ok: int = 0
    failed: int = 0
    undated: int = 0  # rows without posted_at


def run_batch(
    engine: Any,
    rows: Iterator[Row],
    where: str,
    writer: Writer,
    stats: BatchStats,
    *,
    now: datetime | None = None,
    flood: bool = False,
    n_process: int = 1,
    progress: bool = True,
) -> None:
    """Classify each row and hand the writer its decision or error, in input order."""
    bar = tqdm(rows, unit=" rader", disable=not (progress and sys.stderr.isatty()), file=sys.stderr)
    waiting: deque[tuple[Row, Comment | None]] = deque()

    def comments() -> Iterator[Comment]:
        for row in bar:
            comment = _comment(engine, row)
            if comment is not None and comment.posted_at is None:
                stats.undated += 1
            waiting.append((row, comment))
            if comment is not None:
                yield comment

    def flush_errors() -> None:
        while waiting and waiting[0][1] is None:
            row, _ = waiting.popleft()
            assert row.error is not None
            stats.failed += 1
            tqdm.write(f"{where}:{row.line}: {row.error}", file=sys.stderr)
            writer.write(row.line, row.original, row.error)

    decisions = engine.classify_many(comments(), now=now, flood=flood, n_process=n_process)
    for decision in decisions:
        flush_errors()
        row, _ = waiting.popleft()
        stats.ok += 1
        writer.write(row.line, row.original, decision)
    flush_errors()


def _comment(engine: Any, row: Row) -> Comment | None:
    """The row's Comment, or None with ``row.error`` set (classify_many must not stop)."""
    if row.error is None:
        try:
            comment = to_comment(row.value)
            if len(comment.text) > engine.max_chars:
                row.error = f"the comment has {len(comment.text)} characters, more than the "
                row.error += f"limit of {engine.max_chars}; it is never truncated"
            else:
                return comment
        except CommentError as e:
            row.error = str(e)
    return None
