"""The learned medication-status model: its features, its weights file and its guarded use.

Off by default (setting `STATUS_MODEL_ENABLED`). When on, a multinomial logistic model reads
each drug the rules found, with the rules' own reading among its features, and may replace
that reading under the combination fixed before it was judged (docs/status-model.md,
"Pre-registered judgement"): only at a probability of at least 0.8, and never turning a
stopped, held, given, proposed or historical reading into a current one. The same `features`
function builds the training rows (eval/status_data.py) and the run-time input, so the model
sees at run time exactly what it was trained on. Inference is pure Python over a small gzipped JSON
file shipped in the package (`python -m eval.train_status --export` writes it), read once
per process.
"""

import gzip
import json
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from carechart.notes.nlp.schemas import Medication, MedicationStatus, NoteAnalysis

WEIGHTS = Path(__file__).resolve().parent / "status_model.json.gz"
FORMAT = "carechart-status-model/1"
# Pre-registered (docs/status-model.md): the model's reading wins only at this probability ...
THRESHOLD = 0.8
# ... and a reading that says the drug is not being taken is never made current by it.
CURRENT = frozenset(
    {
        MedicationStatus.STARTED,
        MedicationStatus.CONTINUED,
        MedicationStatus.CHANGED,
        MedicationStatus.RESUMED,
    }
)
NEVER_MADE_CURRENT = frozenset(
    {
        MedicationStatus.STOPPED,
        MedicationStatus.HELD,
        MedicationStatus.GIVEN,
        MedicationStatus.PROPOSED,
        MedicationStatus.HISTORICAL,
    }
)

_WORD = re.compile(r"[a-z]+|\d+")
_WINDOW = 6  # words either side of the evidence clause and of each mention


class StatusModelError(Exception):
    """The weights file is missing or not a status model: raised at start-up, not per note."""


# --- features -------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _tokens(text: str) -> list[str]:
    """Words, numbers folded into one token: a dose's figures are not cue words."""
    return ["<n>" if w.isdigit() else w for w in _words(text)]


def _line_of(text: str, start: int) -> str:
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    return text[begin : end if end >= 0 else len(text)]


