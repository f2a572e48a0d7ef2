"""A worker process caps its BLAS threads, whatever a `blas_threads` block asks for."""

from __future__ import annotations

import multiprocessing
import os

import numpy  # noqa: F401  (loads the BLAS that threadpoolctl reports)

from claims.blas import blas_threads, cap_blas_threads


def _threads_inside_a_block_for_two(cap: int | None) -> int:
    from threadpoolctl import threadpool_info

    if cap is not None:
        cap_blas_threads(cap)
    with blas_threads(2):
        return max(info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas")


def test_a_capped_process_keeps_to_its_cap() -> None:
    # In a child process: the cap lasts for the rest of the process.
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_threads_inside_a_block_for_two, (1,)) == 1
        assert pool.apply(_threads_inside_a_block_for_two, (None,)) == 1
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_threads_inside_a_block_for_two, (None,)) == min(2, os.cpu_count() or 1)
