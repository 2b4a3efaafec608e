"""The grounds a decision shows for its findings, in the words of the chosen profile.

A rule cites every document that forbids what it finds ("Hantera sociala medier ...; Hjo 6").
Under a municipal profile the decision must cite that municipality's document and the law
only (issue 16, item 6): the rule's citations of the profile's own documents are kept, the
laws of the others are kept as "Lag (...)", and when no citation of its own is left the
profile's own basis for the finding's label or category takes its place.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from .._models import Category, Citation, Finding

__all__ = ["LAW", "Grounds"]

#: The document name of a citation that is a law and nothing else.
LAW = "Lag"


@dataclass
class Grounds:
    """Rewrites findings' bases for one profile; cached by rule and basis."""

    documents: frozenset[str]  # the documents the profile cites
    own: Mapping[tuple[str, str], tuple[Citation, ...]]  # ("label"|"category", name) -> basis
    _cache: dict[tuple[str, tuple[Citation, ...], bool], tuple[Citation, ...]] = field(
        default_factory=dict, repr=False
    )

    def apply(
        self, findings: Sequence[Finding], categories: Collection[Category]
    ) -> tuple[Finding, ...]:
        out: list[Finding] = []
        for f in findings:
            if all(c.document in self.documents for c in f.basis):
                out.append(f)  # standard, or a rule that cites this document only
                continue
            key = (f.label, f.basis, f.category in categories)
            basis = self._cache.get(key)
            if basis is None:
                basis = self._cache[key] = self._ground(f, key[2])
            out.append(f.model_copy(update={"basis": basis}))
        return tuple(out)

    def _ground(self, f: Finding, decides: bool) -> tuple[Citation, ...]:
        mine = [c for c in f.basis if c.document in self.documents]
        if not mine:
            # The finding's category counts only when it is one of the decision's (a swear
            # word alone is not an offensive comment, so "kränkande" is no ground for it).
            mine = list(self.own.get(("label", f.label), ()))
            if not mine and decides:
                mine = list(self.own.get(("category", f.category.value), ()))
        laws = {c.law for c in mine if c.law}
        extra = [
            Citation(document=LAW, section="", law=c.law)
            for c in f.basis
            if c.law and c.document not in self.documents and c.law not in laws
        ]
        return tuple(dict.fromkeys([*mine, *extra]))
