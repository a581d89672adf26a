"""The patient's chart through the API: what a clinician reads in the notes, every fact cited."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI

from carechart.core.config import Settings
from seed.loader import load
from tests.conftest import TestUser, assert_problem, create_patient, workers
from tests.notes.helpers import upload_file
from tests.shared_samples import shared_soap


@dataclass
class ReadChart:
    """A chart as the API returned it, with the notes it cites (text included)."""

    body: dict[str, Any]
    notes: dict[str, dict[str, Any]]

    def file(self, citation: dict[str, Any]) -> str:
        return str(self.notes[citation["note_id"]]["file"]["filename"])

    def files(self, fact: dict[str, Any]) -> list[str]:
        return [self.file(c) for c in fact["sources"]]

    def names(self, group: str) -> set[str]:
        return {m["name"] for m in self.body[group]}

    def medication(self, name: str, group: str = "current_medications") -> Any:
        [found] = [m for m in self.body[group] if m["name"] == name]
        return found

    def problem(self, text: str) -> Any:
        [found] = [p for p in self.body["problems"] if p["text"] == text]
        return found

    def problem_texts(self) -> set[str]:
        return {p["text"] for p in self.body["problems"]}

    def series(self, group: str, name: str) -> Any:
        [found] = [s for s in self.body[group] if s["name"] == name]
        return found

    def values(self, group: str, name: str) -> list[tuple[Any, ...]]:
        """Each value of a lab or vital, oldest first, with its flag and the note it is from."""
        return [
            (m["systolic"], m["diastolic"], self.file(m["source"]))
            if m["systolic"] is not None
            else (m["value"], m["flag"], self.file(m["source"]))
            for m in self.series(group, name)["history"]
        ]

    def follow_ups_starting(self, starts_with: str) -> list[Any]:
        return [f for f in self.body["follow_ups"] if f["text"].startswith(starts_with)]

    def follow_up(self, starts_with: str) -> Any:
        [found] = self.follow_ups_starting(starts_with)
        return found

    def immunization(self, name: str) -> Any:
        [found] = [i for i in self.body["immunizations"] if i["name"] == name]
        return found

    def encounters(self) -> list[tuple[str, str, str]]:
        return [
            (self.notes[e["note_id"]]["file"]["filename"], e["note_type"], e["taken_at"])
            for e in self.body["encounters"]
        ]


def _citations(chart: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for group in ("current_medications", "stopped_medications", "problems", "past_history"):
        for fact in chart[group]:
            yield from fact["sources"]
    for group in ("allergies", "immunizations"):
        for fact in chart[group]:
            yield from fact["sources"]
    for group in ("vitals", "labs"):
        for series in chart[group]:
            yield series["latest"]["source"]
            yield from (m["source"] for m in series["history"])
    yield from (f["source"] for f in chart["follow_ups"])
    yield from (
        m["ended_at_discharge"] for m in chart["stopped_medications"] if m["ended_at_discharge"]
    )


def assert_every_fact_is_cited(chart: ReadChart) -> None:
    """Each citation names a note of this patient, its time, and words that are in its text."""
    count = 0
    for citation in _citations(chart.body):
        note = chart.notes[citation["note_id"]]
        assert citation["taken_at"] == note["taken_at"]
        assert note["content"][citation["start"] : citation["end"]] == citation["text"]
        count += 1
    assert count > 0
    assert [e["note_id"] for e in chart.body["encounters"]] == list(chart.notes)


async def read_chart(client: httpx.AsyncClient, user: TestUser, patient_id: str) -> ReadChart:
    response = await client.get(f"/patients/{patient_id}/chart", headers=user.headers)
    assert response.status_code == 200, response.text
    listing = await client.get(
        f"/patients/{patient_id}/notes",
        params={"sort": "taken_at", "limit": 100},
        headers=user.headers,
    )
    notes = {}
    for item in listing.json()["items"]:
        notes[item["id"]] = (await client.get(item["url"], headers=user.headers)).json()
    chart = ReadChart(response.json(), notes)
    assert chart.body["patient_id"] == patient_id
    assert chart.body["generated_from"] == len(notes)
    assert_every_fact_is_cited(chart)
    return chart


async def seeded_chart(
    app: FastAPI, settings: Settings, client: httpx.AsyncClient, user: TestUser, mrn: str
) -> ReadChart:
    async with app.state.sessionmaker() as session:
        await load(session=session, settings=settings, with_samples=True, **workers(app, settings))
    found = await client.get("/patients", params={"mrn": mrn}, headers=user.headers)
    [patient] = found.json()["items"]
    return await read_chart(client, user, patient["id"])


async def shared_chart(
    client: httpx.AsyncClient, clinician: TestUser, viewer: TestUser, files: list[str], **who: str
) -> ReadChart:
    """A patient whose shared sample notes are uploaded as files, dated by their own text."""
    paths = [shared_soap() / name for name in files]
    patient = await create_patient(client, clinician, **who)
    for path in paths:
        response = await upload_file(client, clinician, patient["id"], path.read_bytes(), path.name)
        assert response.status_code == 201, response.text
    return await read_chart(client, viewer, patient["id"])


# --- The seeded patients -------------------------------------------------------------------------


async def test_okafor_chart_shows_the_reduced_lisinopril_the_stopped_aspirin_and_the_potassium(
    app: FastAPI, settings: Settings, client: httpx.AsyncClient, viewer: TestUser
) -> None:
    chart = await seeded_chart(app, settings, client, viewer, "CC-SEED-0001")

    assert chart.names("current_medications") == {
        "acetaminophen",
        "amlodipine",
        "apixaban",
        "atorvastatin",
        "lisinopril",
        "metoprolol",  # written "metoprolol succinate": the chart names the ingredient
    }
    lisinopril = chart.medication("lisinopril")
    assert (lisinopril["dose"], lisinopril["status"]) == ("10 mg", "changed")
    assert lisinopril["sources"][-1]["text"].startswith("Decrease lisinopril to 10 mg")
    assert lisinopril["last_mentioned_at"] == "2025-01-22T00:00:00Z"
    metoprolol = chart.medication("metoprolol")
    assert "metoprolol succinate" in metoprolol["sources"][0]["text"]
    assert (metoprolol["dose"], metoprolol["frequency"]) == ("50 mg", "daily")
    assert chart.files(metoprolol)[0] == "01-primary-care-follow-up.txt"
    apixaban = chart.medication("apixaban")
    assert (apixaban["dose"], apixaban["frequency"], apixaban["status"]) == (
        "5 mg",
        "BID",
        "continued",
    )
    assert chart.names("stopped_medications") == {"aspirin"}
    aspirin = chart.medication("aspirin", "stopped_medications")
    assert chart.file(aspirin["sources"][-1]) == "02-cardiology-consult.txt"
    assert aspirin["sources"][-1]["text"].startswith("Stop aspirin 81 mg")
    assert aspirin["ended_at_discharge"] is None

    assert {"Atrial fibrillation", "Hyperkalemia", "Chronic kidney disease stage 3b"} <= (
        chart.problem_texts()
    )
    hypertension = chart.problem("Hypertension")
    assert hypertension["first_noted_at"] == "2024-02-12T00:00:00Z"
    assert len(hypertension["sources"]) == 3
    assert not any(
        word in " ".join(chart.problem_texts()).lower()
        for word in ("chest pain", "syncope", "stroke", "bleeding")
    )
    assert {(a["substance"], a["reaction"]) for a in chart.body["allergies"]} == {
        ("Sulfa drugs", "rash"),
        ("codeine", "nausea"),
    }
    assert chart.body["no_known_allergies"] is False

    assert chart.values("vitals", "blood_pressure") == [
        (148, 86, "01-primary-care-follow-up.txt"),
        (136, 82, "02-cardiology-consult.txt"),
        (112, 66, "03-follow-up-hyperkalemia.txt"),
    ]
    assert chart.values("labs", "Potassium") == [
        (4.8, "normal", "01-primary-care-follow-up.txt"),
        (5.4, "high", "03-follow-up-hyperkalemia.txt"),
    ]
    potassium = chart.series("labs", "Potassium")["latest"]
    assert (potassium["reference_range"], potassium["unit"]) == ("3.5-5.1", "mmol/L")
    assert [v[:2] for v in chart.values("labs", "eGFR")] == [(42, "low"), (38, "low")]

    cardiology = chart.follow_up("Cardiology follow-up in 3 months")
    assert (cardiology["kind"], cardiology["due"], cardiology["status"]) == (
        "follow_up",
        "2024-06-05",
        "past_due",
    )
    nephrology = chart.follow_up("Refer to nephrology")
    assert (nephrology["kind"], chart.file(nephrology["source"])) == (
        "referral",
        "03-follow-up-hyperkalemia.txt",
    )
    assert chart.encounters() == [
        ("01-primary-care-follow-up.txt", "follow_up", "2024-02-12T00:00:00Z"),
        ("02-cardiology-consult.txt", "consult", "2024-03-05T00:00:00Z"),
        ("03-follow-up-hyperkalemia.txt", "follow_up", "2025-01-22T00:00:00Z"),
    ]
    assert [e["author"] for e in chart.body["encounters"]] == [
        "Helen Achebe, MD",
        "Rafael Ortiz, MD",
        "Helen Achebe, MD",
    ]


async def test_herrera_chart_follows_four_diabetes_visits_and_the_drug_stopped_for_infections(
    app: FastAPI, settings: Settings, client: httpx.AsyncClient, viewer: TestUser
) -> None:
    chart = await seeded_chart(app, settings, client, viewer, "CC-SEED-0002")

    assert chart.names("current_medications") == {
        "atorvastatin",
        "lisinopril",
        "metformin",
        "semaglutide",
    }
    lisinopril = chart.medication("lisinopril")
    assert (lisinopril["dose"], lisinopril["status"]) == ("20 mg", "continued")
    assert "10 mg" in lisinopril["sources"][0]["text"]
    assert lisinopril["sources"][1]["text"].startswith("Increase lisinopril to 20 mg")
    metformin = chart.medication("metformin")
    assert (metformin["dose"], metformin["frequency"]) == ("1000 mg", "BID")
    assert metformin["sources"][0]["text"].startswith("Start metformin 500 mg")
    semaglutide = chart.medication("semaglutide")
    assert (semaglutide["dose"], semaglutide["route"], semaglutide["frequency"]) == (
        "0.25 mg",
        "SC",
        "weekly",
    )
    assert semaglutide["status"] == "started"
    assert chart.names("stopped_medications") == {"empagliflozin"}
    empagliflozin = chart.medication("empagliflozin", "stopped_medications")
    assert chart.files(empagliflozin) == ["03-primary-care-visit.txt", "04-diabetes-follow-up.txt"]
    assert empagliflozin["sources"][-1]["text"].startswith("Discontinue empagliflozin")

    diabetes = chart.problem("Type 2 diabetes mellitus")
    assert (diabetes["first_noted_at"], diabetes["last_noted_at"]) == (
        "2023-06-07T00:00:00Z",
        "2024-09-25T00:00:00Z",
    )
    # The condition, not the drug it is attributed to: "X on <drug>" names the drug apart
    # (issue 11 item 6); the stopped empagliflozin above carries the reason.
    balanitis = chart.problem("Recurrent candidal balanitis")
    assert (balanitis["status"], chart.files(balanitis)) == (
        "active",
        ["04-diabetes-follow-up.txt"],
    )
    assert "empagliflozin" not in " ".join(chart.problem_texts()).lower()
    assert "hypoglycemia" not in " ".join(chart.problem_texts()).lower()
    assert chart.body["allergies"] == []
    assert chart.body["no_known_allergies"] is True

    assert chart.values("labs", "HbA1c") == [
        (8.4, "high", "01-new-diabetes.txt"),
        (7.6, "high", "02-diabetes-follow-up.txt"),
        (7.3, "high", "03-primary-care-visit.txt"),
        (6.9, "high", "04-diabetes-follow-up.txt"),
    ]
    assert chart.series("labs", "HbA1c")["latest"]["reference_range"] == "4.0-5.6"
    assert [v[:2] for v in chart.values("labs", "LDL")] == [
        (131, "high"),
        (124, "high"),
        (92, "normal"),
        (88, "normal"),
    ]
    bp = chart.series("vitals", "blood_pressure")
    assert (bp["latest"]["systolic"], bp["latest"]["diastolic"]) == (126, 78)
    assert bp["latest"]["source"]["taken_at"] == "2024-09-25T00:00:00Z"
    assert [m["value"] for m in chart.series("vitals", "weight")["history"]] == [104, 100, 98, 96]

    flu = chart.immunization("influenza vaccine")
    assert (flu["status"], flu["last_given_at"], flu["site"]) == (
        "administered",
        "2023-09-13T00:00:00Z",
        "left deltoid",
    )
    assert chart.follow_up("RTC in 3 months.")["due"] == "2024-12-25"
    # The first visit's return was kept by the later visits, which plan their own returns.
    assert not chart.follow_ups_starting("Follow-up visit in 3 months")
    assert [e[1] for e in chart.encounters()] == ["follow_up"] * 4


async def test_tanaka_chart_follows_levothyroxine_against_the_tsh_and_a_year_of_migraine_care(
    app: FastAPI, settings: Settings, client: httpx.AsyncClient, viewer: TestUser
) -> None:
    chart = await seeded_chart(app, settings, client, viewer, "CC-SEED-0003")

    assert chart.names("current_medications") == {"amitriptyline", "levothyroxine", "sumatriptan"}
    levothyroxine = chart.medication("levothyroxine")
    assert (levothyroxine["dose"], levothyroxine["status"]) == ("75 mcg", "continued")
    assert [c["text"][:30] for c in levothyroxine["sources"][:2]] == [
        "Start levothyroxine 50 mcg PO ",
        "Increase levothyroxine to 75 m",
    ]
    amitriptyline = chart.medication("amitriptyline")
    assert (amitriptyline["dose"], amitriptyline["frequency"], amitriptyline["status"]) == (
        "10 mg",
        "qHS",
        "started",
    )
    assert chart.medication("sumatriptan")["prn"] is True
    ibuprofen = chart.medication("ibuprofen", "stopped_medications")
    assert ibuprofen["sources"][-1]["text"].startswith("stopped taking ibuprofen")
    # "without aura" is part of the diagnosis, not a denial of it.
    assert chart.problem_texts() == {"Primary hypothyroidism", "Migraine without aura"}
    assert [(a["substance"], a["reaction"]) for a in chart.body["allergies"]] == [
        ("Latex", "contact dermatitis")
    ]
    assert [v[:2] for v in chart.values("labs", "TSH")] == [
        (11.8, "high"),
        (5.6, "high"),
        (2.4, "normal"),
    ]
    assert [v[:2] for v in chart.values("labs", "Free T4")] == [
        (0.6, "low"),
        (0.9, "normal"),
        (1.2, "normal"),
    ]
    # Each visit drew the TSH the visit before booked and books the next one: only the last
    # is still open.
    assert chart.follow_ups_starting("Recheck TSH and free T4") == []
    assert chart.follow_ups_starting("Repeat TSH in 6-8 weeks") == []
    assert chart.follow_up("Continue levothyroxine 75 mcg PO daily; TSH yearly")
    assert chart.follow_up("Follow-up visit in 3 months")["due"] == "2025-07-08"
    vaccines = {
        i["name"]: (i["status"], i["last_given_at"], i["lot"]) for i in chart.body["immunizations"]
    }
    assert vaccines == {
        "Tdap": ("administered", "2025-04-08T00:00:00Z", "TD5521A"),
        "influenza vaccine": ("declined", None, None),
    }
    assert [e[1] for e in chart.encounters()] == ["annual_physical", "follow_up", "annual_physical"]


async def test_whitfield_chart_after_discharge_shows_the_discharge_medications_as_current(
    app: FastAPI, settings: Settings, client: httpx.AsyncClient, viewer: TestUser
) -> None:
    chart = await seeded_chart(app, settings, client, viewer, "CC-SEED-0004")
    discharge = "04-discharge-summary.txt"

    assert chart.names("current_medications") == {
        "allopurinol",
        "aspirin",
        "atorvastatin",
        "carvedilol",
        "empagliflozin",
        "sacubitril / valsartan",
        "spironolactone",
        "torsemide",
    }
    carvedilol = chart.medication("carvedilol")
    assert (carvedilol["dose"], carvedilol["frequency"], carvedilol["status"]) == (
        "25 mg",
        "BID",
        "changed",
    )
    assert "12.5 mg" in carvedilol["sources"][0]["text"]
    torsemide = chart.medication("torsemide")
    assert (torsemide["dose"], torsemide["frequency"], torsemide["status"]) == (
        "20 mg",
        "daily",
        "started",
    )
    assert chart.medication("sacubitril / valsartan")["dose"] == "24/26 mg"
    assert chart.medication("spironolactone")["status"] == "continued"

    assert chart.names("stopped_medications") == {
        "colchicine",
        "enoxaparin",
        "furosemide",
        "ibuprofen",
        "lisinopril",
    }
    # "potassium chloride 40 mEq PO once" on hospital day 2 was a single dose: given, never current.
    assert chart.names("given_medications") == {"potassium chloride"}
    for name in ("furosemide", "lisinopril", "ibuprofen"):
        stopped = chart.medication(name, "stopped_medications")
        assert chart.file(stopped["sources"][-1]) == discharge, name
        assert stopped["ended_at_discharge"] is None, name
    # Colchicine was stopped by an order on hospital day 3 ("Stop colchicine"), before the
    # discharge list: that order, not the list, is why it ended. The discharge summary's hospital
    # course has the last word on it ("resolved with a short course of colchicine"): as a
    # clinician reading the stay in order, the chart cites the stop order, then that summary.
    colchicine = chart.medication("colchicine", "stopped_medications")
    assert (colchicine["stop_reason"], colchicine["ended_at_discharge"]) == (None, None)
    *_, stop_order, last_word = colchicine["sources"]
    assert (chart.file(stop_order), stop_order["text"]) == (
        "03-progress-note-hospital-day-3.txt",
        "Stop colchicine",
    )
    assert chart.file(last_word) == discharge
    assert chart.file(colchicine["latest"]) == discharge
    # In-hospital drugs the discharge list leaves out ended with the stay; the list is cited.
    for name in ("enoxaparin",):
        ended = chart.medication(name, "stopped_medications")
        assert (ended["status"], ended["stop_reason"]) == ("stopped", "ended_at_discharge"), name
        assert chart.file(ended["ended_at_discharge"]) == discharge, name
        assert ended["ended_at_discharge"]["text"] == "DISCHARGE MEDICATIONS", name

    heart_failure = chart.problem("Acute on chronic systolic heart failure")
    assert heart_failure["status"] == "active"
    assert len(heart_failure["sources"]) == 4
    assert {p["status"] for p in chart.body["problems"]} == {"active"}
    listed = [*chart.body["problems"], *chart.body["resolved_problems"]]
    statuses = {p["text"]: p["status"] for p in listed}
    assert statuses["Acute kidney injury"] == "resolved"
    assert statuses["Gout flare"] == "resolved"
    assert statuses["Hypokalemia"] == "resolved"
    assert statuses["Coronary artery disease"] == "active"
    assert [(a["substance"], a["reaction"]) for a in chart.body["allergies"]] == [
        ("Iodinated contrast", "hives")
    ]

    assert [m["value"] for m in chart.series("vitals", "weight")["history"]] == [
        98.4,
        96.9,
        95.6,
        94.9,
    ]
    bp = chart.series("vitals", "blood_pressure")["latest"]
    assert (bp["systolic"], bp["diastolic"], bp["source"]["taken_at"]) == (
        118,
        72,
        "2025-03-06T13:20:00Z",
    )
    assert [v[:2] for v in chart.values("labs", "Creatinine")] == [
        (1.5, "high"),
        (1.4, "high"),
        (1.2, "normal"),
        (1.1, "normal"),
    ]
    assert [v[:2] for v in chart.values("labs", "Potassium")][1] == (3.4, "low")
    assert chart.series("labs", "BNP")["latest"]["flag"] == "high"

    clinic = chart.follow_up("Heart failure clinic with Dr. Rafael Ortiz in 1 week")
    assert (clinic["kind"], clinic["due"], clinic["status"]) == (
        "follow_up",
        "2025-03-13",
        "past_due",
    )
    assert chart.follow_up("BMP in 1 week")["due"] == "2025-03-13"
    assert chart.follow_up("Primary care follow-up")["due"] == "2025-03-20"
    assert chart.encounters() == [
        ("01-admission-history-and-physical.txt", "admission", "2025-03-03T22:15:00Z"),
        ("02-progress-note-hospital-day-2.txt", "progress", "2025-03-04T09:30:00Z"),
        ("03-progress-note-hospital-day-3.txt", "progress", "2025-03-05T09:10:00Z"),
        (discharge, "discharge", "2025-03-06T13:20:00Z"),
    ]


async def test_raman_chart_shows_the_inhaler_switch_the_finished_prednisone_and_the_vaccines(
    app: FastAPI, settings: Settings, client: httpx.AsyncClient, viewer: TestUser
) -> None:
    chart = await seeded_chart(app, settings, client, viewer, "CC-SEED-0005")

    assert chart.names("current_medications") == {"acetaminophen", "budesonide / formoterol"}
    inhaler = chart.medication("budesonide / formoterol")
    assert (inhaler["dose"], inhaler["frequency"], inhaler["prn"]) == ("160/4.5 mcg", "BID", True)
    assert inhaler["sources"][0]["text"].startswith("start budesonide-formoterol")
    assert chart.names("stopped_medications") == {"albuterol", "fluticasone", "prednisone"}
    prednisone = chart.medication("prednisone", "stopped_medications")
    assert prednisone["sources"][-1]["text"] == "Completed the 5-day prednisone course"
    assert chart.file(prednisone["sources"][-1]) == "02-asthma-follow-up.txt"

    # Resolved problems are listed apart from the active ones.
    assert [p["text"] for p in chart.body["problems"]] == ["Mild persistent asthma"]
    assert [(p["text"], p["status"]) for p in chart.body["resolved_problems"]] == [
        ("Asthma exacerbation", "resolved")
    ]
    assert [(a["substance"], a["reaction"]) for a in chart.body["allergies"]] == [
        ("Amoxicillin", "hives")
    ]
    assert [v[:1] for v in chart.values("vitals", "spo2")] == [(95,), (99,)]

    given = {
        i["name"]: (i["status"], i["last_given_at"], i["lot"]) for i in chart.body["immunizations"]
    }
    assert given == {
        "COVID-19 vaccine": ("administered", "2024-10-15T00:00:00Z", "SV8830K"),
        "influenza vaccine": ("administered", "2024-10-15T00:00:00Z", "FX2291B"),
        "Tdap": ("historical", None, None),
    }
    # The 2-week return happened (the second note is that visit): its own return stands.
    assert not chart.follow_ups_starting("Follow up in 2 weeks")
    assert chart.follow_up("RTC in 6 months")["due"] == "2024-05-22"
    assert [e[1] for e in chart.encounters()] == ["follow_up", "follow_up", "immunization"]


# --- The shared sample notes -------------------------------------------------------------------


async def test_collins_chart_from_the_shared_notes_starts_atorvastatin_for_hyperlipidemia(
    client: httpx.AsyncClient, clinician: TestUser, viewer: TestUser
) -> None:
    chart = await shared_chart(
        client,
        clinician,
        viewer,
        ["soap_01.txt", "soap_02.txt"],
        mrn="10001",
        given_name="Jonathan",
        family_name="Collins",
        date_of_birth="1987-05-23",
        sex="male",
    )

    [atorvastatin] = chart.body["current_medications"]
    assert (atorvastatin["name"], atorvastatin["dose"], atorvastatin["frequency"]) == (
        "atorvastatin",
        "20 mg",
        "qHS",
    )
    assert atorvastatin["status"] == "started"
    assert chart.files(atorvastatin) == ["soap_02.txt"]
    assert atorvastatin["sources"][0]["taken_at"] == "2024-03-15T00:00:00Z"
    assert chart.body["stopped_medications"] == []

    hyperlipidemia = chart.problem("Hyperlipidemia")
    # The family history of high cholesterol in the physical is not the patient's problem.
    assert chart.files(hyperlipidemia) == ["soap_02.txt"]
    problems = " ".join(chart.problem_texts()).lower()
    for denied in ("chest pain", "sob", "dizziness", "palpitations", "orthopnea", "pnd"):
        assert denied not in problems

    bp = chart.series("vitals", "blood_pressure")
    assert [(m["systolic"], m["diastolic"]) for m in bp["history"]] == [(128, 82), (134, 84)]
    assert bp["latest"]["source"]["taken_at"] == "2024-03-15T00:00:00Z"
    assert chart.values("labs", "LDL") == [(165, "high", "soap_02.txt")]
    assert chart.values("labs", "HDL") == [(38, "low", "soap_02.txt")]
    assert chart.values("labs", "Triglycerides") == [(145, "normal", "soap_02.txt")]
    assert (chart.body["allergies"], chart.body["no_known_allergies"]) == ([], False)

    # soap_02 is the visit soap_01 booked, and it books the next one: the chart lists the new
    # return visit only, not the one that has happened.
    assert chart.follow_ups_starting("Scheduled follow-up visit") == []
    assert chart.follow_up("Repeat lipid panel")["due"] == "2024-06-15"
    assert chart.follow_up("Return for follow-up in 3 months")["due"] == "2024-06-15"
    flu = chart.immunization("influenza vaccine")
    assert (flu["status"], flu["last_given_at"]) == ("administered", "2023-10-26T00:00:00Z")
    assert chart.encounters() == [
        ("soap_01.txt", "annual_physical", "2023-10-26T00:00:00Z"),
        ("soap_02.txt", "follow_up", "2024-03-15T00:00:00Z"),
    ]
    assert {e["author"] for e in chart.body["encounters"]} == {"Dr. Mark Reynolds, MD"}


async def test_singh_chart_from_the_shared_notes_switches_antihistamine_and_adds_a_nasal_steroid(
    client: httpx.AsyncClient, clinician: TestUser, viewer: TestUser
) -> None:
    chart = await shared_chart(
        client,
        clinician,
        viewer,
        ["soap_03.txt", "soap_04.txt"],
        mrn="10005",
        given_name="Arjun",
        family_name="Singh",
        date_of_birth="1982-11-28",
        sex="male",
    )

    cetirizine = chart.medication("cetirizine")
    # "Change antihistamine to cetirizine": the new drug starts (eval/LABELLING.md).
    assert (cetirizine["dose"], cetirizine["status"], cetirizine["prn"]) == (
        "10 mg",
        "started",
        True,
    )
    fluticasone = chart.medication("fluticasone")
    assert (fluticasone["dose"], fluticasone["route"], fluticasone["status"]) == (
        "2 sprays",
        "nasal",
        "started",
    )
    # "consider ketotifen ... if eye redness persists" is a suggestion, not a drug taken.
    everything = chart.names("current_medications") | chart.names("stopped_medications")
    assert "ketotifen" not in everything
    assert chart.names("proposed_medications") == {"ketotifen"}
    # "Influenza immunization, routine visit" is the reason for a vaccine visit, never a problem
    # (issue 11 item 6): the vaccine is in the immunizations below.
    assert chart.problem_texts() == {"Allergic rhinitis", "Allergic conjunctivitis"}
    assert "asthma" not in " ".join(chart.problem_texts()).lower()  # "No hx asthma"
    assert chart.values("vitals", "blood_pressure") == [(122, 76, "soap_04.txt")]
    assert chart.follow_up("RTC if not improved in 4-6 weeks")["due"] == "2024-06-07"  # near end
    flu = chart.immunization("influenza vaccine")
    assert (flu["status"], flu["route"], flu["site"], flu["last_given_at"]) == (
        "administered",
        "IM",
        "left deltoid",
        "2023-11-23T00:00:00Z",
    )
    assert [e[1:] for e in chart.encounters()] == [
        ("immunization", "2023-11-23T00:00:00Z"),
        ("follow_up", "2024-05-10T00:00:00Z"),
    ]


async def test_williams_chart_from_the_shared_notes_shows_the_knee_surgery_as_a_visit_not_a_problem(
    client: httpx.AsyncClient, clinician: TestUser, viewer: TestUser
) -> None:
    chart = await shared_chart(
        client,
        clinician,
        viewer,
        ["soap_05.txt", "soap_06.txt"],
        mrn="10010",
        given_name="Emily",
        family_name="Williams",
        date_of_birth="1996-12-02",
        sex="female",
    )

    [ibuprofen] = chart.body["current_medications"]
    assert (ibuprofen["name"], ibuprofen["dose"], ibuprofen["frequency"], ibuprofen["prn"]) == (
        "ibuprofen",
        "400-600 mg",
        "q6-8h",
        True,
    )
    assert ibuprofen["status"] == "continued"
    # "Status-post left knee arthroscopic meniscal repair", "S/P left knee arthroscopy": an
    # operation is never a problem, past or active (issue 11 item 6, eval/LABELLING.md); the
    # surgery shows as the post-operative encounter below.
    assert chart.body["past_history"] == []
    problems = " ".join(chart.problem_texts()).lower()
    for denied in ("knee", "fever", "infection", "swelling", "instability"):
        assert denied not in problems
    bp = chart.series("vitals", "blood_pressure")
    assert [(m["systolic"], m["diastolic"]) for m in bp["history"]] == [(118, 74), (116, 72)]
    assert bp["latest"]["source"]["taken_at"] == "2024-06-20T00:00:00Z"
    referral = chart.follow_up("Cleared to gradually increase ROM")
    assert (referral["kind"], referral["due"]) == ("referral", "2024-01-11")  # 2-4 wk: near end
    assert [e[1:] for e in chart.encounters()] == [
        ("post_operative", "2023-12-28T00:00:00Z"),
        ("physical_therapy", "2024-06-20T00:00:00Z"),
    ]


# --- Who may read a chart ------------------------------------------------------------------------


async def test_a_patient_without_notes_has_an_empty_chart_a_viewer_may_read(
    client: httpx.AsyncClient, clinician: TestUser, viewer: TestUser
) -> None:
    patient = await create_patient(client, clinician)

    chart = await read_chart_body(client, viewer, patient["id"])

    assert chart["generated_from"] == 0
    assert chart["encounters"] == chart["current_medications"] == chart["immunizations"] == []


async def read_chart_body(client: httpx.AsyncClient, user: TestUser, patient_id: str) -> Any:
    response = await client.get(f"/patients/{patient_id}/chart", headers=user.headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_the_chart_of_an_unknown_patient_is_a_404_problem(
    client: httpx.AsyncClient, viewer: TestUser
) -> None:
    response = await client.get(f"/patients/{uuid.uuid4()}/chart", headers=viewer.headers)
    assert_problem(response, 404, "patient-not-found")


async def test_the_chart_without_a_token_is_a_401_problem(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    response = await client.get(f"/patients/{patient['id']}/chart")
    assert_problem(response, 401)
    assert "www-authenticate" in response.headers
