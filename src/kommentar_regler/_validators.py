"""Named validators that rule files reference as ``validate = "name"``."""

from __future__ import annotations

import regex
from personnummer import personnummer as _pnr

__all__ = ["VALIDATORS", "valid_personnummer"]

_DIGITS = regex.compile(r"\D")


def valid_personnummer(text: str) -> bool:
    """True for a valid Swedish personnummer or samordningsnummer (date and Luhn checksum).

    Uses the ``personnummer`` package: it checks the date (day + 60 for a samordningsnummer)
    and the check digit, for 10 and 12 digits, with ``-`` or ``+``.
    """
    digits = _DIGITS.sub("", text)
    if len(digits) not in (10, 12):
        return False
    try:
        return bool(_pnr.valid(text.strip().replace(" ", "")))
    except Exception:  # the library raises its own errors for malformed input
        return False


VALIDATORS = {"personnummer": valid_personnummer}
