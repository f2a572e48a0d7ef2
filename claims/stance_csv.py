"""Reading a stance corpus's CSV split (ANS, Emergent): one way to find it, read it and
refuse labels it should not have."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar


class _Stanced(Protocol):
    @property
    def stance(self) -> str: ...


Row = TypeVar("Row", bound=_Stanced)


def read_stance_csv(
    path: Path, corpus: str, labels: tuple[str, ...], make: Callable[[dict[str, str]], Row]
) -> list[Row]:
    """Every row of `path` as `make` builds it; a missing file or an unknown stance is an
    error naming the file."""
    if not path.is_file():
        raise FileNotFoundError(f"{corpus} not found at {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [make(row) for row in csv.DictReader(handle)]
    unknown = {r.stance for r in rows} - set(labels)
    if unknown:
        raise ValueError(f"{path}: unknown stance labels {sorted(unknown)}")
    return rows
