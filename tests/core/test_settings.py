"""Settings: production refuses the development secrets; development needs no configuration."""

from typing import Any

import pytest
from pydantic import ValidationError

from carechart.core.config import DEFAULT_ADMIN_PASSWORD, DEFAULT_SECRET_KEY, Settings

REAL_SECRET = "f3a9c1e07b2d4c68a5e1b9d0c7f24e6a"
REAL_ADMIN_PASSWORD = "a-real-admin-passphrase"


def production(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "environment": "production",
        "secret_key": REAL_SECRET,
        "admin_password": REAL_ADMIN_PASSWORD,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        pytest.param({"secret_key": DEFAULT_SECRET_KEY}, "SECRET_KEY", id="default-secret"),
        pytest.param({"secret_key": "too-short"}, "SECRET_KEY", id="short-secret"),
        pytest.param(
            {"admin_password": DEFAULT_ADMIN_PASSWORD}, "ADMIN_PASSWORD", id="default-admin"
        ),
    ],
)
def test_production_refuses_development_secrets(overrides: dict[str, Any], named: str) -> None:
    with pytest.raises(ValidationError, match=named):
        production(**overrides)


def test_production_refuses_the_defaults_when_nothing_is_configured() -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, environment="production")  # type: ignore[call-arg]


def test_production_accepts_real_secrets() -> None:
    settings = production()

    assert settings.environment == "production"
    assert settings.secret_key.get_secret_value() == REAL_SECRET


def test_secrets_do_not_show_in_the_settings_repr() -> None:
    settings = production()

    assert REAL_SECRET not in repr(settings)
    assert REAL_ADMIN_PASSWORD not in repr(settings)


def test_development_runs_with_the_defaults() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]

    assert settings.environment == "development"
    assert settings.secret_key.get_secret_value() == DEFAULT_SECRET_KEY


def test_settings_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SECRET_KEY", REAL_SECRET)
    monkeypatch.setenv("ADMIN_PASSWORD", REAL_ADMIN_PASSWORD)
    monkeypatch.setenv("ACCESS_TOKEN_EXPIRE_MINUTES", "15")

    settings = Settings(_env_file=None)  # type: ignore[call-arg]

    assert settings.environment == "production"
    assert settings.access_token_expire_minutes == 15


@pytest.mark.parametrize("languages", ["eng fra", "eng,fra", "eng+", "", "eng;rm -rf"])
def test_ocr_languages_are_checked_when_the_settings_load(languages: str) -> None:
    # Before, such a value loaded and then every note upload answered 500.
    with pytest.raises(ValidationError, match="ocr_languages"):
        Settings(ocr_languages=languages)


def test_ocr_languages_accept_tesseract_codes_joined_by_plus() -> None:
    assert Settings(ocr_languages="eng+fra+chi_sim").ocr_languages == "eng+fra+chi_sim"


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("database_url", "mysql://root@127.0.0.1/carechart"),
        ("database_url", "postgresql://postgres@127.0.0.1/carechart"),  # not the async driver
        ("database_url", "127.0.0.1:5432"),
        ("redis_url", "http://127.0.0.1:6379/0"),
        ("openai_base_url", "api.example.org/v1"),
        ("log_level", "loud"),
        ("admin_email", "admin"),
        ("jwt_issuer", ""),
        ("forwarded_allow_ips", "10.0.0.1,proxy"),
        ("forwarded_allow_ips", "10.0.0.1/8"),  # host bits set: uvicorn would never match it
        ("cors_allow_origins", "https://app.example.org/login"),
        ("max_upload_bytes", "0"),
        ("ocr_max_pages", "0"),
        ("pdf_max_pages", "-1"),
    ],
)
def test_a_malformed_setting_is_refused_at_start_up_by_name(
    monkeypatch: pytest.MonkeyPatch, setting: str, value: str
) -> None:
    monkeypatch.setenv(setting.upper(), value)

    with pytest.raises(ValidationError, match=setting):
        Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("database_url", "postgresql://app:s3cret-pass@db/carechart"),
        ("redis_url", "http://:s3cret-pass@cache:6379/0"),
        ("cors_allow_origins", ["https://s3cret-pass.example.org/x"]),
        ("forwarded_allow_ips", ["s3cret-pass"]),
    ],
)
def test_a_refused_setting_is_named_but_not_echoed(setting: str, value: object) -> None:
    with pytest.raises(ValidationError, match=setting) as refused:
        Settings(**{setting: value})

    assert "s3cret-pass" not in str(refused.value)


def test_ocr_may_not_read_more_pages_than_a_pdf_is_read() -> None:
    with pytest.raises(ValidationError, match="OCR_MAX_PAGES"):
        Settings(ocr_max_pages=50, pdf_max_pages=10)


def test_well_formed_settings_load_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "DATABASE_URL": "postgresql+asyncpg://app:pw@db.internal:6432/carechart",
        "REDIS_URL": "rediss://cache.internal:6380/2",
        "OPENAI_BASE_URL": "http://127.0.0.1:8089/v1",
        "LOG_LEVEL": "debug",
        "FORWARDED_ALLOW_IPS": "10.0.0.0/8, 127.0.0.1",
        "CORS_ALLOW_ORIGINS": "https://app.example.org,http://localhost:3000",
        "OCR_MAX_PAGES": "5",
        "PDF_MAX_PAGES": "50",
    }.items():
        monkeypatch.setenv(name, value)

    settings = Settings(_env_file=None)  # type: ignore[call-arg]

    assert settings.database_url == "postgresql+asyncpg://app:pw@db.internal:6432/carechart"
    assert settings.redis_url == "rediss://cache.internal:6380/2"
    assert settings.openai_base_url == "http://127.0.0.1:8089/v1"
    assert settings.log_level == "DEBUG"
    assert settings.forwarded_allow_ips == ["10.0.0.0/8", "127.0.0.1"]
    assert settings.cors_allow_origins == ["https://app.example.org", "http://localhost:3000"]
    assert (settings.ocr_max_pages, settings.pdf_max_pages) == (5, 50)


def test_an_empty_openai_base_url_means_the_openai_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "")

    assert Settings(_env_file=None).openai_base_url is None  # type: ignore[call-arg]
