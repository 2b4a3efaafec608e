"""Shape classes of a token that no word list can hold: links, phone numbers, handles, ages.

A rule names them as ``{#url}``, ``{#phone}``, ``{#handle}``, ``{#number}``, ``{#minor}`` or
``{#weapon}``.
"""

from __future__ import annotations

import regex

__all__ = ["SHAPES", "shapes"]

#: every shape class a token may have
SHAPES = ("#url", "#number", "#minor", "#phone", "#handle", "#weapon")

#: a link: http(s):// or www., or a bare domain with a common top-level domain ("seo-boost24.net")
_URL = regex.compile(
    r"^(?:https?://|www\.)\S+|^[\w-]+(?:\.[\w-]+)*\.(?:se|com|nu|net|org|io|ly|me|info|shop|xyz|example"
    r"|cc|nz|co|biz|online|site|top|club|live|app|link|help|store|pro|click|dk|fi|eu|uk|tk|ru|tv|gg|to"
    r"|work|buzz|icu|sbs|cfd|cyou|rest"
    r"|love|bet|casino|win|vip|fun|space|website|today|world|news|blog|life|pl"
    r"|date|dating|no|de|nl|es|it|fr|ch|at|be|ee|lt|lv|ua|ro|us|ca|ai|bio|cam|sex|xxx|money|cash|loan"
    r"|trade|deals|sale|best|one|page|media|tech|cloud|team|zone|social|games|stream|movie)(?:/\S*)?$"
)
#: a Swedish or international phone number's first token ("070-123", "+46", "0701234567")
_PHONE = regex.compile(r"^(?:\+\d{2,3}|00\d{2,3}|0\d{1,3}-\d{2,}|07\d{8}|0\d{2}-\d{3}-?\d{2,})$")
#: a social-media handle ("@karin.invest.pro") or an e-mail address
_HANDLE = regex.compile(r"^@[\w][\w.]{2,}$|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
#: emoji of weapons and explosives (knife, dagger, pistol, bomb, firecracker, axe): 🔥 and 💥 are
#: left out, since they mostly praise ("🔥🔥 grym konsert")
_WEAPON_EMOJI = frozenset("\U0001f52a\U0001f5e1\U0001f52b\U0001f4a3\U0001f9e8\U0001fa93")
_MINOR = regex.compile(r"^(?:[1-9]|1[0-7])-?(?:år|åring|åringar|åriga|årig|åringen|åringarna)$")


_WEAPON = frozenset({"#weapon"})
_NO_SHAPE: frozenset[str] = frozenset()


def shapes(norm: str) -> frozenset[str]:
    """Shape classes: "#url" for a link, "#number" for a token with a digit, "#minor" for an
    age under 18 ("12-åriga", "15-åringar"), "#phone" for a phone number's first token,
    "#handle" for "@name" or an e-mail address, "#weapon" for an emoji of a weapon."""
    if norm.isalpha():  # no digit, dot, '@' or emoji: no shape (most words)
        return _NO_SHAPE
    if norm in _WEAPON_EMOJI:
        return _WEAPON
    out = []
    if "." in norm and _URL.match(norm):
        out.append("#url")
    if "@" in norm and _HANDLE.match(norm):
        out.append("#handle")
    if any(c.isdigit() for c in norm):
        out.append("#number")
        if _MINOR.match(norm):
            out.append("#minor")
        if _PHONE.match(norm):
            out.append("#phone")
    return frozenset(out)
