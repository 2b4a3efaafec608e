"""The docs stay true: published schemas match the code, README commands exist."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from kommentar_regler import Decision, PolicyFile, RuleFile
from kommentar_regler.batch.line_schema import line_schema

from .conftest import ROOT


@pytest.mark.parametrize(
    ("name", "schema"),
    [
        ("decision", Decision.model_json_schema),
        ("line", line_schema),
        ("rules", RuleFile.model_json_schema),
        ("policy", PolicyFile.model_json_schema),
    ],
)
def test_published_json_schemas_are_current(name: str, schema: Callable[[], object]) -> None:
    published = json.loads((ROOT / "docs" / "schemas" / f"{name}.schema.json").read_text("utf-8"))
    assert published == schema(), (
        f"docs/schemas/{name}.schema.json is stale: regenerate it with "
        f"`kommentar-regler schema {name} > docs/schemas/{name}.schema.json`"
    )


def test_readme_has_the_two_commands_and_ci_runs_the_test_command() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    test_command = 'pip install -e ".[dev]" && python -m pytest'
    assert test_command in readme and test_command in ci
    assert (
        'pip install . && kommentar-regler classify "Gatlampan på Storgatan 14 är trasig"' in readme
    )


def _python_blocks(path: str) -> list[str]:
    text = (ROOT / path).read_text("utf-8")
    return [block.split("```", 1)[0] for block in text.split("```python\n")[1:]]


@pytest.mark.parametrize("path", ["README.md", "docs/getting-started.md"])
def test_python_examples_in_the_docs_run(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    blocks = _python_blocks(path)
    assert blocks
    for block in blocks:
        exec(compile(block, path, "exec"), {})
    out = capsys.readouterr().out
    assert "2026-12-28 16:00:00+01:00" in out
