"""Lexicons: the files, the dictionary tables made at build time, and word lookup."""

from .files import LexiconEntry, LexiconFile, LexiconManifest, LexiconSpec, load_manifest
from .lookup import Hit, Vocabulary
from .morphology import Morphology

__all__ = [
    "Hit",
    "LexiconEntry",
    "LexiconFile",
    "LexiconManifest",
    "LexiconSpec",
    "Morphology",
    "Vocabulary",
    "load_manifest",
]
