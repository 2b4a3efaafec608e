"""Classify comments on a Dask cluster (``pip install 'kommentar-regler[dask]'``).

    python examples/dask_classify.py examples/data/kommentarer.csv            # a local cluster
    python examples/dask_classify.py kommentarer.csv --scheduler tcp://host:8786

Each partition is classified by one Engine per worker process (built once, then reused), and
the decisions come back as plain JSON dicts. Flood detection sees one partition at a time.
On a real cluster, install kommentar-regler (and any plugin packages) on every worker, then
pass the scheduler's address.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import kommentar_regler as kr


@lru_cache(maxsize=4)
def _engine(policy: str) -> kr.Engine:
    return kr.Engine(policy=policy)  # once per worker process


def classify_partition(
    rows: Iterable[dict[str, Any]], policy: str = "standard"
) -> list[dict[str, Any]]:
    engine = _engine(policy)
    return [d.model_dump(mode="json") for d in engine.classify_many(rows)]


def classify_with_dask(
    rows: list[dict[str, Any]],
    *,
    policy: str = "standard",
    scheduler: str | None = None,
    partitions: int = 4,
) -> list[dict[str, Any]]:
    import sys

    import cloudpickle
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    # The workers cannot import this example by name: send its functions along by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
    with Client(scheduler or cluster) as client:
        bag = db.from_sequence(rows, npartitions=partitions)
        future = client.compute(bag.map_partitions(classify_partition, policy=policy))
        result = future.result(timeout=600)
    if cluster is not None:
        cluster.close()
    return list(result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--policy", default="standard")
    parser.add_argument("--scheduler", default=None, help="address of a running scheduler")
    parser.add_argument("--json", type=Path, default=None, help="also write the decisions here")
    args = parser.parse_args()
    with args.csv.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    decisions = classify_with_dask(rows, policy=args.policy, scheduler=args.scheduler)
    print(Counter(d["category"] for d in decisions))
    if args.json:
        args.json.write_text(json.dumps(decisions, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
