"""The Emergent stance corpus (English claim vs news headline), development data for the
relation model: it brings English, and hedged reporting, to a model built on Arabic titles.

Ferreira and Vlachos (NAACL 2016), official train split only (see PROVENANCE.md beside
the data); its test split is held out for the project and never read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claims.ans import AnsPair
from claims.stance_csv import read_stance_csv

EMERGENT_LABELS: tuple[str, ...] = ("for", "against", "observing")
# 'observing' reports the claim without taking a side ("reportedly", "X dead?"): neither
# an agreement nor a contradiction, so the model's 'other'.
EMERGENT_TO_CLASS = {"for": "agree", "against": "conflict", "observing": "other"}
# The same classes under ANS's names, to score a relation scorer as on ANS.
_AS_ANS = {"for": "agree", "against": "disagree", "observing": "other"}


@dataclass(frozen=True, slots=True)
class EmergentPair:
    claim_id: str
    claim: str
    headline: str
    stance: str


def load_emergent(data_dir: Path) -> list[EmergentPair]:
    """Rows of `<data_dir>/train.csv` (columns claim_id, claim, article_id, headline, stance)."""
    return read_stance_csv(
        Path(data_dir) / "train.csv",
        "Emergent train split",
        EMERGENT_LABELS,
        lambda r: EmergentPair(r["claim_id"], r["claim"], r["headline"], r["stance"].strip()),
    )


def as_ans_pairs(rows: list[EmergentPair]) -> list[AnsPair]:
    """Claim and headline as an ANS pair with the stance under ANS's name, so
    `claims.ans.evaluate_ans` scores a relation scorer on Emergent as on ANS."""
    return [AnsPair(r.claim, r.headline, _AS_ANS[r.stance]) for r in rows]
