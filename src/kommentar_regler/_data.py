"""Where the built-in data files are: inside the installed wheel, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

__all__ = ["data_dir"]

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder ``rules``, ``lexicons`` or ``policies``.

    A wheel carries them as ``kommentar_regler/data/<name>``; an editable install or a checkout
    finds them at the top of the repository.
    """
    packaged = _PACKAGE / "data" / name
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"kommentar_regler's {name!r} folder is missing: looked in {packaged} and {checkout}. "
        "Reinstall the package."
    )
