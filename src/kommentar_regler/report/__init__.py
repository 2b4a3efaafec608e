"""A review report: one self-contained HTML page per batch of comments, in Swedish.

    from kommentar_regler.report import render_report
    html = render_report(decisions, texts, now=datetime.now().astimezone())

The page has a summary (bar charts), the action queue (soonest first, overdue ones marked,
per responsible role), every comment with its evidence highlighted, filters kept in the URL
fragment (``#category=criminal``), a search box, and the rows that could not be read.
It needs no server and no network: it opens from a USB stick.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from .._models import Comment, Decision
from ._data import Unreadable, prepare
from ._html import render_html
from ._rows import classify_rows

__all__ = ["Unreadable", "classify_rows", "render_report", "write_report"]


def render_report(
    decisions: Iterable[Decision],
    texts: Iterable[str | Comment | Mapping[str, Any]],
    *,
    unreadable: Iterable[Unreadable | tuple[int, str]] = (),
    lines: Iterable[int] | None = None,
    now: datetime | None = None,
    title: str = "Kommentarsrapport",
    source: str = "",
) -> str:
    """The report's HTML for ``decisions`` and the comments they were made from.

    ``texts`` pairs one to one with ``decisions`` (the comment text, or the Comment or row
    mapping, whose channel, time and author are shown too). ``unreadable`` lists the rows
    that could not be read, as :class:`Unreadable` or ``(line, error)``. ``lines`` are the
    comments' line numbers in the input (default 1, 2, ...). ``now`` is the moment overdue
    actions are judged against (default: the current time; naive means Stockholm time).
    """
    bad = [u if isinstance(u, Unreadable) else Unreadable(*u) for u in unreadable]
    moment = now or datetime.now().astimezone()
    data = prepare(decisions, texts, unreadable=bad, lines=lines, now=moment)
    return render_html(data, title=title, source=source)


def write_report(path: str | Path, *args: Any, **kwargs: Any) -> None:
    """:func:`render_report`, written to ``path`` as UTF-8."""
    Path(path).write_text(render_report(*args, **kwargs), encoding="utf-8")
