"""``Decision.explain()``: a short Swedish text a communicator can read aloud."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._models import Decision


def explain_decision(d: Decision) -> str:
    lines = [f"Kategori: {d.category.swedish} ({d.category.value}), policy {d.policy}."]
    if len(d.categories) > 1:
        lines.append("Även: " + ", ".join(c.swedish for c in d.categories[1:]) + ".")
    if d.labels:
        lines.append("Etiketter: " + ", ".join(d.labels) + ".")
    for f in d.findings[:8]:
        basis = "; ".join(str(c) for c in f.basis) or "profilens dokument säger inget om detta"
        lines.append(
            f"- Belägg: \u201d{f.text}\u201d (tecken {f.start}\u2013{f.end}), regel "
            f"{f.rule_id}: {f.explanation}. Grund: {basis}."
        )
    if len(d.findings) > 8:
        lines.append(f"- ... och {len(d.findings) - 8} belägg till.")
    if d.needs_review:
        lines.append("Behöver manuell bedömning: " + "; ".join(d.review_reasons) + ".")
    if d.actions:
        lines.append("Att göra:")
    for a in d.actions:
        when = f" senast {a.due:%Y-%m-%d %H:%M}" if a.due else ""
        rule = f" ({a.due_rule})" if a.due_rule else ""
        optional = " (frivilligt)" if a.optional else ""
        basis = "; ".join(str(c) for c in a.basis)
        lines.append(
            f"- {a.kind.swedish}{optional}{when}{rule}, ansvarig: {a.responsible}. Enligt {basis}."
        )
    return "\n".join(lines)
