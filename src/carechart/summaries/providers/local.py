"""The local provider: a deterministic summary written as prose from the clinical picture.

Clinicians get a one-line illness script and short labelled paragraphs, every statement cited
with the number of its source note ([2] is the second oldest note in `sources`). Patients and
families get plain short sentences written for them, not the clinical text translated word by
word: what happened, what to take, what was stopped, what happens next and when to get help.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from carechart.summaries.picture import (
    Cited,
    ClinicalPicture,
    FollowUp,
    PictureMedication,
    PictureProblem,
    Trend,
)
from carechart.summaries.privacy import MONTHS
from carechart.summaries.providers.base import (
    Audience,
    DraftFollowUp,
    DraftItem,
    DraftMedication,
    DraftProblem,
    FollowUpState,
    Length,
    MedicationState,
    ProblemState,
    ProviderResult,
    SummaryDraft,
    SummaryRequest,
)

# Phrases before words ("sudden on long-term" reads badly); the longest phrases first.
PHRASES = {
    "acute on chronic": "a sudden worsening of long-term",
    "acute kidney injury": "a sudden drop in kidney function",
    "atrial fibrillation": "an irregular heartbeat",
    "coronary artery disease": "narrowed heart arteries",
    "heart failure": "heart failure (a weak heart pump)",
    "chronic obstructive pulmonary disease": "long-term lung disease (COPD)",
    "community-acquired pneumonia": "pneumonia (a lung infection)",
    "type 2 diabetes mellitus": "type 2 diabetes",
    "diabetes mellitus": "diabetes",
    "rtc in": "come back to the clinic in",
    "rtc": "come back to the clinic in",
    "follow up in": "come back in",
    "f/u in": "come back in",
    "repeat a1c": "repeat the A1c blood sugar test",
    "hba1c": "A1c blood sugar test",
    "bmp": "basic blood test",
    "cbc": "blood count test",
    "lipid panel": "cholesterol blood test",
    "once daily": "once a day",
    "twice daily": "twice a day",
    "as needed": "when needed",
    "return to ed": "go to the emergency room",
    "return to the ed": "go to the emergency room",
    "shortness of breath": "trouble breathing",
    "chest pain": "chest pain",
}
GLOSSARY = {
    "po": "by mouth",
    "qd": "once a day",
    "daily": "once a day",
    "qam": "every morning",
    "qpm": "every evening",
    "bid": "twice a day",
    "tid": "three times a day",
    "qid": "four times a day",
    "qhs": "at bedtime",
    "hs": "at bedtime",
    "prn": "when needed",
    "iv": "through a vein",
    "im": "as a shot",
    "sc": "as a shot under the skin",
    "sq": "as a shot under the skin",
    "subq": "as a shot under the skin",
    "q4h": "every 4 hours",
    "q6h": "every 6 hours",
    "q8h": "every 8 hours",
    "q12h": "every 12 hours",
    "q24h": "once a day",
    "weekly": "once a week",
    "ed": "emergency room",
    "er": "emergency room",
    "rtc": "come back to the clinic",
    "f/u": "follow-up",
    "fu": "follow-up",
    "pcp": "main doctor",
    "pulm": "lung doctor",
    "cxr": "chest X-ray",
    "wks": "weeks",
    "wk": "week",
    "mos": "months",
    "yrs": "years",
    "sob": "trouble breathing",
    "cp": "chest pain",
    "hyperlipidemia": "high cholesterol",
    "hld": "high cholesterol",
    "hypertension": "high blood pressure",
    "htn": "high blood pressure",
    "dm2": "type 2 diabetes",
    "t2dm": "type 2 diabetes",
    "dm": "diabetes",
    "copd": "long-term lung disease (COPD)",
    "aecopd": "a flare of lung disease (COPD)",
    "chf": "heart failure",
    "cad": "heart artery disease",
    "gerd": "acid reflux",
    "uri": "a cold",
    "cap": "pneumonia",
    "afib": "an irregular heartbeat",
    "ckd": "long-term kidney disease",
    "aki": "a sudden drop in kidney function",
    "bph": "an enlarged prostate",
    "osa": "sleep apnea",
    "oa": "arthritis",
    "uti": "a bladder infection",
    "acute": "sudden",
    "chronic": "long-term",
    "renal": "kidney",
    "cardiac": "heart",
    "pulmonary": "lung",
    "hypokalemia": "low potassium",
    "hyperkalemia": "high potassium",
    "hyponatremia": "low sodium",
    "dyspnea": "trouble breathing",
    "edema": "swelling",
    "hypothyroidism": "an underactive thyroid",
    "w/": "with",
    "s/p": "after",
    "x": "for",
    "re": "about",
    "mg": "mg",
    ">": "over",
    "<": "under",
}
# What is left of a clinical abbreviation after `plain` (none may reach a lay reader).
CLINICAL_ABBREVIATIONS = frozenset(
    {"po", "bid", "tid", "qid", "qd", "qhs", "sc", "sq", "ed", "rtc", "prn", "iv", "im", "f/u"}
)
VITAL_NAMES = {
    "blood_pressure": ("BP", "blood pressure"),
    "heart_rate": ("HR", "heart rate"),
    "respiratory_rate": ("RR", "breathing rate"),
    "temperature": ("Temp", "temperature"),
    "spo2": ("SpO2", "oxygen level"),
    "weight": ("Wt", "weight"),
}
_WORD = re.compile(r"[^\s]+")


def plain(text: str) -> str:
    """Clinical text in everyday words: known phrases first, then abbreviations and jargon."""
    for phrase, wording in sorted(PHRASES.items(), key=lambda p: -len(p[0])):
        text = re.sub(rf"(?i)(?<!\w){re.escape(phrase)}(?!\w)", wording, text)

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        core = token.strip(".,;:()").lower()
        replacement = GLOSSARY.get(core)
        return token.lower().replace(core, replacement) if replacement else token

    return _WORD.sub(word, text)


def long_date(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


@dataclass(frozen=True)
class _Writer:
    """Writes for one audience: the clinician's terms and citations, or plain words."""

    request: SummaryRequest
    picture: ClinicalPicture

    @property
    def lay(self) -> bool:
        return self.request.audience is not Audience.CLINICIAN

    def cite(self, *cited: Cited) -> str:
        if self.lay:
            return ""
        numbers = sorted({self.request.source_numbers.get(c.note_id, 0) for c in cited} - {0})
        return " " + "".join(f"[{n}]" for n in numbers) if numbers else ""

    def words(self, text: str) -> str:
        return plain(text) if self.lay else text


