"""The local provider: a deterministic summary written from the chart, with no network."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from carechart.notes.chart import (
    Chart,
    ChartFollowUp,
    ChartMedication,
    ChartProblem,
    ChartSeries,
    Citation,
)
from carechart.summaries.providers.base import (
    Audience,
    DraftItem,
    DraftMedication,
    DraftProblem,
    Length,
    ProviderResult,
    SummaryDraft,
    SummaryRequest,
)

# Plain-language wording for patients and families; clinicians get the terms as written.
GLOSSARY = {
    "po": "by mouth",
    "qd": "once a day",
    "daily": "once a day",
    "bid": "twice a day",
    "tid": "three times a day",
    "qid": "four times a day",
    "qhs": "at bedtime",
    "prn": "when needed",
    "iv": "into a vein",
    "im": "as an injection into a muscle",
    "sc": "as an injection under the skin",
    "hyperlipidemia": "high cholesterol",
    "hypertension": "high blood pressure",
    "htn": "high blood pressure",
    "dm2": "type 2 diabetes",
    "t2dm": "type 2 diabetes",
    "copd": "a long-term lung disease (COPD)",
    "chf": "heart failure",
    "gerd": "acid reflux",
    "uri": "a cold (upper respiratory infection)",
    "cap": "pneumonia caught outside hospital",
    "afib": "an irregular heartbeat (atrial fibrillation)",
    "ckd": "long-term kidney disease",
    "acute": "sudden",
    "chronic": "long-term",
    "renal": "kidney",
    "cardiac": "heart",
    "pulmonary": "lung",
    "hypokalemia": "low potassium",
    "hyperkalemia": "high potassium",
    "hyponatremia": "low sodium",
    "dyspnea": "shortness of breath",
    "edema": "swelling",
    "hypothyroidism": "an underactive thyroid",
}

VITAL_LABELS = {
    "blood_pressure": ("BP", "blood pressure"),
    "heart_rate": ("HR", "heart rate"),
    "respiratory_rate": ("RR", "breathing rate"),
    "temperature": ("Temp", "temperature"),
    "spo2": ("SpO2", "oxygen level"),
    "height": ("Ht", "height"),
    "weight": ("Wt", "weight"),
    "bmi": ("BMI", "body mass index"),
}

_LIMITS = {Length.BRIEF: 3, Length.STANDARD: 6, Length.DETAILED: 50}
# Current medications are listed whole except in a brief summary: a missing one is a risk.
_MEDICATION_LIMITS = {Length.BRIEF: 3, Length.STANDARD: 50, Length.DETAILED: 50}


# Phrases first: word by word they would read badly ("sudden on long-term").
PHRASES = {
    "acute on chronic": "a sudden worsening of long-term",
    "acute kidney injury": "a sudden drop in kidney function",
    "atrial fibrillation": "an irregular heartbeat (atrial fibrillation)",
    "coronary artery disease": "narrowed heart arteries (coronary artery disease)",
    "systolic heart failure": "heart failure (a weak heart pump)",
}


def plain(text: str) -> str:
    """Replace known phrases, abbreviations and jargon, keeping punctuation."""
    for phrase, wording in PHRASES.items():
        text = re.sub(rf"(?i)\b{re.escape(phrase)}\b", wording, text)
    words = []
    for word in text.split():
        core = word.strip(".,;:()").lower()
        replacement = GLOSSARY.get(core)
        words.append(word.lower().replace(core, replacement) if replacement else word)
    return " ".join(words)


@dataclass(frozen=True)
class _Voice:
    """How the narrative speaks for one audience."""

    audience: Audience

    @property
    def lay(self) -> bool:
        return self.audience is not Audience.CLINICIAN

    def word(self, text: str) -> str:
        return plain(text) if self.lay else text

    def subject(self, age: int | None, sex: str | None) -> str:
        if self.audience is Audience.PATIENT:
            return f"You are {age} years old." if age is not None else "This is your summary."
        who = "Your family member" if self.audience is Audience.FAMILY else "Patient"
        parts = [f"{age}-year-old" if age is not None else None, sex]
        described = " ".join(p for p in parts if p)
        if self.audience is Audience.FAMILY:
            return f"{who} is a {described} person." if described else f"{who}'s summary."
        return f"{described.capitalize()} patient." if described else "Patient."


def _ids(sources: Sequence[Citation]) -> list[str]:
    return list(dict.fromkeys(str(source.note_id) for source in sources))


def _medication_text(med: ChartMedication, voice: _Voice) -> str:
    details = " ".join(p for p in (med.dose, med.route, med.frequency) if p)
    prn = " as needed" if med.prn and voice.lay else (" PRN" if med.prn else "")
    text = f"{med.name} {details}".strip() + prn
    return voice.word(text) + f" ({med.status.value})"


def _problem_items(problems: list[ChartProblem], limit: int, voice: _Voice) -> list[DraftProblem]:
    return [
        DraftProblem(
            text=voice.word(p.text) + (" (possible)" if p.uncertain else ""),
            name=p.text,
            status=p.status.value,
            note_ids=_ids(p.sources),
        )
        for p in problems[:limit]
    ]


def _medication_items(
    meds: list[ChartMedication], limit: int, voice: _Voice
) -> list[DraftMedication]:
    return [
        DraftMedication(
            text=_medication_text(m, voice),
            name=m.name,
            dose=" ".join(p for p in (m.dose, m.frequency) if p) or None,
            status=m.status.value,
            note_ids=_ids(m.sources),
        )
        for m in meds[:limit]
    ]


def _series_text(series: ChartSeries, voice: _Voice) -> str:
    latest = series.latest
    label = VITAL_LABELS.get(series.name, (series.name, series.name))[1 if voice.lay else 0]
    if latest.systolic is not None and latest.diastolic is not None:
        value = f"{latest.systolic}/{latest.diastolic} {latest.unit or ''}".strip()
    else:
        value = f"{latest.value:g} {latest.unit or ''}".strip() if latest.value is not None else "?"
    flag = f", {latest.flag}" if latest.flag and latest.flag != "normal" else ""
    return f"{label} {value}{flag} on {latest.source.taken_at.date().isoformat()}"


def _observation_items(chart: Chart, limit: int, voice: _Voice) -> list[DraftItem]:
    series = [*chart.vitals, *chart.labs]
    return [
        DraftItem(text=_series_text(s, voice), note_ids=[str(s.latest.source.note_id)])
        for s in series[: max(limit, 4)]
    ]


def _plan_text(plan: ChartFollowUp, voice: _Voice) -> str:
    due = f" (due {plan.due.isoformat()})" if plan.due else ""
    return voice.word(plan.text) + due


def _pending(chart: Chart) -> list[ChartFollowUp]:
    """The latest note's plans (the current intent) and follow-ups still to come from any note."""
    latest = chart.encounters[-1].note_id if chart.encounters else None
    return [
        f
        for f in chart.follow_ups
        if f.status == "upcoming" or (f.source.note_id == latest and f.status == "undated")
    ] or [f for f in chart.follow_ups if f.source.note_id == latest]


