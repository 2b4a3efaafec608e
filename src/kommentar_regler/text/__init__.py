"""Text: normalisation (every de-obfuscation of characters, offsets kept) and tokens."""

from .normalise import NormText, normalise

__all__ = ["NormText", "normalise"]
