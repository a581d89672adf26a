"""The patient's chart: the structured data of all their notes combined, each fact cited."""

import logging
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

from pydantic import ValidationError

from carechart.notes.chart_schemas import (
    Chart,
    ChartAllergy,
    ChartEncounter,
    ChartFollowUp,
    ChartImmunization,
    ChartMedication,
    ChartProblem,
    ChartSeries,
    Citation,
    Measurement,
    StopReason,
)
from carechart.notes.nlp.allergies import SULFONAMIDE_ANTIBIOTICS, allergy_key
from carechart.notes.nlp.medication_status import INPATIENT_ONLY
from carechart.notes.nlp.medications import FOR_THE_STAY, medication_key
from carechart.notes.nlp.problems import names_condition, problem_key, same_concept
from carechart.notes.nlp.schemas import (
    Allergy,
    Immunization,
    ImmunizationStatus,
    Lab,
    Medication,
    MedicationStatus,
    NoteAnalysis,
    NoteType,
    Plan,
    PlanKind,
    Problem,
    ProblemStatus,
    Section,
    SectionName,
    Vital,
)
from carechart.notes.nlp.service import service_of
from carechart.notes.nlp.vocabulary import ingredient_key

logger = logging.getLogger("carechart.notes.chart")


@dataclass(frozen=True)
class ChartNote:
    """What the chart needs of a stored note."""

    id: uuid.UUID
    taken_at: datetime
    note_type: str
    title: str | None
    author: str | None
    has_text: bool
    analysis: NoteAnalysis | None


def parse_analysis(note_id: uuid.UUID, derived: dict[str, Any]) -> NoteAnalysis | None:
    """The stored derived data; None (logged by id) if it predates the current schema."""
    try:
        return NoteAnalysis.model_validate(derived)
    except ValidationError:
        logger.warning("derived data unreadable; re-extract notes", extra={"note_id": str(note_id)})
        return None


def _cite(note: ChartNote, item: Any) -> Citation:
    return Citation(
        note_id=note.id, taken_at=note.taken_at, text=item.text, start=item.start, end=item.end
    )


def _items(notes: Sequence[ChartNote], field: str) -> Iterable[tuple[ChartNote, Any]]:
    for note in notes:
        if note.analysis is not None:
            for item in getattr(note.analysis, field):
                yield note, item


# Notes taken at the same time (a client that sends dates only) follow an encounter's course:
# the ED, the admission, consults and the operation, the stay, the discharge, then visits.
_COURSE = {
    NoteType.EMERGENCY: 0,
    NoteType.ADMISSION: 1,
    NoteType.CONSULT: 2,
    NoteType.PROCEDURE: 3,
    NoteType.PROGRESS: 4,
    NoteType.DISCHARGE: 5,
}


def _order(note: ChartNote) -> tuple[datetime, int, str]:
    course = next((v for k, v in _COURSE.items() if k == note.note_type), len(_COURSE))
    return note.taken_at, course, str(note.id)


def _key(text: str) -> str:
    return " ".join(text.lower().split())


_Mentions = list[tuple[ChartNote, Medication]]
_S = MedicationStatus
# Statuses of a drug still taken; given, proposed and historical drugs never are.
_CURRENT = {_S.STARTED, _S.CONTINUED, _S.CHANGED, _S.RESUMED}
# A drug of the stay in one of these ends with the discharge list that leaves it out.
_ONGOING = _CURRENT | {_S.HELD, _S.UNKNOWN}
_DISCHARGE_HEADING = re.compile(r"discharge", re.IGNORECASE)
# Notes of an operation or an ED visit: a drug by vein or in the account of what was done there is
# a dose of that encounter ("Ancef 2 g IV", "Zofran 4 mg IV in the ED"), never a home drug.
_ACUTE_NOTES = {NoteType.PROCEDURE, NoteType.EMERGENCY}
_ADMINISTERED_IN = {
    SectionName.PROCEDURE,
    SectionName.ANESTHESIA,
    SectionName.FINDINGS,
    SectionName.HOSPITAL_COURSE,
}
# Lists written for the patient to take home: an operation's or an ED's prescriptions.
_TAKEN_HOME_IN = {SectionName.DISCHARGE_MEDICATIONS, SectionName.PRESCRIPTIONS}
_BY_VEIN = {"IV", "IM"}
# A dose written as the exposure to reach ("carboplatin AUC 5"): dosed and given by the
# infusion team at each visit.
_BY_AUC = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:target\s+)?AUC\s*(?:of\s*|=\s*)?\d", re.I)
# Visits whose medication list is the patient's list from that day on.
_OUTPATIENT_NOTES = {
    NoteType.FOLLOW_UP,
    NoteType.ANNUAL_PHYSICAL,
    NoteType.POST_OPERATIVE,
    NoteType.CONSULT,
}
_LIST_SECTIONS = {SectionName.MEDICATIONS}
_RESTATED_IN = {SectionName.PLAN, SectionName.ASSESSMENT, SectionName.ASSESSMENT_AND_PLAN}


def _latest_of(mentions: _Mentions, pick: Any) -> Any:
    return next((pick(m) for _, m in reversed(mentions) if pick(m)), None)


# A preparation for a colonoscopy or a bowel operation, taken once before it: the lavage
# solutions by their brands or by "electrolyte solution", and any drug the note calls a prep.
_BOWEL_PREPARATION = re.compile(
    r"\b(?:go-?lytely|nu-?lytely|co-?lyte|tri-?lyte|moviprep|suprep|plenvu|clenpiq|sutab|osmoprep"
    r"|prepopik|(?:lavage|electrolyte)[- ]solution|(?:bowel|colonoscopy|split[- ]dose) prep\w*)\b",
    re.IGNORECASE,
)


# A dose timed to one procedure: "metronidazole the day before surgery", "chlorhexidine wash the
# night before the operation", "diazepam 5 mg 1 hour before the MRI": used up by it.
_DOSE_BEFORE_THE_PROCEDURE = re.compile(
    r"\b(?:(?:the )?(?:day|night|evening|morning) |(?:\d+|one|two|an?) ?(?:hours?|hrs?"
    r"|minutes?|mins?) )(?:before|prior to) (?:the |her |his |their |your )?"
    r"(?:surgery|procedure|operation|colonoscopy|endoscopy|scope|case|MRI|scan"
    r"|dental (?:work|procedure|extraction))\b",
    re.IGNORECASE,
)
_GOES_ON = re.compile(r"\b(?:continu\w*|resum\w*|then daily|after(?:wards)?|thereafter)\b", re.I)


def _for_one_procedure(med: Medication) -> bool:
    """True when a drug begun here is a preparation for a procedure, wherever it is ordered: a
    bowel preparation, or a dose timed to the procedure, with no schedule ("aspirin 81 mg daily
    the day before surgery" goes on) and nothing after it."""
    text = f"{med.name} {med.text}"
    if _BOWEL_PREPARATION.search(text):
        return True
    return (
        med.status is _S.STARTED
        and not _scheduled(med)
        and _DOSE_BEFORE_THE_PROCEDURE.search(text) is not None
        and not _GOES_ON.search(text)
    )


# How far apart two drugs written as one order stand: " and " or ", and " between them
# ("neomycin and metronidazole"); a comma alone or "or" is shorter and lists two orders.
_JOINED = range(len(" and "), len(", and ") + 1)


def _joined_to_one(note: ChartNote, med: Medication) -> bool:
    """True when a drug begun here is written together with one for a procedure ("oral neomycin
    and metronidazole the day before surgery"): the timing is said of both. A drug with its own
    dose or schedule is an order of its own ("lisinopril 10 mg daily and metronidazole 500 mg the
    day before surgery": lisinopril goes on)."""
    if med.status is not _S.STARTED or note.analysis is None:
        return False
    if med.dose is not None or _scheduled(med):
        return False
    return any(
        other.start - med.end in _JOINED and _for_one_procedure(other)
        for other in note.analysis.medications
    )


def _read_status(note: ChartNote, med: Medication) -> MedicationStatus:
    """A mention's status as the chart reads it. In an operative or ED note, a drug given by vein
    or named in the account of the procedure or the ED course is a dose of that encounter, however
    the sentence put it ("cefazolin 2 g IV q8h x 2 doses", "Toradol 30 mg IV at closure"): never
    current, whatever earlier notes said. Prescriptions written there to take home start drugs.
    A bowel preparation, or a dose begun for the day or the hour before a procedure, is used up
    by the procedure it prepares, wherever it is ordered."""
    if med.status in _CURRENT and (_for_one_procedure(med) or _joined_to_one(note, med)):
        return _S.GIVEN
    if med.status in _CURRENT and _BY_AUC.match(med.text, len(med.name)):
        return _S.GIVEN  # "carboplatin AUC 5 unchanged": an infusion of the visit, not a home drug
    if note.note_type not in _ACUTE_NOTES or med.section in _TAKEN_HOME_IN:
        return med.status
    if med.status not in _CURRENT | {_S.UNKNOWN} or _on_home_list(note, med):
        return med.status
    operative = note.note_type is NoteType.PROCEDURE
    by_vein = med.route in _BY_VEIN
    if _on_administered_list(note, med):
        return _S.GIVEN
    if med.section in _ADMINISTERED_IN:
        given = operative or by_vein or med.status is _S.UNKNOWN
    else:
        given = operative and by_vein
    return _S.GIVEN if given else med.status


_HOME_LISTS = {SectionName.MEDICATIONS, SectionName.ADMISSION_MEDICATIONS}
# A medication heading that names what was given there, not what the patient takes:
# "Preoperative medications", "Medications (intra-procedure)", "Medications administered in the
# ED", "Current medications (inpatient MAR)", "Sedation".
_ADMINISTERED_HEADING = re.compile(
    r"pre-?op|pre-?procedur|intra-?op|intra-?procedur|peri-?op|administered|\bgiven\b"
    r"|sedation|premedicat|inpatient|\bMAR\b|in (?:the )?(?:ED|ER|OR|PACU|clinic)\b",
    re.IGNORECASE,
)


