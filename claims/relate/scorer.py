"""RelationScorer: the relate stage, from claim pairs to explained `Relation` values."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from claims.embed import Embedder, make_embedder
from claims.model import ClaimSlots, Relation
from claims.relate.explain import Evidence, differing_words, explanation, from_slots, text_evidence
from claims.relate.lexicon import load_lexicon
from claims.relate.model import CLASSES, PairBatch, RelationModel, pair_batch
from claims.relate.slot_diff import SlotDiff, compare_slots

# 'other' pairs split on embedding cosine: ANS 'other' pairs (different stories on
# related topics) sit mostly between 0.3 and 0.55; below 0.5 we call them unrelated
# unless their slots share an entity.
RELATED_COSINE = 0.5


class RelationScorer:
    """Relates claim pairs with the learned model, then lets slot comparison name the conflict.

    Slot conflicts override an 'agree' from the model because the embedding is blind to
    numbers by design and ANS has few number or date rewrites; dates far apart turn a
    conflict into a change over time (`related`, `temporal=True`).
    """

    def __init__(self, embedder: Embedder | None = None, artefact: Path | None = None) -> None:
        self.model = RelationModel.load(artefact)
        expected = self.model.config["embedder"]
        self.embedder = embedder or make_embedder(expected)
        if self.embedder.model_id != expected:
            raise ValueError(
                f"relation model was trained on {expected!r} vectors, "
                f"got {self.embedder.model_id!r}"
            )
        self.lexicon = load_lexicon()

    @property
    def version(self) -> str:
        return str(self.model.config["version"])

    def relate(
        self,
        pairs: list[tuple[str, str]],
        slots: Sequence[tuple[ClaimSlots, ClaimSlots]] | None = None,
        languages: Sequence[tuple[str | None, str | None]] | None = None,
    ) -> list[Relation]:
        """One Relation per pair; all texts are embedded in one call.

        `slots` (per pair, A then B) add typed conflicts; without them, slots are extracted
        when the slot extractor is installed. `languages` only guides that extraction.
        """
        if not pairs:
            return []
        batch = pair_batch(pairs, self.embedder)
        probabilities = self.model.predict_proba(batch)
        slot_pairs = slots if slots is not None else _extract_slots(pairs, languages)
        relations = []
        for k in range(len(pairs)):
            diff = compare_slots(*slot_pairs[k]) if slot_pairs is not None else SlotDiff()
            p = dict(zip(CLASSES, map(float, probabilities[k]), strict=True))
            relations.append(self._decide(batch, k, p, diff))
        return relations

    def relate_one(
        self, a: str, b: str, slots: tuple[ClaimSlots, ClaimSlots] | None = None
    ) -> Relation:
        return self.relate([(a, b)], None if slots is None else [slots])[0]

    def _decide(self, batch: PairBatch, k: int, p: dict[str, float], diff: SlotDiff) -> Relation:
        alignment = batch.alignments[k]
        slot_evidence = from_slots(diff.conflicts)
        slot_kinds = {e.kind for e in slot_evidence}
        evidence = slot_evidence + [
            e for e in text_evidence(alignment, self.lexicon) if e.kind not in slot_kinds
        ]
        top = max(p, key=p.__getitem__)
        same_event = p["agree"] + p["conflict"]
        if top == "other":
            cosine = float(batch.cosine[k])
            label = "related" if cosine >= RELATED_COSINE or diff.shared_entities else "unrelated"
            note = "Same topic, different claims" if label == "related" else "Different stories"
            return Relation(label, p["other"], explanation=f"{note} (cosine {cosine:.2f}).")
        if diff.temporal and slot_evidence:
            return Relation(
                "related",
                same_event,
                explanation=explanation(slot_evidence)[:-1] + ": a change over time.",
                temporal=True,
            )
        if slot_evidence:
            types = list(dict.fromkeys(e.kind for e in evidence))
            return Relation("conflict", same_event, types, explanation(evidence))
        if top == "conflict":
            types = list(dict.fromkeys(e.kind for e in evidence))
            text = explanation(evidence) or differing_words(alignment) + "."
            return Relation("conflict", p["conflict"], types, text)
        return Relation("agree", p["agree"], explanation=_agreement(alignment, evidence))


def _agreement(alignment, evidence: list[Evidence]) -> str:
    shared = " ".join(alignment.words_a[i] for i, _ in alignment.matches[:6])
    return f"Both say: {shared}." if shared else "Paraphrases of one claim."


def _extract_slots(
    pairs: list[tuple[str, str]],
    languages: Sequence[tuple[str | None, str | None]] | None,
) -> list[tuple[ClaimSlots, ClaimSlots]] | None:
    """Slots from the slot extractor when it is installed; None keeps the text-only path."""
    try:
        from claims.language import detect_language
        from claims.slots import extract_slots
    except ImportError:
        return None
    out = []
    for k, (a, b) in enumerate(pairs):
        lang_a, lang_b = languages[k] if languages is not None else (None, None)
        out.append(
            (
                extract_slots(a, language=lang_a or detect_language(a) or "ar"),
                extract_slots(b, language=lang_b or detect_language(b) or "ar"),
            )
        )
    return out
