"""Reading TOML data files and policy files, with problems that name file, line and field.

Every problem in every file is collected before anything is raised, so a contributor sees the
whole list at once, each with its file, line, rule id and field.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
from pydantic import ValidationError

from ._models import Citation
from .errors import Problem
from .policy.format import CitationSpec, PolicyFile

__all__ = [
    "citations",
    "did_you_mean",
    "load_policy_file",
    "read_toml",
    "toml_files",
    "validation_problems",
]


def did_you_mean(name: str, known: Iterable[str]) -> str | None:
    from rapidfuzz import process  # only needed when something is misspelt

    best = process.extractOne(name, list(known), score_cutoff=60)
    return best[0] if best else None


def toml_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.toml") if p.is_file())


def _line_of(text: str, needle: str) -> int | None:
    pos = text.find(needle)
    return text.count("\n", 0, pos) + 1 if pos >= 0 else None


def read_toml(path: Path, problems: list[Problem]) -> tuple[dict[str, Any], str] | None:
    """Parse a TOML file; on failure add a problem and return None."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        problems.append(Problem(str(path), f"not UTF-8 ({e.reason} at byte {e.start})"))
        return None
    except OSError as e:
        problems.append(Problem(str(path), f"cannot be read: {e.strerror}"))
        return None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as e:
        # Python 3.14 sets e.lineno; older versions only say "(at line N, column M)".
        found = regex.search(r"at line (\d+)", str(e))
        line = getattr(e, "lineno", None) or (int(found.group(1)) if found else None)
        problems.append(Problem(str(path), f"not valid TOML: {e}", line=line))
        return None


@dataclass(frozen=True)
class _Relocated:
    """A rule's validation errors, with their location prefixed by ``rule -> i``."""

    errs: list[Any]

    def errors(self) -> list[Any]:
        return self.errs


def _reloc(error: ValidationError, index: int) -> Any:
    return _Relocated([{**e, "loc": ("rule", index, *e["loc"])} for e in error.errors()])


def validation_problems(
    error: Any, path: Path, text: str, data: Mapping[str, Any], list_key: str
) -> list[Problem]:
    """Turn pydantic's errors into Problems that name the file, line, item and field."""
    out = []
    for err in error.errors():
        loc = list(err["loc"])
        item = None
        line = None
        if len(loc) >= 2 and loc[0] == list_key and isinstance(loc[1], int):
            entries = data.get(list_key) or []
            entry = entries[loc[1]] if loc[1] < len(entries) else {}
            item_id = entry.get("id") if isinstance(entry, dict) else None
            item = str(item_id) if item_id else f"{list_key} #{loc[1] + 1}"
            if item_id:
                line = _line_of(text, f'"{item_id}"')
            loc = loc[2:]
        field = ".".join(str(p) for p in loc) or None
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = "unknown key (check the spelling)"
        out.append(Problem(str(path), message, line=line, item=item, field=field))
    return out


def citations(specs: Iterable[CitationSpec]) -> tuple[Citation, ...]:
    return tuple(Citation(**s.model_dump()) for s in specs)


# -- policies ---------------------------------------------------------------------------


def load_policy_file(path: Path) -> tuple[PolicyFile, dict[str, Any], str]:
    """Read and validate one policy file; raise PolicyFileError listing every problem."""
    from .errors import PolicyFileError

    problems: list[Problem] = []
    parsed = read_toml(path, problems)
    if parsed is None:
        raise PolicyFileError(problems)
    data, text = parsed
    try:
        return PolicyFile.model_validate(data), data, text
    except ValidationError as e:
        raise PolicyFileError(_policy_problems(e, path, text)) from None


def _policy_problems(error: ValidationError, path: Path, text: str) -> list[Problem]:
    out = []
    for err in error.errors():
        loc = [str(p) for p in err["loc"]]
        field = ".".join(loc) or None
        line = None
        # "category.criminal.0.due" -> look for the table header, then the key after it.
        if len(loc) >= 2 and loc[0] in ("category", "label"):
            line = _line_of(text, f"[[{loc[0]}.{loc[1]}]]")
        elif loc:
            line = _line_of(text, f"{loc[0]} =") or _line_of(text, f"[{loc[0]}")
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = "unknown key (check the spelling)"
        out.append(Problem(str(path), message, line=line, field=field))
    return out
