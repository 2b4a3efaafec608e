"""Compare the speed of this checkout with another git revision, side by side in one process.

    python benchmarks/ab.py f966ef1          # that revision against the working tree
    python benchmarks/ab.py HEAD~1 --n 6000

On a noisy machine two benchmark runs minutes apart can differ by 40 %. Here both versions are
imported at once (copied under the names ``kr_old`` and ``kr_new``), warmed on the corpus, then
timed on the same slices of it in turn; the best time per slice is kept. What is left of the
noise hits both alike, so the speed-up is the number to trust. Both must give the same
categories, or the comparison is refused.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402


def copy_as(source: Path, name: str, target: Path) -> None:
    """Copy the package of a checkout at ``source`` to ``target/name``, with its data files."""
    package = target / name
    shutil.copytree(source / "src" / "kommentar_regler", package)
    for folder in ("rules", "lexicons", "policies"):
        shutil.copytree(source / folder, package / "data" / folder)
    for path in package.rglob("*.py"):
        text = path.read_text("utf-8")
        text = text.replace("from kommentar_regler", f"from {name}")
        text = text.replace("import kommentar_regler", f"import {name}")
        path.write_text(text, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("revision", help="the git revision to compare with")
    parser.add_argument("--n", type=int, default=12_000, help="comments in the corpus")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        old_tree = work / "old-tree"
        subprocess.run(
            [
                "git",
                "-C",
                str(ROOT),
                "worktree",
                "add",
                "-f",
                "--detach",
                str(old_tree),
                args.revision,
            ],
            check=True,
            capture_output=True,
        )
        try:
            copy_as(old_tree, "kr_old", work)
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old_tree)],
                check=True,
                capture_output=True,
            )
        copy_as(ROOT, "kr_new", work)
        sys.path.insert(0, str(work))
        import kr_new  # type: ignore[import-not-found]
        import kr_old  # type: ignore[import-not-found]

        texts = generate(args.n, seed=11)
        engines = {
            "old": kr_old.Engine(load_entrypoints=False),
            "new": kr_new.Engine(load_entrypoints=False),
        }
        old = [d.category for d in engines["old"].classify_many(texts, flood=False)]
        new = [d.category for d in engines["new"].classify_many(texts, flood=False)]
        if [str(c) for c in old] != [str(c) for c in new]:
            sys.exit("the two versions classify the corpus differently: no speed comparison")
        slices = [texts[i : i + 500] for i in range(0, len(texts), 500)]
        best = {name: [float("inf")] * len(slices) for name in engines}
        for _ in range(args.rounds):
            for j, chunk in enumerate(slices):
                for name, engine in engines.items():
                    start = time.perf_counter()
                    list(engine.classify_many(chunk, flood=False))
                    best[name][j] = min(best[name][j], time.perf_counter() - start)
    per_comment = {name: sum(times) / len(texts) * 1e6 for name, times in best.items()}
    print(
        f"{args.revision}: {per_comment['old']:.1f} µs a comment; "
        f"working tree: {per_comment['new']:.1f} µs; "
        f"speed-up {per_comment['old'] / per_comment['new']:.2f}x"
    )


if __name__ == "__main__":
    main()
