"""Decisions as a pandas DataFrame, for analysts (``pip install 'kommentar-regler[pandas]'``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._models import ActionKind, Decision

__all__ = ["to_frame"]


def to_frame(decisions: Iterable[Decision]) -> Any:
    """One row per decision: its category, labels, earliest due time, and each action kind.

    Columns: ``comment_id``, ``category``, ``categories`` and ``labels`` (comma-separated),
    ``needs_review``, ``policy``, ``n_findings``, ``earliest_due`` (the first due time of any
    action, tz-aware Europe/Stockholm, NaT when none), then for every ActionKind a boolean
    column named by the kind (``remove``, ``reply``, ...) and a ``due_<kind>`` column.
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("to_frame needs pandas: pip install 'kommentar-regler[pandas]'") from None
    kinds = [k.value for k in ActionKind]
    rows: list[dict[str, Any]] = []
    for d in decisions:
        dues = [a.due for a in d.actions if a.due is not None]
        row: dict[str, Any] = {
            "comment_id": d.comment_id,
            "category": d.category.value,
            "categories": ",".join(c.value for c in d.categories),
            "labels": ",".join(d.labels),
            "needs_review": d.needs_review,
            "policy": d.policy,
            "n_findings": len(d.findings),
            "earliest_due": min(dues) if dues else None,
        }
        present = {a.kind.value: a for a in d.actions}
        for kind in kinds:
            row[kind] = kind in present
            row[f"due_{kind}"] = present[kind].due if kind in present else None
        rows.append(row)
    frame = pd.DataFrame(rows, columns=_columns(kinds))
    for column in ["earliest_due", *(f"due_{k}" for k in kinds)]:
        frame[column] = pd.to_datetime(frame[column], utc=True).dt.tz_convert("Europe/Stockholm")
    return frame


def _columns(kinds: list[str]) -> list[str]:
    base = [
        "comment_id",
        "category",
        "categories",
        "labels",
        "needs_review",
        "policy",
        "n_findings",
        "earliest_due",
    ]
    return base + kinds + [f"due_{k}" for k in kinds]