def _home_lists(note: ChartNote) -> list[Section]:
    """The note's lists of the patient's own medications."""
    sections = note.analysis.sections if note.analysis else []
    return [
        s for s in sections if s.name in _HOME_LISTS and not _ADMINISTERED_HEADING.search(s.heading)
    ]


def _in_sections(med: Medication, sections: Iterable[Section]) -> bool:
    return any(s.start <= m.start < s.end for m in med.mentions for s in sections)


def _on_home_list(note: ChartNote, med: Medication) -> bool:
    """True when the note lists the drug among the patient's own medications: a home drug also
    given there (home ondansetron, and ondansetron IV as a premedication) goes on."""
    return _in_sections(med, _home_lists(note))


def _on_administered_list(note: ChartNote, med: Medication) -> bool:
    """True when the note names the drug under a heading of what was given there, not of what
    the patient takes ("PREOPERATIVE MEDICATIONS: tropicamide 1% and phenylephrine 2.5%, 1 drop
    each x3", "Current medications (inpatient MAR)")."""
    sections = note.analysis.sections if note.analysis else []
    return _in_sections(
        med,
        (s for s in sections if s.name in _HOME_LISTS and _ADMINISTERED_HEADING.search(s.heading)),
    )


def _latest_status(mentions: _Mentions) -> MedicationStatus:
    """The latest status a note states: "rarely needs albuterol" keeps the albuterol going.

    A drug an earlier note had going that a later note tells as past ("infection in December
    resolved with doxycycline") was stopped in between: it is stopped, not a history."""
    stated = ((n, _read_status(n, m)) for n, m in reversed(mentions))
    note, latest = next(((n, s) for n, s in stated if s is not _S.UNKNOWN), (None, _S.UNKNOWN))
    if latest is _S.HISTORICAL and note is not None:
        earlier = (_read_status(n, m) for n, m in mentions if _order(n) < _order(note))
        if any(s in _CURRENT or s is _S.HELD for s in earlier):
            return _S.STOPPED
    return latest


@dataclass(frozen=True)
class _Verdict:
    """What the reconciliation of all the notes makes of a drug the latest note leaves going."""

    ended_at_discharge: Citation | None = None
    superseded_by: Citation | None = None
    given_during: Citation | None = None
    course_end: date | None = None
    allergy: Citation | None = None  # an allergy statement no later note takes back
    # The deciding note names the drug only where it tells what the encounter gave or put
    # forward: what it makes of the drug, and that mention.
    told: tuple[MedicationStatus, Citation] | None = None

    def status(self, stated: MedicationStatus) -> MedicationStatus:
        if self.allergy and stated in _CURRENT:
            return _S.STOPPED
        if self.ended_at_discharge:
            return _S.STOPPED
        if self.given_during:
            return _S.GIVEN
        if self.course_end or self.superseded_by:
            return _S.STOPPED
        if stated in _CURRENT and self.told is not None:
            return self.told[0]
        return stated

    def given_at(self, stated: MedicationStatus) -> Citation | None:
        """The mention of the encounter that gave the drug, for `given_during`."""
        if self.ended_at_discharge:
            return None
        if self.given_during or self.told is None:
            return self.given_during
        return self.told[1] if self.status(stated) is _S.GIVEN else None

    def stop_reason(self) -> StopReason | None:
        if self.allergy:
            return None
        if self.ended_at_discharge:
            return "ended_at_discharge"
        if self.given_during:
            return None
        if self.course_end:
            return "course_completed"
        return "not_on_later_list" if self.superseded_by else None


def _medication(key: str, mentions: _Mentions, verdict: _Verdict) -> ChartMedication:
    note, latest = mentions[-1]
    # A later mention without a dose ("stable on apixaban") keeps the last known dosing.
    dosed = next((m for _, m in reversed(mentions) if m.dose), latest)
    # A combination also named by its ingredients apart is named and coded as the combination.
    whole = (m for _, m in reversed(mentions) if m.ingredient and _medication_key(m) == key)
    coded = next(whole, None) or next((m for _, m in reversed(mentions) if m.ingredient), latest)
    reason = verdict.stop_reason()
    stated = _latest_status(mentions)
    return ChartMedication(
        name=coded.ingredient or " ".join(latest.name.lower().split()),
        as_written=latest.name,
        ingredient=coded.ingredient,
        code=coded.code,
        dose=dosed.dose,
        route=latest.route or _latest_of(mentions, lambda m: m.route),
        frequency=latest.frequency or _latest_of(mentions, lambda m: m.frequency),
        prn=dosed.prn,
        status=verdict.status(stated),
        stop_reason=reason,
        last_mentioned_at=note.taken_at,
        latest=_cite(note, latest),
        sources=[_cite(n, m) for n, m in mentions],
        ended_at_discharge=verdict.ended_at_discharge,
        superseded_by=verdict.superseded_by if reason == "not_on_later_list" else None,
        given_during=verdict.given_at(stated),
        course_end=verdict.course_end if reason == "course_completed" else None,
    )


# Notes of one encounter (an operation, an ED visit, a stay in hospital): what they order or give
# is for that encounter unless a list or a prescription sends it home with the patient.
_ENCOUNTER_NOTES = {NoteType.PROCEDURE, NoteType.EMERGENCY, NoteType.ADMISSION, NoteType.PROGRESS}
_LISTED_IN = {
    SectionName.ADMISSION_MEDICATIONS,
    SectionName.DISCHARGE_MEDICATIONS,
    SectionName.PRESCRIPTIONS,
}
# Words that put the drug in the patient's own hands: "discharged on", "sent home with",
# "Rx:", "prescription sent", "home metoprolol", "refills".
_TAKEN_HOME = re.compile(
    r"\b(?:home|discharged? (?:on|with)|rx|prescri\w*|e-?scribed|dispense\w*|refills?|supply)\b",
    re.IGNORECASE,
)
# Words that say the patient already takes it: "continue aspirin", "resume warfarin", "takes
# metoprolol", "on apixaban at baseline".
_ALREADY_TAKEN = re.compile(
    r"\b(?:continu\w*|resum\w*|takes|taking|usual|chronic|baseline|already on)\b", re.IGNORECASE
)


# What a stay's note says of the time before it: the patient's own drugs.
_BEFORE_THE_STAY = {
    SectionName.SUBJECTIVE,
    SectionName.CHIEF_COMPLAINT,
    SectionName.PRESENT_ILLNESS,
    SectionName.HISTORY,
    SectionName.SOCIAL_HISTORY,
}


_STAY_NOTES = {NoteType.ADMISSION, NoteType.PROGRESS}
# A drug run by a line or a pump: "heparin drip", "insulin gtt", "morphine PCA", "IVPB".
_BY_LINE = re.compile(r"\b(?:drip|gtts?|infusion|IVPB|PCA|IV push|IVP)\b", re.IGNORECASE)
# A nebulised treatment or a dose the ward gives on a schedule: "DuoNeb q4h scheduled",
# "albuterol nebs q2h", "scheduled acetaminophen". A home nebuliser is "home" (`_TAKEN_HOME`).
_ON_THE_WARD = re.compile(r"\b(?:scheduled|nebs?|nebuli[sz]\w*|duonebs?)\b", re.IGNORECASE)


def _for_the_stay(med: Medication) -> bool:
    """True when a stay's note orders the drug as only a stay gives it: by vein or by a line,
    on a sliding scale, as prophylaxis, per protocol, "while inpatient", by nebuliser or on the
    ward's schedule ("DuoNeb q4h scheduled"), or as needed for the symptoms of the stay
    ("acetaminophen 240 mg PO q6h PRN"). Any other order there ("Start
    apixaban 5 mg BID") may well go home, so the stay alone never ends it."""
    order = f"{med.name} {med.text}"
    if med.prn or med.route in _BY_VEIN or _BY_LINE.search(order) or _ON_THE_WARD.search(order):
        return True
    return bool(INPATIENT_ONLY.search(order) or FOR_THE_STAY.search(order))


def _carried_on(note: ChartNote, med: Medication, started_there: bool, stay_order: bool) -> bool:
    """True when a mention shows the drug taken beyond the encounter its note records: any note
    outside an encounter, a medication list, a prescription, an operative or ED note outside
    its account of what was done (its plan is the discharge plan), a stay's history, words of
    a drug already taken, unless the stay started it (then "continue vancomycin" is the stay's),
    or a stay's order without a word that keeps it to the stay (a new anticoagulant, a new
    antihypertensive) unless the stay's first order of it had one (`stay_order`; then "continue
    ampicillin-sulbactam" is still the stay's): only a discharge list ends those
    (`_ended_at_discharge`)."""
    if note.note_type not in _ENCOUNTER_NOTES or med.section in _LISTED_IN:
        return True
    # Words of its own order only: "DuoNeb q4h scheduled; hold home tiotropium" keeps nothing.
    if _on_home_list(note, med) or _TAKEN_HOME.search(med.text.split(";", 1)[0]):
        return True
    if note.note_type in _ACUTE_NOTES:
        return med.section not in _ADMINISTERED_IN and not _on_administered_list(note, med)
    if med.section in _BEFORE_THE_STAY:
        return True
    # A list the sectionizer did not cut ("Meds: ..." inside a paragraph), unless its heading is
    # of what the stay gives ("Current medications (inpatient MAR)").
    if med.section is SectionName.MEDICATIONS and not _on_administered_list(note, med):
        return True
    if not started_there and _ALREADY_TAKEN.search(med.text):
        return True
    return note.note_type in _STAY_NOTES and not stay_order


# Notes that close an encounter or come after it: a drug of the encounter ends there.
_ENCOUNTER_OVER = {NoteType.DISCHARGE, *_OUTPATIENT_NOTES} - {NoteType.CONSULT}
# A call, a letter or a message is no note of a stay: one written on a later day than the stay's
# last order tells of the time after it ("Post-discharge call: taking lisinopril, doxycycline").
_AFTER_THE_ENCOUNTER = {NoteType.OTHER}


