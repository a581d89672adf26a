"""The OpenAI provider against a fake OpenAI server: what it sends, parses and how it fails."""

import logging
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from carechart.notes.chart_schemas import Chart, ChartEncounter
from carechart.summaries.providers.base import (
    Audience,
    Length,
    PermanentProviderError,
    PromptNote,
    SummaryRequest,
    TransientProviderError,
    Usage,
)
from carechart.summaries.providers.openai import OpenAIProvider, RateLimitedProviderError
from tests.fakes.openai_server import (
    Behaviour,
    FakeOpenAI,
    closed_port_url,
    content_filter,
    delay,
    invalid_json,
    not_json,
    ok_with,
    refusal,
    schema_mismatch,
    status,
    truncated,
)

START = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
MODEL = "gpt-test-mini"
NOTE_TEXT = "[PATIENT] ([MRN], born [DOB]) seen for HTN. BP 150/90. Continue lisinopril 10 mg."


def make_note(text: str = NOTE_TEXT, day: int = 0) -> PromptNote:
    return PromptNote(uuid.uuid4(), START + timedelta(days=day), "progress", text)


def make_request(notes: list[PromptNote] | None = None, **changes: object) -> SummaryRequest:
    fields: dict[str, object] = {
        "audience": Audience.CLINICIAN,
        "length": Length.STANDARD,
        "focus": None,
        "notes": notes if notes is not None else [make_note(), make_note(day=3)],
        "age": 64,
        "sex": "female",
        "chart_json": '{"problems": ["hypertension"]}',
    }
    fields.update(changes)
    return SummaryRequest(**fields)  # type: ignore[arg-type]


def make_provider(base_url: str, *, timeout_s: float = 5.0, budget: int = 50_000) -> OpenAIProvider:
    return OpenAIProvider(
        api_key="sk-test-key",
        model=MODEL,
        base_url=base_url,
        timeout_s=timeout_s,
        prompt_budget_tokens=budget,
    )


@pytest.fixture
async def provider(fake_openai: FakeOpenAI) -> AsyncIterator[OpenAIProvider]:
    provider = make_provider(fake_openai.base_url)
    yield provider
    await provider.close()


async def test_valid_answer_becomes_a_draft_with_model_and_usage(
    provider: OpenAIProvider,
    fake_openai: FakeOpenAI,
) -> None:
    request = make_request()
    result = await provider.summarise(request)
    answered = fake_openai.requests[0].response
    assert result.model == MODEL
    assert result.calls == 1
    assert result.usage == Usage(
        answered["usage"]["prompt_tokens"], answered["usage"]["completion_tokens"]
    )
    cited = [item.note_id for item in result.draft.observations]
    assert cited == [str(note.id) for note in request.notes]
    assert result.draft.narrative.startswith("Fake summary citing 2 notes")


async def test_request_carries_model_messages_and_the_strict_summary_schema(
    provider: OpenAIProvider,
    fake_openai: FakeOpenAI,
) -> None:
    request = make_request()
    await provider.summarise(request)
    sent = fake_openai.requests[0]
    assert sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == "Bearer sk-test-key"
    assert sent.body["model"] == MODEL
    assert [m["role"] for m in sent.messages] == ["system", "user"]
    for note in request.notes:
        assert f'<note id="{note.id}" date="{note.taken_at.date()}" type="progress">' in (
            sent.message("user")
        )
    assert NOTE_TEXT in sent.message("user")
    response_format = sent.body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "SummaryDraft"
    assert response_format["json_schema"]["strict"] is True
    assert "narrative" in response_format["json_schema"]["schema"]["properties"]


async def test_identifiers_outside_the_prompt_fields_are_never_sent(
    provider: OpenAIProvider,
    fake_openai: FakeOpenAI,
) -> None:
    patient_id = uuid.uuid4()
    chart = _chart_with_identifiers(patient_id, author="Dr Harriet Quill, MRN 4471298")
    await provider.summarise(make_request(chart=chart))
    sent = fake_openai.requests[0].raw_text
    for identifier in ("Harriet Quill", "4471298", str(patient_id)):
        assert identifier not in sent
    assert "[PATIENT]" in sent