def _plan_items(chart: Chart, limit: int, voice: _Voice) -> list[DraftItem]:
    pending = _pending(chart)
    return [
        DraftItem(text=_plan_text(f, voice), note_ids=[str(f.source.note_id)])
        for f in pending[:limit]
    ]


def _allergy_items(chart: Chart, voice: _Voice) -> list[DraftItem]:
    return [
        DraftItem(
            text=voice.word(a.substance) + (f" ({a.reaction})" if a.reaction else ""),
            note_ids=_ids(a.sources),
        )
        for a in chart.allergies
    ]


def _sentence(intro: str, items: Sequence[DraftItem]) -> str | None:
    if not items:
        return None
    return f"{intro} {'; '.join(i.text.rstrip('. ') for i in items)}."


# What the narrative covers at each length; the sections always carry every item.
_NARRATIVE_PARTS = {
    Length.BRIEF: ("problems", "medications"),
    Length.STANDARD: ("problems", "medications", "allergies", "observations", "plans"),
    Length.DETAILED: ("problems", "medications", "allergies", "observations", "plans"),
}


def _ordered(parts: tuple[str, ...], focus: str | None) -> list[str]:
    """The focused topic first (`medications`, `plans` ...), the rest in the usual order."""
    wanted = (focus or "").lower()
    first = [p for p in parts if wanted and (p.startswith(wanted) or wanted.startswith(p[:5]))]
    return first + [p for p in parts if p not in first]


