"""classify_many over several processes, with exactly the results of one process, in order.

The workers are started once per Engine and number of processes, and kept for later calls
(``Engine.classify_many(..., n_process=N)`` a second time costs no start-up), until the Engine
is garbage-collected or the interpreter exits. Where processes are forked (Linux), a worker
inherits the parent's built Engine and starts in milliseconds; elsewhere (spawn: macOS,
Windows) each worker builds an equal Engine from ``engine.settings``, which takes about as long
as ``Engine()`` (so plugins passed as objects must be picklable there).

Comments are sent in chunks, at most a few chunks ahead of the one being yielded, so memory
stays flat on a large stream. Flood detection needs the comments in order, so the parent does
it. Sending comments and decisions between processes costs about as much as classifying a short
comment, so extra processes pay off only on long comments or with many cores
(docs/scaling.md has the measurements).
"""

from __future__ import annotations

import multiprocessing
import os
import warnings
import weakref
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from .._models import Comment, Decision

__all__ = ["classify_parallel", "shutdown_pools"]

_WORKER_ENGINE: Any = None
_INHERITED: Any = None  # the engine a forked worker finds in its copy of the parent's memory
_POOLS: weakref.WeakKeyDictionary[Any, dict[int, ProcessPoolExecutor]] = (
    weakref.WeakKeyDictionary()
)


def _init(settings: dict[str, Any] | None) -> None:
    global _WORKER_ENGINE
    if settings is None:
        _WORKER_ENGINE = _INHERITED
        return
    from ..engine import Engine

    _WORKER_ENGINE = Engine(**settings)


def _classify_chunk(
    chunk: list[Comment], policy: str | Path | None, now: datetime | None
) -> list[Decision]:
    return [_WORKER_ENGINE.classify(c, policy=policy, now=now) for c in chunk]


def _pool(engine: Any, n_process: int) -> ProcessPoolExecutor:
    """The engine's pool of ``n_process`` workers, started on first use."""
    global _INHERITED
    pools = _POOLS.get(engine)
    if pools is None:
        pools = _POOLS[engine] = {}
        weakref.finalize(engine, _shutdown, pools)
    if n_process not in pools:
        usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
        if usable is not None and n_process > usable:
            warnings.warn(
                f"n_process={n_process} but this process may use {usable} CPU(s): more "
                "processes than CPUs only add the cost of sending comments between them",
                RuntimeWarning,
                stacklevel=4,
            )
        fork = "fork" in multiprocessing.get_all_start_methods() and (
            multiprocessing.get_start_method(allow_none=True) in (None, "fork")
        )
        if fork:
            _INHERITED = engine
            context = multiprocessing.get_context("fork")
            pool = ProcessPoolExecutor(
                n_process, mp_context=context, initializer=_init, initargs=(None,)
            )
            # forked pools start all their workers at the first submit: do it now, while
            # _INHERITED is this engine, then let go of it (the pool must not keep it alive)
            try:
                pool.submit(int).result()
            finally:
                _INHERITED = None
        else:
            pool = ProcessPoolExecutor(n_process, initializer=_init, initargs=(engine.settings,))
        pools[n_process] = pool
    return pools[n_process]


def _shutdown(pools: dict[int, ProcessPoolExecutor]) -> None:
    for pool in pools.values():
        pool.shutdown(wait=False, cancel_futures=True)
    pools.clear()


def shutdown_pools(engine: Any) -> None:
    """Stop the engine's worker processes now (they also stop with the engine)."""
    pools = _POOLS.pop(engine, None)
    if pools:
        _shutdown(pools)


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
    pool = _pool(engine, n_process)
    pending: deque[Future[list[Decision]]] = deque()

    def submit() -> bool:
        chunk = list(islice(it, chunk_size))
        if chunk:
            pending.append(pool.submit(_classify_chunk, chunk, policy, now))
        return bool(chunk)

    try:
        while len(pending) < ahead and submit():
            pass
        while pending:
            decisions = pending.popleft().result()
            submit()
            yield from decisions
    finally:
        for f in pending:  # a caller that stops early leaves no work queued
            f.cancel()