def _around(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    before = _tokens(text[max(0, start - 80) : start])[-_WINDOW:]
    after = _tokens(text[end : end + 80])[:_WINDOW]
    return before, after


def _section_heading(analysis: NoteAnalysis, position: int) -> str:
    for section in analysis.sections:
        if section.start <= position < section.end:
            return section.heading
    return ""


def _section_kind(analysis: NoteAnalysis, position: int) -> str:
    for section in analysis.sections:
        if section.start <= position < section.end:
            return section.name.value
    return "none"


def _layout(text: str, med: Medication) -> Iterator[str]:
    line = _line_of(text, med.start)
    stripped = line.lstrip()
    if stripped[:1] in "-*•" or re.match(r"\d+[.)]\s", stripped):
        yield "layout:bullet"
    if "|" in line or "\t" in line:
        yield "layout:table"
    if stripped.lower().startswith(text[med.start : med.start + 12].lower()[:6]):
        yield "layout:line_start"
    if len(_words(line)) <= 12:
        yield "layout:short_line"


def _position(analysis: NoteAnalysis, med: Medication) -> Iterator[str]:
    """Where the drug sits among the drugs of its section: first, last, alone, in a long list."""
    same = [m for m in analysis.medications if m.section == med.section]
    index = next(i for i, m in enumerate(same) if m is med)
    size = len(same)
    yield f"list:size={'1' if size == 1 else '2-4' if size <= 4 else '5+'}"
    if size > 1:
        yield "list:first" if index == 0 else "list:last" if index == size - 1 else "list:middle"


def _dosing(med: Medication) -> Iterator[str]:
    yield f"dose:{med.dose is not None}"
    yield f"route:{(med.route or 'none').lower()}"
    yield f"frequency:{med.frequency is not None}"
    yield f"prn:{med.prn}"
    yield f"course:{med.course_days is not None}"
    yield f"mentions:{min(len(med.mentions), 3)}"


def features(text: str, analysis: NoteAnalysis, med: Medication) -> tuple[str, ...]:
    """The drug's bag of features, read from the rules' analysis of `text` (the note as given
    to `analyse`); `med` is one of `analysis.medications`. A feature is a string, present or
    not; sorted, so training visits them in a fixed order."""
    rule, section, kind = med.status.value, med.section.value, analysis.note_type.value.value
    found = [f"rule:{rule}", f"section:{section}", f"type:{kind}"]
    found += [f"rule*section:{rule}|{section}", f"rule*type:{rule}|{kind}"]
    found += [f"head:{w}" for w in _words(_section_heading(analysis, med.start))]
    found += [f"clause:{w}" for w in _tokens(med.text)]
    found += [f"rule*clause:{rule}|{w}" for w in _tokens(med.text)]
    before, after = _around(text, med.start, med.end)
    found += [f"before:{w}" for w in before] + [f"after:{w}" for w in after]
    for span in med.mentions:
        near_before, near_after = _around(text, span.start, span.end)
        found += [f"near:{w}" for w in near_before + near_after]
        found.append(f"mention_section:{_section_kind(analysis, span.start)}")
    found += list(_layout(text, med)) + list(_position(analysis, med)) + list(_dosing(med))
    return tuple(sorted(set(found)))


# --- the model ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatusModel:
    """Multinomial logistic regression: a bias and, per feature, a weight for each status."""

    statuses: tuple[MedicationStatus, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]  # feature -> one weight per status

    def probabilities(self, found: Sequence[str]) -> list[float]:
        scores = list(self.bias)
        for feature in found:
            row = self.weights.get(feature)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def predict(self, found: Sequence[str]) -> tuple[MedicationStatus, float]:
        """The most probable status and its probability (the first status wins a tie)."""
        probs = self.probabilities(found)
        best = max(range(len(probs)), key=lambda k: probs[k])
        return self.statuses[best], probs[best]

    @classmethod
    def from_json(cls, data: Any) -> "StatusModel":
        """The model a weights file holds; ValueError (saying what is wrong) when it is not one."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        statuses = tuple(MedicationStatus(s) for s in data["statuses"])
        bias = tuple(float(b) for b in data["bias"])
        if not statuses or len(bias) != len(statuses):
            raise ValueError("the bias must hold one number per status")
        weights = {
            str(feature): tuple(float(w) for w in row) for feature, row in data["weights"].items()
        }
        if any(len(row) != len(statuses) for row in weights.values()):
            raise ValueError("each feature must hold one weight per status")
        return cls(statuses, bias, weights)


def load_status_model(path: Path = WEIGHTS) -> StatusModel:
    """Read a weights file (JSON, gzipped or not); StatusModelError names the file and what is
    wrong with it."""
    try:
        raw = path.read_bytes()
        data = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
        return StatusModel.from_json(data)
    except FileNotFoundError:
        raise StatusModelError(f"status model: no weights file at {path}") from None
    except (ValueError, KeyError, TypeError, AttributeError, OSError, EOFError) as exc:
        reason = f"{type(exc).__name__}: {exc}" if isinstance(exc, ValueError) else "bad shape"
        raise StatusModelError(f"status model: {path} is not a weights file ({reason})") from None


@lru_cache(maxsize=1)
def packaged_status_model() -> StatusModel:
    """The model shipped with the package, read once per process (warm_up reads it at start)."""
    return load_status_model(WEIGHTS)


# --- the combination ------------------------------------------------------------------------


def combined_status(
    rule: MedicationStatus, proposal: MedicationStatus, probability: float
) -> MedicationStatus:
    """The pre-registered combination: the model's reading only at THRESHOLD, and never a
    current one in place of a reading that says the drug is not being taken."""
    if probability < THRESHOLD:
        return rule
    if rule in NEVER_MADE_CURRENT and proposal in CURRENT:
        return rule
    return proposal


def with_model_statuses(text: str, analysis: NoteAnalysis, model: StatusModel) -> NoteAnalysis:
    """The analysis with each drug's status revised by the model where the combination lets
    it; a revised drug says so in `status_source`. Everything else, evidence included, is
    kept. Every drug's features are read from the rules' analysis, as in training."""
    revised = []
    for med in analysis.medications:
        proposal, probability = model.predict(features(text, analysis, med))
        status = combined_status(med.status, proposal, probability)
        if status is med.status:
            revised.append(med)
        else:
            revised.append(med.model_copy(update={"status": status, "status_source": "model"}))
    return analysis.model_copy(update={"medications": revised})
