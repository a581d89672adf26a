"""HTTP metrics per route template: the instrumentator's middleware, told the matched route."""

import logging
from collections.abc import Callable, Sequence
from timeit import default_timer
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_fastapi_instrumentator import routing
from prometheus_fastapi_instrumentator.metrics import Info
from prometheus_fastapi_instrumentator.middleware import PrometheusInstrumentatorMiddleware
from starlette.requests import Request
from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger(__name__)


class RouteTemplateMiddleware(PrometheusInstrumentatorMiddleware):
    """prometheus-fastapi-instrumentator's middleware, with the same series and labels, that
    reads the route template from the route the router chose instead of matching it again.

    The library finds the template before the request by matching its path against every
    route of the app once more (FastAPI's included routers are flattened again on each
    call too): some 70 us per request, as much as the router's own work. By the time the
    response is sent the router has matched, and the scope holds the chosen route's
    endpoint; endpoints are mapped to their templates once, from the same flattened routes
    the library matches. A request no route took (a 404), an endpoint behind a mount or one
    serving several templates is resolved by the library as before, on the scope as it came
    in (routing rewrites it), so every label stays what the library would give.

    The instrumentations get no `response` in their `Info` (the library builds one from the
    headers for each request): the series used here (`metrics.requests`, `metrics.latency`)
    do not read it. The in-progress gauge and body handlers, which need the template before
    the request, are refused.
    """

    def __init__(self, app: ASGIApp, /, **options: Any) -> None:
        super().__init__(app, **options)
        if self.should_instrument_requests_inprogress or self.body_handlers:
            raise ValueError("the in-progress gauge and body handlers need the library's own")
        if self.async_instrumentations:
            raise ValueError("only synchronous instrumentations are run")
        self._templates: dict[int, str] | None = None
        self._excluded: dict[str, bool] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        arrived = dict(scope)
        started = default_timer()
        status_code = 500
        response_started = 0.0

        async def send_wrapper(message: Message) -> None:
            nonlocal status_code, response_started
            if message["type"] == "http.response.start":
                status_code = message["status"]
                response_started = default_timer()
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            # A failure to count must never replace the request's own outcome or exception.
            try:
                self._observe(scope, arrived, status_code, started, response_started)
            except Exception:
                logger.exception("metrics: a request could not be observed")

    def _observe(
        self,
        scope: Scope,
        arrived: Scope,
        status_code: int,
        started: float,
        response_started: float,
    ) -> None:
        handler, templated = self._handler(scope, arrived)
        if self._is_excluded(handler, templated):
            return
        if not templated and self.should_group_untemplated:
            handler = "none"
        status = str(int(status_code))
        if self.should_group_status_codes:
            status = status[0] + "xx"
        duration = max(default_timer() - started, 0.0)
        until_response = max(response_started - started, 0.0) if response_started else 0.0
        if self.should_round_latency_decimals:
            duration = round(duration, self.round_latency_decimals)
            until_response = round(until_response, self.round_latency_decimals)
        request = Request(arrived)
        info = Info(
            request=request,
            response=None,
            method=request.method,
            modified_handler=handler,
            modified_status=status,
            modified_duration=duration,
            modified_duration_without_streaming=until_response,
        )
        for instrumentation in self.instrumentations:
            instrumentation(info)

    def _handler(self, scope: Scope, arrived: Scope) -> tuple[str, bool]:
        """The route template and whether there was one, as the library's `_get_handler`."""
        endpoint = scope.get("endpoint")
        came_with = arrived.get("endpoint")  # from a parent app, when this one is mounted
        if endpoint is not None and endpoint is not came_with and not self.should_include_root_path:
            template = self._templates_of(arrived).get(id(endpoint))
            if template is not None:
                return template, True
        return self._get_handler(Request(arrived))

    def _templates_of(self, arrived: Scope) -> dict[int, str]:
        # The app as the request reached this middleware: a mounted app the request went on
        # to has replaced `scope["app"]` by the time the response is sent.
        if self._templates is None:
            self._templates = endpoint_templates(arrived["app"].routes)
        return self._templates

    def _is_excluded(self, handler: str, templated: bool) -> bool:
        # Templates are few; raw paths (untemplated) are not kept.
        if not templated:
            return self._is_handler_excluded(handler, templated)
        excluded = self._excluded.get(handler)
        if excluded is None:
            excluded = self._excluded[handler] = self._is_handler_excluded(handler, templated)
        return excluded


def endpoint_templates(routes: list[Any]) -> dict[int, str]:
    """Each endpoint's route template by the endpoint's id (endpoints live as long as their
    routes; not all are hashable), over the routes the library matches a request against (its
    own flattening of included routers). An endpoint of several templates is left out."""
    templates: dict[int, str] = {}
    ambiguous: set[int] = set()
    flatten: Callable[[list[Any]], list[Any]] = routing._effective_routes
    for route in flatten(routes):
        endpoint = getattr(route, "endpoint", None)
        path = getattr(route, "path", None)
        if endpoint is None or not isinstance(path, str) or isinstance(route, Mount):
            continue
        if templates.setdefault(id(endpoint), path) != path:
            ambiguous.add(id(endpoint))
    return {key: path for key, path in templates.items() if key not in ambiguous}


def requests_total(registry: CollectorRegistry) -> Callable[[Info], None]:
    """`metrics.requests()`'s series (http_requests_total by handler, method and status), each
    label set's child looked up once: the client's `labels()` checks and locks on every call."""
    counter = Counter(
        "http_requests_total",
        "Total number of requests by method, status and handler.",
        labelnames=("handler", "method", "status"),
        registry=registry,
    )
    child = _children(counter)

    def instrumentation(info: Info) -> None:
        child((info.modified_handler, info.method, info.modified_status)).inc()

    return instrumentation


def request_duration(
    registry: CollectorRegistry, buckets: Sequence[float]
) -> Callable[[Info], None]:
    """`metrics.latency(should_include_status=False)`'s series (http_request_duration_seconds
    by handler and method), each label set's child looked up once."""
    histogram = Histogram(
        "http_request_duration_seconds",
        "Duration of HTTP requests in seconds",
        labelnames=("handler", "method"),
        buckets=buckets,
        registry=registry,
    )
    child = _children(histogram)

    def instrumentation(info: Info) -> None:
        child((info.modified_handler, info.method)).observe(info.modified_duration)

    return instrumentation


def _children(metric: Any) -> Callable[[tuple[str, ...]], Any]:
    """The metric's child for some label values, kept: no more of them than the metric keeps."""
    children: dict[tuple[str, ...], Any] = {}

    def child(values: tuple[str, ...]) -> Any:
        found = children.get(values)
        if found is None:
            found = children[values] = metric.labels(*values)
        return found

    return child
