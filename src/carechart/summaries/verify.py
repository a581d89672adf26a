"""One verifier for every summary, whatever wrote it: items checked against their cited notes,
the narrative against the checked items and the chart, identifiers removed, a report kept.

An item is `verified` when it cites a note of this patient, its quote is found in that note
(case, punctuation and spacing aside) and every number it states is written there; `corrected`
when the chart held the right value and it was put in; `unverified` otherwise. A current
medication matching a documented allergy is flagged. A narrative naming a drug, number, date or
person nothing backs, or contradicting the allergies or the medication list, is replaced by the
local composer's narrative from the checked chart facts, and the report says so.
"""

import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from carechart.notes.public import Chart, find_drug_names
from carechart.summaries.claims import (
    drugs_of,
    problem_denied,
    state_contradiction,
    value_mismatch,
)
from carechart.summaries.picture import (
    GENERIC_PLAN_WORDS,
    ClinicalPicture,
    FollowUp,
    follow_up_state,
    named_tests,
)
from carechart.summaries.providers.base import (
    CURRENT_STATES,
    DraftFollowUp,
    DraftItem,
    DraftMedication,
    MedicationState,
    SummaryDraft,
)
from carechart.summaries.providers.base import (
    FollowUpState as DraftFollowUpState,
)
from carechart.summaries.providers.local import plain

VERIFIER_VERSION = "2"
_MONTHS = "january february march april may june july august september october november december"
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\d])|(?<![\w.])\d+(?:\.\d+)?")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_US_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_LONG_DATE = re.compile(rf"(?i)\b({_MONTHS.replace(' ', '|')})\s+(\d{{1,2}}),?\s+(\d{{4}})\b")
_MARKER = re.compile(r"\[\d+\]")
_MASK = re.compile(r"\[(PATIENT|MRN|DOB)\]")
_LABELLED_ID = re.compile(
    r"(?i)\b(?:MRN|medical record (?:number|no\.?)|patient id|DOB|date of birth)\b"
    r"\s*(?:is|of|:|#)?\s*[\w/.-]*\d[\w/.-]*"
)
_PERSON = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Doctor)\.?\s+([A-Z][a-z'-]+)")
_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)+\b")
_NKDA = re.compile(r"(?i)\b(nkda|no known (?:drug |medication )?allergies|no allergies)\b")
_STOP_WORDS = re.compile(
    r"(?i)\b(stop\w*|discontinu\w*|d/c|held|hold\w*|no longer|ended|off|allerg\w*|avoid\w*)\b"
)
# "on" says a drug is taken ("on metformin"), not when it dates a value ("Potassium 4.1 on
# 2025-03-25", "K 3.4 on March 18", "seen on Monday") or says what is to be decided ("decide on
# losartan", "based on").
_ON_A_DAY = (
    r"(?<!decide )(?<!decided )(?<!deciding )(?<!decision )(?<!based )(?<!depending )"
    r"(?<!depends )on(?!\s+(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    r"|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?(?:\s|,|$)))"
)
_CURRENT_WORDS = re.compile(
    rf"(?i)\b(takes|taking|continues?|continued|{_ON_A_DAY}|started|starts|start|current\w*"
    r"|resumed?)\b"
)
# Allergy classes whose members a note may start by name: the allergy still applies.
_ALLERGY_CLASSES = {
    "penicillin": (
        "amoxicillin",
        "ampicillin",
        "penicillin",
        "piperacillin",
        "nafcillin",
        "dicloxacillin",
        "oxacillin",
    ),
    "pcn": ("amoxicillin", "ampicillin", "penicillin", "piperacillin", "nafcillin"),
    "sulfa": ("sulfamethoxazole", "sulfasalazine", "sulfadiazine"),
}


# Words that start sentences of any summary: never a person's name.
_COMMON = frozenset(
    [
        "the",
        "this",
        "that",
        "these",
        "their",
        "they",
        "them",
        "your",
        "you",
        "our",
        "his",
        "her",
        "he",
        "she",
        "it",
        "its",
        "we",
        "a",
        "an",
        "and",
        "as",
        "of",
        "on",
        "in",
        "at",
        "for",
        "with",
        "from",
        "to",
        "patient",
        "patients",
        "family",
        "member",
        "medicines",
        "medications",
        "problems",
        "history",
        "allergies",
        "allergy",
        "key",
        "results",
        "follow-up",
        "follow",
        "up",
        "notes",
        "note",
        "current",
        "held",
        "stopped",
        "changed",
        "started",
        "active",
        "resolved",
        "chronic",
        "what",
        "happens",
        "next",
        "get",
        "help",
    ]
)


