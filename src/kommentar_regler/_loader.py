"""Reading rule, lexicon and policy files, validating them, and compiling rules.

Every problem in every file is collected before anything is raised, so a contributor sees the
whole list at once, each with its file, line, rule id and field.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import regex
from pydantic import ValidationError

from . import _pattern_cache as pattern_cache
from ._lexicon import Lexicon, parse_lexicon_text
from ._models import Citation
from ._prefilter import required_literals
from ._rules import (
    CompiledPattern,
    DataRule,
    Triggers,
    Validator,
    analysis_form,
    expand_placeholders,
    leading_placeholder,
    placeholders,
    required_placeholders,
    skeleton,
)
from ._schema import CitationSpec, LexiconManifest, PolicyFile, RuleFile, RuleSpec
from .errors import LexiconError, Problem

__all__ = [
    "compile_rules",
    "did_you_mean",
    "load_lexicons",
    "load_policy_file",
    "load_rule_specs",
    "read_toml",
    "toml_files",
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


# -- lexicons ---------------------------------------------------------------------------


def load_lexicons(manifests: Sequence[Path]) -> tuple[dict[str, Lexicon], frozenset[str]]:
    """Load every lexicon listed in the manifests; return them and the false friends."""
    problems: list[Problem] = []
    lexicons: dict[str, Lexicon] = {}
    false_friends: set[str] = set()
    for manifest_path in manifests:
        if manifest_path.is_dir():
            manifest_path = manifest_path / "lexicons.toml"
        parsed = read_toml(manifest_path, problems)
        if parsed is None:
            continue
        data, text = parsed
        try:
            manifest = LexiconManifest.model_validate(data)
        except ValidationError as e:
            problems += validation_problems(e, manifest_path, text, data, "lexicon")
            continue
        for spec in manifest.lexicon:
            file = manifest_path.parent / spec.file
            if spec.id in lexicons:
                problems.append(
                    Problem(
                        str(manifest_path),
                        f"lexicon id {spec.id!r} is already used by {lexicons[spec.id].file}",
                        item=spec.id,
                        field="id",
                    )
                )
                continue
            try:
                content = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                problems.append(
                    Problem(
                        str(manifest_path), f"cannot read {file}: {e}", item=spec.id, field="file"
                    )
                )
                continue
            entries, entry_problems = parse_lexicon_text(content, str(file))
            problems += entry_problems
            if spec.role == "false_friends":
                false_friends.update(f for e in entries for f in e.forms)
                continue
            lexicons[spec.id] = Lexicon(
                id=spec.id,
                entries=tuple(entries),
                description=spec.description,
                source=spec.source,
                license=spec.license,
                compounds=spec.compounds,
                obfuscation=spec.obfuscation,
                file=str(file),
            )
    if problems:
        raise LexiconError(problems)
    return lexicons, frozenset(false_friends)


# -- rules ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedSpec:
    spec: RuleSpec
    file: Path
    line: int | None


def load_rule_specs(paths: Sequence[Path]) -> tuple[list[LoadedSpec], list[Problem]]:
    problems: list[Problem] = []
    specs: list[LoadedSpec] = []
    for root in paths:
        for path in toml_files(root):
            parsed = read_toml(path, problems)
            if parsed is None:
                continue
            data, text = parsed
            rules = data.get("rule", [])
            try:  # the file's own keys; each rule is validated on its own below
                RuleFile.model_validate({**data, "rule": []})
            except ValidationError as e:
                problems += validation_problems(e, path, text, data, "rule")
            if not isinstance(rules, list):
                problems.append(Problem(str(path), "rule must be an array of tables ([[rule]])"))
                continue
            for i, raw in enumerate(rules):
                try:
                    spec = RuleSpec.model_validate(raw)
                except ValidationError as e:
                    wrapped = {"rule": rules}
                    problems += validation_problems(_reloc(e, i), path, text, wrapped, "rule")
                    continue
                specs.append(LoadedSpec(spec, path, _line_of(text, f'"{spec.id}"')))
    return specs, problems


def citations(specs: Iterable[CitationSpec]) -> tuple[Citation, ...]:
    return tuple(Citation(**s.model_dump()) for s in specs)


def compile_rules(
    loaded: Sequence[LoadedSpec],
    lexicons: Mapping[str, Lexicon],
    validators: Mapping[str, Validator],
    problems: list[Problem],
) -> list[DataRule]:
    """Compile validated specs into rules; add every problem found and raise them all."""
    rules: list[DataRule] = []
    seen: dict[str, LoadedSpec] = {}
    forms_cache: dict[str, list[str]] = {}

    def forms_of(lex_id: str) -> list[str]:
        if lex_id not in forms_cache:
            forms_cache[lex_id] = sorted(lexicons[lex_id].forms())
        return forms_cache[lex_id]

    for item in loaded:
        spec, file = item.spec, str(item.file)

        def problem(
            message: str,
            field: str,
            spec: RuleSpec = spec,
            file: str = file,
            line: int | None = item.line,
        ) -> None:
            problems.append(Problem(file, message, line=line, item=spec.id, field=field))

        if spec.id in seen:
            other = seen[spec.id]
            problem(f"rule id is already used in {other.file}:{other.line}", "id")
            continue
        seen[spec.id] = item
        referenced = list(spec.lexicons) + (spec.near.lexicons if spec.near else [])
        for pattern in spec.patterns:
            referenced += placeholders(pattern)
        referenced += spec.requires or []
        referenced += [t[1:-1] for t in spec.triggers if t.startswith("{") and t.endswith("}")]
        bad_triggers = [t for t in spec.triggers if t != t.casefold() or not t.strip("*{}")]
        for t in bad_triggers:
            problem(
                f"trigger {t!r} must be a lower-case word, prefix*, *suffix or {{lexicon}}",
                "triggers",
            )
        unknown = [lex for lex in referenced if lex not in lexicons]
        for lex in dict.fromkeys(unknown):
            hint = did_you_mean(lex, lexicons)
            problem(
                f"unknown lexicon {lex!r}" + (f"; did you mean {hint!r}?" if hint else ""),
                "lexicons",
            )
        validator = None
        if spec.validate_with is not None:
            validator = validators.get(spec.validate_with)
            if validator is None:
                hint = did_you_mean(spec.validate_with, validators)
                problem(
                    f"unknown validator {spec.validate_with!r}"
                    + (f"; did you mean {hint!r}?" if hint else ""),
                    "validate",
                )
        if unknown:
            continue
        compiled = _compile_patterns(spec, forms_of, problem)
        guards = tuple(
            g
            for g in (_compile(u, problem, f"unless.{i}") for i, u in enumerate(spec.unless))
            if g is not None
        )
        if compiled is None:
            continue
        # An explicit prefilter only: a placeholder inside an alternation is not required.
        requires = spec.requires or []
        rules.append(
            DataRule(
                spec=spec,
                source=f"{file}:{item.line}" if item.line else file,
                compiled=compiled,
                guards=guards,
                guard_gates=tuple(required_literals(g.pattern) for g in guards),
                requires=tuple(requires),
                validator=validator,
                basis=citations(spec.basis),
                triggers=Triggers.parse(spec.triggers) if spec.triggers else None,
            )
        )
    return rules


class _Free(NamedTuple):
    """One of a rule's patterns that goes into its combined regex, in the forms it is used."""

    number: int  # its place in the rule's list (p0, p1, ...)
    shape: str  # its skeleton: checked now
    expanded: str  # its lexicons written out: compiled when first needed
    read: str  # as the literal analysis reads it
    needs: frozenset[str]


