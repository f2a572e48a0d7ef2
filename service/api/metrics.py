"""Prometheus metrics: requests and their latency by route, the queue by status, ingests.

Each app has its own registry, so two apps in one process (tests) never share counts.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy.orm import Session, sessionmaker
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from store.conflicts import status_counts
from store.db import unit_of_work


class QueueCollector(Collector):
    """Counts conflicts by status when scraped, so the figure is never stale."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.session_factory = session_factory

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "claimcheck_conflicts", "Conflicts in the review queue, by status", labels=["status"]
        )
        with unit_of_work(self.session_factory) as session:
            for status, count in status_counts(session=session).items():
                family.add_metric([status], count)
        yield family


class ServiceMetrics:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "claimcheck_http_requests",
            "HTTP requests answered, by route template and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "claimcheck_http_request_duration_seconds",
            "Time to answer an HTTP request, by route template",
            ["method", "route"],
            registry=self.registry,
        )
        self.ingested = Counter(
            "claimcheck_articles_ingested",
            "Articles posted to POST /articles, by outcome (new, duplicate, rejected)",
            ["outcome"],
            registry=self.registry,
        )
        self.registry.register(QueueCollector(session_factory))


class MetricsMiddleware:
    """Times every HTTP request and counts it under its route template (bounded labels)."""

    def __init__(self, app: ASGIApp, metrics: ServiceMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            route = scope.get("route")
            # Starlette fills scope["route"] in place while routing; unmatched paths share one
            # label so a scan of random URLs cannot grow the metric without bound.
            template = getattr(route, "path", None) or "unmatched"
            self.metrics.requests.labels(scope["method"], template, str(status)).inc()
            self.metrics.latency.labels(scope["method"], template).observe(
                time.perf_counter() - started
            )
