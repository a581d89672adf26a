"""The shared sample notes: in CI their absence fails the run at start; elsewhere it is a skip
that says why."""

from pathlib import Path

import pytest

from tests import conftest, shared_samples


@pytest.fixture
def absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    gone = tmp_path / "shared" / "soap"
    monkeypatch.setattr(shared_samples, "SHARED_SOAP", gone)
    return gone


def test_in_ci_missing_sample_notes_stop_the_run_with_one_clear_error(
    absent: Path, monkeypatch: pytest.MonkeyPatch, pytestconfig: pytest.Config
) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(
        pytest.UsageError, match=f"CI=true and the shared sample notes missing at {absent}"
    ):
        conftest.pytest_configure(pytestconfig)


def test_outside_ci_missing_sample_notes_skip_their_tests_with_the_reason(
    absent: Path, monkeypatch: pytest.MonkeyPatch, pytestconfig: pytest.Config
) -> None:
    monkeypatch.delenv("CI", raising=False)
    conftest.pytest_configure(pytestconfig)  # no error
    assert "will skip" in (conftest.pytest_report_header(pytestconfig) or "")
    with pytest.raises(pytest.skip.Exception, match="shared sample notes missing"):
        shared_samples.shared_soap()


def test_one_missing_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    soap = tmp_path / "soap"
    for name in shared_samples.EXPECTED:
        (soap / name).parent.mkdir(parents=True, exist_ok=True)
        (soap / name).write_text("S: fine.")
    (soap / "mojibake" / "soap_04.txt").unlink()
    monkeypatch.setattr(shared_samples, "SHARED_SOAP", soap)
    assert shared_samples.missing() == ["mojibake/soap_04.txt"]
    assert "(mojibake/soap_04.txt)" in shared_samples.reason()
