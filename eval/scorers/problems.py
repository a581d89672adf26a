"""Problems of a note: found, active or past, their status and hedging, and what is no problem."""

import re

from carechart.notes.nlp import NoteAnalysis, Problem, ProblemStatus
from eval.labels import NoteLabel, ProblemLabel
from eval.runner import NoteRun
from eval.scorers.common import Labelled, rate, tally_phrases
from eval.scoring import Score, Scorer
from eval.text import PhraseKey, phrase_key

RULE = """\
A predicted problem names a labelled one when its text and the label's `name` or an `also` name
have equal phrase keys, or one holds the other (free-text rule): "CAP improving on antibiotics"
names community-acquired pneumonia, "HTN" names hypertension. One to one, so a duplicate is a
false positive.

- `problems.all`: precision and recall over every problem.
- `problems.active` and `problems.history`: the same, among predicted problems of status
  `active` against labels of status `active`, and predicted `historical` against `history`.
- `problems.status.accuracy` (confusion table) and `problems.uncertain.accuracy`: matched
  problems whose status (history is `historical`), or whose `uncertain` flag, is the label's.
- `problems.header_like`: unmatched predicted problems whose text is a heading, that is the
  text of a heading of the note (up to five words before a colon at a line start or after a
  comma-join, or a line of up to six capitalised words alone) or a common heading name
  ("procedure in detail", "hospital course", "review of systems" ...), or ends with a colon.
  Target 0.
- `problems.procedure_like`: unmatched predicted problems that name a procedure: a word ending
  in -ectomy, -otomy, -ostomy, -plasty, -scopy, -pexy or -rrhaphy, or repair, injection, biopsy,
  catheterization, excision, resection, replacement, fusion, placement, insertion, removal,
  debridement, drainage, bypass graft, CABG, "s/p" or "status post". Target 0.

Both counts list their items for review in the details file: a predicted problem that matches a
label is never counted, whatever its words.
"""

# A heading is a label of a few words before a colon, at a line start or after a comma-join
# ("Code: DNR", "PLAN:", "...,ASSESSMENT:,"), or a short line of capitalised words alone
# ("Principal", "Medications Discontinued During This Encounter").
_LABEL_HEADING = re.compile(
    r"(?:^|[\n,.;])[ \t]*(?:[-*\u2022]|\d{1,2}[.)])?[ \t]*([A-Za-z][\w &/()'-]{0,50}?)[ \t]*:",
    re.M,
)
_HEADING_LINE = re.compile(
    r"^[ \t]*((?:[A-Z][\w&/()'-]*|of|and|or|in|on|for|to|the|with)"
    r"(?:[ \t]+(?:[A-Z][\w&/()'-]*|of|and|or|in|on|for|to|the|with)){0,5})[ \t]*:?[ \t]*$",
    re.M,
)
_HEADING_WORDS = 5
COMMON_HEADINGS = """chief complaint; history of present illness; present illness; history;
past medical history; past surgical history; surgical history; medications; current
medications; home medications; admission medications; discharge medications; allergies;
family history; social history; review of systems; physical examination; physical exam; exam;
vital signs; vitals; laboratory data; laboratory; labs; results; imaging; studies; assessment;
plan; assessment and plan; impression; diagnosis; diagnoses; preoperative diagnosis;
postoperative diagnosis; admitting diagnosis; discharge diagnosis; discharge diagnoses;
procedure; procedures; procedure in detail; description of procedure; operative procedure;
indication; indications; findings; anesthesia; estimated blood loss; complications; specimens;
drains; disposition; hospital course; condition on discharge; discharge condition; discharge
instructions; instructions; follow up; recommendations; reason for consultation; reason for
visit; subjective; objective; general; heent; neck; lungs; heart; cardiovascular; abdomen;
extremities; neurologic; skin; psychiatric; musculoskeletal; ed course; emergency department
course; medical decision making; signature; problem list; active problems""".replace("\n", " ")
_COMMON = frozenset(phrase_key(h) for h in COMMON_HEADINGS.split(";"))
PROCEDURE = re.compile(
    r"\b(?:\w+(?:ectom(?:y|ies)|otom(?:y|ies)|ostom(?:y|ies)|plast(?:y|ies)|scop(?:y|ies)"
    r"|pex(?:y|ies)|rrhaph(?:y|ies))|repairs?|injections?|biops(?:y|ies)|catheteri[sz]ations?"
    r"|excisions?|resections?|replacements?|fusions?|placements?|insertions?|removals?"
    r"|debridements?|drainages?|bypass graft(?:ing|s)?|cabg|status post)\b|\bs/p\b",
    re.IGNORECASE,
)


