"""The built-in rules, lexicons, policies and validators, registered as any plugin would be."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .._data import data_dir
from .._validators import VALIDATORS
from ..hookspecs import hookimpl
from ..rules import Validator


@hookimpl
def register_lexicons(register: Callable[[Path], None]) -> None:
    register(data_dir("lexicons") / "sv")


@hookimpl
def register_rule_files(register: Callable[[Path], None]) -> None:
    register(data_dir("rules"))


@hookimpl
def register_policies(register: Callable[[Path], None]) -> None:
    register(data_dir("policies"))


@hookimpl
def register_validators(register: Callable[[str, Validator], None]) -> None:
    for name, fn in VALIDATORS.items():
        register(name, fn)
