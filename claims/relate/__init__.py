"""The relate stage: do two claims agree, conflict, or only share a topic, and why."""

from claims.relate.model import MODEL_VERSION, RelationModel
from claims.relate.rules import RELATED_COSINE
from claims.relate.scorer import RelationScorer, pair_languages, pair_slots
from claims.relate.slot_diff import SlotConflict, SlotDiff, compare_slots, quantities_agree
from claims.relate.train import TrainingReport, train_relation_model

__all__ = [
    "MODEL_VERSION",
    "RELATED_COSINE",
    "RelationModel",
    "RelationScorer",
    "SlotConflict",
    "SlotDiff",
    "TrainingReport",
    "compare_slots",
    "pair_languages",
    "pair_slots",
    "quantities_agree",
    "train_relation_model",
]
