"""Language data: the closed-class words a rule pattern may name (as spaCy keeps ``lang/sv``)."""

from .sv import CLOSED_CLASSES, ROLE_NAMES, closed_classes_of

__all__ = ["CLOSED_CLASSES", "ROLE_NAMES", "closed_classes_of"]
