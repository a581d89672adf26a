"""The summary prompt: rules per audience and length, the notes as sent, token budgeting."""

import json
import re
import uuid
from datetime import UTC, date, datetime, timedelta

from carechart.summaries.prompt import (
    PROMPT_VERSION,
    build_merge_messages,
    build_messages,
    build_part_messages,
    chunk_notes,
    estimate_message_tokens,
    estimate_tokens,
    format_note,
    group_notes_for_budget,
    note_tokens,
)
from carechart.summaries.providers.base import (
    Audience,
    DraftItem,
    Length,
    PromptNote,
    SummaryDraft,
    SummaryRequest,
)

START = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def make_note(text: str, day: int = 0, note_type: str = "progress") -> PromptNote:
    return PromptNote(uuid.uuid4(), START + timedelta(days=day), note_type, text)


def make_request(notes: list[PromptNote] | None = None, **changes: object) -> SummaryRequest:
    fields: dict[str, object] = {
        "audience": Audience.CLINICIAN,
        "length": Length.STANDARD,
        "focus": None,
        "notes": notes if notes is not None else [make_note("[PATIENT] seen for HTN.")],
        "age": 64,
        "sex": "female",
        "chart_json": '{"problems": ["hypertension"]}',
    }
    fields.update(changes)
    return SummaryRequest(**fields)  # type: ignore[arg-type]


def system_text(request: SummaryRequest) -> str:
    return build_messages(request)[0].content


def test_prompt_version_is_a_dated_version() -> None:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}\.\d+", PROMPT_VERSION)


def test_estimate_tokens_is_about_a_token_per_four_characters() -> None:
    assert [estimate_tokens(t) for t in ("", "abcd", "abcde", "x" * 400)] == [0, 1, 2, 100]


def user_text(request: SummaryRequest) -> str:
    return build_messages(request)[1].content


def test_system_message_states_the_citation_clinical_and_identifier_rules() -> None:
    text = system_text(make_request())
    for word in ("note_id", "quote", "verbatim"):
        assert word in text
    assert "the note wins" in text
    assert "A discharge medication list is the current list" in text
    assert "Allergies are never medications" in text
    assert "state overdue" in text
    for mask in ("[PATIENT]", "[MRN]", "[DOB]"):
        assert mask in text


def test_the_rules_are_one_static_prefix_and_the_variant_comes_last() -> None:
    notes = [make_note("[PATIENT] seen for HTN.")]
    variants = [
        make_request(notes, audience=a, length=n, focus=f)
        for a in Audience
        for n in Length
        for f in (None, "medications")
    ]
    systems = {system_text(r) for r in variants}
    assert len(systems) == 1
    users = [user_text(r) for r in variants]
    # Everything before the task line is the same for every variant of one patient.
    prefixes = {u[: u.index("Task:")] for u in users}
    assert len(prefixes) == 1
    assert len(set(users)) == len(variants)


def test_each_audience_and_length_is_asked_for_in_the_task_line() -> None:
    assert '"you"' in user_text(make_request(audience=Audience.PATIENT))
    assert '"your family member"' in user_text(make_request(audience=Audience.FAMILY))
    texts = {length: user_text(make_request(length=length)) for length in Length}
    assert "3-4 sentences" in texts[Length.BRIEF]
    assert "6-8 sentences" in texts[Length.STANDARD]
    assert "several paragraphs" in texts[Length.DETAILED]


def test_focus_is_emphasised_only_when_given() -> None:
    assert '"kidney function"' in user_text(make_request(focus="kidney function"))
    assert "Focus" not in user_text(make_request(focus=None))


def test_user_message_lists_each_note_with_id_date_type_and_text_oldest_first() -> None:
    later = make_note("Second visit: BP 150/90.", day=5, note_type="discharge")
    earlier = make_note("First visit: BP 160/95.", day=0)
    user = build_messages(make_request([later, earlier]))[1].content
    assert user.index(str(earlier.id)) < user.index(str(later.id))
    assert f'<note id="{later.id}" date="2026-03-06" type="discharge">' in user
    assert "Second visit: BP 150/90." in user
    assert "the notes override them):\n" + '{"problems": ["hypertension"]}' in user
    assert "age 64 years, sex female" in user
    assert user.rstrip().endswith("(one paragraph of 6-8 sentences).")


