"""Measuring the rules against a gold file: precision, recall, confusion, action compliance.

A gold file is JSON Lines; each line is one comment::

    {"text": "...", "category": "question", "also": ["praise"], "labels": ["synpunkt"],
     "must": ["register_synpunkt"], "must_not": ["remove"], "tag": "hjo-4.1"}

Only ``text`` and ``category`` are required. A prediction is correct when it is the gold category
or one of ``also``. ``labels`` (when given) are scored per label; ``must``/``must_not`` name action
kinds that must or must not be among the decision's (non-optional or optional) actions.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .._models import ActionKind, Category, Decision
from ..errors import CommentError

__all__ = ["GoldItem", "Report", "evaluate", "load_gold"]

CATEGORIES = [c.value for c in Category]


@dataclass(frozen=True)
class GoldItem:
    line: int
    text: str
    category: str
    also: tuple[str, ...] = ()
    labels: tuple[str, ...] | None = None
    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()
    tag: str | None = None
    posted_at: str | None = None
    is_private: bool = False


def load_gold(path: Path) -> list[GoldItem]:
    """Read a gold file; a broken line raises CommentError naming the file and line."""
    items: list[GoldItem] = []
    problems: list[str] = []
    kinds = {k.value for k in ActionKind}
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as e:
        raise CommentError(f"{path}: not UTF-8 (byte {e.start}: {e.reason})") from None
    except OSError as e:
        raise CommentError(f"{path}: cannot be read: {e.strerror}") from None
    if not any(line.strip() for line in lines):
        raise CommentError(f"{path}: no comments in it (a gold file is JSON lines: text, category)")
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as e:
            problems.append(f"{path}:{number}: broken JSON ({e.msg})")
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            problems.append(f"{path}:{number}: needs a 'text' string")
            continue
        category = row.get("category")
        also = row.get("also", [])
        bad = [c for c in [category, *also] if c not in CATEGORIES]
        if bad:
            problems.append(
                f"{path}:{number}: unknown category {bad[0]!r} (known: {', '.join(CATEGORIES)})"
            )
            continue
        actions = [*row.get("must", []), *row.get("must_not", [])]
        if bad := [a for a in actions if a not in kinds]:
            problems.append(f"{path}:{number}: unknown action kind {bad[0]!r}")
            continue
        labels = row.get("labels")
        items.append(
            GoldItem(
                line=number,
                text=row["text"],
                category=str(category),
                also=tuple(also),
                labels=tuple(labels) if labels is not None else None,
                must=tuple(row.get("must", [])),
                must_not=tuple(row.get("must_not", [])),
                tag=row.get("tag"),
                posted_at=row.get("posted_at"),
                is_private=bool(row.get("is_private", False)),
            )
        )
    if problems:
        raise CommentError("broken gold file:\n  " + "\n  ".join(problems))
    return items


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


def _scores(tp: int, fp: int, fn: int) -> Scores:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(round(p, 4), round(r, 4), round(f, 4), tp + fn, tp + fp)


@dataclass
class Failure:
    line: int
    text: str
    expected: str
    got: str
    why: str
    tag: str | None = None


@dataclass
class Report:
    n: int
    accuracy: float
    categories: dict[str, Scores]
    labels: dict[str, Scores]
    confusion: dict[str, dict[str, int]]
    action_compliance: float | None
    tags: dict[str, dict[str, float]]
    failures: list[Failure] = field(default_factory=list)
    policy: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def render(self, max_failures: int = 50) -> str:
        out = [f"{self.n} comments, policy {self.policy}: category accuracy {self.accuracy:.1%}"]
        if self.action_compliance is not None:
            out.append(f"action compliance (must/must_not): {self.action_compliance:.1%}")
        out.append("")
        out.append(f"{'category':<14}{'precision':>10}{'recall':>8}{'F1':>8}{'support':>9}")
        for name, s in self.categories.items():
            out.append(f"{name:<14}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.support:>9}")
        if self.labels:
            out.append("")
            out.append(f"{'label':<26}{'precision':>10}{'recall':>8}{'F1':>8}{'support':>9}")
            for name, s in sorted(self.labels.items()):
                out.append(
                    f"{name:<26}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.support:>9}"
                )
        out.append("")
        out.append("confusion (rows: gold, columns: predicted)")
        short = [c[:8] for c in CATEGORIES]
        out.append(" " * 14 + "".join(f"{c:>10}" for c in short))
        for gold in CATEGORIES:
            row = self.confusion.get(gold, {})
            out.append(f"{gold:<14}" + "".join(f"{row.get(p, 0):>10}" for p in CATEGORIES))
        if self.tags:
            out.append("")
            out.append(f"{'tag':<30}{'n':>6}{'accuracy':>10}")
            for tag, t in sorted(self.tags.items()):
                out.append(f"{tag:<30}{int(t['n']):>6}{t['accuracy']:>10.1%}")
        if self.failures:
            out.append("")
            out.append(f"failures ({len(self.failures)}):")
            for f in self.failures[:max_failures]:
                out.append(f"  line {f.line}: {f.text[:90]!r}")
                out.append(f"    expected {f.expected}, got {f.got}: {f.why}")
            if len(self.failures) > max_failures:
                out.append(f"  ... and {len(self.failures) - max_failures} more (--json shows all)")
        return "\n".join(out)


def _why(d: Decision) -> str:
    if not d.findings:
        return "no rule fired"
    return "; ".join(f"{f.rule_id} on {f.text!r}" for f in d.findings[:4])


def evaluate(engine: Any, items: Sequence[GoldItem], policy: str | None = None) -> Report:
    """Classify every gold item and score the result."""
    from .._models import Comment

    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    label_counts: dict[str, Counter[str]] = defaultdict(Counter)
    tracked = {lab for it in items if it.labels for lab in it.labels}
    tags: dict[str, Counter[str]] = defaultdict(Counter)
    failures: list[Failure] = []
    compliant = checked = correct = 0
    used_policy = ""
    for it in items:
        comment = Comment(text=it.text, posted_at=it.posted_at, is_private=it.is_private)
        d = engine.classify(comment, policy=policy)
        used_policy = d.policy
        got = d.category.value
        ok = got == it.category or got in it.also
        predicted = it.category if ok else got
        confusion[it.category][predicted] += 1
        if ok:
            tp[it.category] += 1
            correct += 1
        else:
            fn[it.category] += 1
            fp[got] += 1
            failures.append(Failure(it.line, it.text, it.category, got, _why(d), it.tag))
        if it.tag:
            tags[it.tag]["n"] += 1
            tags[it.tag]["ok"] += ok
        gold_labels = set(it.labels or ())
        got_labels = set(d.labels) & tracked
        for lab in tracked:
            if lab in gold_labels and lab in got_labels:
                label_counts[lab]["tp"] += 1
            elif lab in got_labels:
                label_counts[lab]["fp"] += 1
            elif lab in gold_labels:
                label_counts[lab]["fn"] += 1
        if it.labels is not None and ok and gold_labels - set(d.labels):
            failures.append(
                Failure(
                    it.line,
                    it.text,
                    f"labels {sorted(gold_labels)}",
                    f"labels {list(d.labels)}",
                    _why(d),
                    it.tag,
                )
            )
        if it.must or it.must_not:
            checked += 1
            kinds = {a.kind.value for a in d.actions}
            missing = [k for k in it.must if k not in kinds]
            extra = [k for k in it.must_not if k in kinds]
            if not missing and not extra:
                compliant += 1
            else:
                failures.append(
                    Failure(
                        it.line,
                        it.text,
                        f"actions must {list(it.must)} must_not {list(it.must_not)}",
                        f"actions {sorted(kinds)}",
                        f"missing {missing}, unwanted {extra}",
                        it.tag,
                    )
                )
    n = len(items)
    return Report(
        n=n,
        accuracy=round(correct / n, 4) if n else 0.0,
        categories={c: _scores(tp[c], fp[c], fn[c]) for c in CATEGORIES},
        labels={lab: _scores(c["tp"], c["fp"], c["fn"]) for lab, c in label_counts.items()},
        confusion={g: dict(confusion[g]) for g in CATEGORIES if confusion[g]},
        action_compliance=round(compliant / checked, 4) if checked else None,
        tags={t: {"n": c["n"], "accuracy": round(c["ok"] / c["n"], 4)} for t, c in tags.items()},
        failures=failures,
        policy=used_policy,
    )


def plot_confusion(report: Report, path: Path) -> None:
    """Write the confusion matrix as a PNG (needs the optional extra ``plot``)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the environment
        raise CommentError(
            "--plot needs matplotlib: pip install 'kommentar-regler[plot]'"
        ) from None
    matrix = [[report.confusion.get(g, {}).get(p, 0) for p in CATEGORIES] for g in CATEGORIES]
    fig, ax = plt.subplots(figsize=(7, 6))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(CATEGORIES)), CATEGORIES, rotation=40, ha="right")
    ax.set_yticks(range(len(CATEGORIES)), CATEGORIES)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    top = max((v for row in matrix for v in row), default=0)
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            ax.text(
                j, i, str(v), ha="center", va="center", color="white" if v > top / 2 else "black"
            )
    ax.set_title(f"kommentar_regler, policy {report.policy}: accuracy {report.accuracy:.1%}")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def merge_items(paths: Iterable[Path]) -> list[GoldItem]:
    return [item for p in paths for item in load_gold(p)]
