"""Application settings: the one place that reads the environment."""

import ipaddress
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    HttpUrl,
    PostgresDsn,
    RedisDsn,
    SecretStr,
    TypeAdapter,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_SECRET_KEY = "dev-secret-key-change-me-0123456789abcdef"  # noqa: S105 - flagged in production
DEFAULT_ADMIN_PASSWORD = "admin-change-me"  # noqa: S105 - flagged in production


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class SummaryProviderName(StrEnum):
    AUTO = "auto"
    OPENAI = "openai"
    LOCAL = "local"


def _url(kind: Any, *schemes: str) -> AfterValidator:
    """Checks a URL as pydantic's `kind` (and its scheme, when given) at start-up, and keeps
    the text: SQLAlchemy, arq and the OpenAI client take strings."""
    adapter: TypeAdapter[Any] = TypeAdapter(kind)

    def check(value: str) -> str:
        url = adapter.validate_python(value)
        if schemes and url.scheme not in schemes:
            raise ValueError(f"the scheme must be {' or '.join(schemes)}")
        return value

    return AfterValidator(check)


def _upper(value: object) -> object:
    return value.upper() if isinstance(value, str) else value


def _empty_is_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


def _trusted_proxy(value: str) -> str:
    """`*`, an address or a network. uvicorn's ProxyHeadersMiddleware keeps anything else (a
    name, `10.0.0.1/8`) as a literal that a client address never equals: a proxy silently
    not believed."""
    if value != "*":
        try:
            ipaddress.ip_network(value)  # strict, as uvicorn reads it
        except ValueError:
            raise ValueError("must be IP addresses, networks or *") from None
    return value


def _origin(value: str) -> str:
    """A browser origin: scheme, host and port only (CORS compares them exactly), or `*`."""
    if value == "*":
        return value
    url = TypeAdapter(HttpUrl).validate_python(value)
    if url.path not in (None, "", "/") or url.query or url.fragment or value.endswith("/"):
        raise ValueError("must be origins: scheme://host[:port], no path")
    return value


