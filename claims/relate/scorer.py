"""RelationScorer: the relate stage, from claim pairs to explained `Relation` values."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from claims.embed import SpanEmbedder, make_embedder
from claims.language import detect_language
from claims.model import ClaimSlots, Relation
from claims.relate.explain import (
    Evidence,
    differing_words,
    explanation,
    from_slots,
    text_evidence,
)
from claims.relate.lexicon import load_lexicon
from claims.relate.model import CLASSES, PairBatch, RelationModel, pair_batch
from claims.relate.slot_diff import SlotDiff, compare_slots
from claims.relate.words import Alignment
from claims.slots import extract_slots

# 'other' pairs split on embedding cosine: ANS 'other' pairs (different stories on
# related topics) sit mostly between 0.3 and 0.55; below 0.5 we call them unrelated
# unless their slots share an entity and the texts are not far apart (TOPIC_COSINE):
# in a corpus about Russia in Mali, a shared 'mali' alone is no common topic.
RELATED_COSINE = 0.5
TOPIC_COSINE = 0.4
# Across languages no word aligns, so the model, trained on Arabic pairs, answers
# 'other' with near certainty (p > 0.9 for 27 of the 29 same-event pairs of the
# restatement gold). One event is then read from the slots and the embedding: two
# shared slot values at cosine 0.4, or one at 0.6. On that gold, same-event pairs
# sit at 0.41-0.84; the different-event pairs share one value (Russia) at 0.46-0.51.
# Two shared values also overrule the model's 'other' within one language (a
# paraphrase in other words); ANS dev scores are unchanged by it.
SAME_EVENT_COSINE = 0.4
ONE_ANCHOR_COSINE = 0.6

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
    return detect_language(text)


def pair_languages(
    pairs: Sequence[tuple[str, str]],
    languages: Sequence[tuple[str | None, str | None]] | None = None,
) -> list[tuple[str | None, str | None]]:
    """Each side's `claim_language`."""
    given = languages if languages is not None else [(None, None)] * len(pairs)
    return [
        (claim_language(a, lang_a), claim_language(b, lang_b))
        for (a, b), (lang_a, lang_b) in zip(pairs, given, strict=True)
    ]


def pair_slots(
    pairs: Sequence[tuple[str, str]],
    languages: Sequence[tuple[str | None, str | None]] | None = None,
) -> list[tuple[ClaimSlots, ClaimSlots]]:
    """Slots of both sides of each pair, as `relate` compares them when given none.

    Texts without a known language are read as Arabic, the corpus' main language.
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

        `slots` (per pair, A then B) are extracted when not given. `languages` (per pair,
        detected where None) guide that extraction and tell cross-language pairs apart.
        """
        if not pairs:
            return []
        languages = pair_languages(pairs, languages)
        slot_pairs = slots if slots is not None else pair_slots(pairs, languages)
        batch = pair_batch(pairs, self.embedder)
        probabilities = self.model.predict_proba(batch)
        relations = []
        for k, ((lang_a, lang_b), (slots_a, slots_b)) in enumerate(
            zip(languages, slot_pairs, strict=True)
        ):
            p = dict(zip(CLASSES, map(float, probabilities[k]), strict=True))
            cross_language = lang_a is not None and lang_b is not None and lang_a != lang_b
            diff = compare_slots(slots_a, slots_b)
            relations.append(self._decide(batch, k, p, diff, cross_language))
        return relations

    def relate_one(
        self, a: str, b: str, slots: tuple[ClaimSlots, ClaimSlots] | None = None
    ) -> Relation:
        return self.relate([(a, b)], None if slots is None else [slots])[0]

    def _decide(
        self, batch: PairBatch, k: int, p: dict[str, float], diff: SlotDiff, cross_language: bool
    ) -> Relation:
        alignment = batch.alignments[k]
        cosine = float(batch.cosine[k])
        # Word for word one claim (order aside): the model, trained on pairs that all
        # differ somewhere, has no reading for it. The pair agrees as closely as the
        # embedding says, unless its slots differ.
        if not cross_language and not alignment.only_a and not alignment.only_b:
            p = {"agree": cosine, "conflict": 0.0, "other": 0.0}
        model_same = not cross_language and max(p, key=p.__getitem__) != "other"
        slots_same = cosine >= SAME_EVENT_COSINE and diff.anchors >= 2
        slots_same |= cross_language and cosine >= ONE_ANCHOR_COSINE and diff.anchors >= 1
        if not (model_same or slots_same):
            topical = cosine >= RELATED_COSINE or (bool(diff.shared) and cosine >= TOPIC_COSINE)
            label = "related" if topical else "unrelated"
            note = "Same topic, different claims" if label == "related" else "Different stories"
            score = 1.0 - cosine if cross_language else p["other"]
            return Relation(label, score, explanation=f"{note} (cosine {cosine:.2f}).")
        confidence = p["agree"] + p["conflict"] if model_same else cosine
        slot_evidence = from_slots(diff.conflicts, alignment, self.lexicon)
        # Events that undo one another ("withdrew" / "deployed"): within one language
        # the antonym lexicon reads the words themselves, across languages only slots can.
        if cross_language and diff.opposed_events is not None:
            slot_evidence.append(Evidence("polarity", *diff.opposed_events))
        if diff.distant_dates is not None:
            if slot_evidence:
                return Relation(
                    "related",
                    confidence,
                    explanation=explanation(slot_evidence)[:-1] + ": a change over time.",
                    temporal=True,
                )
            # Nothing else differs, so nothing changed between the two dates: the
            # claims date one event twice.
            slot_evidence = from_slots([diff.distant_dates], alignment, self.lexicon)
        # Word evidence needs words to compare; across languages none align.
        words = [] if cross_language else text_evidence(alignment, self.lexicon)
        slot_kinds = {e.kind for e in slot_evidence}
        evidence = slot_evidence + [e for e in words if e.kind not in slot_kinds]
        types = list(dict.fromkeys(e.kind for e in evidence))
        if slot_evidence:
            return Relation("conflict", confidence, types, explanation(evidence))
        if not cross_language and p["conflict"] > p["agree"]:
            text = explanation(evidence) or differing_words(alignment) + "."
            return Relation("conflict", p["conflict"], types, text)
        score = p["agree"] if model_same else confidence
        return Relation("agree", score, explanation=_agreement(alignment, diff, cross_language))


def _agreement(alignment: Alignment, diff: SlotDiff, cross_language: bool) -> str:
    """What both sides say: their shared words, or across languages their shared slots."""
    if cross_language:
        shared = ", ".join(diff.shared + diff.agreements)
    else:
        shared = " ".join(alignment.words_a[i] for i, _ in alignment.matches[:6])
    return f"Both say: {shared}." if shared else "Paraphrases of one claim."
