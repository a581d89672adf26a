"""The OpenAI provider: summaries from a chat model through the official SDK, staged when long."""

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import openai
from openai.types.chat import (
    ChatCompletionMessageParam,
    ChatCompletionSystemMessageParam,
    ChatCompletionUserMessageParam,
    ParsedChatCompletion,
)
from pydantic import ValidationError

from carechart.summaries.prompt import (
    ChatMessage,
    build_merge_messages,
    build_messages,
    build_part_messages,
    estimate_message_tokens,
    group_notes_for_budget,
)
from carechart.summaries.providers.base import (
    PermanentProviderError,
    PromptNote,
    ProviderError,
    ProviderResult,
    SummaryDraft,
    SummaryRequest,
    TransientProviderError,
    Usage,
)

# The SDK and its HTTP stack (httpx2/httpcore2, or httpx/httpcore) log request details at DEBUG,
# and OPENAI_LOG=debug raises the SDK's level when it is imported. Prompts hold patient data, so
# these loggers stay at WARNING whatever the root level or the environment say.
for _name in ("openai", "httpx2", "httpcore2", "httpx", "httpcore"):
    logging.getLogger(_name).setLevel(logging.WARNING)

# What each rejected request most likely needs from the operator.
_REJECTION_HINTS = {
    400: "the model server did not accept the request",
    401: "check OPENAI_API_KEY",
    403: "the API key may not use this model; check OPENAI_API_KEY and OPENAI_MODEL",
    404: "check OPENAI_MODEL and OPENAI_BASE_URL",
    422: "the model server could not process the request",
}
# The statuses the SDK itself would retry: worth another attempt later.
_TRANSIENT_STATUSES = {408, 409, 429}


