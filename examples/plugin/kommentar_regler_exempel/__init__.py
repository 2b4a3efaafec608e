"""Example plugin: fireworks complaints are fault reports (störande fyrverkerier).

Registers a lexicon (``lexicons/``) and a rule file (``rules/``) through the
``kommentar_regler`` entry point, exactly as the built-in rules are registered.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kommentar_regler import hookimpl

HERE = Path(__file__).resolve().parent


@hookimpl
def register_lexicons(register: Callable[[Path], None]) -> None:
    register(HERE / "lexicons")


@hookimpl
def register_rule_files(register: Callable[[Path], None]) -> None:
    register(HERE / "rules")
