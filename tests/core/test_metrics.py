"""/metrics: Prometheus text, labelled by route template, never by a raw path or id."""

import re

import httpx

from tests.conftest import TestUser, create_patient


def requests_total(metrics: str, handler: str, status: str) -> float:
    pattern = re.compile(
        r'^http_requests_total\{handler="' + re.escape(handler) + r'",method="GET",'
        r'status="' + status + r'"\} ([0-9.e+]+)$',
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
