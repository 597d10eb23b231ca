"""What the IT department watches: ``/metrics`` in Prometheus format and ``/health``.

``/metrics``: requests by route template, method and status (never a raw path: ids would make a
series each), their latencies, pushes and pulls, server errors, and per ward the last time a
laptop pushed (read from ``devices`` at scrape time, one grouped query). Each app has its own
registry, so two servers in one process (the tests) do not share counters.

``/health``: 200 with the version and schema when the database answers and its schema is this
server's; 503 otherwise (a load balancer or systemd watchdog takes it out). Both sit outside
``/console`` and need no sign-in: they hold no personal data (ward ids and counts only); the
deployment guide says how to keep ``/metrics`` to the monitoring host.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from outreach import __version__
from outreach.server.db import ServerDb, current_revision, head_revision
from outreach.server.schema import Device
from outreach.wire.protocol import API_PREFIX

PUSH_PATH = f"{API_PREFIX}/sync/push"
PULL_PATH = f"{API_PREFIX}/sync/pull"


class WardSyncCollector(Collector):
    """Per ward: when a laptop last pushed, and how many active laptops it has."""

    def __init__(self, db: ServerDb) -> None:
        self.db = db

    def collect(self) -> Iterator[GaugeMetricFamily]:
        last = GaugeMetricFamily("outreach_ward_last_sync_timestamp_seconds", "When a laptop of the ward last pushed (Unix time)",
                                 labels=["ward"])
        laptops = GaugeMetricFamily("outreach_ward_active_laptops", "Enrolled, not revoked laptops of the ward", labels=["ward"])
        with self.db.read() as conn:
            rows = conn.execute(select(Device.ward_id, func.count(), func.max(Device.last_seen_at))
                                .where(Device.revoked_at.is_(None), Device.pending.is_(False)).group_by(Device.ward_id)).all()
        for ward_id, count, seen in rows:
            laptops.add_metric([ward_id], count)
            if seen is not None:
                last.add_metric([ward_id], calendar.timegm(seen.utctimetuple()))
        yield last
        yield laptops


def _route_of(request: Request) -> str:
    """The route template that answered (``/console/laptops/{device_id}/revoke``), or a bucket."""
    route = request.scope.get("route")
    template = getattr(route, "path", None)
    root = request.scope.get("root_path", "")
    if template:
        return f"{root}{template}" if root and not template.startswith(root) else template
    path = request.url.path
    return "/console/static" if path.startswith("/console/static/") else "other"


def add_operations(app: FastAPI) -> None:
    """``/metrics``, ``/health`` and the request counters on the server's ``app``."""
    db: ServerDb = app.state.db
    registry = CollectorRegistry()
    requests = Counter("outreach_http_requests", "HTTP requests answered", ["route", "method", "status"], registry=registry)
    latency = Histogram("outreach_http_request_duration_seconds", "Time to answer a request", ["route"], registry=registry,
                        buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
    pushes = Counter("outreach_sync_pushes", "Pushes answered, by status", ["status"], registry=registry)
    pulls = Counter("outreach_sync_pulls", "Pull pages answered, by status", ["status"], registry=registry)
    errors = Counter("outreach_http_errors", "Requests answered with a server error (5xx)", ["route"], registry=registry)
    registry.register(WardSyncCollector(db))
    head = head_revision()
    app.state.metrics_registry = registry

    @app.middleware("http")
    async def _measure(request: Request, call_next: Any) -> Any:
        started = time.perf_counter()
        response = await call_next(request)
        route = _route_of(request)
        status = str(response.status_code)
        requests.labels(route, request.method, status).inc()
        latency.labels(route).observe(time.perf_counter() - started)
        if request.url.path == PUSH_PATH:
            pushes.labels(status).inc()
        elif request.url.path == PULL_PATH:
            pulls.labels(status).inc()
        if response.status_code >= 500:
            errors.labels(route).inc()
        return response

    @app.get("/metrics", include_in_schema=False)
    def metrics() -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    @app.get("/health", include_in_schema=False)
    def health() -> Response:
        try:
            current = current_revision(db.engine)
        except Exception as exc:  # noqa: BLE001 - any database failure means "not healthy"
            return JSONResponse({"status": "error", "database": type(exc).__name__, "version": __version__}, status_code=503)
        ok = current == head
        return JSONResponse({"status": "ok" if ok else "error", "database": "ok", "schema": current, "schema_expected": head,
                             "version": __version__}, status_code=200 if ok else 503)
