"""The ``kommentar-regler`` command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated, Any, NamedTuple

import typer

from ._dates import DateError, parse_datetime
from ._models import STOCKHOLM
from .batch.reader import open_source
from .batch.run import BatchStats, run_batch
from .batch.writer import open_writer, table
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
    from .engine import Engine

    try:
        engine = Engine(policy=policy)
        _check_labels(engine, policy)
        return engine
    except KommentarReglerError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None


def _check_labels(engine: Any, policy: str | Path) -> None:
    """A policy file's labels that no rule gives (a misspelling that would do nothing)."""
    from ._loader import read_toml
    from .errors import PolicyFileError, Problem
    from .policy.check import check_labels

    path = Path(policy)
    if not str(policy).endswith(".toml"):
        return
    problems: list[Problem] = []
    parsed = read_toml(path, problems)
    if parsed is not None:
        problems += check_labels(*parsed, path, {r.label for r in engine.rules})
    if problems:
        raise PolicyFileError(problems)


def _now(value: str | None) -> datetime | None:
    """``--now``: a date and time in any accepted form, or "now"; naive is Stockholm time."""
    if value is None:
        return None
    if value.strip().casefold() in ("now", "nu"):
        return datetime.now(STOCKHOLM)
    try:
        moment = parse_datetime(value)
    except DateError as e:
        raise typer.BadParameter(str(e), param_hint="--now") from None
    if moment is None:
        raise typer.BadParameter("give a date and time, or 'now'", param_hint="--now")
    return moment if moment.tzinfo else moment.replace(tzinfo=STOCKHOLM)


class BatchOptions(NamedTuple):
    now: datetime | None
    flood: bool
    processes: int
    progress: bool
    encoding: str
    delimiter: str | None


@app.command()
def classify(
    text: Annotated[str | None, typer.Argument(help="The comment to classify.")] = None,
    input: Annotated[
        Path | None,
        typer.Option("--input", "-i", help="A .jsonl or .csv file (; , or tab separated)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write the results: .jsonl, .csv (Excel) or .xlsx (default: stdout).",
        ),
    ] = None,
    policy: Annotated[str, typer.Option(help="Policy profile name or a .toml path.")] = "standard",
    format: Annotated[
        OutputFormat, typer.Option(help="json or table, for what is printed on the screen.")
    ] = OutputFormat.json,
    now: Annotated[
        str | None,
        typer.Option(
            help="Count due times of comments without posted_at from this time ('now' for the "
            "current time; without it they get no due time), and mark what is overdue by it."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    csv_delimiter: Annotated[
        str | None, typer.Option(help="CSV separator; read from the header line when not given.")
    ] = None,
    encoding: Annotated[
        str, typer.Option(help="Input encoding, e.g. latin-1 for old Excel exports.")
    ] = "utf-8-sig",
    text_column: Annotated[str | None, typer.Option(help="The column with the comment.")] = None,
    id_column: Annotated[str | None, typer.Option(help="The column with its id.")] = None,
    author_column: Annotated[str | None, typer.Option(help="The column with its sender.")] = None,
    date_column: Annotated[
        str | None, typer.Option(help="The column with when it was received.")
    ] = None,
    flood: Annotated[
        bool,
        typer.Option(
            "--flood",
            help="Look at the rows together: copies by one sender or of spam are a flood; "
            "the same text from several people is marked repeated_report.",
        ),
    ] = False,
    processes: Annotated[int, typer.Option(min=1, help="Worker processes (see docs).")] = 1,
) -> None:
    """Classify one comment, or every row of a JSONL/CSV file."""
    if (text is None) == (input is None):
        raise typer.BadParameter("give either a TEXT or --input FILE, not both or neither")
    received = _now(now)
    engine = _engine(policy)
    if text is not None:
        try:
            decision = engine.classify(text, now=received)
        except (KommentarReglerError, TypeError) as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(1) from None
        if format is OutputFormat.table:
            typer.echo(table(decision, received or datetime.now(STOCKHOLM)))
        else:
            typer.echo(json.dumps(decision.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    assert input is not None
    chosen = (
        ("text", text_column),
        ("id", id_column),
        ("author", author_column),
        ("posted_at", date_column),
    )
    names = {field: name for field, name in chosen if name}
    options = BatchOptions(received, flood, processes, not quiet, encoding, csv_delimiter)
    _classify_file(engine, input, output, format is OutputFormat.table, names, options)


def _classify_file(
    engine: Any,
    input: Path,
    output: Path | None,
    as_table: bool,
    names: dict[str, str],
    options: BatchOptions,
) -> None:
    stats = BatchStats()
    note = partial(typer.echo, err=True)
    try:
        source = open_source(
            input, encoding=options.encoding, delimiter=options.delimiter, names=names, note=note
        )
        writer = open_writer(
            output,
            table_format=as_table,
            columns=source.columns or ["id", "text"],
            now=options.now or datetime.now(STOCKHOLM),
        )
        try:
            run_batch(
                engine,
                source.rows,
                str(input),
                writer,
                stats,
                now=options.now,
                flood=options.flood,
                n_process=options.processes,
                progress=options.progress,
            )
        finally:
            writer.close()
    except KommentarReglerError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    if stats.undated:
        how = (
            f"counted from --now ({options.now:%Y-%m-%d %H:%M})"
            if options.now
            else "not computed (give --now TIME, or --now now, to count from a time)"
        )
        note(f"{stats.undated} rows have no posted_at: their due times are {how}")
    note(f"{stats.ok} classified, {stats.failed} failed")
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
        str | None, typer.Option(help="CSV separator; read from the header line when not given.")
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
        source = open_source(
            input, encoding=encoding, delimiter=csv_delimiter, note=partial(typer.echo, err=True)
        )
        done = classify_rows(engine, source.rows, now=received)
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
    from .batch.evaluate import evaluate as run
    from .batch.evaluate import merge_items, plot_confusion

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
    from ._api import default_engine

    policy = _policy_or_exit(name, 2)
    try:
        _check_labels(default_engine(), name)
    except KommentarReglerError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    typer.echo(json.dumps(policy.spec.model_dump(mode="json"), ensure_ascii=False, indent=2))


@policies_app.command("validate")
def policies_validate(file: Annotated[Path, typer.Argument(help="A policy .toml file.")]) -> None:
    """Check a policy file; exit 1 naming the file, line and field of every problem."""
    from ._api import default_engine

    policy = _policy_or_exit(file, 1)
    try:
        _check_labels(default_engine(), file)
    except KommentarReglerError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{file}: ok (policy {policy.id!r})")


@app.command()
def schema(
    what: Annotated[str, typer.Argument(help="decision, line, rules or policy")] = "decision",
) -> None:
    """Print a JSON Schema: of Decision (the API's output), of a line that classify --input
    writes (a decision with its line, or an error row), of rule files or of policy files."""
    from ._models import Decision
    from .batch.line_schema import line_schema
    from .policy.format import PolicyFile
    from .rules.format import RuleFile

    models: dict[str, Callable[[], dict[str, Any]]] = {
        "decision": Decision.model_json_schema,
        "line": line_schema,
        "rules": RuleFile.model_json_schema,
        "policy": PolicyFile.model_json_schema,
    }
    if what not in models:
        raise typer.BadParameter(f"choose one of {', '.join(models)}")
    typer.echo(json.dumps(models[what](), ensure_ascii=False, indent=2))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
