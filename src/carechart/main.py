"""create_app(): lifespan, middleware, problem handlers, routers and /metrics."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from arq.connections import ArqRedis
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline
from prometheus_client import CollectorRegistry
from prometheus_fastapi_instrumentator import Instrumentator
from pydantic import TypeAdapter
from pydantic.json_schema import JsonSchemaMode
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from carechart import __version__
from carechart.audit.router import router as audit_router
from carechart.auth.router import router as auth_router
from carechart.core.config import Settings, get_settings
from carechart.core.db import create_engine, create_sessionmaker
from carechart.core.limits import BodySizeLimitMiddleware
from carechart.core.logging import RequestContextMiddleware, configure_logging
from carechart.core.metrics import RouteTemplateMiddleware, request_duration, requests_total
from carechart.core.offload import ProcessPool, ThreadPool
from carechart.core.pagination import CursorCodec
from carechart.core.problems import (
    Problem,
    ProblemMiddleware,
    document_problems,
    install_problem_handlers,
)
from carechart.core.security import Passwords
from carechart.core.security_headers import SecurityHeadersMiddleware
from carechart.fhir.middleware import OperationOutcomeMiddleware
from carechart.fhir.router import router as fhir_router
from carechart.health.router import router as health_router
from carechart.idempotency.dependencies import install as install_idempotency
from carechart.notes.analysis import worker_modules
from carechart.notes.nlp import warm_up
from carechart.notes.router import OPENAPI_EXTRA_MODELS, chart_router
from carechart.notes.router import router as notes_router
from carechart.patients.router import router as patients_router
from carechart.summaries.router import router as summaries_router

DESCRIPTION = """
Patient records, clinical notes and summaries for care teams.

Every patient endpoint handles protected health information and needs a bearer token:
use **Authorize** with your email and password. Errors are RFC 9457 `application/problem+json`.
"""


# Fine enough below 100 ms for per-route p50/p95/p99 (the default has only 0.1, 0.5 and 1 s).
LATENCY_BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

ROUTERS = (
    health_router,
    auth_router,
    patients_router,
    notes_router,
    chart_router,
    summaries_router,
    audit_router,
    fhir_router,
)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    # The drug vocabulary (and the status model's weights when on), once per process, before
    # anything is opened: a missing or broken weights file stops the start-up, not a note.
    await asyncio.to_thread(warm_up, status_model=settings.status_model_enabled)
    engine = create_engine(settings)
    # ArqRedis is a redis.asyncio client that can also enqueue arq jobs.
    redis = ArqRedis.from_url(settings.redis_url, socket_timeout=2, socket_connect_timeout=2)
    # CPU-bound work of requests: note reading and analysis in killable worker processes,
    # argon2 in threads. Nothing CPU-heavy runs on the event loop.
    cpu_pool = ProcessPool(
        workers=settings.cpu_workers,
        queue_timeout_s=settings.cpu_queue_timeout_s,
        preload=worker_modules(settings),
    )
    hashing = ThreadPool(
        workers=settings.password_hash_workers,
        queue_timeout_s=settings.cpu_queue_timeout_s,
        name="argon2",
    )
    app.state.engine = engine
    app.state.sessionmaker = create_sessionmaker(engine)
    app.state.redis = redis
    app.state.cpu_pool = cpu_pool
    app.state.passwords = Passwords(hashing)
    await cpu_pool.start()
    try:
        yield
    finally:
        await cpu_pool.close()
        hashing.close()
        await redis.aclose()
        await engine.dispose()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    docs = settings.docs_enabled
    # FastAPIOffline serves Swagger UI from local files but insists on an OpenAPI URL.
    factory: Callable[..., FastAPI] = FastAPIOffline if docs else FastAPI
    app = factory(
        title="Carechart",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url=None,
        openapi_url="/openapi.json" if docs else None,
        swagger_ui_parameters={"persistAuthorization": False},
    )
    app.state.settings = settings
    app.state.cursor_codec = CursorCodec(settings.secret_key.get_secret_value().encode())
    install_problem_handlers(app)
    install_idempotency(app)
    for router in ROUTERS:
        document_problems(router)
        app.include_router(router)
    if settings.metrics_enabled:
        _install_metrics(app)
    _install_middleware(app, settings)
    # Request bodies are documented as they are read; the problem as it is written.
    extra_models: dict[type[Any], JsonSchemaMode] = dict.fromkeys(
        OPENAPI_EXTRA_MODELS, "validation"
    )
    _document_extra_models(app, {**extra_models, Problem: "serialization"})
    return app


def _install_metrics(app: FastAPI) -> None:
    """/metrics, and per request the two series the dashboards read (deploy/grafana): requests
    by handler, method and status, and latency by handler and method. The instrumentator's
    other defaults (request and response size summaries, a 21-bucket latency histogram without
    labels) are left out: nothing reads them, and they tripled its bookkeeping per request.
    The two series are the library's, recorded with less work per request (core/metrics.py)."""
    registry = CollectorRegistry()
    instrumentator = Instrumentator(
        should_group_untemplated=True, excluded_handlers=["/metrics"], registry=registry
    )
    instrumentator.add(
        requests_total(registry), request_duration(registry, buckets=LATENCY_BUCKETS_S)
    )
    # As `instrumentator.instrument(app)` adds its middleware, with the variant that reads the
    # route template from the router's match (core/metrics.py: some 70 us less per request).
    app.add_middleware(
        RouteTemplateMiddleware,
        should_group_untemplated=instrumentator.should_group_untemplated,
        excluded_handlers=instrumentator.excluded_handlers,
        instrumentations=instrumentator.instrumentations,
        registry=registry,
    )
    instrumentator.expose(app, include_in_schema=False)


def _install_middleware(app: FastAPI, settings: Settings) -> None:
    # Middleware added later wraps what was added before: the request context sees every
    # response, and security headers go on all of them.
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_upload_bytes)
    # Renders what escapes the routes' handlers (the size limit's refusal, unexpected errors).
    app.add_middleware(ProblemMiddleware)
    # Errors under /fhir that no FHIR route rendered (404, 405, 413) become OperationOutcome.
    app.add_middleware(OperationOutcomeMiddleware)
    if settings.cors_allow_origins:
        # Closed unless configured: only the listed browser origins may call the API.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_allow_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "If-Match",
                "Idempotency-Key",
                "X-Request-ID",
            ],
            expose_headers=[
                "ETag",
                "Location",
                "Link",
                "Retry-After",
                "X-Request-ID",
                "Idempotent-Replayed",
            ],
            max_age=600,
        )
    app.add_middleware(RequestContextMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    if settings.forwarded_allow_ips:
        # Outermost: the client address (request.client, which the sign-in limit counts by) is
        # taken from X-Forwarded-For only when the connection comes from a listed proxy. Off by
        # default, and uvicorn is run with --no-proxy-headers: its own default believes any
        # client connecting over loopback, so a rotated header escaped the per-address limit.
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.forwarded_allow_ips)


def _document_extra_models(app: FastAPI, models: dict[type[Any], JsonSchemaMode]) -> None:
    """Add schemas that only hand-written entries refer to (the note upload, the problems)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for model, mode in models.items():
                model_schema = TypeAdapter(model).json_schema(
                    ref_template="#/components/schemas/{model}", mode=mode
                )
                components.update(model_schema.pop("$defs", {}))
                components[model.__name__] = model_schema
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