def _dose(med: PictureMedication, writer: _Writer) -> str:
    parts = [med.dose, med.route, med.frequency]
    text = " ".join(p for p in parts if p)
    if med.prn:
        text += " as needed" if writer.lay else " PRN"
    return writer.words(text).strip()


def _med_phrase(med: PictureMedication, writer: _Writer) -> str:
    dose = _dose(med, writer)
    return f"{med.name} {dose}".strip()


def _problem_phrase(problem: PictureProblem, writer: _Writer) -> str:
    text = writer.words(problem.text)
    if writer.lay:
        text = text[0].lower() + text[1:] if text[:2].isupper() is False and text else text
    return text + (" (possible)" if problem.uncertain else "")


# ---- items: the sections, one cited item per fact ------------------------------------------

_PROBLEM_STATES = {
    "active": ProblemState.ACTIVE,
    "uncertain": ProblemState.UNCERTAIN,
    "chronic": ProblemState.CHRONIC,
}
_MED_STATES = {s.value: s for s in MedicationState}
_LIMITS = {Length.BRIEF: 4, Length.STANDARD: 8, Length.DETAILED: 100}
# What is still to happen is what whoever picks up the case must not miss: a standard summary
# lists every open follow-up; a brief one the first few (overdue first) and says how many more.
_FOLLOW_UP_LIMITS = {Length.BRIEF: 4, Length.STANDARD: 100, Length.DETAILED: 100}
# The same for the problems a clinician manages: a standard summary names every active one (a
# chart of twenty is a patient of twenty problems); the other states keep the usual limits.
_ACTIVE_LIMITS = {Length.BRIEF: 4, Length.STANDARD: 100, Length.DETAILED: 100}


def _problem_limit(state: str, length: Length) -> int:
    return (_ACTIVE_LIMITS if state == "active" else _LIMITS)[length]


