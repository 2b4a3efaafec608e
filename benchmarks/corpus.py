"""A reproducible corpus of distinct, realistic comments for benchmarks.

Each comment is a comment of the development sets (tests/data), varied the way real comments
vary: a greeting, a place, a follow-up sentence, a sign-off, a typo-free or chatty register.
No two comments are the same, so no cache can fake speed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"

GREETINGS = [
    "",
    "",
    "",
    "Hej! ",
    "Hej, ",
    "Hallå. ",
    "God morgon! ",
    "Hejsan, ",
    "Tja! ",
    "Hej kommunen! ",
]
STREETS = [
    "Storgatan",
    "Kungsgatan",
    "Ekvägen",
    "Björkvägen",
    "Skolgatan",
    "Ringvägen",
    "Parkgatan",
    "Järnvägsgatan",
    "Norrgatan",
    "Ågatan",
    "Kyrkvägen",
    "Sjövägen",
    "Industrivägen",
    "Bygatan",
]
PLACES = [
    "vid Coop",
    "vid ICA",
    "vid skolan",
    "vid badplatsen",
    "i centrum",
    "vid stationen",
    "vid idrottsplatsen",
    "i Norra området",
    "vid torget",
    "bakom biblioteket",
    "vid kyrkan",
]
FOLLOW_UPS = [
    "Det har varit så i {n} dagar.",
    "Mina barn går där varje dag.",
    "Jag bor på {street} {n}.",
    "Har skrivit om det förut.",
    "Bifogar en bild.",
    "Tacksam för svar.",
    "Hoppas ni läser detta.",
    "Vi är flera som undrar.",
    "Det gäller {place}.",
    "Min granne sa samma sak igår.",
    "Såg det i morse {place}.",
    "Hälsningar från {street}.",
    "Skrev även till kundtjänst {n} gånger.",
    "Detta är tredje gången i år.",
    "Vet inte vart jag annars ska vända mig.",
]
SIGN_OFFS = [
    "",
    "",
    "",
    " /{name}",
    " Mvh {name}",
    " Hälsningar {name}",
    " //{name}",
    " 🙂",
    " !!",
    " ?",
]
NAMES = [
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Johan",
    "Eva",
    "Per",
    "Sara",
    "Ali",
    "Fatima",
    "Mikael",
    "Elin",
    "Ahmed",
    "Linnea",
    "Björn",
    "Ingrid",
    "Omar",
    "Sofia",
    "Nils",
]


def base_comments() -> list[str]:
    texts = []
    for name in ("dev_service.jsonl", "dev_abuse.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def generate(n: int = 10_000, seed: int = 1, words: int | None = None) -> list[str]:
    """``n`` distinct comments; with ``words``, each padded with follow-ups to about that length."""
    rng = random.Random(seed)
    bases = base_comments()
    seen: set[str] = set()
    out: list[str] = []

    def fill(template: str) -> str:
        return template.format(
            n=rng.randint(2, 99),
            street=rng.choice(STREETS),
            place=rng.choice(PLACES),
            name=rng.choice(NAMES),
        )

    while len(out) < n:
        parts = [rng.choice(GREETINGS) + rng.choice(bases)]
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            parts.append(fill(rng.choice(FOLLOW_UPS)))
        if words:
            while sum(len(p.split()) for p in parts) < words:
                parts.append(fill(rng.choice(FOLLOW_UPS)))
        text = " ".join(parts) + fill(rng.choice(SIGN_OFFS))
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def real_shaped(n: int = 5_000, seed: int = 5) -> list[str]:
    """``n`` distinct comments shaped like real posts: most short, a long tail.

    Lengths are drawn from a log-normal distribution fitted to public Swedish social-media
    posts (median about 15 words, mean about 22, a tail past 300); each comment is made of
    generated comments joined until it has that many words.
    """
    rng = random.Random(seed)
    pool = generate(max(2 * n, 4_000), seed=seed + 1)
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        target = min(400, max(1, round(rng.lognormvariate(2.7, 0.85))))
        parts: list[str] = []
        words = 0
        while words < target:
            part = rng.choice(pool)
            parts.append(part)
            words += len(part.split())
        text = " ".join(parts)
        if target < words // 2 and len(parts) == 1:  # a one-part comment much longer than drawn
            text = " ".join(text.split()[: max(target, 3)])
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out
