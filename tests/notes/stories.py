"""Short stories of notes for chart tests, without a database: each note analysed as an upload
would be, then merged by the chart as the API merges a patient's notes."""

import uuid
from datetime import UTC, date, datetime

from carechart.notes.chart import ChartNote, build_chart
from carechart.notes.chart_schemas import Chart, ChartMedication
from carechart.notes.nlp import analyse

TODAY = date(2026, 1, 1)


def story_note(taken_at: str, text: str) -> ChartNote:
    """A note taken at `taken_at` (ISO date or date-time, UTC), typed as the classifier reads it."""
    analysis = analyse(text)
    return ChartNote(
        id=uuid.uuid4(),
        taken_at=datetime.fromisoformat(taken_at).replace(tzinfo=UTC),
        note_type=analysis.note_type.value,
        title=None,
        author=None,
        has_text=True,
        analysis=analysis,
    )


def story_chart(*notes: ChartNote, today: date = TODAY) -> Chart:
    return build_chart(uuid.uuid4(), notes, today=today)


def current_names(chart: Chart) -> set[str]:
    return {m.name for m in chart.current_medications}


def chart_medication(chart: Chart, name: str) -> ChartMedication:
    """The one medication of that name in any of the chart's lists."""
    every = [
        *chart.current_medications,
        *chart.held_medications,
        *chart.stopped_medications,
        *chart.historical_medications,
        *chart.given_medications,
        *chart.proposed_medications,
        *chart.unknown_medications,
    ]
    found = [m for m in every if m.name == name]
    assert len(found) == 1, [m.name for m in every]
    return found[0]