def _history(chart: Chart, voice: _Voice) -> list[str | None]:
    stopped = [DraftItem(text=voice.word(m.name), note_ids=[]) for m in chart.stopped_medications]
    past = [DraftItem(text=voice.word(p.text), note_ids=[]) for p in chart.past_history]
    visits = [
        DraftItem(
            text=f"{e.taken_at.date().isoformat()} {e.note_type.replace('_', ' ')}", note_ids=[]
        )
        for e in chart.encounters
    ]
    lay = voice.lay
    return [
        _sentence("Stopped medicines:" if lay else "Stopped:", stopped),
        _sentence("Past history:" if lay else "History:", past),
        _sentence("Visits:" if lay else "Encounters:", visits),
    ]


def _narrative(
    request: SummaryRequest, draft_parts: dict[str, list[DraftItem]], voice: _Voice
) -> str:
    chart = request.chart
    assert chart is not None
    lay = voice.lay
    intros: dict[str, str] = {
        "problems": "The notes describe" if lay else "Active problems:",
        "medications": "Current medicines:" if lay else "Medications:",
        "allergies": "Allergies:",
        "observations": "Recent measurements:" if lay else "Recent vitals and results:",
        "plans": "Next steps:" if lay else "Pending plans:",
    }
    sentences = [voice.subject(request.age, request.sex), _span(chart, lay)]
    for name in _ordered(_NARRATIVE_PARTS[request.length], request.focus):
        sentences.append(_sentence(intros[name], draft_parts[name]))
    if request.length is not Length.BRIEF and chart.no_known_allergies:
        sentences.append("No allergies are known." if lay else "NKDA.")
    if request.length is Length.DETAILED:
        sentences += _history(chart, voice)
    return " ".join(s for s in sentences if s)


def _span(chart: Chart, lay: bool) -> str | None:
    if not chart.encounters:
        return "There are no notes yet." if lay else "No notes on file."
    first = chart.encounters[0].taken_at.date().isoformat()
    last = chart.encounters[-1].taken_at.date().isoformat()
    count = len(chart.encounters)
    if lay:
        notes = f"{count} visit note{'s' * (count != 1)}"
        return f"This summary is based on {notes} from {first} to {last}."
    return f"{count} note{'s' * (count != 1)}, {first} to {last}."


class LocalProvider:
    """Writes the summary from the chart's facts; same inputs, same words."""

    name = "local"
    model = "carechart-local-1"

    async def summarise(self, request: SummaryRequest) -> ProviderResult:
        chart = request.chart
        if chart is None:
            raise ValueError("the local provider needs the chart")
        voice = _Voice(request.audience)
        limit = _LIMITS[request.length]
        parts: dict[str, list[DraftItem]] = {
            "problems": list(_problem_items(chart.problems, limit, voice)),
            "medications": list(
                _medication_items(
                    chart.current_medications, _MEDICATION_LIMITS[request.length], voice
                )
            ),
            "allergies": _allergy_items(chart, voice),
            "observations": _observation_items(chart, limit, voice),
            "plans": _plan_items(chart, limit, voice),
        }
        draft = SummaryDraft(
            narrative=_narrative(request, parts, voice),
            problems=[p for p in parts["problems"] if isinstance(p, DraftProblem)],
            medications=[m for m in parts["medications"] if isinstance(m, DraftMedication)],
            allergies=parts["allergies"],
            observations=parts["observations"],
            plans=parts["plans"],
        )
        return ProviderResult(draft=draft, model=self.model, calls=0)
