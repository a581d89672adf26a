"""The image: built from the lock file in stages, slim, non-root, with Tesseract and probes."""

import fnmatch
import re
from pathlib import PurePosixPath

from tests.deploy.files import ROOT, api_port_from_cmd, dockerfile, final_stage, image_user_id


def _runtime_text() -> str:
    return "\n".join(f"{i.keyword} {i.arguments}" for i in final_stage(dockerfile()))


def test_image_is_built_in_stages_on_a_slim_official_python() -> None:
    instructions = dockerfile()
    froms = [i.arguments for i in instructions if i.keyword == "FROM"]
    base = next(
        i.arguments for i in instructions if i.keyword == "ARG" and "PYTHON_IMAGE" in i.arguments
    )

    assert re.fullmatch(r"PYTHON_IMAGE=python:3\.1[1-9]-slim-\w+", base), base
    assert len(froms) >= 3, froms  # uv, build, runtime
    assert froms[-1] == "${PYTHON_IMAGE} AS runtime"
    assert "${PYTHON_IMAGE} AS build" in froms


def test_dependencies_come_from_the_lock_file_without_dev_tools() -> None:
    runs = [i.arguments for i in dockerfile() if i.keyword == "RUN"]
    syncs = [run for run in runs if "uv sync" in run]

    assert syncs, "no uv sync"
    assert all("--locked" in s and "--no-dev" in s for s in syncs), syncs
    assert any("--no-editable" in s for s in syncs), "the runtime would need the source tree"


def test_runtime_stage_holds_the_environment_but_no_build_tools_or_caches() -> None:
    runtime = _runtime_text()

    assert "COPY --from=build /app/.venv /app/.venv" in runtime
    for tool in ("/uv", "pip install", "gcc", "build-essential", "uv sync"):
        assert tool not in runtime, tool
    assert "--no-install-recommends tesseract-ocr tesseract-ocr-eng" in runtime
    assert "rm -rf /var/lib/apt/lists/*" in runtime


def test_environment_limits_tesseract_threads_and_unbuffers_output() -> None:
    env = " ".join(i.arguments for i in final_stage(dockerfile()) if i.keyword == "ENV")

    assert "OMP_THREAD_LIMIT=1" in env
    assert "PYTHONUNBUFFERED=1" in env
    assert 'PATH="/app/.venv/bin:' in env


def test_image_runs_as_a_fixed_non_root_user() -> None:
    assert image_user_id() >= 1000


def test_command_serves_one_uvicorn_process_in_exec_form() -> None:
    runtime = final_stage(dockerfile())
    cmd = next(i for i in runtime if i.keyword == "CMD").exec_form()

    assert cmd[:3] == ["uvicorn", "carechart.main:create_app", "--factory"]
    # The app believes X-Forwarded-For only from FORWARDED_ALLOW_IPS; uvicorn's own default
    # would believe any loopback client.
    assert {"--no-proxy-headers", "--no-access-log"} <= set(cmd)
    assert "--workers" not in cmd
    assert "--reload" not in cmd
    assert api_port_from_cmd() == 8000
    assert not [i for i in runtime if i.keyword == "ENTRYPOINT" and not i.arguments.startswith("[")]


def test_healthcheck_probes_liveness_with_python_in_exec_form() -> None:
    check = next(i for i in dockerfile() if i.keyword == "HEALTHCHECK")
    command = check.exec_form()

    assert command[:2] == ["python", "-c"]
    assert "http://127.0.0.1:8000/health'" in command[2]


def test_startup_script_is_in_the_image_where_the_deployments_call_it() -> None:
    runtime = _runtime_text()

    assert "WORKDIR /app" in runtime
    assert "COPY deploy/init.sh ./deploy/init.sh" in runtime
    assert "COPY alembic ./alembic" in runtime
    assert "COPY alembic.ini ./" in runtime


# --- .dockerignore: an allow-list, read with Docker's rules (last match wins, `!` re-includes,
# a pattern matching a parent folder matches what is inside).


def _ignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _matches(pattern: str, path: str) -> bool:
    parts = PurePosixPath(path).parts
    if pattern.startswith("**/"):  # one name, in any folder (the only `**` form used)
        return any(fnmatch.fnmatchcase(part, pattern.removeprefix("**/")) for part in parts)
    parents = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    return any(fnmatch.fnmatchcase(parent, pattern) for parent in parents)


def _ignored(path: str) -> bool:
    ignored = False
    for pattern in _ignore_patterns():
        negated = pattern.startswith("!")
        if _matches(pattern.removeprefix("!"), path):
            ignored = not negated
    return ignored


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_build() -> None:
    for path in (
        ".env",
        ".venv/bin/python",
        ".git/config",
        "tests/conftest.py",
        "docs/openapi.json",
        "src/carechart/__pycache__/main.cpython-311.pyc",
        "compose.yaml",
    ):
        assert _ignored(path), path


def test_dockerignore_lets_in_everything_the_dockerfile_copies() -> None:
    sources: list[str] = []
    for instruction in dockerfile():
        if instruction.keyword == "COPY" and "--from=" not in instruction.arguments:
            sources += instruction.arguments.split()[:-1]
        sources += re.findall(r"--mount=type=bind,source=([^,\s]+)", instruction.arguments)
    for folder in ("src", "worker", "seed", "alembic"):
        sources += [
            str(p.relative_to(ROOT))
            for p in (ROOT / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
        ]

    assert sources
    for source in sources:
        assert (ROOT / source).exists(), source
        assert not _ignored(source), source


def test_bind_mount_targets_are_absolute_so_buildah_builds_it_too() -> None:
    # buildah (podman build, the container smoke test's builder) refuses relative targets.
    targets = [
        target
        for instruction in dockerfile()
        for target in re.findall(r"--mount=type=\w+,[^\s]*target=([^,\s]+)", instruction.arguments)
    ]

    assert targets
    assert all(target.startswith("/") for target in targets), targets