def _chart_with_identifiers(patient_id: uuid.UUID, *, author: str) -> Chart:
    empty: dict[str, list[object]] = {
        key: []
        for key in (
            "current_medications",
            "stopped_medications",
            "problems",
            "past_history",
            "allergies",
            "vitals",
            "labs",
            "follow_ups",
            "immunizations",
            "historical_medications",
            "given_medications",
            "proposed_medications",
            "held_medications",
            "unknown_medications",
        )
    }
    encounter = ChartEncounter(
        note_id=uuid.uuid4(), taken_at=START, note_type="progress", title=None, author=author
    )
    return Chart(
        patient_id=patient_id,
        encounters=[encounter],
        no_known_allergies=False,
        notes_without_text=0,
        generated_from=1,
        **empty,
    )


async def test_rate_limit_is_transient_and_carries_retry_after(
    provider: OpenAIProvider,
    fake_openai: FakeOpenAI,
) -> None:
    fake_openai.script(status(429, retry_after=2))
    with pytest.raises(RateLimitedProviderError) as caught:
        await provider.summarise(make_request())
    assert isinstance(caught.value, TransientProviderError)
    assert caught.value.reason == "model rate limited (429)"
    assert caught.value.retry_after == 2.0
    assert fake_openai.call_count == 1


async def test_rate_limit_without_retry_after_leaves_the_wait_to_the_job(
    provider: OpenAIProvider,
    fake_openai: FakeOpenAI,
) -> None:
    fake_openai.script(status(429))
    with pytest.raises(RateLimitedProviderError) as caught:
        await provider.summarise(make_request())
    assert caught.value.retry_after is None


@pytest.mark.parametrize("code", [500, 503])
async def test_server_errors_are_transient_after_one_request(
    provider: OpenAIProvider,
    fake_openai: FakeOpenAI,
    code: int,
) -> None:
    fake_openai.script(status(code))
    with pytest.raises(TransientProviderError, match=rf"model server error \({code}\)"):
        await provider.summarise(make_request())
    assert fake_openai.call_count == 1


async def test_an_answer_slower_than_the_timeout_is_transient(
    fake_openai: FakeOpenAI,
) -> None:
    fake_openai.script(delay(10))
    provider = make_provider(fake_openai.base_url, timeout_s=0.5)
    try:
        with pytest.raises(TransientProviderError, match=r"timed out after 0\.5 s"):
            await provider.summarise(make_request())
    finally:
        await provider.close()
    assert fake_openai.call_count == 1


async def test_a_refused_connection_is_transient() -> None:
    provider = make_provider(closed_port_url(), timeout_s=2)
    try:
        with pytest.raises(TransientProviderError, match="could not connect"):
            await provider.summarise(make_request())
    finally:
        await provider.close()


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (400, "model request rejected (400, invalid_value): the model server did not accept"),
        (401, "model request rejected (401, invalid_api_key): check OPENAI_API_KEY"),
        (403, "model request rejected (403, model_not_allowed): the API key may not use"),
        (404, "model request rejected (404, model_not_found): check OPENAI_MODEL"),
        (422, "model request rejected (422): the model server could not process"),
    ],
)
async def test_rejected_requests_are_permanent_with_a_clear_reason(
    provider: OpenAIProvider,
    fake_openai: FakeOpenAI,
    code: int,
    reason: str,
) -> None:
    fake_openai.script(status(code))
    with pytest.raises(PermanentProviderError) as caught:
        await provider.summarise(make_request())
    assert caught.value.reason.startswith(reason)
    assert fake_openai.call_count == 1


@pytest.mark.parametrize(
    ("behaviour", "reason"),
    [
        (refusal(f"I can't summarise {NOTE_TEXT}"), "model refused to write the summary"),
        (invalid_json(), "model output was not valid JSON"),
        (truncated(), "model output was truncated (finish_reason=length)"),
        (schema_mismatch(), "model output did not match the summary schema"),
        (content_filter(), "model output was blocked by the content filter"),
        (ok_with({"narrative": NOTE_TEXT}), "model output did not match the summary schema"),
        (not_json(), "model response could not be read (AttributeError)"),
    ],
)
async def test_unusable_answers_are_permanent_and_quote_nothing(
    provider: OpenAIProvider,
    fake_openai: FakeOpenAI,
    behaviour: Behaviour,
    reason: str,
) -> None:
    fake_openai.script(behaviour)
    with pytest.raises(PermanentProviderError) as caught:
        await provider.summarise(make_request())
    assert caught.value.reason == reason
    assert caught.value.__cause__ is None
    assert "lisinopril" not in str(caught.value)
    assert fake_openai.call_count == 1