def test_today_and_the_as_of_date_are_in_the_prompt() -> None:
    from carechart.notes.chart_schemas import Chart
    from carechart.summaries.picture import build_picture

    chart = Chart.model_validate(
        {
            "patient_id": str(uuid.uuid4()),
            **{k: [] for k in _CHART_LISTS},
            "no_known_allergies": False,
            "notes_without_text": 0,
            "generated_from": 1,
            "encounters": [
                {
                    "note_id": str(uuid.uuid4()),
                    "taken_at": "2024-03-15T09:00:00Z",
                    "note_type": "progress",
                    "title": None,
                    "author": None,
                }
            ],
        }
    )
    picture = build_picture(chart, {}, date(2026, 11, 29))
    user = user_text(make_request(picture=picture))
    assert "Today: 2026-11-29. As of: 2024-03-15 (the latest note, 2 years 8 months ago)." in user


_CHART_LISTS = (
    "current_medications",
    "held_medications",
    "stopped_medications",
    "historical_medications",
    "given_medications",
    "proposed_medications",
    "unknown_medications",
    "problems",
    "past_history",
    "allergies",
    "vitals",
    "labs",
    "follow_ups",
    "immunizations",
)


def test_the_whole_prompt_is_counted_for_the_budget() -> None:
    request = make_request(chart_json="hint " * 2000)
    messages = build_messages(request)
    assert estimate_message_tokens(messages) > sum(note_tokens(n) for n in request.notes) + 2000


def test_chunks_keep_order_stay_under_budget_and_never_cut_a_note() -> None:
    notes = [make_note("x" * size, day=i) for i, size in enumerate([100, 100, 100, 900, 100])]
    budget = note_tokens(notes[0]) * 2
    groups = chunk_notes(notes, budget)
    assert [note for group in groups for note in group] == notes
    assert [len(group) for group in groups] == [2, 1, 1, 1]
    for group in groups:
        assert len(group) == 1 or sum(note_tokens(n) for n in group) <= budget


def test_a_note_larger_than_the_budget_is_a_group_of_its_own() -> None:
    big = make_note("y" * 4000)
    assert chunk_notes([big], 10) == [[big]]
    assert chunk_notes([], 10) == []


def test_part_prompts_fit_the_budget_and_carry_no_chart_facts() -> None:
    notes = [make_note(f"Visit {i}: " + "z" * 2400, day=i) for i in range(6)]
    request = make_request(notes)
    budget = 2200
    groups = group_notes_for_budget(request, budget)
    assert len(groups) > 1
    for index, group in enumerate(groups, start=1):
        messages = build_part_messages(request, group, part=index, parts=len(groups))
        assert estimate_message_tokens(messages) <= budget
        assert f"part {index} of {len(groups)}" in messages[1].content
        assert "Chart hints" not in messages[1].content
        assert all(format_note(note) in messages[1].content for note in group)


def test_merge_prompt_gives_the_items_as_json_with_their_citations_within_budget() -> None:
    note_id = str(uuid.uuid4())
    allergy = DraftItem(text="Penicillin: rash.", note_id=note_id, quote="penicillin (rash)")
    seen = [DraftItem(text=f"Seen {i}.", note_id=note_id, quote="seen") for i in range(200)]
    draft = SummaryDraft(
        problems=[],
        medications=[],
        allergies=[allergy],
        observations=seen,
        plans=[],
        narrative="Part one.",
    )
    system, user = build_merge_messages(make_request(), [draft, draft])
    assert "Merge them into one summary" in user.content
    payload = user.content.split("(JSON):\n", 1)[1].split("\nChart hints", 1)[0]
    parts = json.loads(payload)
    assert parts[0]["allergies"][0]["note_id"] == note_id
    assert "narrative" not in parts[0]
    unlimited = estimate_message_tokens([system, user])
    budget = unlimited - 1000
    trimmed = build_merge_messages(make_request(), [draft, draft], budget_tokens=budget)
    assert estimate_message_tokens(trimmed) <= budget
    kept = json.loads(trimmed[1].content.split("(JSON):\n", 1)[1].split("\nChart hints", 1)[0])
    assert kept[0]["allergies"]  # observations go first
    assert kept[1]["allergies"]
    assert len(kept[0]["observations"]) < len(kept[1]["observations"])
