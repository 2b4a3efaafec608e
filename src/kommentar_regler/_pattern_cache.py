"""What the engine works out about each rule pattern, worked out once at build time.

Building an engine checks that every pattern compiles (its skeleton, see
:func:`._rules.skeleton`) and reads each for the literals its matches start with and contain
(:func:`._prefilter.literals_of`). For the built-in rules that took a quarter of a second of
every start-up, always with the same answer. ``pattern_cache.json`` keeps those answers, keyed
by a hash of the exact pattern text; a pattern that is not in it (a plugin's, or one edited
since) is simply worked out again, so the cache can make start-up faster but never changes
a result. Checks are kept per ``regex`` release and analyses per Python version, as either
could change an answer.

    python -m kommentar_regler._pattern_cache      # write the cache for the built-in rules

``tests/test_pattern_cache.py`` fails when the cache is stale.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import regex

from ._prefilter import Required, Starts, literals_of

__all__ = ["PatternCache", "cached"]

PATH = Path(__file__).with_name("pattern_cache.json")


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _python() -> str:
    return f"{sys.version_info[0]}.{sys.version_info[1]}"


class PatternCache:
    """Known-good skeletons and literal analyses, by hash; records what it is asked."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        data = data or {}
        same_regex = data.get("regex") == regex.__version__
        same_python = data.get("python") == _python()
        self._checked: set[str] = set(data.get("checked", ())) if same_regex else set()
        self._literals: dict[str, Any] = dict(data.get("literals", {})) if same_python else {}
        self.used_checked: set[str] = set()
        self.used_literals: dict[str, Any] = {}

    @classmethod
    def load(cls, path: Path = PATH) -> PatternCache:
        try:
            return cls(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError):
            return cls()  # no cache, or a broken one: work everything out

    def is_checked(self, skeleton: str) -> bool:
        return _key(skeleton) in self._checked

    def note_checked(self, skeleton: str) -> None:
        self.used_checked.add(_key(skeleton))

    def literals(self, pattern: str) -> tuple[Starts | None, Required | None]:
        key = _key(pattern)
        found = self._literals.get(key)
        if found is None:
            found = _dump(*literals_of(pattern))
        self.used_literals[key] = found
        return _load(found)

    def dump(self) -> dict[str, Any]:
        """The entries this cache was asked about, as the JSON file holds them."""
        return {
            "regex": regex.__version__,
            "python": _python(),
            "checked": sorted(self.used_checked),
            "literals": dict(sorted(self.used_literals.items())),
        }


def _dump(starts: Starts | None, gate: Required | None) -> list[Any]:
    return [
        None
        if starts is None
        else [sorted(starts.literals), starts.at_start, starts.digits, sorted(starts.bounded)],
        None if gate is None else [sorted(gate.literals), gate.digits],
    ]


def _load(entry: list[Any]) -> tuple[Starts | None, Required | None]:
    starts, gate = entry
    return (
        None
        if starts is None
        else Starts(frozenset(starts[0]), starts[1], starts[2], frozenset(starts[3])),
        None if gate is None else Required(frozenset(gate[0]), gate[1]),
    )


_ACTIVE: list[PatternCache] = []


@contextmanager
def cached(cache: PatternCache) -> Iterator[PatternCache]:
    """Use ``cache`` for the engines built inside the block (the loader asks :func:`active`)."""
    _ACTIVE.append(cache)
    try:
        yield cache
    finally:
        _ACTIVE.pop()


def active() -> PatternCache:
    """The cache in use: the innermost :func:`cached` one, else the built-in file's."""
    if _ACTIVE:
        return _ACTIVE[-1]
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = PatternCache.load()
    return _DEFAULT


_DEFAULT: PatternCache | None = None


def build(path: Path | None = PATH) -> dict[str, Any]:
    """Work out the entries of the built-in rules afresh; write them to ``path`` if given."""
    from ._engine import Engine

    with cached(PatternCache()) as cache:
        Engine(load_entrypoints=False)
    data = cache.dump()
    if path is not None:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", "utf-8")
    return data


if __name__ == "__main__":
    # run as a script this file is __main__: use the package's copy, which the loader asks
    from kommentar_regler import _pattern_cache as this

    written = this.build(this.PATH)
    print(f"{this.PATH}: {len(written['checked'])} checks, {len(written['literals'])} analyses")
