"""A cache of the built vocabulary on disk, so that a new process starts fast.

Building the :class:`~.lookup.Vocabulary` (parsing every lexicon file, reading the morphology
table, expanding every entry into its forms and obfuscation keys) takes most of ``Engine()``.
Its result depends only on the bytes of the files it reads and on the code that reads them,
so it is kept, like Python's ``__pycache__``, in a file named by a hash of exactly those: a
lexicon edited, added or removed, or a new version of this package, gives another name, and
the vocabulary is built from the files again. Nothing is ever read from a stale entry.

The cache is ``$KOMMENTAR_REGLER_CACHE`` (``off`` turns it off), else
``$XDG_CACHE_HOME/kommentar_regler`` or ``~/.cache/kommentar_regler``. A cache that cannot be
read or written is passed by silently: the vocabulary is then built as without one. Only
vocabularies that were built without an error are written, so every problem in a lexicon
file is still reported. The file is ``marshal`` data (strings, tuples, dicts, sets: no code).
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import tempfile
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from .._version import __version__

__all__ = ["cache_dir", "cached"]

T = TypeVar("T")
_FORMAT = b"vocabulary-1"
_KEEP = 8  # cache files kept (one per set of lexicons seen); older ones are removed
_CODE = ("cache.py", "files.py", "lookup.py", "morphology.py", "stored.py")


def cache_dir() -> Path | None:
    """Where built vocabularies are kept (None: nowhere)."""
    env = os.environ.get("KOMMENTAR_REGLER_CACHE")
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "no", "false") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None  # no home to keep it in: never a folder relative to where we run
    return Path(base) / "kommentar_regler"


def _inputs(path: Path) -> list[Path]:
    """Every file that building from the manifest ``path`` (or its folder) reads."""
    manifest = path / "lexicons.toml" if path.is_dir() else path
    data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    files = [manifest, manifest.parent / "morphology.tsv"]
    for spec in data.get("lexicon") or ():
        if isinstance(spec, dict) and isinstance(spec.get("file"), str):
            files.append(manifest.parent / spec["file"])
    return files


def key(paths: Iterable[Path]) -> str | None:
    """A hash of the code and of every file the vocabulary is built from (None: unknown)."""
    h = hashlib.blake2b(_FORMAT + __version__.encode(), digest_size=20)
    here = Path(__file__).parent
    try:
        for name in _CODE:
            h.update((here / name).read_bytes())
        for path in paths:  # what the files hold and are called, wherever they are
            h.update(b"\0manifest\0")
            files = _inputs(path)
            for file in files:
                name = file.relative_to(files[0].parent).as_posix()
                h.update(b"\0file\0" + name.encode("utf-8", "surrogatepass") + b"\0")
                h.update(file.read_bytes() if file.exists() else b"\0missing\0")
    except (OSError, ValueError, tomllib.TOMLDecodeError):
        return None  # let the ordinary build report what is wrong
    return h.hexdigest()


def _read(file: Path) -> object | None:
    try:
        data = file.read_bytes()
    except OSError:
        return None
    enabled = gc.isenabled()
    gc.disable()  # marshal makes a million containers: the collector would walk them often
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    finally:
        if enabled:
            gc.enable()


def _write(folder: Path, file: Path, state: Any) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".marshal")
        with os.fdopen(fd, "wb") as out:
            out.write(marshal.dumps(state))
        os.replace(tmp, file)  # atomic: a reader sees the whole file or none
        old = sorted(folder.glob("vocabulary-*.marshal"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-_KEEP]:
            stale.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass  # no cache, then


def cached(
    paths: Iterable[Path], build: Callable[[], T], dump: Callable[[T], Any],
    load: Callable[[object], T | None],
) -> T:  # fmt: skip
    """``load`` of the state kept for ``paths``, or else ``build()`` (its ``dump`` kept)."""
    folder = cache_dir()
    digest = key(paths) if folder is not None else None
    if folder is None or digest is None:
        return build()
    file = folder / f"vocabulary-{digest}.marshal"
    state = _read(file) if file.exists() else None
    if state is not None:
        try:
            got = load(state)
        except (TypeError, ValueError, AttributeError, IndexError, KeyError):
            got = None  # written by something else: build and write it again
        if got is not None:
            return got
    built = build()
    _write(folder, file, dump(built))
    return built
