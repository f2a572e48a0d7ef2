"""Claim embeddings in the database: the durable copy the faiss index is rebuilt from.

Every vector row carries the id of the model that produced it, so a change of
embedder is detected (`check_model`) instead of silently mixing vector spaces.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from store.models import Claim, ClaimVector

REEMBED_COMMAND = "claimcheck index rebuild --reembed"


class EmbeddingModelMismatch(RuntimeError):
    """Stored vectors come from another model than the configured embedder."""


def save_vectors(
    session: Session, claim_ids: Sequence[int], vectors: np.ndarray, model_id: str
) -> None:
    """Store (or replace) one float32 vector per claim and stamp the claims with the model.

    Writes within the caller's transaction and commits nothing: the ingest unit of
    work commits claims and vectors together or not at all.
    """
    rows = _vector_rows(claim_ids, vectors, model_id)
    if not rows:
        return
    ids = [row["claim_id"] for row in rows]
    existing = set(
        session.scalars(select(ClaimVector.claim_id).where(ClaimVector.claim_id.in_(ids)))
    )
    new = [row for row in rows if row["claim_id"] not in existing]
    if new:
        session.execute(insert(ClaimVector), new)
    replaced = [row for row in rows if row["claim_id"] in existing]
    if replaced:
        session.execute(update(ClaimVector), replaced)
    _stamp(session, ids, model_id)


def add_vectors(
    session: Session, claim_ids: Sequence[int], vectors: np.ndarray, model_id: str
) -> None:
    """`save_vectors` for claims that have no vector yet (just stored): no looking first."""
    rows = _vector_rows(claim_ids, vectors, model_id)
    if rows:
        session.execute(insert(ClaimVector), rows)
        _stamp(session, [row["claim_id"] for row in rows], model_id)


def _vector_rows(
    claim_ids: Sequence[int], vectors: np.ndarray, model_id: str
) -> list[dict[str, object]]:
    ids = [int(i) for i in claim_ids]
    matrix = np.ascontiguousarray(vectors, dtype=np.float32)
    if matrix.ndim != 2 or matrix.shape[0] != len(ids):
        raise ValueError(f"expected {len(ids)} vectors, got an array of shape {matrix.shape}")
    dim = int(matrix.shape[1])
    # Core statements, not one ORM object per vector: building and flushing those cost
    # more than the rest of storing an article (bench/bench_ingest.py).
    return [
        {"claim_id": claim_id, "model_id": model_id, "dim": dim, "vector": row.tobytes()}
        for claim_id, row in zip(ids, matrix, strict=True)
    ]


def _stamp(session: Session, claim_ids: list[object], model_id: str) -> None:
    session.execute(update(Claim).where(Claim.id.in_(claim_ids)).values(embedding_model=model_id))


# Ids per query when loading chosen vectors: far below PostgreSQL's bind-parameter limit.
_IDS_PER_QUERY = 10_000


def load_vectors(
    session: Session,
    model_id: str,
    claim_ids: Sequence[int] | None = None,
    *,
    after: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Vectors of one model as (ids int64 ascending, float32 matrix): all, the given ids,
    or those of claims with an id above `after`."""
    query = select(ClaimVector.claim_id, ClaimVector.dim, ClaimVector.vector).where(
        ClaimVector.model_id == model_id
    )
    if after is not None:
        query = query.where(ClaimVector.claim_id > after)
    if claim_ids is None:
        rows = session.execute(query.order_by(ClaimVector.claim_id)).all()
    else:
        wanted = sorted(int(i) for i in claim_ids)
        rows = []
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start : start + _IDS_PER_QUERY]
            rows += session.execute(
                query.where(ClaimVector.claim_id.in_(chunk)).order_by(ClaimVector.claim_id)
            ).all()
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
    dims = {row.dim for row in rows}
    if len(dims) != 1:
        raise EmbeddingModelMismatch(
            f"vectors of model {model_id!r} have several sizes {sorted(dims)}; "
            f"run `{REEMBED_COMMAND}`"
        )
    ids = np.fromiter((row.claim_id for row in rows), dtype=np.int64, count=len(rows))
    matrix = np.frombuffer(b"".join(row.vector for row in rows), dtype=np.float32)
    return ids, matrix.reshape(len(rows), dims.pop()).copy()


def stored_vectors(
    session: Session, model_id: str, claim_ids: Iterable[int]
) -> dict[int, np.ndarray] | None:
    """Each claim's stored vector of this model by id, or None unless every claim has one:
    what stands in for encoding claims again (all or nothing, as a scorer takes them)."""
    wanted = {int(i) for i in claim_ids}
    stored = dict(zip(*load_vectors(session, model_id, sorted(wanted)), strict=True))
    return stored if stored.keys() >= wanted else None


def load_vector_ids(session: Session, model_id: str) -> np.ndarray:
    """Ids of the claims that have a vector of this model, ascending (cheap: no blobs)."""
    ids = session.scalars(
        select(ClaimVector.claim_id)
        .where(ClaimVector.model_id == model_id)
        .order_by(ClaimVector.claim_id)
    ).all()
    return np.asarray(ids, dtype=np.int64)


def newest_vector_id(session: Session, model_id: str) -> int:
    """The highest claim id with a vector of this model (0 for none): one index lookup,
    whatever the store's size."""
    newest = session.scalar(
        select(func.max(ClaimVector.claim_id)).where(ClaimVector.model_id == model_id)
    )
    return int(newest or 0)


def vector_count(session: Session, model_id: str) -> int:
    """How many vectors of this model are stored: a scan of the model's index entries,
    so its cost grows with the store."""
    count = session.scalar(
        select(func.count()).select_from(ClaimVector).where(ClaimVector.model_id == model_id)
    )
    return int(count or 0)


def stored_model_counts(session: Session) -> dict[str, int]:
    """How many vectors each model id holds."""
    rows = session.execute(
        select(ClaimVector.model_id, func.count()).group_by(ClaimVector.model_id)
    ).all()
    return {model: int(count) for model, count in rows}


def check_model(session: Session, embedder_model_id: str) -> None:
    """Refuse to mix vector spaces: fail if any stored vector comes from another model."""
    others = {m: n for m, n in stored_model_counts(session).items() if m != embedder_model_id}
    if others:
        found = ", ".join(f"{model!r} ({count} vectors)" for model, count in sorted(others.items()))
        raise EmbeddingModelMismatch(
            f"the database holds vectors from {found} but the configured embedder is "
            f"{embedder_model_id!r}; re-embed every claim with `{REEMBED_COMMAND}` "
            "(or set CLAIMCHECK_EMBEDDER back to the stored model)"
        )
