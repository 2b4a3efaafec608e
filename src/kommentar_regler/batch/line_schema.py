"""What ``classify --input`` writes to a ``.jsonl`` file or stdout: one line per input row.

A line is either a decision with the input's ``line`` number, or an error row
``{"error": ..., "line": N}``. ``kommentar-regler schema line`` prints the JSON Schema of both
(``schema decision`` is the API's Decision alone, without ``line``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from .._models import Decision

__all__ = ["DecisionLine", "ErrorLine", "line_schema"]


class DecisionLine(Decision):
    """A decision as the CLI writes it: with the number of the input line it answers."""

    line: int = Field(ge=1, description="The line of the input file (CSV: where the row starts).")


class ErrorLine(BaseModel):
    """An input row that could not be classified, and why."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    error: str = Field(description="What is wrong with the row, e.g. broken JSON, a bad date.")
    line: int = Field(ge=1, description="The line of the input file.")


def line_schema() -> dict[str, Any]:
    schema = TypeAdapter(DecisionLine | ErrorLine).json_schema()
    return {
        "title": "kommentar-regler classify output line",
        "description": __doc__.strip().splitlines()[0],
        **schema,
    }
