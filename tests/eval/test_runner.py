"""The runner: what it passes to the extractor, and the charts it builds."""

from datetime import UTC, date, datetime

from carechart.notes.nlp import NoteAnalysis, analyse
from eval.runner import extractor_arguments, run_corpus
from tests.eval.support import perfect, run_with, tiny


def test_no_note_type_is_sent_so_the_classifier_is_what_is_scored() -> None:
    assert extractor_arguments(analyse, date(2025, 3, 14))["client_note_type"] is None


def test_taken_at_is_sent_as_soon_as_the_extractor_accepts_it() -> None:
    corpus = tiny()
    seen: list[object] = []

    def dated(text: str, *, client_note_type: str | None = None, taken_at: date) -> NoteAnalysis:
        seen.append(taken_at)
        return perfect(corpus.notes[0].label)

    def timed(
        text: str, *, client_note_type: str | None = None, taken_at: datetime | None = None
    ) -> NoteAnalysis:
        seen.append(taken_at)
        return perfect(corpus.notes[0].label)

    run_corpus(corpus, dated)
    assert seen[1:] == [n.label.taken_at for n in corpus.notes]
    seen.clear()
    run_corpus(corpus, timed)
    assert seen[1] == datetime(2025, 3, 10, tzinfo=UTC)


def test_a_chart_is_built_from_the_patients_notes_in_story_order_on_as_of() -> None:
    run = run_with()
    stay = next(p for p in run.patients if p.patient.patient == "f01")
    taken = [e.taken_at.date() for e in stay.chart.encounters]
    assert taken == [date(2025, 3, 10), date(2025, 3, 14)]
    assert stay.chart.generated_from == 2
    # Follow-ups are judged on the patient's as_of date: both are still ahead.
    assert {f.status for f in stay.chart.follow_ups} == {"upcoming", "undated"}


def test_every_note_is_timed() -> None:
    run = run_with()
    assert len(run.notes) == 5
    assert all(n.milliseconds >= 0 for n in run.notes)
