"""The fields of a Comment and the names people give them in exports.

One table serves the CLI (which column is the text, the time, ...) and the API (a mapping's key
that looks like a misspelt field is named in a warning instead of being dropped unseen).
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

__all__ = ["ALIASES", "FIELDS", "UnknownFieldWarning", "misspelt", "warn_misspelt"]

#: Comment's fields, and the column names (compared case-insensitively, spaces and "-" as "_")
#: that exports use for them, the field's own name first.
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "kommentar", "meddelande", "message", "comment", "body", "inlägg"),
    "id": ("id", "comment_id", "kommentar_id", "message_id", "meddelande_id"),
    "author": ("author", "författare", "avsändare", "from", "sender", "user", "användare"),
    "posted_at": (
        "posted_at",
        "datum",
        "date",
        "tid",
        "tidpunkt",
        "created_at",
        "created_time",
        "timestamp",
        "publicerad",
        "mottagen",
    ),
    "channel": ("channel", "kanal", "platform", "plattform"),
    "is_private": ("is_private", "privat", "private", "privat_meddelande"),
    "reply_to": ("reply_to", "svar_på", "parent_id"),
    "url": ("url", "länk", "link"),
}
FIELDS: tuple[str, ...] = tuple(ALIASES)
_EVERY_NAME = tuple(name for names in ALIASES.values() for name in names)
# "postad" is closer to "posted" than to "posted_at": compare with the first word too
_LOOKALIKES = {
    form: field
    for field, names in ALIASES.items()
    for name in names
    for form in (name, name.split("_")[0])
}


class UnknownFieldWarning(UserWarning):
    """A comment's mapping has a key that is no field but looks like one (``postad``)."""


def key(name: str) -> str:
    """A column name as it is compared: case-folded, spaces and dashes as underscores."""
    return "_".join(name.strip().casefold().replace("-", " ").split())


@lru_cache(maxsize=1024)
def misspelt(name: str) -> str | None:
    """The field ``name`` probably means, when it is no field's name or alias."""
    k = key(name)
    if k in _EVERY_NAME:
        return None
    from rapidfuzz import fuzz, process  # only needed when a name is unknown

    best = process.extractOne(k, list(_LOOKALIKES), scorer=fuzz.ratio, score_cutoff=75)
    return _LOOKALIKES[best[0]] if best else None


def warn_misspelt(value: Mapping[Any, Any], argument: str) -> None:
    """Warn (once per key and place, Python's default) about keys that look misspelt."""
    for name in _unknown(value):
        hint = misspelt(name)
        if hint is not None:
            warnings.warn(
                f"{argument} has the key {name!r}, which is not used; did you mean {hint!r}?",
                UnknownFieldWarning,
                stacklevel=_caller_level(),
            )


def _unknown(value: Mapping[Any, Any]) -> Iterable[str]:
    return (k for k in value if isinstance(k, str) and k not in ALIASES)


def _caller_level() -> int:
    """The stack level of the first caller outside this package (what the warning names)."""
    package = __name__.rpartition(".")[0]
    level, frame = 1, sys._getframe(1)
    while frame.f_back is not None and frame.f_globals.get("__name__", "").startswith(package):
        frame = frame.f_back
        level += 1
    return level + 1
