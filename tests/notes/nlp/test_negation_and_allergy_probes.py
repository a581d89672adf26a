"""Probe notes in the shapes real notes deny findings and list allergies, labelled by hand
before the analyser was run on them: what a clinician reads as denied, what must not be."""

import pytest

from carechart.notes.nlp import analyse

_DENIALS = [
    pytest.param(
        (
            "REVIEW OF SYSTEMS:\nConstitutional: Negative for fever, chills, "
            "weight loss.\nCardiovascular: No chest pain or palpitations.\nGI: "
            "Denies nausea, vomiting, diarrhea.\n"
        ),
        [
            "fever",
            "chills",
            "weight loss",
            "chest pain",
            "palpitations",
            "nausea",
            "vomiting",
            "diarrhea",
        ],
        [],
        id="ros_list",
    ),
    pytest.param(
        "ROS: Neg for HA, visual changes, CP, SOB.",
        ["ha", "visual changes", "cp", "sob"],
        [],
        id="neg_for_abbrev",
    ),
    pytest.param(
        "ROS: fever (-), chills (-), cough (+), dysuria (-)",
        ["fever", "chills", "dysuria"],
        ["cough"],
        id="paren_minus",
    ),
    pytest.param(
        "HPI: 54M with 2 days of cough. Denies fever, hemoptysis or pleuritic chest pain.",
        ["fever", "hemoptysis", "pleuritic chest pain"],
        ["cough"],
        id="denies_xyz",
    ),
    pytest.param(
        "CT HEAD\nIMPRESSION: No evidence of acute intracranial hemorrhage or mass effect.",
        ["intracranial hemorrhage", "mass effect"],
        [],
        id="no_evidence",
    ),
    pytest.param(
        "PHYSICAL EXAM:\nAbdomen soft, nontender, without rebound or guarding.",
        ["rebound", "guarding", "tender"],
        [],
        id="without",
    ),
    pytest.param(
        "LABS: UA negative for nitrites and leukocyte esterase.", [], [], id="negative_for"
    ),
    pytest.param(
        (
            "PHYSICAL EXAMINATION:\nCV: RRR, no murmurs, rubs or gallops.\nExt: "
            "No clubbing, cyanosis, or edema."
        ),
        ["murmurs", "rubs", "gallops", "clubbing", "cyanosis", "edema"],
        [],
        id="exam_mrg",
    ),
    pytest.param(
        (
            "HPI: Presents with RLQ pain since last night. No fever. No "
            "vomiting. He has not had diarrhea."
        ),
        ["fever", "vomiting", "diarrhea"],
        ["rlq pain"],
        id="pertinent_neg_hpi",
    ),
    pytest.param(
        "PHYSICAL EXAM:\nNeuro: No change in strength since last visit. No focal deficits.",
        ["focal deficits"],
        ["change in strength", "strength"],
        id="no_change",
    ),
    pytest.param(
        "HPI: She reports not only headache but also photophobia.",
        [],
        ["headache", "photophobia"],
        id="not_only",
    ),
    pytest.param(
        "HPI: He no longer has chest pain with exertion. Swelling no longer present.",
        [],
        [],
        id="no_longer",
    ),
    pytest.param(
        "HPI: No fever but reports productive cough.",
        ["fever"],
        ["productive cough", "cough"],
        id="no_but",
    ),
    pytest.param(
        (
            "REVIEW OF SYSTEMS: THE PATIENT DENIES ANY FEVERS, CHILLS OR NIGHT "
            "SWEATS. NO DYSURIA OR HEMATURIA."
        ),
        ["fevers", "chills", "night sweats", "dysuria", "hematuria"],
        [],
        id="caps_dictation",
    ),
    pytest.param(
        (
            "CHIEF COMPLAINT: Knee pain., HISTORY OF PRESENT ILLNESS: Denies "
            "locking or giving way., PHYSICAL EXAMINATION: No effusion. No joint "
            "line tenderness.,"
        ),
        ["locking", "giving way", "effusion", "joint line tenderness"],
        ["knee pain"],
        id="one_line_export",
    ),
    pytest.param(
        "EXAM:\nLungs: clear, no wheezes, rales, or rhonchi.\nSkin: no rashes or lesions.",
        ["wheezes", "rales", "rhonchi", "rashes", "lesions"],
        [],
        id="pe_template_colon",
    ),
    pytest.param(
        "FAMILY HISTORY: No family history of colon cancer. Mother with diabetes.",
        [],
        ["diabetes"],
        id="family_neg",
    ),
    pytest.param(
        "PLAN: No heavy lifting for 2 weeks. No driving while on oxycodone.",
        [],
        ["heavy lifting", "driving"],
        id="plan_advice",
    ),
    pytest.param(
        "HOSPITAL COURSE: MI was ruled out with serial troponins.",
        ["mi"],
        ["troponins"],
        id="ruled_out",
    ),
    pytest.param(
        "MENTAL STATUS EXAM:\nPSYCH: Denies SI/HI. No AVH.", ["si", "hi", "avh"], [], id="denies_si"
    ),
    pytest.param(
        "ROS: Denies CP/SOB/palpitations.", ["cp", "sob", "palpitations"], [], id="ros_slash"
    ),
    pytest.param(
        "HPI: He has had none of the prior dizziness since the dose change.", [], [], id="none_of"
    ),
    pytest.param(
        "REVIEW OF SYSTEMS:\nPositive: cough\nNegative: fever, night sweats, weight loss",
        ["fever", "night sweats", "weight loss"],
        ["cough"],
        id="neg_colon_list",
    ),
    pytest.param(
        "PHYSICAL EXAM:\nPedal pulses present. Babinski absent bilaterally.",
        ["babinski"],
        ["pedal pulses"],
        id="absent_post",
    ),
    pytest.param(
        "EXAM: Calves soft, not tender. Homans sign negative.", ["tender"], [], id="not_tender"
    ),
    pytest.param(
        "Allergies: NKDA. Takes no medications. No fever.",
        ["fever"],
        ["medications", "allergies", "known drug allergies"],
        id="no_known",
    ),
    pytest.param(
        "INCISION: Wound clean and dry, free of erythema or drainage.",
        ["erythema", "drainage"],
        [],
        id="free_of",
    ),
    pytest.param(
        "PAST MEDICAL HISTORY: No history of DVT or PE. No prior surgeries.",
        ["dvt", "pe"],
        [],
        id="no_hx_of",
    ),
    pytest.param(
        "HPI: Tried ibuprofen without relief. Pain without radiation.",
        ["radiation"],
        ["relief", "ibuprofen"],
        id="without_relief",
    ),
    pytest.param(
        "ROS         | Result\nFever       | No\nChills      | No\nCough       | Yes\n",
        [],
        ["cough"],
        id="table_ros",
    ),
    pytest.param(
        "INTERVAL HISTORY:\nDevelopment: no concerns. Sleeping well, no snoring. No sick contacts.",
        ["snoring", "sick contacts"],
        [],
        id="well_child",
    ),
    pytest.param("HPI: She is not pregnant. LMP 11/10.", [], [], id="not_pregnant"),
    pytest.param(
        ("HPI: Denies any recent travel, sick contacts or tick bites."),
        ["sick contacts", "tick bites"],
        [],
        id="hpi_denies_or",
    ),
    pytest.param(
        ("HPI: No history of reaction to local anesthetics."), [], ["allerg"], id="no_hx_allergy"
    ),
    pytest.param(
        (
            "Pt resting in bed, no acute distress. Denies pain at this time. No "
            "s/s of bleeding at IV site."
        ),
        ["acute distress", "pain", "bleeding"],
        [],
        id="nursing",
    ),
    pytest.param(
        ("ASSESSMENT: Melanoma in situ 2019, no recurrence. No new lesions."),
        ["new lesions"],
        [],
        id="no_recurrence",
    ),
]


