"""A regex rule's gate (rules/gate.py) never skips a text the pattern would find something in."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from kommentar_regler.rules.gate import gate_of

FLAGS = regex.IGNORECASE | regex.V0
PATTERNS = [
    r"(?<![\d-])(?:19|20)?\d{6}[-+]\d{4}(?!\d)",
    r"(?:personnummer|pnr)\w*\s*+(?:(?:är|:)\s*+)?(?:19|20)?\d{10}(?!\d)",
    r"\b(?:bit\.ly|t\.me)/\S+",
    r"(?:ab)+c",
    r"[a-c]{2,5}x",
    r"(?:a|b){3}",
    r"x?y",
    r"Ä+",
    r"(a)\1",
    r"\bfoo\b",
]
TEXT = st.text(alphabet="abcxyzäÄ0123456789-+ /.:fo", max_size=40)


@pytest.mark.parametrize(
    ("pattern", "gate"),
    [
        (PATTERNS[0], r"[\d]{6}"),
        (PATTERNS[2], "/"),
        (r"^[\s!.]*(?:[👍❤]\s*)+$", None),  # anchored: fails fast by itself
        (r"\p{L}+", None),  # syntax only `regex` reads
        (r"(?i)abc", None),  # flags of its own
        (r"a|bc", None),  # alternatives: nothing sure
    ],
)
def test_gates(pattern: str, gate: str | None) -> None:
    got = gate_of(pattern, FLAGS)
    assert (got.pattern if got else None) == gate


@given(TEXT, st.sampled_from(PATTERNS))
def test_a_gate_only_skips_texts_without_a_match(text: str, pattern: str) -> None:
    gate = gate_of(pattern, FLAGS)
    if gate is not None and gate.search(text) is None:
        assert regex.search(pattern, text, FLAGS) is None