def normalise(text: str) -> str:
    """Lower case letters and digits, single spaces: quotes match whatever the spacing."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9.]+", " ", folded).replace(" .", " ").split()).strip(". ")


def numbers_in(text: str) -> set[str]:
    return {_canonical(m.group(0)) for m in _NUMBER.finditer(text)}


def _canonical(number: str) -> str:
    value = float(number.replace(",", ""))
    return f"{value:g}"


def _drug_keys(text: str) -> set[str]:
    return {name.drug.key for name in find_drug_names(text, 0, len(text))}


def _combination_key(name: str) -> str:
    """A combination's key as the vocabulary writes it: its ingredients, lower case, sorted and
    joined by " / " ("acetaminophen / aspirin / caffeine")."""
    return " / ".join(sorted(part.strip().lower() for part in name.split("/") if part.strip()))


@dataclass(frozen=True)
class SourceText:
    """A note of this patient: as stored, and as the model saw it (masked)."""

    id: uuid.UUID
    taken_at: datetime
    texts: tuple[str, ...]

    @property
    def normalised(self) -> str:
        return " \n ".join(normalise(t) for t in self.texts)


@dataclass(frozen=True)
class Identity:
    """The patient's identifiers, never to appear in a summary's text (the heading has them)."""

    names: tuple[str, ...]
    mrn: str
    date_of_birth: date


@dataclass
class _Note:
    source: SourceText
    normalised: str
    numbers: set[str]
    drugs: set[str]


@dataclass
class Evidence:
    """What the verifier checks against: the notes, the chart and its picture."""

    sources: list[SourceText]
    chart: Chart
    picture: ClinicalPicture
    identity: Identity
    notes: dict[str, _Note] = field(init=False)
    chart_numbers: set[str] = field(init=False)
    known_dates: set[date] = field(init=False)
    corpus_words: set[str] = field(init=False)
    lab_drugs: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self.notes = {str(s.id): _Note(s, s.normalised, set(), set()) for s in self.sources}
        for note in self.notes.values():
            joined = "\n".join(note.source.texts)
            note.numbers = numbers_in(joined)
            note.drugs = _drug_keys(joined)
        self.chart_numbers = _chart_numbers(self.chart)
        self.known_dates = {s.taken_at.date() for s in self.sources} | {self.picture.today}
        self.known_dates |= {f.due for f in self.chart.follow_ups if f.due}
        # A date a note writes is backed by that note.
        for source in self.sources:
            self.known_dates |= {d for t in source.texts for d in _dates_in(t) if d is not None}
        self.lab_drugs = set().union(*(drugs_of(s.name) for s in self.chart.labs))
        words = " ".join(t for s in self.sources for t in s.texts)
        words += " " + " ".join(s.name for s in [*self.chart.vitals, *self.chart.labs])
        self.corpus_words = {w.lower() for w in re.findall(r"[A-Za-z'-]+", words)} | _COMMON

    def allergen_keys(self) -> set[str]:
        keys: set[str] = set()
        for allergy in self.chart.allergies:
            substance = allergy.substance.lower()
            keys |= _drug_keys(substance) | {normalise(substance)}
            for cls, members in _ALLERGY_CLASSES.items():
                if cls in substance:
                    keys |= set(members)
        return keys

    def chart_medication(self, name: str) -> Any:
        keys = _drug_keys(name) or {normalise(name)}
        meds = [
            *self.chart.current_medications,
            *self.chart.held_medications,
            *self.chart.stopped_medications,
            *self.chart.historical_medications,
            *self.chart.given_medications,
            *self.chart.proposed_medications,
            *self.chart.unknown_medications,
        ]
        for med in meds:
            mine = _drug_keys(med.ingredient or med.name) | {normalise(med.name)}
            if keys & mine:
                return med
        return None


_EVERY = re.compile(r"(?i)\bq(?=\d)(\d+(?:-\d+)?)")


def _chart_numbers(chart: Chart) -> set[str]:
    """The clinical values of the chart (never its offsets or ids)."""
    texts: list[str] = []
    for series in [*chart.vitals, *chart.labs]:
        for m in series.history:
            texts += [str(v) for v in (m.value, m.systolic, m.diastolic) if v is not None]
            texts.append(m.source.text)
    meds = [*chart.current_medications, *chart.held_medications, *chart.stopped_medications]
    for med in meds:
        # "q8h" states 8 hours as a lay summary writes it ("every 8 hours").
        frequency = _EVERY.sub(r"\1 ", med.frequency or "")
        texts += [med.dose or "", frequency, med.latest.text]
    texts += [f.text for f in chart.follow_ups]
    texts += [p.text for p in chart.every_problem()]
    texts += [f"{a.substance} {a.reaction or ''}" for a in chart.allergies]
    return numbers_in(" ".join(texts))


# ---- items ----------------------------------------------------------------------------------


@dataclass
class Checked:
    """One item after verification, as stored."""

    values: dict[str, Any]
    verification: str
    reasons: list[str]
    flags: list[str]

    def stored(self) -> dict[str, Any]:
        return {
            **self.values,
            "verification": self.verification,
            "unverified": self.verification == "unverified",
            "reasons": self.reasons,
            "flags": self.flags,
        }


def _quote_found(quote: str, note: _Note) -> bool:
    pieces = [normalise(p) for p in re.split(r"\.\.\.|…", _MASK.sub(" ", quote))]
    pieces = [p for p in pieces if p]
    return bool(pieces) and all(p in note.normalised for p in pieces)


def _stated_numbers(*texts: str | None) -> set[str]:
    found: set[str] = set()
    for text in texts:
        if text:
            bare = _MARKER.sub(" ", _ISO_DATE.sub(" ", without_name_numbers(text)))
            found |= numbers_in(bare)
    return found


def without_name_numbers(text: str) -> str:
    """The text with the numbers that belong to a drug's name blanked: "polyethylene glycol
    3350", "PEG 3350", "Humulin 70/30", "Tylenol #3" state no dose (the dose follows the name)."""
    pieces, done = [], 0
    for name in find_drug_names(text, 0, len(text)):
        pieces += [text[done : name.start], re.sub(r"\d", " ", text[name.start : name.end])]
        done = name.end
    return "".join(pieces) + text[done:]


