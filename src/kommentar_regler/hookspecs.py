"""The plugin hooks of kommentar_regler: the whole contract between the engine and a plugin.

A plugin is a module or object with functions marked ``@hookimpl`` whose names are the hooks
below. The built-in rules are registered through these same hooks
(``kommentar_regler.plugins.builtin``).
A third-party package exposes its plugin through the ``kommentar_regler`` entry-point group::

    [project.entry-points.kommentar_regler]
    mitt_tillagg = "kommentar_regler_mitt_tillagg"

Each hook is called ONCE, when an :class:`~kommentar_regler.Engine` is built, with a
``register`` callback; per-comment work happens in the rules it registers. Hooks are called
with keyword arguments only, and a hook may take fewer arguments than its spec, so hooks can
gain parameters without breaking plugins. An implementation whose name matches no hook here
makes ``Engine()`` fail with :class:`~kommentar_regler.errors.PluginError` (no silent typos).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .rules import Rule, Validator

__all__ = ["PROJECT", "hookimpl", "hookspec"]

PROJECT = "kommentar_regler"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# -- data files -------------------------------------------------------------------------


@hookspec
def register_lexicons(register: Callable[[Path], None]) -> None:
    """Register word lists.

    :param register: call with the path of a ``lexicons.toml`` manifest, or of the folder that
        holds one. The manifest lists each lexicon's id, file, source and licence, and whether
        it may match in compounds and through obfuscation (see docs/rules.md).
    """


@hookspec
def register_rule_files(register: Callable[[Path], None]) -> None:
    """Register declarative rules.

    :param register: call with the path of a TOML rule file, or of a folder whose ``**/*.toml``
        are all rule files. Rules may reference any registered lexicon and validator.
    """


@hookspec
def register_policies(register: Callable[[Path], None]) -> None:
    """Register policy profiles.

    :param register: call with the path of a policy ``.toml`` file, or of a folder of them.
        The policy's ``id`` is the name ``Engine(policy=...)`` accepts.
    """


# -- code -------------------------------------------------------------------------------


@hookspec
def register_rules(register: Callable[[Rule], None]) -> None:
    """Register rules written in Python.

    :param register: call once per rule object. A rule has ``id``, ``category``, ``label``,
        ``basis`` (a tuple of :class:`~kommentar_regler.Citation`, never empty), its metadata
        ``role``, ``review``, ``alone_only``, ``yields_to`` and ``fact``
        (:class:`~kommentar_regler.RuleBase` gives the defaults), and a pure, thread-safe
        ``check(analysis) -> Iterable[Finding]`` (see ``kommentar_regler.Rule``).
    """


@hookspec
def register_validators(register: Callable[[str, Validator], None]) -> None:
    """Register named validators that rule files use as ``validate = "name"``.

    :param register: call with a name and a function ``(matched_text: str) -> bool``; a match
        is kept only when the function returns True (e.g. a checksum).
    """
