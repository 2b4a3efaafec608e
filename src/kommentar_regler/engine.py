"""The Engine: builds everything expensive once, then classifies comments.

An Engine is immutable after construction and safe to share between threads.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ._loader import did_you_mean
from ._models import (
    FORMAT_VERSION,
    Category,
    Comment,
    Decision,
    Finding,
    comment_error,
    comment_from_text,
    construct,
)
from .analysis import Analyser, Analysis
from .batch.fields import warn_misspelt
from .batch.flood import FloodDetector
from .errors import CommentError, CommentTooLongError, LexiconError, Problem, RuleFileError
from .lexicons import Morphology, Vocabulary, load_manifest, stored
from .lexicons.cache import cached
from .plugins.manager import collect
from .policy.profile import Policy, PolicyBook
from .resolve import STRONG, resolve
from .rules import Rule
from .rules.index import RuleIndex, present
from .rules.loader import compile_rules, load_rule_specs
from .rules.rule import DataRule
from .text.normalise import normalise
from .text.tokens import ChunkCache, swedish_tokenizer

__all__ = ["DEFAULT_MAX_CHARS", "Engine", "to_comment"]

#: Longer comments are refused (never truncated). Facebook allows 8,000 characters in a
#: comment and 63,206 in a post; this leaves room for both. Engine(max_chars=...) changes it.
DEFAULT_MAX_CHARS = 100_000


def to_comment(value: Any, *, argument: str = "comment") -> Comment:
    """Accept a str, bytes (UTF-8), Comment or mapping with a ``text`` field."""
    if type(value) is str:  # the common case first: nothing to validate
        return comment_from_text(value)
    if isinstance(value, Comment):
        return value
    if isinstance(value, str):
        return comment_from_text(str(value))
    if isinstance(value, bytes | bytearray):
        try:
            return Comment(text=bytes(value).decode("utf-8"))
        except UnicodeDecodeError as e:
            raise CommentError(
                f"{argument} is bytes that are not UTF-8 (byte {e.start}: {e.reason}); "
                "decode it yourself, e.g. data.decode('latin-1')"
            ) from None
    if isinstance(value, Mapping):
        if "text" not in value:
            raise CommentError(
                f"{argument} has no 'text' field (fields: {', '.join(map(str, value))})"
            )
        if not isinstance(value["text"], str):
            raise CommentError(
                f"{argument}['text'] must be a string, got {type(value['text']).__name__}"
            )
        warn_misspelt(value, argument)
        try:
            return Comment.model_validate(dict(value))
        except ValidationError as e:
            raise comment_error(e, argument) from None
    raise TypeError(
        f"{argument} must be a str, a Comment or a mapping with a 'text' field, "
        f"not {type(value).__name__}"
    )


class Engine:
    """Rules, lexicons and policies, loaded and compiled once.

    :param policy: the default policy profile: a name (``"standard"``, ``"hjo"``, ...) or the
        path of a policy TOML file.
    :param plugins: extra plugin objects or modules with ``@hookimpl`` functions.
    :param load_entrypoints: also load plugins of the ``kommentar_regler`` entry-point group.
    :param include_builtin: register the built-in rules, lexicons and policies.
    :param blocked: names of plugins (entry-point names) not to load.
    :param max_chars: longer comments raise CommentTooLongError instead of being truncated.
    """

    def __init__(
        self,
        policy: str | Path = "standard",
        *,
        plugins: Iterable[object] = (),
        load_entrypoints: bool = True,
        include_builtin: bool = True,
        blocked: Iterable[str] = (),
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> None:
        plugins = tuple(plugins)
        blocked = tuple(blocked)
        #: What it takes to build an equal Engine elsewhere (a worker process).
        self.settings: dict[str, Any] = {
            "policy": policy,
            "plugins": plugins,
            "load_entrypoints": load_entrypoints,
            "include_builtin": include_builtin,
            "blocked": blocked,
            "max_chars": max_chars,
        }
        with _collector_paused():
            self._build(policy, plugins, load_entrypoints, include_builtin, blocked)
        self.max_chars = max_chars

    def _build(
        self,
        policy: str | Path,
        plugins: tuple[object, ...],
        load_entrypoints: bool,
        include_builtin: bool,
        blocked: tuple[str, ...],
    ) -> None:
        tokenizer = swedish_tokenizer()
        registry = collect(
            plugins,
            load_entrypoints=load_entrypoints,
            include_builtin=include_builtin,
            blocked=blocked,
        )
        self.plugin_names: tuple[str, ...] = tuple(registry.plugin_names)
        self.vocabulary = _vocabulary(registry.lexicon_paths)
        self._rules = _rules(registry, self.vocabulary)
        self._rule_by_id = {r.id: r for r in self._rules}
        self._evidence_rules = tuple(r for r in self._rules if r.role == "evidence")
        self._fact_rules = tuple(r for r in self._rules if r.role == "fact")
        self._alone_only = frozenset(r.id for r in self._rules if r.alone_only)
        self._yields_to = {r.id: r.yields_to for r in self._rules if r.yields_to}
        self._review = frozenset(r.id for r in self._rules if r.review)
        for r in self._rules:
            if type(r) is DataRule:
                r.prepare()
        self._index = RuleIndex(self._evidence_rules)
        self._analyser = Analyser(self.vocabulary, ChunkCache(tokenizer))
        self.policies = PolicyBook(registry.policy_paths)
        self.policy: Policy = self.policies.get(policy)

    # -- introspection ------------------------------------------------------------------

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule, sorted by id."""
        return self._rules

    def rule(self, rule_id: str) -> Rule:
        return self._rule_by_id[rule_id]

    # -- the pipeline -------------------------------------------------------------------

    def analyse(self, text: str) -> Analysis:
        """Normalise, tokenise and look up lexicon words (the input of every rule)."""
        return self._analyser(text)

    def findings(self, analysis: Analysis, rules: Iterable[Rule] | None = None) -> list[Finding]:
        found: list[Finding] = []
        mask = present(analysis)  # every rule's bits were given out in __init__
        for r in self._index.candidates(analysis, mask) if rules is None else rules:
            found += r.check_present(analysis, mask) if type(r) is DataRule else r.check(analysis)
        if not found:
            return []
        if len(found) > 1:  # one finding per rule and span: the best score
            out: dict[tuple[str, int, int], Finding] = {}
            for f in found:
                key = (f.rule_id, f.start, f.end)
                if key not in out or out[key].score < f.score:
                    out[key] = f
            found = list(out.values())
        if self._yields_to:
            labels = {f.label for f in found if f.score >= STRONG}
            found = [f for f in found if not (self._yields_to.get(f.rule_id, frozenset()) & labels)]
        return sorted(found, key=lambda f: (f.start, -f.score, f.rule_id, f.end))

    def classify(
        self,
        comment: str | Comment | Mapping[str, Any],
        *,
        policy: str | Path | None = None,
        now: datetime | None = None,
    ) -> Decision:
        """Classify one comment under ``policy`` (default: the engine's).

        Due times count from ``comment.posted_at``, or from ``now`` when the comment has no
        time; with neither, actions carry no due time. A naive ``now`` is Stockholm time.
        """
        c = to_comment(comment)
        if len(c.text) > self.max_chars:
            raise CommentTooLongError(len(c.text), self.max_chars)
        chosen = self.policy if policy is None else self.policies.get(policy)
        analysis = self.analyse(c.text)
        findings = self.findings(analysis)
        res = resolve(
            findings,
            alone_only=self._alone_only,
            review_rules=self._review,
            n_words=analysis.n_words,
            timed_out=analysis.timed_out,
        )
        facts = self._facts(analysis, res.categories) if self._fact_rules else {}
        labels = [*res.labels, "needs_review"] if res.needs_review else res.labels
        received = c.posted_at or (Comment(text="", posted_at=now).posted_at if now else None)
        actions = chosen.plan(res.categories, labels, c, received)
        # Every part was validated where it was made; building the Decision again would only
        # re-check them (a third of the per-comment time).
        return construct(
            Decision,
            format_version=FORMAT_VERSION,
            comment_id=c.id,
            category=res.category,
            categories=res.categories,
            labels=res.labels,
            findings=chosen.ground(findings, res.categories),
            actions=actions,
            needs_review=res.needs_review,
            review_reasons=res.reasons,
            policy=chosen.id,
            facts=facts,
        )

    def _facts(
        self, analysis: Analysis, categories: tuple[Category, ...]
    ) -> dict[str, tuple[str, ...]]:
        """What the fact rules of the decision's categories found: {"location": (...)}."""
        fact_rules = [r for r in self._fact_rules if r.category in categories]
        if not fact_rules:
            return {}
        facts: dict[str, list[str]] = {}
        for f in self.findings(analysis, fact_rules):
            rule = self._rule_by_id[f.rule_id]
            if rule.fact:
                texts = facts.setdefault(rule.fact, [])
                if f.text not in texts:
                    texts.append(f.text)
        return {k: tuple(v) for k, v in facts.items()}

    def classify_many(
        self,
        comments: Iterable[str | Comment | Mapping[str, Any]],
        *,
        policy: str | Path | None = None,
        now: datetime | None = None,
        flood: FloodDetector | bool | None = False,
        n_process: int = 1,
    ) -> Iterator[Decision]:
        """Classify lazily, one decision per comment, in input order.

        Each comment gets exactly the decision :meth:`classify` gives it. ``flood=True`` (or a
        :class:`FloodDetector` to tune it) adds the batch's signals: copies by the same author
        or of spam become ``flood`` (spam); the same text from other people gets the label
        ``repeated_report`` and keeps its category (see ``_flood``). ``n_process=N`` spreads
        the work over N processes with exactly the same results. A bad item raises an error
        naming its index (``comments[3]``).
        """
        detector = FloodDetector() if flood is True else (flood or None)
        items = (self._item(c, i) for i, c in enumerate(comments))
        if n_process > 1:
            from .batch.parallel import classify_parallel

            pairs: Iterator[tuple[Comment, Decision]] = _with_input(
                items,
                lambda xs: classify_parallel(self, xs, n_process=n_process, policy=policy, now=now),
            )
        else:
            pairs = ((c, self.classify(c, policy=policy, now=now)) for c in items)
        for c, decision in pairs:
            if detector is not None:
                same, others = detector.copies(normalise(c.text).text, c.author)
                marked = detector.judge(decision, c.text, same, others)
                if marked is not None:
                    decision = self._replan(marked, c, policy, now)
            yield decision

    def _item(self, value: Any, index: int) -> Comment:
        """A batch's item as a Comment, checked before it goes to a worker."""
        c = to_comment(value, argument=f"comments[{index}]")
        if len(c.text) > self.max_chars:
            error = CommentTooLongError(len(c.text), self.max_chars)
            error.args = (f"comments[{index}]: {error}",)
            raise error
        return c

    def _replan(
        self, d: Decision, c: Comment, policy: str | Path | None, now: datetime | None
    ) -> Decision:
        chosen = self.policy if policy is None else self.policies.get(policy)
        labels = [*d.labels, *(["needs_review"] if d.needs_review else [])]
        received = c.posted_at or (Comment(text="", posted_at=now).posted_at if now else None)
        return d.model_copy(update={"actions": chosen.plan(d.categories, labels, c, received)})


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The garbage collector off while an Engine is built: what it makes (spaCy's modules,
    the vocabulary, the rules) lives as long as the engine, so the collector's passes over
    every object, again and again while they are made, would find nothing (they took a
    third of a cold start). Turned back on as it was, also when building fails."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _vocabulary(paths: list[Path]) -> Vocabulary:
    """Every registered lexicon, with the dictionary tables beside their manifests (kept on
    disk once built: :mod:`.lexicons.cache`)."""
    return cached(paths, lambda: _build_vocabulary(paths), stored.state, stored.from_state)