def _names_found(name: str, note: _Note) -> bool:
    drugs = _drug_keys(name)
    if _combination_key(name) in note.drugs:
        return True  # "aspirin / acetaminophen / caffeine" where the note says "Excedrin"
    if drugs:
        return bool(drugs & note.drugs)
    words = [w for w in normalise(name).split() if len(w) > 3 and not w.isdigit()]
    return all(any(t.startswith(w[:5]) for t in note.normalised.split()) for w in words)


def _plan_found(text: str, quote: str, note: _Note, evidence: Evidence) -> bool:
    """A follow-up may be reworded ("Return in 3 months" for "RTC 3 months"), but the test, the
    drug and the service it names must be its quote's (or the service the chart files that
    follow-up under): "Repeat CT chest" or "Hospice referral" quoting "RTC 3 months" is not the
    note's. Its other words must be the note's. The quote in plain words counts as the quote
    ("chest X-ray" for "CXR")."""
    if _drug_keys(text) - note.drugs:
        return False
    said = f"{normalise(quote)} {normalise(plain(quote))} {_services_of(quote, evidence)}"
    quoted = {t.strip(".")[:5] for t in said.split()}
    wanted = {w.strip(".")[:5] for t in named_tests(text) for w in normalise(t).split()}
    if not wanted <= quoted:
        return False
    written = quoted | {t.strip(".")[:5] for t in note.normalised.split()}
    return all(w[:5] in written for w in _plan_words(text))


# Words a reworded follow-up may add: how and when, never what ("come back to see your doctor").
_FILLER = (
    "come back return returning clinic doctor provider team office your please make sure "
    "book booked schedule call phone about weeks months years days time visit visits again "
    "should would could will needs need within around after before later soon there here "
    "when what which where while into onto over under more less some other"
)
_PLAN_FILLER = frozenset(_FILLER.split())


def _plan_words(text: str) -> list[str]:
    words = [w.strip(".") for w in normalise(text).split()]
    generic = _PLAN_FILLER | GENERIC_PLAN_WORDS | _COMMON
    return [w for w in words if len(w) > 3 and re.search("[a-z]", w) and w not in generic]


def _services_of(quote: str, evidence: Evidence) -> str:
    """The services the chart files the quoted follow-up under ("Dermatology")."""
    said = normalise(quote)
    found = [
        f.service
        for f in evidence.chart.follow_ups
        if f.service and said and (normalise(f.text) in said or said in normalise(f.text))
    ]
    return normalise(" ".join(found))


