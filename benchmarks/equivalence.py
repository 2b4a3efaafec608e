"""Check that a change leaves every result exactly as it was (for speed work, refactors).

    python benchmarks/equivalence.py record /tmp/before.jsonl.gz   # on the unchanged code
    python benchmarks/equivalence.py check /tmp/before.jsonl.gz    # after each step

Classifies every comment of tests/data/*.jsonl (under every built-in policy) and the benchmark
corpora (benchmarks/corpus.py, as run.py and ab.py build them, plus a flood pass), and writes
one canonical JSON line per result: the whole ``Decision.model_dump(mode="json")`` (category,
labels, findings with spans, rule ids and explanations, actions with due times, review
reasons, facts) with sorted keys. ``check`` prints the first differences and exits non-zero
when there is any. A fixed ``now`` gives every action a due time to compare.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate, real_shaped  # noqa: E402

DATA = HERE.parent / "tests" / "data"
NOW = datetime(2024, 12, 20, 15, 30)  # a Friday before Christmas: working days matter


#: What the de-obfuscation, phrase and guard paths see: leet, masks, spaced letters, odd
#: characters, quotes, line breaks, long runs.
TRICKY = [
    "Du är en 1d10t", "j@vla idi0t", "f*n vad dåligt", "i d i o t", "d u   ä r   d u m",
    "JAVLA IDIOTER", "fiiittta", "ID-IOTER i kommunen", "\u0458\u00e4vla politiker",
    "Jag ska spr\u00e4nga\u200b skolan", "Du \"idiot\" sa han", "Han kallade mig 'idiot'",
    "Hej\nJag ska döda dig\nMvh", "a" * 3_000, "! " * 500, "ä\u200b" * 500,
    "𝐣𝐚𝐯𝐥𝐚 𝐢𝐝𝐢𝐨𝐭", "Ring 070-123 45 67 eller besök www.example.se/rea nu",
    "Mitt personnummer är 19121212-1212", "Kan m-politikerns ledare svara?",
    "höra asså Svindal svinsnyggt", "", "   ", "🙂🙂🙂", "12-åriga barn", "600 kr",
    "Jag\u0301 ska\u0308 d\u00f6da dig", "ﬁn park", "Straße", "İstanbul",
]  # fmt: skip


def dev_texts() -> list[str]:
    texts = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def corpora() -> dict[str, list[str]]:
    return {
        "generated": generate(12_000, seed=7),  # run.py's throughput corpus
        "real-shaped": real_shaped(12_000),  # run.py's second corpus
        "long": generate(1_000, seed=11, words=50),  # run.py's latency corpus
        "ab": generate(12_000, seed=11),  # ab.py's corpus
        "tricky": TRICKY,
    }


def results() -> Iterator[str]:
    """``name<TAB>index<TAB>canonical JSON`` for every result, in a fixed order."""
    import kommentar_regler as kr

    engine = kr.Engine(load_entrypoints=False)
    dev = dev_texts()
    runs: list[tuple[str, list[str], str, bool]] = [
        (f"dev/{policy}", dev, policy, False) for policy in engine.policies.names
    ]
    runs += [(name, texts, "standard", False) for name, texts in corpora().items()]
    runs.append(("generated/flood", corpora()["generated"][:3_000], "standard", True))
    for name, texts, policy, flood in runs:
        decisions = engine.classify_many(texts, policy=policy, now=NOW, flood=flood)
        for i, d in enumerate(decisions):
            dump = json.dumps(d.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
            yield f"{name}\t{i}\t{dump}"
    for i, text in enumerate(dev[:300]):  # one by one, without a time: no due times
        d = engine.classify(text)
        dump = json.dumps(d.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        yield f"single\t{i}\t{dump}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=("record", "check"))
    parser.add_argument("dump", type=Path, help="the recorded results (.jsonl.gz)")
    args = parser.parse_args()
    if args.mode == "record":
        with gzip.open(args.dump, "wt", encoding="utf-8") as out:
            n = 0
            for line in results():
                out.write(line + "\n")
                n += 1
        print(f"recorded {n} results in {args.dump}")
        return
    with gzip.open(args.dump, "rt", encoding="utf-8") as f:
        before = f.read().splitlines()
    after = list(results())
    differ = [(b, a) for b, a in zip(before, after, strict=False) if b != a]
    if len(before) != len(after):
        print(f"{len(before)} results recorded, {len(after)} now")
    for b, a in differ[:5]:
        print(f"- {b[:2000]}\n+ {a[:2000]}\n")
    if differ or len(before) != len(after):
        sys.exit(f"{len(differ)} of {len(before)} results differ")
    print(f"all {len(after)} results are the same")


if __name__ == "__main__":
    main()
