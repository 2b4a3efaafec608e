"""Lexicon files and their manifest: what a communicator reads and edits.

A lexicon file has one entry a line, in its base form (the dictionary adds the inflections)::

    # comment
    brandpost                      the dictionary gives brandposten, brandposter, ...
    idiot = idioten                forms of one's own, beside the dictionary's
    svin = -svinn                  a generated form that is another word, taken out
    slå ihjäl                      a phrase: consecutive words, each in any of its forms
    hälsa @poss_2 familj           a closed class in a phrase: "hälsa din familj", "hälsa er familj"
    svin [head]                    how this entry may take part in compounds (see below)

Compounds (the manifest's ``compounds``, or ``[...]`` after an entry):
``head`` the word may END a compound ("pedofilsvin", "brandposten" in "gatubrandposten");
``modifier`` it may BEGIN one when the rest is a word of the ``modifier_of`` lexicons
("idiotpolitiker"); ``both``; ``none``; ``exact`` (no dictionary forms either); ``prefix``
(ONLY as the first part of a compound: "sex" in "sexfilmen", never the number "sex" alone).
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import LexiconError, Problem
from ..language.sv import CLOSED_CLASSES

__all__ = [
    "CompoundMode",
    "LexiconEntry",
    "LexiconFile",
    "LexiconManifest",
    "LexiconSpec",
    "load_manifest",
    "parse_entries",
]

CompoundMode = Literal["none", "head", "modifier", "both", "exact", "prefix", "name"]
_MODES = ("none", "head", "modifier", "both", "exact", "prefix", "name")
_STRICT = ConfigDict(extra="forbid", frozen=True)
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9_][a-z0-9_.\-]*$", max_length=100)]
# letters (with inner hyphens), or a currency sign or ":-" (prices are words in comments)
_WORD = regex.compile(r"^\p{L}+(?:-\p{L}+)*$|^\p{Sc}$|^:-$")
_TAGS = regex.compile(r"\[([a-z, ]+)\]\s*$")


class LexiconSpec(BaseModel):
    """One lexicon of a manifest: its file, what it is, where it comes from, how it matches."""

    model_config = _STRICT

    id: Identifier
    file: str
    description: str = ""
    source: str = Field(min_length=1)
    license: str = Field(min_length=1)
    compounds: CompoundMode = "none"
    modifier_of: list[Identifier] = Field(
        default_factory=list,
        description="Lexicons whose words may follow this lexicon's words in a compound.",
    )
    obfuscation: bool = Field(
        False, description="Also match leet, masks, spaced letters, missing diacritics."
    )
    lexicalised: Literal["keep", "exclude"] = Field(
        "keep",
        description='"exclude": dictionary words that merely contain the word ("marsvin") '
        "never match it.",
    )
    role: Literal["words", "false_friends", "idioms", "forms", "link_words"] = Field(
        "words",
        description='"forms": the entries only give forms of words used in phrases elsewhere '
        '("sitta = satt, suttit"), and are no class of their own. "link_words": the words '
        "count only inside a link's domain name (\"billiga-vinterdack24.se\"), never in running "
        "text, and the link gets the lexicon's class.",
    )
    masks: list[Identifier] = Field(
        default_factory=list,
        description="For idioms: the lexicons whose words the idiom's words stop counting as.",
    )
    voice: Literal["any", "active"] = Field(
        "any",
        description='"active": the passive -s forms of the verbs are left out ("mördades", '
        '"hotas"): in an accusation the person does the deed, a victim is not accused.',
    )


class LexiconManifest(BaseModel):
    """``lexicons/<language>/lexicons.toml``: which word lists exist and how they match."""

    model_config = _STRICT

    schema_version: Literal[2] = 2
    lexicon: list[LexiconSpec] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """A line of a lexicon file: a word or phrase, in its base form."""

    lemma: str
    words: tuple[str, ...]  # the phrase's words; one for a single word
    extra: tuple[str, ...]  # forms written out in the file
    removed: tuple[str, ...]  # generated forms the file takes out
    compounds: CompoundMode
    line: int


@dataclass(frozen=True)
class LexiconFile:
    spec: LexiconSpec
    path: Path
    entries: tuple[LexiconEntry, ...]


def _clean(word: str) -> str:
    return unicodedata.normalize("NFC", word.strip()).casefold()


def _entry(raw: str, number: int, default: CompoundMode) -> LexiconEntry | str:
    """One line as an entry, or the reason it is not one."""
    mode: CompoundMode = default
    if tags := _TAGS.search(raw):
        names = [t.strip() for t in tags.group(1).split(",") if t.strip()]
        bad = [t for t in names if t not in _MODES]
        if bad or len(names) != 1:
            return f"[{tags.group(1)}]: give one of {', '.join(_MODES)}"
        mode = names[0]  # type: ignore[assignment]
        raw = raw[: tags.start()]
    lemma_part, _, forms_part = raw.partition("=")
    lemma = " ".join(_clean(w) for w in lemma_part.split())
    words = tuple(lemma.split())
    forms = [_clean(f) for f in forms_part.split(",") if f.strip()]
    extra = tuple(f for f in forms if not f.startswith("-"))
    removed = tuple(f[1:].strip() for f in forms if f.startswith("-"))
    slots = [w for w in words if w.startswith("@")]
    if unknown := [w for w in slots if w[1:] not in CLOSED_CLASSES]:
        return f"{unknown[0]!r} is no closed class (see language/sv.py)"
    if slots and len(words) == 1:
        return f"{words[0]!r}: a closed class stands only in a phrase, beside a word"
    bad_words = [w for w in (*words, *extra, *removed) if w not in slots and not _WORD.match(w)]
    if not words or bad_words:
        return f"{(bad_words or [raw.strip()])[0]!r} is not a word of letters"
    if len(words) > 1 and (extra or removed):
        return "a phrase takes no '=' forms: list each word's forms on a line of its own"
    return LexiconEntry(lemma, words, extra, removed, mode, number)


def parse_entries(
    text: str, file: str, default: CompoundMode = "none"
) -> tuple[list[LexiconEntry], list[Problem]]:
    """Parse a lexicon file's text; return its entries and every problem found."""
    entries: list[LexiconEntry] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        entry = _entry(line, number, default)
        if isinstance(entry, str):
            problems.append(Problem(file, entry, line=number, item=line[:40]))
        elif entry.lemma in seen:
            message = f"{entry.lemma!r} is listed twice (first on line {seen[entry.lemma]})"
            problems.append(Problem(file, message, line=number, item=entry.lemma))
        else:
            seen[entry.lemma] = number
            entries.append(entry)
    return entries, problems