class RateLimitedProviderError(TransientProviderError):
    """A 429. `retry_after`: the seconds the server asked to wait, or None when it did not say."""

    def __init__(self, reason: str, *, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


@dataclass(frozen=True)
class _Answer:
    draft: SummaryDraft
    model: str
    usage: Usage


class OpenAIProvider:
    """Summaries from an OpenAI (or OpenAI-compatible) chat model with structured outputs.

    One HTTP request per model call: the SDK's retries are off because the job retries with
    backoff. A history whose whole prompt exceeds `prompt_budget_tokens` (estimated) is
    summarised group by group, then the groups' items are merged in one more call kept within
    the budget. A low temperature and an output limit come from the settings.
    """

    name = "openai"

    def __init__(
        self,
        *,
        api_key: str,
        model: str,
        base_url: str | None = None,
        timeout_s: float,
        prompt_budget_tokens: int,
        temperature: float = 0.1,
        max_completion_tokens: int = 4_000,
    ) -> None:
        if timeout_s <= 0 or prompt_budget_tokens <= 0:
            raise ValueError("timeout_s and prompt_budget_tokens must be positive")
        self.model = model
        self.prompt_budget_tokens = prompt_budget_tokens
        self.temperature = temperature
        self.max_completion_tokens = max_completion_tokens
        self._timeout_s = timeout_s
        self._client = openai.AsyncOpenAI(
            api_key=api_key, base_url=base_url, timeout=timeout_s, max_retries=0
        )

    async def close(self) -> None:
        await self._client.close()

    async def summarise(self, request: SummaryRequest) -> ProviderResult:
        messages = build_messages(request)
        groups: list[list[PromptNote]] = []
        if estimate_message_tokens(messages) > self.prompt_budget_tokens:
            groups = group_notes_for_budget(request, self.prompt_budget_tokens)
        if len(groups) <= 1:
            # Fits, or one note alone is over budget: a note is never cut, so send it whole.
            answer = await self._complete(messages)
            return ProviderResult(draft=answer.draft, model=answer.model, usage=answer.usage)
        return await self._summarise_in_stages(request, groups)

    async def _summarise_in_stages(
        self, request: SummaryRequest, groups: list[list[PromptNote]]
    ) -> ProviderResult:
        # One group at a time: parallel calls would only meet the rate limit sooner.
        parts: list[_Answer] = []
        for index, group in enumerate(groups, start=1):
            messages = build_part_messages(request, group, part=index, parts=len(groups))
            parts.append(await self._complete(messages))
        merge = build_merge_messages(
            request, [p.draft for p in parts], budget_tokens=self.prompt_budget_tokens
        )
        merged = await self._complete(merge)
        return ProviderResult(
            draft=merged.draft,
            model=merged.model,
            usage=sum((part.usage for part in parts), merged.usage),
            calls=len(parts) + 1,
        )

    async def _complete(self, messages: Sequence[ChatMessage]) -> _Answer:
        sent = [_openai_message(message) for message in messages]
        try:
            completion = await self._client.chat.completions.parse(
                model=self.model,
                messages=sent,
                response_format=SummaryDraft,
                temperature=self.temperature,
                max_completion_tokens=self.max_completion_tokens,
            )
        except (openai.OpenAIError, ValidationError) as exc:
            # Only connection failures keep their cause: the others' messages may quote the
            # model's output or the server's echo of the request.
            cause = exc if isinstance(exc, openai.APIConnectionError) else None
            raise provider_error(exc, timeout_s=self._timeout_s) from cause
        except (AttributeError, TypeError) as exc:
            # The SDK trips over a 200 whose body is not a chat completion (a proxy's page).
            raise PermanentProviderError(
                f"model response could not be read ({type(exc).__name__})"
            ) from None
        return _answer(completion, fallback_model=self.model)


def _openai_message(message: ChatMessage) -> ChatCompletionMessageParam:
    if message.role == "system":
        return ChatCompletionSystemMessageParam(role="system", content=message.content)
    return ChatCompletionUserMessageParam(role="user", content=message.content)


def _answer(completion: ParsedChatCompletion[SummaryDraft], *, fallback_model: str) -> _Answer:
    if not completion.choices:
        raise PermanentProviderError("model returned no answer")
    message = completion.choices[0].message
    if message.refusal:
        # The refusal's wording may quote the notes: it is not kept.
        raise PermanentProviderError("model refused to write the summary")
    if message.parsed is None:
        raise PermanentProviderError("model returned no summary")
    usage = completion.usage
    return _Answer(
        draft=message.parsed,
        model=completion.model or fallback_model,
        usage=Usage(usage.prompt_tokens, usage.completion_tokens) if usage else Usage(),
    )


def provider_error(exc: Exception, *, timeout_s: float) -> ProviderError:
    """The one provider error an SDK or validation failure stands for, with a safe reason."""
    if isinstance(exc, openai.APIStatusError):
        return _status_error(exc)
    if isinstance(exc, openai.APITimeoutError):
        return TransientProviderError(f"model request timed out after {timeout_s:g} s")
    if isinstance(exc, openai.APIConnectionError):
        return TransientProviderError("could not connect to the model server")
    if isinstance(exc, openai.LengthFinishReasonError):
        return PermanentProviderError("model output was truncated (finish_reason=length)")
    if isinstance(exc, openai.ContentFilterFinishReasonError):
        return PermanentProviderError("model output was blocked by the content filter")
    if isinstance(exc, ValidationError):
        return PermanentProviderError(_validation_reason(exc))
    return PermanentProviderError(f"model response could not be read ({type(exc).__name__})")


def _status_error(exc: openai.APIStatusError) -> ProviderError:
    status = exc.status_code
    if status == 429:
        retry_after = retry_after_seconds(exc.response.headers)
        return RateLimitedProviderError("model rate limited (429)", retry_after=retry_after)
    if status >= 500 or status in _TRANSIENT_STATUSES:
        return TransientProviderError(f"model server error ({status})")
    hint = _REJECTION_HINTS.get(status, "the model server did not accept the request")
    return PermanentProviderError(f"model request rejected ({status}{_error_code(exc)}): {hint}")


def _error_code(exc: openai.APIStatusError) -> str:
    """OpenAI's machine-readable code (`invalid_api_key`), when it looks like one."""
    code = exc.code
    if code and len(code) <= 64 and code.replace("_", "").replace(".", "").isalnum():
        return f", {code}"
    return ""


def _validation_reason(exc: ValidationError) -> str:
    # errors() without the input: the input is the model's output, which may quote notes.
    kinds = {error["type"] for error in exc.errors(include_input=False, include_url=False)}
    if "json_invalid" in kinds:
        return "model output was not valid JSON"
    return "model output did not match the summary schema"


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """The wait a 429 asks for: OpenAI's `retry-after-ms`, else `Retry-After` (seconds or date)."""
    millis = _non_negative(headers.get("retry-after-ms"))
    if millis is not None:
        return millis / 1000
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _non_negative(value)
    return seconds if seconds is not None else _seconds_until(value)


def _non_negative(value: str | None) -> float | None:
    try:
        number = float(value) if value is not None else math.nan
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None


def _seconds_until(http_date: str) -> float | None:
    try:
        when = parsedate_to_datetime(http_date)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
