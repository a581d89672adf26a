"""Importing Bundles: patients matched on the MRN, notes through the upload pipeline, atomically."""

import base64
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.conftest import TestUser, walk_pages
from tests.fhir.conftest import SAMPLE_SYSTEM, bundle, fhir_body, outcome, patient
from tests.shared_samples import shared_patients, shared_soap

NOTE = (
    "SOAP Note - Encounter Date: 2024-03-15\n"
    "S: Follow-up for hypertension. Denies chest pain.\n"
    "O: BP 142/88, HR 76.\n"
    "A: Hypertension, not at goal.\n"
    "P: Start lisinopril 10 mg PO daily. RTC 4 weeks.\n"
)


def document(subject: str, text: str = NOTE, **extra: Any) -> dict[str, Any]:
    return {
        "resourceType": "DocumentReference",
        "status": "current",
        "subject": {"reference": subject},
        "content": [
            {
                "attachment": {
                    "contentType": "text/plain; charset=utf-8",
                    "data": base64.b64encode(text.encode()).decode(),
                }
            }
        ],
        **extra,
    }


def urn() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


async def post(client: httpx.AsyncClient, user: TestUser, body: dict[str, Any]) -> httpx.Response:
    headers = {**user.headers, "Content-Type": "application/fhir+json"}
    return await client.post("/fhir", json=body, headers=headers)


async def stored_patients(client: httpx.AsyncClient, user: TestUser) -> list[dict[str, Any]]:
    response = await client.get("/patients", params={"limit": 100}, headers=user.headers)
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def notes_of(client: httpx.AsyncClient, user: TestUser, patient_id: str) -> list[Any]:
    response = await client.get(f"/patients/{patient_id}/notes", headers=user.headers)
    items: list[Any] = response.json()["items"]
    return items


def statuses(answer: dict[str, Any]) -> list[str]:
    return [e["response"]["status"] for e in answer["entry"]]