def _compile_patterns(
    spec: RuleSpec, forms_of: Any, problem: Any
) -> tuple[CompiledPattern, ...] | None:
    """One regex for the patterns that scan the text, one per pattern led by a lexicon.

    Each is checked here with its lexicons left out (:func:`skeleton`: as valid as the whole,
    a fraction of the work); the whole regex is compiled when a comment first needs it.
    """
    free: list[_Free] = []
    out: list[CompiledPattern] = []
    ok = True
    cache = pattern_cache.active()
    for i, p in enumerate(spec.patterns):
        shape = f"(?P<p{i}>{skeleton(p)})"
        expanded = f"(?P<p{i}>{expand_placeholders(p, forms_of)})"
        lead = leading_placeholder(p)
        if lead is not None and spec.anchor == "anywhere":
            # tried only where its lexicon was found, so it needs no start literals
            if not cache.is_checked(shape) and _compile(shape, problem, f"patterns.{i}") is None:
                ok = False
                continue
            cache.note_checked(shape)
            out.append(CompiledPattern(expanded, required_placeholders(p), lead, None))
        else:
            read = f"(?P<p{i}>{analysis_form(p, forms_of)})"
            free.append(_Free(i, shape, expanded, read, required_placeholders(p)))
    if free:
        shapes = "|".join(f.shape for f in free)
        try:
            checked = None if cache.is_checked(shapes) else regex.compile(shapes)
        except regex.error:
            # say which pattern is wrong (compiling them one by one only when one is)
            for f in free:
                ok = _compile(f.shape, problem, f"patterns.{f.number}") is not None and ok
            if ok:
                _compile(shapes, problem, "patterns")
            return None
        cache.note_checked(shapes)
        combined = "|".join(f.expanded for f in free)
        needs = frozenset.intersection(*(f.needs for f in free))
        starts, gate = cache.literals("|".join(f.read for f in free))
        if gate is not None and starts is not None and gate.literals <= starts.literals:
            gate = None  # it says no more than the start literals do
        # with no lexicon in it, the pattern checked is the pattern: keep it, compiled
        ready = checked if checked is not None and checked.pattern == combined else None
        out.append(CompiledPattern(combined, needs, None, starts, gate, ready))
    if not ok:
        return None
    return tuple(out)


def _compile(pattern: str, problem: Any, field: str) -> regex.Pattern[str] | None:
    try:
        # Patterns match the normalised, case-folded text, so they are written in lower case
        # and compiled without IGNORECASE (which makes the regex module several times slower).
        return regex.compile(pattern)
    except regex.error as e:
        problem(f"regular expression does not compile: {e}", field)
        return None


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
