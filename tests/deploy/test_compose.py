"""The compose files: the whole system with no .env, production only with real secrets."""

import importlib
import re
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from carechart.core.config import Environment, Settings
from tests.deploy.files import (
    DEV_FILES,
    PROD_FILES,
    PROD_SECRETS,
    ROOT,
    SETTINGS,
    MissingVariableError,
    api_port_from_cmd,
    compose_config,
    load_yaml,
    variable_uses,
)

SERVICES = {"postgres", "redis", "migrate", "api", "worker", "prometheus", "grafana"}
APP_SERVICES = ("migrate", "api", "worker")
# Variables of deploy/init.sh and of the development image, not app settings.
SCRIPT_VARIABLES = {"SEED_SAMPLE_DATA", "DB_WAIT_S"}
DEV_ONLY_VARIABLES = {"PYTHONPATH"}
WORKER_METRICS_PORT = Settings.model_fields["worker_metrics_port"].default


def _dev() -> dict[str, Any]:
    return compose_config(*DEV_FILES)


def _prod() -> dict[str, Any]:
    return compose_config(*PROD_FILES, env=PROD_SECRETS)


CONFIGS = [pytest.param(_dev, id="development"), pytest.param(_prod, id="production")]


def _settings_from(environment: dict[str, str]) -> Settings:
    values = {k.lower(): v for k, v in environment.items() if k in SETTINGS}
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_compose_defines_the_services_of_the_system() -> None:
    assert set(_dev()["services"]) == SERVICES
    assert set(_prod()["services"]) == SERVICES


def test_readme_containers_section_names_the_compose_services() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    if "\n## Containers" not in readme:
        pytest.skip("README.md has no Containers section yet")
    section = readme.split("\n## Containers", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"^\| `([a-z-]+)` \|", section, flags=re.MULTILINE))

    assert named == set(_dev()["services"])


@pytest.mark.parametrize("relative", DEV_FILES)
def test_the_development_stack_needs_no_env_file(relative: str) -> None:
    for use in variable_uses(relative):
        assert use.op in (":-", "-"), f"{relative}: ${{{use.name}}} has no default"
    compose_config(*DEV_FILES, env={})  # nothing is required
    env_files = [_dev()["services"][name]["env_file"] for name in APP_SERVICES]
    assert all(entry == [{"path": ".env", "required": False}] for entry in env_files)


def test_production_refuses_to_start_without_its_secrets() -> None:
    required = {use.name for use in variable_uses("compose.prod.yaml") if use.op == ":?"}

    assert {"SECRET_KEY", "ADMIN_PASSWORD", "POSTGRES_PASSWORD"} <= required
    assert required <= set(PROD_SECRETS)
    for use in variable_uses("compose.prod.yaml"):
        assert use.op in (":-", ":?"), f"${{{use.name}}} is neither defaulted nor required"
    for name in required:
        env = {k: v for k, v in PROD_SECRETS.items() if k != name}
        with pytest.raises(MissingVariableError) as refused:
            compose_config(*PROD_FILES, env=env)
        assert refused.value.name == name


@pytest.mark.parametrize("config", CONFIGS)
def test_app_services_reach_postgres_and_redis_by_service_name(config: Any) -> None:
    services = config()["services"]
    postgres = services["postgres"]["environment"]
    for name in APP_SERVICES:
        env = services[name]["environment"]
        database = make_url(env["DATABASE_URL"])
        redis = make_url(env["REDIS_URL"])

        assert (database.drivername, database.host, database.port) == (
            "postgresql+asyncpg",
            "postgres",
            5432,
        )
        assert (database.username, database.password, database.database) == (
            postgres["POSTGRES_USER"],
            postgres["POSTGRES_PASSWORD"],
            postgres["POSTGRES_DB"],
        )
        assert (redis.host, redis.port) == ("redis", 6379)


@pytest.mark.parametrize("config", CONFIGS)
def test_app_environment_names_only_real_settings(config: Any) -> None:
    services = config()["services"]
    for name in APP_SERVICES:
        extra = set(services[name]["environment"]) - SETTINGS - DEV_ONLY_VARIABLES
        allowed = SCRIPT_VARIABLES if name == "migrate" else set()
        assert extra <= allowed, f"{name}: {extra - allowed} are not settings"


def test_every_setting_is_set_in_compose_or_has_an_app_default() -> None:
    services = _prod()["services"]
    configured = set(services["api"]["environment"]) | set(services["worker"]["environment"])
    for name, field in Settings.model_fields.items():
        assert name.upper() in configured or not field.is_required(), name


