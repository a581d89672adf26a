"""Clinical note templates for generated notes: several kinds of note, filled in with variations.

Written for the benchmark. Each template is rendered with a handful of values (date, vitals, a
dose, the author) so that one patient can have many notes whose bytes differ; the generator
analyses every distinct text once with the real extractor, so the stored `derived` data is
what the API would have computed.
"""

import random
from dataclasses import dataclass

AUTHORS = (
    "Dr. Ana Rivera, MD",
    "Dr. Mark Reynolds, MD",
    "Dr. Priya Nair, MD",
    "Dr. Kwame Mensah, DO",
    "Dr. Sofia Lindqvist, MD",
    "Dr. Hiroshi Tanaka, MD",
    "Jane Okafor, NP",
    "Dr. Omar Haddad, MD",
)

TEMPLATES: tuple[str, ...] = (
    """SOAP Note - Encounter Date: {date} (Follow-Up Visit)
S: Pt returns for follow-up of hypertension and hyperlipidemia. Reports good adherence to \
lisinopril {dose} mg PO daily. Denies chest pain, palpitations, SOB, orthopnea or PND. \
Walking 30 minutes most days.

O:
BP: {sys}/{dia} mmHg
HR: {hr} bpm
Weight: {weight} lbs
Heart RRR, no murmurs. Lungs clear bilaterally.
LDL cholesterol {ldl} mg/dL (desirable <100 mg/dL)

A:
Essential hypertension, controlled
Hyperlipidemia

P:
Continue lisinopril {dose} mg PO daily
Start atorvastatin 20 mg PO qHS
Repeat lipid panel in 3 months
RTC in 3 months or sooner PRN.
Signed:
{author}
Internal Medicine""",
    """Progress Note - Hospital Day {day}
Date: {date}
Subjective: Pt admitted for community-acquired pneumonia. Reports cough improving, less \
sputum. No fever overnight. Tolerating diet. Denies chest pain.
Objective:
Temp: 99.{t} °F
BP: {sys}/{dia} mmHg
HR: {hr} bpm
RR: 18 breaths/min
SpO2: 9{sat}% on room air
WBC {wbc} K/uL
Crackles at right base, improved.
Assessment: Community-acquired pneumonia, improving. Type 2 diabetes mellitus.
Plan:
Continue ceftriaxone 1 g IV q24h, day {day} of 5
Continue metformin {dose}0 mg PO BID
Incentive spirometry
Anticipate discharge in 1-2 days.
{author}""",
    """Discharge Summary
Admission Date: {date}
Discharge Diagnosis: Acute exacerbation of COPD
Hospital Course: Pt presented with worsening dyspnea and wheezing. Treated with nebulized \
albuterol and ipratropium, prednisone 40 mg PO daily and azithromycin. Improved steadily. \
No hx of intubation.
Vitals at discharge: BP {sys}/{dia} mmHg, HR {hr} bpm, SpO2 9{sat}% on room air.
Allergies: Penicillin (rash).
Discharge Medications:
Prednisone 40 mg PO daily for {day} more days
Tiotropium 18 mcg inhaled daily
Albuterol inhaler 2 puffs q4-6h PRN SOB
Follow-up: PCP in 1 week; pulmonology in 4 weeks.
{author}""",
    """Emergency Department Note - Date: {date}
Chief complaint: Left ankle injury.
HPI: Pt twisted left ankle playing football {day} hours ago. Pain 6/10 with weight bearing. \
Denies numbness or tingling. No prior injury.
Exam: BP {sys}/{dia} mmHg, HR {hr} bpm. Swelling and tenderness over lateral malleolus. \
Neurovascularly intact distally.
X-ray: no fracture.
Assessment: Left ankle sprain, grade II.
Plan: RICE. Ibuprofen {dose}00 mg PO q8h PRN pain. Crutches, weight bearing as tolerated. \
Return if worsening pain or numbness. Follow up with PCP in 1 week.
{author}""",
    """Telephone Encounter - {date}
Pt called about lab results. Hemoglobin A1c {a1c}% (goal <7%). Fasting glucose {glucose} mg/dL.
Discussed diet and exercise. Pt reports no hypoglycemia.
Plan: Increase metformin to {dose}00 mg PO BID. Recheck A1c in 3 months. Pt verbalized \
understanding.
{author}""",
    """Cardiology Consult Note
Date of service: {date}
Reason for consult: Atrial fibrillation with rapid ventricular response.
History: Pt with hx of hypertension presents with palpitations for {day} days. Denies syncope.
Vitals: BP {sys}/{dia} mmHg, HR {hr} bpm irregular, SpO2 9{sat}%.
ECG: atrial fibrillation, no acute ST changes.
Echo: LVEF 55%, mild left atrial enlargement.
Impression: New-onset atrial fibrillation. CHA2DS2-VASc score 2.
Recommendations:
Start apixaban 5 mg PO BID
Metoprolol succinate {dose}5 mg PO daily for rate control
TSH level
Outpatient Holter monitor; follow up in cardiology clinic in 2 weeks.
{author}""",
    """Well Child Visit - Encounter Date: {date}
S: Parent reports child eating well, sleeping through the night. Immunizations up to date. \
No concerns.
O: Weight {weight} lbs, height 4{day} in. Temp 98.{t} °F. HR {hr} bpm. Normal exam.
A: Healthy child, normal growth and development.
P: Influenza vaccine given today, left deltoid. Anticipatory guidance on safety and nutrition. \
Next well visit in 1 year.
{author}
Pediatrics""",
    """SOAP Note - Encounter Date: {date}
S: Pt presents with seasonal allergy symptoms: sneezing, itchy eyes, nasal congestion for \
{day} weeks. Denies fever. No hx asthma. Allergic to sulfa drugs (hives).
O: Temp 98.{t} °F, BP {sys}/{dia} mmHg, HR {hr} bpm. Nasal mucosa pale and boggy. Lungs clear.
A: Allergic rhinitis.
P: Cetirizine 10 mg PO daily. Fluticasone nasal spray 2 sprays each nostril daily. Avoid \
triggers. RTC PRN.
{author}
Family Medicine""",
)