def _problem_items(picture: ClinicalPicture, writer: _Writer, length: Length) -> list[DraftProblem]:
    wanted = [p for p in picture.problems if p.state != "resolved" or length is Length.DETAILED]
    shown = [p for p in wanted if p.state == "active"][: _problem_limit("active", length)]
    shown += [p for p in wanted if p.state != "active"][: max(0, _LIMITS[length] - len(shown))]
    return [
        DraftProblem(
            text=_problem_phrase(p, writer),
            name=p.text,
            status=_PROBLEM_STATES.get(p.state, ProblemState.RESOLVED),
            note_id=str(p.cited.note_id),
            quote=p.cited.quote,
        )
        for p in shown
    ]


def _medication_items(picture: ClinicalPicture, writer: _Writer) -> list[DraftMedication]:
    # Every current medication at every length: a missing one is a risk.
    meds = [
        *picture.current_medications,
        *picture.held_medications,
        *picture.stopped_at_last_encounter,
    ]
    return [
        DraftMedication(
            text=_med_phrase(m, writer),
            name=m.name,
            dose=" ".join(p for p in (m.dose, m.frequency) if p) or None,
            status=_MED_STATES.get(m.status, MedicationState.CONTINUED),
            note_id=str(m.cited.note_id),
            quote=m.cited.quote,
        )
        for m in meds
    ]


def _allergy_items(picture: ClinicalPicture, writer: _Writer) -> list[DraftItem]:
    return [
        DraftItem(
            text=writer.words(a.substance)
            + (f" ({writer.words(a.reaction)})" if a.reaction else ""),
            note_id=str(a.cited.note_id),
            quote=a.cited.quote,
        )
        for a in picture.allergies
    ]


def _trend_text(trend: Trend, writer: _Writer) -> str:
    names = VITAL_NAMES.get(trend.name, (trend.name, trend.name))
    name = names[1] if writer.lay else names[0]
    latest = trend.latest
    flag = f" ({latest.flag})" if latest.flag else ""
    now = f"{name} {latest.value}{flag} on {latest.cited.taken_at.isoformat()}"
    if trend.count > 1 and trend.first.cited.taken_at != latest.cited.taken_at:
        return f"{now}, first {trend.first.value} on {trend.first.cited.taken_at.isoformat()}"
    return now


def _observation_items(
    picture: ClinicalPicture, writer: _Writer, length: Length
) -> list[DraftItem]:
    return [
        DraftItem(
            text=_trend_text(t, writer),
            note_id=str(t.latest.cited.note_id),
            quote=t.latest.cited.quote,
        )
        for t in picture.trends[: _LIMITS[length]]
    ]


def _plan_items(picture: ClinicalPicture, writer: _Writer, length: Length) -> list[DraftFollowUp]:
    return [
        DraftFollowUp(
            text=writer.words(f.text),
            due=f.due.isoformat() if f.due else None,
            state=FollowUpState(f.state),
            note_id=str(f.cited.note_id),
            quote=f.cited.quote,
        )
        for f in picture.follow_ups[: _FOLLOW_UP_LIMITS[length]]
    ]


# ---- the narrative --------------------------------------------------------------------------


def _joined(parts: Sequence[str]) -> str:
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _who(request: SummaryRequest) -> str:
    sex = {"male": "man", "female": "woman"}.get((request.sex or "").lower(), "patient")
    return f"{request.age}-year-old {sex}" if request.age is not None else sex.capitalize()


def _illness_script(writer: _Writer) -> str:
    """Age, sex, the main problems, the course and where things stand, in one line."""
    picture, request = writer.picture, writer.request
    main = [p for p in picture.problems if p.state == "active"][:3]
    problems = _joined([p.text for p in main]) or "no active problem documented"
    cites = writer.cite(*(p.cited for p in main))
    stay = picture.encounter
    if stay.admitted and stay.discharged and stay.discharged >= stay.admitted:
        where = f" to {stay.discharged_to}" if stay.discharged_to else ""
        course = (
            f", admitted {stay.admitted.isoformat()} and discharged{where} "
            f"{stay.discharged.isoformat()}"
        )
    elif stay.admitted:
        course = f", admitted {stay.admitted.isoformat()}"
    else:
        course = f", seen {stay.notes} time{'s' * (stay.notes != 1)}" if stay.notes else ""
    return f"{_who(request)} with {problems}{course}{cites}."


