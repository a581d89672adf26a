"""Interactive docs served from local assets, and an OpenAPI document that says everything."""

import re
from typing import Any

import httpx
import pytest

from carechart.core.config import Settings
from carechart.main import create_app
from tests.conftest import client_for

FOUNDATION_ROUTES = {
    ("get", "/health"),
    ("get", "/health/ready"),
    ("post", "/auth/token"),
    ("get", "/auth/me"),
    ("post", "/users"),
    ("get", "/users"),
    ("get", "/patients"),
    ("post", "/patients"),
    ("get", "/patients/{patient_id}"),
    ("put", "/patients/{patient_id}"),
    ("patch", "/patients/{patient_id}"),
    ("delete", "/patients/{patient_id}"),
    ("get", "/audit-events"),
}
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


async def openapi(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method, path): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    }


async def test_the_docs_page_loads_only_local_assets(client: httpx.AsyncClient) -> None:
    response = await client.get("/docs")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assets = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)["\']', response.text)
    assert any(a.endswith(".js") for a in assets)
    assert any(a.endswith(".css") for a in assets)
    for asset in assets:
        assert asset.startswith("/"), asset
        assert "cdn." not in asset, asset
        assert "//" not in asset, asset
        served = await client.get(asset)
        assert served.status_code == 200, asset
    assert "https://" not in response.text
    assert "cdn." not in response.text


async def test_every_route_is_documented_with_a_summary(client: httpx.AsyncClient) -> None:
    documented = operations(await openapi(client))

    assert set(documented) >= FOUNDATION_ROUTES
    for key, operation in documented.items():
        assert operation.get("summary"), key


@pytest.mark.parametrize(("method", "path"), sorted(FOUNDATION_ROUTES - {("get", "/health")}))
async def test_error_responses_are_documented_as_problems(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    responses = operations(await openapi(client))[(method, path)]["responses"]

    problems = {status: r for status, r in responses.items() if status.startswith(("4", "5"))}
    assert problems, (method, path)
    for status, documented in problems.items():
        if path == "/health/ready":
            continue  # readiness answers 503 with its own body, which names the failing check
        assert "application/problem+json" in documented["content"], (method, path, status)


@pytest.mark.parametrize(
    ("method", "path", "statuses"),
    [
        ("get", "/patients", {"400", "401", "403", "422"}),
        ("post", "/patients", {"401", "403", "409", "422"}),
        ("get", "/patients/{patient_id}", {"401", "404", "422"}),
        ("put", "/patients/{patient_id}", {"401", "403", "404", "409", "412", "422"}),
        ("patch", "/patients/{patient_id}", {"401", "403", "404", "409", "412", "422"}),
        ("delete", "/patients/{patient_id}", {"401", "403", "404", "412"}),
        ("get", "/audit-events", {"401", "403"}),
        ("post", "/users", {"401", "403", "409", "422"}),
        ("post", "/auth/token", {"401", "422"}),
    ],
)
async def test_each_route_documents_the_errors_it_can_give(
    client: httpx.AsyncClient, method: str, path: str, statuses: set[str]
) -> None:
    responses = operations(await openapi(client))[(method, path)]["responses"]

    assert statuses <= set(responses)


async def test_the_problem_schema_is_published(client: httpx.AsyncClient) -> None:
    schemas = (await openapi(client))["components"]["schemas"]

    assert {"type", "title", "status", "detail", "instance"} <= set(
        schemas["Problem"]["properties"]
    )


async def test_docs_can_be_switched_off(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"docs_enabled": False}))
    async with client_for(app) as client:
        assert (await client.get("/docs")).status_code == 404
        assert (await client.get("/openapi.json")).status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "status", "slug"),
    [
        ("put", "/patients/{patient_id}", "412", "stale-etag"),
        ("put", "/patients/{patient_id}", "404", "patient-not-found"),
        ("post", "/patients", "409", "duplicate-mrn"),
        ("post", "/patients", "413", "content-too-large"),
        ("get", "/patients", "400", "invalid-cursor"),
        ("post", "/users", "422", "weak-password"),
        ("post", "/auth/token", "429", "rate-limited"),
        ("post", "/patients/{patient_id}/notes", "415", "unsupported-file-type"),
        ("post", "/patients/{patient_id}/notes", "415", "unsupported-content-type"),
    ],
)
async def test_error_responses_name_the_problem_types_a_route_can_give(
    client: httpx.AsyncClient, method: str, path: str, status: str, slug: str
) -> None:
    documented = operations(await openapi(client))[(method, path)]["responses"][status]

    problem_type = f"urn:carechart:problem:{slug}"
    assert problem_type in documented["description"]
    example = documented["content"]["application/problem+json"]["examples"][slug]["value"]
    assert example["type"] == problem_type
    assert example["status"] == int(status)


async def test_a_route_documents_only_problems_of_its_own(client: httpx.AsyncClient) -> None:
    responses = operations(await openapi(client))[("get", "/patients/{patient_id}")]["responses"]

    described = " ".join(r["description"] for r in responses.values())
    assert "patient-not-found" in described
    assert "duplicate-mrn" not in described
    assert "note-not-found" not in described
