"""The ``kommentar-regler`` command line."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel

from ._batch import BatchStats, read_rows, write_results
from .errors import KommentarReglerError

app = typer.Typer(
    help="Classify comments on a municipality's social-media accounts by its policy.",
    no_args_is_help=True,
    add_completion=False,
)
policies_app = typer.Typer(help="List, show and validate policy profiles.", no_args_is_help=True)
app.add_typer(policies_app, name="policies")


class OutputFormat(StrEnum):
    json = "json"
    table = "table"


def _engine(policy: str) -> Any:
    from ._engine import Engine

    try:
        return Engine(policy=policy)
    except KommentarReglerError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None


def _now(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not an ISO date-time, e.g. 2026-03-28T12:00"
        ) from None


def _table(decision: Any) -> str:
    lines = [f"{'kategori':<12} {decision.category.value}  ({decision.category.swedish})"]
    if decision.labels:
        lines.append(f"{'etiketter':<12} {', '.join(decision.labels)}")
    for f in decision.findings:
        lines.append(f"{'belägg':<12} [{f.start}:{f.end}] {f.text!r}  {f.rule_id}")
    for a in decision.actions:
        due = a.due.strftime("%Y-%m-%d %H:%M") if a.due else "-"
        opt = " (frivilligt)" if a.optional else ""
        lines.append(f"{'åtgärd':<12} {a.kind.value:<28} {due:<17} {a.responsible}{opt}")
    if decision.needs_review:
        lines.append(f"{'granska':<12} {'; '.join(decision.review_reasons)}")
    return "\n".join(lines)


@app.command()
def classify(
    text: Annotated[str | None, typer.Argument(help="The comment to classify.")] = None,
    input: Annotated[
        Path | None,
        typer.Option("--input", "-i", help="A .jsonl or .csv file with a 'text' field."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Where to write one JSON line per row (default: stdout)."
        ),
    ] = None,
    policy: Annotated[str, typer.Option(help="Policy profile name or a .toml path.")] = "standard",
    format: Annotated[
        OutputFormat, typer.Option(help="json or table (table: single comments only).")
    ] = OutputFormat.json,
    now: Annotated[
        str | None,
        typer.Option(
            help="Received time for comments without posted_at (ISO); default: the current time."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    csv_delimiter: Annotated[
        str | None, typer.Option(help="CSV separator; guessed when not given.")
    ] = None,
    encoding: Annotated[
        str, typer.Option(help="Input encoding, e.g. latin-1 for old Excel exports.")
    ] = "utf-8-sig",
) -> None:
    """Classify one comment, or every row of a JSONL/CSV file."""
    if (text is None) == (input is None):
        raise typer.BadParameter("give either a TEXT or --input FILE, not both or neither")
    received = _now(now) or datetime.now().astimezone()
    engine = _engine(policy)
    if text is not None:
        try:
            decision = engine.classify(text, now=received)
        except (KommentarReglerError, TypeError) as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(1) from None
        if format is OutputFormat.table:
            typer.echo(_table(decision))
        else:
            typer.echo(json.dumps(decision.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    assert input is not None
    stats = BatchStats()
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        rows = read_rows(input, encoding=encoding, delimiter=csv_delimiter)
        write_results(engine, rows, out, stats, now=received, progress=not quiet)
    except KommentarReglerError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    finally:
        if output:
            out.close()
    typer.echo(f"{stats.ok} classified, {stats.failed} failed", err=True)
    if stats.failed:
        raise typer.Exit(1)


@app.command()
def report(
    input: Annotated[
        Path, typer.Option("--input", "-i", help="A .jsonl or .csv file with a 'text' field.")
    ],
    html: Annotated[Path, typer.Option(help="Where to write the HTML page.")] = Path(
        "rapport.html"
    ),
    policy: Annotated[str, typer.Option(help="Policy profile name or a .toml path.")] = "standard",
    now: Annotated[
        str | None,
        typer.Option(
            help="The time overdue actions are judged against, and the received time of "
            "comments without posted_at (ISO); default: the current time."
        ),
    ] = None,
    csv_delimiter: Annotated[
        str | None, typer.Option(help="CSV separator; guessed when not given.")
    ] = None,
    encoding: Annotated[
        str, typer.Option(help="Input encoding, e.g. latin-1 for old Excel exports.")
    ] = "utf-8-sig",
) -> None:
    """Write one self-contained HTML review page (Swedish) for every row of a JSONL/CSV file."""
    from .report import classify_rows, write_report

    received = _now(now) or datetime.now().astimezone()
    engine = _engine(policy)
    try:
        done = classify_rows(
            engine, read_rows(input, encoding=encoding, delimiter=csv_delimiter), now=received
        )
        write_report(
            html, done.decisions, done.comments, unreadable=done.unreadable, lines=done.lines,
            now=received, source=input.name,
        )
    except (KommentarReglerError, OSError) as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    for bad in done.unreadable:
        typer.echo(f"line {bad.line}: {bad.error}", err=True)
    typer.echo(
        f"{html}: {len(done.decisions)} comments, {len(done.unreadable)} unreadable rows", err=True
    )
    if done.unreadable:
        raise typer.Exit(1)


@app.command()
def evaluate(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSONL file(s): text, category, ...")],
    policy: Annotated[str, typer.Option(help="Policy profile name or a .toml path.")] = "standard",
    plot: Annotated[Path | None, typer.Option(help="Write the confusion matrix as a PNG.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    max_failures: Annotated[int, typer.Option(help="Failures to list in the text report.")] = 50,
) -> None:
    """Score the rules against labelled comments: precision, recall, confusion, actions."""
    from ._evaluate import evaluate as run
    from ._evaluate import merge_items, plot_confusion

    engine = _engine(policy)
    try:
        report = run(engine, merge_items(gold))
        if plot is not None:
            plot_confusion(report, plot)
    except (KommentarReglerError, OSError) as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        typer.echo(report.render(max_failures))


@policies_app.command("list")
def policies_list() -> None:
    """Print the policy ids, one a line."""
    from ._api import default_engine

    for name in default_engine().policies.names:
        typer.echo(name)


def _policy_or_exit(name: str | Path, code: int) -> Any:
    from ._api import default_engine

    try:
        return default_engine().policies.get(name)
    except KommentarReglerError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(code) from None


@policies_app.command("show")
def policies_show(name: Annotated[str, typer.Argument(help="Policy id or .toml path.")]) -> None:
    """Print a policy profile, inheritance resolved, as JSON."""
    policy = _policy_or_exit(name, 2)
    typer.echo(json.dumps(policy.spec.model_dump(mode="json"), ensure_ascii=False, indent=2))


@policies_app.command("validate")
def policies_validate(file: Annotated[Path, typer.Argument(help="A policy .toml file.")]) -> None:
    """Check a policy file; exit 1 naming the file, line and field of every problem."""
    policy = _policy_or_exit(file, 1)
    typer.echo(f"{file}: ok (policy {policy.id!r})")


@app.command()
def schema(
    what: Annotated[str, typer.Argument(help="decision, rules or policy")] = "decision",
) -> None:
    """Print a JSON Schema: of Decision (the output), of rule files or of policy files."""
    from ._models import Decision
    from ._schema import PolicyFile, RuleFile

    models: dict[str, type[BaseModel]] = {
        "decision": Decision,
        "rules": RuleFile,
        "policy": PolicyFile,
    }
    if what not in models:
        raise typer.BadParameter(f"choose one of {', '.join(models)}")
    typer.echo(json.dumps(models[what].model_json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