def _claim_reasons(item: DraftItem, section: str, note: _Note, evidence: Evidence) -> list[str]:
    """What the item says beyond its quote that the note or the chart does not: a drug its text
    adds, a problem the note denies, a value of another test, no allergies against documented
    ones."""
    reasons: list[str] = []
    # A lab named after a drug ("Potassium 4.6", "Magnesium 1.7") is a result, not a drug; a
    # combination's ingredients are named by the note's brand ("Excedrin").
    ingredients = {part for key in note.drugs for part in key.split(" / ")}
    added = drugs_of(item.text) - note.drugs - ingredients - evidence.lab_drugs
    if added and section != "observations":
        reasons.append("its text names a drug the cited note does not")
    if section == "problems":
        uncertain = _enum_value(getattr(item, "status", None)) == "uncertain"
        name = getattr(item, "name", None) or item.text
        denied = problem_denied(name, _MASK.sub(" ", item.quote), note.source.texts, uncertain)
        if denied:
            reasons.append(denied)
    if section == "observations":
        bare = _MARKER.sub(" ", _ISO_DATE.sub(" ", _LONG_DATE.sub(" ", item.text)))
        mismatch = value_mismatch(item.text, evidence.chart, bare)
        if mismatch:
            reasons.append(mismatch)
    documented = evidence.picture.allergy_state == "documented"
    if section == "allergies" and documented and _NKDA.search(f"{item.text} {item.quote}"):
        reasons.append("says there are no known allergies although allergies are documented")
    return reasons


def _citation(note: _Note) -> list[dict[str, str]]:
    return [{"note_id": str(note.source.id), "taken_at": note.source.taken_at.isoformat()}]


def _base_values(item: DraftItem, scrub: Callable[[str], str]) -> dict[str, Any]:
    return {
        "text": scrub(item.text),
        "name": scrub(getattr(item, "name", None) or "") or None,
        "dose": getattr(item, "dose", None),
        "status": _enum_value(getattr(item, "status", None)),
        "due": getattr(item, "due", None),
        "state": _enum_value(getattr(item, "state", None)),
        "quote": scrub(item.quote),
        "citations": [],
    }


def _enum_value(value: Any) -> Any:
    return getattr(value, "value", value)


def _check_item(
    item: DraftItem, evidence: Evidence, section: str, scrub: Callable[[str], str]
) -> Checked:
    values = _base_values(item, scrub)
    reasons: list[str] = []
    note = evidence.notes.get(item.note_id.strip())
    if note is None:
        reasons.append("cites no note of this patient")
    else:
        values["citations"] = _citation(note)
        if not _quote_found(item.quote, note):
            reasons.append("quote not found in the cited note")
        allowed = note.numbers | (evidence.chart_numbers if section == "observations" else set())
        stated = _stated_numbers(item.text, getattr(item, "dose", None))
        if stated - allowed:
            reasons.append("a number or dose is not in the cited note")
        name = getattr(item, "name", None)
        if name and section != "plans" and not _names_found(name, note):
            reasons.append("the cited note does not name it")
        if section == "plans" and not _plan_found(item.text, item.quote, note, evidence):
            reasons.append("the cited note does not name the test, drug or service")
        reasons += _claim_reasons(item, section, note, evidence)
    if isinstance(item, DraftFollowUp):
        _check_due(item, values, evidence, reasons)
    checked = Checked(values, "unverified" if reasons else "verified", reasons, [])
    if isinstance(item, DraftMedication):
        _check_medication(item, checked, evidence)
    return checked


def _check_due(
    item: DraftFollowUp, values: dict[str, Any], evidence: Evidence, reasons: list[str]
) -> None:
    if item.due is None:
        values["state"] = "open"
        return
    try:
        due = date.fromisoformat(item.due)
    except ValueError:
        reasons.append("the due date is not a date")
        return
    if due not in evidence.known_dates:
        reasons.append("the due date is not in the notes or the chart")
    # The state follows from the date and today, whatever the writer said.
    values["state"] = follow_up_state(due, evidence.picture.today)


