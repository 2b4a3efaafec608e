"""Classify a CSV export of comments and write a report a communicator can read.

    python examples/classify_csv_report.py examples/data/kommentarer.csv \\
        --policy tyreso --out rapport.md

Writes every decision as JSON Lines next to the report, then a Markdown report: how many
comments of each category, which need a person, and every action due, soonest first.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import kommentar_regler as kr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv", type=Path, help="a CSV or JSONL export, as the CLI reads it")
    parser.add_argument("--policy", default="standard")
    parser.add_argument("--out", type=Path, default=Path("rapport.md"))
    args = parser.parse_args()

    # read as `kommentar-regler classify --input` reads: separator from the header line,
    # columns by their usual names (Kommentar, Datum, ...), every row kept
    batch = kr.read_batch(args.csv)
    engine = kr.Engine(policy=args.policy)
    rows, decisions, broken = [], [], 0
    for row in batch.rows:
        try:
            if row.error is None:
                decisions.append(engine.classify(row.value))
                rows.append(row.value)
                continue
        except kr.CommentError as e:  # e.g. a date in none of the accepted forms
            row.error = str(e)
        broken += 1
        print(f"{args.csv}:{row.line}: {row.error}")

    jsonl = args.out.with_suffix(".jsonl")
    with jsonl.open("w", encoding="utf-8") as f:
        for d in decisions:
            f.write(json.dumps(d.model_dump(mode="json"), ensure_ascii=False) + "\n")

    counts = Counter(d.category for d in decisions)
    # every action that must be done: those with a due time first (soonest first), then the
    # ones the policy gives no time for
    todo = [
        (a.due, a, d, row)
        for d, row in zip(decisions, rows, strict=True)
        for a in d.actions
        if not a.optional
    ]
    due = sorted(todo, key=lambda x: (x[0] is None, x[0] or 0))
    lines = [f"# Kommentarer: {len(decisions)} st, policy {engine.policy.id}", ""]
    lines += ["| kategori | antal |", "|---|---|"]
    lines += [f"| {c.swedish} | {counts.get(c, 0)} |" for c in kr.Category]
    review = [(d, row) for d, row in zip(decisions, rows, strict=True) if d.needs_review]
    lines += ["", f"## Behöver manuell bedömning ({len(review)})", ""]
    lines += [
        f"- {row.get('id', '')}: {row['text'][:80]!r}: {'; '.join(d.review_reasons)}"
        for d, row in review
    ]
    lines += [
        "",
        "## Åtgärder att göra, tidigast först (utan tid sist)",
        "",
        "| senast | åtgärd | kommentar | grund |",
        "|---|---|---|---|",
    ]
    for when, a, _d, row in due:
        basis = "; ".join(str(c) for c in a.basis)
        at = f"{when:%Y-%m-%d %H:%M}" if when else "ingen tid angiven"
        lines.append(f"| {at} | {a.kind.swedish} | {row['text'][:60]} | {basis} |")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(decisions)} kommentarer -> {args.out} och {jsonl}; {broken} trasiga rader")


if __name__ == "__main__":
    main()
