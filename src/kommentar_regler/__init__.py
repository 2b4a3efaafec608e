"""kommentar_regler: Swedish municipalities' social-media comment policies as a rules engine.

>>> import kommentar_regler as kr
>>> kr.classify("Gatlampan på Storgatan 14 är trasig").category
<Category.FAULT_REPORT: 'fault_report'>
"""

from __future__ import annotations

from typing import Any

from ._api import classify, classify_many, default_engine
from ._models import (
    FORMAT_VERSION,
    Action,
    ActionKind,
    Category,
    Citation,
    Comment,
    Decision,
    Finding,
)
from .analysis import Analysis, Token
from .batch.flood import FloodDetector
from .batch.frame import to_frame
from .batch.reader import read_batch
from .engine import DEFAULT_MAX_CHARS, Engine
from .errors import (
    CommentError,
    CommentTooLongError,
    DataFileError,
    KommentarReglerError,
    LexiconError,
    PluginError,
    PolicyFileError,
    RuleFileError,
    UnknownPolicyError,
)
from .hookspecs import hookimpl
from .policy.format import PolicyFile
from .rules import Rule, RuleBase, RuleFile, RuleSpec, finding_from

__all__ = [
    "DEFAULT_MAX_CHARS",
    "FORMAT_VERSION",
    "Action",
    "ActionKind",
    "Analysis",
    "Category",
    "Citation",
    "Comment",
    "CommentError",
    "CommentTooLongError",
    "DataFileError",
    "Decision",
    "Engine",
    "Finding",
    "FloodDetector",
    "KommentarReglerError",
    "LexiconError",
    "PluginError",
    "PolicyFile",
    "PolicyFileError",
    "Rule",
    "RuleBase",
    "RuleFile",
    "RuleFileError",
    "RuleSpec",
    "Token",
    "UnknownPolicyError",
    "__version__",
    "classify",
    "classify_many",
    "default_engine",
    "finding_from",
    "hookimpl",
    "read_batch",
    "to_frame",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from ._version import __version__

        return __version__
    raise AttributeError(f"module 'kommentar_regler' has no attribute {name!r}")
