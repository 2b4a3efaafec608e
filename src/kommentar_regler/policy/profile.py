"""Policy profiles: what a municipality's document says must happen, by whom and by when.

A profile maps categories and labels to actions. ``extends`` inherits another profile: the
child's entry for a category or label replaces the parent's whole list for it (an empty list
removes it), and top-level settings replace the parent's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._loader import (
    citations,
    did_you_mean,
    load_policy_file,
    read_toml,
    toml_files,
    validation_problems,
)
from .._models import Action, ActionKind, Category, Citation, Comment, Finding
from ..errors import PolicyFileError, Problem, UnknownPolicyError
from .check import check_values
from .deadlines import DueRule, parse_due
from .format import ActionSpec, DeadlineSpec, PolicyFile
from .grounds import Grounds
from .merge import ACTION_ORDER, SIGNED, UNPUBLISHED_NEVER, merge

__all__ = ["ACTION_ORDER", "SIGNED", "UNPUBLISHED_NEVER", "Policy", "PolicyBook"]

_VAGUE = ("without_delay", "as_soon_as_possible")
#: Whose basis grounds a finding when the rule cites none of the profile's documents: the
#: sentence that says it must go, then the one that says it must be reported.
_GROUNDING = (ActionKind.REMOVE, ActionKind.POLICE_REPORT, ActionKind.REDIRECT_TO_FORMAL_CHANNEL)


@dataclass(frozen=True)
class _Planned:
    """One action a policy entry calls for, before merging."""

    spec: ActionSpec
    rule: DueRule
    rule_text: str
    because_of: str
    basis: tuple[Citation, ...]


@dataclass(frozen=True)
class Policy:
    """A validated, fully inherited policy profile."""

    spec: PolicyFile
    source: str
    _planned: dict[tuple[str, str], tuple[_Planned, ...]] = field(default_factory=dict, repr=False)
    # Actions are immutable and depend only on this key; many comments share one.
    _cache: dict[tuple[Any, ...], tuple[Action, ...]] = field(default_factory=dict, repr=False)
    # One kind's action from one group of entries: many plans share them.
    _merged: dict[tuple[Any, ...], Action] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # Parse due rules and build citations once, not per comment.
        for where, specs in _entries(self.spec):
            self._planned[where] = tuple(
                _Planned(s, *self._due_rule(s.due), where[1], citations(s.basis)) for s in specs
            )

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def working_day_ends(self) -> time:
        hour, minute = (int(x) for x in self.spec.working_day_ends.split(":"))
        return time(hour, minute)

    @cached_property
    def grounds(self) -> Grounds:
        """The profile's own documents, and its basis for each category and label."""
        documents = frozenset(
            c.document for ps in self._planned.values() for p in ps for c in p.basis
        )
        own: dict[tuple[str, str], tuple[Citation, ...]] = {}
        for where, ps in self._planned.items():
            done = [p for p in ps if not p.spec.omit]
            chosen = next(
                (p for kind in _GROUNDING for p in done if p.spec.kind is kind),
                done[0] if done else None,
            )
            if chosen is not None and where[0] in ("label", "category"):
                own[where] = chosen.basis
        return Grounds(documents, own)

    def ground(
        self, findings: Sequence[Finding], categories: Sequence[Category]
    ) -> tuple[Finding, ...]:
        """The findings with bases from this profile's documents and the law only."""
        return self.grounds.apply(findings, categories)

    def _due_rule(self, due: str) -> tuple[DueRule, str]:
        if due in _VAGUE:
            meaning: DeadlineSpec | None = getattr(self.spec, due)
            assert meaning is not None  # checked when the profile was loaded
            words = {
                "without_delay": "utan dröjsmål",
                "as_soon_as_possible": "så snart som möjligt",
            }
            rule = parse_due(meaning.due)
            return rule, f"{words[due]}: {rule.describe()} ({meaning.meaning})"
        rule = parse_due(due)
        return rule, rule.describe()

    def plan(
        self,
        categories: Sequence[Category],
        labels: Sequence[str],
        comment: Comment,
        received: datetime | None,
    ) -> tuple[Action, ...]:
        """The merged, ordered actions for a decision's categories and labels."""
        from_now = comment.posted_at is None and received is not None
        key = (tuple(categories), tuple(labels), comment.is_private, received, from_now)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        # Labels first: they are finer than categories, so on equal due times their
        # responsible role, template and note win (a political question is answered by the
        # political leadership, not by the department that answers other questions).
        planned: list[_Planned] = []
        for label in labels:
            planned += self._planned.get(("label", label), ())
        for category in categories:
            planned += self._planned.get(("category", category.value), ())
        if comment.is_private:
            planned += self._planned.get(("private_message", "private_message"), ())
            for label in labels:
                planned += self._planned.get(("private_label", label), ())
            # A private message is not published: there is nothing to remove or report.
            planned = [p for p in planned if p.spec.kind not in UNPUBLISHED_NEVER]
        actions = merge(
            planned, received, self.working_day_ends, self.spec.signature, from_now, self._merged
        )
        if len(self._cache) > 10_000:  # a batch with many distinct times; start again
            self._cache.clear()
            self._merged.clear()
        self._cache[key] = actions
        return actions


