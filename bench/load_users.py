"""Locust users for bench/bench_load.py: one class per request the table reports.

Run by bench_load.py as `locust -f bench/load_users.py --headless ... ClassName`; the API
key comes in CLAIMCHECK_BENCH_KEY and the texts are fixed, so every run asks the same.
"""

from __future__ import annotations

import itertools
import os

from locust import FastHttpUser, constant, task

from service.api.page_cache import PAGES

PAIRS = [
    ("Russia sent 300 soldiers to Mali in June", "Russia sent 1,000 soldiers to Mali in June"),
    ("وصل 300 جندي روسي إلى مالي", "Russia sent 1,000 soldiers to Mali"),
    ("The army denied that troops crossed the border", "Troops crossed the border on Monday"),
    ("Wagner withdrew from Mali in June 2023", "Wagner fighters stayed in Mali after June 2023"),
]
QUERIES = [
    "Outlet forces sent 120 soldiers to Gao in March",
    "The ministry reported 40 wounded in Kidal",
    "Officials denied that convoys reached Timbuktu",
    "Protesters gathered in Bamako on Friday",
]


class _BenchUser(FastHttpUser):
    abstract = True
    wait_time = constant(0)

    def on_start(self) -> None:
        self.auth = {"Authorization": f"Bearer {os.environ['CLAIMCHECK_BENCH_KEY']}"}
        self.turn = itertools.count()


class FloorUser(_BenchUser):
    @task
    def health(self) -> None:
        self.client.get("/health", name="health")


class QueueUser(_BenchUser):
    @task
    def queue_page(self) -> None:
        self.client.get("/conflicts?limit=50", headers=self.auth, name="queue")


# Shared by every user of the locust process, so no two ask for the same page in a row.
# Pages asked in turn: a quarter more offsets than a server process keeps pages (the
# store has 20,000 open conflicts, 400 pages of 50), each asked at two page sizes, so
# with up to two server processes, each keeping its own pages, every page has been
# dropped by the time it comes round again.
_QUEUE_TURN = itertools.count()
_OFFSETS = PAGES * 5 // 4


class QueueMissUser(_BenchUser):
    """Pages through more of the queue than the server keeps (service.api.page_cache),
    in turn, so no page is kept when it is asked for again."""

    @task
    def queue_page(self) -> None:
        turn = next(_QUEUE_TURN)
        offset, limit = 50 * (turn % _OFFSETS), 50 - (turn // _OFFSETS) % 2
        self.client.get(f"/conflicts?limit={limit}&offset={offset}", headers=self.auth, name="miss")


class PairUser(_BenchUser):
    @task
    def compare_pair(self) -> None:
        a, b = PAIRS[next(self.turn) % len(PAIRS)]
        self.client.post("/claims/compare", json={"a": a, "b": b}, headers=self.auth, name="pair")


class NeighbourUser(_BenchUser):
    @task
    def compare_neighbours(self) -> None:
        claim = QUERIES[next(self.turn) % len(QUERIES)]
        self.client.post(
            "/claims/compare",
            json={"claim": claim, "k": 5},
            headers=self.auth,
            name="neighbours",
        )


class SearchUser(_BenchUser):
    @task
    def search(self) -> None:
        query = QUERIES[next(self.turn) % len(QUERIES)]
        self.client.get(
            "/claims/search",
            params={"q": query, "k": 10},
            headers=self.auth,
            name="search",
        )