@dataclass(frozen=True)
class RenderedNote:
    template: int
    text: str
    title: str
    author: str


TITLES = (
    "Hypertension follow-up",
    "Inpatient progress note",
    "Discharge summary",
    "ED visit",
    "Telephone encounter",
    "Cardiology consult",
    "Well child visit",
    "Allergy visit",
)


def render(template: int, rng: random.Random) -> RenderedNote:
    """One note from a template, with values drawn from `rng`."""
    author = rng.choice(AUTHORS)
    values = {
        "date": f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "sys": rng.randint(104, 168),
        "dia": rng.randint(62, 98),
        "hr": rng.randint(56, 112),
        "weight": rng.randint(40, 260),
        "ldl": rng.randint(70, 210),
        "dose": rng.choice((1, 2, 4, 5)),
        "day": rng.randint(2, 9),
        "t": rng.randint(0, 9),
        "sat": rng.randint(1, 9),
        "wbc": rng.randint(5, 16),
        "a1c": f"{rng.uniform(5.6, 10.5):.1f}",
        "glucose": rng.randint(88, 240),
        "author": author,
    }
    text = TEMPLATES[template].format(**values)
    return RenderedNote(template, text, TITLES[template], author.split(",")[0])


def variants(count: int, seed: int) -> list[RenderedNote]:
    """`count` distinct notes, cycling through the templates."""
    rng = random.Random(seed)
    seen: set[str] = set()
    notes: list[RenderedNote] = []
    for i in range(count * 20):
        if len(notes) == count:
            break
        note = render(i % len(TEMPLATES), rng)
        if note.text not in seen:
            seen.add(note.text)
            notes.append(note)
    return notes
