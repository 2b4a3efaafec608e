"""Reading rule files (schema 2) and compiling their rules.

Every problem in every file is collected before anything is raised, so a contributor sees the
whole list at once, each with its file, line, rule id and field.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import regex
from pydantic import ValidationError

from .._loader import (
    _line_of,
    _reloc,
    citations,
    did_you_mean,
    read_toml,
    toml_files,
    validation_problems,
)
from ..errors import Problem
from .format import RuleFile, RuleSpec
from .gate import gate_of
from .pattern import PatternError, Slot, parse
from .rule import CompiledRegex, DataRule, Validator, lexicons_of

__all__ = ["LoadedSpec", "compile_rules", "load_rule_specs"]


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
            if data.get("schema_version") == 1:
                problems.append(
                    Problem(
                        str(path),
                        "schema_version 1 (regex rules) is no longer "
                        "read: port the rules to token patterns (docs/rules.md)",
                        field="schema_version",
                    )
                )
                continue
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


def compile_rules(
    loaded: Sequence[LoadedSpec],
    lexicons: Collection[str],
    validators: Mapping[str, Validator],
    problems: list[Problem],
) -> list[DataRule]:
    """Compile validated specs into rules; add every problem found."""
    rules: list[DataRule] = []
    seen: dict[str, LoadedSpec] = {}
    for item in loaded:
        spec = item.spec

        def problem(message: str, field: str, item: LoadedSpec = item) -> None:
            problems.append(
                Problem(str(item.file), message, line=item.line, item=item.spec.id, field=field)
            )

        if spec.id in seen:
            other = seen[spec.id]
            problem(f"rule id is already used in {other.file}:{other.line}", "id")
            continue
        seen[spec.id] = item
        rule = _compile(spec, validators, problem)
        if rule is not None:
            origin = f"{item.file}:{item.line}" if item.line else str(item.file)
            rule = replace(
                rule,
                origin=origin,
                examples=(tuple(spec.examples.match), tuple(spec.examples.no_match)),
            )
        if rule is None:
            continue
        for lex in sorted(lexicons_of(rule) - set(lexicons)):
            hint = did_you_mean(lex, lexicons)
            problem(
                f"unknown lexicon {lex!r}" + (f"; did you mean {hint!r}?" if hint else ""),
                "patterns",
            )
        rules.append(rule)
    return rules


def _sequences(sources: Sequence[str], field: str, problem) -> tuple:  # type: ignore[no-untyped-def]
    out = []
    for k, source in enumerate(sources):
        try:
            out += parse(source)
        except PatternError as e:
            problem(str(e), f"{field}.{k}")
    return tuple(out)


def _near(spec: RuleSpec, problem) -> tuple[tuple[Slot, ...], int] | None:  # type: ignore[no-untyped-def]
    if spec.near is None:
        return None
    slots = []
    for k, source in enumerate(spec.near.slots):
        try:
            seqs = parse(source)
        except PatternError as e:
            problem(str(e), f"near.slots.{k}")
            continue
        if len(seqs) != 1 or len(seqs[0].slots) != 1:
            problem(f"{source!r}: a near slot is one word slot", f"near.slots.{k}")
            continue
        slots.append(seqs[0].slots[0])
    return tuple(slots), spec.near.window


def _regexes(spec: RuleSpec, validators: Mapping[str, Validator], problem) -> tuple:  # type: ignore[no-untyped-def]
    out = []
    for k, rx in enumerate(spec.regex):
        try:
            compiled = regex.compile(rx.pattern, regex.IGNORECASE | regex.V0)
        except regex.error as e:
            problem(f"regex {rx.name!r} does not compile: {e}", f"regex.{k}.pattern")
            continue
        validator = None
        if rx.validate_with is not None:
            validator = validators.get(rx.validate_with)
            if validator is None:
                hint = did_you_mean(rx.validate_with, validators)
                problem(
                    f"unknown validator {rx.validate_with!r}"
                    + (f"; did you mean {hint!r}?" if hint else ""),
                    f"regex.{k}.validate",
                )
                continue
        gate = gate_of(rx.pattern, compiled.flags)
        out.append(CompiledRegex(rx.name, compiled, rx.score, validator, gate))
    return tuple(out)


def _compile(spec: RuleSpec, validators: Mapping[str, Validator], problem) -> DataRule | None:  # type: ignore[no-untyped-def]
    count = [0]

    def counting(message: str, field: str) -> None:
        count[0] += 1
        problem(message, field)

    rule = DataRule(
        id=spec.id,
        category=spec.category,
        label=spec.label,
        basis=citations(spec.basis),
        score=spec.score,
        description=spec.description,
        scope=spec.scope,
        sequences=_sequences(spec.patterns, "patterns", counting),
        near=_near(spec, counting),
        word_lexicons=frozenset(spec.lexicons),
        regexes=_regexes(spec, validators, counting),
        unless=_sequences(spec.unless, "unless", counting),
        role=spec.role,
        review=spec.review,
        alone_only=spec.alone_only,
        yields_to=frozenset(spec.yields_to),
        fact=spec.fact,
        unquoted=spec.unquoted,
        sources=tuple(spec.patterns),
    )
    return None if count[0] else rule
