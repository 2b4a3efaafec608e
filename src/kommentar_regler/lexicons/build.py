"""Build time: every lexicon word's inflected forms, from a maintained Swedish dictionary.

Run after editing a lexicon (``--check`` says whether the table is stale; .ci/run runs it)::

    python -m kommentar_regler.lexicons.build            # writes lexicons/sv/morphology.tsv

It reads `hunspell-sv <https://pypi.org/project/hunspell-sv/>`_ (SFOL with SALDO and Folkets
lexikon, LGPL-3.0) through ``spylls`` (a pure-Python Hunspell). Both are development
dependencies: the table is computed here, once, and shipped; at run time nothing of the
dictionary is loaded but these small tables.

The table has four kinds of rows (tab-separated):

- ``forms  <word>  <form> <form> ...``: the inflections of a word used in a lexicon
  (``brandpost``: brandposten, brandposter, brandposterna, ...). A form that is the dictionary
  entry of another word (``idiot`` -> ``idiotisk``) is left out: it is a derivation, not an
  inflection.
- ``begin  <part> ...``: the forms that may begin a Swedish compound (hunspell's COMPOUNDBEGIN
  flag, and the linking forms its affixes make): what may stand before a lexicon word used as a
  compound head ("pedofil" in "pedofilsvin").
- ``lexical  <word> ...``: dictionary words that contain a compound-sensitive lexicon word but
  mean something of their own ("marsvin", "skitsnygg"): they are never split.
- ``known  <word> ...``: Swedish words that an obfuscated spelling of a lexicon word would
  collide with ("höra" beside "hora"): a known word is never diacritic-folded.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import sysconfig
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .files import LexiconFile, load_manifest

__all__ = ["build_table", "main"]

_VARIANTS = {"a": "aåä", "o": "oö", "e": "eé", "u": "uü"}
_MIN_PART = 3


def _dictionary_path() -> Path:
    for scheme_path in (sysconfig.get_path("data"), sys.prefix):
        candidate = Path(scheme_path) / "share" / "hunspell" / "sv_SE.aff"
        if candidate.exists():
            return candidate.with_suffix("")
    raise SystemExit(
        "hunspell-sv is not installed: pip install -e '.[dev]' (it brings hunspell-sv and spylls)"
    )


def _load_dictionary() -> Any:
    from spylls.hunspell import Dictionary  # a development dependency

    return Dictionary.from_files(str(_dictionary_path()))


_DERIVATIONS = ("isk", "ig", "lig", "het", "ning", "else", "are", "eri", "ism", "ist")


def _derivational(word: str, form: str) -> bool:
    """Does ``form`` add a derivational ending to ``word`` ("idiot" -> "idiotisk")?"""
    stem = word[:-1] if word[-1] in "aeo" else word
    rest = form[len(stem) :] if form.startswith(stem) else ""
    return any(rest.startswith(e) for e in _DERIVATIONS)


def _affixed(aff: Any, stem: str, flags: Iterable[str], depth: int = 0) -> set[str]:
    """``stem`` with every suffix its flags allow (and one level of continuation suffixes)."""
    out: set[str] = set()
    for flag in flags:
        for sfx in aff.SFX.get(flag, ()):
            if not sfx.cond_regexp.search(stem) or (sfx.strip and not stem.endswith(sfx.strip)):
                continue
            form = (stem[: len(stem) - len(sfx.strip)] if sfx.strip else stem) + sfx.add
            if not form.isalpha():
                continue
            if sfx.add in ("n", "ns") and not sfx.strip and stem[-1] not in _VOWELS + "é":
                continue  # the definite -n follows a vowel (ko -> kon); "fin" -> "finn" is not
            out.add(form)
            if sfx.flags and depth == 0:
                out |= _affixed(aff, form, sfx.flags, 1)
    return out


def _entries(dic: Any) -> Iterator[tuple[str, frozenset[str]]]:
    for word in dic.words:
        yield word.stem, frozenset(word.flags)


def inflections(d: Any, word: str, stems: set[str]) -> list[str] | None:
    """The forms of ``word`` from the dictionary, or None when the dictionary lacks it."""
    homonyms = d.dic.homonyms(word) or d.dic.homonyms(word.capitalize())
    if not homonyms:  # an inflected form ("killen", "sprängde"): the forms of its stem
        stems_of = {f.stem for f in d.lookuper.good_forms(word) if hasattr(f, "stem")}
        homonyms = [h for s in sorted(stems_of) if s != word for h in d.dic.homonyms(s)]
    if not homonyms:
        return None
    forms: set[str] = {word}
    for h in homonyms:
        if d.aff.FORBIDDENWORD in h.flags or d.aff.ONLYINCOMPOUND in h.flags:
            continue
        forms |= {f.lower() for f in _affixed(d.aff, h.stem, h.flags)}
    # A derivation is another word: idiot -> idiotisk(t), sälja -> säljare. What else the affix
    # rules make that is a different word ("fann" from fan) a lexicon takes out with "-form".
    if not forms & {word + "n", word + "en", word + "or", word + "et"}:  # not a noun
        forms |= _verb_forms(d, word)
    else:  # a noun: the regular endings the affix rules left out ("filmer")
        forms |= {word + e for e in _NOUN_ENDINGS if d.lookup(word + e)}
    forms |= _forms_listed_apart(d, word, forms)
    return sorted(f for f in forms if f == word or not _derivational(word, f))


def _forms_listed_apart(d: Any, word: str, forms: set[str]) -> set[str]:
    """Regular forms that hunspell-sv lists as words of their own, so that the affix rules of
    ``word`` leave them out: the definite forms of agent nouns ("lärare" -> "läraren",
    "lärarna") and of nouns in -el/-er ("tunneln"), and the -a/-t forms of adjectives in -sk
    ("somalisk" -> "somaliska", whose -a form is also the name of the language)."""
    if word.endswith("are") and word + "n" not in forms and d.lookup(word + "n"):
        endings = (word + "n", word + "ns", word[:-1] + "na", word[:-1] + "nas")
        return {f for f in endings if d.lookup(f)}
    if word.endswith(("el", "er")) and len(word) >= 4 and word + "n" not in forms:
        # the definite -n after an unstressed -el/-er ("tunnel" -> "tunneln", "container" ->
        # "containern"), which _affixed leaves out after a consonant ("fin" -> "finn")
        return {f for f in (word + "n", word + "ns") if d.lookup(f)}
    nounish = {word + "en", word + "ar", word + "er", word + "et"}
    if word.endswith("sk") and len(word) >= 4 and not forms & nounish:
        return {f for f in (word + "a", word + "t") if f not in forms and d.lookup(f)}
    return set()


_VOWELS = "aeiouyåäö"
_NOUN_ENDINGS = ("en", "et", "n", "er", "ar", "or", "erna", "arna", "orna", "na", "s")
_PRESENT = ("r", "ar", "er")
_PAST = ("ade", "de", "te", "dde")
_OTHER = (
    "at",
    "ats",
    "ades",
    "ande",
    "as",
    "s",
    "des",
    "tes",
    "t",
    "ts",
    "tt",
    "dd",
    "d",
    "it",
    "its",
)


def _verb_forms(d: Any, word: str) -> set[str]:
    """A regular verb's forms that the dictionary lists as entries of their own ("byter",
    "bytte", "brände"): the regular Swedish endings on the verb's stem make candidates, and
    only those the dictionary lists are kept. The bare stem (the imperative, "byt") counts
    only for a word that has a past tense, i.e. is a verb. Strong and irregular verbs
    ("sköt", "sålde") are not derivable this way: their lexicon line lists them."""
    if word.endswith("d") and len(word) > 3:  # a participle: störd -> störda, stört
        return {f for f in (word + "a", word + "e", word[:-1] + "t") if d.lookup(f)}
    if " " in word or word[-1] not in _VOWELS or len(word) < 2:
        return set()
    stem = word[:-1] if word.endswith("a") and len(word) > 2 else word
    bases = {stem}
    if len(stem) > 2 and stem[-1] == stem[-2]:  # bränna -> brände, bränt
        bases.add(stem[:-1])

    def listed(candidate: str) -> bool:
        return candidate != word and bool(d.lookup(candidate))

    out = {b + e for b in bases for e in _PRESENT + _PAST + _OTHER if listed(b + e)}
    if any(b + "er" in out for b in bases):  # the imperative of an -er verb: "byt", "sälj"
        out |= {b for b in bases if listed(b)}
    return out


def _compound_begins(d: Any) -> set[str]:
    aff = d.aff
    begin = aff.COMPOUNDBEGIN
    out: set[str] = set()
    for stem, flags in _entries(d.dic):
        low = stem.lower()
        if not low.isalpha() or len(low) < _MIN_PART:
            continue
        if begin in flags:
            out.add(low)
        for flag in flags:  # the linking forms: "brand" -> "brand", "arbete" -> "arbets"
            for sfx in aff.SFX.get(flag, ()):
                if begin in sfx.flags and sfx.cond_regexp.search(low):
                    form = (low[: len(low) - len(sfx.strip)] if sfx.strip else low) + sfx.add
                    if form.isalpha() and len(form) >= _MIN_PART:
                        out.add(form)
    return out


def _lexicalised(d: Any, sensitive: set[str], stems: set[str]) -> set[str]:
    """Dictionary words (all their forms) that begin or end with a sensitive word."""
    out: set[str] = set()
    for stem, flags in _entries(d.dic):
        low = stem.lower()
        if not low.isalpha() or low in sensitive:
            continue
        if any((low.endswith(w) or low.startswith(w)) and len(low) > len(w) for w in sensitive):
            out.add(low)
            out |= {f.lower() for f in _affixed(d.aff, stem, flags)}
    return out - sensitive


def _diacritic_variants(form: str) -> Iterator[str]:
    slots = [_VARIANTS.get(c, c) for c in form]
    if sum(len(s) > 1 for s in slots) > 5:
        return
    for combo in itertools.product(*slots):
        variant = "".join(combo)
        if variant != form:
            yield variant


def build_table(manifest: Path) -> str:
    """The text of ``morphology.tsv`` for the lexicons of ``manifest``."""
    d = _load_dictionary()
    stems = {w.stem.lower() for w in d.dic.words}
    lexicons: list[LexiconFile] = load_manifest(manifest)
    words: set[str] = set()
    sensitive: set[str] = set()
    obfuscated: set[str] = set()
    for lex in lexicons:
        if lex.spec.role == "link_words":  # parts of domain names: matched as written
            continue
        for entry in lex.entries:
            plain = [w for w in entry.words if not w.startswith("@")]  # a class has no forms
            words.update(plain)
            if lex.spec.lexicalised == "exclude" and entry.compounds != "none":
                sensitive.update(w for w in plain if len(w) >= _MIN_PART)
            if lex.spec.obfuscation:
                obfuscated.update(plain)
    rows = [
        "# Generated by `python -m kommentar_regler.lexicons.build` from hunspell-sv "
        "(SFOL, SALDO, Folkets lexikon; LGPL-3.0). Do not edit: edit the lexicons and rebuild."
    ]
    missing = []
    forms_of: dict[str, list[str]] = {}
    for word in sorted(words):
        forms = inflections(d, word, stems)
        if forms is None:
            missing.append(word)
            continue
        forms_of[word] = forms
        rows.append("forms\t" + word + "\t" + " ".join(forms))
    all_forms = {f for forms in forms_of.values() for f in forms}
    known = {
        variant
        for word in sorted(obfuscated)
        for form in forms_of.get(word, [word])
        for variant in _diacritic_variants(form)
        if variant not in all_forms and d.lookup(variant)
    }
    rows.append("begin\t" + " ".join(sorted(_compound_begins(d))))
    rows.append("lexical\t" + " ".join(sorted(_lexicalised(d, sensitive, stems))))
    rows.append("known\t" + " ".join(sorted(known)))
    rows.append("missing\t" + " ".join(missing))
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    root = Path(__file__).resolve().parents[3]
    parser.add_argument("--manifest", type=Path, default=root / "lexicons" / "sv" / "lexicons.toml")
    parser.add_argument("--check", action="store_true", help="exit 1 if the table is stale")
    args = parser.parse_args(argv)
    target = args.manifest.parent / "morphology.tsv"
    text = build_table(args.manifest)
    if args.check:
        same = target.exists() and target.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{target} is stale: run python -m {__spec__.name}")
        return 0 if same else 1
    target.write_text(text, encoding="utf-8")
    missing = text.rsplit("missing\t", 1)[1].split()
    print(f"wrote {target}; {len(missing)} words not in the dictionary (forms by hand only):")
    print(" ".join(missing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