async def test_a_transaction_of_the_fifty_sample_patients_creates_each_of_them(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    resources = shared_patients()
    answer = fhir_body(await post(client, clinician, bundle("transaction", *resources)), 200)
    assert answer["type"] == "transaction-response"
    assert statuses(answer) == ["201 Created"] * 50
    stored = {p["mrn"]: p for p in await stored_patients(client, clinician)}
    assert len(stored) == 50
    collins = stored["10001"]
    assert (collins["given_name"], collins["family_name"]) == ("Jonathan Michael", "Collins")
    assert (collins["date_of_birth"], collins["sex"]) == ("1987-05-23", "male")
    location = answer["entry"][0]["response"]["location"]
    assert location == f"Patient/{collins['id']}/_history/1"


async def test_the_same_bundle_twice_changes_nothing(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    resources = shared_patients()[:5]
    first_urls = [urn() for _ in resources]
    body = bundle("transaction", *resources, document(first_urls[0]), urls=[*first_urls, urn()])
    first = fhir_body(await post(client, clinician, body), 200)
    assert statuses(first) == ["201 Created"] * 6
    before = await stored_patients(client, clinician)
    second = fhir_body(await post(client, clinician, body), 200)
    assert statuses(second) == ["200 OK"] * 6
    assert [e["response"]["location"] for e in second["entry"]] == [
        e["response"]["location"] for e in first["entry"]
    ]
    assert await stored_patients(client, clinician) == before
    collins = next(p for p in before if p["mrn"] == "10001")
    assert len(await notes_of(client, clinician, collins["id"])) == 1


async def test_an_import_updates_the_patient_with_the_same_mrn(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    created = await client.post(
        "/patients",
        json={
            "mrn": "10001",
            "given_name": "Jon",
            "family_name": "Colins",
            "date_of_birth": "1987-05-23",
        },
        headers=clinician.headers,
    )
    resource = patient("10001", "Collins", ["Jonathan"], "1987-05-23", gender="male")
    answer = fhir_body(await post(client, clinician, bundle("batch", resource)), 200)
    assert answer["type"] == "batch-response"
    patient_id = created.json()["id"]
    assert answer["entry"][0]["response"]["location"] == f"Patient/{patient_id}/_history/2"
    read = (await client.get(f"/patients/{patient_id}", headers=clinician.headers)).json()
    assert (read["given_name"], read["family_name"], read["sex"]) == ("Jonathan", "Collins", "male")


def _mixed() -> list[dict[str, Any]]:
    return [
        patient("20001", "Valid", ["Vera"], "1970-01-01"),
        patient("20002", "Wrong", ["Date"], "1980-02-30"),
        {**patient("x", "No", ["Mrn"], "1990-01-01"), "identifier": [{"value": "20003"}]},
        patient("20004", "Valid", ["Victor"], "1971-01-01", gender="male"),
    ]


async def test_an_invalid_resource_fails_the_whole_transaction_naming_each_path(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    response = await post(client, clinician, bundle("transaction", *_mixed()))
    body = outcome(response, 400)
    paths = [e for i in body["issue"] for e in i["expression"]]
    assert paths == ["Bundle.entry[1].resource.birthDate", "Bundle.entry[2].resource.identifier"]
    assert "1980-02-30" not in response.text
    assert await stored_patients(client, clinician) == []


async def test_a_batch_stores_the_valid_entries_and_answers_each_on_its_own(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    answer = fhir_body(await post(client, clinician, bundle("batch", *_mixed())), 200)
    assert statuses(answer) == ["201 Created", "400 Bad Request", "400 Bad Request", "201 Created"]
    failed = answer["entry"][1]["response"]["outcome"]
    assert failed["issue"][0]["expression"] == ["Bundle.entry[1].resource.birthDate"]
    assert sorted(p["mrn"] for p in await stored_patients(client, clinician)) == ["20001", "20004"]


async def test_a_document_reference_becomes_a_note_of_its_patient(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    text = (shared_soap() / "soap_02.txt").read_text(encoding="utf-8")
    patient_url = urn()
    body = bundle(
        "transaction",
        patient("10001", "Collins", ["Jonathan", "Michael"], "1987-05-23"),
        document(patient_url, text, description="Lipid follow-up"),
        urls=[patient_url, urn()],
    )
    answer = fhir_body(await post(client, clinician, body), 200)
    [stored] = await stored_patients(client, clinician)
    [note] = await notes_of(client, clinician, stored["id"])
    assert answer["entry"][1]["response"]["location"] == f"DocumentReference/{note['id']}"
    assert note["title"] == "Lipid follow-up"
    assert note["taken_at"].startswith("2024-03-15")
    chart = (await client.get(f"/patients/{stored['id']}/chart", headers=clinician.headers)).json()
    assert chart["generated_from"] == 1


async def test_a_note_that_cannot_be_read_rolls_the_whole_transaction_back(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient_url = urn()
    broken = document(patient_url)
    broken["content"][0]["attachment"] = {
        "contentType": "application/pdf",
        "data": base64.b64encode(b"%PDF-1.7 not really a pdf").decode(),
    }
    body = bundle(
        "transaction",
        patient("10001", "Collins", ["Jonathan"], "1987-05-23"),
        broken,
        urls=[patient_url, urn()],
    )
    response = await post(client, clinician, body)
    assert response.status_code in (415, 422), response.text
    body_out = outcome(response, response.status_code)
    assert body_out["issue"][0]["expression"] == ["Bundle.entry[1]"]
    assert await stored_patients(client, clinician) == []


async def test_a_document_must_name_a_patient_of_the_bundle(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    body = bundle("transaction", document(urn()))
    issues = outcome(await post(client, clinician, body), 400)["issue"]
    assert issues[0]["expression"] == ["Bundle.entry[0].resource.subject"]


async def test_only_patients_and_documents_are_imported(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    observation = {"resourceType": "Observation", "status": "final", "code": {"text": "x"}}
    answer = fhir_body(await post(client, clinician, bundle("batch", observation)), 200)
    assert answer["entry"][0]["response"]["outcome"]["issue"][0]["code"] == "not-supported"


async def test_a_body_that_is_not_a_bundle_is_refused(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    response = await post(client, clinician, patient("1", "A", ["B"], "1990-01-01"))
    outcome(response, 400, "structure")
    other_system = patient("1", "A", ["B"], "1990-01-01")
    other_system["identifier"][0]["system"] = "urn:other"
    answer = fhir_body(await post(client, clinician, bundle("batch", other_system)), 200)
    issue = answer["entry"][0]["response"]["outcome"]["issue"][0]
    assert SAMPLE_SYSTEM in issue["diagnostics"]


async def test_a_refused_transaction_leaves_only_its_own_audit_event(
    client: httpx.AsyncClient, clinician: TestUser, admin: TestUser
) -> None:
    headers = {**clinician.headers, "X-Request-ID": "fhir-refused-transaction"}
    body = bundle("transaction", *_mixed())
    await client.post("/fhir", json=body, headers=headers)
    trail = await walk_pages(client, admin, "/audit-events", {"limit": 100})
    events = [e for e in trail if e["request_id"] == "fhir-refused-transaction"]
    assert [(e["resource_type"], e["outcome"]) for e in events] == [
        ("fhir_bundle", "invalid-resource")
    ]


async def test_a_batch_import_is_audited_with_its_counts(
    client: httpx.AsyncClient, clinician: TestUser, admin: TestUser
) -> None:
    headers = {**clinician.headers, "X-Request-ID": "fhir-batch-audit"}
    await client.post("/fhir", json=bundle("batch", *_mixed()), headers=headers)
    trail = await walk_pages(client, admin, "/audit-events", {"limit": 100})
    [event] = [
        e
        for e in trail
        if e["request_id"] == "fhir-batch-audit" and e["resource_type"] == "fhir_bundle"
    ]
    assert event["details"] == {
        "type": "batch",
        "entries": 4,
        "created": 2,
        "kept": 0,
        "failed": 2,
    }
    assert len(event["patient_ids"]) == 2


PHI_KEY = "Rosalind Okafor"
PHI_VALUE = "HIV positive since 2019"


def _leaks(response: httpx.Response, logs: str, *texts: str) -> list[str]:
    return [t for t in texts if t.lower() in response.text.lower() or t.lower() in logs.lower()]


async def test_an_unknown_key_in_a_resource_is_counted_never_named(
    client: httpx.AsyncClient, clinician: TestUser, captured_logs: Callable[[], str]
) -> None:
    sent = patient("30001", "Okafor", ["Rosalind"], "1980-02-01")
    sent[PHI_KEY] = PHI_VALUE
    sent["name"][0]["Okafor, Rosalind MRN 30001"] = {"note": PHI_VALUE}
    response = await post(client, clinician, bundle("transaction", sent))
    issues = outcome(response, 400)["issue"]
    assert sorted(e for i in issues for e in i["expression"]) == [
        "Bundle.entry[0].resource",
        "Bundle.entry[0].resource.name[0]",
    ]
    assert all("1 unknown element" in i["diagnostics"] for i in issues)
    assert _leaks(response, captured_logs(), PHI_KEY, PHI_VALUE, "Okafor, Rosalind") == []


async def test_a_fhir_element_name_in_the_wrong_place_is_named(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    sent = {**patient("30002", "Adeyemi", ["Tolu"], "1975-06-01"), "family": "Adeyemi"}
    response = await post(client, clinician, bundle("transaction", sent))
    assert outcome(response, 400)["issue"][0]["expression"] == ["Bundle.entry[0].resource.family"]


async def test_an_unknown_key_of_a_document_or_an_entry_is_counted_never_named(
    client: httpx.AsyncClient, clinician: TestUser, captured_logs: Callable[[], str]
) -> None:
    url = urn()
    doc = document(url)
    doc["content"][0]["attachment"]["Hepatitis C, Mr Delacroix"] = True
    sent = bundle("transaction", patient("30003", "Delacroix", ["Jean"], "1960-01-01"), doc)
    sent["entry"][0]["fullUrl"] = url
    sent["entry"][1]["Jean Delacroix"] = "x"
    response = await post(client, clinician, sent)
    issues = outcome(response, 400)["issue"]
    assert [e for i in issues for e in i["expression"]] == ["Bundle.entry[1]"]
    assert _leaks(response, captured_logs(), "Delacroix", "Hepatitis") == []
    del sent["entry"][1]["Jean Delacroix"]
    response = await post(client, clinician, sent)
    issues = outcome(response, 400)["issue"]
    assert [e for i in issues for e in i["expression"]] == [
        "Bundle.entry[1].resource.content[0].attachment"
    ]
    assert _leaks(response, captured_logs(), "Delacroix", "Hepatitis") == []


async def test_a_bad_value_inside_a_resource_is_not_quoted_back(
    client: httpx.AsyncClient, clinician: TestUser, captured_logs: Callable[[], str]
) -> None:
    wrong_type = patient("30004", "Okafor", ["Rosalind"], "1980-02-01")
    wrong_type["name"][0]["resourceType"] = PHI_KEY  # fhir.resources quotes the type it got
    bad_mrn = patient("Should Match", "Nwosu", ["Ada"], "1980-02-01")  # the message holds it
    for sent in (wrong_type, bad_mrn):
        response = await post(client, clinician, bundle("transaction", sent))
        assert outcome(response, 400)["issue"]
        assert _leaks(response, captured_logs(), PHI_KEY, "should match") == []


@pytest.mark.parametrize("kind", ["Okafor", 5, None])
async def test_a_contained_resource_of_an_unknown_type_is_an_invalid_entry_not_a_crash(
    client: httpx.AsyncClient, clinician: TestUser, captured_logs: Callable[[], str], kind: Any
) -> None:
    sent = patient("30005", "Okafor", ["Rosalind"], "1980-02-01")
    sent["contained"] = [{"resourceType": kind, "id": "c1"}]
    response = await post(client, clinician, bundle("transaction", sent))
    issues = outcome(response, 400)["issue"]
    expressions = [e for i in issues for e in i["expression"]]
    assert expressions
    assert all(e.startswith("Bundle.entry[0].resource") for e in expressions)
    assert _leaks(response, captured_logs(), "Okafor") == []
    assert await stored_patients(client, clinician) == []
    answer = fhir_body(await post(client, clinician, bundle("batch", sent)), 200)
    assert statuses(answer) == ["400 Bad Request"]
