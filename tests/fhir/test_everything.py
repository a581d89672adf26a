"""Patient/$everything: the chart as standard resources, each traced to its note and span."""

import base64
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from seed.loader import sample_patients
from tests.conftest import TestUser, walk_pages
from tests.fhir.conftest import SAMPLE_SYSTEM, bundle, fhir_body, parsed
from tests.fhir.test_import import post, urn
from tests.summaries.conftest import run_worker

INPATIENT = "samuel-whitfield"
VITAL_LOINC = {"8867-4", "9279-1", "8310-5", "2708-6", "8302-2", "29463-7", "39156-5", "85354-9"}


def _seeded_bundle(slug: str) -> dict[str, Any]:
    """The seed's sample patient and their notes, as a FHIR transaction."""
    sample = next(s for s in sample_patients() if s.slug == slug)
    data = sample.patient
    patient = {
        "resourceType": "Patient",
        "identifier": [{"system": SAMPLE_SYSTEM, "value": data.mrn}],
        "name": [{"family": data.family_name, "given": data.given_name.split()}],
        "birthDate": data.date_of_birth.isoformat(),
        "gender": data.sex.value if data.sex else None,
    }
    patient_url = urn()
    documents = []
    for note in sample.notes:
        document: dict[str, Any] = {
            "resourceType": "DocumentReference",
            "status": "current",
            "subject": {"reference": patient_url},
            "description": note.title,
            "content": [
                {
                    "attachment": {
                        "contentType": "text/plain",
                        "data": base64.b64encode(sample.note_path(note).read_bytes()).decode(),
                    }
                }
            ],
        }
        if note.taken_at is not None:
            document["context"] = {"period": {"start": note.taken_at.isoformat()}}
        documents.append(document)
    urls = [patient_url, *(urn() for _ in documents)]
    return bundle("transaction", patient, *documents, urls=urls)