# -- loading and inheritance ------------------------------------------------------------


@dataclass(frozen=True)
class _Raw:
    data: dict[str, Any]
    text: str
    path: Path


class PolicyBook:
    """All policy profiles the plugins registered, resolved lazily by id or path."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self._raw: dict[str, _Raw] = {}
        problems: list[Problem] = []
        for root in paths:
            for path in toml_files(root):
                try:
                    spec, data, text = load_policy_file(path)
                except PolicyFileError as e:
                    problems += e.problems
                    continue
                if spec.id in self._raw:
                    problems.append(
                        Problem(
                            str(path),
                            f"policy id {spec.id!r} is already "
                            f"defined in {self._raw[spec.id].path}",
                            field="id",
                        )
                    )
                    continue
                self._raw[spec.id] = _Raw(data, text, path)
        if problems:
            raise PolicyFileError(problems)
        self._resolved: dict[str, Policy] = {}

    @property
    def names(self) -> list[str]:
        return sorted(self._raw)

    def get(self, name: str | Path) -> Policy:
        key = str(name)
        if key in self._resolved:
            return self._resolved[key]
        if key.endswith(".toml") or isinstance(name, Path):
            policy = self._from_file(Path(key))
        elif key in self._raw:
            policy = self._resolve(key)
        else:
            raise UnknownPolicyError(key, self.names, did_you_mean(key, self.names))
        self._resolved[key] = policy
        return policy

    def _from_file(self, path: Path) -> Policy:
        problems: list[Problem] = []
        parsed = read_toml(path, problems)
        if parsed is not None:
            problems += check_values(*parsed, path)
        try:
            spec, data, text = load_policy_file(path)
        except PolicyFileError as e:
            # the checks' did-you-mean beats pydantic's list of choices for the same field
            covered = {p.field for p in problems}
            problems += [p for p in e.problems if not _covered(p.field, covered)]
        if problems:
            raise PolicyFileError(problems)
        raw = _Raw(data, text, path)
        return self._build(self._merged(raw, [spec.id]), raw)

    def _resolve(self, name: str) -> Policy:
        raw = self._raw[name]
        return self._build(self._merged(raw, [name]), raw)

    def _merged(self, raw: _Raw, chain: list[str]) -> dict[str, Any]:
        parent_name = raw.data.get("extends")
        if not parent_name:
            return dict(raw.data)
        if parent_name in chain:
            raise PolicyFileError(
                [
                    Problem(
                        str(raw.path),
                        "extends forms a cycle: " + " -> ".join([*chain, parent_name]),
                        field="extends",
                    )
                ]
            )
        if parent_name not in self._raw:
            hint = did_you_mean(parent_name, self.names)
            raise PolicyFileError(
                [
                    Problem(
                        str(raw.path),
                        f"extends unknown policy {parent_name!r}"
                        + (f"; did you mean {hint!r}?" if hint else "")
                        + f" (known: {', '.join(self.names)})",
                        field="extends",
                    )
                ]
            )
        base = self._merged(self._raw[parent_name], [*chain, parent_name])
        return _overlay(base, raw.data)

    def _build(self, data: dict[str, Any], raw: _Raw) -> Policy:
        try:
            spec = PolicyFile.model_validate(data)
        except ValidationError as e:
            raise PolicyFileError(validation_problems(e, raw.path, raw.text, data, "")) from None
        problems = [
            Problem(
                str(raw.path),
                f"uses due = {a.due!r} but the profile does not say what it "
                f"means: add a [{a.due}] table",
                field=f"{where}.due",
            )
            for where, a in _all_actions(spec)
            if a.due in _VAGUE and getattr(spec, a.due) is None
        ]
        if problems:
            raise PolicyFileError(problems)
        return Policy(spec, str(raw.path))


def _covered(field: str | None, covered: set[str | None]) -> bool:
    """Whether a format problem's field (``category.praize.[key]``) was already reported."""
    return field is not None and any(
        c is not None and (field == c or field.startswith(c + ".")) for c in covered
    )


def _overlay(base: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in child.items():
        if key in ("category", "label", "private_label", "templates") and isinstance(value, dict):
            out[key] = {**base.get(key, {}), **value}
        else:
            out[key] = value
    out["extends"] = child.get("extends")
    return out


def _entries(spec: PolicyFile) -> Iterable[tuple[tuple[str, str], list[ActionSpec]]]:
    for cat, actions in spec.category.items():
        yield ("category", cat.value), actions
    for label, actions in spec.label.items():
        yield ("label", label), actions
    if spec.private_message:
        yield ("private_message", "private_message"), spec.private_message
    for label, actions in spec.private_label.items():
        yield ("private_label", label), actions


def _all_actions(spec: PolicyFile) -> Iterable[tuple[str, ActionSpec]]:
    for cat, actions in spec.category.items():
        for a in actions:
            yield f"category.{cat.value}", a
    for label, actions in spec.label.items():
        for a in actions:
            yield f"label.{label}", a
    for a in spec.private_message or ():
        yield "private_message", a
    for label, actions in spec.private_label.items():
        for a in actions:
            yield f"private_label.{label}", a
