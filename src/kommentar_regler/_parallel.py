"""classify_many over several processes, with exactly the results of one process, in order.

Each worker builds its own Engine from the same settings (so plugins passed as objects must be
picklable; installed entry-point plugins always work). Comments are sent in chunks, at most a
few chunks ahead of the one being yielded, so memory stays flat on a large stream. Flood
detection needs to see comments in order, so the parent process does it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from ._models import Comment, Decision

__all__ = ["classify_parallel"]

_WORKER_ENGINE: Any = None


def _init(settings: dict[str, Any]) -> None:
    global _WORKER_ENGINE
    from ._engine import Engine

    _WORKER_ENGINE = Engine(**settings)


def _classify_chunk(
    chunk: list[Comment], policy: str | Path | None, now: datetime | None
) -> list[Decision]:
    return [_WORKER_ENGINE.classify(c, policy=policy, now=now) for c in chunk]


def classify_parallel(
    engine: Any,
    comments: Iterable[Comment],
    *,
    n_process: int,
    policy: str | Path | None,
    now: datetime | None,
    chunk_size: int = 256,
) -> Iterator[Decision]:
    """Yield decisions in input order, computed by ``n_process`` worker processes."""
    it = iter(comments)
    ahead = 2 * n_process
    with ProcessPoolExecutor(n_process, initializer=_init, initargs=(engine.settings,)) as pool:
        pending: deque[Future[list[Decision]]] = deque()

        def submit() -> bool:
            chunk = list(islice(it, chunk_size))
            if chunk:
                pending.append(pool.submit(_classify_chunk, chunk, policy, now))
            return bool(chunk)

        while len(pending) < ahead and submit():
            pass
        while pending:
            decisions = pending.popleft().result()
            submit()
            yield from decisions
