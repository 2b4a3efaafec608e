"""The fast constructor builds exactly what validation would."""

from __future__ import annotations

from datetime import datetime

import kommentar_regler as kr
from kommentar_regler._models import STOCKHOLM


def test_constructed_decisions_equal_validated_ones(engine: kr.Engine) -> None:
    texts = [
        "Jag ska döda dig",
        "Gatlampan på Storgatan 14 är trasig",
        "Toppen!",
        "Gungan är sönder igen, idioter",
        "Mitt personnummer är 640823-3234",
    ]
    for text in texts:
        d = engine.classify(
            kr.Comment(text=text, posted_at=datetime(2026, 5, 4, 9, tzinfo=STOCKHOLM))
        )
        again = kr.Decision.model_validate(d.model_dump())
        assert again == d
        assert again.model_dump(mode="json") == d.model_dump(mode="json")
        assert d.model_fields_set == again.model_fields_set | {"format_version"}
        for f in d.findings:
            assert kr.Finding.model_validate(f.model_dump()) == f
        for a in d.actions:
            assert kr.Action.model_validate(a.model_dump()) == a


def test_a_comment_from_a_string_equals_a_validated_one() -> None:
    from kommentar_regler._models import comment_from_text

    fast = comment_from_text("Gatlampan är trasig")
    slow = kr.Comment(text="Gatlampan är trasig")
    assert fast == slow
    assert fast.model_dump() == slow.model_dump()
    assert fast.model_fields_set == slow.model_fields_set == {"text"}
