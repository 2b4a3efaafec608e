"""Words hidden across tokens: leet or masks that split a word ("1d10t", "f*n") and letters
spelled out with spaces ("i d i o t"), joined back when they spell an obfuscated lexicon word.

Used by :mod:`.analysis` on the pieces it keeps per chunk (:data:`Piece`).
"""

from __future__ import annotations

from collections.abc import Callable

from .language import closed_classes_of
from .lexicons.lookup import MASK_CHARS, Hit, Vocabulary
from .text.tokens import RawToken

__all__ = ["LEETISH", "Piece", "join_hidden_words", "join_spaced_letters", "spelled_run"]

LEETISH = frozenset("0134578@$€!|+") | MASK_CHARS

#: A token of a chunk as the analysis keeps it: offsets in the chunk, normalised form, lexicon
#: words, the number of its set of classes (``Analyser._class_list``), and whether letters or
#: leet were joined into this hidden word. Only ints, strings and (mostly empty) tuples: the
#: garbage collector stops walking such tuples, and real text leaves tens of thousands.
Piece = tuple[int, int, str, tuple[Hit, ...], int, bool]

_EDGE = ".,!?:;\"'()"
_LONGEST_SPELLED = 30


def join_hidden_words(raw: list[RawToken], vocab: Vocabulary) -> list[RawToken]:
    """A word that leet or masks split into tokens ("1d10t" -> "1d10" "t", "f*n") becomes one
    token again when, joined, it is an obfuscated lexicon word."""
    out: list[RawToken] = []
    i, n = 0, len(raw)
    while i < n:
        j = i
        while j + 1 < n and raw[j + 1].start == raw[j].end and raw[j + 1].norm not in _EDGE:
            j += 1
        group = raw[i : j + 1]
        if len(group) <= _LONGEST_SPELLED:  # longer runs are no word (and cost time)
            word = "".join(t.norm for t in group)
            if any(c.isalpha() for c in word) and any(c in LEETISH for c in word):
                hits = tuple(h for h in vocab.lookup(word) if h.lexicon in vocab.obfuscated)
                if hits and len(group) > 1:
                    out.append(RawToken(raw[i].start, raw[j].end, word, hits))
                    i = j + 1
                    continue
                # "j4g sk4 h3l4 k0mmunhus3t": a whole sentence in leet, read as the words
                if not hits and (plain := _leet_word(word, vocab)):
                    out.append(RawToken(raw[i].start, raw[j].end, plain))
                    i = j + 1
                    continue
        out += group
        i = j + 1
    return out


def _leet_word(word: str, vocab: Vocabulary) -> str | None:
    """The word that ``word`` spells in leet, when that is a word the rules know (a closed-class
    word such as "jag", "ska", "med", or a lexicon word) and ``word`` itself is none."""
    plain = vocab.unleet(word)
    if plain is None or closed_classes_of(word):
        return None
    if closed_classes_of(plain) or plain in vocab.phrases or vocab.lookup(plain):
        return plain
    return None


def _only_separators(between: str) -> bool:
    """What may stand between spelled-out letters: a little white space, a dot or a dash."""
    return 0 < len(between) <= 4 and not between.strip(" .-")


def _is_letter(form: str) -> bool:
    return len(form) == 1 and (form.isalpha() or form in LEETISH)


def _spelled_sentence(
    pieces: list[Piece], i: int, text: str, vocab: Vocabulary
) -> list[tuple[int, int]] | None:
    """The words (first and last piece) of a sentence spelled out from piece ``i``: single
    letters one space apart inside a word, two spaces or more between words; at least two
    words of two letters or more, half of them words the rules know (so that uneven spacing
    inside one word, "i d  i o t", is still read as that word), else None."""
    words: list[tuple[int, int]] = []
    first = j = i
    n = len(pieces)
    while j < n and _is_letter(pieces[j][2]):
        between = text[pieces[j][1] : pieces[j + 1][0]] if j + 1 < n else ""
        if j + 1 < n and _is_letter(pieces[j + 1][2]) and between == " ":
            j += 1
            continue
        words.append((first, j))
        if not (j + 1 < n and _is_letter(pieces[j + 1][2]) and _wide_gap(between)):
            break
        first = j = j + 1
    spelled = ["".join(p[2] for p in pieces[a : b + 1]) for a, b in words if b > a]
    if len(spelled) < 2 or words[0][1] == words[0][0]:
        return None
    known = sum(1 for w in spelled if closed_classes_of(w) or vocab.lookup(w))
    return words if 2 * known >= len(spelled) else None


def _wide_gap(between: str) -> bool:
    return 2 <= len(between) <= 6 and not between.strip(" ")


def spelled_run(chunks: list[tuple[int, tuple[Piece, ...]]]) -> bool:
    """Are there three letter pieces in a row (what :func:`join_spaced_letters` needs)?"""
    run = 0
    for _, pieces in chunks:
        for p in pieces:
            form = p[2]
            if len(form) == 1 and (form.isalpha() or form in LEETISH):
                run += 1
                if run == 3:
                    return True
            else:
                run = 0
    return False


def join_spaced_letters(
    pieces: list[Piece],
    text: str,
    vocab: Vocabulary,
    joined: Callable[[int, int, str, tuple[Hit, ...]], Piece],
    make_word: Callable[[int, int, str], Piece],
) -> list[Piece]:
    """Runs of three or more single letters with one space (or dot) between them, when they
    spell a lexicon word that may be obfuscated, become one token (made by ``joined``); a
    sentence spelled out with one space inside words and wider gaps between them becomes its
    words (made by ``make_word``, whatever they are); every other piece stays as it is."""
    if len(pieces) < 3:
        return pieces
    out: list[Piece] = []
    i = 0
    n = len(pieces)
    while i < n:
        # only where a run of letters begins: every piece is looked at once (linear in the text)
        starts_run = i == 0 or not _is_letter(pieces[i - 1][2])
        if starts_run and (words := _spelled_sentence(pieces, i, text, vocab)) is not None:
            # "s p r ä n g   s t a d s h u s e t": words spelled out, wider gaps between them
            for first, last in words:
                w = "".join(p[2] for p in pieces[first : last + 1])
                start, end = pieces[first][0], pieces[last][1]
                out.append(make_word(start, end, w) if last > first else pieces[first])
            i = words[-1][1] + 1
            continue
        j = i
        while (
            j + 1 < n
            and j - i < _LONGEST_SPELLED  # no lexicon word is longer: linear on "a a a a ..."
            and _is_letter(pieces[j][2])
            and _is_letter(pieces[j + 1][2])
            and _only_separators(text[pieces[j][1] : pieces[j + 1][0]])
        ):
            j += 1
        for k in range(j, i + 1, -1):  # the longest run of three or more that spells a word
            word = "".join(p[2] for p in pieces[i : k + 1])
            hits = tuple(h for h in vocab.lookup(word) if h.lexicon in vocab.obfuscated)
            if hits:
                hits = tuple(Hit(h.lexicon, h.lemma, "spaced letters") for h in hits)
                out.append(joined(pieces[i][0], pieces[k][1], word, hits))
                i = k + 1
                break
        else:
            out.append(pieces[i])
            i += 1
    return out
