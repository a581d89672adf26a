"""/metrics: Prometheus text, labelled by route template, never by a raw path or id."""

import re
import uuid

import httpx
from fastapi import FastAPI
from prometheus_client import CollectorRegistry
from prometheus_fastapi_instrumentator.routing import get_route_name
from starlette.requests import Request

from carechart.core.metrics import RouteTemplateMiddleware, endpoint_templates
from tests.conftest import TestUser, create_patient


def requests_total(metrics: str, handler: str, status: str, method: str = "GET") -> float:
    pattern = re.compile(
        r'^http_requests_total\{handler="' + re.escape(handler) + r'",method="' + method + '",'
        r'status="' + status + r'"\} ([0-9.e+]+)$',
        re.MULTILINE,
    )
    found = pattern.search(metrics)
    return float(found.group(1)) if found else 0.0


def durations_count(metrics: str, handler: str) -> float:
    pattern = re.compile(
        r'^http_request_duration_seconds_count\{handler="' + re.escape(handler) + r'",'
        r'method="GET"\} ([0-9.e+]+)$',
        re.MULTILINE,
    )
    found = pattern.search(metrics)
    return float(found.group(1)) if found else 0.0


async def scrape(client: httpx.AsyncClient) -> str:
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


async def test_requests_are_counted_by_route_template_not_by_path(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    before = requests_total(await scrape(client), "/patients/{patient_id}", "2xx")

    for _ in range(2):
        await client.get(f"/patients/{patient['id']}", headers=clinician.headers)

    metrics = await scrape(client)
    assert requests_total(metrics, "/patients/{patient_id}", "2xx") == before + 2
    assert "# TYPE http_requests_total counter" in metrics
    assert "http_request_duration_seconds_bucket" in metrics
    assert patient["id"] not in metrics


async def test_unknown_paths_share_one_label_and_do_not_appear(client: httpx.AsyncClient) -> None:
    before = requests_total(await scrape(client), "none", "4xx")

    await client.get("/patients-by-name/Quixotica")
    await client.get("/another/unknown/path")

    metrics = await scrape(client)
    assert requests_total(metrics, "none", "4xx") == before + 2
    assert "Quixotica" not in metrics
    assert "/another/unknown/path" not in metrics


async def test_metrics_do_not_count_their_own_scrapes(client: httpx.AsyncClient) -> None:
    await scrape(client)

    assert 'handler="/metrics"' not in await scrape(client)


async def test_durations_are_recorded_by_route_template(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    before = durations_count(await scrape(client), "/patients/{patient_id}")

    await client.get(f"/patients/{patient['id']}", headers=clinician.headers)

    assert durations_count(await scrape(client), "/patients/{patient_id}") == before + 1


async def test_refused_requests_are_counted_under_the_route_template(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    before = await scrape(client)

    invalid = await client.get("/patients/not-an-id", headers=clinician.headers)
    unsigned = await client.get(f"/patients/{uuid.uuid4()}")
    wrong_method = await client.delete("/health")

    assert (invalid.status_code, unsigned.status_code, wrong_method.status_code) == (
        422,
        401,
        405,
    )
    metrics = await scrape(client)
    template = "/patients/{patient_id}"
    assert requests_total(metrics, template, "4xx") == requests_total(before, template, "4xx") + 2
    assert requests_total(metrics, "/health", "4xx", method="DELETE") == (
        requests_total(before, "/health", "4xx", method="DELETE") + 1
    )
    assert "not-an-id" not in metrics


def _concrete(template: str) -> str:
    """A path the template matches: each parameter given an id."""
    return re.sub(r"\{[^}]+\}", str(uuid.UUID(int=7)), template)


def test_each_endpoint_maps_to_the_template_the_instrumentator_resolves(app: FastAPI) -> None:
    templates = endpoint_templates(app.routes)

    assert "/patients/{patient_id}/notes" in templates.values()
    for template in set(templates.values()):
        scope = {
            "type": "http",
            "method": "GET",
            "path": _concrete(template),
            "root_path": "",
            "app": app,
            "headers": [],
            "query_string": b"",
        }
        assert get_route_name(Request(scope), should_include_root_path=False) == template


def _mounted_app(instrumentation: object) -> FastAPI:
    """A parent app with its own route and a mounted app, counted by the middleware."""
    parent, child = FastAPI(), FastAPI()

    @parent.get("/own/{item}")
    async def own(item: str) -> dict[str, str]:
        return {"item": item}

    @child.get("/items/{item}")
    async def item(item: str) -> dict[str, str]:
        return {"item": item}

    parent.mount("/sub", child)
    parent.add_middleware(
        RouteTemplateMiddleware,
        should_group_untemplated=True,
        instrumentations=[instrumentation],
        registry=CollectorRegistry(),
    )
    return parent


async def test_a_mounted_app_first_keeps_the_mount_prefix_and_the_parents_templates() -> None:
    handlers: list[str] = []
    app = _mounted_app(lambda info: handlers.append(info.modified_handler))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.get("/sub/items/1")).status_code == 200
        assert (await client.get("/own/2")).status_code == 200
        assert (await client.get("/sub/items/3")).status_code == 200

    scope = {
        "type": "http",
        "path": "/sub/items/1",
        "method": "GET",
        "app": app,
        "root_path": "",
        "headers": [],
        "query_string": b"",
    }
    library = get_route_name(Request(scope), should_include_root_path=False)
    assert handlers == [library, "/own/{item}", library]
    assert handlers[0] != "/items/{item}"


async def test_a_failing_instrumentation_never_replaces_the_answer() -> None:
    def broken(info: object) -> None:
        raise RuntimeError("instrumentation failed")

    transport = httpx.ASGITransport(app=_mounted_app(broken))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/own/2")
    assert response.status_code == 200
    assert response.json() == {"item": "2"}
