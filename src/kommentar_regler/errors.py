"""Every error kommentar_regler raises, in one place.

The hierarchy::

    KommentarReglerError
    ├── DataFileError            a rule, lexicon or policy file is broken
    │   ├── RuleFileError
    │   ├── LexiconError
    │   └── PolicyFileError
    ├── UnknownPolicyError       (also a LookupError) a policy name nobody registered
    ├── PluginError              a plugin registers something broken or implements an unknown hook
    └── CommentError             (also a ValueError) a comment that cannot be classified
        └── CommentTooLongError

``classify(None)`` and other wrong *types* raise the built-in ``TypeError``, as Python does.

A :class:`DataFileError` carries every problem it found, not only the first, each as a
:class:`Problem` naming the file, the line (when known), the rule or entry and the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "CommentError",
    "CommentTooLongError",
    "DataFileError",
    "KommentarReglerError",
    "LexiconError",
    "PluginError",
    "PolicyFileError",
    "Problem",
    "RuleFileError",
    "UnknownPolicyError",
]


class KommentarReglerError(Exception):
    """Base class of every error raised by kommentar_regler."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file."""

    file: str
    message: str
    line: int | None = None
    item: str | None = None  # rule id, lexicon id, policy entry
    field: str | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.item:
            parts.append(f"[{self.item}]")
        if self.field:
            parts.append(f"{self.field}:")
        parts.append(self.message)
        return " ".join(parts)


class DataFileError(KommentarReglerError):
    """One or more data files are broken; ``problems`` lists every problem found."""

    kind = "data file"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        n = len(self.problems)
        lines = [f"{n} problem{'s' if n != 1 else ''} in {self.kind}s:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class RuleFileError(DataFileError):
    kind = "rule file"


class LexiconError(DataFileError):
    kind = "lexicon file"


class PolicyFileError(DataFileError):
    kind = "policy file"


class UnknownPolicyError(KommentarReglerError, LookupError):
    """A policy name that no plugin registered."""

    def __init__(self, name: str, known: Sequence[str], suggestion: str | None) -> None:
        self.name = name
        self.known = tuple(known)
        self.suggestion = suggestion
        hint = f" Did you mean {suggestion!r}?" if suggestion else ""
        super().__init__(
            f"Unknown policy {name!r}.{hint} Known policies: {', '.join(self.known)}. "
            "A path to a .toml file also works."
        )


class PluginError(KommentarReglerError):
    """A plugin is broken: unknown hook, duplicate rule id, wrong type registered."""


class CommentError(KommentarReglerError, ValueError):
    """A comment's value cannot be classified (wrong encoding, bad field).

    ``field`` names the bad field when there is one, ``detail`` says what is wrong with it.
    """

    def __init__(self, message: str, *, field: str | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.field = field
        self.detail = detail or message


class CommentTooLongError(CommentError):
    """The comment is longer than the engine's ``max_chars`` limit; nothing is truncated."""

    def __init__(self, length: int, limit: int) -> None:
        self.length = length
        self.limit = limit
        super().__init__(
            f"Comment has {length} characters, more than the limit of {limit}. "
            "Raise it with Engine(max_chars=...) or split the text; it is never truncated."
        )