def references(value: Any) -> Iterator[str]:
    """Every `reference` anywhere in a resource (extensions included)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "reference" and isinstance(item, str):
                yield item
            else:
                yield from references(item)
    elif isinstance(value, list):
        for item in value:
            yield from references(item)


@pytest.fixture
async def inpatient(client: httpx.AsyncClient, app: FastAPI, clinician: TestUser) -> dict[str, Any]:
    """The seeded inpatient imported with their four notes, a summary, and $everything."""
    answer = fhir_body(await post(client, clinician, _seeded_bundle(INPATIENT)), 200)
    patient_id = answer["entry"][0]["response"]["location"].split("/")[1]
    await client.get(f"/patients/{patient_id}/summary", headers=clinician.headers)
    await run_worker(app)
    response = await client.get(
        f"/fhir/Patient/{patient_id}/$everything", headers=clinician.headers
    )
    chart = await client.get(f"/patients/{patient_id}/chart", headers=clinician.headers)
    return {"id": patient_id, "bundle": fhir_body(response, 200), "chart": chart.json()}


def of_type(bundle: dict[str, Any], resource_type: str) -> list[dict[str, Any]]:
    return [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == resource_type
    ]


async def test_every_resource_parses_and_every_reference_resolves(
    inpatient: dict[str, Any],
) -> None:
    bundle = inpatient["bundle"]
    present = {f"{e['resource']['resourceType']}/{e['resource']['id']}" for e in bundle["entry"]}
    for entry in bundle["entry"]:
        parsed(entry["resource"])
        assert entry["fullUrl"].endswith(
            f"/fhir/{entry['resource']['resourceType']}/{entry['resource']['id']}"
        )
        for reference in references(entry["resource"]):
            assert reference in present, reference
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert kinds >= {
        "Patient",
        "DocumentReference",
        "Encounter",
        "Condition",
        "MedicationStatement",
        "AllergyIntolerance",
        "Observation",
        "Composition",
    }
    assert len(of_type(bundle, "DocumentReference")) == 4


def _drug(resource: dict[str, Any]) -> str:
    concept = resource["medicationCodeableConcept"]
    return concept["coding"][0]["code"] if "coding" in concept else concept["text"].lower()


async def test_active_medications_are_the_reconciled_current_list(
    inpatient: dict[str, Any],
) -> None:
    statements = of_type(inpatient["bundle"], "MedicationStatement")
    active = sorted(_drug(s) for s in statements if s["status"] == "active")
    current = inpatient["chart"]["current_medications"]
    expected = sorted(m["code"]["code"] if m["code"] else m["as_written"].lower() for m in current)
    assert active == expected
    assert active
    ended = [m for m in inpatient["chart"]["stopped_medications"] if m["ended_at_discharge"]]
    stopped = [s for s in statements if s["status"] == "stopped" and "statusReason" in s]
    assert len(stopped) == len(ended)


async def test_allergies_and_conditions_follow_the_chart(inpatient: dict[str, Any]) -> None:
    chart, bundle = inpatient["chart"], inpatient["bundle"]
    allergies = {a["code"]["text"] for a in of_type(bundle, "AllergyIntolerance")}
    assert allergies == {a["substance"] for a in chart["allergies"]}
    conditions = of_type(bundle, "Condition")
    lists = ("problems", "uncertain_problems", "resolved_problems", "past_history")
    assert len(conditions) == sum(len(chart[name]) for name in lists)
    for condition in conditions:
        clinical = condition["clinicalStatus"]["coding"][0]["code"]
        verification = condition["verificationStatus"]["coding"][0]["code"]
        category = condition["category"][0]["coding"][0]["code"]
        assert clinical in {"active", "resolved", "inactive"}
        assert verification in {"confirmed", "provisional", "differential"}
        assert category in {"problem-list-item", "encounter-diagnosis"}
        assert (category == "encounter-diagnosis") == ("encounter" in condition)
    # A hedged problem is exported unconfirmed, as the chart lists it apart.
    verified = {
        " ".join(c["code"]["text"].split()): c["verificationStatus"]["coding"][0]["code"]
        for c in conditions
    }
    for problem in chart["uncertain_problems"]:
        assert verified[" ".join(problem["text"].split())] in {"provisional", "differential"}
    for problem in chart["problems"]:
        assert verified[" ".join(problem["text"].split())] == "confirmed"


async def test_vital_signs_carry_the_profile_loinc_codes_and_ucum_units(
    inpatient: dict[str, Any],
) -> None:
    vitals = [
        o
        for o in of_type(inpatient["bundle"], "Observation")
        if o["category"][0]["coding"][0]["code"] == "vital-signs"
    ]
    assert len(vitals) == sum(len(s["history"]) for s in inpatient["chart"]["vitals"])
    for vital in vitals:
        assert vital["code"]["coding"][0]["code"] in VITAL_LOINC
        assert "http://hl7.org/fhir/StructureDefinition/vitalsigns" in vital["meta"]["profile"]
        quantities = [vital.get("valueQuantity")] + [
            c["valueQuantity"] for c in vital.get("component", [])
        ]
        for quantity in filter(None, quantities):
            assert quantity["system"] == "http://unitsofmeasure.org"
    pressures = [v for v in vitals if v["code"]["coding"][0]["code"] == "85354-9"]
    assert pressures
    assert {c["code"]["coding"][0]["code"] for c in pressures[0]["component"]} == {
        "8480-6",
        "8462-4",
    }


async def test_each_derived_resource_points_back_to_its_note_and_span(
    inpatient: dict[str, Any],
) -> None:
    bundle = inpatient["bundle"]
    notes = {d["id"]: d for d in of_type(bundle, "DocumentReference")}
    for kind in ("Condition", "MedicationStatement", "AllergyIntolerance", "Observation"):
        for resource in of_type(bundle, kind):
            note_url, span = resource["meta"]["source"].rsplit("#", 1)
            assert note_url.rsplit("/", 1)[1] in notes
            start, end = (int(x) for x in span.split("-"))
            assert 0 <= start < end
            assert resource["extension"][0]["url"].endswith("note-source")


async def test_the_latest_summary_is_a_composition_citing_its_entries(
    inpatient: dict[str, Any],
) -> None:
    [composition] = of_type(inpatient["bundle"], "Composition")
    assert composition["text"]["div"].startswith('<div xmlns="http://www.w3.org/1999/xhtml">')
    sections = {s["title"]: s for s in composition["section"]}
    assert "History of medication use" in sections
    cited = [e["reference"] for s in composition["section"] for e in s.get("entry", [])]
    assert any(r.startswith("MedicationStatement/") for r in cited)


async def test_everything_is_audited_and_refused_to_strangers(
    client: httpx.AsyncClient, admin: TestUser, inpatient: dict[str, Any]
) -> None:
    trail = await walk_pages(client, admin, "/audit-events", {"patient_id": inpatient["id"]})
    assert any(e["resource_type"] == "fhir_everything" for e in trail)
    response = await client.get(f"/fhir/Patient/{inpatient['id']}/$everything")
    assert response.status_code == 401
