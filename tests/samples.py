"""Inputs shared by the property tests and the fuzzer (tests/fuzz), which runs on its own."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

#: The texts of both development sets (for properties that want realistic comments).
DEV_TEXTS = [
    json.loads(line)["text"]
    for name in ("dev_abuse.jsonl", "dev_service.jsonl")
    for line in (DATA / name).read_text("utf-8").splitlines()
    if line.strip()
]

#: Everything the open internet sends, on purpose: invisible and combining characters,
#: direction overrides, emoji sequences, control characters, ligatures, odd letters.
TRICKY_CHARS = [
    "\u200d",
    "\u200b",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\u00ad",
    "\u0301",
    "\u0308",
    "\u20e3",
    "👨‍👩‍👧",
    "🏳️‍🌈",
    "\x00",
    "\x07",
    "\r\n",
    "\t",
    "ﬁ",
    "ß",
    "İ",
    "Ⅻ",
    "𝐣𝐚𝐯𝐥𝐚",
    "ᵢ",
    "ǅ",
]
