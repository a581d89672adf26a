"""The container smoke test is wired into CI and runs the image as the manifests do."""

import re

from tests.containers import smoke
from tests.deploy.files import ROOT, image_user_id


def test_ci_runs_the_container_test_before_the_unit_tests() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    makefile = (ROOT / "Makefile").read_text()

    assert re.search(r"^container-test:.*\n\t.*bash tests/containers/run\.sh$", makefile, re.M)
    commands = [line.strip() for line in ci.splitlines() if line.startswith("make ")]
    assert commands.index("make container-test") < commands.index("make test")


def test_the_smoke_test_runs_the_image_user_read_only_with_a_tmpfs() -> None:
    source = (ROOT / "tests" / "containers" / "smoke.py").read_text()

    assert f'"--user", "{image_user_id()}:{image_user_id()}"' in source
    for flag in ('"--read-only"', '"--tmpfs", "/tmp:', '"--cap-drop", "ALL"'):
        assert flag in source, flag
    assert smoke.LABEL in (ROOT / "tests" / "containers" / "run.sh").read_text()
