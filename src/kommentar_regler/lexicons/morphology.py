"""The dictionary tables made at build time (:mod:`.build`), as loaded at run time.

``morphology.tsv`` beside a lexicon manifest holds each lexicon word's inflected forms, the
parts that may begin a Swedish compound, the dictionary words that merely contain a sensitive
word, and the Swedish words an obfuscated spelling would collide with. A manifest without the
table (a plugin's) still works: its words match in the forms its files list.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["TABLE_NAME", "Morphology"]

TABLE_NAME = "morphology.tsv"


@dataclass
class Morphology:
    forms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    begins: AbstractSet[str] = frozenset()
    lexical: AbstractSet[str] = frozenset()
    known: frozenset[str] = frozenset()

    @property
    def words(self) -> frozenset[str]:
        """Every form of every lexicon word: all Swedish words."""
        return self._words

    def __post_init__(self) -> None:
        self._words = frozenset(f for forms in self.forms.values() for f in forms)

    @classmethod
    def load(cls, paths: Iterable[Path]) -> Morphology:
        forms: dict[str, tuple[str, ...]] = {}
        begins: set[str] = set()
        lexical: set[str] = set()
        known: set[str] = set()
        for path in paths:
            table = path / TABLE_NAME if path.is_dir() else path.parent / TABLE_NAME
            if not table.exists():
                continue
            for line in table.read_text(encoding="utf-8").splitlines():
                kind, _, rest = line.partition("\t")
                if kind == "forms":
                    word, _, listed = rest.partition("\t")
                    forms[word] = tuple(listed.split())
                elif kind == "begin":
                    begins.update(rest.split())
                elif kind == "lexical":
                    lexical.update(rest.split())
                elif kind == "known":
                    known.update(rest.split())
        return cls(forms, frozenset(begins), frozenset(lexical), frozenset(known))

    def may_begin(self, part: str) -> bool:
        """Can ``part`` stand first in a Swedish compound (itself perhaps a compound)?"""
        if part in self.begins or (part.endswith("s") and part[:-1] in self.begins):
            return True
        n = len(part)
        return any(part[:k] in self.begins and part[k:] in self.begins for k in range(3, n - 2))