def _shows_over(later: ChartNote, note: ChartNote) -> bool:
    """True when `later`, a note after `note` (which has the encounter's drug going), shows the
    encounter over: a discharge or a visit, or a call or a message of a later day."""
    if _order(later) <= _order(note):
        return False
    if later.note_type in _ENCOUNTER_OVER:
        return True
    return later.note_type in _AFTER_THE_ENCOUNTER and later.taken_at.date() > note.taken_at.date()


def _given_during(mentions: _Mentions, notes: Sequence[ChartNote]) -> Citation | None:
    """The latest mention, when every note that has the drug going records one encounter (an
    operation, an ED visit, a stay), none lists it, prescribes it or says it was taken before,
    and a later note (a discharge, a visit) shows the encounter over: a drug of that encounter
    ("acetaminophen 15 mg/kg PO q6h PRN" in an admission's orders, "ED course: nitroglycerin SL,
    then a drip"), never current afterwards. While the stay is the latest news its drugs are."""
    if _latest_status(mentions) not in _CURRENT:
        return None
    going, started_there, stay_order = [], False, False
    for note, med in mentions:
        status = _read_status(note, med)
        if status in _CURRENT | {_S.HELD} or (status is _S.UNKNOWN and _on_home_list(note, med)):
            stay_order = stay_order or _for_the_stay(med)
            if _carried_on(note, med, started_there, stay_order):
                return None
            going.append((note, med))
            started_there = started_there or status in {_S.STARTED, _S.CHANGED}
    note, med = going[-1]
    over = any(_shows_over(n, note) for n in notes)
    return _cite(note, med) if over else None


# Statuses of a mention that begins what the patient takes from then on.
_BEGINS = {_S.STARTED, _S.CHANGED}


def _course_end(mentions: _Mentions, reference: date) -> date | None:
    """The last day of a course with a stated duration ("doxycycline 100 mg BID x 7 days",
    "prednisone taper over 12 days"), when it passed before `reference` (the latest note's day)
    and no note after it has the drug going again. The course runs from the day of the note
    that states it, the latest that does.

    Only a course the notes began ends by itself: the note stating it started the drug or changed
    to it ("doxycycline x 7 days" at an urgent care), or continued a course an earlier note began
    ("continue to complete 7 days"). A length written beside a drug continued from before
    ("continue metformin, take with food for 2 weeks") never ends that drug."""
    if _latest_status(mentions) not in _CURRENT:
        return None
    going = [(n, m, _read_status(n, m)) for n, m in mentions]
    going = [(n, m, s) for n, m, s in going if s in _CURRENT]
    begun = False
    timed = []
    for note, med, status in going:
        began = status in _BEGINS
        if med.course_days and (began or (begun and status is _S.CONTINUED)):
            timed.append((note, med.course_days))
        begun = (began and bool(med.course_days)) or (begun and status is _S.CONTINUED)
    if not timed:
        return None
    note, days = timed[-1]
    end = note.taken_at.date() + timedelta(days=days - 1)
    if end >= reference or any(n.taken_at.date() > end for n, _, _ in going):
        return None
    return end


def _is_discharge_list(section: Section) -> bool:
    if section.name is SectionName.DISCHARGE_MEDICATIONS:
        return True
    return section.name is SectionName.MEDICATIONS and bool(
        _DISCHARGE_HEADING.search(section.heading)
    )


@dataclass(frozen=True)
class _Discharge:
    """A note with a discharge medication list: the reconciliation that ends a hospital stay."""

    note: ChartNote
    lists: list[Section]
    cited: Citation

    def lists_drug(self, med: Medication) -> bool:
        if med.section is SectionName.DISCHARGE_MEDICATIONS:
            return True
        return any(s.start <= m.start < s.end for m in med.mentions for s in self.lists)

    def lists_parts(self, med: Medication) -> bool:
        """ "Calcium + vitamin D" at home, calcium carbonate and cholecalciferol apart on the
        list: the combination goes on."""
        parts = med.ingredient.split(" / ") if med.ingredient else []
        listed = {
            part
            for m in (self.note.analysis.medications if self.note.analysis else [])
            if m.ingredient and self.lists_drug(m)
            for part in m.ingredient.split(" / ")
        }
        return len(parts) > 1 and all(part in listed for part in parts)


def _discharge_citation(note: ChartNote, analysis: NoteAnalysis, lists: list[Section]) -> Citation:
    if lists:
        chosen = lists[0]
        text, start = chosen.heading, chosen.start
        return Citation(
            note_id=note.id, taken_at=note.taken_at, text=text, start=start, end=start + len(text)
        )
    # A list under a heading the sectionizer did not cut: its first entry stands for it.
    first = min(
        (m for m in analysis.medications if m.section is SectionName.DISCHARGE_MEDICATIONS),
        key=lambda m: m.start,
    )
    return _cite(note, first)


def _names_a_drug(analysis: NoteAnalysis, lists: list[Section]) -> bool:
    """Whether a discharge list names any drug. One that names none ("Resume all home
    medications as before", "see the reconciliation form") leaves nothing out: the drugs of the
    notes before it keep what those notes said of them."""
    return any(
        s.start <= span.start < s.end
        for med in analysis.medications
        for span in med.mentions
        for s in lists
    )


def _discharges(notes: Sequence[ChartNote]) -> list[_Discharge]:
    """Notes that hold a discharge medication list, oldest first, each with that list cited.
    A list is a section of its own, or the drugs the extractor read as listed at discharge."""
    found: list[_Discharge] = []
    for note in notes:
        analysis = note.analysis
        if analysis is None:
            continue
        lists = [s for s in analysis.sections if _is_discharge_list(s)]
        if not lists and note.note_type == NoteType.DISCHARGE:
            # A discharge note's only medication list is its discharge list.
            lists = [s for s in analysis.sections if s.name is SectionName.MEDICATIONS][-1:]
        listed = any(m.section is SectionName.DISCHARGE_MEDICATIONS for m in analysis.medications)
        if listed or _names_a_drug(analysis, lists):
            found.append(_Discharge(note, lists, _discharge_citation(note, analysis, lists)))
    return found


def _scheduled(med: Medication) -> bool:
    """An order that repeats (q8h, daily, sliding scale, PRN), not a single dose."""
    return med.prn or (med.frequency is not None and med.frequency != "once")


def _of_the_stay(mentions: _Mentions) -> bool:
    """Taken, held, or ordered again and again during the stay (heparin SC q8h, a sliding scale
    given on several days): a drug the discharge list ends when it leaves it out. A single dose
    stays `given`."""
    if any(_read_status(n, m) in _ONGOING for n, m in mentions):
        return True
    given = [(n, m) for n, m in mentions if m.status is _S.GIVEN]
    return any(_scheduled(m) for _, m in given) or len({n.id for n, _ in given}) > 1


def _ended_at_discharge(mentions: _Mentions, discharges: list[_Discharge]) -> Citation | None:
    """The discharge list that leaves out a drug still taken during the stay, if any.

    The first discharge at or after the drug's last mention decides. A drug on its list keeps
    the list's verdict; one it leaves out ended with the stay (an in-hospital drug, or a home
    drug the reconciliation dropped) unless nothing before the discharge note had it going.
    """
    last_note, latest = mentions[-1]
    if _latest_status(mentions) in (_S.STOPPED, _S.HISTORICAL, _S.PROPOSED):
        return None
    for discharge in discharges:
        if _order(discharge.note) < _order(last_note):
            continue
        if discharge.lists_parts(latest):
            return None
        # "Medications given in hospital and not continued: ceftriaxone IV" on the list ends
        # the drug as surely as leaving it off does.
        if (
            last_note.id == discharge.note.id
            and discharge.lists_drug(latest)
            and latest.status is not _S.GIVEN
        ):
            return None
        return discharge.cited if _of_the_stay(mentions) else None
    return None


def _listed_later(mentions: _Mentions, lists: list["_HomeList"]) -> Citation | None:
    """The first outpatient medication list after a drug's last mention that leaves it out.

    A visit's list of current medications is the patient's list from that day: a drug taken
    before and not named anywhere in that visit's note is no longer taken."""
    last_note, latest = mentions[-1]
    if _latest_status(mentions) not in _CURRENT:
        return None
    later = next((h for h in lists if _order(h.note) > _order(last_note)), None)
    if later is None or later.names(latest):
        return None
    return later.cited


def _medication_key(med: Medication) -> str:
    return ingredient_key(med.ingredient) if med.ingredient else medication_key(med.name)


@dataclass(frozen=True)
class _HomeList:
    """An outpatient visit's list of the medications the patient takes."""

    note: ChartNote
    keys: frozenset[str]
    cited: Citation

    def names(self, med: Medication) -> bool:
        key = _medication_key(med)
        parts = set(med.ingredient.split(" / ")) if med.ingredient else set()
        return key in self.keys or bool(parts and parts <= self.keys)


def _listed_in(analysis: NoteAnalysis, section: Section) -> int:
    """How many drugs a list names. A drug the plan restates ("Continue lisinopril") takes its
    section from the plan, yet it stands on the list too. Not one told of in a part the list
    may not have been read from whole (an allergy section run on into the history)."""
    return sum(
        med.section in _LIST_SECTIONS
        or (
            med.section in _RESTATED_IN
            and any(section.start <= span.start < section.end for span in med.mentions)
        )
        for med in analysis.medications
    )


def _visit_lists(notes: Sequence[ChartNote]) -> list[_HomeList]:
    """Outpatient notes with a list of current medications (two drugs or more), oldest first."""
    found = []
    for note in notes:
        analysis = note.analysis
        if analysis is None or note.note_type not in _OUTPATIENT_NOTES:
            continue
        section = next((s for s in analysis.sections if s.name in _LIST_SECTIONS), None)
        if section is None or _listed_in(analysis, section) < 2:
            continue
        keys = {_medication_key(m) for m in analysis.medications}
        keys |= {p for m in analysis.medications if m.ingredient for p in m.ingredient.split(" / ")}
        text, start = section.heading, section.start
        cited = Citation(
            note_id=note.id, taken_at=note.taken_at, text=text, start=start, end=start + len(text)
        )
        found.append(_HomeList(note, frozenset(keys), cited))
    return found


