"""Plugins: built-ins register like any plugin; third-party rules, files and hooks."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

import kommentar_regler as kr
from kommentar_regler import (
    Analysis,
    Category,
    Citation,
    Finding,
    RuleBase,
    finding_from,
    hookimpl,
)

BASIS = (Citation(document="Testkommun", section="1", quote="Inga ankor."),)


class DuckRule(RuleBase):
    """A Python rule: flags the word 'anka' (in any case, as a token)."""

    def __init__(self) -> None:
        super().__init__(id="test.duck", category=Category.SPAM, label="duck", basis=BASIS)

    def check(self, analysis: Analysis) -> Iterable[Finding]:
        for token in analysis.tokens:
            if token.norm == "anka":
                yield finding_from(
                    self, analysis, token.start, token.end, 0.9, "the word anka", "test"
                )


def path_plugin(hook: str, path: Path) -> object:
    """A plugin that registers ``path`` through the hook named ``hook``."""

    def impl(register: Callable[[Path], None]) -> None:
        register(path)

    impl.__name__ = hook
    return type("PathPlugin", (), {hook: staticmethod(hookimpl(impl))})()


class DuckPlugin:
    @hookimpl
    def register_rules(self, register: Callable[[object], None]) -> None:
        register(DuckRule())


def test_in_test_plugin_adds_a_rule_that_fires() -> None:
    engine = kr.Engine(plugins=[DuckPlugin()], load_entrypoints=False)
    d = engine.classify("En anka på torget")
    assert d.category is Category.SPAM
    assert d.findings[0].rule_id == "test.duck" and d.findings[0].text == "anka"
    assert (
        kr.Engine(load_entrypoints=False).classify("En anka på torget").category
        is not Category.SPAM
    )


def test_plugin_registers_rule_files_and_lexicons(tmp_path: Path) -> None:
    (tmp_path / "lexicons.toml").write_text(
        '[[lexicon]]\nid = "faglar"\nfile = "faglar.txt"\nsource = "test"\nlicense = "MIT"\n'
        "obfuscation = true\n",
        encoding="utf-8",
    )
    (tmp_path / "faglar.txt").write_text("gås = gäss, gåsen\n", encoding="utf-8")
    (tmp_path / "rules.toml").write_text(
        '[[rule]]\nid = "test.goose"\ncategory = "spam"\nlabel = "goose"\nlexicons = ["faglar"]\n'
        'basis = [{document = "Test", section = "1"}]\n'
        'examples.match = ["En gås"]\nexamples.no_match = ["En and"]\n',
        encoding="utf-8",
    )

    class FilePlugin:
        @hookimpl
        def register_lexicons(self, register: Callable[[Path], None]) -> None:
            register(tmp_path)

        @hookimpl
        def register_rule_files(self, register: Callable[[Path], None]) -> None:
            register(tmp_path / "rules.toml")

    engine = kr.Engine(plugins=[FilePlugin()], load_entrypoints=False)
    d = engine.classify("Tre g@ss på vägen")
    assert d.category is Category.SPAM and d.findings[0].text == "g@ss"


def test_misspelt_hook_fails_loudly() -> None:
    class Typo:
        @hookimpl
        def register_rule(self, register: Callable[[object], None]) -> None:  # missing "s"
            pass

    with pytest.raises(kr.PluginError, match="register_rule"):
        kr.Engine(plugins=[Typo()], load_entrypoints=False)


def test_registering_a_non_rule_fails_loudly() -> None:
    class Bad:
        @hookimpl
        def register_rules(self, register: Callable[[object], None]) -> None:
            register("not a rule")

    with pytest.raises(kr.PluginError, match="is not a rule"):
        kr.Engine(plugins=[Bad()], load_entrypoints=False)


def test_builtin_is_registered_as_a_plugin_and_can_be_left_out() -> None:
    engine = kr.Engine(load_entrypoints=False)
    assert "builtin" in engine.plugin_names
    with pytest.raises(kr.UnknownPolicyError):
        kr.Engine(load_entrypoints=False, include_builtin=False)


def test_entry_point_group_is_declared() -> None:
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="kommentar_regler")}
    assert "builtin" in names
    engine = kr.Engine()  # loads entry points; builtin is not registered twice
    assert engine.plugin_names.count("builtin") == 1


def test_broken_rule_file_lists_every_problem(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text(
        """
[[rule]]
id = "test.one"
category = "spam"
label = "x"
lexicons = ["svordommar"]
basis = [{document = "Test", section = "1"}]

[[rule]]
id = "test.two"
category = "spamm"
label = "x"
patterns = ['(unclosed']
basis = [{document = "Test", section = "1"}]
colour = "red"

[[rule]]
id = "test.three"
category = "spam"
label = "x"
patterns = ['(unclosed']
basis = [{document = "Test", section = "1"}]
""",
        encoding="utf-8",
    )

    with pytest.raises(kr.RuleFileError) as info:
        kr.Engine(plugins=[path_plugin("register_rule_files", tmp_path)], load_entrypoints=False)
    problems = info.value.problems
    text = str(info.value)
    assert all(p.file.endswith("broken.toml") for p in problems)
    assert any(p.item == "test.one" and "did you mean 'svordomar'" in p.message for p in problems)
    assert any(p.item == "test.two" and p.field == "category" for p in problems)
    assert any(p.item == "test.two" and p.field == "colour" for p in problems)
    assert any(p.item == "test.three" and p.field == "patterns.0" for p in problems)
    assert "broken.toml:" in text  # line numbers
    assert len(problems) >= 4


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('[[rule]]\nid = "x\n', encoding="utf-8")

    with pytest.raises(kr.RuleFileError) as info:
        kr.Engine(plugins=[path_plugin("register_rule_files", tmp_path)], load_entrypoints=False)
    assert info.value.problems[0].line == 2


def test_broken_lexicon_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "lexicons.toml").write_text(
        '[[lexicon]]\nid = "x"\nfile = "x.txt"\nsource = "t"\nlicense = "MIT"\n', encoding="utf-8"
    )
    (tmp_path / "x.txt").write_text("ok\ntw0\nok\n", encoding="utf-8")

    with pytest.raises(kr.LexiconError) as info:
        kr.Engine(plugins=[path_plugin("register_lexicons", tmp_path)], load_entrypoints=False)
    lines = {(p.line, p.file.endswith("x.txt")) for p in info.value.problems}
    assert (2, True) in lines and (3, True) in lines  # not letters, and a duplicate
