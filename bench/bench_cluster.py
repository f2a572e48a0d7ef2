"""Cluster quality on the restatement gold: purity, pairwise precision/recall, cross-language.

Articles are the Arabic seeds plus the English/French restatements in
tests/fixtures/restatements/; each file is one source. Claims come from
`claims.extract.extract_claims` when it exists, else one claim per sentence.

    HF_HUB_OFFLINE=1 python bench/bench_cluster.py [--embedder use-m3-raw] [--sweep]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.clean import clean_article  # noqa: E402
from claims.cluster import (  # noqa: E402
    LINK_THRESHOLD,
    NEIGHBOURS,
    ClaimPoint,
    candidate_links,
    cluster_components,
)
from claims.embed import make_embedder  # noqa: E402
from claims.model import Claim  # noqa: E402
from claims.segment import split_sentences  # noqa: E402
from claims.slots.anaphora import resolved_text  # noqa: E402

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
RESTATEMENTS = ROOT / "tests" / "fixtures" / "restatements"


@dataclass(frozen=True, slots=True)
class CorpusClaim:
    claim_id: int
    source: str
    language: str
    claim: Claim


def language_of(path: Path) -> str:
    return path.name[:2] if path.name[:2] in ("en", "fr") else "ar"


def extract(text: str, language: str) -> tuple[list[Claim], str]:
    cleaned = clean_article(text)
    try:
        from claims.extract import extract_claims
    except ImportError:
        sentences = split_sentences(cleaned)
        claims = [Claim(s.text, s.start, s.end, language) for s in sentences]
        return claims, "one claim per sentence (claims.extract not available)"
    return extract_claims(cleaned, language=language), "claims.extract.extract_claims"


def load_corpus() -> tuple[list[CorpusClaim], str]:
    files = sorted(SEEDS.glob("*.txt")) + sorted(RESTATEMENTS.glob("*.txt"))
    corpus: list[CorpusClaim] = []
    how = ""
    for path in files:
        language = language_of(path)
        claims, how = extract(path.read_text(encoding="utf-8"), language)
        corpus += [
            CorpusClaim(len(corpus) + i, path.name, language, c) for i, c in enumerate(claims)
        ]
    return corpus, how


def find_claim(corpus: list[CorpusClaim], side: dict[str, str]) -> int | None:
    for item in corpus:
        if item.source == side["file"] and side["text"] in item.claim.text:
            return item.claim_id
    return None


def neighbours(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact top-k by cosine (what ClaimIndex returns below its HNSW threshold)."""
    scores = vectors @ vectors.T
    order = np.argsort(-scores, axis=1)[:, :k]
    return np.take_along_axis(scores, order, axis=1), order


def clusters_at(
    corpus: list[CorpusClaim], scores: np.ndarray, ids: np.ndarray, threshold: float
) -> list[list[int]]:
    points = {
        c.claim_id: ClaimPoint(c.claim_id, c.source, c.claim.check_worthy, c.claim.slots)
        for c in corpus
    }
    links = candidate_links([c.claim_id for c in corpus], ids, scores, points, threshold=threshold)
    return cluster_components(links)


def score(
    predicted: list[list[int]], gold_pairs: list[tuple[int, int, bool]], gold_ids: set[int]
) -> dict[str, float]:
    """Pairwise P/R over every pair of gold claims, purity of predicted clusters on them."""
    label = {}
    for number, group in enumerate(predicted):
        label.update(dict.fromkeys(group, number))
    gold_label = {}
    for number, group in enumerate(
        cluster_components([(a, b) for a, b, same in gold_pairs if same])
    ):
        gold_label.update(dict.fromkeys(group, number))
    gold_label.update({i: f"alone-{i}" for i in gold_ids if i not in gold_label})
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold_ids), 2):
        same_pred = a in label and label.get(a) == label.get(b)
        same_gold = gold_label[a] == gold_label[b]
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    majority = 0
    covered = 0
    for group in predicted:
        inside = [gold_label[i] for i in group if i in gold_ids]
        if inside:
            majority += max(inside.count(g) for g in set(inside))
            covered += len(inside)
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "purity": majority / covered if covered else 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedder", default="use-m3")
    parser.add_argument("--sweep", action="store_true", help="print P/R over thresholds")
    args = parser.parse_args()

    corpus, how = load_corpus()
    embedder = make_embedder(args.embedder)
    vectors = embedder.encode([resolved_text(c.claim.text, c.claim.slots) for c in corpus])
    gold = json.loads((RESTATEMENTS / "gold_pairs.json").read_text(encoding="utf-8"))["pairs"]
    resolved = [(find_claim(corpus, p["a"]), find_claim(corpus, p["b"]), p) for p in gold]
    missing = [p for a, b, p in resolved if a is None or b is None]
    pairs = [(a, b, p["same_cluster"]) for a, b, p in resolved if a is not None and b is not None]
    gold_ids = {i for a, b, _ in pairs for i in (a, b)}
    scores, ids = neighbours(vectors, NEIGHBOURS)

    print(f"embedder {embedder.model_id}; claims: {how}")
    print(
        f"{len(corpus)} claims from {len({c.source for c in corpus})} sources; "
        f"gold pairs {len(pairs)}/{len(gold)} resolved, gold claims {len(gold_ids)}"
    )
    for p in missing:
        print(
            f"  unresolved: {p['a']['file']}:{p['a']['text']!r} / "
            f"{p['b']['file']}:{p['b']['text']!r}"
        )

    thresholds = np.round(np.arange(0.40, 0.86, 0.02), 2) if args.sweep else [LINK_THRESHOLD]
    for threshold in thresholds:
        predicted = clusters_at(corpus, scores, ids, float(threshold))
        m = score(predicted, pairs, gold_ids)
        multi = [g for g in predicted if len(g) > 1]
        print(
            f"threshold {threshold:.2f}: purity {m['purity']:.3f}  pairwise P {m['precision']:.3f} "
            f"R {m['recall']:.3f}  clusters {len(multi)} holding {sum(map(len, multi))} claims"
        )

    predicted = clusters_at(corpus, scores, ids, LINK_THRESHOLD)
    label = {i: n for n, group in enumerate(predicted) for i in group}
    language = {c.claim_id: c.language for c in corpus}
    print(f"\nper gold pair at threshold {LINK_THRESHOLD} (cos, clustered together?):")
    cross_hits = cross_total = 0
    for a, b, p in resolved:
        if a is None or b is None:
            continue
        together = a in label and label.get(a) == label.get(b)
        if p["same_cluster"] and language[a] != language[b]:
            cross_total += 1
            cross_hits += together
        mark = "ok " if together == p["same_cluster"] else "MISS"
        kind = p["relation"] + (f"/{p['conflict_type']}" if p["conflict_type"] else "")
        print(
            f"  {mark} cos {float(vectors[a] @ vectors[b]):.3f} {kind:<18} "
            f"{language[a]}-{language[b]} {p['b']['text'][:50]!r}"
        )
    print(f"cross-language gold pairs clustered together: {cross_hits}/{cross_total}")
    for group in predicted:
        sources = {corpus[i].source for i in group}
        texts = " | ".join(corpus[i].claim.text[:60] for i in group)
        print(f"  cluster of {len(group)} from {len(sources)} sources: {texts}")


if __name__ == "__main__":
    main()