def _combinations(notes: Sequence[ChartNote]) -> dict[frozenset[str], str]:
    """The combinations any note names, by the set of their ingredients. A combination only put
    forward ("I can send Bonjesta if the two pills are a hassle") is not the product the patient
    takes: the ingredients taken apart stay apart; nor is one whose ingredients its note doses
    apart (`_named_together`)."""
    found: dict[frozenset[str], str] = {}
    for note, med in _items(notes, "medications"):
        if not med.ingredient or " / " not in med.ingredient or med.status is _S.PROPOSED:
            continue
        if not _named_together(med, note.analysis.medications if note.analysis else []):
            found[frozenset(med.ingredient.split(" / "))] = ingredient_key(med.ingredient)
    return found


def _named_together(med: Medication, meds: Sequence[Medication]) -> bool:
    """True when a combination without a dose of its own has each of its ingredients dosed
    apart in the same note ("ibuprofen 600 mg q6h PRN", "acetaminophen 1,000 mg q8h", and "until
    pain is controlled with acetaminophen/ibuprofen"): two drugs named together, not a product."""
    if med.dose is not None or not med.ingredient or " / " not in med.ingredient:
        return False
    dosed = {m.ingredient for m in meds if m.dose is not None and m.ingredient}
    return all(part in dosed for part in med.ingredient.split(" / "))


def _note_keys(note: ChartNote, combinations: dict[frozenset[str], str]) -> dict[int, str]:
    """Each medication of a note with its chart key. Where the note names every ingredient of a
    combination another note names ("calcium carbonate 600 mg / vitamin D3 400 IU" after "start
    calcium/vitamin D"), those ingredients are that combination: one drug across the notes."""
    meds = note.analysis.medications if note.analysis else []
    keys = {id(m): _medication_key(m) for m in meds}
    singles = {m.ingredient: m for m in meds if m.ingredient and " / " not in m.ingredient}
    for parts, combination in combinations.items():
        if parts <= singles.keys() and _written_together([singles[p] for p in parts]):
            keys |= {id(singles[part]): combination for part in parts}
    for med, spelled in _spelled_out(meds):
        keys |= {id(part): _medication_key(med) for part in spelled}
    return keys


# The most a name and the next one of a product written out stand apart: " (" after the
# brand, "/", "-" or ", " between the ingredients.
_SPELLING_GAP = 3


def _spelled_out(meds: Sequence[Medication]) -> Iterable[tuple[Medication, list[Medication]]]:
    """Each combination of a note with the ingredients written right after its name ("Excedrin
    Migraine (acetaminophen/aspirin/caffeine)", "Percocet (oxycodone/APAP)"): two or more drugs
    of its own ingredients, each named only there, one after the other from the brand. The
    vocabulary may read only some of them (not caffeine): those it reads stand for the product.
    One ingredient after it ("stop Norco; acetaminophen prn") is a drug of its own."""
    singles = sorted(
        (m for m in meds if m.ingredient and " / " not in m.ingredient and len(m.mentions) == 1),
        key=lambda m: m.mentions[0].start,
    )
    for med in meds:
        if not med.ingredient or " / " not in med.ingredient:
            continue
        parts = set(med.ingredient.split(" / "))
        for mention in med.mentions:
            spelled, end = [], mention.end
            for single in singles:
                span = single.mentions[0]
                if span.start < end:
                    continue
                if span.start - end > _SPELLING_GAP or single.ingredient not in parts:
                    break
                spelled.append(single)
                end = span.end
            if len(spelled) >= 2:
                yield med, spelled


# How close the ingredients of one product stand when a note writes them apart.
_ONE_PRODUCT = 40


def _written_together(parts: list[Medication]) -> bool:
    """True when the ingredients are written as one product ("calcium carbonate 600 mg / vitamin
    D3 400 IU"), not as two drugs of the note ("off Norco; acetaminophen as needed")."""
    first, *others = parts
    return any(
        all(any(abs(o.start - m.start) <= _ONE_PRODUCT for o in other.mentions) for other in others)
        for m in first.mentions
    )


def _fuller(part: str, other: str) -> bool:
    return other == part or other.startswith(part + " ")


def _written_more_fully(key: str, keys: Iterable[str]) -> str:
    """The one combination of `keys` that names the same ingredients as `key`, one or more of
    them more fully ("bictegravir / emtricitabine / tenofovir" for Biktarvy, and
    "bictegravir/emtricitabine/tenofovir alafenamide" written out): one product, keyed by the
    fuller name. Ingredients that differ otherwise ("tenofovir disoproxil" and "tenofovir
    alafenamide") are two products; so is a combination of more or fewer ingredients."""
    parts = key.split(" / ")
    if len(parts) < 2:
        return key
    fuller = [
        other
        for other in keys
        if other != key
        and len(other_parts := other.split(" / ")) == len(parts)
        and all(any(_fuller(part, o) for o in other_parts) for part in parts)
    ]
    return fuller[0] if len(fuller) == 1 else key


def _medications(notes: Sequence[ChartNote]) -> list[ChartMedication]:
    grouped: dict[str, _Mentions] = {}
    combinations = _combinations(notes)
    for note in notes:
        keys = _note_keys(note, combinations)
        meds = note.analysis.medications if note.analysis else []
        # Ingredients that stand for a combination the note names come before it: what the note
        # says of the product itself ("Stop Excedrin Migraine") is the note's latest word on it.
        spelled = {id(m) for m in meds if keys[id(m)] != _medication_key(m)}
        for med in sorted(meds, key=lambda m: id(m) not in spelled):
            # Its ingredients stand on their own, unless a note names the product as such
            # ("Ciprodex" before "ciprofloxacin/dexamethasone ear drops - finished, stop").
            named = frozenset((med.ingredient or "").split(" / ")) in combinations
            if named or not _named_together(med, meds):
                grouped.setdefault(keys[id(med)], []).append((note, med))
    for key in [k for k in grouped if " / " in k]:
        fuller = _written_more_fully(key, grouped)
        if fuller != key:
            mentions = sorted([*grouped.pop(key), *grouped.pop(fuller)], key=lambda m: _order(m[0]))
            # Named as the latest note names it, so the chart quotes words that note has.
            latest = _medication_key(mentions[-1][1])
            grouped[latest if latest in (key, fuller) else fuller] = mentions
    record = _Record.of(notes)
    result = [_medication(key, m, record.reconcile(m)) for key, m in grouped.items()]
    return sorted(result, key=lambda m: m.name.lower())


# Words that take an allergy back: "not a true allergy", "tolerated amoxicillin challenge",
# "penicillin allergy removed", "delabeled", "allergy was wrong".
_ALLERGY_TAKEN_BACK = re.compile(
    r"\bnot (?:a |an )?(?:true|real|genuine) allerg|\bde-?label|\ballerg\w* (?:was |has been |is )?"
    r"(?:removed|ruled out|disproven|wrong|incorrect|erroneous|in error|rescinded)"
    r"|\btolerated\b[^.;\n]{0,40}\bchallenge|\bchallenge\b[^.;\n]{0,40}\btolerated"
    r"|\b(?:passed|negative)\b[^.;\n]{0,20}\b(?:oral |drug |graded )?challenge",
    re.IGNORECASE,
)


# An "allergy" written with a dose or a frequency is a medication line read as one ("Baqsimi
# PRN" under the allergies of a list that runs on).
_DOSED = re.compile(r"\b(?:prn|mg|mcg|daily|bid|tid|qid|q\d+h|tabs?|puffs?)\b", re.IGNORECASE)


def _allergens(notes: Sequence[ChartNote]) -> dict[str, tuple[ChartNote, Allergy]]:
    """Each allergen of the patient's notes, with its latest statement."""
    return {_chart_allergy_key(a.substance): (n, a) for n, a in _items(notes, "allergies")}


def _allergy_keys(med: Medication) -> set[str]:
    keys = {allergy_key(name) for name in (med.ingredient, med.name) if name}
    return keys | {part for key in keys for part in key.split(" / ")}


def _allergic(
    mentions: _Mentions, allergens: dict[str, tuple[ChartNote, Allergy]]
) -> Citation | None:
    """The latest allergy statement of the drug, in any note, unless a note after it takes the
    allergy back as it names the drug again ("amoxicillin challenge tolerated, not a true
    allergy; amoxicillin 500 mg TID"). A drug the patient is allergic to is never current, however
    a later list copies it or whichever came first: the chart lists it as stopped, beside the
    allergy it keeps. The note stating the allergy may keep the drug itself ("intolerant of IR
    metformin", and metformin ER): that note knew.
    """
    # By the chart's keys: a "sulfa" allergy is one to Bactrim.
    keys = {_chart_allergy_key(k) for _, m in mentions for k in _allergy_keys(m)}
    stated = [allergens[k] for k in keys if k in allergens]
    if not stated:
        return None
    stated = [(n, a) for n, a in stated if not _DOSED.search(a.substance)]
    if not stated:
        return None
    note, allergy = max(stated, key=lambda s: _order(s[0]))
    if any(n.id == note.id and _read_status(n, m) in _CURRENT for n, m in mentions):
        return None  # the note that states the allergy keeps the drug: another form of it
    taken_back = any(_order(n) > _order(note) and _takes_allergy_back(n, m) for n, m in mentions)
    return None if taken_back else _cite(note, allergy)


def _takes_allergy_back(note: ChartNote, med: Medication) -> bool:
    """True when the note begins the drug again and says, anywhere it is read, that the allergy
    was wrong."""
    if _read_status(note, med) not in _BEGINS | {_S.RESUMED} or note.analysis is None:
        return False
    analysis = note.analysis
    evidence = [
        *analysis.medications,
        *analysis.allergies,
        *analysis.problems,
        *analysis.plans,
        *analysis.negated_findings,
        *analysis.historical_findings,
    ]
    return any(_ALLERGY_TAKEN_BACK.search(getattr(e, "text", "")) for e in evidence)


