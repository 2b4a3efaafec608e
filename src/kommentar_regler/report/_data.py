"""The report's data: decisions and texts turned into the plain JSON the page renders.

Repeated strings (citations, explanations, templates, roles) are stored once and referred to
by index, so 10,000 comments stay a few megabytes. Offsets are converted to UTF-16 code units,
because that is how the browser's JavaScript counts (an emoji is one Python character and two
JavaScript ones).

Layout (report.js reads it by position; S = index into ``strings``, C = indexes into ``cites``):
a comment is ``{n: line, id, t: text, c: category, o: other categories, l: labels,
r: needs_review 0/1, rr: [S reasons], f: findings, a: actions, m: channel · time · author,
u: url}``; a finding ``[start, end, S rule, S label, category, S explanation, C]``; an action
``[kind, due text, overdue 0/1, "om 3 h"/"försenad 2 d", optional 0/1, S role, C, S note,
S template, S due rule]``; the queue ``[[S role, [[comment, action], ...]], ...]``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .._models import STOCKHOLM, Action, ActionKind, Category, Citation, Comment, Decision

__all__ = ["Unreadable", "prepare"]

_WEEKDAYS = ("mån", "tis", "ons", "tor", "fre", "lör", "sön")


@dataclass(frozen=True)
class Unreadable:
    """A row that could not be read or classified: its line number and what was wrong."""

    line: int
    error: str


class _Table:
    """Strings (or tuples) stored once; a field holds the index."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._index: dict[Any, int] = {}

    def __call__(self, value: Any) -> int:
        if value is None:
            return -1
        found = self._index.get(value)
        if found is None:
            found = self._index[value] = len(self.items)
            self.items.append(value)
        return found


def _utf16(text: str) -> list[int] | None:
    """UTF-16 offset of every character position, or None when they are the same."""
    if text.isascii() or all(ord(c) <= 0xFFFF for c in text):
        return None
    out, pos = [0], 0
    for c in text:
        pos += 2 if ord(c) > 0xFFFF else 1
        out.append(pos)
    return out


def format_time(moment: datetime) -> str:
    local = moment.astimezone(STOCKHOLM)
    return f"{_WEEKDAYS[local.weekday()]} {local:%Y-%m-%d %H:%M}"


def _relative(due: datetime, now: datetime) -> str:
    seconds = (due - now).total_seconds()
    hours = abs(seconds) / 3600
    span = f"{hours:.0f} h" if hours < 48 else f"{hours / 24:.0f} d"
    return f"försenad {span}" if seconds < 0 else f"om {span}"


class _Builder:
    def __init__(self, now: datetime) -> None:
        self.now = now
        self.strings = _Table()
        self.cites = _Table()
        self.queue: list[tuple[datetime, int, int, int]] = []  # due, comment, action, role

    def cite(self, basis: Iterable[Citation]) -> list[int]:
        return [self.cites((c.document, c.section, c.law, c.quote)) for c in basis]

    def comment(self, index: int, line: int, decision: Decision, comment: Comment) -> dict:
        s = self.strings
        offsets = _utf16(comment.text)
        findings = []
        for f in decision.findings:
            start, end = (offsets[f.start], offsets[f.end]) if offsets else (f.start, f.end)
            findings.append(
                [
                    start,
                    end,
                    s(f.rule_id),
                    s(f.label),
                    f.category.value,
                    s(f.explanation),
                    self.cite(f.basis),
                ]
            )
        actions = [self.action(index, i, a) for i, a in enumerate(decision.actions)]
        meta = [comment.channel, format_time(comment.posted_at) if comment.posted_at else None]
        meta += [comment.author, "privat meddelande" if comment.is_private else None]
        return {
            "n": line,
            "id": decision.comment_id or comment.id,
            "t": comment.text,
            "c": decision.category.value,
            "o": [c.value for c in decision.categories if c is not decision.category],
            "l": list(decision.labels),
            "r": 1 if decision.needs_review else 0,
            "rr": [s(r) for r in decision.review_reasons],
            "f": findings,
            "a": actions,
            "m": " · ".join(m for m in meta if m),
            "u": comment.url,
        }

    def action(self, comment: int, index: int, a: Action) -> list[Any]:
        s = self.strings
        role = s(a.responsible)
        due = late = rel = None
        if a.due is not None:
            due, late, rel = format_time(a.due), int(a.due < self.now), _relative(a.due, self.now)
            self.queue.append((a.due, comment, index, role))
        return [
            a.kind.value,
            due,
            late,
            rel,
            int(a.optional),
            role,
            self.cite(a.basis),
            s(a.note),
            s(a.template),
            s(a.due_rule),
        ]

    def grouped_queue(self) -> list[list[Any]]:
        """Roles with their actions soonest first; the role with the most urgent action first."""
        groups: dict[int, list[list[int]]] = {}
        for _, comment, action, role in sorted(self.queue, key=lambda q: (q[0], q[1], q[2])):
            groups.setdefault(role, []).append([comment, action])
        return [[role, items] for role, items in groups.items()]


def _as_comment(value: str | Comment | Mapping[str, Any]) -> Comment:
    if isinstance(value, Comment):
        return value
    if isinstance(value, str):
        return Comment(text=value)
    return Comment.model_validate(value)


def prepare(
    decisions: Iterable[Decision],
    texts: Iterable[str | Comment | Mapping[str, Any]],
    *,
    unreadable: Iterable[Unreadable] = (),
    lines: Iterable[int] | None = None,
    now: datetime,
) -> dict[str, Any]:
    """The page's data. ``texts`` pairs with ``decisions`` one to one (a ``ValueError`` when
    their lengths differ); ``lines`` are the input line numbers (default 1, 2, ...)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=STOCKHOLM)
    builder = _Builder(now)
    pairs = list(zip(decisions, texts, strict=True))
    numbers = list(lines) if lines is not None else list(range(1, len(pairs) + 1))
    if len(numbers) != len(pairs):
        raise ValueError(f"{len(numbers)} line numbers for {len(pairs)} decisions")
    comments = [
        builder.comment(i, line, d, _as_comment(t))
        for i, (line, (d, t)) in enumerate(zip(numbers, pairs, strict=True))
    ]
    decided = [d for d, _ in pairs]
    return {
        "now": format_time(now),
        "policies": sorted({d.policy for d in decided}),
        "categories": {c.value: c.swedish for c in Category},
        "kinds": {k.value: k.swedish for k in ActionKind},
        "counts": counts(decided),
        "strings": builder.strings.items,
        "cites": builder.cites.items,
        "comments": comments,
        "queue": builder.grouped_queue(),
        "overdue": sum(
            1 for _, comment, action, _ in builder.queue if comments[comment]["a"][action][2]
        ),
        "unreadable": [[u.line, u.error] for u in sorted(unreadable, key=lambda u: u.line)],
    }


def counts(decisions: Iterable[Decision]) -> dict[str, Any]:
    """Comments per primary category, per label, needing review, and actions per kind."""
    category: Counter[str] = Counter()
    label: Counter[str] = Counter()
    kind: Counter[str] = Counter()
    review = total = 0
    for d in decisions:
        total += 1
        category[d.category.value] += 1
        label.update(set(d.labels))
        kind.update({a.kind.value for a in d.actions})
        review += d.needs_review
    return {
        "total": total,
        "review": review,
        "category": {c.value: category[c.value] for c in Category},
        "label": dict(sorted(label.items(), key=lambda kv: (-kv[1], kv[0]))),
        "kind": {k.value: kind[k.value] for k in ActionKind if kind[k.value]},
    }
