"""The sample notes with broken encoding: repaired by ftfy first, they read like the clean ones."""

import ftfy
import pytest

from carechart.notes.nlp import analyse
from tests.notes.nlp.support import soap_text

NAMES = [f"soap_0{n}.txt" for n in range(1, 7)]


@pytest.mark.parametrize("name", NAMES)
def test_a_repaired_copy_gives_exactly_the_clean_notes_analysis(name: str) -> None:
    repaired = ftfy.fix_text(soap_text(name, mojibake=True))
    clean = analyse(soap_text(name)).model_dump(mode="json")
    assert analyse(repaired).model_dump(mode="json") == clean


def test_unrepaired_mojibake_is_flagged_so_ingestion_bugs_show() -> None:
    analysis = analyse(soap_text("soap_01.txt", mojibake=True))
    assert any("mis-encoded" in warning for warning in analysis.warnings)
    assert analyse(soap_text("soap_01.txt")).warnings == []
