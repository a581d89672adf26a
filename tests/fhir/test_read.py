"""Reading and searching over FHIR: Patient read and search, DocumentReference search, audited."""

from datetime import date
from typing import Any

import httpx
import pytest

from tests.conftest import TestUser, walk_pages
from tests.fhir.conftest import SAMPLE_SYSTEM, bundle, fhir_body, outcome
from tests.fhir.test_import import document, post, urn
from tests.shared_samples import shared_patients


@pytest.fixture
async def imported(client: httpx.AsyncClient, clinician: TestUser) -> dict[str, str]:
    """The 50 sample patients, with one note for Jonathan Collins: {mrn: id}."""
    resources = shared_patients()
    urls = [urn() for _ in resources]
    body = bundle("transaction", *resources, document(urls[0]), urls=[*urls, urn()])
    answer = fhir_body(await post(client, clinician, body), 200)
    ids = [e["response"]["location"].split("/")[1] for e in answer["entry"][:50]]
    return {r["identifier"][0]["value"]: i for r, i in zip(resources, ids, strict=True)}


async def search(client: httpx.AsyncClient, user: TestUser, **params: Any) -> dict[str, Any]:
    return fhir_body(await client.get("/fhir/Patient", params=params, headers=user.headers), 200)


def mrns(searchset: dict[str, Any]) -> list[str]:
    return [e["resource"]["identifier"][0]["value"] for e in searchset["entry"]]


async def test_a_patient_reads_as_a_fhir_patient_with_its_mrn(
    client: httpx.AsyncClient, viewer: TestUser, imported: dict[str, str]
) -> None:
    response = await client.get(f"/fhir/Patient/{imported['10001']}", headers=viewer.headers)
    resource = fhir_body(response, 200)
    assert resource["identifier"][0]["system"] == SAMPLE_SYSTEM
    assert resource["identifier"][0]["value"] == "10001"
    assert resource["name"][0]["given"] == ["Jonathan", "Michael"]
    assert (resource["gender"], resource["birthDate"]) == ("male", "1987-05-23")
    assert response.headers["etag"] == 'W/"1"'


async def test_an_unknown_or_foreign_id_is_a_404_operation_outcome(
    client: httpx.AsyncClient, viewer: TestUser
) -> None:
    for patient_id in ("2f1c9a2e-0000-4000-8000-000000000000", "patient-001"):
        response = await client.get(f"/fhir/Patient/{patient_id}", headers=viewer.headers)
        outcome(response, 404, "not-found")


async def test_search_by_identifier_with_or_without_its_system(
    client: httpx.AsyncClient, viewer: TestUser, imported: dict[str, str]
) -> None:
    assert mrns(await search(client, viewer, identifier=f"{SAMPLE_SYSTEM}|10005")) == ["10005"]
    assert mrns(await search(client, viewer, identifier="10005")) == ["10005"]
    assert mrns(await search(client, viewer, identifier="urn:other|10005")) == []


async def test_search_by_name_tolerates_typos(
    client: httpx.AsyncClient, viewer: TestUser, imported: dict[str, str]
) -> None:
    found = await search(client, viewer, name="jonathon colins")
    assert mrns(found)[0] == "10001"


async def test_search_by_birthdate_range_and_gender(
    client: httpx.AsyncClient, viewer: TestUser, imported: dict[str, str]
) -> None:
    params = {"birthdate": ["ge1990-01-01", "lt2000"], "gender": "female", "_count": 100}
    found = await client.get("/fhir/Patient", params=params, headers=viewer.headers)
    resources = [e["resource"] for e in fhir_body(found, 200)["entry"]]
    expected = {
        p["identifier"][0]["value"]
        for p in shared_patients()
        if "1990-01-01" <= p["birthDate"] < "2000-01-01" and p["gender"] == "female"
    }
    assert {r["identifier"][0]["value"] for r in resources} == expected
    assert expected
    eq = await search(client, viewer, birthdate="1987-05-23")
    assert mrns(eq) == ["10001"]


async def test_paging_follows_next_links_through_every_patient_once(
    client: httpx.AsyncClient, viewer: TestUser, imported: dict[str, str]
) -> None:
    seen: list[str] = []
    url: str | None = "/fhir/Patient?_count=7"
    while url is not None:
        page = fhir_body(await client.get(url, headers=viewer.headers), 200)
        assert len(page["entry"]) <= 7
        seen += mrns(page)
        url = next((link["url"] for link in page["link"] if link["relation"] == "next"), None)
    assert sorted(seen) == sorted(imported)


async def test_a_cursor_of_another_search_is_refused(
    client: httpx.AsyncClient, viewer: TestUser, imported: dict[str, str]
) -> None:
    page = await search(client, viewer, _count=5)
    cursor = next(link["url"] for link in page["link"] if link["relation"] == "next")
    cursor = cursor.split("_cursor=")[1]
    response = await client.get(
        "/fhir/Patient", params={"_cursor": cursor, "gender": "male"}, headers=viewer.headers
    )
    outcome(response, 400, "invalid")


async def test_a_patients_notes_are_document_references(
    client: httpx.AsyncClient, viewer: TestUser, imported: dict[str, str]
) -> None:
    patient_id = imported["10001"]
    for reference in (f"Patient/{patient_id}", patient_id):
        response = await client.get(
            "/fhir/DocumentReference", params={"patient": reference}, headers=viewer.headers
        )
        [entry] = fhir_body(response, 200)["entry"]
        resource = entry["resource"]
        assert resource["subject"]["reference"] == f"Patient/{patient_id}"
        attachment = resource["content"][0]["attachment"]
        assert attachment["url"].endswith(f"/patients/{patient_id}/notes/{resource['id']}/file")
        downloaded = await client.get(attachment["url"], headers=viewer.headers)
        assert downloaded.text.startswith("SOAP Note")
    other = await client.get(
        "/fhir/DocumentReference", params={"patient": imported["10002"]}, headers=viewer.headers
    )
    assert fhir_body(other, 200)["entry"] == []


async def test_fhir_reads_are_in_the_audit_trail(
    client: httpx.AsyncClient, viewer: TestUser, admin: TestUser, imported: dict[str, str]
) -> None:
    patient_id = imported["10002"]
    headers = {**viewer.headers, "X-Request-ID": "fhir-read-audit"}
    await client.get(f"/fhir/Patient/{patient_id}", headers=headers)
    trail = await walk_pages(client, admin, "/audit-events", {"patient_id": patient_id})
    [read] = [e for e in trail if e["request_id"] == "fhir-read-audit"]
    assert (read["action"], read["resource_type"], read["actor_id"]) == (
        "read",
        "patient",
        str(viewer.id),
    )
    assert date.fromisoformat(read["occurred_at"][:10])
