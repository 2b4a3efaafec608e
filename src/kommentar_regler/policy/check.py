"""Checks of a policy file beyond its format: what ``classify`` would trip on or silently skip.

Run before the file's format is validated (so a misspelt category gets a did-you-mean, not
pydantic's list of choices) and again with the engine's labels (a label no rule gives does
nothing, which is almost always a misspelling). Every problem names the file, line and field.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

from .._models import ActionKind, Category
from ..errors import Problem

__all__ = ["BATCH_LABELS", "check_labels", "check_values"]

#: Labels that come from the engine itself, not from a rule.
BATCH_LABELS = frozenset({"needs_review", "allmant_tyckande", "flood", "repeated_report"})
_HOURS = re.compile(r"^(\d+(?:\.\d+)?)h$")
_DAYS = re.compile(r"^(\d+) working_days?$")
_MAX_HOURS = 24 * 366  # a longer deadline is a typo, and would overflow far enough out
_MAX_DAYS = 260
_VAGUE_DUE = ("immediately", "without_delay", "as_soon_as_possible", "none")


def _suggest(name: str, known: Collection[str]) -> str:
    from rapidfuzz import process  # only needed when something is misspelt

    best = process.extractOne(name, list(known), score_cutoff=60)
    return f"; did you mean {best[0]!r}?" if best else f" (known: {', '.join(sorted(known))})"


def line_of(text: str, *patterns: str) -> int | None:
    """The line of the first match of the first pattern that matches (multiline regexes)."""
    for pattern in patterns:
        m = re.search(pattern, text, re.MULTILINE)
        if m:
            return text.count("\n", 0, m.start()) + 1
    return None


def _entry_line(text: str, table: str, name: str, index: int, key: str | None) -> int | None:
    """The line of ``key`` in the ``index``-th ``[[table.name]]`` entry (or of the entry)."""
    head = re.compile(rf"^[ \t]*\[\[\s*{re.escape(table)}\.{re.escape(name)}\s*\]\]", re.MULTILINE)
    heads = list(head.finditer(text))
    if index < len(heads):
        start = heads[index].end()
        nxt = re.compile(r"^[ \t]*\[", re.MULTILINE).search(text, start)
        end = nxt.start() if nxt else len(text)
        if key is not None:
            m = re.compile(rf"^[ \t]*{re.escape(key)}\s*=", re.MULTILINE).search(text, start, end)
            if m:
                return text.count("\n", 0, m.start()) + 1
        return text.count("\n", 0, heads[index].start()) + 1
    return line_of(text, rf"^[ \t]*({re.escape(table)}\.)?{re.escape(name)}\s*=", re.escape(name))


def check_values(data: Mapping[str, Any], text: str, path: Path) -> list[Problem]:
    """Times, due rules, categories and action kinds of one parsed policy file."""
    file = str(path)
    problems: list[Problem] = []
    ends = data.get("working_day_ends")
    if isinstance(ends, str) and not _is_time(ends):
        problems.append(
            Problem(
                file,
                f"{ends!r} is not a time of day; give HH:MM from 00:00 to 23:59, e.g. \"16:00\"",
                line=line_of(text, r"^[ \t]*working_day_ends\s*="),
                field="working_day_ends",
            )
        )
    for name in ("without_delay", "as_soon_as_possible"):
        meaning = data.get(name)
        if isinstance(meaning, dict) and isinstance(meaning.get("due"), str):
            problem = _due_problem(meaning["due"], concrete=True)
            if problem:
                line = line_of(text, rf"^[ \t]*\[{name}\]")
                problems.append(Problem(file, problem, line=line, field=f"{name}.due"))
    categories = data.get("category")
    if isinstance(categories, dict):
        for name in categories:
            if name not in {c.value for c in Category}:
                problems.append(
                    Problem(
                        file,
                        f"unknown category {name!r}{_suggest(name, [c.value for c in Category])}",
                        line=_entry_line(text, "category", name, 0, None),
                        field=f"category.{name}",
                    )
                )
    for where, index, action in _actions(data):
        problems += _action_problems(file, text, where, index, action)
    return problems


def _action_problems(
    file: str, text: str, where: tuple[str, str], index: int, action: Mapping[str, Any]
) -> list[Problem]:
    out = []
    field = f"{where[0]}.{where[1]}.{index}" if where[1] else f"{where[0]}.{index}"
    kind = action.get("kind")
    kinds = [k.value for k in ActionKind]
    if isinstance(kind, str) and kind not in kinds:
        line = _entry_line(text, *where, index, "kind")
        message = f"unknown action kind {kind!r}{_suggest(kind, kinds)}"
        out.append(Problem(file, message, line=line, field=f"{field}.kind"))
    due = action.get("due")
    if isinstance(due, str):
        problem = _due_problem(due, concrete=False)
        if problem:
            line = _entry_line(text, *where, index, "due")
            out.append(Problem(file, problem, line=line, field=f"{field}.due"))
    return out


def _actions(data: Mapping[str, Any]) -> Iterator[tuple[tuple[str, str], int, Mapping[str, Any]]]:
    for table in ("category", "label"):
        entries = data.get(table)
        if not isinstance(entries, dict):
            continue
        for name, actions in entries.items():
            if isinstance(actions, list):
                for i, a in enumerate(actions):
                    if isinstance(a, dict):
                        yield (table, name), i, a
    private = data.get("private_message")
    if isinstance(private, list):
        for i, a in enumerate(private):
            if isinstance(a, dict):
                yield ("private_message", ""), i, a


def _is_time(value: str) -> bool:
    m = re.fullmatch(r"(\d\d):(\d\d)", value)
    return bool(m) and int(m.group(1)) < 24 and int(m.group(2)) < 60  # type: ignore[union-attr]


def _due_problem(due: str, *, concrete: bool) -> str | None:
    hours, days = _HOURS.match(due), _DAYS.match(due)
    if hours and float(hours.group(1)) > _MAX_HOURS:
        return f"{due!r} is more than a year ({_MAX_HOURS}h); is it a typo?"
    if days and int(days.group(1)) > _MAX_DAYS:
        return f"{due!r} is more than a year of working days ({_MAX_DAYS}); is it a typo?"
    if hours or days or (not concrete and due in _VAGUE_DUE):
        return None
    forms = '"48h", "1 working_day"' + (
        "" if concrete else ', "immediately", "without_delay", "as_soon_as_possible", "none"'
    )
    return f"{due!r} is not a due rule; use {forms}"


def check_labels(
    data: Mapping[str, Any], text: str, path: Path, known: Collection[str]
) -> list[Problem]:
    """Label entries no rule (and not the engine) gives: they would never apply."""
    labels = data.get("label")
    if not isinstance(labels, dict):
        return []
    every = set(known) | BATCH_LABELS
    return [
        Problem(
            str(path),
            f"no rule gives the label {name!r}, so this entry would never apply"
            + _suggest(name, every),
            line=_entry_line(text, "label", name, 0, None),
            field=f"label.{name}",
        )
        for name in labels
        if name not in every
    ]
