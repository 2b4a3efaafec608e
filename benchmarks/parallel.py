"""n_process measured: classify_many on N distinct comments with 1, 2, ... processes.

    python benchmarks/parallel.py            # 10,000 and 100,000 comments
    python benchmarks/parallel.py 20000 --words 60

Each row: the first call (which starts the workers) and a second call on the same engine
(workers already running), as comments per second, and how many decisions differ from the
first run's (none, unless a rule's regex time limit was hit on a loaded machine).
"""

from __future__ import annotations

import argparse
import os
import time

from corpus import generate

import kommentar_regler as kr


def rate(engine: kr.Engine, texts: list[str], n: int) -> tuple[float, list[kr.Decision]]:
    start = time.perf_counter()
    out = list(engine.classify_many(texts, n_process=n))
    return len(texts) / (time.perf_counter() - start), out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--words", type=int, default=None, help="words per comment")
    parser.add_argument("--processes", type=int, nargs="*", default=None)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    counts = args.processes or sorted({1, 2, cores})
    print(f"{cores} cores; comments/s (first call with start-up, second call)")
    for size in args.sizes:
        texts = generate(size, words=args.words)
        reference = None
        for n in counts:
            engine = kr.Engine(load_entrypoints=False)
            first, out = rate(engine, texts, n)
            second, again = rate(engine, texts, n)
            reference = reference or out
            # only a regex time limit hit under load (docs/robustness.md) can make them differ
            differ = sum(a != b for a, b in zip(reference, out, strict=True))
            differ += sum(a != b for a, b in zip(reference, again, strict=True))
            print(f"{size:>8} comments n_process={n} {first:8.0f}  {second:8.0f} differ {differ}")


if __name__ == "__main__":
    main()
