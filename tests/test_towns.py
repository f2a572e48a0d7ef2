"""Towns by GeoNames id, in any spelling, and the table kept in the user's cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.arabic import fold
from claims.slots import towns


@pytest.mark.parametrize(
    ("names", "same"),
    [
        (["Timbuktu", "Tombouctou", "تمبكتو"], True),
        (["Gao", "غاو"], True),  # Mali's Gao: its own name before a town listing it as another
        (["Fès", "Fez", "فاس"], True),
        (["Timbuktu", "Gao"], False),
    ],
)
def test_spellings_of_one_town_share_its_id(names: list[str], same: bool) -> None:
    ids = {towns.town_id(fold(name)) for name in names}
    assert None not in ids
    assert (len(ids) == 1) is same


def test_an_arabic_name_is_also_looked_up_without_its_article() -> None:
    assert towns.town_id(fold("الكيدال")) == towns.town_id(fold("كيدال")) is not None


def test_the_table_is_built_once_then_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    towns._towns.cache_clear()
    try:
        built = towns._towns()
        (cached,) = (tmp_path / "claimcheck").glob("towns-*.json")
        towns._towns.cache_clear()
        monkeypatch.setattr(towns, "_table", lambda: pytest.fail("built again"))
        assert towns._towns() == built
        cached.write_text("{not json", encoding="utf-8")  # a torn file is built again
        towns._towns.cache_clear()
        monkeypatch.setattr(towns, "_table", lambda: {"x": 1})
        assert towns._towns() == {"x": 1}
    finally:
        towns._towns.cache_clear()