def _validation_problems(error: ValidationError, path: Path, data: dict) -> list[Problem]:
    out = []
    for err in error.errors():
        loc = list(err["loc"])
        item = None
        if len(loc) >= 2 and loc[0] == "lexicon" and isinstance(loc[1], int):
            entries = data.get("lexicon") or []
            entry = entries[loc[1]] if loc[1] < len(entries) else {}
            item = str(entry.get("id") or f"lexicon #{loc[1] + 1}")
            loc = loc[2:]
        message = (
            "unknown key (check the spelling)" if err["type"] == "extra_forbidden" else err["msg"]
        )
        out.append(Problem(str(path), message, item=item, field=".".join(map(str, loc)) or None))
    return out


def load_manifest(path: Path) -> list[LexiconFile]:
    """Read a manifest (or the folder holding ``lexicons.toml``) and every lexicon it lists.

    Every problem in every file is collected, then raised together as :class:`LexiconError`.
    """
    if path.is_dir():
        path = path / "lexicons.toml"
    problems: list[Problem] = []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise LexiconError([Problem(str(path), f"cannot be read: {e}")]) from None
    except tomllib.TOMLDecodeError as e:
        raise LexiconError([Problem(str(path), f"not valid TOML: {e}")]) from None
    try:
        manifest = LexiconManifest.model_validate(data)
    except ValidationError as e:
        raise LexiconError(_validation_problems(e, path, data)) from None
    out: list[LexiconFile] = []
    ids = {spec.id for spec in manifest.lexicon}
    for spec in manifest.lexicon:
        for other in (*spec.modifier_of, *spec.masks):
            if other not in ids:
                problems.append(Problem(str(path), f"no lexicon {other!r}", item=spec.id))
        file = path.parent / spec.file
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            problems.append(
                Problem(str(path), f"cannot read {file}: {e}", item=spec.id, field="file")
            )
            continue
        entries, found = parse_entries(text, str(file), spec.compounds)
        problems += found
        out.append(LexiconFile(spec, file, tuple(entries)))
    if problems:
        raise LexiconError(problems)
    return out
