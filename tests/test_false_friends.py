"""Place names and everyday words that look like abuse must never be flagged."""

from __future__ import annotations

import csv

import pytest

import kommentar_regler as kr

from .conftest import SHARED

_PLACES = SHARED / "data" / "places"
_SEVERE = {kr.Category.OFFENSIVE, kr.Category.CRIMINAL}


def _names() -> list[str]:
    if not _PLACES.is_dir():  # pragma: no cover - CI always has shared/ beside the checkout
        pytest.skip("../shared/data/places is not beside this checkout")
    names = [row[0] for row in csv.reader((_PLACES / "ortsnamn.csv").open(encoding="utf-8-sig"))]
    with (_PLACES / "kommuner.csv").open(encoding="utf-8-sig") as f:
        names += [row["name"].removesuffix(" kommun") for row in csv.DictReader(f)]
    return [n for n in names if n and n != "city"]


def test_no_swedish_place_name_is_offensive(engine: kr.Engine) -> None:
    names = _names()
    assert len(names) > 2000
    flagged = []
    for name in names:
        for text in (name, f"Välkommen till {name}!", f"Gatlampan vid skolan i {name} är trasig"):
            d = engine.classify(text)
            # the review net's weak findings (score < 0.5) ask a person to look; they decide nothing
            if _SEVERE & {f.category for f in d.findings if f.score >= 0.5}:
                flagged.append((text, [(f.text, f.rule_id) for f in d.findings]))
                break
    assert not flagged, flagged[:20]


@pytest.mark.parametrize(
    "text",
    [
        "Välkommen till Kukkola",
        "Fjuckby har fått en ny busshållplats",
        "Jag köpte en kuksa på marknaden",
        "Vi ses i slutet av veckan",
        "Titta på farten vid skolan",
        "Ge mamma en puss",
        "Han är gift sedan i somras",
        "Stake ut vägen innan snön kommer",
        "Vi ska sätta på kaffet",
        "Åsen är vacker i höst",
        "Ring mig på 070-123 45 67",
        "Jag skrattade ihjäl mig",
        "Förslaget dödar landsbygden",
        "Kan ni skjuta fram mötet?",
        "Ett bombsäkert recept på kanelbullar",
        "Jag skulle aldrig slå någon",
        "Marsvinet på förskolan heter Sigge",
        "Ett idiotiskt beslut av nämnden, ni borde skämmas",
        "Politikerna är helt inkompetenta och borde avgå",
        "Stoppa invandringen",
        "För hög invandring enligt mig",
        "Islamiska förbundet inbjuder till öppet hus",
    ],
)
def test_near_misses_are_not_offensive_or_criminal(engine: kr.Engine, text: str) -> None:
    d = engine.classify(text)
    assert d.category not in _SEVERE, [(f.text, f.rule_id) for f in d.findings]
    assert not (_SEVERE & set(d.categories))