def _as_of(writer: _Writer) -> str:
    picture = writer.picture
    if picture.as_of is None:
        return "There are no notes yet." if writer.lay else "No notes on file."
    if writer.lay:
        return (
            f"This summary is based on notes up to {long_date(picture.as_of)}, "
            f"{picture.age_text() if picture.age_days else 'today'}."
        ).replace(", today.", " (today).")
    count = picture.encounter.notes
    return (
        f"As of {picture.as_of.isoformat()} ({picture.age_text()}; "
        f"{count} note{'s' * (count != 1)})."
    )


def _clinician_problems(writer: _Writer, length: Length) -> str | None:
    groups = []
    states = (
        ("active", "Active"),
        ("uncertain", "Uncertain"),
        ("chronic", "History"),
        ("resolved", "Resolved"),
    )
    for state, label in states:
        if state == "resolved" and length is not Length.DETAILED:
            continue
        every = [p for p in writer.picture.problems if p.state == state]
        shown = every[: _problem_limit(state, length)]
        if shown:
            listed = "; ".join(f"{_problem_phrase(p, writer)}{writer.cite(p.cited)}" for p in shown)
            groups.append(f"{label}: {listed}{_more(len(shown), len(every))}.")
    return "Problems: " + " ".join(groups) if groups else None


def _clinician_medications(writer: _Writer) -> str:
    picture = writer.picture
    current = [
        f"{_med_phrase(m, writer)}{writer.cite(m.cited)}" for m in picture.current_medications
    ]
    parts = [f"Current: {'; '.join(current)}." if current else "No current medication documented."]
    changes = [m for m in picture.current_medications if m.changed_at_last_encounter]
    changes += picture.stopped_at_last_encounter
    if changes:
        listed = "; ".join(f"{m.status} {m.name}{writer.cite(m.cited)}" for m in changes)
        parts.append(f"Changed at the last encounter: {listed}.")
    if picture.held_medications:
        held = "; ".join(f"{m.name}{writer.cite(m.cited)}" for m in picture.held_medications)
        parts.append(f"Held: {held}.")
    return "Medications: " + " ".join(parts)


def _clinician_allergies(writer: _Writer) -> str:
    picture = writer.picture
    if picture.allergy_state == "no_known":
        return "Allergies: no known drug allergies."
    if picture.allergy_state == "not_documented":
        return "Allergies: not documented."
    listed = "; ".join(
        f"{a.substance}{f' ({a.reaction})' if a.reaction else ''}{writer.cite(a.cited)}"
        for a in picture.allergies
    )
    return f"Allergies: {listed}."


def _clinician_results(writer: _Writer, length: Length) -> str | None:
    trends = writer.picture.trends[: _LIMITS[length]]
    if not trends:
        return None
    listed = "; ".join(f"{_trend_text(t, writer)}{writer.cite(t.latest.cited)}" for t in trends)
    return f"Key results: {listed}."


_STATE_WORDS = {"overdue": "OVERDUE", "due": "due", "upcoming": "upcoming", "open": "open"}


def _follow_up_phrase(item: FollowUp, writer: _Writer) -> str:
    when = f" {item.due.isoformat()}" if item.due else ""
    label = _STATE_WORDS[item.state] + ("" if item.due is None else when)
    return f"{writer.words(item.text)} ({label}){writer.cite(item.cited)}"


def _more(shown: int, total: int) -> str:
    left = total - shown
    return f"; and {left} more in the chart" if left > 0 else ""


def _clinician_follow_ups(writer: _Writer, length: Length) -> str:
    pending = writer.picture.follow_ups
    items = pending[: _FOLLOW_UP_LIMITS[length]]
    if not items:
        return "Follow-up: nothing pending in the notes."
    listed = "; ".join(_follow_up_phrase(f, writer) for f in items)
    return f"Follow-up: {listed}{_more(len(items), len(pending))}."


