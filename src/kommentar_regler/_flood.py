"""Near-duplicate floods: the same text posted again and again in one batch.

``classify_many`` keeps a window of recent normalised texts; a comment that is a near-duplicate
(rapidfuzz ``ratio`` at or above ``similarity``) of at least ``min_copies`` earlier comments in the
window is labelled ``flood`` and counted as spam. Streaming cannot look ahead, so the first
copies of a flood are not flagged; the copies after them are.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from ._models import Category, Citation, Decision, Finding

__all__ = ["FloodDetector"]

FLOOD_BASIS = (
    Citation(
        document="Ale",
        section="Diarieföring och gallring",
        quote="Gallringsbeslutet gäller under förutsättning att handlingarna ... även i övrigt är "
        "av ringa betydelse (skräppostning, reklam).",
    ),
)
_MIN_LENGTH = 12  # "Tack!" ten times is not a flood


@dataclass
class FloodDetector:
    window: int = 500
    similarity: float = 90.0
    min_copies: int = 2
    _recent: deque[str] = field(default_factory=deque, init=False)

    def copies(self, normalised: str) -> int:
        """How many recent texts ``normalised`` nearly repeats; then remember it."""
        text = " ".join(normalised.split())
        n = 0
        if len(text) >= _MIN_LENGTH and self._recent:
            # imported here: it is only needed once a batch has texts to compare (start-up)
            from rapidfuzz import fuzz, process

            n = len(
                process.extract(
                    text, self._recent, scorer=fuzz.ratio, score_cutoff=self.similarity, limit=None
                )
            )
        self._recent.append(text)
        if len(self._recent) > self.window:
            self._recent.popleft()
        return n

    def mark(self, decision: Decision, text: str, copies: int) -> Decision:
        """The decision with a ``flood`` finding, spam category and label added."""
        finding = Finding(
            rule_id="spam.flood",
            category=Category.SPAM,
            label="flood",
            start=0,
            end=len(text),
            text=text,
            score=0.8,
            matched_by="flood",
            explanation=f"near-duplicate of {copies} earlier comments in this batch",
            basis=FLOOD_BASIS,
        )
        categories = tuple(
            sorted(
                {*decision.categories, Category.SPAM}
                - ({Category.PRAISE} if decision.labels == ("allmant_tyckande",) else set()),
                key=lambda c: c.severity,
                reverse=True,
            )
        )
        labels = (*(lab for lab in decision.labels if lab != "allmant_tyckande"), "flood")
        return decision.model_copy(
            update={
                "category": categories[0],
                "categories": categories,
                "labels": labels,
                "findings": (*decision.findings, finding),
            }
        )
