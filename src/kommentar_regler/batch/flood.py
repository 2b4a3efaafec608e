"""Batch-level signals: floods, and the same report from several people.

Only ``classify_many(..., flood=True)`` (CLI: ``--flood``) looks at comments together; without
it every comment gets exactly the decision ``classify`` gives it. The detector keeps a window of
recent normalised texts and, for each comment, counts the earlier near-duplicates (rapidfuzz
``ratio`` at or above ``similarity``):

- copies by the **same author** (``min_copies`` or more), or copies of a text that is itself
  spam-like (its own decision has the category spam, or it carries a link: the same link from
  many accounts is how spam campaigns look), are a **flood**: label ``flood``, spam;
- copies by **other people** (or without an author) of a text that is not spam are never a
  flood: residents who all report the same outage are reporting lawfully. The comment keeps its
  category and gets the label ``repeated_report`` and the fact ``repeated_report`` ("4 av samma
  text i omgången"), a signal for the fault-report or synpunkt queue, not for removal.

Streaming cannot look ahead, so the first copies are not marked; the copies after them are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .._models import Category, Citation, Decision, Finding

__all__ = ["REPEATED_REPORT", "FloodDetector"]

FLOOD_BASIS = (
    Citation(
        document="Ale",
        section="Diarieföring och gallring",
        quote="Gallringsbeslutet gäller under förutsättning att handlingarna ... även i övrigt är "
        "av ringa betydelse (skräppostning, reklam).",
    ),
)
#: Label (and fact) of a comment that other people have sent in the same words.
REPEATED_REPORT = "repeated_report"
_MIN_LENGTH = 12  # "Tack!" ten times is not a flood
_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


@dataclass
class FloodDetector:
    """The window of recent texts of one batch; use one detector per batch, in input order."""

    window: int = 500
    similarity: float = 90.0
    min_copies: int = 2
    _texts: list[str] = field(default_factory=list, init=False, repr=False)
    _authors: list[str | None] = field(default_factory=list, init=False, repr=False)

    def copies(self, normalised: str, author: str | None = None) -> tuple[int, int]:
        """(copies by the same author, copies by others) among the recent texts; then
        remember this one."""
        text = " ".join(normalised.split())
        who = _who(author)
        same = others = 0
        if len(text) >= _MIN_LENGTH and self._texts:
            # imported here: it is only needed once a batch has texts to compare (start-up)
            from rapidfuzz import fuzz, process

            for _, _, i in process.extract(
                text, self._texts, scorer=fuzz.ratio, score_cutoff=self.similarity, limit=None
            ):
                if who is not None and self._authors[i] == who:
                    same += 1
                else:
                    others += 1
        self._texts.append(text)
        self._authors.append(who)
        if len(self._texts) > self.window:
            del self._texts[0], self._authors[0]
        return same, others

    def judge(self, decision: Decision, text: str, same: int, others: int) -> Decision | None:
        """The decision with the batch's signal added, or None when there is none."""
        spam_like = Category.SPAM in decision.categories or _LINK.search(text) is not None
        if same >= self.min_copies or (spam_like and same + others >= self.min_copies):
            return mark_flood(decision, text, same + others)
        if others and not spam_like:
            return mark_repeated(decision, others)
        return None


def _who(author: str | None) -> str | None:
    who = " ".join((author or "").split()).casefold()
    return who or None


def mark_flood(decision: Decision, text: str, copies: int) -> Decision:
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


def mark_repeated(decision: Decision, others: int) -> Decision:
    """The same category, with the label and fact ``repeated_report``: N people, one text."""
    return decision.model_copy(
        update={
            "labels": (*decision.labels, REPEATED_REPORT),
            "facts": {
                **decision.facts,
                REPEATED_REPORT: (f"{others + 1} av samma text i omgången",),
            },
        }
    )
