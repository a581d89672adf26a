"""Reviewer's probes: a dose-less combination beside its ingredients dosed apart is two drugs
named together only when no note names it as a product: "Ciprodex" of an earlier note stopped
as "ciprofloxacin/dexamethasone ear drops" beside oral ciprofloxacin and dexamethasone is that
product stopped."""

from datetime import date

import pytest

from tests.notes.stories import current_names, story_chart, story_note

_EAR = "Clinic note\nDate: 01/05/2026\nMedications:\n- Ciprodex 4 drops in right ear BID\n"
_LATER = (
    "Clinic note\nDate: 01/12/2026\nMedications:\n- ciprofloxacin 500 mg PO BID for UTI\n"
    "- dexamethasone 4 mg PO daily\n- {line}\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "ciprofloxacin/dexamethasone ear drops - finished, stop",
        "Ciprodex - finished, stop",
    ],
)
def test_a_product_stopped_beside_its_ingredients_dosed_apart_is_stopped(line: str) -> None:
    chart = story_chart(
        story_note("2026-01-05", _EAR),
        story_note("2026-01-12", _LATER.format(line=line)),
        today=date(2026, 1, 13),
    )

    assert "ciprofloxacin / dexamethasone" not in current_names(chart)
    assert "ciprofloxacin / dexamethasone" in {m.name for m in chart.stopped_medications}


def test_a_brand_stopped_beside_its_ingredients_taken_apart_leaves_them_current() -> None:
    note = (
        "Clinic note\nDate: 01/05/2026\nMedications:\n- metformin 500 mg BID\n"
        "- sitagliptin 100 mg daily\n- Janumet (sitagliptin/metformin) - stopped, now taking"
        " separately\n"
    )
    chart = story_chart(story_note("2026-01-05", note), today=date(2026, 1, 6))

    assert {"metformin", "sitagliptin"} <= current_names(chart)
    assert "sitagliptin / metformin" not in current_names(chart)


def test_two_drugs_written_together_stay_two_drugs() -> None:
    note = (
        "Discharge instructions\nDate: 01/05/2026\nMedications:\n- ibuprofen 600 mg q6h PRN\n"
        "- acetaminophen 1,000 mg q8h\nStop once pain is controlled with"
        " acetaminophen/ibuprofen.\n"
    )
    chart = story_chart(story_note("2026-01-05", note), today=date(2026, 1, 6))

    assert {"ibuprofen", "acetaminophen"} <= current_names(chart)
    assert not [m for m in current_names(chart) if " / " in m]
