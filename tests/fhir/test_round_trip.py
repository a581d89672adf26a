"""Round trip: the 50 sample patients imported, exported, and imported again without change."""

from typing import Any

import httpx

from tests.conftest import TestUser
from tests.fhir.conftest import bundle, fhir_body
from tests.fhir.test_import import post
from tests.shared_samples import shared_patients


def essentials(resource: dict[str, Any]) -> tuple[Any, ...]:
    name = resource["name"][0]
    identifier = resource["identifier"][0]
    return (
        (identifier["system"], identifier["value"]),
        name["family"],
        tuple(name["given"]),
        resource["birthDate"],
        resource.get("gender"),
    )


async def export(client: httpx.AsyncClient, user: TestUser) -> list[dict[str, Any]]:
    """Every patient through FHIR search, following the next links."""
    found: list[dict[str, Any]] = []
    url: str | None = "/fhir/Patient?_count=20"
    while url is not None:
        page = fhir_body(await client.get(url, headers=user.headers), 200)
        found += [e["resource"] for e in page["entry"]]
        url = next((link["url"] for link in page["link"] if link["relation"] == "next"), None)
    return found


async def test_fifty_patients_survive_import_export_and_reimport_unchanged(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    originals = shared_patients()
    body = bundle("transaction", *originals)
    fhir_body(await post(client, clinician, body), 200)

    exported = await export(client, clinician)
    assert sorted(map(essentials, exported)) == sorted(map(essentials, originals))

    again = fhir_body(await post(client, clinician, body), 200)
    assert {e["response"]["status"] for e in again["entry"]} == {"200 OK"}
    assert {e["response"]["etag"] for e in again["entry"]} == {'W/"1"'}
    after = await export(client, clinician)
    assert sorted(after, key=lambda r: r["id"]) == sorted(exported, key=lambda r: r["id"])
