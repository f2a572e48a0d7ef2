"""Folded text keeps a map back to what was written, diacritics or not."""

from __future__ import annotations

import pytest

from claims.arabic import fold
from claims.slots.surface import fold_with_origin


@pytest.mark.parametrize(
    "text",
    ["أرسلت روسيا ١٠٠ جندي", "أَرْسَلَتْ روسيـــا الجُنُودَ", "İstanbul a reçu 300 soldats", ""],
)
def test_every_folded_character_points_at_the_character_it_came_from(text: str) -> None:
    folded = fold_with_origin(text)
    assert len(folded.origin) == len(folded.text)
    assert folded.origin == sorted(folded.origin)
    for char, index in zip(folded.text, folded.origin, strict=True):
        assert char in fold(text[index])


def test_written_gives_back_the_source_with_its_diacritics() -> None:
    folded = fold_with_origin("أَرْسَلَتْ روسيـــا الجُنُودَ")
    start = folded.text.index("روسيا")
    assert folded.written(start, start + len("روسيا")) == "روسيـــا"
    assert fold_with_origin("Mali").origin == [0, 1, 2, 3]
