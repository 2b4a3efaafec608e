"""Named validators that rule files reference as ``validate = "name"``."""

from __future__ import annotations

import regex
from personnummer import personnummer as _pnr

__all__ = ["VALIDATORS", "valid_personnummer"]

_NUMBER = regex.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)")


def valid_personnummer(text: str) -> bool:
    """True for a valid Swedish personnummer or samordningsnummer (date and Luhn checksum).

    Uses the ``personnummer`` package: it checks the date (day + 60 for a samordningsnummer)
    and the check digit, for 10 and 12 digits, with ``-`` or ``+``.
    """
    m = _NUMBER.search(text)
    if m is None:
        return False
    try:
        return bool(_pnr.valid(m.group()))
    except Exception:  # the library raises its own errors for malformed input
        return False


VALIDATORS = {"personnummer": valid_personnummer}
