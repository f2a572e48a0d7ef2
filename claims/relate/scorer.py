"""RelationScorer: the relate stage, from claim pairs to explained `Relation` values."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from claims.embed import SpanEmbedder, make_embedder
from claims.language import likeliest_language, other_language
from claims.model import ClaimSlots, Relation
from claims.relate.calibration import ScoreCalibration
from claims.relate.lexicon import load_lexicon
from claims.relate.model import CLASSES, RelationModel, pair_batch
from claims.relate.rules import RULES_VERSION, PairEvidence, decide, loose_titles, model_reads
from claims.relate.slot_diff import compare_slots
from claims.relate.words import align
from claims.slots import extract_slots

if TYPE_CHECKING:
    from claims.model import PairVectors

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]")


def claim_language(text: str, given: str | None = None) -> str | None:
    """The language given, else Arabic when Arabic letters outnumber Latin ones (no
    detector needed), else detected; None where it cannot be told."""
    return given or _detected(text)


@lru_cache(maxsize=8192)
def _detected(text: str) -> str | None:
    if len(_ARABIC_LETTER.findall(text)) > len(_LATIN_LETTER.findall(text)):
        return "ar"
    return likeliest_language(text)


def pair_languages(
    pairs: Sequence[tuple[str, str]],
    languages: Sequence[tuple[str | None, str | None]] | None = None,
) -> list[tuple[str | None, str | None]]:
    """Each side's `claim_language`; a side too short to detect takes the other side's
    language when both are written in one script ("Wagner left Mali" beside an
    English sentence), and stays None otherwise: a German sentence beside an English
    one is not read as English."""
    given = languages if languages is not None else [(None, None)] * len(pairs)
    found = []
    for (a, b), (lang_a, lang_b) in zip(pairs, given, strict=True):
        lang_a, lang_b = claim_language(a, lang_a), claim_language(b, lang_b)
        if lang_a is None and lang_b in ("en", "fr") and _undetected_latin(a):
            lang_a = lang_b
        elif lang_b is None and lang_a in ("en", "fr") and _undetected_latin(b):
            lang_b = lang_a
        found.append((lang_a, lang_b))
    return found


def _undetected_latin(text: str) -> bool:
    """Mostly Latin letters and not clearly another language."""
    return (
        len(_LATIN_LETTER.findall(text)) > len(_ARABIC_LETTER.findall(text))
        and other_language(text) is None
    )


def pair_slots(
    pairs: Sequence[tuple[str, str]],
    languages: Sequence[tuple[str | None, str | None]] | None = None,
) -> list[tuple[ClaimSlots, ClaimSlots]]:
    """Slots of both sides of each pair, as `relate` compares them when given none.

    Texts without a known language are read as Arabic, the corpus' main language
    (the scorer abstains on them; the slots are still shown).
    Each distinct text is extracted once.
    """
    extracted: dict[tuple[str, str], ClaimSlots] = {}

    def slots_of(text: str, language: str | None) -> ClaimSlots:
        key = (text, language or "ar")
        if key not in extracted:
            extracted[key] = extract_slots(text, language=key[1])
        return extracted[key]

    return [
        (slots_of(a, lang_a), slots_of(b, lang_b))
        for (a, b), (lang_a, lang_b) in zip(pairs, pair_languages(pairs, languages), strict=True)
    ]


def _calibration_for(version: str) -> ScoreCalibration | None:
    """The packaged score calibration when it was fitted for this scorer (its model and
    its decision table), else none: raw confidences are then reported as they are
    (bench/bench_score_calibration.py fits)."""
    try:
        calibration = ScoreCalibration.load()
    except FileNotFoundError:
        return None
    return calibration if calibration.model_version == version else None


class RelationScorer:
    """Relates claim pairs with the learned model, then lets slot comparison name the conflict.

    Slot conflicts override an 'agree' from the model because the embedding is blind to
    numbers by design and ANS has few number or date rewrites; dates far apart turn a
    conflict into a change over time (`related`, `temporal=True`). Pairs in two
    languages are judged on slots and embedding alone (see SAME_EVENT_COSINE).
    """

    def __init__(self, embedder: SpanEmbedder | None = None, artefact: Path | None = None) -> None:
        self.model = RelationModel.load(artefact)
        expected = self.model.config["embedder"]
        # The features are those of the embedder the model was trained on: one given is
        # shared when it is that one, else (clustering on another model) the scorer loads
        # its own.
        if embedder is None or embedder.model_id != expected:
            embedder = make_embedder(expected)
        if not isinstance(embedder, SpanEmbedder):
            raise ValueError(f"embedder {embedder.model_id!r} cannot pool spans of its texts")
        self.embedder = embedder
        self.lexicon = load_lexicon()
        self.calibration = _calibration_for(self.version)

    @property
    def version(self) -> str:
        """The model's version and the decision table's (`RULES_VERSION`): relations
        scored under either an older model or older rules are re-scored by `rescore`."""
        return f"{self.model.config['version']}+rules.{RULES_VERSION}"

    def relate(
        self,
        pairs: list[tuple[str, str]],
        slots: Sequence[tuple[ClaimSlots, ClaimSlots]] | None = None,
        languages: Sequence[tuple[str | None, str | None]] | None = None,
        vectors: Sequence[PairVectors] | None = None,
    ) -> list[Relation]:
        """One Relation per pair.

        `slots` (per pair, A then B) are extracted when not given. `languages` (per pair,
        detected where None) guide that extraction and tell cross-language pairs apart.
        `vectors` (per pair, unit vectors of A and B from this scorer's embedder, as the
        store keeps them, or None) spare encoding the pairs the model does not read.
        """
        if not pairs:
            return []
        languages = pair_languages(pairs, languages)
        slot_pairs = slots if slots is not None else pair_slots(pairs, languages)
        alignments = [align(a, b) for a, b in pairs]
        same_language = [a is not None and a == b for a, b in languages]
        read = [k for k, al in enumerate(alignments) if model_reads(same_language[k], al)]
        loose = [
            k for k, al in enumerate(alignments) if loose_titles(same_language[k], al, self.lexicon)
        ]
        probabilities: dict[int, dict[str, float]] = {}
        cosines = np.zeros(len(pairs), dtype=np.float32)
        if read or loose:
            batch = pair_batch([pairs[k] for k in read + loose], self.embedder)
            for k, row, cosine in zip(
                read + loose, self.model.predict_proba(batch), batch.cosine, strict=True
            ):
                probabilities[k] = dict(zip(CLASSES, map(float, row), strict=True))
                cosines[k] = cosine
        rest = [k for k in range(len(pairs)) if k not in probabilities]
        # A loose title pair's reading is its 'conflict' alone (`_contradicting_titles`).
        loose_conflict = {k: probabilities.pop(k)["conflict"] for k in loose}
        cosines[rest] = self._cosines(
            [pairs[k] for k in rest], vectors and [vectors[k] for k in rest]
        )
        relations = []
        for k, ((lang_a, lang_b), (slots_a, slots_b)) in enumerate(
            zip(languages, slot_pairs, strict=True)
        ):
            evidence = PairEvidence(
                cosine=float(cosines[k]),
                languages=(lang_a, lang_b),
                probabilities=probabilities.get(k),
                diff=compare_slots(slots_a, slots_b),
                alignment=alignments[k],
                slots=(slots_a, slots_b),
                lexicon=self.lexicon,
                loose_conflict=loose_conflict.get(k),
            )
            relations.append(self._calibrated(decide(evidence)))
        return relations

    def _calibrated(self, relation: Relation) -> Relation:
        """The rule's raw confidence as the probability that the relation is right."""
        if self.calibration is not None:
            relation.score = round(
                self.calibration.probability(relation.relation, relation.score), 4
            )
        return relation

    def _cosines(
        self, pairs: list[tuple[str, str]], vectors: list[PairVectors] | None
    ) -> np.ndarray:
        """Cosine of each pair, from its given vectors or by encoding each text once."""
        given = vectors or [None] * len(pairs)
        texts = list(
            dict.fromkeys(
                t for pair, v in zip(pairs, given, strict=True) if v is None for t in pair
            )
        )
        encoded = dict(zip(texts, self.embedder.encode(texts), strict=True)) if texts else {}
        sides = [v or (encoded[a], encoded[b]) for (a, b), v in zip(pairs, given, strict=True)]
        return np.array([float(u @ w) for u, w in sides], dtype=np.float32)

    def relate_one(
        self, a: str, b: str, slots: tuple[ClaimSlots, ClaimSlots] | None = None
    ) -> Relation:
        return self.relate([(a, b)], None if slots is None else [slots])[0]