def _check_medication(item: DraftMedication, checked: Checked, evidence: Evidence) -> None:
    current = item.status in CURRENT_STATES
    keys = _drug_keys(item.name) | {normalise(item.name)}
    if current and keys & evidence.allergen_keys():
        checked.flags.append("allergy_conflict")
        checked.reasons.append("a documented allergy matches this current medication")
    med = evidence.chart_medication(item.name)
    if med is None:
        # The note may name the drug, but nothing says the patient takes it now: a claim that
        # it is current is the writer's, not the notes'.
        if current:
            checked.reasons.append("the chart does not hold it as a current medication")
        if checked.reasons:
            checked.verification = "unverified"
        return
    chart_current = med.status.value in {s.value for s in CURRENT_STATES}
    contradiction = state_contradiction(_enum_value(item.status), item.text, med.status.value)
    if contradiction:
        checked.reasons.append(contradiction)
        checked.verification = "unverified"
    corrected: list[str] = []
    if current and not chart_current and med.status.value in _STATUS_FROM_CHART:
        checked.values["status"] = _STATUS_FROM_CHART[med.status.value]
        corrected.append("status")
    elif current and not chart_current:
        # Proposed, or of unknown status: no draft state says so, and "current" is not shown.
        checked.reasons.append(f"the chart holds it as {med.status.value}, not current")
        checked.verification = "unverified"
    dose_wrong = "a number or dose is not in the cited note" in checked.reasons
    if dose_wrong and med.dose:
        dose = " ".join(p for p in (med.dose, med.frequency) if p)
        checked.values["dose"] = dose
        checked.values["text"] = f"{med.as_written} {dose}"
        checked.values["quote"] = " ".join(med.latest.text.split())
        checked.values["citations"] = [
            {"note_id": str(med.latest.note_id), "taken_at": med.latest.taken_at.isoformat()}
        ]
        checked.reasons.remove("a number or dose is not in the cited note")
        quote_reason = "quote not found in the cited note"
        if quote_reason in checked.reasons:
            checked.reasons.remove(quote_reason)
        corrected.append("dose")
    if corrected:
        checked.reasons.append(f"corrected from the chart: {' and '.join(corrected)}")
        hard = [r for r in checked.reasons if not r.startswith(("corrected", "a documented"))]
        checked.verification = "unverified" if hard else "corrected"


_STATUS_FROM_CHART = {
    "stopped": MedicationState.STOPPED.value,
    "held": MedicationState.HELD.value,
    "given": MedicationState.STOPPED.value,
    "historical": MedicationState.STOPPED.value,
}


# ---- identifiers ----------------------------------------------------------------------------


class Scrubber:
    """Removes the patient's names, MRN and date of birth, and any labelled MRN or DOB."""

    def __init__(self, identity: Identity) -> None:
        self.removed = 0
        forms = {identity.mrn}
        day = identity.date_of_birth
        forms |= {
            day.isoformat(),
            f"{day.month:02d}/{day.day:02d}/{day.year}",
            f"{day.month}/{day.day}/{day.year}",
        }
        names = sorted({n for n in identity.names if len(n) > 1}, key=len, reverse=True)
        words = [re.escape(f) for f in sorted(forms, key=len, reverse=True) if f]
        words += [rf"\b{re.escape(n)}\b" for n in names]
        self._own = re.compile("|".join(words), re.IGNORECASE) if words else None

    def __call__(self, text: str) -> str:
        cleaned, count = _LABELLED_ID.subn("", text)
        cleaned, masks = _MASK.subn("the patient", cleaned)
        if self._own is not None:
            cleaned, own = self._own.subn("the patient", cleaned)
            count += own
        self.removed += count + masks
        if count or masks:
            cleaned = re.sub(r"the patient(\s+the patient)+", "the patient", cleaned)
            cleaned = re.sub(r"\s+([,.;])", r"\1", re.sub(r"[ \t]{2,}", " ", cleaned))
            cleaned = re.sub(
                r"(^|[.!?]\s+)the patient", lambda m: m.group(1) + "The patient", cleaned
            )
        return cleaned.strip()


# ---- the narrative --------------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def _dates_in(text: str) -> Iterable[date | None]:
    for match in _ISO_DATE.finditer(text):
        yield _safe_date(int(match[1]), int(match[2]), int(match[3]))
    for match in _US_DATE.finditer(text):
        first, second = int(match[1]), int(match[2])
        # Month first, as US notes write; "20/08/2026" can only be day first, as British ones do.
        month, day = (second, first) if first > 12 >= second else (first, second)
        yield _safe_date(int(match[3]), month, day)
    for match in _LONG_DATE.finditer(text):
        yield _safe_date(int(match[3]), _MONTHS.split().index(match[1].lower()) + 1, int(match[2]))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_numbers(day: date) -> set[str]:
    return {str(day.year), str(day.month), str(day.day)}


