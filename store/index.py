"""The faiss index of claim vectors, keyed by claim id, persisted next to the database.

The database is the source of truth; the index file is a cache. A sidecar records
model, size and a checksum of the ids, and a sample of the file's vectors is compared
with the database's on loading, so a missing, stale, corrupt or foreign file is
rebuilt from `claim_vectors` instead of serving wrong neighbours.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import faiss
import numpy as np
from sqlalchemy.orm import Session

from store.vectors import load_vector_ids, load_vectors, newest_vector_id, vector_count

log = logging.getLogger(__name__)

# Exact search up to this many vectors, HNSW above. Measured in bench/bench_index.py
# (512-d synthetic, 2 cores): flat takes 0.45 ms per query at 10k, 5.4 ms at 100k and
# 28 ms at 1M. HNSW (M=32, efConstruction=80) keeps 1.000 of the cos >= 0.6 neighbours
# clustering links at 100k with efSearch=128 (1.8 ms per query), but at 1M only 0.842
# with 128, 0.924 with 256 and 0.969 with 512 (8 ms per query on a loaded machine; the
# 1M build took 35 minutes). So efSearch grows with the collection (`ef_search_for`).
HNSW_THRESHOLD = 50_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
# (collection size up to, efSearch); larger collections use 512.
HNSW_EF_SEARCH_STEPS = ((200_000, 128), (500_000, 256))
HNSW_EF_SEARCH_LARGE = 512
# Queries per search below which faiss runs on one thread. A request's single query
# over 100k flat vectors took 181 ms on two OpenMP threads and 66 ms on one, on the
# shared 2-core box (threads spin while they wait for each other when cores are busy).
PARALLEL_QUERIES = 8
# Seconds between two counts of the stored vectors in `ClaimIndex.catch_up` (the count
# that notices deletions scans every id: 5 ms at 100k vectors on SQLite, per article
# ingested or per search if made every time).
DELETION_CHECK_S = 5.0
# Vectors of the file compared with the database's on loading: one small query that
# tells a file holding other vectors under the same ids (another store's, say).
VECTOR_SAMPLE = 64


class IndexPathError(OSError):
    """The index path is taken by something that is not an index file (a directory)."""


def ef_search_for(size: int) -> int:
    """HNSW search breadth that kept >= 0.97 of link neighbours at the sizes measured."""
    return next((ef for limit, ef in HNSW_EF_SEARCH_STEPS if size <= limit), HNSW_EF_SEARCH_LARGE)


@dataclass(frozen=True, slots=True)
class IndexSidecar:
    """What the index file must match to be trusted."""

    model_id: str
    dim: int
    count: int
    ids_sha256: str
    kind: str


def ids_checksum(ids: np.ndarray) -> str:
    """Order-independent fingerprint of a set of claim ids."""
    return hashlib.sha256(np.sort(np.asarray(ids, dtype=np.int64)).tobytes()).hexdigest()


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


class ClaimIndex:
    """Inner-product search over L2-normalised vectors (= cosine), keyed by claim id."""

    def __init__(
        self,
        dim: int,
        model_id: str,
        path: Path | None = None,
        *,
        hnsw_threshold: int = HNSW_THRESHOLD,
    ) -> None:
        self.dim = dim
        self.model_id = model_id
        self.path = Path(path) if path is not None else None
        self.hnsw_threshold = hnsw_threshold
        self._index = faiss.IndexIDMap(self._new_inner(approximate=False))
        # When the vectors were last counted (`catch_up`), and how often they are.
        self.deletion_check_s = DELETION_CHECK_S
        self._counted_at = -math.inf

    def _new_inner(self, *, approximate: bool) -> faiss.Index:
        if not approximate:
            return faiss.IndexFlatIP(self.dim)
        inner = faiss.IndexHNSWFlat(self.dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        inner.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        return inner

    @property
    def kind(self) -> str:
        inner = faiss.downcast_index(self._index.index)
        return "hnsw" if isinstance(inner, faiss.IndexHNSW) else "flat"

    def __len__(self) -> int:
        return int(self._index.ntotal)

    @property
    def ids(self) -> np.ndarray:
        """Claim ids in insertion order."""
        return faiss.vector_to_array(self._index.id_map).astype(np.int64)

    def _all_vectors(self) -> np.ndarray:
        return self._index.index.reconstruct_n(0, len(self))

    def _reset(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        approximate = len(ids) > self.hnsw_threshold
        self._index = faiss.IndexIDMap(self._new_inner(approximate=approximate))
        if len(ids):
            self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), ids)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors for new claim ids (one batch); switches to HNSW past the threshold."""
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self.dim):
            raise ValueError(f"expected ({len(ids)}, {self.dim}) vectors, got {vectors.shape}")
        if not len(ids):
            return
        if self.kind == "flat" and len(self) + len(ids) > self.hnsw_threshold:
            self._reset(np.concatenate([self.ids, ids]), np.vstack([self._all_vectors(), vectors]))
            return
        self._index.add_with_ids(vectors, ids)

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-k neighbours for a batch of queries: (scores, claim ids), ids -1 past the end."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if len(self) == 0 or len(vectors) == 0:
            return (
                np.full((len(vectors), k), -np.inf, dtype=np.float32),
                np.full((len(vectors), k), -1, dtype=np.int64),
            )
        if self.kind == "hnsw":
            faiss.downcast_index(self._index.index).hnsw.efSearch = ef_search_for(len(self))
        if len(vectors) >= PARALLEL_QUERIES:
            return self._index.search(vectors, k)
        # omp_set_num_threads holds for the calling thread only: request threads that
        # search at the same time each keep their own setting.
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            return self._index.search(vectors, k)
        finally:
            faiss.omp_set_num_threads(threads)

    def remove(self, ids: np.ndarray) -> None:
        """Forget claims (deleted articles). HNSW cannot delete in place, so it is rebuilt."""
        ids = np.asarray(ids, dtype=np.int64)
        if self.kind == "flat":
            self._index.remove_ids(ids)
            return
        keep = ~np.isin(self.ids, ids)
        self._reset(self.ids[keep], self._all_vectors()[keep])

    def sidecar(self) -> IndexSidecar:
        return IndexSidecar(
            model_id=self.model_id,
            dim=self.dim,
            count=len(self),
            ids_sha256=ids_checksum(self.ids),
            kind=self.kind,
        )

    def save(self) -> None:
        """Write index then sidecar, each atomically, so a crash leaves a detectable state."""
        if self.path is None:
            raise ValueError("this index has no file path")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Per process: two ingests of one store may save at once.
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        faiss.write_index(self._index, str(tmp))
        os.replace(tmp, self.path)
        meta = sidecar_path(self.path)
        tmp_meta = meta.with_name(f"{meta.name}.{os.getpid()}.tmp")
        tmp_meta.write_text(json.dumps(asdict(self.sidecar()), indent=1))
        os.replace(tmp_meta, meta)

    def rebuild(self, session: Session) -> None:
        """Replace the contents with every vector of this model in the database, and save."""
        ids, vectors = load_vectors(session, self.model_id)
        if len(ids) and vectors.shape[1] != self.dim:
            raise ValueError(
                f"stored {self.model_id!r} vectors have {vectors.shape[1]} dimensions, "
                f"the index expects {self.dim}"
            )
        self._reset(ids, vectors.reshape(len(ids), self.dim))
        if self.path is not None:
            self.save()

    @classmethod
    def load_or_rebuild(cls, session: Session, path: Path, model_id: str, dim: int) -> ClaimIndex:
        """The saved index brought up to date with the database, or a rebuilt one.

        A readable file for the right model is caught up (claims committed after the
        last save are added, deleted ones removed); anything else is rebuilt.
        """
        taken = [p for p in (path, sidecar_path(path)) if p.is_dir()]
        if taken:
            raise IndexPathError(
                f"the claim index path {taken[0]} is a directory; move it away (the index "
                "is rebuilt from the database) or set CLAIMCHECK_DATA_DIR elsewhere"
            )
        index = cls(dim, model_id, path)
        problem = index._read_file() or index._disagreement(session)
        if problem is None:
            if index._catch_up(session):
                index.save()
            return index
        index.rebuild(session)
        if len(index):  # a new, empty store has nothing to warn about
            log.warning("rebuilding claim index %s from the database: %s", path, problem)
        return index

    def _read_file(self) -> str | None:
        """Load the file into self, or say why it cannot be trusted."""
        assert self.path is not None
        meta = sidecar_path(self.path)
        if not self.path.exists() or not meta.exists():
            return "index file or sidecar missing"
        try:
            stored = IndexSidecar(**json.loads(meta.read_text()))
            loaded = faiss.read_index(str(self.path))
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            return f"unreadable ({exc})"
        if (stored.model_id, stored.dim) != (self.model_id, self.dim):
            return f"built for {stored.model_id!r}/{stored.dim}, need {self.model_id!r}/{self.dim}"
        if not isinstance(loaded, faiss.IndexIDMap) or loaded.d != self.dim:
            return "not an id-mapped index of the right size"
        file_ids = faiss.vector_to_array(loaded.id_map).astype(np.int64)
        if len(file_ids) != stored.count or ids_checksum(file_ids) != stored.ids_sha256:
            return "index file does not match its sidecar"
        self._index = loaded
        return None

    def _disagreement(self, session: Session) -> str | None:
        """Why the loaded vectors cannot be trusted, from a sample of them compared with
        the database's vectors of the same claims; None when they agree."""
        positions = np.unique(
            np.linspace(0, len(self) - 1, num=min(VECTOR_SAMPLE, len(self))).astype(np.int64)
        )
        ids = self.ids  # a copy of faiss's id map at every access: taken once
        position_of = {int(ids[p]): int(p) for p in positions}
        stored_ids, stored = load_vectors(session, self.model_id, list(position_of))
        if not len(stored_ids):  # none left in the database: catching up removes them
            return None
        mine = np.vstack([self._index.index.reconstruct(position_of[int(i)]) for i in stored_ids])
        if stored.shape != mine.shape or not np.allclose(stored, mine, atol=1e-6):
            return "the file holds other vectors than the database under the same claim ids"
        return None

    def catch_up(self, session: Session) -> bool:
        """Level the index with the database before it is searched; whether it changed.

        Other processes (ingest, API workers) store claims too. Claims are committed in
        id order under the store's write lock, so the vectors past the highest id held
        are what is new: one index lookup tells. Claims deleted from the database
        (claimcheck deletes none; an operator might) are looked for by comparing counts,
        which scans the store's ids: at most every `deletion_check_s` seconds, so a
        search or an article's relate step costs the same at any store size. A count
        that differs falls back to comparing every id.
        """
        newest = newest_vector_id(session, self.model_id)
        held = int(self.ids.max()) if len(self) else 0
        changed = False
        if newest > held:
            self.add(*load_vectors(session, self.model_id, after=held))
            changed = True
        now = time.monotonic()
        if newest < held or now - self._counted_at >= self.deletion_check_s:
            self._counted_at = now
            if vector_count(session, self.model_id) != len(self):
                changed = self._catch_up(session) or changed
        return changed

    def _catch_up(self, session: Session) -> bool:
        """Add claims the database gained and drop those it lost since the file was saved."""
        stored = load_vector_ids(session, self.model_id)
        if ids_checksum(stored) == ids_checksum(self.ids):
            return False
        gone = np.setdiff1d(self.ids, stored)
        new = np.setdiff1d(stored, self.ids)
        if gone.size:
            self.remove(gone)
        if new.size:
            self.add(*load_vectors(session, self.model_id, new.tolist()))
        log.warning(
            "claim index %s caught up with the database: %d added, %d removed",
            self.path,
            new.size,
            gone.size,
        )
        return True
