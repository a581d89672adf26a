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