async def test_a_long_history_is_summarised_in_groups_then_merged(
    fake_openai: FakeOpenAI,
) -> None:
    notes = [make_note(f"Visit {i}: {NOTE_TEXT} " + "Stable. " * 240, day=i) for i in range(6)]
    provider = make_provider(fake_openai.base_url, budget=2200)
    try:
        result = await provider.summarise(make_request(notes))
    finally:
        await provider.close()
    sent = fake_openai.requests
    assert len(sent) >= 3
    assert result.calls == len(sent)
    assert "Merge them into one summary" in sent[-1].message("user")
    assert all("part " in request.message("user") for request in sent[:-1])
    assert {r.body["temperature"] for r in sent} == {0.1}
    parts_text = [request.message("user") for request in sent[:-1]]
    for note in notes:
        assert sum(note.text in text for text in parts_text) == 1  # whole, and once
    assert result.usage == _answered_usage(fake_openai)
    assert {o.note_id for o in result.draft.observations} == {str(note.id) for note in notes}


async def test_a_single_note_over_budget_is_sent_whole_in_one_call(
    fake_openai: FakeOpenAI,
) -> None:
    note = make_note("Long admission note. " * 400)
    provider = make_provider(fake_openai.base_url, budget=200)
    try:
        result = await provider.summarise(make_request([note]))
    finally:
        await provider.close()
    assert result.calls == fake_openai.call_count == 1
    assert note.text in fake_openai.requests[0].message("user")


async def test_a_failing_group_stops_the_staged_summary(
    fake_openai: FakeOpenAI,
) -> None:
    notes = [make_note(NOTE_TEXT + " More. " * 400, day=i) for i in range(4)]
    fake_openai.script(status(429, retry_after=1))
    provider = make_provider(fake_openai.base_url, budget=1600)
    try:
        with pytest.raises(RateLimitedProviderError):
            await provider.summarise(make_request(notes))
    finally:
        await provider.close()
    assert fake_openai.call_count == 1


def _answered_usage(fake: FakeOpenAI) -> Usage:
    usages = [request.response["usage"] for request in fake.requests]
    return Usage(
        sum(u["prompt_tokens"] for u in usages), sum(u["completion_tokens"] for u in usages)
    )


async def test_audience_and_length_change_the_prompt(
    provider: OpenAIProvider,
    fake_openai: FakeOpenAI,
) -> None:
    variants = [
        (Audience.CLINICIAN, Length.BRIEF),
        (Audience.PATIENT, Length.BRIEF),
        (Audience.FAMILY, Length.DETAILED),
    ]
    narratives = {
        (await provider.summarise(make_request(audience=a, length=n))).draft.narrative
        for a, n in variants
    }
    systems = {request.message("system") for request in fake_openai.requests}
    users = [request.message("user") for request in fake_openai.requests]
    assert len(narratives) == 3
    assert len(systems) == 1  # the rules: one cacheable prefix for every variant
    assert "3-4 sentences" in users[0].split("Task:")[1]
    assert '"you"' in users[1].split("Task:")[1]
    assert "several paragraphs" in users[2].split("Task:")[1]
    assert '"your family member"' in users[2].split("Task:")[1]


async def test_the_request_sets_a_low_temperature_an_output_limit_and_items_before_narrative(
    provider: OpenAIProvider,
    fake_openai: FakeOpenAI,
) -> None:
    await provider.summarise(make_request())
    body = fake_openai.requests[0].body
    assert body["temperature"] == 0.1
    assert body["max_completion_tokens"] == 4000
    schema = body["response_format"]["json_schema"]["schema"]
    assert list(schema["properties"])[-1] == "narrative"
    medication = schema["$defs"]["DraftMedication"]["properties"]
    assert {"note_id", "quote"} <= set(medication)
    assert schema["$defs"]["MedicationState"]["enum"] == [
        "started",
        "continued",
        "changed",
        "resumed",
        "held",
        "stopped",
    ]


async def test_nothing_logs_the_prompt_even_at_debug(
    provider: OpenAIProvider, fake_openai: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake_openai.script(status(500))
    with pytest.raises(TransientProviderError):
        await provider.summarise(make_request())
    await provider.summarise(make_request())
    assert "lisinopril" not in caplog.text
    assert "sk-test-key" not in caplog.text
