"""Choosing the category of a comment from the findings of all rules.

A comment may match several categories. Findings scoring at least ``STRONG`` count; the
primary category is the most severe of them (criminal > offensive > spam > fault_report >
question > praise). A rule marked ``alone_only`` (e.g. a swear word) adds its category only
when nothing else was found, so "helt jävla grymt!" stays praise with a profanity label.
Weaker findings do not decide anything: they send the comment to a person (``needs_review``).
A comment no rule recognises is "allmänt tyckande", which the flowchart files under praise.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NamedTuple

from ._models import Category, Finding

__all__ = ["GENERAL_OPINION", "NO_TEXT", "STRONG", "Resolution", "resolve"]

STRONG = 0.5
_SEVERITY = {c: c.severity for c in Category}
#: Label of a comment no rule recognised: "Beröm, allmänt tyckande" (Tyresö Bilaga 1).
GENERAL_OPINION = "allmant_tyckande"
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
    main = {f.category for f in strong if f.rule_id not in alone_only}
    found = main or {f.category for f in strong}  # alone_only counts only when alone
    reasons: list[str] = []
    if found:
        categories = tuple(sorted(found, key=_SEVERITY.__getitem__, reverse=True))
        labels = [f.label for f in sorted(strong, key=lambda f: -_SEVERITY[f.category])]
    else:
        categories = (Category.PRAISE,)
        labels = [GENERAL_OPINION]
        if n_words >= _LONG_UNRECOGNISED:
            reasons.append(f"inga regler slog till på en text med {n_words} ord")
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


def _nothing_found(n_words: int) -> Resolution:
    if 0 < n_words < _LONG_UNRECOGNISED:
        return _GENERAL_OPINION
    reason = f"inga regler slog till på en text med {n_words} ord" if n_words else NO_TEXT
    return Resolution(Category.PRAISE, (Category.PRAISE,), (GENERAL_OPINION,), True, (reason,))


_GENERAL_OPINION = Resolution(Category.PRAISE, (Category.PRAISE,), (GENERAL_OPINION,), False, ())
