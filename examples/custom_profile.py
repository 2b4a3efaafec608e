"""Build a municipality's own profile on top of `standard` and see what changes.

python examples/custom_profile.py
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import kommentar_regler as kr

HERE = Path(__file__).resolve().parent


def main() -> None:
    comment = kr.Comment(
        text="Helt jävla grymt, tack för nya badet!", posted_at=datetime(2026, 6, 17, 9)
    )
    for policy in ("standard", str(HERE / "minkommun.toml")):
        d = kr.classify(comment, policy=policy)
        print(f"--- {d.policy}")
        print(d.explain())


if __name__ == "__main__":
    main()
