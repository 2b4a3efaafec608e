"""Building the plugin manager and collecting what the plugins register."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from .. import hookspecs
from .._models import Category, Citation
from ..errors import PluginError
from ..rules import Rule, Validator
from . import builtin

__all__ = ["Registry", "collect"]

BUILTIN_NAME = "builtin"


@dataclass
class Registry:
    """Everything the plugins registered, in registration order."""

    lexicon_paths: list[Path] = field(default_factory=list)
    rule_paths: list[Path] = field(default_factory=list)
    policy_paths: list[Path] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    validators: dict[str, Validator] = field(default_factory=dict)
    plugin_names: list[str] = field(default_factory=list)


def _path(value: Any, hook: str) -> Path:
    if isinstance(value, str | Path):
        return Path(value)
    # importlib.resources Traversable of a regular installed package
    if hasattr(value, "joinpath") and hasattr(value, "is_dir"):
        return Path(str(value))
    raise PluginError(f"{hook}: register() takes a path, got {type(value).__name__}")


def collect(
    plugins: Iterable[object] = (),
    *,
    load_entrypoints: bool = True,
    include_builtin: bool = True,
    blocked: Iterable[str] = (),
) -> Registry:
    """Register built-ins, entry points and ``plugins``; call every hook once."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for name in blocked:
        pm.set_blocked(name)
    try:
        if not include_builtin:  # the entry point of the same name would bring it back
            pm.set_blocked(BUILTIN_NAME)
        elif not pm.is_blocked(BUILTIN_NAME):
            pm.register(builtin, name=BUILTIN_NAME)
        if load_entrypoints:
            pm.load_setuptools_entrypoints(hookspecs.PROJECT)
        for plugin in plugins:
            pm.register(plugin)
        pm.check_pending()
    except pluggy.PluginValidationError as e:
        raise PluginError(f"plugin {e.plugin!r} is broken: {e}") from e
    except ValueError as e:  # pluggy: the same plugin registered twice
        raise PluginError(str(e)) from e

    reg = Registry(plugin_names=[name for name, p in pm.list_name_plugin() if p is not None])
    pm.hook.register_lexicons(
        register=lambda p: reg.lexicon_paths.append(_path(p, "register_lexicons"))
    )
    pm.hook.register_rule_files(
        register=lambda p: reg.rule_paths.append(_path(p, "register_rule_files"))
    )
    pm.hook.register_policies(
        register=lambda p: reg.policy_paths.append(_path(p, "register_policies"))
    )

    def add_rule(rule: object) -> None:
        if not isinstance(rule, Rule):
            raise PluginError(
                f"register_rules: {rule!r} is not a rule (needs id, category, label, basis, role, "
                "review, alone_only, yields_to, fact and check; kommentar_regler.RuleBase "
                "gives the defaults)"
            )
        if not isinstance(rule.category, Category):
            raise PluginError(
                f"rule {rule.id!r}: category must be a Category, got {rule.category!r}"
            )
        if not rule.basis or not all(isinstance(c, Citation) for c in rule.basis):
            raise PluginError(f"rule {rule.id!r}: basis must be a non-empty tuple of Citation")
        reg.rules.append(rule)

    def add_validator(name: str, fn: Validator) -> None:
        if not callable(fn):
            raise PluginError(f"register_validators: {name!r} is not callable")
        reg.validators[name] = fn

    pm.hook.register_rules(register=add_rule)
    pm.hook.register_validators(register=add_validator)
    # pluggy calls the most recently registered plugin first; registration order is the
    # natural reading order (built-ins first), so restore it for deterministic results.
    for lst in (reg.lexicon_paths, reg.rule_paths, reg.policy_paths, reg.rules):
        lst.reverse()
    return reg