def _clinician(request: SummaryRequest, picture: ClinicalPicture) -> str:
    writer = _Writer(request, picture)
    length = request.length
    sections: dict[str, str | None] = {
        "problems": _clinician_problems(writer, length) if length is not Length.BRIEF else None,
        "medications": _clinician_medications(writer),
        "allergies": _clinician_allergies(writer),
        "results": _clinician_results(writer, length) if length is not Length.BRIEF else None,
        "follow-up": _clinician_follow_ups(writer, length),
    }
    lines = [f"{_illness_script(writer)} {_as_of(writer)}"]
    lines += [sections[name] or "" for name in _ordered(list(sections), request.focus)]
    if length is Length.DETAILED:
        lines.append(_clinician_notes(writer))
    return "\n".join(line for line in lines if line)


def _clinician_notes(writer: _Writer) -> str:
    """The detailed version lists its sources: which note each citation number is."""
    numbers = writer.request.source_numbers
    chart = writer.request.chart
    encounters = chart.encounters if chart else []
    listed = "; ".join(
        f"[{numbers[e.note_id]}] {e.taken_at.date().isoformat()} {e.note_type.replace('_', ' ')}"
        for e in encounters
        if e.note_id in numbers
    )
    return f"Notes: {listed}." if listed else ""


def _ordered(parts: list[str], focus: str | None) -> list[str]:
    """The focused topic first (`medications`, `follow-up` ...), the rest in the usual order."""
    wanted = (focus or "").lower()
    first = [p for p in parts if wanted and (p.startswith(wanted[:5]) or wanted.startswith(p[:5]))]
    return first + [p for p in parts if p not in first]


# ---- lay versions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Person:
    """Second person for the patient, third for the family."""

    patient: bool

    @property
    def you(self) -> str:
        return "you" if self.patient else "your family member"

    @property
    def your(self) -> str:
        return "your" if self.patient else "their"

    @property
    def are(self) -> str:
        return "you are" if self.patient else "they are"

    @property
    def they(self) -> str:
        return "you" if self.patient else "they"

    @property
    def have(self) -> str:
        return "you have" if self.patient else "they have"


def _lay_story(writer: _Writer, who: _Person) -> list[str]:
    picture = writer.picture
    stay = picture.encounter
    lines: list[str] = []
    if stay.admitted and stay.discharged and stay.discharged >= stay.admitted:
        lines.append(
            f"{who.you.capitalize()} stayed in the hospital from {long_date(stay.admitted)} "
            f"to {long_date(stay.discharged)}."
        )
        if stay.discharged_to:
            lines.append(f"Then {who.they} went {plain(stay.discharged_to)}.")
    elif stay.admitted:
        lines.append(
            f"{who.you.capitalize()} came into the hospital on {long_date(stay.admitted)}."
        )
    shown = {Length.BRIEF: 2, Length.STANDARD: 4, Length.DETAILED: 20}[writer.request.length]
    main = [p for p in picture.problems if p.state == "active"][:shown]
    if main:
        lines.append(f"The care team is treating {who.you} for:")
        lines += [f"- {_problem_phrase(p, writer)}." for p in main]
    checking = [p for p in picture.problems if p.state == "uncertain"][:shown]
    if checking:
        lines.append(f"The care team is still checking whether {who.have}:")
        lines += [f"- {writer.words(p.text)}." for p in checking]
    return lines


def _lay_medications(writer: _Writer, who: _Person) -> list[str]:
    picture = writer.picture
    if not picture.current_medications:
        lines = ["The notes list no medicines to take now."]
    else:
        lines = [f"Medicines {who.they} take now:"]
        for med in picture.current_medications:
            new = (
                " This one is new."
                if med.status == "started" and med.changed_at_last_encounter
                else ""
            )
            changed = (
                " The dose changed."
                if med.status == "changed" and med.changed_at_last_encounter
                else ""
            )
            lines.append(f"- {_med_phrase(med, writer)}.{new}{changed}")
    should = "" if who.patient else "They should "
    for med in picture.stopped_at_last_encounter:
        stop = f"{should}stop taking {med.name}."
        lines.append(f"{stop[0].upper()}{stop[1:]} It was stopped at the last visit.")
    for med in picture.held_medications:
        pause = f"{'They should not' if not who.patient else 'Do not'} take {med.name} for now."
        lines.append(f"{pause} Ask when to start it again.")
    return lines


