"""A biologic written with its FDA four-letter suffix, its brand or its plain ingredient is one
drug: the vocabulary resolves all three to the ingredient, and the chart lists it once."""

import uuid
from datetime import date

import pytest

from carechart.notes.chart import build_chart
from carechart.notes.nlp.vocabulary import find_drug_names
from tests.notes.stories import story_note as _note


def _keys(text: str) -> list[tuple[str, str]]:
    return [(text[n.start : n.end], n.drug.key) for n in find_drug_names(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "written", "ingredient"),
    [
        ("Erenumab-aooe 70 mg SC monthly", "Erenumab-aooe", "erenumab"),
        ("started Aimovig 140 mg", "Aimovig", "erenumab"),
        ("fremanezumab-vfrm 225 mg", "fremanezumab-vfrm", "fremanezumab"),
        ("AJOVY monthly", "AJOVY", "fremanezumab"),
        ("galcanezumab-gnlm 120mg", "galcanezumab-gnlm", "galcanezumab"),
        ("adalimumab-atto 40 mg q2 weeks", "adalimumab-atto", "adalimumab"),
        ("Infliximab-dyyb 5 mg/kg", "Infliximab-dyyb", "infliximab"),
        ("pegfilgrastim-jmdb 6 mg x1", "pegfilgrastim-jmdb", "pegfilgrastim"),
        ("risankizumab-rzaa 150 mg", "risankizumab-rzaa", "risankizumab"),
        ("romosozumab-aqqg 210 mg monthly", "romosozumab-aqqg", "romosozumab"),
        ("insulin glargine-yfgn 20 units qHS", "insulin glargine-yfgn", "insulin glargine"),
        # A biosimilar newer than the dictionary: its suffix is read as part of the name.
        ("Ustekinumab-zqxw 45 mg", "Ustekinumab-zqxw", "ustekinumab"),
        ("etanercept-qbvz, 50 mg weekly", "etanercept-qbvz", "etanercept"),
    ],
)
def test_a_suffixed_or_brand_biologic_resolves_to_its_ingredient(
    text: str, written: str, ingredient: str
) -> None:
    assert _keys(text)[0] == (written, ingredient)


@pytest.mark.parametrize(
    ("text", "ingredient"),
    [
        ("epoetin alfa 10,000 units", "epoetin alfa"),
        ("naproxen-sodium 220 mg", "naproxen"),
        ("Lisinopril-HCTZ 20-12.5", "hydrochlorothiazide / lisinopril"),
    ],
)
def test_a_word_after_a_hyphen_is_no_fda_suffix(text: str, ingredient: str) -> None:
    assert _keys(text)[0][1] == ingredient


def test_the_chart_lists_a_biologic_once_whether_written_plain_or_suffixed() -> None:
    first = _note(
        "2025-06-01T09:00:00",
        "Assessment: chronic migraine.\nPlan: Start Aimovig (erenumab-aooe) 70 mg SC monthly.\n",
    )
    later = _note(
        "2025-09-01T09:00:00",
        "Assessment: chronic migraine, better.\nPlan: Increase erenumab to 140 mg SC monthly.\n",
    )
    chart = build_chart(uuid.uuid4(), [first, later], today=date(2025, 10, 1))
    current = [m for m in chart.current_medications if m.ingredient == "erenumab"]
    assert len(current) == 1
    assert current[0].dose == "140 mg"
    assert not [m for m in chart.current_medications if "aooe" in (m.ingredient or "")]
