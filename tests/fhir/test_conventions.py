"""FHIR conventions: the CapabilityStatement, fhir+json, OperationOutcome for every error."""

import httpx
from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from tests.conftest import TestUser
from tests.fhir.conftest import FHIR_JSON, SAMPLE_SYSTEM, fhir_body, outcome


async def test_metadata_lists_exactly_what_is_supported(client: httpx.AsyncClient) -> None:
    body = fhir_body(await client.get("/fhir/metadata"), 200)
    statement = CapabilityStatement.model_validate(body)
    assert statement.fhirVersion == "4.0.1"
    [rest] = body["rest"]
    resources = {r["type"]: r for r in rest["resource"]}
    assert set(resources) == {"Patient", "DocumentReference"}
    patient = resources["Patient"]
    assert {i["code"] for i in patient["interaction"]} == {
        "read",
        "search-type",
    }
    assert {p["name"] for p in patient["searchParam"]} == {
        "identifier",
        "name",
        "birthdate",
        "gender",
    }
    assert [o["name"] for o in patient["operation"]] == ["everything"]
    assert SAMPLE_SYSTEM in patient["documentation"]
    documents = resources["DocumentReference"]
    assert [i["code"] for i in documents["interaction"]] == ["search-type"]
    assert {p["name"] for p in documents["searchParam"]} == {"patient"}
    assert {i["code"] for i in rest["interaction"]} == {"transaction", "batch"}


async def test_reading_without_a_token_is_a_401_operation_outcome(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/fhir/Patient")
    outcome(response, 401, "login")
    assert response.headers["www-authenticate"] == "Bearer"


async def test_importing_as_a_viewer_is_a_403_operation_outcome(
    client: httpx.AsyncClient, viewer: TestUser
) -> None:
    bundle = {"resourceType": "Bundle", "type": "batch", "entry": []}
    response = await client.post("/fhir", json=bundle, headers=viewer.headers)
    outcome(response, 403, "forbidden")


async def test_unknown_types_and_operations_are_404_operation_outcomes(
    client: httpx.AsyncClient, viewer: TestUser
) -> None:
    for path in ("/fhir/Observation", "/fhir/Patient/x/$validate", "/fhir/Patient/x/y/z"):
        response = await client.get(path, headers=viewer.headers)
        outcome(response, 404, "not-found")


async def test_an_invalid_parameter_is_a_422_operation_outcome_naming_it(
    client: httpx.AsyncClient, viewer: TestUser
) -> None:
    response = await client.get("/fhir/Patient", params={"_count": 0}, headers=viewer.headers)
    body = outcome(response, 422, "processing")
    assert body["issue"][0]["expression"] == ["_count"]


async def test_an_unsupported_search_parameter_is_refused_not_ignored(
    client: httpx.AsyncClient, viewer: TestUser
) -> None:
    response = await client.get("/fhir/Patient", params={"adress": "x"}, headers=viewer.headers)
    body = outcome(response, 400, "invalid")
    assert "adress" in body["issue"][0]["diagnostics"]


async def test_responses_are_fhir_json(client: httpx.AsyncClient, viewer: TestUser) -> None:
    response = await client.get("/fhir/Patient", headers=viewer.headers)
    assert response.headers["content-type"].startswith(FHIR_JSON)
    assert response.json()["type"] == "searchset"


async def test_a_method_a_fhir_url_does_not_take_is_a_405_operation_outcome(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    response = await client.delete(
        "/fhir/Patient/2f1c9a2e-0000-4000-8000-000000000000", headers=clinician.headers
    )
    outcome(response, 405, "not-supported")
    assert response.headers["allow"] == "GET"
    response = await client.post("/fhir/Patient", json={}, headers=clinician.headers)
    outcome(response, 405, "not-supported")


async def test_a_bundle_sent_as_another_media_type_is_a_415_operation_outcome(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    headers = {**clinician.headers, "Content-Type": "text/plain"}
    response = await client.post("/fhir", content=b"{}", headers=headers)
    outcome(response, 415, "not-supported")