@dataclass(frozen=True)
class _Record:
    """The patient's notes as the reconciliation reads them, built once per chart."""

    notes: Sequence[ChartNote]
    discharges: list[_Discharge]
    lists: list[_HomeList]
    reference: date  # the latest note's day
    allergens: dict[str, tuple[ChartNote, Allergy]]

    @classmethod
    def of(cls, notes: Sequence[ChartNote]) -> "_Record":
        reference = max((n.taken_at.date() for n in notes), default=date.min)
        return cls(notes, _discharges(notes), _visit_lists(notes), reference, _allergens(notes))

    def reconcile(self, mentions: _Mentions) -> _Verdict:
        return _Verdict(
            ended_at_discharge=_ended_at_discharge(mentions, self.discharges),
            superseded_by=_listed_later(mentions, self.lists),
            given_during=_given_during(mentions, self.notes),
            course_end=_course_end(mentions, self.reference),
            allergy=_allergic(mentions, self.allergens),
            told=_told_at_encounter(mentions),
        )


def _told_at_encounter(mentions: _Mentions) -> tuple[MedicationStatus, Citation] | None:
    """What the note that decides the drug's status makes of it when it names the drug only
    where it tells what the encounter gave (a hospital or ED course, a procedure, a list of doses
    given) or put forward (recommendations, options): given or proposed, whatever its sentence
    seemed to say ("started on a nitroglycerin drip" in an ED course, "begin patiromer" among a
    consultant's recommendations). The extractor reads the places (`told_only_as`)."""
    deciding = next(
        ((n, m) for n, m in reversed(mentions) if _read_status(n, m) is not _S.UNKNOWN), None
    )
    if deciding is None or deciding[1].told_only_as is None:
        return None
    note, med = deciding
    told = _S.GIVEN if med.told_only_as == "given" else _S.PROPOSED
    return told, _cite(note, med)


_ASSESSMENTS = {SectionName.ASSESSMENT, SectionName.ASSESSMENT_AND_PLAN, SectionName.DIAGNOSES}


def _assessed(problem: Problem) -> bool:
    """True when an assessment speaks of the problem, as active, resolved or past."""
    return problem.status is not ProblemStatus.HISTORICAL or problem.section in _ASSESSMENTS


def _verification(problem: Problem) -> Literal["confirmed", "provisional", "differential"]:
    if not problem.uncertain:
        return "confirmed"
    return "differential" if problem.differential else "provisional"


def _problem(mentions: list[tuple[ChartNote, Problem]]) -> ChartProblem:
    # A past-history mention does not undo what an assessment said (active, resolved, hedged):
    # the latest assessment decides, so "possible pneumonia" then "pneumonia" is confirmed and
    # a later "AKI, resolved" resolves it.
    # A later assessment that calls it history ("History of DVT - completed 3 months of
    # apixaban") says it is over.
    assessed = [(n, p) for n, p in mentions if _assessed(p)]
    _, latest = (assessed or mentions)[-1]
    return ChartProblem(
        text=latest.text,
        status=latest.status,
        uncertain=latest.uncertain,
        verification=_verification(latest),
        first_noted_at=mentions[0][0].taken_at,
        last_noted_at=mentions[-1][0].taken_at,
        sources=[_cite(n, p) for n, p in mentions],
    )


@dataclass
class _Concept:
    """The mentions of one problem across notes, and the names they give it."""

    names: set[str]
    words: set[str]
    mentions: list[tuple[ChartNote, Problem]]
    conditions: set[str] = field(default_factory=set)  # the names without their episode

    def names_it(self, text: str, words: frozenset[str]) -> bool:
        if text in self.names:
            return True
        # Names with no word in common are never one concept: no need to compare them.
        return bool(words & self.words) and any(same_concept(text, n) for n in self.names)

    def names_condition(self, note: ChartNote, condition: str) -> bool:
        """True when another note names the condition this concept is an episode of, or the
        other way round ("COPD exacerbation" at the stay, "COPD" at the visit after it). One
        note that lists both ("Asthma exacerbation", "Mild persistent asthma") means two."""
        if any(n is note for n, _ in self.mentions):
            return False
        words = problem_key(condition)
        return any(
            bool(words & problem_key(c)) and same_concept(condition, c) for c in self.conditions
        )

    def names_narrower(self, note: ChartNote, name: str) -> bool:
        """True when another note names this condition more or less narrowly: one name's first
        condition holds every word of the other's and at most three more, and ends on a word of
        it ("Constipation" and "Opioid-induced constipation", "Ascites" and "Malignant
        ascites", "Alzheimer dementia" and "Dementia with behavioural disturbance"). A word
        many conditions share is not enough ("pain", "chest pain"), nor a name that ends on
        another condition ("CKD", "Kidney stone", "AKI"); one note that lists both means two."""
        if any(n is note for n, _ in self.mentions):
            return False
        return any(_narrower(name, other) for other in self.names)

    def add(self, note: ChartNote, problem: Problem, name: str, words: frozenset[str]) -> None:
        self.names.add(name)
        self.words |= words
        self.conditions.add(_condition_name(name))
        self.mentions.append((note, problem))


# What an episode adds to the name of the condition it is an episode of: across notes, the
# chart keeps one entry for the condition ("COPD exacerbation" and "severe COPD", "New-onset AF
# with RVR" and "paroxysmal AF", "Hypothyroidism in pregnancy" and "hypothyroidism").
_EPISODE_WORDS = re.compile(
    r"\b(?:acute[- ]on[- ]chronic|(?:acute )?exacerbation(?: of)?|flare(?: of)?"
    r"|(?:acutely )?decompensated|new[- ]onset|(?:with|w/) (?:rvr|rapid ventricular response)"
    r"|in pregnancy|(?:at )?\d+ ?w(?:ks?|eeks?)? ?(?:\d+ ?d(?:ays?)?)?)\b",
    re.IGNORECASE,
)
# Systolic and diastolic heart failure are the older names of HFrEF and HFpEF.
_HEART_FAILURE_KIND = (
    (re.compile(r"\bsystolic (?:\(hfref\) )?(?:heart failure|hf|chf)\b"), "hfref"),
    (re.compile(r"\bdiastolic (?:\(hfpef\) )?(?:heart failure|hf|chf)\b"), "hfpef"),
)


# Shorthands the problem keys do not spell out: "pAF", "A-fib".
_SHORTHAND = re.compile(r"\bp-?a-?fib\b|\bpaf\b|\ba-?fib\b|\ba\.? fib\b")
_SHORTHANDS = {"paf": "paroxysmal af", "pafib": "paroxysmal af", "p-afib": "paroxysmal af"}
_SHORTHANDS |= {"pa-fib": "paroxysmal af", "afib": "af", "a-fib": "af", "a fib": "af"}
_SHORTHANDS |= {"a. fib": "af", "p-a-fib": "paroxysmal af"}
# Where a name goes on past its condition: "Dementia with behaviours", "GERD refractory to
# PPI", "Persistent AF of about 3 weeks' duration", "Anemia of CKD".
_PAST_THE_CONDITION = re.compile(
    r"\s+(?:with|w/|without|w/o|due to|secondary to|2/2|complicating|of|from|refractory to"
    r"|related to|in the setting of)\s+|\s*[/,;(:]\s*|\s+-\s+",
    re.IGNORECASE,
)
# Words that make another disease of the same word ("pulmonary hypertension", "gestational
# diabetes"), and words many conditions share ("pain" is not "chest pain").
_OTHER_DISEASE = frozenset(
    {"gestational", "pulmonary", "portal", "intracranial", "ocular", "respiratory", "pregnancy"}
)
_SHARED = frozenset(
    {
        "pain",
        "failure",
        "injury",
        "infection",
        "use",
        "mass",
        "deficiency",
        "cancer",
        "fracture",
        "ulcer",
        "bleed",
        "bleeding",
        "lesion",
        "nodule",
        "symptom",
        "abnormality",
        "effect",
        "risk",
    }
)
_ACUITY = re.compile(r"\b(?:acute|aki|chronic|ckd)\b")


