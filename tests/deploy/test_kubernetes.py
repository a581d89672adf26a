"""The Kubernetes overlays render with kustomize, pass the API schemas, and match the image."""

import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from typing import Any

import kubernetes_validate
import pytest
from pydantic import ValidationError

from carechart.core.config import (
    DEFAULT_ADMIN_PASSWORD,
    DEFAULT_SECRET_KEY,
    Environment,
    Settings,
)
from tests.deploy.files import (
    PROD_SECRETS,
    ROOT,
    SETTINGS,
    api_port_from_cmd,
    image_user_id,
    load_yaml,
    load_yaml_documents,
)

OVERLAYS = ("dev", "prod")
# The oldest Kubernetes still common in managed clusters, and the newest schemas bundled.
KUBERNETES_VERSIONS = ("1.30.0", kubernetes_validate.latest_version())
SCRIPT_VARIABLES = {"SEED_SAMPLE_DATA", "DB_WAIT_S"}
WORKER_METRICS_PORT = Settings.model_fields["worker_metrics_port"].default


@cache
def render(overlay: str) -> tuple[dict[str, Any], ...]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed: the overlays cannot be rendered (see .ci/run)")
    rendered = subprocess.run(  # noqa: S603 - a fixed command on the repository's own files
        [kubectl, "kustomize", str(ROOT / "deploy" / "k8s" / "overlays" / overlay)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return tuple(load_yaml_documents(rendered.stdout))


def find(overlay: str, kind: str, name_prefix: str = "carechart") -> list[dict[str, Any]]:
    return [
        doc
        for doc in render(overlay)
        if doc["kind"] == kind and doc["metadata"]["name"].startswith(name_prefix)
    ]


def one(overlay: str, kind: str, name: str) -> dict[str, Any]:
    (doc,) = [d for d in render(overlay) if d["kind"] == kind and d["metadata"]["name"] == name]
    return doc


def pod_specs(overlay: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The pod templates of Carechart's own workloads (not the dev overlay's stores)."""
    for kind in ("Deployment", "Job"):
        for doc in find(overlay, kind):
            yield doc["metadata"]["name"], doc["spec"]["template"]


def container(overlay: str, kind: str, name: str) -> dict[str, Any]:
    spec = one(overlay, kind, name)["spec"]["template"]["spec"]
    (main,) = spec["containers"]
    return main


def config_data(overlay: str) -> dict[str, str]:
    (config_map,) = find(overlay, "ConfigMap", "carechart-settings")
    data: dict[str, str] = config_map["data"]
    return data


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("overlay", OVERLAYS)
def test_overlay_renders_and_passes_the_kubernetes_schemas(overlay: str, version: str) -> None:
    documents = render(overlay)

    assert documents
    for doc in documents:
        # strict: an unknown field (a misspelt probe, say) is an error, not silently dropped.
        kubernetes_validate.validate(doc, version, strict=True)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_api_serves_the_image_port_with_readiness_and_liveness_probes(overlay: str) -> None:
    api = container(overlay, "Deployment", "carechart-api")
    port = api_port_from_cmd()

    assert api["ports"] == [{"name": "http", "containerPort": port}]
    assert api["readinessProbe"]["httpGet"] == {"path": "/health/ready", "port": "http"}
    assert api["livenessProbe"]["httpGet"] == {"path": "/health", "port": "http"}
    assert one(overlay, "Service", "carechart-api")["spec"]["ports"][0]["targetPort"] == "http"
    assert "command" not in api  # the image's uvicorn command


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_api_is_scaled_by_the_autoscaler_on_cpu(overlay: str) -> None:
    hpa = one(overlay, "HorizontalPodAutoscaler", "carechart-api")
    deployment = one(overlay, "Deployment", "carechart-api")

    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "carechart-api",
    }
    assert [m["resource"]["name"] for m in hpa["spec"]["metrics"]] == ["cpu"]
    assert "replicas" not in deployment["spec"]  # an apply must not undo the autoscaler
    assert container(overlay, "Deployment", "carechart-api")["resources"]["requests"]["cpu"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_worker_is_checked_with_arq_and_serves_metrics_on_the_settings_port(
    overlay: str,
) -> None:
    worker = container(overlay, "Deployment", "carechart-worker")
    annotations = one(overlay, "Deployment", "carechart-worker")["spec"]["template"]["metadata"][
        "annotations"
    ]

    assert worker["command"] == ["python", "-m", "worker"]
    assert worker["livenessProbe"]["exec"]["command"] == [
        "arq",
        "--check",
        "worker.main.WorkerSettings",
    ]
    assert worker["ports"] == [{"name": "metrics", "containerPort": WORKER_METRICS_PORT}]
    assert annotations["prometheus.io/port"] == str(WORKER_METRICS_PORT)
    assert config_data(overlay)["WORKER_METRICS_PORT"] == str(WORKER_METRICS_PORT)
    assert config_data(overlay)["WORKER_METRICS_HOST"] == "0.0.0.0"  # noqa: S104 - scraped by pod IP


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_pods_announce_their_metrics_to_prometheus(overlay: str) -> None:
    expected = {"carechart-api": str(api_port_from_cmd()), "carechart-worker": "9100"}
    for name, port in expected.items():
        annotations = one(overlay, "Deployment", name)["spec"]["template"]["metadata"][
            "annotations"
        ]
        assert annotations == {
            "prometheus.io/scrape": "true",
            "prometheus.io/port": port,
            "prometheus.io/path": "/metrics",
        }


@pytest.mark.parametrize(("overlay", "samples"), [("dev", "true"), ("prod", "false")])
def test_migration_job_runs_the_startup_script(overlay: str, samples: str) -> None:
    job = container(overlay, "Job", "carechart-migrate")
    env = {e["name"]: e["value"] for e in job["env"]}

    assert job["command"] == ["bash", "/app/deploy/init.sh"]
    assert (ROOT / "deploy" / "init.sh").is_file()
    assert env["SEED_SAMPLE_DATA"] == samples
    assert set(env) <= SCRIPT_VARIABLES


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_workloads_wait_for_the_migrations_of_their_image(overlay: str) -> None:
    for name in ("carechart-api", "carechart-worker"):
        spec = one(overlay, "Deployment", name)["spec"]["template"]["spec"]
        (init,) = spec["initContainers"]
        assert init["command"] == ["python", "-m", "alembic", "check"]
        assert init["image"] == spec["containers"][0]["image"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_pods_run_as_the_image_user_on_a_read_only_root(overlay: str) -> None:
    for name, template in pod_specs(overlay):
        spec = template["spec"]
        security = spec["securityContext"]
        assert security["runAsNonRoot"] is True, name
        assert security["runAsUser"] == image_user_id(), name
        assert spec["automountServiceAccountToken"] is False, name
        tmp = next(v for v in spec["volumes"] if v["name"] == "tmp")
        assert "emptyDir" in tmp, name
        for c in spec["containers"] + spec.get("initContainers", []):
            assert c["securityContext"] == {
                "allowPrivilegeEscalation": False,
                "readOnlyRootFilesystem": True,
                "capabilities": {"drop": ["ALL"]},
            }, (name, c["name"])
            assert c["resources"]["requests"], (name, c["name"])
            assert c["resources"]["limits"]["memory"], (name, c["name"])
        for c in spec["containers"]:
            assert {"name": "tmp", "mountPath": "/tmp"} in c["volumeMounts"], (name, c["name"])  # noqa: S108


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_pods_read_only_real_settings_from_their_config_map_and_secret(overlay: str) -> None:
    config_maps = {d["metadata"]["name"] for d in render(overlay) if d["kind"] == "ConfigMap"}
    for name, template in pod_specs(overlay):
        for c in template["spec"]["containers"] + template["spec"].get("initContainers", []):
            refs = c["envFrom"]
            assert refs[0]["configMapRef"]["name"] in config_maps, (name, c["name"])
            assert refs[1]["secretRef"]["name"] == "carechart-secrets", (name, c["name"])
    assert set(config_data(overlay)) <= SETTINGS


def test_dev_overlay_gives_valid_development_settings() -> None:
    (secret,) = find("dev", "Secret")
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        **{k.lower(): v for k, v in {**config_data("dev"), **secret["stringData"]}.items()},
    )

    assert set(secret["stringData"]) <= SETTINGS
    assert settings.environment is Environment.DEVELOPMENT
    assert settings.database_url.startswith("postgresql+asyncpg://postgres:carechart@postgres:")
    assert {"postgres", "redis"} <= {d["metadata"]["name"] for d in find("dev", "Service", "")}


def test_prod_overlay_is_production_and_expects_an_external_secret() -> None:
    template = load_yaml("deploy/k8s/base/secret.yaml")["stringData"]
    instructions = (ROOT / "deploy" / "k8s" / "overlays" / "prod" / "kustomization.yaml").read_text(
        encoding="utf-8"
    )
    secret = {k.lower(): v for k, v in PROD_SECRETS.items() if k.lower() in Settings.model_fields}
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, **{k.lower(): v for k, v in config_data("prod").items()}, **secret
    )

    assert find("prod", "Secret") == []
    assert settings.environment is Environment.PRODUCTION
    assert settings.docs_enabled is False
    for key in template:  # the documented `kubectl create secret` sets every key
        assert f"--from-literal={key}=" in instructions, key


def test_secret_template_values_are_refused_in_production() -> None:
    template = load_yaml("deploy/k8s/base/secret.yaml")["stringData"]

    assert template["SECRET_KEY"] == DEFAULT_SECRET_KEY
    assert template["ADMIN_PASSWORD"] == DEFAULT_ADMIN_PASSWORD
    with pytest.raises(ValidationError):
        Settings(  # type: ignore[call-arg]
            _env_file=None, **{k.lower(): v for k, v in template.items()}, environment="production"
        )


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_workload_runs_the_overlay_image(overlay: str) -> None:
    images = {
        c["image"]
        for _, template in pod_specs(overlay)
        for c in template["spec"]["containers"] + template["spec"].get("initContainers", [])
    }

    (image,) = images
    assert ":" in image
    assert not image.endswith(":latest")
    if overlay == "dev":
        assert image == "carechart:local"  # what `docker build -t carechart:local .` makes
