"""Choosing the category of a comment from the findings of all rules.

A comment may match several categories. Findings scoring at least ``STRONG`` count; the
primary category is the most severe of them (criminal > offensive > spam > fault_report >
question > praise). A rule marked ``alone_only`` (e.g. a bare slur) adds its category only
when nothing else was found.

Swearing alone: a ``profanity`` finding with no insult, threat or other abusive finding beside it
never makes a comment offensive. It keeps its ``profanity`` label and gets ``swearing_alone``;
the profile decides what that means (Tyresö 3 removes "svordomar eller obscena ord"; Hjo 6 and
Knivsta "Bevakning" do not list them). Swearing at someone is an insult and stays offensive.
Weaker findings do not decide anything: they send the comment to a person (``needs_review``).
A comment no rule recognises is "allmänt tyckande", which the flowchart files under praise.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NamedTuple

from ._models import Category, Finding

__all__ = [
    "GENERAL_OPINION",
    "NO_TEXT",
    "PROFANITY",
    "STRONG",
    "SWEARING_ALONE",
    "Resolution",
    "resolve",
]

STRONG = 0.5
_SEVERITY = {c: c.severity for c in Category}
#: Label of a comment no rule recognised: "Beröm, allmänt tyckande" (Tyresö Bilaga 1).
GENERAL_OPINION = "allmant_tyckande"
PROFANITY = "profanity"
#: Label of a comment that swears without attacking anyone (see the module docstring).
SWEARING_ALONE = "swearing_alone"
_ABUSE = (Category.OFFENSIVE, Category.CRIMINAL)
_LONG_UNRECOGNISED = 25  # words; an unrecognised text this long deserves a human look
#: Why a comment without words goes to a person: what it says is in a picture, if anywhere.
NO_TEXT = "ingen text (bild eller klistermärke?)"


class Resolution(NamedTuple):
    category: Category
    categories: tuple[Category, ...]
    labels: tuple[str, ...]
    needs_review: bool
    reasons: tuple[str, ...]


def resolve(
    findings: Sequence[Finding],
    *,
    alone_only: Collection[str],
    review_rules: Collection[str],
    n_words: int,
    timed_out: Collection[str] = (),
) -> Resolution:
    if not findings and not timed_out:  # most comments: nothing found, nothing to weigh
        return _nothing_found(n_words)
    strong = [f for f in findings if f.score >= STRONG]
    weak = [f for f in findings if f.score < STRONG] if len(strong) < len(findings) else []
    swearing_alone = _swearing_alone(strong)
    deciding = [f for f in strong if not (swearing_alone and f.label == PROFANITY)]
    main = {f.category for f in deciding if f.rule_id not in alone_only}
    found = main or {f.category for f in deciding}  # alone_only counts only when alone
    reasons: list[str] = []
    if found:
        categories = tuple(sorted(found, key=_SEVERITY.__getitem__, reverse=True))
        labels = [f.label for f in sorted(strong, key=lambda f: -_SEVERITY[f.category])]
    else:
        categories = (Category.PRAISE,)
        labels = [f.label for f in strong] + [GENERAL_OPINION]
        if n_words >= _LONG_UNRECOGNISED:
            reasons.append(f"inga regler slog till på en text med {n_words} ord")
    if swearing_alone:
        labels.insert(labels.index(PROFANITY) + 1, SWEARING_ALONE)
    for f in weak:
        if f.category not in categories or _SEVERITY[f.category] >= _SEVERITY[Category.OFFENSIVE]:
            reasons.append(
                f"svag indikation på {f.category.value}/{f.label}: {f.text!r} ({f.rule_id})"
            )
    for f in strong:
        if f.rule_id in review_rules:
            reasons.append(f"regeln {f.rule_id} kräver manuell bedömning: {f.text!r}")
    for rule_id in dict.fromkeys(timed_out):
        reasons.append(f"regeln {rule_id} hann inte köras klart på texten (tidsgräns)")
    if Category.PRAISE in categories and Category.OFFENSIVE in categories:
        reasons.append("både beröm och kränkande innehåll: kan vara ironi")
    return Resolution(
        categories[0],
        categories,
        tuple(dict.fromkeys(labels)),
        bool(reasons),
        tuple(dict.fromkeys(reasons)) if reasons else (),
    )


def _swearing_alone(strong: Sequence[Finding]) -> bool:
    """A swear word, and no other offensive or criminal finding (an insult, a threat, ...)."""
    swears = any(f.label == PROFANITY for f in strong)
    return swears and not any(f.category in _ABUSE and f.label != PROFANITY for f in strong)


def _nothing_found(n_words: int) -> Resolution:
    if 0 < n_words < _LONG_UNRECOGNISED:
        return _GENERAL_OPINION
    reason = f"inga regler slog till på en text med {n_words} ord" if n_words else NO_TEXT
    return Resolution(Category.PRAISE, (Category.PRAISE,), (GENERAL_OPINION,), True, (reason,))


_GENERAL_OPINION = Resolution(Category.PRAISE, (Category.PRAISE,), (GENERAL_OPINION,), False, ())
