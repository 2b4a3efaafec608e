"""The start-up cache of pattern checks and literal analyses is fresh and changes no result."""

from __future__ import annotations

import json

import regex

import kommentar_regler as kr
from kommentar_regler import _pattern_cache as pc
from kommentar_regler._rules import DataRule

from .samples import DEV_TEXTS


def _analyses(engine: kr.Engine) -> list[tuple[str, object, object]]:
    return [
        (rule.id, cp.starts, cp.gate)
        for rule in engine.rules
        if isinstance(rule, DataRule)
        for cp in rule.compiled
    ]


def test_the_cache_is_fresh() -> None:
    # stale entries would only cost start-up time; this says when to rebuild them
    saved = json.loads(pc.PATH.read_text("utf-8"))
    fresh = pc.build(None)
    message = "rule patterns changed: run  python -m kommentar_regler._pattern_cache"
    assert saved["checked"] == fresh["checked"], message
    assert saved["literals"] == fresh["literals"], message


def test_an_engine_built_without_the_cache_is_the_same() -> None:
    with_cache = kr.Engine(load_entrypoints=False)
    with pc.cached(pc.PatternCache()):
        without = kr.Engine(load_entrypoints=False)
    assert _analyses(with_cache) == _analyses(without)
    for text in DEV_TEXTS[::7]:
        assert with_cache.classify(text) == without.classify(text), text


def test_a_broken_or_foreign_cache_is_ignored(tmp_path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "cache.json"
    broken.write_text("{not json", "utf-8")
    assert not pc.PatternCache.load(broken).is_checked("x")
    data = json.loads(pc.PATH.read_text("utf-8"))
    data["regex"] = "0.0"  # checks made with another regex release are not trusted
    foreign = pc.PatternCache(data)
    assert data["checked"] and not any(foreign._checked)


def test_a_pattern_that_does_not_compile_is_still_reported() -> None:
    # the cache only vouches for patterns it has seen compile
    cache = pc.PatternCache.load()
    assert not cache.is_checked(r"(?P<p0>\b(?:x)\b(")
    assert regex.compile(r"\b(?:x)\b")  # the skeleton of a lexicon alone compiles