def _first_words(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """The key of the first condition a name gives, and the key of its last word."""
    first = _PAST_THE_CONDITION.split(_condition_name(name), maxsplit=1)[0]
    tokens = [t for t in first.split() if problem_key(t)]
    return problem_key(first), problem_key(tokens[-1]) if tokens else frozenset()


def _acuity(name: str) -> frozenset[str]:
    return frozenset(
        w.replace("aki", "acute").replace("ckd", "chronic") for w in _ACUITY.findall(name)
    )


def _narrower(one: str, other: str) -> bool:
    """True when one name's first condition names the other's more or less narrowly."""
    if _acuity(_condition_name(one)) ^ _acuity(_condition_name(other)):
        return False  # "AKI" and "CKD", acute and chronic pancreatitis: two conditions
    (small, _), (big, last) = sorted(
        (_first_words(one), _first_words(other)), key=lambda k: len(k[0])
    )
    added = big - small
    return (
        bool(small - _SHARED)
        and small <= big
        and len(added) <= 3
        and not added & _OTHER_DISEASE
        and bool(last)
        and last <= small
    )


def _condition_name(text: str) -> str:
    """The name of the condition a problem names, without the episode it is in."""
    name = " ".join(text.lower().split())
    for pattern, kind in _HEART_FAILURE_KIND:
        name = pattern.sub(kind, name)
    return " ".join(_EPISODE_WORDS.sub(" ", name).split()) or name


def _problems(notes: Sequence[ChartNote]) -> list[ChartProblem]:
    """One entry per concept: "Knee OA" and "Osteoarthritis of both knees", "PE/DVT" and
    "Pulmonary embolism", "AECOPD" and "COPD" are one problem, cited from every note."""
    concepts: list[_Concept] = []
    for note, problem in _items(notes, "problems"):
        name = _SHORTHAND.sub(lambda m: _SHORTHANDS[m[0]], " ".join(problem.text.lower().split()))
        words = problem_key(name)
        concept = next((c for c in concepts if c.names_it(name, words)), None)
        if concept is None:
            condition = _condition_name(name)
            concept = next((c for c in concepts if c.names_condition(note, condition)), None)
        if concept is None:
            concept = next((c for c in concepts if c.names_narrower(note, name)), None)
        if concept is None:
            concept = _Concept(set(), set(), [])
            concepts.append(concept)
        concept.add(note, problem, name, words)
    kept = [c for c in concepts if not _ruled_out_later(c, notes)]
    encounters, diagnoses = _encounters(notes), _discharge_diagnoses(notes)
    result = []
    for concept in kept:
        problem = _problem(concept.mentions)
        # A later note that finds it absent resolves it (below); else it may end with its visit.
        if not _denied_later(problem, notes) and (
            _ended_with_its_encounter(concept, notes, encounters, diagnoses)
            or _delivered(concept, notes)
        ):
            problem = _past(problem)
        result.append(problem)
    return sorted(result, key=lambda p: p.last_noted_at, reverse=True)


# Notes of one stay in hospital, one ED visit or one operation, in the order of its course.
_STAY_NOTES = {*_COURSE}
# Stay notes further apart than this are of two stays.
_STAY_GAP = timedelta(days=14)
# A discharge summary's diagnosis: where its note stands in the story, and the words of its
# first condition.
_Diagnosis = tuple[tuple[datetime, int, str], frozenset[str]]


def _encounters(notes: Sequence[ChartNote]) -> dict[uuid.UUID, int]:
    """The encounter of each note, counted in order: the notes of a stay (the ED, the
    admission, consults, the operation, progress notes, the discharge summary) run together up
    to the discharge summary; any other note (a clinic visit, a call) is an encounter alone."""
    encounters: dict[uuid.UUID, int] = {}
    count, previous = -1, None
    for note in notes:
        same_stay = (
            previous is not None
            and previous.note_type in _STAY_NOTES - {NoteType.DISCHARGE}
            and note.note_type in _STAY_NOTES
            and note.taken_at - previous.taken_at <= _STAY_GAP
        )
        count += 0 if same_stay else 1
        encounters[note.id] = count
        previous = note
    return encounters


# Conditions of an episode, not of the patient's standing list: infections, disturbances of
# salts and sugar, an injured kidney, an exacerbation, a toxicity, what an operation leaves.
# "Acute on chronic heart failure" is the chronic condition's.
_ACUTE = re.compile(
    r"\b(?:acute(?![- ]on[- ]chronic)|aki|exacerbation|flare|decompensat\w*|rvr"
    r"|(?:pseudo-?)?hypo(?:kalemia|natremia|magnesemia|phosphatemia|calcemia|glycemia|tension)"
    r"|hyper(?:kalemia|natremia|magnesemia|phosphatemia|calcemia)|leukocytosis|neutropenia"
    r"|thrombocytopenia|pneumonia|cap|cellulitis|sinusitis|otitis|pharyngitis|bronchitis"
    r"|cystitis|pyelonephritis|uti|uri|urinary tract infection|upper respiratory infection"
    r"|gastroenteritis|influenza|covid(?:-19)?|bacteremia|sepsis|septic|toxicity|overdose"
    r"|intoxication|withdrawal|delirium|encephalopathy|syncope|dehydration|volume depletion"
    r"|nausea|vomiting|post-?op(?:erative)?|ponv|demand ischemia|troponin|inr|dka|sinus tach\w*"
    r"|ketoacidosis|acidosis|sprain|strain|contusion|ileus)\b",
    re.IGNORECASE,
)


def _ended_with_its_encounter(
    concept: _Concept,
    notes: Sequence[ChartNote],
    encounters: dict[uuid.UUID, int],
    diagnoses: list[_Diagnosis],
) -> bool:
    """True when a problem ended with the encounter that assessed it. An acute one, or a
    symptom of the visit, ends when a later note that takes stock of the patient's problems does
    not take it up: the team's next note of the stay (the ED's "Dyspnea" once the admission names
    the PE, the H&P's hypokalemia the progress note leaves out), the stay's discharge summary,
    a later visit (hypokalemia of an ED visit, the postoperative pain of a surgical stay), an
    endoscopy that names the bleed. A consult of the same stay answers its own question: it
    ends none. The condition an operation was done for ends when the visit after the operation
    does not take it up (the goiter of a thyroidectomy, the gallstones of a cholecystectomy)."""
    assessed = [(n, p) for n, p in concept.mentions if p.status is not ProblemStatus.HISTORICAL]
    if not assessed:
        return False
    acute = all(_acute(p.text) for _, p in assessed)
    operated = any(_operated_for(n, p) for n, p in assessed)
    renamed = _renamed_at_discharge(concept, diagnoses)
    if not acute and not operated and not renamed:
        return False
    last = assessed[-1][0]
    for note in _stock_takers(notes, last):
        later = encounters[note.id] > encounters[last.id]
        if acute and (later or _ends_in_the_stay(note, concept)):
            return True
        if note.note_type == NoteType.DISCHARGE and renamed:
            return True
        if operated and later and note.note_type == NoteType.POST_OPERATIVE:
            return True
    return False


def _stock_takers(notes: Sequence[ChartNote], last: ChartNote) -> Iterator[ChartNote]:
    """The notes (in order) after `last` that take stock. A call's diagnosis line stands
    in for a missing summary: after the stay's discharge summary it tells why the patient was
    in ("dx CAP"), not that the summary's AKI still to be rechecked has ended."""
    summarised = last.note_type == NoteType.DISCHARGE
    for note in notes:
        if _order(note) <= _order(last) or not _takes_stock(note):
            continue
        if summarised and note.note_type == NoteType.OTHER:
            continue
        summarised = summarised or note.note_type == NoteType.DISCHARGE
        yield note


def _ends_in_the_stay(note: ChartNote, concept: _Concept) -> bool:
    """True when a later note of the same stay ends the acute problems it leaves out: the team's
    notes do. A consult answers its own question, and a procedure note its indication: they end
    none, save the symptom a procedure finds the cause of (the melena an endoscopy explains) and
    the problem it names anew ("Acute upper GI bleed" once it finds an "Esophageal variceal
    bleed"); a thoracentesis leaves the admission's AKI and hyponatremia standing."""
    if note.note_type == NoteType.CONSULT:
        return False
    if note.note_type != NoteType.PROCEDURE:
        return True
    if all(_symptom(p.text) for _, p in concept.mentions):
        return True
    found = [problem_key(p.text) for p in (note.analysis.problems if note.analysis else [])]
    heads = [_first_words(p.text)[1] for _, p in concept.mentions]
    return any(head and head <= key for head in heads for key in found)


def _discharge_diagnoses(notes: Sequence[ChartNote]) -> list[_Diagnosis]:
    return [
        (_order(note), problem_key(_condition_name(_first_condition(p.text))) - _GENERIC)
        for note, p in _items(notes, "problems")
        if note.note_type == NoteType.DISCHARGE and p.status is not ProblemStatus.HISTORICAL
    ]


def _renamed_at_discharge(concept: _Concept, diagnoses: list[_Diagnosis]) -> bool:
    """True when a later discharge summary names a diagnosis of the stay in other words: each
    name of the problem shares a word with the first condition of one of its diagnoses ("Upper
    GI bleed" and "Upper gastrointestinal bleed", "Alcoholic cirrhosis" and "alcohol-associated
    cirrhosis"). A condition the summary joins to another ("cirrhosis with tense ascites") is
    not a name of it."""
    last = _order(concept.mentions[-1][0])
    named = [words for order, words in diagnoses if order > last]
    if not named:
        return False
    names = [problem_key(_condition_name(n)) - _GENERIC for n in concept.names]
    return all(any(words & other for other in named) for words in names)


# Words many different conditions share.
_GENERIC = frozenset({"pain", "failure", "injury", "infection", "use", "disease", "mass"})
_JOINED_TO = re.compile(r"\s+(?:with|w/|due to|secondary to|2/2|complicating)\s+|\s*[/,;(]\s*")


def _first_condition(text: str) -> str:
    return _JOINED_TO.split(text.lower(), maxsplit=1)[0]


def _operated_for(note: ChartNote, problem: Problem) -> bool:
    """True when the problem is a diagnosis of an operative or procedure report."""
    return note.note_type == NoteType.PROCEDURE and problem.section is SectionName.DIAGNOSES


# The pregnancy itself and the labour, not a condition of it ("anemia of pregnancy",
# "gestational hypertension", "preeclampsia" go on after the delivery until a note ends them).
_PREGNANCY_STATE = re.compile(
    r"^(?:\w+ )?(?:intrauterine pregnancy|iup|pregnancy(?= at| \d|$))|\b(?:active|preterm) labou?r"
    r"\b|\barrest of (?:dilation|descent)\b|\bgbs\b|\bgroup b strep\w*|^post-?partum$",
    re.IGNORECASE,
)
# A problem that says the baby is born: "postpartum hemorrhage", "second-degree perineal
# laceration", "status post cesarean delivery".
_DELIVERED = re.compile(
    r"\b(?:post-?partum|perineal laceration|deliver(?:ed|y)|cesarean|c-section)\b", re.IGNORECASE
)


def _delivered(concept: _Concept, notes: Sequence[ChartNote]) -> bool:
    """True when the problem is the pregnancy or its labour and a note, the same or a later
    one, tells of the delivery: the pregnancy is over ("IUP at 39w4d in active labor" on a
    postpartum discharge summary, "GBS positive" on a cesarean report, then "Postpartum iron
    deficiency anemia" at the visit after)."""
    assessed = [(n, p) for n, p in concept.mentions if p.status is not ProblemStatus.HISTORICAL]
    if not assessed or not all(_PREGNANCY_STATE.search(p.text.strip()) for _, p in assessed):
        return False
    last = assessed[-1][0]
    return any(
        _DELIVERED.search(problem.text)
        for note, problem in _items(notes, "problems")
        if _order(note) >= _order(last)
    )


# Two conditions written as one problem: "hypoglycemia and polypharmacy", "AKI/CKD".
_JOINED_CONDITIONS = re.compile(r"\s+(?:and|&)\s+|\s*[/;,]\s*", re.IGNORECASE)


# Symptoms and findings a visit treats as its problem ("Cough, likely viral", "Hand pain",
# "Fatigue - check TSH"): they end with the visit as an episode does, unless a note calls them
# chronic or persistent ("Chronic low back pain").
_SYMPTOM = re.compile(
    r"\b(?:pain|ache|headache|cough|fevers?|fatigue|malaise|weakness|dizziness|lightheaded\w*"
    r"|dyspnea|shortness of breath|sob|wheez\w*|hemoptysis|melena|hematochezia|hematemesis"
    r"|bleeding|epistaxis|palpitations|hypoxemia|hypoxia|elevated (?:blood pressure|bp)"
    r"|weight loss|early satiety|(?:daytime )?sleepiness|diarrhea|rash|pruritus|itching"
    r"|swelling|numbness|tingling|nocturia|(?<!essential )tremors?)\b",
    re.IGNORECASE,
)
# A symptom a note gives a cause or a lasting course is a condition ("Uremic pruritus",
# "Cancer-related visceral pain", "Capecitabine-related diarrhea", "Chronic low back pain").
_LASTING = re.compile(
    r"\b(?:chronic|persistent|recurrent|longstanding|long-standing|related|induced|associated"
    r"|due to|secondary to|2/2|uremic|cancer|malignan\w*|neuropathic|diabetic)\b",
    re.IGNORECASE,
)


def _acute(text: str) -> bool:
    """True when every condition the problem names is of an episode, or a symptom of a visit."""
    lasting = bool(_LASTING.search(text))
    return all(
        _ACUTE.search(part) or (_symptom(part) and not lasting)
        for part in _JOINED_CONDITIONS.split(text)
        if part.strip()
    )


def _symptom(part: str) -> bool:
    """True when the condition a part names first is a symptom ("Hand pain", "Dyspnea on
    exertion"), not a disease a symptom qualifies or names ("COPD with wheezing", "OSA with
    daytime sleepiness", "Migraine headache"): those are the patient's, not the visit's."""
    head = _PAST_THE_CONDITION.split(part, maxsplit=1)[0]
    return bool(_SYMPTOM.search(head)) and not names_condition(_SYMPTOM.sub(" ", head))


def _takes_stock(note: ChartNote) -> bool:
    """True when a visit or a stay's note assesses problems of its own, not only a past history.
    A call, a letter or a message answers one question: it leaves the rest standing, unless it
    gives the diagnoses (the call after a discharge: "Discharged 07/10, dx AECOPD with CAP")."""
    problems = note.analysis.problems if note.analysis else []
    if note.note_type == NoteType.OTHER:
        return any(p.section is SectionName.DIAGNOSES for p in problems)
    return any(p.status is not ProblemStatus.HISTORICAL for p in problems)


def _past(problem: ChartProblem) -> ChartProblem:
    """An active problem that ended with its encounter: a past condition, not a resolved one
    (no note said it resolved)."""
    if problem.status is not ProblemStatus.ACTIVE or problem.uncertain:
        return problem  # a hedged one stays a question until a note answers it
    return problem.model_copy(update={"status": ProblemStatus.HISTORICAL})


def _denied_later(problem: ChartProblem, notes: Sequence[ChartNote]) -> bool:
    """True when a note after the problem's last mention finds it absent ("no fever", "pneumonia
    was ruled out", "CT negative for appendicitis"): the condition is over or never was."""
    if problem.status is not ProblemStatus.ACTIVE or problem.uncertain:
        return False
    last = max(c.taken_at for c in problem.sources)
    words = problem_key(problem.text)
    for note in notes:
        if note.taken_at <= last or note.analysis is None:
            continue
        for finding in note.analysis.negated_findings:
            denied = problem_key(_NUMBERED.sub("", finding.text))
            if denied and denied <= words and not denied <= _VAGUE:
                return True
    return False


_NUMBERED = re.compile(r"^\s*\d+[.)]\s*")
# Denials too vague to end a named condition ("no pain" is not "no chest pain").
_VAGUE = frozenset({"pain", "distress", "change", "symptom", "complaint", "issue", "problem"})


def _resolve_later(problems: list[ChartProblem], notes: Sequence[ChartNote]) -> list[ChartProblem]:
    """What later notes settle: a later note finds the problem absent."""
    resolved = {"status": ProblemStatus.RESOLVED}
    return [p.model_copy(update=resolved) if _denied_later(p, notes) else p for p in problems]


def _ruled_out_later(concept: _Concept, notes: Sequence[ChartNote]) -> bool:
    """True when the concept was last hedged ("rule out PE") and a later note finds it absent
    ("CTA negative, no PE", "PE was ruled out"): the question is answered, no problem stays. A
    later note that names it without a hedge confirms it instead (the latest mention wins)."""
    assessed = [(n, p) for n, p in concept.mentions if p.status is not ProblemStatus.HISTORICAL]
    last_note, latest = (assessed or concept.mentions)[-1]
    if not latest.uncertain:
        return False
    position = next(i for i, note in enumerate(notes) if note is last_note)
    later = notes[position + 1 :]
    return any(
        concept.names_it(" ".join(f.text.lower().split()), problem_key(f.text))
        for _, f in _items(later, "negated_findings")
    )


def _problem_lists(problems: list[ChartProblem]) -> dict[str, list[ChartProblem]]:
    """Active, uncertain, resolved and past problems apart: a hedged diagnosis is not active."""
    lists: dict[str, list[ChartProblem]] = {
        "problems": [],
        "uncertain_problems": [],
        "resolved_problems": [],
        "past_history": [],
    }
    for problem in problems:
        if problem.status is ProblemStatus.HISTORICAL:
            lists["past_history"].append(problem)
        elif problem.status is ProblemStatus.RESOLVED:
            lists["resolved_problems"].append(problem)
        elif problem.uncertain:
            lists["uncertain_problems"].append(problem)
        else:
            lists["problems"].append(problem)
    return lists


# A "sulfa" allergy is one to the sulfonamide antibiotics, which in practice is one to
# trimethoprim-sulfamethoxazole: one note's "Sulfa (Bactrim) - hives" and another's
# "Sulfamethoxazole-trimethoprim (hives)" are one allergy on the chart.
_ASIDE = re.compile(r"\s*\([^()]*\)")


def _chart_allergy_key(substance: str) -> str:
    # "Sulfa (Sulfonamide Antibiotics)" of a table is the "Sulfa" another note writes.
    bare = _ASIDE.sub("", substance).strip()
    key = allergy_key(bare or substance)
    return "sulfonamide" if SULFONAMIDE_ANTIBIOTICS.intersection(re.findall(r"\w+", key)) else key


def _allergies(notes: Sequence[ChartNote]) -> list[ChartAllergy]:
    grouped: dict[str, list[tuple[ChartNote, Allergy]]] = {}
    for note, allergy in _items(notes, "allergies"):
        grouped.setdefault(_chart_allergy_key(allergy.substance), []).append((note, allergy))
    return [
        ChartAllergy(
            substance=mentions[-1][1].substance,
            reaction=next((a.reaction for _, a in reversed(mentions) if a.reaction), None),
            sources=[_cite(n, a) for n, a in mentions],
        )
        for key, mentions in grouped.items()
        if not _allergy_taken_back(notes, key, mentions[-1][0])
        and not _allergy_removed_later(notes, key, mentions)
    ]


def _allergy_removed_later(
    notes: Sequence[ChartNote], key: str, mentions: list[tuple[ChartNote, Allergy]]
) -> bool:
    """A note after the allergy's latest statement says, naming it, that it was wrong or taken
    off the list, and does not list it again ("NEGATIVE oral amoxicillin challenge. Penicillin
    allergy removed from the allergy list"): the chart drops it, whatever drug follows."""
    stated = mentions[-1][0]
    names = {key, *(_key(a.substance) for _, a in mentions)}
    for note in notes:
        if _order(note) <= _order(stated) or note.analysis is None:
            continue
        analysis = note.analysis
        if key in {_chart_allergy_key(a.substance) for a in analysis.allergies}:
            continue
        evidence = [*analysis.plans, *analysis.problems, *analysis.medications]
        if any(_names_removal(getattr(e, "text", ""), names) for e in evidence):
            return True
    return False


def _names_removal(text: str, names: set[str]) -> bool:
    """True when a sentence of `text` takes an allergy back and names one of `names`."""
    for sentence in re.split(r"(?<=[.;])\s+", text):
        if _ALLERGY_TAKEN_BACK.search(sentence):
            lowered = sentence.lower()
            if any(re.search(rf"\b{re.escape(n)}\b", lowered) for n in names):
                return True
    return False


def _allergy_taken_back(notes: Sequence[ChartNote], key: str, stated: ChartNote) -> bool:
    """A note after the allergy's latest statement takes it back ("penicillin allergy removed
    from the allergy list after a negative challenge"), or begins the drug again and says the
    allergy was wrong ("tolerated amoxicillin challenge, delabelled; start amoxicillin 500 mg
    TID"): the chart drops the allergy."""
    if any(
        _order(note) > _order(stated)
        and key in {_chart_allergy_key(k) for k in note.analysis.withdrawn_allergies}
        for note in notes
        if note.analysis is not None
    ):
        return True
    return any(
        _order(note) > _order(stated) and _takes_allergy_back(note, med)
        for note, med in _items(notes, "medications")
        if key in {_chart_allergy_key(k) for k in _allergy_keys(med)}
    )


def _immunization(mentions: list[tuple[ChartNote, Immunization]]) -> ChartImmunization:
    given = [(n, i) for n, i in mentions if i.status is ImmunizationStatus.ADMINISTERED]
    note, shown = (given or mentions)[-1]
    return ChartImmunization(
        name=shown.name,
        status=mentions[-1][1].status,
        last_given_at=note.taken_at if given else None,
        dose=shown.dose,
        route=shown.route,
        site=shown.site,
        lot=shown.lot,
        sources=[_cite(n, i) for n, i in mentions],
    )


def _immunizations(notes: Sequence[ChartNote]) -> list[ChartImmunization]:
    grouped: dict[str, list[tuple[ChartNote, Immunization]]] = {}
    for note, immunization in _items(notes, "immunizations"):
        grouped.setdefault(_key(immunization.name), []).append((note, immunization))
    return sorted((_immunization(m) for m in grouped.values()), key=lambda i: i.name.lower())


def _vital_measurement(note: ChartNote, vital: Vital) -> Measurement:
    return Measurement(
        value=vital.value,
        unit=vital.unit,
        systolic=vital.systolic,
        diastolic=vital.diastolic,
        source=_cite(note, vital),
    )


def _lab_measurement(note: ChartNote, lab: Lab) -> Measurement:
    return Measurement(
        value=lab.value,
        unit=lab.unit,
        flag=lab.flag.value if lab.flag else None,
        reference_range=lab.reference_range,
        source=_cite(note, lab),
    )


def _series(notes: Sequence[ChartNote], field: str) -> list[ChartSeries]:
    grouped: dict[str, list[Measurement]] = {}
    names: dict[str, str] = {}
    for note, item in _items(notes, field):
        name = item.kind.value if field == "vitals" else item.name
        measure = (
            _vital_measurement(note, item) if field == "vitals" else _lab_measurement(note, item)
        )
        grouped.setdefault(_key(name), []).append(measure)
        names[_key(name)] = name
    return [
        ChartSeries(name=names[key], latest=history[-1], history=history)
        for key, history in sorted(grouped.items())
    ]


def _due_status(due: date | None, today: date) -> str:
    if due is None:
        return "undated"
    return "upcoming" if due >= today else "past_due"


# A bare return visit: "Return 3 months", "RTC 2 weeks", "Follow-up in 6 months", with no
# service or person named ("Follow up with cardiology" is a visit of its own).
_BARE_RETURN = re.compile(
    r"\W*(?:RTC|return(?:\s+visit|\s+to\s+(?:the\s+)?(?:clinic|office))?|follow[- ]?up"
    r"(?:\s+visit)?|f/u)\b(?!\s+(?:with|to|at)\b)",
    re.IGNORECASE,
)


def _is_bare_return(plan: Plan) -> bool:
    return plan.kind is PlanKind.FOLLOW_UP and _BARE_RETURN.match(plan.text) is not None


def _replanned_returns(notes: Sequence[ChartNote]) -> set[uuid.UUID]:
    """The notes whose bare return visit a later note plans again: the later visit is the one
    that return led to, and its own "Follow-up in 6 months" is the return still open."""
    with_return = [
        n.id for n in notes if n.analysis and any(map(_is_bare_return, n.analysis.plans))
    ]
    return set(with_return[:-1])


# Words that say when, how or with whom an item comes back, never what it is: "Repeat BMP in 1
# week" and "BMP in 1-2 weeks" plan the same test.
_PLAN_FILLER = frozenset(
    re.split(
        r"\s+",
        "a an the in on at by to for of with and or then next after before prior within about"
        " follow up f/u followup return rtc visit clinic office appointment appt repeat recheck"
        " check re-check see dr due scheduled as per please will be is day days week weeks wk"
        " wks month months mo mos year years yr yrs today tomorrow am pm",
    )
)
_PLAN_WORD = re.compile(r"[a-z][a-z0-9/-]*")


# A plan item with the note it is in and the words that say what it is.
_Said = tuple[ChartNote, Plan, frozenset[str]]


def _plan_words(plan: Plan) -> frozenset[str]:
    return frozenset(_PLAN_WORD.findall(plan.text.lower())) - _PLAN_FILLER


def _same_item(earlier: _Said, later: _Said) -> bool:
    """One names the other ("BMP in 1 week - K/Cr", then "BMP in 1-2 weeks"), and the earlier
    is one item: a line that holds two ("BMP in 2 weeks. RTC 3 months.") is not replaced by a
    later one that plans only one of them. The caller leaves out earlier items of two
    sentences."""
    words, later_words = earlier[2], later[2]
    if not words or not later_words:
        return False
    return words <= later_words or later_words <= words


# A sentence ends inside the item ("Dr. Lam" does not end one).
_TWO_SENTENCES = re.compile(r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bSt)\.\s+[A-Z]")


def _superseded(notes: Sequence[ChartNote]) -> set[tuple[uuid.UUID, int]]:
    """Items a later note plans again ("BMP in 1 week", then at the next visit "BMP in 1-2
    weeks"): the later one is the item still open, and the earlier one was done or moved. A
    later mention without a day ("Echo as scheduled") leaves the earlier day standing, so then
    the later mention is the one left out."""
    seen: list[_Said] = [(note, plan, _plan_words(plan)) for note, plan in _items(notes, "plans")]
    # Only items that share a word can name one another: each item is compared with the later
    # items under its words, not with every later item (thousands of plan lines stay linear).
    under: dict[str, list[int]] = {}
    for index, said in enumerate(seen):
        for word in said[2]:
            under.setdefault(word, []).append(index)
    dropped: set[tuple[uuid.UUID, int]] = set()
    for i, earlier in enumerate(seen):
        note, plan = earlier[0], earlier[1]
        if _TWO_SENTENCES.search(plan.text):
            continue
        for j in sorted({j for word in earlier[2] for j in under[word] if j > i}):
            later = seen[j]
            later_note, later_plan = later[0], later[1]
            if later_note.id == note.id or not _same_item(earlier, later):
                continue
            # A day still ahead at the later visit stands ("Echo as scheduled 05/2026").
            if later_plan.due is None and plan.due is not None and plan.due > _day(later_note):
                dropped.add((later_note.id, later_plan.start))
            else:
                dropped.add((note.id, plan.start))
                break
    return dropped


def _day(note: ChartNote) -> date:
    return note.taken_at.date()


# A programme or a test a service runs is no visit to it: "Pulmonary rehab referral placed",
# "pulmonary function tests", "diabetes education class".
_PROGRAM = re.compile(
    r"\b(?:rehab\w*|therap\w*|function tests?|PFTs?|education|class|program(?:me)?)\b",
    re.IGNORECASE,
)


def _visited(notes: Sequence[ChartNote]) -> set[tuple[uuid.UUID, int]]:
    """Visits and referrals to a service that a later note of that service records: "Cardiology
    (Dr. Rao) in 2 weeks" in a discharge summary is done once a cardiology note follows it, and
    that note's own plan is the visit still open."""
    last_day: dict[str, date] = {}
    for note in notes:
        if note.analysis is not None and note.analysis.service is not None:
            name = note.analysis.service.name
            last_day[name] = max(last_day.get(name, _day(note)), _day(note))
    done: set[tuple[uuid.UUID, int]] = set()
    for note, plan in _items(notes, "plans"):
        if plan.kind not in (PlanKind.FOLLOW_UP, PlanKind.REFERRAL):
            continue
        service = plan.service or service_of(plan.text)
        if (
            service is not None
            and not _PROGRAM.search(plan.text)
            and last_day.get(service, _day(note)) > _day(note)
        ):
            done.add((note.id, plan.start))
    return done


def _lapsed_instruction(plan: Plan, latest: date) -> bool:
    """An instruction for a day before the patient's latest note has had its day ("Do NOT take
    warfarin Sat 02/28", "Last dose Wednesday 03/04 at 8 AM" in a bridging plan months ago): it
    is no open item to chase. Visits, orders and referrals stay, overdue if so."""
    return plan.kind is PlanKind.INSTRUCTION and plan.due is not None and plan.due < latest


def _follow_ups(notes: Sequence[ChartNote], today: date) -> list[ChartFollowUp]:
    result = []
    replanned = _replanned_returns(notes)
    superseded = _superseded(notes) | _visited(notes)
    latest = max((_day(note) for note in notes), default=today)
    for note, plan in _items(notes, "plans"):
        assert isinstance(plan, Plan)
        if note.id in replanned and _is_bare_return(plan):
            continue
        if (note.id, plan.start) in superseded:
            continue
        if _lapsed_instruction(plan, latest):
            continue
        status = _due_status(plan.due, today)
        result.append(
            ChartFollowUp(
                kind=plan.kind.value,
                text=plan.text,
                due=plan.due,
                status=status,
                source=_cite(note, plan),
                service=plan.service,
            )
        )
    return sorted(result, key=lambda f: (f.due is None, f.due or today, f.source.taken_at))


def _no_known_allergies(notes: Sequence[ChartNote]) -> bool:
    """True when a note says "no known (drug) allergies" and every note that lists an allergy
    says so beside it ("Latex (hives). NKDA."): only allergies to foods, latex or the like,
    which a note's NKDA already weighs. One note's allergy without it stands."""
    read = [n.analysis for n in notes if n.analysis is not None]
    return any(a.no_known_allergies for a in read) and all(
        a.no_known_allergies or not a.allergies for a in read
    )


def build_chart(patient_id: uuid.UUID, notes: Sequence[ChartNote], today: date) -> Chart:
    """Combine the notes (in any order) into one chart; later notes decide the current state."""
    ordered = sorted(notes, key=_order)
    medications = _medications(ordered)
    allergies = _allergies(ordered)
    problems = _problem_lists(_resolve_later(_problems(ordered), ordered))
    return Chart(
        patient_id=patient_id,
        current_medications=[m for m in medications if m.status in _CURRENT],
        held_medications=[m for m in medications if m.status is _S.HELD],
        stopped_medications=[m for m in medications if m.status is _S.STOPPED],
        historical_medications=[m for m in medications if m.status is _S.HISTORICAL],
        given_medications=[m for m in medications if m.status is _S.GIVEN],
        proposed_medications=[m for m in medications if m.status is _S.PROPOSED],
        unknown_medications=[m for m in medications if m.status is _S.UNKNOWN],
        problems=problems["problems"],
        uncertain_problems=problems["uncertain_problems"],
        resolved_problems=problems["resolved_problems"],
        past_history=problems["past_history"],
        allergies=allergies,
        no_known_allergies=_no_known_allergies(ordered),
        vitals=_series(ordered, "vitals"),
        labs=_series(ordered, "labs"),
        follow_ups=_follow_ups(ordered, today),
        immunizations=_immunizations(ordered),
        encounters=[
            ChartEncounter(
                note_id=n.id,
                taken_at=n.taken_at,
                note_type=n.note_type,
                title=n.title,
                author=n.author,
            )
            for n in ordered
        ],
        notes_without_text=sum(1 for n in ordered if not n.has_text),
        generated_from=len(ordered),
    )
