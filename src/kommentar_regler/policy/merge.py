"""Merging the actions a decision's categories and labels call for into one plan.

One action per kind: the earliest due time wins, bases and reasons are joined, and the
actions are listed in :data:`ACTION_ORDER`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from .._models import STOCKHOLM, Action, ActionKind, construct

if TYPE_CHECKING:
    from .profile import _Planned

__all__ = ["ACTION_ORDER", "SIGNED", "UNPUBLISHED_NEVER", "merge"]

#: The order actions are listed in: evidence is saved and registered before anything is
#: removed (Hjo 6), and a person's review comes first of all.
ACTION_ORDER: tuple[ActionKind, ...] = (
    ActionKind.HUMAN_REVIEW,
    ActionKind.SAVE_EVIDENCE,
    ActionKind.REGISTER_DIARY,
    ActionKind.REMOVE,
    ActionKind.POLICE_REPORT,
    ActionKind.REPORT_TO_PLATFORM,
    ActionKind.INFORM_TARGET,
    ActionKind.REGISTER_FAULT_REPORT,
    ActionKind.ACKNOWLEDGE,
    ActionKind.REPLY,
    ActionKind.FORWARD,
    ActionKind.REGISTER_SYNPUNKT,
    ActionKind.REDIRECT_TO_FORMAL_CHANNEL,
    ActionKind.REFER_TO_PARTIES,
)
_RANK = {kind: i for i, kind in enumerate(ACTION_ORDER)}
#: What a private message never gets: it was never published (DESIGN; Tyresö 3.3).
UNPUBLISHED_NEVER = frozenset({ActionKind.REMOVE, ActionKind.REPORT_TO_PLATFORM})
#: Texts posted to the writer; a profile's signature goes under each (Tyresö 3.2 "Svar skrivs
#: under med namn, titel och enhet").
SIGNED = frozenset(
    {
        ActionKind.REPLY,
        ActionKind.ACKNOWLEDGE,
        ActionKind.REFER_TO_PARTIES,
        ActionKind.REDIRECT_TO_FORMAL_CHANNEL,
    }
)

def merge(
    planned: Sequence[_Planned],
    received: datetime | None,
    ends: time,
    signature: str | None,
    from_now: bool = False,
    memo: dict[tuple[Any, ...], Action] | None = None,
) -> tuple[Action, ...]:
    """One action per kind: the earliest due time wins, bases and reasons are joined.

    A comment without ``posted_at`` says so in each timed action's note: its due time counts
    from ``now`` (``from_now``) or is not computed (no ``received``).
    A kind that any entry omits is left out. Deadlines keep their order: evidence is saved
    before anything is removed, and a person's review falls due before every other action.
    ``memo`` remembers each kind's action by the entries it was merged from (and the times).
    """
    by_kind: dict[ActionKind, list[_Planned]] = {}
    for p in planned:
        by_kind.setdefault(p.spec.kind, []).append(p)
    actions: dict[ActionKind, Action] = {}
    for kind, group in by_kind.items():
        if any(p.spec.omit for p in group):
            continue
        if memo is None:
            actions[kind] = _one_action(kind, group, received, ends, signature, from_now)
            continue
        key = (kind, *map(id, group), received, ends, signature, from_now)  # entries live on
        got = memo.get(key)
        if got is None:
            got = memo[key] = _one_action(kind, group, received, ends, signature, from_now)
        actions[kind] = got
    return tuple(sorted(_in_order(actions).values(), key=lambda a: _RANK.get(a.kind, len(_RANK))))


def _one_action(
    kind: ActionKind,
    group: Sequence[_Planned],
    received: datetime | None,
    ends: time,
    signature: str | None,
    from_now: bool = False,
) -> Action:
    dated = [(p.rule.due(received, ends) if received else None, p) for p in group]
    with_due = [(d, p) for d, p in dated if d is not None]
    due, lead = min(with_due, key=lambda x: x[0]) if with_due else (None, group[0])
    # by hash, not `not in` a list: comparing pydantic models one by one is slow
    basis = list(dict.fromkeys(c for p in group for c in p.basis))
    template = next((p.spec.template for p in group if p.spec.template), None)
    if template and signature and kind in SIGNED:
        template = f"{template}\n{signature}"
    note = next((p.spec.note for p in group if p.spec.note), None)
    if (received is None or from_now) and any(not p.rule.is_none for p in group):
        note = (note + " " if note else "") + _undated(received)
    return construct(
        Action,
        kind=kind,
        due=due,
        optional=all(p.spec.optional for p in group),
        responsible=lead.spec.responsible,
        basis=tuple(basis),
        note=note,
        due_rule=lead.rule_text if not lead.rule.is_none else None,
        template=template,
        because_of=tuple(dict.fromkeys(p.because_of for p in group)),
    )


def _in_order(actions: dict[ActionKind, Action]) -> dict[ActionKind, Action]:
    """Evidence saved before removal; a review due no later than anything else (item 7)."""
    save, remove = actions.get(ActionKind.SAVE_EVIDENCE), actions.get(ActionKind.REMOVE)
    if save and remove and remove.due and (save.due is None or save.due > remove.due):
        actions[ActionKind.SAVE_EVIDENCE] = save.model_copy(
            update={"due": remove.due, "due_rule": "före borttagning"}
        )
    review = actions.get(ActionKind.HUMAN_REVIEW)
    if review:
        dues = [(a.due, a.kind) for a in actions.values() if a.due and a is not review]
        if dues:
            due, kind = min(dues)
            if review.due is None or review.due > due:
                actions[ActionKind.HUMAN_REVIEW] = review.model_copy(
                    update={"due": due, "due_rule": f"före: {kind.swedish}"}
                )
    return actions


def _undated(received: datetime | None) -> str:
    if received is None:
        return "(Ingen tidpunkt för inlägget: förfallotid ej beräknad.)"
    at = received.astimezone(STOCKHOLM)
    return f"(Ingen tidpunkt för inlägget: förfallotid räknad från now, {at:%Y-%m-%d %H:%M}.)"
