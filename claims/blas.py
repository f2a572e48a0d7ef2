"""BLAS threads per call: small products run faster on one thread than on two.

Two OpenBLAS threads on a one-row product spend more in hand-offs than they save,
and spin while waiting, so a one-pair compare burnt twice the CPU for no gain.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import cache
from typing import Any


@cache
def _controller() -> Any:
    # Scanning the loaded libraries takes milliseconds: once per process.
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def blas_threads(threads: int) -> AbstractContextManager[Any]:
    """Limit numpy's BLAS to `threads` threads inside a `with` block."""
    return _controller().limit(limits=threads, user_api="blas")