@dataclass(frozen=True)
class Backing:
    """What the narrative may state: the checked items and the chart."""

    numbers: set[str]
    drugs: set[str]
    current: set[str]
    stopped: set[str]
    allergens: set[str]
    labs: set[str]
    states: dict[str, set[str]] = field(default_factory=dict)


def _backing(evidence: Evidence, items: list[Checked], age: int | None) -> Backing:
    good = [i for i in items if i.verification in ("verified", "corrected")]
    numbers = set(evidence.chart_numbers)
    for item in good:
        values = item.values
        numbers |= _stated_numbers(values["text"], values.get("dose"), values.get("quote"))
    for day in evidence.known_dates:
        numbers |= _date_numbers(day)
    picture = evidence.picture
    numbers |= {str(n) for n in (age, picture.encounter.notes, picture.age_days) if n is not None}
    numbers |= numbers_in(picture.age_text())
    chart = evidence.chart
    current = set().union(*(_drug_keys(m.ingredient or m.name) for m in chart.current_medications))
    stopped = (
        set().union(*(_drug_keys(m.ingredient or m.name) for m in chart.stopped_medications))
        - current
    )
    # A chart drug named by its ingredients ("b complex / vitamin c / folic acid" for the note's
    # "Nephro-Vite") is backed by the note that named the product.
    drugs = set().union(*(n.drugs for n in evidence.notes.values()), current, stopped)
    for item in good:
        if item.values.get("name"):
            drugs |= _drug_keys(item.values["name"])
    states: dict[str, set[str]] = {}
    for med in chart.every_medication():
        state = "current" if med in chart.current_medications else med.status.value
        keys = _drug_keys(med.ingredient or med.name) | _drug_keys(med.as_written)
        # A combination holds each of its ingredients ("docusate" of "sennosides / docusate").
        for key in keys | {part for k in keys for part in k.split(" / ")}:
            states.setdefault(key, set()).add(state)
    allergens, labs = evidence.allergen_keys(), evidence.lab_drugs
    return Backing(numbers, drugs, current, stopped, allergens, labs, states)


def _unbacked_names(sentence: str, evidence: Evidence) -> bool:
    for match in _PERSON.finditer(sentence):
        if match.group(1).lower() not in evidence.corpus_words:
            return True
    for match in _CAPITALISED_RUN.finditer(sentence):
        words = match.group(0).split()
        unknown = [w for w in words if w.lower() not in evidence.corpus_words]
        if len(unknown) >= 2 and not _drug_keys(match.group(0)):
            return True
    return False


def _clause(sentence: str, start: int, end: int) -> str:
    """The part of the sentence around a mention, between list separators."""
    left = max(sentence.rfind(";", 0, start), sentence.rfind(",", 0, start), -1)
    ends = [i for i in (sentence.find(";", end), sentence.find(",", end)) if i >= 0]
    return sentence[left + 1 : min(ends) if ends else len(sentence)]


# A lab's value as a summary states it: "Magnesium 1.7 (low)", "magnesium was low: 1.7".
_RESULT_VALUE = re.compile(r"(?i)\d|\b(low|high|normal)\b")


def _lab_result(key: str, window: str, backing: Backing) -> bool:
    """A chart lab named like a drug, stated with its value and not as taken: a result (its
    number is checked like any other), not a drug the notes do not name."""
    return (
        key in backing.labs
        and bool(_RESULT_VALUE.search(window))
        and not _CURRENT_WORDS.search(window)
    )


def _drug_claims(sentence: str, backing: Backing) -> list[str]:
    reasons = []
    for found in find_drug_names(sentence, 0, len(sentence)):
        key = found.drug.key
        window = _clause(sentence, found.start, found.end)
        if key not in backing.drugs and not _lab_result(key, window, backing):
            reasons.append("names a drug no note or checked item mentions")
        elif (
            key in backing.allergens
            and _CURRENT_WORDS.search(window)
            and not re.search(r"(?i)allerg|reaction|caused", sentence)
            and not _STOP_WORDS.search(window)
        ):
            reasons.append("describes a documented allergen as a medication")
        elif (
            key in backing.stopped
            and _CURRENT_WORDS.search(window)
            and not _STOP_WORDS.search(window)
        ):
            reasons.append("describes a stopped drug as current")
        elif (
            key in backing.current
            and re.search(r"(?i)\b(stopped|discontinued|no longer)\b", window)
            and not _CURRENT_WORDS.search(window)
        ):
            reasons.append("describes a current drug as stopped")
        else:
            reasons += _state_claim(key, window, _heading(sentence, found.start), backing)
    return reasons