def headings(text: str, analysis: NoteAnalysis) -> set[PhraseKey]:
    """The phrase keys of the note's headings, and of the common heading names."""
    labels = [m for m in _LABEL_HEADING.findall(text) if len(m.split()) <= _HEADING_WORDS]
    found = {phrase_key(m) for m in [*labels, *_HEADING_LINE.findall(text)]}
    found |= {phrase_key(s.heading.rstrip(": ")) for s in analysis.sections if s.heading}
    return (found | _COMMON) - {frozenset()}


def _labelled(problems: list[ProblemLabel]) -> list[Labelled]:
    return [Labelled.of(p.name, p.also) for p in problems]


_STATUS = {ProblemStatus.ACTIVE: "active", ProblemStatus.HISTORICAL: "history"}


def _status(problem: Problem) -> str:
    return _STATUS.get(problem.status, problem.status.value)


def _subset(result: Score, key: str, run: NoteRun, status: str) -> None:
    predicted = [p.text for p in run.analysis.problems if _status(p) == status]
    labelled = [p for p in run.note.label.problems if p.status == status]
    tally_phrases(result, key, predicted, _labelled(labelled), details=False)


def _no_problems(result: Score, run: NoteRun, matched: set[int]) -> None:
    names = headings(run.note.text, run.analysis)
    for i, problem in enumerate(run.analysis.problems):
        if i in matched:
            continue
        if phrase_key(problem.text) in names or problem.text.rstrip().endswith(":"):
            result.count("problems.header_like").n += 1
            result.note("problems", "review", f"header-like: {problem.text}")
        if PROCEDURE.search(problem.text):
            result.count("problems.procedure_like").n += 1
            result.note("problems", "review", f"procedure-like: {problem.text}")


def _matched(result: Score, problem: Problem, label: ProblemLabel) -> None:
    status = _status(problem)
    rate(result, "problems.status.accuracy", status == label.status)
    result.confuse("problems.status", label.status, status)
    rate(result, "problems.uncertain.accuracy", problem.uncertain == label.uncertain)
    if status != label.status or problem.uncertain != label.uncertain:
        result.note(
            "problems",
            "wrong",
            f"{label.name}: {status}{' uncertain' * problem.uncertain}, "
            f"labelled {label.status}{' uncertain' * label.uncertain}",
        )


def score(run: NoteRun) -> Score:
    result = Score()
    label: NoteLabel = run.note.label
    for key in ("problems.all", "problems.active", "problems.history"):
        result.tally(key)
    result.ratio("problems.status.accuracy")
    result.ratio("problems.uncertain.accuracy")
    result.count("problems.header_like")
    result.count("problems.procedure_like")
    predicted = [p.text for p in run.analysis.problems]
    pairs = tally_phrases(result, "problems.all", predicted, _labelled(label.problems))
    _subset(result, "problems.active", run, "active")
    _subset(result, "problems.history", run, "history")
    for p, lab in pairs:
        _matched(result, run.analysis.problems[p], label.problems[lab])
    _no_problems(result, run, {p for p, _ in pairs})
    return result


SCORER = Scorer[NoteRun]("problems", "Problems", RULE, score)
