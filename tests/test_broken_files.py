"""Every command on a folder of broken files: a clear message naming the file, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from kommentar_regler.cli import app

from .conftest import DATA

runner = CliRunner()
BROKEN = DATA / "broken"
POLICIES = sorted(BROKEN.glob("*.toml"))
INPUTS = sorted([*BROKEN.glob("*.csv"), *BROKEN.glob("*.jsonl")])
GOOD_INPUT = str(DATA / "dev_service.jsonl")


def _clean_failure(result: Result, name: str) -> None:
    # a crash inside shows as an exception that is not typer's Exit (SystemExit)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code != 0
    assert name in result.stderr, result.stderr


@pytest.mark.parametrize("path", POLICIES, ids=lambda p: p.name)
@pytest.mark.parametrize(
    "command",
    [
        ["policies", "validate", "{}"],
        ["policies", "show", "{}"],
        ["classify", "Gatlampan är trasig", "--policy", "{}"],
        ["classify", "-i", GOOD_INPUT, "-q", "--policy", "{}"],
        ["evaluate", GOOD_INPUT, "--policy", "{}"],
    ],
    ids=["validate", "show", "classify", "classify-file", "evaluate"],
)
def test_every_command_on_a_broken_policy(path: Path, command: list[str]) -> None:
    result = runner.invoke(app, [arg.replace("{}", str(path)) for arg in command])
    _clean_failure(result, path.name)
    if command[0] == "policies" and command[1] == "validate":
        assert f"{path}:" in result.stderr or f"{path} " in result.stderr


@pytest.mark.parametrize("path", [*INPUTS, BROKEN / "missing.csv", BROKEN], ids=lambda p: p.name)
@pytest.mark.parametrize("command", [["classify", "-q", "-i"], ["evaluate"]])
def test_every_command_on_a_broken_input(path: Path, command: list[str]) -> None:
    result = runner.invoke(app, [*command, str(path)])
    if path.name == "header_only.csv" and command[0] == "classify":
        assert result.exit_code == 0 and "0 classified" in result.stderr  # nothing to do
        return
    _clean_failure(result, path.name)


def test_the_misspelt_label_and_the_impossible_hour_are_caught_by_validate() -> None:
    label = runner.invoke(app, ["policies", "validate", str(BROKEN / "misspelt_label.toml")])
    assert "label.profanitty" in label.stderr and "did you mean 'profanity'" in label.stderr
    assert ":6 " in label.stderr  # the line
    hour = runner.invoke(app, ["policies", "validate", str(BROKEN / "bad_time.toml")])
    assert "'25:00' is not a time of day" in hour.stderr and ":6 " in hour.stderr