# A list's heading in the sentence before a drug ("Current: a; b; c", "Held: d").
_HEADING_BEFORE = re.compile(r"([A-Za-z][A-Za-z ]{0,40}):\s")
# Words that make a mention something other than a claim that the drug is taken now: an option
# or a plan ("consider adding", "could try", "if the A1c stays high, start"), one dose ("was
# given", "received"), a stop, a hold or the past ("discontinued", "held", "previously").
_PROPOSAL_WORDS = re.compile(
    r"(?i)\b(consider\w*|could|may|might|would|recommend\w*|suggest\w*|options?|if|unless"
    r"|discuss\w*|plan(?:s|ned)? to|propos\w*|candidate|start|begin|add|try|trial of|awaiting"
    r"|pending|decide\w*|whether|to be|will|while|then|when(?!\s+needed))\b"
)
_ONCE_WORDS = re.compile(
    r"(?i)\b(given|received?|receiving|administered|one[- ]time|single dose|one dose|x\s?1)\b"
)
_PAST_WORDS = re.compile(
    r"(?i)\b(previously|previous|prior|formerly|former|history of|hx of|tried|failed|was on"
    r"|were on|used to|in the past|years ago|intoleran\w*)\b"
)
# The states of the chart that back each kind of claim.
_BACKS = {
    "current": {"current", "held"},
    "once": {"given", "current", "held", "stopped", "historical", "unknown"},
    "ended": {"stopped", "held", "historical", "given", "unknown"},
}
_WRONG_STATE = {
    "stopped": "describes a stopped drug as current",
    "given": "describes a drug given once as current",
    "proposed": "describes a proposed drug as current",
    "historical": "describes a past drug as current",
}


def _heading(sentence: str, start: int) -> str:
    found = list(_HEADING_BEFORE.finditer(sentence, 0, start))
    return found[-1].group(1) if found else ""


def _claim(window: str, heading: str) -> str | None:
    """What a mention says of the drug: taken now, an option, one dose, ended, or nothing."""
    if _PROPOSAL_WORDS.search(window):
        return "proposal"
    if _STOP_WORDS.search(window) or _PAST_WORDS.search(window):
        return "ended"
    if _ONCE_WORDS.search(window):
        return "once"
    if _CURRENT_WORDS.search(window):
        return "current"
    if _STOP_WORDS.search(heading):
        return "ended"
    return "current" if _CURRENT_WORDS.search(heading) else None


def _state_claim(key: str, window: str, heading: str, backing: Backing) -> list[str]:
    """Why the state the sentence gives a chart drug is not the chart's: "takes empagliflozin"
    when the notes only propose it; "was given X" or "X was stopped" of a drug only proposed."""
    claim = _claim(window, heading)
    states = backing.states.get(key, set())
    if claim is None or claim == "proposal" or key in backing.allergens or states & _BACKS[claim]:
        return []
    if not states and key in backing.labs:
        return []  # "potassium after furosemide resumed": the lab, not a drug
    if claim != "current":
        # A hold or an avoidance of a drug in use ("remain on hold until tomorrow") is no
        # invention; only a drug never taken cannot have been given or stopped.
        only_proposed = states == {"proposed"}
        return ["describes a drug only proposed as given or stopped"] if only_proposed else []
    wrong = [_WRONG_STATE[s] for s in ("stopped", "given", "historical", "proposed") if s in states]
    return wrong[:1] or ["describes a drug as taken that the chart does not hold as current"]


