"""BLAS threads per call: small products run faster on one thread than on two.

Two OpenBLAS threads on a one-row product spend more in hand-offs than they save,
and spin while waiting, so a one-pair compare burnt twice the CPU for no gain.
A worker process that shares the cores with its siblings caps its own threads
(`cap_blas_threads`), whatever a `blas_threads` block then asks for.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import cache
from typing import Any

_cap: int | None = None


@cache
def _controller() -> Any:
    # Scanning the loaded libraries takes milliseconds: once per process.
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def blas_threads(threads: int) -> AbstractContextManager[Any]:
    """Limit numpy's BLAS to `threads` threads (or this process' cap) inside a `with` block."""
    return _controller().limit(limits=min(threads, _cap or threads), user_api="blas")


def cap_blas_threads(threads: int) -> None:
    """Hold this process to at most `threads` BLAS threads from now on."""
    global _cap
    _cap = threads
    _controller().limit(limits=threads, user_api="blas")
