"""Chooses the summary provider from the settings."""

from carechart.core.config import Settings, SummaryProviderName
from carechart.summaries.providers.base import SummaryProvider
from carechart.summaries.providers.local import LocalProvider
from carechart.summaries.providers.openai import OpenAIProvider


def build_provider(settings: Settings) -> SummaryProvider:
    """OpenAI (or a compatible server) when chosen or when a key is set; else the local one."""
    if settings.effective_summary_provider is SummaryProviderName.OPENAI:
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
        return OpenAIProvider(
            api_key=key or "not-set",
            model=settings.openai_model,
            base_url=settings.openai_base_url or None,
            timeout_s=settings.openai_timeout_s,
            prompt_budget_tokens=settings.summary_prompt_budget_tokens,
            temperature=settings.summary_temperature,
            max_completion_tokens=settings.summary_max_completion_tokens,
        )
    return LocalProvider()