def check_narrative(
    narrative: str, evidence: Evidence, items: list[Checked], age: int | None
) -> list[str]:
    """Why the narrative cannot stand ([] when every claim in it is backed)."""
    backing = _backing(evidence, items, age)
    reasons: list[str] = []
    if _NKDA.search(narrative) and evidence.picture.allergy_state == "documented":
        reasons.append("says there are no known allergies although allergies are documented")
    for day in _dates_in(narrative):
        if day is None or day not in evidence.known_dates:
            reasons.append("states a date the notes do not")
    for sentence in _sentences(narrative):
        reasons += _drug_claims(sentence, backing)
        bare = _LONG_DATE.sub(
            " ", _US_DATE.sub(" ", _ISO_DATE.sub(" ", _MARKER.sub(" ", sentence)))
        )
        bare = without_name_numbers(bare)
        if numbers_in(bare) - backing.numbers:
            reasons.append("states a number or dose nothing backs")
        if _unbacked_names(sentence, evidence):
            reasons.append("names a person the notes do not")
    return list(dict.fromkeys(reasons))


# ---- the whole summary ----------------------------------------------------------------------

SECTIONS = ("problems", "medications", "allergies", "observations", "plans")


@dataclass(frozen=True)
class Verified:
    sections: dict[str, list[dict[str, Any]]]
    narrative: str
    report: dict[str, Any]


REWRITE_NOTE = {
    True: (
        "(This overview was rewritten from the checked records: the first draft said things "
        "the notes do not support.)"
    ),
    False: (
        "[Narrative rewritten by Carechart from the verified items and the chart: the model's "
        "narrative made claims the notes do not support.]"
    ),
}


def verify(
    draft: SummaryDraft,
    evidence: Evidence,
    *,
    age: int | None,
    lay: bool,
    compose: Callable[[], str],
    composed_locally: bool,
) -> Verified:
    """Check every item and the narrative; rewrite the narrative with `compose` when needed."""
    scrub = Scrubber(evidence.identity)
    checked: dict[str, list[Checked]] = {
        name: [_check_item(i, evidence, name, scrub) for i in getattr(draft, name)]
        for name in SECTIONS
    }
    checked["plans"] += _left_out_follow_ups(checked["plans"], evidence, scrub, lay=lay)
    everything = [c for items in checked.values() for c in items]
    narrative = scrub(draft.narrative)
    reasons = check_narrative(narrative, evidence, everything, age)
    if scrub.removed and not composed_locally:
        reasons.append("carried identifiers, removed")
    status = "backed"
    if reasons and not composed_locally:
        narrative = f"{compose()}\n{REWRITE_NOTE[lay]}"
        status = "rewritten"
    elif reasons:
        status = "not_backed"
    report = _report(everything, status, reasons, scrub.removed, evidence)
    return Verified({k: [c.stored() for c in v] for k, v in checked.items()}, narrative, report)


def _covers(item: Checked, follow_up: FollowUp) -> bool:
    if item.verification == "unverified":
        return False
    quote, cited = normalise(item.values["quote"] or ""), normalise(follow_up.cited.quote)
    text, wanted = normalise(item.values["text"] or ""), normalise(follow_up.text)
    return bool(quote and cited and (quote in cited or cited in quote)) or wanted in text


def _left_out_follow_ups(
    plans: list[Checked], evidence: Evidence, scrub: Callable[[str], str], *, lay: bool
) -> list[Checked]:
    """The chart's open follow-ups a draft left out, put back from the chart: what is still to
    be done is what the next reader must not miss. Each is checked like any item, and kept
    only when its note bears it out."""
    added: list[Checked] = []
    for follow_up in evidence.picture.follow_ups:
        if any(_covers(item, follow_up) for item in [*plans, *added]):
            continue
        draft = DraftFollowUp(
            text=plain(follow_up.text) if lay else follow_up.text,
            due=follow_up.due.isoformat() if follow_up.due else None,
            state=DraftFollowUpState(follow_up.state),
            note_id=str(follow_up.cited.note_id),
            quote=follow_up.cited.quote,
        )
        item = _check_item(draft, evidence, "plans", scrub)
        if item.verification == "verified":
            item.verification = "corrected"
            item.reasons.append("added from the chart: the draft left out this open follow-up")
            added.append(item)
    return added


def _report(
    items: list[Checked], status: str, reasons: list[str], removed: int, evidence: Evidence
) -> dict[str, Any]:
    counts = {"verified": 0, "corrected": 0, "unverified": 0}
    for item in items:
        counts[item.verification] += 1
    return {
        "verifier_version": VERIFIER_VERSION,
        "items": counts,
        "flagged": sum(1 for i in items if i.flags),
        "narrative": {"status": status, "reasons": reasons},
        "identifiers_removed": removed,
        "as_of": evidence.picture.as_of.isoformat() if evidence.picture.as_of else None,
        "today": evidence.picture.today.isoformat(),
    }
