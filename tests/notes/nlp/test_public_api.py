"""The public API: one pure function, a JSON-ready result, evidence offsets that hold."""

import json
from pathlib import Path

import pytest

from carechart.notes.nlp import EXTRACTOR_VERSION, NoteAnalysis, analyse, medication_key
from tests.notes.nlp.support import OWN_NOTES, own_text
from tests.shared_samples import SHARED_SOAP, SOAP_FILES, needs_shared_soap

EVIDENCE_LISTS = (
    "vitals",
    "medications",
    "problems",
    "allergies",
    "labs",
    "plans",
    "immunizations",
    "negated_findings",
    "historical_findings",
)


def all_notes() -> list[object]:
    """Our notes and the shared ones; a shared one that is missing is a skip that says why."""
    shared = [pytest.param(SHARED_SOAP / n, marks=needs_shared_soap, id=n) for n in SOAP_FILES]
    return [pytest.param(p, id=p.name) for p in sorted(OWN_NOTES.glob("*.txt"))] + shared


@pytest.mark.parametrize("path", all_notes())
def test_every_item_points_at_its_evidence_in_the_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    analysis = analyse(text)
    for name in EVIDENCE_LISTS:
        for item in getattr(analysis, name):
            assert text[item.start : item.end] == item.text, (name, item)
    for medication in analysis.medications:
        # "fluticasone propionate" and "Flonase" merge into one drug: every mention names it.
        key = medication_key(medication.name)
        assert all(medication_key(text[m.start : m.end]) == key for m in medication.mentions)
    if analysis.encounter_date is not None:
        date = analysis.encounter_date
        assert text[date.start : date.end] == date.text
    if analysis.author is not None:
        assert text[analysis.author.start : analysis.author.end] == analysis.author.name
    for section in analysis.sections:
        assert text[section.start : section.end].startswith(section.heading)


@pytest.mark.parametrize("path", all_notes(), ids=lambda p: p.name)
def test_the_result_round_trips_through_json_for_jsonb_storage(path: Path) -> None:
    analysis = analyse(path.read_text(encoding="utf-8"))
    stored = json.loads(json.dumps(analysis.model_dump(mode="json")))
    assert stored["extractor_version"] == EXTRACTOR_VERSION
    assert NoteAnalysis.model_validate(stored) == analysis


def test_the_same_text_always_gives_the_same_result() -> None:
    text = own_text("admission_hp.txt")
    assert analyse(text) == analyse(text)


def test_windows_line_endings_change_nothing_but_the_offsets() -> None:
    text = own_text("discharge_summary.txt")
    unix = analyse(text)
    windows = analyse(text.replace("\n", "\r\n"))
    assert [
        m.model_dump(exclude={"start", "end", "mentions", "text"}) for m in windows.medications
    ] == [m.model_dump(exclude={"start", "end", "mentions", "text"}) for m in unix.medications]
    assert [p.text for p in windows.problems] == [p.text for p in unix.problems]
    assert windows.encounter_date is not None
    assert unix.encounter_date is not None
    assert windows.encounter_date.value == unix.encounter_date.value


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_a_note_without_text_says_so(text: str) -> None:
    analysis = analyse(text)
    assert not analysis.has_text
    assert analysis.note_type.value == "other"
    assert analysis.medications == []
    assert analysis.sections == []
    assert analysis.warnings == ["the note has no text"]


def test_the_clients_note_type_wins_but_the_classifier_is_still_reported() -> None:
    result = analyse(own_text("progress_note.txt"), client_note_type="Discharge").note_type
    assert (result.value, result.source, result.confidence) == ("discharge", "client", 1.0)
    assert (result.classifier_value, result.cues[0]) == ("progress", "Progress Note")
    assert result.classifier_confidence < 1.0


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("follow-up", "follow_up"),
        ("Follow Up", "follow_up"),
        ("H&P", "admission"),
        ("post-op", "post_operative"),
    ],
)
def test_common_spellings_of_a_client_note_type_are_understood(given: str, expected: str) -> None:
    assert analyse("S: cough", client_note_type=given).note_type.value == expected


def test_an_unknown_client_note_type_falls_back_to_the_classifier_with_a_warning() -> None:
    analysis = analyse(own_text("progress_note.txt"), client_note_type="telepathy")
    assert (analysis.note_type.value, analysis.note_type.source) == ("progress", "classifier")
    assert "client note type not recognised; the classifier's type is used" in analysis.warnings
    assert not any("telepathy" in warning for warning in analysis.warnings)


def test_text_with_no_clues_is_other_with_warnings() -> None:
    analysis = analyse("Called the pharmacy about a refill.")
    assert (analysis.note_type.value, analysis.note_type.confidence) == ("other", 0.0)
    assert analysis.warnings == [
        "no section markers found",
        "no encounter date found",
        "note type not recognised",
    ]


def test_the_module_never_logs_note_text(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    analyse(own_text("admission_hp.txt"))
    assert caplog.records == []


def test_problems_carry_no_code_and_those_stored_with_a_null_code_still_read() -> None:
    analysis = analyse("A: Hypertension, well controlled.\nP: Continue lisinopril 10 mg daily.")
    stored = json.loads(analysis.model_dump_json())
    assert [p["text"] for p in stored["problems"]] == ["Hypertension"]
    assert "code" not in stored["problems"][0]

    # Extractor 1.3.0 and earlier stored `"code": null` on every problem.
    stored["problems"][0]["code"] = None
    assert NoteAnalysis.model_validate(stored).problems == analysis.problems