def _denied(text: str) -> list[str]:
    return [(f.name or f.text).lower() for f in analyse(text).negated_findings]


@pytest.mark.parametrize(("text", "denied", "not_denied"), _DENIALS)
def test_probe_denials_are_read_as_a_clinician_reads_them(
    text: str, denied: list[str], not_denied: list[str]
) -> None:
    found = _denied(text)
    assert [d for d in denied if not any(d in f for f in found)] == []
    assert [f for f in found if any(n in f for n in not_denied)] == []


_ALLERGIES = [
    pytest.param("ALLERGIES: NKDA. Peanuts - anaphylaxis.", ["peanut"], [], True, id="nkda_food"),
    pytest.param(
        "Allergies/Intolerances:\n- Codeine: nausea (intolerance)\n- Penicillin: hives",
        ["codeine", "penicillin"],
        [],
        False,
        id="intolerance",
    ),
    pytest.param(
        "ALLERGIES: Sensitivity to adhesive tape (skin irritation). Sulfa - rash.",
        ["adhesive", "sulfa"],
        [],
        False,
        id="sensitivity",
    ),
    pytest.param(
        (
            "Allergen        Reaction       Severity\nLisinopril      Angioedema "
            "    Severe\nShellfish       Hives          Moderate\n"
        ),
        ["lisinopril", "shellfish"],
        ["severe", "moderate", "angioedema", "hives"],
        False,
        id="table_sev",
    ),
    pytest.param(
        (
            "HPI: She was given amoxicillin at urgent care and broke out in "
            "hives; she has been told she is allergic to penicillin."
        ),
        ["penicillin"],
        [],
        None,
        id="hpi_narrative",
    ),
    pytest.param(
        "PMH: Allergic rhinitis, asthma. ALLERGIES: NKDA.",
        [],
        ["rhinitis", "allergic rhinitis", "asthma"],
        True,
        id="allergic_rhinitis",
    ),
    pytest.param(
        "Allergies: Penicillin (rash as a child) - tolerated cefazolin 2024.",
        ["penicillin"],
        ["cefazolin"],
        False,
        id="tolerated",
    ),
    pytest.param(
        "Allergies: None known. Family history: mother allergic to penicillin.",
        [],
        ["penicillin"],
        True,
        id="family_allergy",
    ),
    pytest.param(
        "ALLERGIES: CODEINE, MORPHINE, SULFA., MEDICATIONS: Lisinopril 10 mg daily.,",
        ["codeine", "morphine", "sulfa"],
        ["lisinopril"],
        False,
        id="one_line",
    ),
    pytest.param(
        "Allergies: seasonal allergies only, no drug allergies.",
        [],
        ["lisinopril"],
        True,
        id="seasonal",
    ),
    pytest.param(
        "Allergies: Metformin - GI upset (not an allergy). Latex.",
        ["latex"],
        ["metformin"],
        None,
        id="not_allergy",
    ),
    pytest.param(
        "HPI: Seasonal allergic rhinitis flaring with pollen. Uses loratadine.",
        [],
        ["loratadine", "pollen", "rhinitis"],
        None,
        id="hpi_allergy_rhinitis",
    ),
    pytest.param(
        "DRUG ALLERGIES: Vancomycin (red man syndrome), Iodinated contrast (hives).",
        ["vancomycin", "contrast"],
        [],
        False,
        id="drug_rxn_list",
    ),
    pytest.param(
        "Allergies: amoxicillin - removed after negative challenge 2023. Aspirin - bronchospasm.",
        ["aspirin"],
        ["amoxicillin"],
        False,
        id="allergy_removed",
    ),
    pytest.param(
        (
            "HPI: 6 yo with sore throat. Mom is allergic to penicillin and asks "
            "whether he can take it.\nALLERGIES: NKDA"
        ),
        [],
        ["penicillin"],
        True,
        id="mother_narr",
    ),
    pytest.param(
        (
            "ALLERGIES: NKDA.\nHPI: He is not allergic to penicillin; tolerated "
            "amoxicillin last year."
        ),
        [],
        ["penicillin", "amoxicillin"],
        True,
        id="not_allergic",
    ),
    pytest.param(
        (
            "ALLERGIES: Penicillin allergy label removed 03/2025 after negative "
            "oral challenge. No other allergies."
        ),
        [],
        ["penicillin"],
        None,
        id="label_removed",
    ),
    pytest.param(
        ("ALLERGIES: Reviewed, no changes.\nMEDICATIONS: metoprolol 25 mg BID"),
        [],
        ["metoprolol", "reviewed", "changes"],
        None,
        id="reviewed",
    ),
    pytest.param(
        ("ALLERGIES: Peanut (anaphylaxis).\nMEDICATIONS: EpiPen 0.3 mg auto-injector PRN."),
        ["peanut"],
        ["epinephrine", "epipen"],
        False,
        id="epipen",
    ),
    pytest.param(
        (
            "PLAN: Refer to allergy clinic for penicillin allergy testing.\n"
            "ALLERGIES: Penicillin - rash."
        ),
        ["penicillin"],
        ["clinic", "testing"],
        False,
        id="referral",
    ),
    pytest.param(
        ("ADVERSE REACTIONS: Atorvastatin - myalgias. Lisinopril - cough."),
        ["atorvastatin", "lisinopril"],
        [],
        False,
        id="adverse",
    ),
    pytest.param(
        ("Drug allergies: none. Drug intolerances: none. Environmental: cats."),
        ["cat"],
        [],
        True,
        id="drug_intol_none",
    ),
    pytest.param(
        (
            "ASSESSMENT: 1. Allergic rhinitis - start fluticasone. 2. Allergic "
            "conjunctivitis.\nALLERGIES: NKDA"
        ),
        [],
        ["fluticasone", "rhinitis", "conjunctivitis"],
        True,
        id="rhinitis_plan",
    ),
    pytest.param(
        (
            "IMMUNIZATIONS: Flu vaccine given. No prior reaction to vaccines.\n"
            "ALLERGIES: Egg (hives)."
        ),
        ["egg"],
        ["vaccine", "flu"],
        False,
        id="hx_reaction_vaccine",
    ),
    pytest.param(
        ("ALLERGIES:,  SULFA DRUGS AND IODINE.,SOCIAL HISTORY:,  NO TOBACCO.,"),
        ["sulfa", "iodine"],
        ["tobacco"],
        False,
        id="caps_oneline",
    ),
    pytest.param(
        ("Allergen | Reaction | Type\nNo Known Allergies | | \n"),
        [],
        ["known"],
        True,
        id="allergy_table_none",
    ),
    pytest.param(
        ("ALLERGIES: IV contrast - hives; premedicate with prednisone and diphenhydramine."),
        ["contrast"],
        ["prednisone", "diphenhydramine"],
        False,
        id="contrast_premed",
    ),
]


@pytest.mark.parametrize(("text", "allergens", "not_allergens", "none_known"), _ALLERGIES)
def test_probe_allergy_lists_name_the_patients_allergens_only(
    text: str, allergens: list[str], not_allergens: list[str], none_known: bool | None
) -> None:
    analysis = analyse(text)
    found = [a.substance.lower() for a in analysis.allergies]
    assert [a for a in allergens if not any(a in f for f in found)] == []
    assert [f for f in found if any(n in f for n in not_allergens)] == []
    if none_known is not None:
        assert analysis.no_known_allergies is none_known