def _lay_allergies(writer: _Writer, who: _Person) -> list[str]:
    picture = writer.picture
    if picture.allergy_state == "no_known":
        return [
            f"{who.you.capitalize()} have no known drug allergies.".replace(
                "member have", "member has"
            )
        ]
    if picture.allergy_state == "not_documented":
        return ["The notes do not list any allergies. Tell the care team about any allergy."]
    lines = []
    for allergy in picture.allergies:
        reaction = f" It caused {plain(allergy.reaction).lower()}." if allergy.reaction else ""
        lines.append(
            f"{who.are.capitalize()} allergic to {plain(allergy.substance).lower()}.{reaction}"
        )
    return lines


def _lay_results(writer: _Writer, who: _Person) -> list[str]:
    lines = []
    shown = [t for t in writer.picture.trends if t.kind == "lab" or t.name in _LAY_VITALS]
    for trend in shown[:4]:
        name = VITAL_NAMES.get(trend.name, (trend.name, trend.name))[1]
        name = name if name.isupper() else name.lower()
        if trend.count > 1 and trend.first.value != trend.latest.value:
            lines.append(
                f"{who.your.capitalize()} {name} went from {trend.first.value} "
                f"to {trend.latest.value}."
            )
        elif trend.latest.flag:
            lines.append(
                f"{who.your.capitalize()} {name} was {trend.latest.flag}: {trend.latest.value}."
            )
    return lines


_LAY_VITALS = ("blood_pressure", "weight")
_LAY_STATE = {
    "overdue": "This is late. It was due on {day}. Please set it up now.",
    "due": "It is due on {day}.",
    "upcoming": "It is planned for {day}.",
    "open": "",
}


def _lay_next(writer: _Writer) -> list[str]:
    picture = writer.picture
    lines = []
    if picture.follow_ups:
        lines.append("What happens next (follow-up visits and tests):")
    shown = picture.follow_ups[: _FOLLOW_UP_LIMITS[writer.request.length]]
    for item in shown:
        when = _LAY_STATE[item.state].format(day=long_date(item.due)) if item.due else ""
        lines.append(f"- {_sentence_case(plain(item.text))}. {when}".rstrip())
    if len(picture.follow_ups) > len(shown):
        left = len(picture.follow_ups) - len(shown)
        lines.append(
            f"- {left} more {'thing' if left == 1 else 'things'} to do: ask your care team."
        )
    if picture.warning_signs:
        lines.append("Get help right away if:")
        lines += [f"- {_sentence_case(plain(w.text))}." for w in picture.warning_signs[:3]]
    return lines


def _sentence_case(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:]


def _lay(request: SummaryRequest, picture: ClinicalPicture) -> str:
    writer = _Writer(request, picture)
    who = _Person(patient=request.audience is Audience.PATIENT)
    parts: dict[str, list[str]] = {
        "problems": _lay_story(writer, who),
        "medications": _lay_medications(writer, who),
        "allergies": _lay_allergies(writer, who),
        "results": _lay_results(writer, who) if request.length is not Length.BRIEF else [],
        "follow-up": _lay_next(writer),
    }
    order = _ordered(list(parts), request.focus)
    # The as-of date always comes first, whatever the focus.
    return "\n".join([_as_of(writer), *(line for name in order for line in parts[name])])


def compose_narrative(request: SummaryRequest, picture: ClinicalPicture) -> str:
    """The narrative for the request's audience, length and focus, from the picture alone."""
    compose: Callable[[SummaryRequest, ClinicalPicture], str] = (
        _clinician if request.audience is Audience.CLINICIAN else _lay
    )
    return compose(request, picture)


def compose_draft(request: SummaryRequest, picture: ClinicalPicture) -> SummaryDraft:
    writer = _Writer(request, picture)
    length = request.length
    return SummaryDraft(
        problems=_problem_items(picture, writer, length),
        medications=_medication_items(picture, writer),
        allergies=_allergy_items(picture, writer),
        observations=_observation_items(picture, writer, length),
        plans=_plan_items(picture, writer, length),
        narrative=compose_narrative(request, picture),
    )


class LocalProvider:
    """Writes the summary from the clinical picture; same inputs, same words."""

    name = "local"
    model = "carechart-local-2"

    async def summarise(self, request: SummaryRequest) -> ProviderResult:
        if request.picture is None:
            raise ValueError("the local provider needs the clinical picture")
        return ProviderResult(
            draft=compose_draft(request, request.picture), model=self.model, calls=0
        )
