"""The summary prompt: rules per audience and length, the notes as sent, token budgeting."""

import json
import re
import uuid
from datetime import UTC, datetime, timedelta

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


def test_system_message_states_the_grounding_citation_and_identifier_rules() -> None:
    text = system_text(make_request())
    assert "Write only what the notes" in text
    assert "note_ids" in text
    for mask in ("[PATIENT]", "[MRN]", "[DOB]"):
        assert mask in text


def test_each_audience_gets_its_own_voice() -> None:
    clinician = system_text(make_request(audience=Audience.CLINICIAN))
    patient = system_text(make_request(audience=Audience.PATIENT))
    family = system_text(make_request(audience=Audience.FAMILY))
    assert "abbreviations" in clinician
    assert "plain language" in patient
    assert '"you"' in patient
    assert '"your family member"' in family
    assert "plain language" not in clinician


def test_each_length_asks_for_its_own_size() -> None:
    texts = {length: system_text(make_request(length=length)) for length in Length}
    assert "3-4 sentences" in texts[Length.BRIEF]
    assert "6-8 sentences" in texts[Length.STANDARD]
    assert "several paragraphs" in texts[Length.DETAILED]


def test_focus_is_emphasised_only_when_given() -> None:
    assert '"kidney function"' in system_text(make_request(focus="kidney function"))
    assert "Focus" not in system_text(make_request(focus=None))


def test_user_message_lists_each_note_with_id_date_type_and_text_oldest_first() -> None:
    later = make_note("Second visit: BP 150/90.", day=5, note_type="discharge")
    earlier = make_note("First visit: BP 160/95.", day=0)
    user = build_messages(make_request([later, earlier]))[1].content
    assert user.index(str(earlier.id)) < user.index(str(later.id))
    assert f'<note id="{later.id}" date="2026-03-06" type="discharge">' in user
    assert "Second visit: BP 150/90." in user
    assert 'Chart facts (JSON):\n{"problems": ["hypertension"]}' in user
    assert "age 64 years, sex female" in user


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
    notes = [make_note(f"Visit {i}: " + "z" * 600, day=i) for i in range(6)]
    request = make_request(notes)
    budget = 600
    groups = group_notes_for_budget(request, budget)
    assert len(groups) > 1
    for index, group in enumerate(groups, start=1):
        messages = build_part_messages(request, group, part=index, parts=len(groups))
        assert estimate_message_tokens(messages) <= budget
        assert f"part {index} of {len(groups)}" in messages[0].content
        assert "Chart facts" not in messages[1].content
        assert all(format_note(note) in messages[1].content for note in group)


def test_merge_prompt_gives_the_drafts_as_json_with_their_citations() -> None:
    note_id = str(uuid.uuid4())
    draft = SummaryDraft(
        narrative="Part one.",
        problems=[],
        medications=[],
        allergies=[DraftItem(text="Penicillin: rash.", note_id=note_id, quote="penicillin (rash)")],
        observations=[],
        plans=[],
    )
    system, user = build_merge_messages(make_request(), [draft, draft])
    assert "Merge them into one summary" in system.content
    payload = user.content.split("(JSON):\n", 1)[1].split("\nChart facts", 1)[0]
    assert json.loads(payload)[0]["allergies"][0]["note_id"] == note_id
    assert "Chart facts (JSON)" in user.content