# The asyncpg driver: the app is async end to end.
DatabaseUrl = Annotated[str, _url(PostgresDsn, "postgresql+asyncpg")]
RedisUrl = Annotated[str, _url(RedisDsn)]
HttpUrlText = Annotated[str, _url(HttpUrl)]
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
# A plausible address: the admin's may be at a reserved name (`carechart.local`).
EMAIL_SHAPE = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class Settings(BaseSettings):
    """Every setting Carechart reads, with development defaults that need no `.env`."""

    # A refused setting is named, never echoed: DATABASE_URL holds a password.
    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", case_sensitive=False, hide_input_in_errors=True
    )

    environment: Environment = Environment.DEVELOPMENT
    log_level: Annotated[LogLevel, BeforeValidator(_upper)] = "INFO"
    database_url: DatabaseUrl = "postgresql+asyncpg://postgres@127.0.0.1:5432/carechart"
    database_pool_size: Annotated[int, Field(ge=1, le=100)] = 20
    database_pool_timeout_s: Annotated[float, Field(gt=0, le=300)] = 5.0
    database_statement_timeout_s: Annotated[float, Field(gt=0, le=3600)] = 5.0
    redis_url: RedisUrl = "redis://127.0.0.1:6379/0"
    secret_key: SecretStr = SecretStr(DEFAULT_SECRET_KEY)
    access_token_expire_minutes: Annotated[int, Field(ge=1, le=24 * 60)] = 60
    jwt_issuer: Annotated[str, Field(min_length=1, max_length=255)] = "carechart"
    jwt_audience: Annotated[str, Field(min_length=1, max_length=255)] = "carechart-api"
    admin_email: Annotated[str, Field(max_length=254, pattern=EMAIL_SHAPE)] = (
        "admin@carechart.local"
    )
    admin_password: SecretStr = SecretStr(DEFAULT_ADMIN_PASSWORD)
    docs_enabled: bool = True
    metrics_enabled: bool = True
    max_upload_bytes: Annotated[int, Field(ge=1024, le=200 * 1024 * 1024)] = 10 * 1024 * 1024
    ocr_enabled: bool = True
    # Tesseract language codes joined by "+" ("eng+fra"): checked here, at start-up, not on the
    # first upload (a space-separated list used to load and then fail every note upload).
    ocr_languages: Annotated[str, Field(pattern=r"^[A-Za-z_]+(?:\+[A-Za-z_]+)*$")] = "eng"
    ocr_timeout_s: Annotated[float, Field(gt=0, le=600)] = 60.0
    # Pages OCR reads in one file (each takes seconds), and pages of a PDF read at all.
    ocr_max_pages: Annotated[int, Field(ge=1, le=1000)] = 20
    pdf_max_pages: Annotated[int, Field(ge=1, le=10_000)] = 500
    cpu_workers: Annotated[int, Field(ge=1, le=64)] = 2
    cpu_queue_timeout_s: Annotated[float, Field(gt=0, le=600)] = 10.0
    note_extraction_timeout_s: Annotated[float, Field(gt=0, le=1800)] = 90.0
    note_analysis_timeout_s: Annotated[float, Field(gt=0, le=1800)] = 20.0
    # The learned medication-status model beside the rules (docs/status-model.md): off until
    # it is judged on unseen notes. On, its weights are read at start-up.
    status_model_enabled: bool = False
    password_hash_workers: Annotated[int, Field(ge=1, le=64)] = 2
    summary_provider: SummaryProviderName = SummaryProviderName.AUTO
    openai_api_key: SecretStr | None = None
    openai_model: Annotated[str, Field(min_length=1, max_length=200)] = "gpt-4o-mini"
    # Empty in .env means unset (the OpenAI API itself).
    openai_base_url: Annotated[HttpUrlText | None, BeforeValidator(_empty_is_none)] = None
    openai_timeout_s: Annotated[float, Field(gt=0, le=600)] = 30.0
    summary_max_attempts: Annotated[int, Field(ge=1, le=20)] = 4
    summary_retry_base_s: Annotated[float, Field(ge=0, le=600)] = 2.0
    summary_prompt_budget_tokens: Annotated[int, Field(ge=500, le=1_000_000)] = 12_000
    summary_temperature: Annotated[float, Field(ge=0, le=2)] = 0.1
    summary_max_completion_tokens: Annotated[int, Field(ge=256, le=100_000)] = 4_000
    summary_mask_identifiers: bool = True
    summary_job_timeout_s: Annotated[float, Field(gt=0, le=3600)] = 300.0
    worker_metrics_port: Annotated[int, Field(ge=0, le=65535)] = 9100
    # This machine only by default: the metrics are internal. Containers set 0.0.0.0.
    worker_metrics_host: Annotated[str, Field(min_length=1)] = "127.0.0.1"
    worker_health_check_interval_s: Annotated[int, Field(ge=1, le=3600)] = 10
    token_rate_limit_per_minute: Annotated[int, Field(ge=1, le=10_000)] = 10
    sign_in_slowdown_s: Annotated[float, Field(ge=0, le=30)] = 2.0
    forwarded_allow_ips: Annotated[
        list[Annotated[str, AfterValidator(_trusted_proxy)]], NoDecode
    ] = []
    summary_rate_limit_per_minute: Annotated[int, Field(ge=1, le=10_000)] = 30
    cors_allow_origins: Annotated[list[Annotated[str, AfterValidator(_origin)]], NoDecode] = []
    # The FHIR identifier system whose value is our MRN: how imported patients are matched.
    fhir_mrn_system: Annotated[str, Field(min_length=1, max_length=255)] = "urn:carechart:mrn"

    @field_validator("cors_allow_origins", "forwarded_allow_ips", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @property
    def effective_summary_provider(self) -> SummaryProviderName:
        """`auto` means OpenAI when a key is configured, else the local provider."""
        if self.summary_provider is SummaryProviderName.AUTO:
            has_key = self.openai_api_key is not None and bool(
                self.openai_api_key.get_secret_value()
            )
            return SummaryProviderName.OPENAI if has_key else SummaryProviderName.LOCAL
        return self.summary_provider

    @model_validator(mode="after")
    def _job_outlives_the_model(self) -> "Settings":
        # Staged summaries make several calls; the job must not be cut off by arq before them.
        if self.summary_job_timeout_s <= self.openai_timeout_s:
            raise ValueError("SUMMARY_JOB_TIMEOUT_S must be above OPENAI_TIMEOUT_S")
        return self

    @model_validator(mode="after")
    def _ocr_pages_within_pdf_pages(self) -> "Settings":
        if self.ocr_max_pages > self.pdf_max_pages:
            raise ValueError("OCR_MAX_PAGES must not be above PDF_MAX_PAGES")
        return self

    @model_validator(mode="after")
    def _extraction_outlives_ocr(self) -> "Settings":
        # OCR stops itself at OCR_TIMEOUT_S and keeps the note; the worker's hard limit is the
        # backstop for what OCR's own budget does not cover (PDF parsing, decoding).
        if self.note_extraction_timeout_s <= self.ocr_timeout_s:
            raise ValueError("NOTE_EXTRACTION_TIMEOUT_S must be above OCR_TIMEOUT_S")
        return self

    @model_validator(mode="after")
    def _refuse_default_secrets_in_production(self) -> "Settings":
        if self.environment is not Environment.PRODUCTION:
            return self
        if self.secret_key.get_secret_value() == DEFAULT_SECRET_KEY:
            raise ValueError("SECRET_KEY must be set to a real secret in production")
        if len(self.secret_key.get_secret_value()) < 32:
            raise ValueError("SECRET_KEY must be at least 32 characters in production")
        if self.admin_password.get_secret_value() == DEFAULT_ADMIN_PASSWORD:
            raise ValueError("ADMIN_PASSWORD must be changed from its default in production")
        return self


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
