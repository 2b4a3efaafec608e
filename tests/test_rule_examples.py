"""Every rule's own examples: each `examples.match` must fire the rule, each `no_match` must not."""

from __future__ import annotations

import pytest

import kommentar_regler as kr
from kommentar_regler.rules import DataRule

_ENGINE = kr.Engine(load_entrypoints=False)
_DATA_RULES = [r for r in _ENGINE.rules if isinstance(r, DataRule)]
_CASES = [
    pytest.param(
        rule, text, expected, id=f"{rule.id}:{'match' if expected else 'no_match'}:{text[:40]}"
    )
    for rule in _DATA_RULES
    for expected, texts in zip((True, False), rule.examples, strict=True)
    for text in texts
]


@pytest.mark.parametrize(("rule", "text", "expected"), _CASES)
def test_rule_example(rule: DataRule, text: str, expected: bool) -> None:
    findings = _ENGINE.findings(_ENGINE.analyse(text), [rule])
    if expected:
        assert findings, f"{rule.id} ({rule.origin}) should match {text!r}"
        for f in findings:
            assert text[f.start : f.end] == f.text
    else:
        assert not findings, f"{rule.id} ({rule.origin}) should not match {text!r}: {findings}"


def test_every_rule_has_examples_both_ways() -> None:
    for rule in _DATA_RULES:
        match, no_match = rule.examples
        assert match, f"{rule.id} has no examples.match"
        assert no_match, f"{rule.id} has no examples.no_match"


def test_every_rule_cites_a_basis() -> None:
    for rule in _ENGINE.rules:
        assert rule.basis, rule.id
        for c in rule.basis:
            assert c.document and c.section
