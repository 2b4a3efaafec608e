"""The public data model: what goes in (Comment) and what comes out (Decision).

Every model is an immutable pydantic v2 model, so a Decision can be hashed, shared between
threads, and dumped to plain JSON with ``model_dump(mode="json")``.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ._dates import parse_datetime
from .errors import CommentError

__all__ = [
    "FORMAT_VERSION",
    "STOCKHOLM",
    "Action",
    "ActionKind",
    "Category",
    "Citation",
    "Comment",
    "Decision",
    "Finding",
]

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_M = TypeVar("_M", bound=BaseModel)

#: Version of the JSON that ``Decision.model_dump(mode="json")`` produces. Bumped when a field
#: is renamed or removed; adding a field does not bump it.
FORMAT_VERSION = 1


class Category(StrEnum):
    """The rows of the handling flowchart (Tyresö Bilaga 1), plus spam and criminal material."""

    PRAISE = "praise"
    QUESTION = "question"
    FAULT_REPORT = "fault_report"
    OFFENSIVE = "offensive"
    SPAM = "spam"
    CRIMINAL = "criminal"

    @property
    def swedish(self) -> str:
        return _CATEGORY_SV[self]

    @property
    def severity(self) -> int:
        """Higher is more severe; the primary category is the most severe one found."""
        return _SEVERITY[self]


_CATEGORY_SV = {
    Category.PRAISE: "Beröm, allmänt tyckande",
    Category.QUESTION: "Frågor och synpunkter",
    Category.FAULT_REPORT: "Felanmälan",
    Category.OFFENSIVE: "Kränkande inlägg och sekretessbelagda uppgifter",
    Category.SPAM: "Skräppost, reklam, kommersiella budskap",
    Category.CRIMINAL: "Brottsligt material",
}

# Criminal material outranks everything: it must be saved and reported. Offensive and
# confidential content must be removed. Spam is removed but matters little. Among the
# service categories a fault report carries the most concrete duty.
_SEVERITY = {
    Category.PRAISE: 0,
    Category.QUESTION: 1,
    Category.FAULT_REPORT: 2,
    Category.SPAM: 3,
    Category.OFFENSIVE: 4,
    Category.CRIMINAL: 5,
}


class ActionKind(StrEnum):
    """What someone must (or may) do with a comment."""

    REPLY = "reply"
    ACKNOWLEDGE = "acknowledge"
    FORWARD = "forward"
    REGISTER_FAULT_REPORT = "register_fault_report"
    REGISTER_SYNPUNKT = "register_synpunkt"
    SAVE_EVIDENCE = "save_evidence"
    REGISTER_DIARY = "register_diary"
    REMOVE = "remove"
    POLICE_REPORT = "police_report"
    REPORT_TO_PLATFORM = "report_to_platform"
    REDIRECT_TO_FORMAL_CHANNEL = "redirect_to_formal_channel"
    REFER_TO_PARTIES = "refer_to_parties"
    HUMAN_REVIEW = "human_review"
    INFORM_TARGET = "inform_target"

    @property
    def swedish(self) -> str:
        return _ACTION_SV[self]


_ACTION_SV = {
    ActionKind.REPLY: "svara",
    ActionKind.ACKNOWLEDGE: "bekräfta/tacka",
    ActionKind.FORWARD: "skicka vidare till berörd verksamhet",
    ActionKind.REGISTER_FAULT_REPORT: "registrera i felanmälningssystemet",
    ActionKind.REGISTER_SYNPUNKT: "registrera som synpunkt",
    ActionKind.SAVE_EVIDENCE: "spara inlägget och avsändaren (skärmdump)",
    ActionKind.REGISTER_DIARY: "diarieför",
    ActionKind.REMOVE: "ta bort/avpublicera",
    ActionKind.POLICE_REPORT: "polisanmäl",
    ActionKind.REPORT_TO_PLATFORM: "anmäl till plattformen",
    ActionKind.REDIRECT_TO_FORMAL_CHANNEL: "hänvisa till formell kanal",
    ActionKind.REFER_TO_PARTIES: "hänvisa till partierna",
    ActionKind.HUMAN_REVIEW: "manuell bedömning",
    ActionKind.INFORM_TARGET: "informera den som pekas ut",
}

_FROZEN = ConfigDict(frozen=True, extra="forbid", defer_build=True)


def construct(cls: type[_M], **values: Any) -> _M:
    """Build a model from values the library has already validated, without re-validating.

    Does what ``BaseModel.model_construct`` does for a model with no private attributes and
    no extras, minus its per-field default handling: every field must be given. About ten
    times faster, which matters on the per-comment path. ``tests/test_models.py`` checks that
    the result equals ``model_validate`` of the same values.
    """
    key = (cls, tuple(values))
    fields_set = _FIELDS_SETS.get(key)
    if fields_set is None:
        fields_set = set(values)
        if cls.model_config.get("frozen"):
            _FIELDS_SETS[key] = fields_set
    return build(cls, values, fields_set)


#: One set of field names per model and fields given, shared by the models built with them:
#: these models are frozen, so pydantic never adds to the set (a copy copies it), and a set
#: per model was one more object per Decision and Finding for the garbage collector.
_FIELDS_SETS: dict[tuple[type, tuple[str, ...]], set[str]] = {}


def comment_from_text(text: str) -> Comment:
    """``Comment(text=text)`` without validation (a str has nothing to check), as fast as
    the per-comment path needs it; ``tests/test_models.py`` checks the two are equal."""
    return build(Comment, {"text": text, **_COMMENT_DEFAULTS}, {"text"})


def build(cls: type[_M], values: dict[str, Any], fields_set: set[str]) -> _M:
    """:func:`construct` with the values as a dict (which the model keeps as its own) and the
    names of the fields they set."""
    model = _new(cls)
    model.__dict__.update(values)
    _set_fields_set(model, fields_set)
    _set_extra(model, None)
    _set_private(model, None)
    return model


# BaseModel's slots, set directly (object.__setattr__ looks each one up again).
_new = object.__new__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


_PRIVATE_WORDS = {
    "": False,
    "ja": True,
    "j": True,
    "sant": True,
    "nej": False,
    "n": False,
    "falskt": False,
}


class Comment(BaseModel):
    """A comment, post or private message received on a social-media channel.

    ``posted_at`` is when it was received. A naive datetime is read as Europe/Stockholm
    local time (that is what an export from a Swedish inbox means); an aware one is kept.
    Unknown fields of a mapping are ignored, so a row of an export can be passed as it is.
    ``posted_at`` may also be text in one of the forms of ``_dates.ACCEPTED`` ("30.11.2026
    14:05", ...) or an Excel serial number. A bad field raises :class:`CommentError` naming
    the field (pydantic's ``ValidationError`` stays inside).
    """

    model_config = ConfigDict(frozen=True, extra="ignore", defer_build=True)

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as e:
            raise comment_error(e, "Comment") from None

    text: str
    id: str | None = None
    author: str | None = None
    posted_at: datetime | None = None
    channel: str | None = None
    is_private: bool = False
    reply_to: str | None = None
    url: str | None = None

    @field_validator("id", "reply_to", mode="before")
    @classmethod
    def _ids_as_text(cls, value: Any) -> Any:
        # Exports often carry numeric ids; keep them as text, never as floats.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("posted_at", mode="before")
    @classmethod
    def _readable_date(cls, value: Any) -> Any:
        return parse_datetime(value)

    @field_validator("is_private", mode="before")
    @classmethod
    def _private_as_text(cls, value: Any) -> Any:
        # A CSV cell: empty (or null) means not private; Swedish exports say "ja"/"nej".
        if value is None:
            return False
        if isinstance(value, str):
            word = value.strip().lower()
            return _PRIVATE_WORDS.get(word, word)
        return value

    @field_validator("posted_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=STOCKHOLM)
        return value


def comment_error(error: ValidationError, argument: str) -> CommentError:
    """The first of pydantic's errors as the library's own, naming the field."""
    err = error.errors()[0]
    inner = err.get("ctx", {}).get("error")
    if isinstance(inner, CommentError) and inner.field:  # raised by Comment.__init__
        field, message = inner.field, inner.detail
    else:
        field = ".".join(str(p) for p in err["loc"]) or "?"
        message = str(err["msg"]).removeprefix("Value error, ")
    return CommentError(f"{argument}[{field!r}]: {message}", field=field, detail=message)


class Citation(BaseModel):
    """Where a rule or an action comes from: a policy document's section and the law."""

    model_config = _FROZEN

    document: str
    section: str
    quote: str | None = None
    law: str | None = None

    def __str__(self) -> str:
        text = f"{self.document} {self.section}".strip()
        if self.law:
            text += f" ({self.law})"
        return text


class Finding(BaseModel):
    """One piece of evidence: a span of the ORIGINAL text that a rule matched.

    ``text == comment.text[start:end]`` always holds.
    """

    model_config = _FROZEN

    rule_id: str
    category: Category
    label: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    score: float = Field(ge=0.0, le=1.0)
    explanation: str
    matched_by: str = "pattern"
    basis: tuple[Citation, ...] = ()

    @model_validator(mode="after")
    def _ordered(self) -> Finding:
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self


class Action(BaseModel):
    """Something that must (or, if ``optional``, may) be done, by whom and by when."""

    model_config = _FROZEN

    kind: ActionKind
    due: datetime | None = None
    optional: bool = False
    responsible: str
    basis: tuple[Citation, ...] = Field(min_length=1)
    note: str | None = None
    due_rule: str | None = None
    template: str | None = None
    because_of: tuple[str, ...] = ()  # the categories/labels that call for this action


class Decision(BaseModel):
    """What a comment is, why, and what must follow."""

    model_config = _FROZEN

    format_version: int = FORMAT_VERSION
    comment_id: str | None = None
    category: Category
    categories: tuple[Category, ...]
    labels: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    actions: tuple[Action, ...] = ()
    needs_review: bool = False
    review_reasons: tuple[str, ...] = ()
    policy: str
    facts: dict[str, tuple[str, ...]] = Field(default_factory=dict)

    def actions_of(self, kind: ActionKind | str) -> tuple[Action, ...]:
        kind = ActionKind(kind)
        return tuple(a for a in self.actions if a.kind is kind)

    @property
    def action_kinds(self) -> tuple[ActionKind, ...]:
        return tuple(a.kind for a in self.actions)

    def explain(self) -> str:
        """A short Swedish text: category, quoted evidence, what to do by when, and why."""
        from ._explain import explain_decision

        return explain_decision(self)


_COMMENT_DEFAULTS = {
    name: field.default for name, field in Comment.model_fields.items() if name != "text"
}
