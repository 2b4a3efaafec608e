"""The format of policy files, as pydantic models that forbid unknown keys.

``PolicyFile.model_json_schema()`` is the JSON Schema an editor can validate against (see
docs/policies.md). Rule files are described by :mod:`.rules.format`, lexicon manifests by
:mod:`.lexicons.files`.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .._models import ActionKind, Category

__all__ = [
    "ActionSpec",
    "CitationSpec",
    "DeadlineSpec",
    "PolicyFile",
]

_STRICT = ConfigDict(extra="forbid", frozen=True)
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9_][a-z0-9_.\-]*$", max_length=100)]


class CitationSpec(BaseModel):
    """A policy document's section (and the law behind it) that a rule or action rests on."""

    model_config = _STRICT

    document: str = Field(min_length=1, description='Municipality or document, e.g. "Hjo".')
    section: str = Field(min_length=1, description='Section, e.g. "4", "3.2", "Bilaga 1".')
    quote: str | None = Field(None, description="The sentence of the document it comes from.")
    law: str | None = Field(None, description='The law, e.g. "BrB 4 kap. 5 §".')


_DUE = re.compile(
    r"^(none|immediately|without_delay|as_soon_as_possible|"
    r"\d+(\.\d+)?h|\d+ working_days?)$"
)


class ActionSpec(BaseModel):
    """One action of a policy: what, by when, by whom, and which sentence demands it."""

    model_config = _STRICT

    kind: ActionKind
    due: str = Field(
        "none",
        description='"48h", "1 working_day", "immediately", "without_delay", '
        '"as_soon_as_possible" or "none".',
    )
    optional: bool = False
    omit: bool = Field(
        False,
        description="This action is NOT done for comments with this category or label, even when "
        "another entry asks for it (e.g. a political question's referral replaces the reply); "
        "basis says which sentence makes it so.",
    )
    responsible: str = Field(min_length=1)
    basis: list[CitationSpec] = Field(min_length=1)
    note: str | None = None
    template: str | None = None

    @field_validator("due")
    @classmethod
    def _due_format(cls, value: str) -> str:
        if not _DUE.match(value):
            raise ValueError(
                f'{value!r} is not a due rule; use e.g. "48h", "1 working_day", '
                '"immediately", "without_delay", "as_soon_as_possible" or "none"'
            )
        return value


class DeadlineSpec(BaseModel):
    """What the policy means by its vague words, in hours or working days."""

    model_config = _STRICT

    due: str
    meaning: str = Field(min_length=1)
    basis: list[CitationSpec] = Field(default_factory=list)

    @field_validator("due")
    @classmethod
    def _concrete(cls, value: str) -> str:
        if not re.match(r"^(\d+(\.\d+)?h|\d+ working_days?)$", value):
            raise ValueError(f'{value!r}: give hours ("24h") or working days ("1 working_day")')
        return value


class PolicyFile(BaseModel):
    """A municipality's policy profile: ``policies/<id>.toml``."""

    model_config = _STRICT

    schema_version: Literal[1] = 1
    id: Identifier
    name: str = Field(min_length=1)
    document: str = Field(min_length=1, description="The seed document or policy it implements.")
    extends: str | None = None
    description: str = ""
    working_day_ends: str = Field("16:00", pattern=r"^\d\d:\d\d$")
    without_delay: DeadlineSpec | None = None
    as_soon_as_possible: DeadlineSpec | None = None
    signature: str | None = None
    category: dict[Category, list[ActionSpec]] = Field(default_factory=dict)
    label: dict[Identifier, list[ActionSpec]] = Field(default_factory=dict)
    private_message: list[ActionSpec] | None = Field(
        None,
        description="Actions for every private message (never published, so never removed).",
    )
    private_label: dict[Identifier, list[ActionSpec]] = Field(
        default_factory=dict,
        description="Extra actions for a private message with this label, e.g. confidential "
        "content marked as secret when it is registered.",
    )
    templates: dict[Identifier, str] = Field(default_factory=dict)
    out_of_scope: list[str] = Field(default_factory=list)

    @field_validator("working_day_ends")
    @classmethod
    def _time_of_day(cls, value: str) -> str:
        hour, minute = (int(x) for x in value.split(":"))
        if hour > 23 or minute > 59:
            raise ValueError(f"{value!r} is not a time of day; give HH:MM from 00:00 to 23:59")
        return value
