"""A fuzzer for classify(): run it for N minutes; it is not part of the test suite.

    python tests/fuzz/fuzz_classify.py --minutes 10 [--seed 1]

It mutates real comments (the development sets) and random Unicode: inserts invisible and
combining characters, direction overrides, emoji sequences, lone surrogates, control characters,
obfuscation, huge repeats; splices comments together; flips case. For every input it checks that
classify() does not raise (other than the documented CommentTooLongError), that every finding's
offsets slice the original text, that the JSON output can be written, that a second run gives
the same decision, and how long it took. Failing inputs are saved in tests/fuzz/crashes/ as JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from pathlib import Path

import kommentar_regler as kr

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # the repository, for tests.samples

from tests.samples import DEV_TEXTS, TRICKY_CHARS  # noqa: E402

# the shared tricky characters, and what else a fuzzer should throw: format strings, regex
# syntax, runs of symbols, URL pieces, other scripts, the last code point
TRICKY = [
    *TRICKY_CHARS,
    "\x1b[31m",
    "\ud800",
    "\udfff",
    "\x00\x00",
    "؟",
    "ا",
    "ー",
    "\U0010ffff",
    "%s",
    "{0}",
    "\\",
    "(?",
    "*****",
    "@",
    "1",
    "3",
    "-",
    ".",
    "!?!?",
    "http://",
    "bit.ly/",
]


def mutate(text: str, rnd: random.Random, bank: list[str]) -> str:
    for _ in range(rnd.randint(1, 6)):
        op = rnd.randrange(10)
        pos = rnd.randint(0, len(text))
        if op == 0:
            text = text[:pos] + rnd.choice(TRICKY) + text[pos:]
        elif op == 1 and text:
            end = rnd.randint(pos, len(text))
            text = text[:pos] + text[end:]
        elif op == 2:
            text = text[:pos] + rnd.choice(bank) + text[pos:]
        elif op == 3:
            text = "".join(c.upper() if rnd.random() < 0.5 else c for c in text)
        elif op == 4:
            text = text[:pos] + chr(rnd.randint(0, 0x10FFFF)) * rnd.randint(1, 3) + text[pos:]
        elif op == 5 and text:
            c = text[rnd.randrange(len(text))]
            text = text[:pos] + c * rnd.choice([3, 50, 5000]) + text[pos:]
        elif op == 6:
            text = " ".join(text)
        elif op == 7:
            text = text.replace(" ", rnd.choice(["", "  ", "\n", "\u00a0", "."]))
        elif op == 8:
            text = "".join(chr(rnd.randint(32, 0x2FFF)) for _ in range(rnd.randint(0, 80)))
        else:
            text = text[::-1]
    return text


def check(engine: kr.Engine, text: str) -> tuple[str | None, float]:
    t = time.perf_counter()
    try:
        d = engine.classify(text)
    except kr.CommentTooLongError:
        return None, time.perf_counter() - t
    except Exception:
        return traceback.format_exc(), time.perf_counter() - t
    took = time.perf_counter() - t
    for f in d.findings:
        if text[f.start : f.end] != f.text:
            return f"finding {f.rule_id} offsets {f.start}:{f.end} do not slice the text", took
    try:
        json.dumps(d.model_dump(mode="json"), ensure_ascii=False).encode("utf-8", "surrogatepass")
    except Exception:
        return "JSON output failed:\n" + traceback.format_exc(), took
    if engine.classify(text) != d:
        return "not deterministic", took
    return None, took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    bank = list(DEV_TEXTS)
    engine = kr.Engine(load_entrypoints=False)
    crashes = HERE / "crashes"
    stop = time.monotonic() + args.minutes * 60
    n = failures = 0
    slowest = (0.0, "")
    while time.monotonic() < stop:
        text = mutate(rnd.choice(bank), rnd, bank)
        problem, took = check(engine, text)
        n += 1
        if took > slowest[0]:
            slowest = (took, text[:80])
        if problem:
            failures += 1
            crashes.mkdir(exist_ok=True)
            path = crashes / f"crash-{args.seed}-{n}.json"
            path.write_text(json.dumps({"text": text, "problem": problem}, ensure_ascii=True))
            print(f"FAIL #{failures} ({path.name}): {problem.splitlines()[-1]}", file=sys.stderr)
    print(
        f"{n} inputs in {args.minutes:g} min, {failures} failures; "
        f"slowest {slowest[0] * 1000:.0f} ms ({slowest[1]!r})"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