def _build_vocabulary(paths: list[Path]) -> Vocabulary:
    files = []
    problems: list[Problem] = []
    for path in paths:
        try:
            files += load_manifest(path)
        except LexiconError as e:
            problems += e.problems
    seen: dict[str, str] = {}
    for f in files:
        if f.spec.id in seen:
            problems.append(
                Problem(
                    str(f.path),
                    f"lexicon id {f.spec.id!r} is already used by {seen[f.spec.id]}",
                    item=f.spec.id,
                    field="id",
                )
            )
        seen[f.spec.id] = str(f.path)
    if problems:
        raise LexiconError(problems)
    return Vocabulary(files, Morphology.load(paths))


def _rules(registry: Any, vocabulary: Vocabulary) -> tuple[Rule, ...]:
    """The rule files' rules, compiled, and the plugins' Python rules, sorted by id."""
    specs, problems = load_rule_specs(registry.rule_paths)
    known = {*vocabulary.ids, *vocabulary.masks, *vocabulary.link_ids}
    rules: list[Rule] = [*compile_rules(specs, known, registry.validators, problems)]
    ids = {r.id for r in rules}
    for rule in registry.rules:
        if rule.id in ids:
            hint = did_you_mean(rule.id, ids)
            problems.append(
                Problem(
                    "<plugin>",
                    "rule id is already used" + (f" (by {hint!r})" if hint else ""),
                    item=rule.id,
                    field="id",
                )
            )
        ids.add(rule.id)
        rules.append(rule)
    if problems:
        raise RuleFileError(problems)
    return tuple(sorted(rules, key=lambda r: r.id))


def _with_input(items: Iterator[Comment], run: Any) -> Iterator[tuple[Comment, Decision]]:
    """Pair each comment with its decision from ``run`` (which keeps order), lazily."""
    from collections import deque

    seen: deque[Comment] = deque()

    def remember() -> Iterator[Comment]:
        for c in items:
            seen.append(c)
            yield c

    for decision in run(remember()):
        yield seen.popleft(), decision
