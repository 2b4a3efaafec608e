"""The rule file format, schema 2, as pydantic models that forbid unknown keys.

``RuleFile.model_json_schema()`` is the JSON Schema an editor can validate against. The format is
documented for communicators in docs/rules.md.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .._models import Category
from ..policy.format import CitationSpec

__all__ = ["CitationSpec", "ExamplesSpec", "NearSpec", "RegexSpec", "RuleFile", "RuleSpec"]

_STRICT = ConfigDict(extra="forbid", frozen=True)
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9_][a-z0-9_.\-]*$", max_length=100)]


class ExamplesSpec(BaseModel):
    model_config = _STRICT

    match: list[str] = Field(default_factory=list)
    no_match: list[str] = Field(default_factory=list)


class NearSpec(BaseModel):
    """Slots that must all be found within ``window`` tokens of each other, in any order."""

    model_config = _STRICT

    slots: list[str] = Field(min_length=2, description='e.g. ["asset={anlaggningar}", ...]')
    window: int = Field(8, ge=1, le=50)


class RegexSpec(BaseModel):
    """A regular expression for what is not words: personnummer, URLs, prices, phone numbers."""

    model_config = _STRICT

    name: Identifier
    pattern: str = Field(min_length=1)
    score: float | None = Field(None, ge=0.0, le=1.0)
    validate_with: str | None = Field(None, alias="validate")


class RuleSpec(BaseModel):
    """One rule: what it looks for, what it means, where that comes from, and examples."""

    model_config = _STRICT

    id: Identifier
    category: Category
    label: Identifier
    description: str = ""
    score: float = Field(0.8, ge=0.0, le=1.0)
    lexicons: list[Identifier] = Field(
        default_factory=list, description="Any word of these lexicons is a match."
    )
    patterns: list[str] = Field(default_factory=list, description="Token patterns.")
    near: NearSpec | None = None
    regex: list[RegexSpec] = Field(default_factory=list)
    scope: Literal["clause", "sentence", "comment"] = "sentence"
    unless: list[str] = Field(
        default_factory=list,
        description="Token patterns; a match in the same sentence cancels this rule's match.",
    )
    role: Literal["evidence", "fact"] = "evidence"
    fact: Identifier | None = None
    alone_only: bool = False
    yields_to: list[Identifier] = Field(
        default_factory=list,
        description="Labels that, when found, make this rule's findings redundant.",
    )
    review: bool = False
    unquoted: bool = Field(
        False,
        description="Matches inside quotation marks do not count: the writer quotes someone "
        "(\"han kallade mig 'jävla blatte'\") to report or complain about it.",
    )
    basis: list[CitationSpec] = Field(min_length=1)
    examples: ExamplesSpec = Field(default_factory=ExamplesSpec)

    @model_validator(mode="after")
    def _one_way_to_match(self) -> RuleSpec:
        ways = [bool(self.lexicons), bool(self.patterns), self.near is not None, bool(self.regex)]
        if sum(ways) != 1:
            raise ValueError("give exactly one of lexicons, patterns, near or regex")
        if self.role == "fact" and not self.fact:
            raise ValueError('a rule with role = "fact" needs fact = "<name>"')
        return self


class RuleFile(BaseModel):
    """A file of rules: ``rules/<language>/<topic>.toml``."""

    model_config = _STRICT

    schema_version: Literal[2] = Field(
        2, description="2: token patterns over lexicon classes (1, regexes, is no longer read)."
    )
    rule: list[RuleSpec] = Field(default_factory=list)
