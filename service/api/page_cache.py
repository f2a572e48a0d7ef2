"""Rendered pages kept in memory and served again while the store has not changed.

The conflict queue is read far more often than it changes: every reviewer's page, the
newsroom tools that poll it. Building a page of 50 (joined rows, ORM objects, response
models, JSON) costs about 15 ms of CPU; a kept page costs a lookup. The key holds the
store's queue generation (`store.conflicts.queue_generation`, kept by triggers in the
database), so a page is never served after any process has committed a change it shows.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from threading import Lock

# Pages kept per process: a page of 50 is about 60 KB of JSON, so at most about 15 MB.
PAGES = 256


@dataclass(frozen=True, slots=True)
class KeptPage:
    """A page's body and its entity tag (a digest of the body), so a client that polls
    with If-None-Match is told "not modified" without the body."""

    body: bytes
    etag: str

    @classmethod
    def of(cls, body: bytes) -> KeptPage:
        return cls(body, '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"')

    def matches(self, if_none_match: str | None) -> bool:
        """Whether an If-None-Match header names this page (or any page, `*`)."""
        if if_none_match is None:
            return False
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or self.etag in tags


class PageCache:
    """The last `size` pages asked for, by key; the least recently used go first.

    Sync routes run on a thread pool, so the dictionary is only touched under a lock;
    two threads missing the same key both build it, which costs time, not correctness.
    """

    def __init__(self, size: int = PAGES) -> None:
        self.size = size
        self._pages: OrderedDict[Hashable, KeptPage] = OrderedDict()
        self._lock = Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], bytes]) -> KeptPage:
        """The page kept under `key`, else `make()`'s, kept for next time."""
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
                return page
        page = KeptPage.of(make())
        with self._lock:
            self._pages[key] = page
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)
        return page