def test_development_environment_gives_valid_development_settings() -> None:
    for name in APP_SERVICES:
        settings = _settings_from(_dev()["services"][name]["environment"])

        assert settings.environment is Environment.DEVELOPMENT
        assert settings.log_level == "DEBUG"


def test_production_environment_gives_valid_production_settings() -> None:
    services = _prod()["services"]
    for name in APP_SERVICES:
        settings = _settings_from(services[name]["environment"])

        assert settings.environment is Environment.PRODUCTION
        assert settings.docs_enabled is False
        assert settings.secret_key.get_secret_value() == PROD_SECRETS["SECRET_KEY"]
    assert services["migrate"]["environment"]["SEED_SAMPLE_DATA"] == "false"


@pytest.mark.parametrize("config", CONFIGS)
def test_health_checks_watch_every_long_running_service(config: Any) -> None:
    services = config()["services"]

    assert "pg_isready" in services["postgres"]["healthcheck"]["test"][1]
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    api_check = " ".join(services["api"]["healthcheck"]["test"])
    assert "http://127.0.0.1:8000/health/ready" in api_check
    assert services["worker"]["healthcheck"]["test"] == [
        "CMD",
        "arq",
        "--check",
        "worker.main.WorkerSettings",
    ]
    # The image's own check probes the API, which the one-shot container does not run.
    assert services["migrate"]["healthcheck"] == {"disable": True}


@pytest.mark.parametrize("config", CONFIGS)
def test_api_and_worker_start_after_a_finished_migration_and_healthy_stores(config: Any) -> None:
    services = config()["services"]
    for name in ("api", "worker"):
        assert services[name]["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"},
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
        }
    assert services["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert services["migrate"]["restart"] == "no"


def test_migrate_runs_the_startup_script() -> None:
    command = _prod()["services"]["migrate"]["command"]

    assert command == ["bash", "deploy/init.sh"]
    assert (ROOT / command[1]).is_file()


def test_worker_runs_the_resilient_worker_of_the_worker_package() -> None:
    command = _prod()["services"]["worker"].get("command")

    assert command == ["python", "-m", "worker"]
    assert importlib.import_module("worker.__main__").main


def test_ports_match_the_settings_and_the_image() -> None:
    services = _prod()["services"]

    assert services["api"]["ports"] == ["8000:8000"]
    assert api_port_from_cmd() == 8000
    assert services["worker"]["environment"]["WORKER_METRICS_PORT"] == str(WORKER_METRICS_PORT)
    # Prometheus scrapes from its own container: loopback (the default) would be unreachable.
    assert services["worker"]["environment"]["WORKER_METRICS_HOST"] == "0.0.0.0"  # noqa: S104
    assert services["worker"]["expose"] == [str(WORKER_METRICS_PORT)]


def test_development_mounts_the_source_and_reloads() -> None:
    services = _dev()["services"]

    assert "--reload" in services["api"]["command"]
    assert "watchfiles" in services["worker"]["command"]
    for name in APP_SERVICES:
        mounts = services[name]["volumes"]
        assert "./src:/app/src:ro" in mounts
        assert services[name]["environment"]["PYTHONPATH"] == "/app/src:/app"
    assert services["migrate"]["environment"]["SEED_SAMPLE_DATA"] == "true"


def test_production_mounts_no_source_and_restarts_within_limits() -> None:
    services = _prod()["services"]
    for name, service in services.items():
        assert service["deploy"]["resources"]["limits"], name
        expected = "no" if name == "migrate" else "unless-stopped"
        assert service["restart"] == expected, name
        assert not [v for v in service.get("volumes", []) if str(v).startswith("./src")], name
    assert "command" not in services["api"]  # the image's: no reload
    assert "PYTHONPATH" not in services["api"]["environment"]


def test_prometheus_scrapes_every_api_and_worker_container() -> None:
    config = load_yaml("deploy/prometheus/prometheus.yml")
    targets = {
        (name, sd["port"], job.get("metrics_path", "/metrics"))
        for job in config["scrape_configs"]
        for sd in job["dns_sd_configs"]
        for name in sd["names"]
    }
    mounts = _dev()["services"]["prometheus"]["volumes"]

    assert targets == {("api", 8000, "/metrics"), ("worker", WORKER_METRICS_PORT, "/metrics")}
    assert "./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro" in mounts
