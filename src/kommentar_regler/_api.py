"""``classify()`` and ``classify_many()``: thin wrappers over a lazily built default Engine."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from ._models import Comment, Decision
from .batch.flood import FloodDetector
from .engine import Engine

__all__ = ["classify", "classify_many", "default_engine"]

_default: Engine | None = None
_lock = threading.Lock()


def default_engine() -> Engine:
    """The shared Engine with built-ins and installed plugins, built on first use."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Engine()
    return _default


def classify(
    comment: str | Comment | Mapping[str, Any],
    *,
    policy: str | Path | None = None,
    now: datetime | None = None,
    engine: Engine | None = None,
) -> Decision:
    """Classify one comment: its category, the evidence, and the actions due.

    ``comment`` is a str, a :class:`Comment` or a mapping with a ``text`` field.
    """
    if comment is None or not isinstance(comment, str | bytes | bytearray | Comment | Mapping):
        raise TypeError(
            "classify() argument 'comment' must be a str, a Comment or a mapping with a "
            f"'text' field, not {type(comment).__name__}"
        )
    return (engine or default_engine()).classify(comment, policy=policy, now=now)


def classify_many(
    comments: Iterable[str | Comment | Mapping[str, Any]],
    *,
    policy: str | Path | None = None,
    now: datetime | None = None,
    engine: Engine | None = None,
    flood: FloodDetector | bool = False,
    n_process: int = 1,
) -> Iterator[Decision]:
    """Classify a stream of comments lazily, keeping their order.

    Each comment gets the decision :func:`classify` gives it; ``flood=True`` adds the batch's
    signals (floods, the same report from several people; see :meth:`Engine.classify_many`).
    """
    if isinstance(comments, str | bytes) or not isinstance(comments, Iterable):
        raise TypeError(
            "classify_many() argument 'comments' must be an iterable of comments, "
            f"not {type(comments).__name__}"
        )
    return (engine or default_engine()).classify_many(
        comments, policy=policy, now=now, flood=flood, n_process=n_process
    )
