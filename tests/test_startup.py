"""Start-up: the built vocabulary kept on disk (the same lookups as a fresh build, never a
stale one), and the garbage collector left as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kommentar_regler as kr
from kommentar_regler.engine import _build_vocabulary, _vocabulary
from kommentar_regler.lexicons import cache, stored

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = ROOT / "lexicons" / "sv"
WORDS = [
    "idiot", "idioten", "idiotpolitiker", "pedofilsvin", "j@vla", "javla", "fiiittta", "f*tta",
    "ID-IOTER".casefold(), "bamse-filmen", "marsvin", "skitsnygg", "höra", "kukkola", "knivsta",
    "brandposten", "gatlampan", "storgatan", "hej", "sexfilmen", "sex", "mördande", "1d10t",
]  # fmt: skip


def test_a_stored_vocabulary_looks_up_every_word_as_the_built_one() -> None:
    built = _build_vocabulary([BUILTIN])
    loaded = stored.from_state(stored.state(built))
    assert loaded is not None
    forms = [f for lex in built.ids for fs in built.forms_of(lex).values() for f in fs]
    for word in [*WORDS, *forms[::7]]:
        assert loaded.lookup(word) == built.lookup(word), word
    assert loaded.phrases.keys() == built.phrases.keys()
    assert all(loaded.phrases.get(k) == built.phrases[k] for k in built.phrases)
    assert isinstance(loaded.phrases, stored.StoredPhrases)
    assert loaded.forms_of("svordomar") == built.forms_of("svordomar")
    assert loaded.morphology.begins == built.morphology.begins
    assert loaded.morphology.lexical == built.morphology.lexical
    for word in sorted(built.morphology.lexical)[::50]:
        assert word in loaded.morphology.lexical
        assert word + "x" not in loaded.morphology.lexical or word + "x" in built.morphology.lexical
    assert "" not in loaded.morphology.begins and "zzzzzz" not in loaded.morphology.begins
    assert (loaded.ids, loaded.masks) == (built.ids, built.masks)
    assert loaded.obfuscated == built.obfuscated


def test_the_cache_is_used_and_follows_every_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOMMENTAR_REGLER_CACHE", str(tmp_path / "cache"))
    lexicons = tmp_path / "sv"
    shutil.copytree(BUILTIN, lexicons)
    first = _vocabulary([lexicons])
    assert len(list((tmp_path / "cache").glob("vocabulary-*.marshal"))) == 1
    again = _vocabulary([lexicons])
    assert isinstance(again.morphology.begins, stored.SortedWords)  # read from the cache
    assert again.lookup("idioten") == first.lookup("idioten")
    assert not again.lookup("zqxordet")
    manifest = (lexicons / "lexicons.toml").read_text(encoding="utf-8")
    name = manifest.split('file = "', 1)[1].split('"', 1)[0]
    with (lexicons / name).open("a", encoding="utf-8") as f:
        f.write("zqxord\n")
    edited = _vocabulary([lexicons])
    assert edited.lookup("zqxord")  # a new key: built from the files again
    assert len(list((tmp_path / "cache").glob("vocabulary-*.marshal"))) == 2


def test_a_broken_cache_file_or_no_cache_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOMMENTAR_REGLER_CACHE", str(tmp_path))
    key = cache.key([BUILTIN])
    (tmp_path / f"vocabulary-{key}.marshal").write_bytes(b"not marshal data")
    text = "Du är en j@vla idiot"
    assert kr.Engine(load_entrypoints=False).classify(text).labels
    monkeypatch.setenv("KOMMENTAR_REGLER_CACHE", "off")
    assert cache.cache_dir() is None
    decision = kr.Engine(load_entrypoints=False).classify(text)
    monkeypatch.setenv("KOMMENTAR_REGLER_CACHE", str(tmp_path))
    assert kr.Engine(load_entrypoints=False).classify(text) == decision


def test_building_an_engine_leaves_the_garbage_collector_as_it_was(tmp_path: Path) -> None:
    import gc

    assert gc.isenabled()
    kr.Engine(load_entrypoints=False)
    assert gc.isenabled()
    gc.disable()
    try:
        kr.Engine(load_entrypoints=False)
        assert not gc.isenabled()
    finally:
        gc.enable()
    (tmp_path / "lexicons.toml").write_text("not toml [", encoding="utf-8")

    class Broken:
        @kr.hookimpl
        def register_lexicons(self, register):  # type: ignore[no-untyped-def]
            register(tmp_path)

    with pytest.raises(kr.LexiconError):
        kr.Engine(load_entrypoints=False, plugins=[Broken()])
    assert gc.isenabled()


def test_no_cache_without_a_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KOMMENTAR_REGLER_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache.cache_dir() is None
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    assert cache.cache_dir() == Path("/somewhere/cache/kommentar_regler")
