"""Probe notes for problems an assessment names in shapes the reader missed, labelled by hand
before the extractor was run on them (eval/LABELLING.md, "Problems"): a problem list numbered
"#1 ... #2 ...", a diagnosis list headed by where it was made ("ICU DIAGNOSES:"), and the
obstetric states and carrier states an assessment manages ("in active labor", "Rh negative",
"Rubella non-immune", "GBS positive"). Each expects, per name, the status a clinician reads, or
None for "must not be a problem"; the negatives are shapes that must stay as they are."""

import pytest

from carechart.notes.nlp import analyse

Want = dict[str, str | None]

_PROBES: list[tuple[str, str, Want]] = [
    # --- "#1" numbering of an assessment's problems ---
    (
        "hash_numbered_office_ap",
        "Reason for visit: 3-month follow-up.\nHPI: Feels well.\n\nA/P:\n"
        "#1 Paroxysmal atrial fibrillation - rate suboptimal with exertion.\n"
        "   - Increase diltiazem ER to 180 mg daily.\n"
        "#2 HTN - at goal, continue lisinopril 20.\n"
        "#3 Hyperlipidemia - restart atorvastatin 40 mg qhs.\n\nRTC 3 months.\n",
        {
            "atrial fibrillation": "active",
            "htn": "active",
            "hyperlipidemia": "active",
            "diltiazem": None,
        },
    ),
    (
        "hash_numbered_british_impression",
        "Impression:\n#1) Asthma, poorly controlled - step up to ICS/LABA.\n"
        "#2) Allergic rhinitis: nasal steroid.\n# 3 Eczema - emollients.\n",
        {"asthma": "active", "allergic rhinitis": "active", "eczema": "active"},
    ),
    # --- a diagnosis list headed by where it was made ---
    (
        "icu_diagnoses_heading",
        "MICU TRANSFER SUMMARY\n\nICU DIAGNOSES:\n"
        "1. SEPTIC SHOCK DUE TO LEFT ACUTE PYELONEPHRITIS - SHOCK RESOLVED\n"
        "2. ACUTE KIDNEY INJURY ON CKD 3A - IMPROVING\n3. HYPOKALEMIA (REPLETED)\n\n"
        "BRIEF ICU COURSE: Norepinephrine weaned off 08/05.\n",
        {
            "pyelonephritis": "active",
            "acute kidney injury": "active",
            "hypokalemia": "active",
            "norepinephrine": None,
        },
    ),
    (
        "hospital_diagnoses_heading",
        "Hospital diagnoses:\n- Community-acquired pneumonia\n- Acute on chronic HFpEF\n\n"
        "Hospital course: Treated with ceftriaxone and azithromycin.\n",
        {"pneumonia": "active", "hfpef": "active", "ceftriaxone": None},
    ),
    # --- obstetric and carrier states an assessment manages ---
    (
        "labor_admission_assessment_paragraph",
        "ASSESSMENT: 31 y.o. G2P1001 at 39w2d in active labor. Gestational hypertension, mild "
        "range. GBS positive with severe penicillin allergy. Rh negative. Rubella non-immune.\n\n"
        "PLAN:\n1. ACTIVE LABOR: Admit to L&D.\n2. GBS PROPHYLAXIS: clindamycin IV q8h.\n"
        "3. Rh NEGATIVE: Cord blood type at delivery.\n4. RUBELLA NON-IMMUNE: MMR postpartum.\n",
        {
            "active labor": "active",
            "gestational hypertension": "active",
            "gbs positive": "active",
            "rh negative": "active",
            "rubella non-immune": "active",
            "prophylaxis": None,
            "penicillin allergy": None,
        },
    ),
    (
        "prenatal_plan_labels_british",
        "Impression: Primigravida at 32+4 weeks, uncomplicated.\n\nPlan:\n"
        "1. Rhesus negative: anti-D given at 28 weeks, repeat at delivery if baby Rh positive.\n"
        "2. Group B strep carrier: intrapartum antibiotics.\n"
        "3. Varicella non-immune: avoid contacts, vaccinate postnatally.\n",
        {
            "rhesus negative": "active",
            "group b strep carrier": "active",
            "varicella non-immune": "active",
        },
    ),
    (
        "mrsa_carrier_in_diagnoses",
        "DISCHARGE DIAGNOSES:\n1. Left foot cellulitis\n2. MRSA carrier - decolonisation advised\n",
        {"cellulitis": "active", "mrsa carrier": "active"},
    ),
    # --- a list of problems run on one line after the assessment's label ---
    (
        "problems_addressed_run_on",
        "Assessment and recommendations: see below.\n\nProblems addressed: polypharmacy, "
        "orthostatic hypotension (drug-induced, suspected), insomnia on a hypnotic, T2DM with "
        "CKD 3a, GERD.\n",
        {
            "polypharmacy": "active",
            "orthostatic hypotension": "active",
            "insomnia": "active",
            "gerd": "active",
        },
    ),
    (
        "impression_line_of_names_british",
        "Impression: Frailty, low mood, recurrent falls, postural hypotension, urinary "
        "incontinence.\n"
        "Plan: stop doxazosin, OT home visit.\n",
        {"falls": "active", "postural hypotension": "active", "low mood": "active"},
    ),
    (
        "remarks_after_a_name_stay_its_remarks",
        "Assessment: Asthma, perennial with seasonal exacerbation, sensitized to cat, dust mite "
        "and tree pollen.\nHFrEF, NYHA II-III, EF unknown.\n",
        {
            "asthma": "active",
            "sensitized": None,
            "dust mite": None,
            "nyha": None,
            "ef unknown": None,
        },
    ),
    (
        "triggers_after_a_numbered_problem_stay_remarks",
        "IMPRESSION:\n1. New-onset atrial fibrillation with RVR, duration uncertain (>24 h "
        "possible); triggers alcohol, untreated OSA, hypokalemia/hypomagnesemia.\n",
        {"atrial fibrillation": "active", "duration uncertain": None},
    ),
    # --- a symptom an assessment numbers as its problem ---
    (
        "nausea_numbered_in_hospice_assessment",
        "Assessment/Plan:\n1. Metastatic pancreatic cancer, hospice eligible.\n"
        "2. Nausea / early satiety - metoclopramide as above; stop ondansetron.\n",
        {"pancreatic cancer": "active", "nausea": "active"},
    ),
    (
        "nausea_controlled_oncology_uk",
        "Impression:\n1. Breast cancer on cycle 3 of EC.\n2. Nausea - controlled; continue "
        "ondansetron PRN.\n",
        {"nausea": "active"},
    ),
    (
        "nausea_as_a_postop_plan_topic_stays_a_topic",
        "Assessment: Acute appendicitis, POD 1 after laparoscopic appendectomy.\n"
        "Plan:\n- Pain: oxycodone PRN.\n- Nausea: ondansetron 4 mg IV q6h PRN.\n"
        "- Nausea control: scopolamine patch.\n",
        {"appendicitis": "active", "nausea": None},
    ),
    (
        "nausea_as_a_postop_checklist_topic_in_an_a_and_p_stays_a_topic",
        "S: Doing well. Denies nausea.\nA/P: 54F s/p lap chole POD1.\n"
        "- Pain: oxycodone 5 mg q4h PRN\n- Nausea: ondansetron 4 mg q6h PRN\n"
        "- Diet: advance as tolerated\n",
        {"nausea": None},
    ),
    (
        "nausea_numbered_with_its_colon_in_an_assessment_stays_a_problem",
        "Assessment and recommendations:\n1. Pain: start methadone 2.5 mg q8h.\n"
        "2. Nausea: continue ondansetron; if persistent add haloperidol.\n",
        {"nausea": "active"},
    ),
    # --- a genus's initial in capitals ends no name ---
    (
        "genus_initial_in_capitals_ends_no_name",
        "ICU DIAGNOSES:\n1. SEPTIC SHOCK DUE TO LEFT ACUTE PYELONEPHRITIS WITH E. COLI "
        "BACTEREMIA - SHOCK RESOLVED\n",
        {"pyelonephritis with e. coli bacteremia": "active"},
    ),
    (
        "genus_initial_in_lower_case_ends_no_name",
        "Assessment:\n1. Severe colitis with C. difficile infection - oral vancomycin.\n"
        "2. Cellulitis with S. aureus bacteremia, on cefazolin.\n",
        {
            "colitis with c. difficile infection": "active",
            "cellulitis with s. aureus bacteremia": "active",
        },
    ),
    # --- a narrative after a history list is the visit's story, not more history ---
    (
        "hospice_narrative_after_unrelated_conditions",
        "Terminal diagnosis: Metastatic pancreatic adenocarcinoma.\n"
        "Unrelated conditions: BPH, hyperlipidemia.\n\n"
        "Narrative: 84-year-old man, lives with wife and son. Goals: comfort, remain at home. "
        "Appetite poor; eating a few bites. Last BM 2 days ago. Abdomen refilling slowly.\n\n"
        "Assessment/Plan:\n1. Metastatic pancreatic cancer - hospice eligible.\n",
        {
            "pancreatic": "active",
            "hyperlipidemia": "history",
            "eating": None,
            "last bm": None,
            "comfort": None,
            "lives with": None,
            "refilling": None,
        },
    ),
    (
        "ems_narrative_after_chief_complaint",
        "Chief complaint: chest pain\nNARRATIVE: Dispatched to residence for 64 yo M c/o chest "
        "pain. Found pt sitting on edge of bed, diaphoretic. Pt states pressure since 05:50.\n"
        "PMH: HTN, hyperlipidemia.\nASSESSMENT: Suspected acute coronary syndrome.\n",
        {
            "dispatched": None,
            "found pt": None,
            "hyperlipidemia": "history",
            "acute coronary syndrome": "active",
        },
    ),
    # --- negatives: results and orders stay what they are ---
    (
        "blood_type_and_serology_results_not_problems",
        "PRENATAL LABS: Blood type O Rh negative, antibody screen negative. Rubella immune. "
        "HBsAg negative. GBS negative.\n\nASSESSMENT: 24 y.o. G1P0 at 38w1d, latent phase.\n"
        "PLAN: Expectant management.\n",
        {"rh negative": None, "rubella immune": None, "gbs negative": None, "hbsag negative": None},
    ),
    (
        "labour_ward_heading_and_orders_not_problems",
        "PLAN:\n1. Labor and delivery: notified.\n2. Induction of labor tomorrow at 07:00.\n"
        "3. Preeclampsia labs: CBC, LFTs.\n",
        {"labor and delivery": None, "induction of labor": None, "preeclampsia labs": None},
    ),
    (
        "one_problem_and_its_remarks_stays_one",
        "Assessment: Hypertension, controlled, on lisinopril, BP 128/76.\n",
        {"hypertension": "active", "lisinopril": None, "controlled": None},
    ),
    (
        "symptoms_of_one_problem_stay_its_story",
        "Assessment: Chest pain, nausea, diaphoresis, resolved with nitroglycerin - NSTEMI.\n",
        {"nitroglycerin": None, "resolved with": None},
    ),
    (
        "differential_diagnosis_heading_no_diagnosis_list",
        "Differential diagnosis:\n1. Viral pharyngitis\n2. Streptococcal pharyngitis\n",
        {"pharyngitis": None},
    ),
]


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        (
            "Problems addressed: polypharmacy, orthostatic hypotension (drug-induced, suspected), "
            "insomnia on a hypnotic, T2DM with CKD 3a, GERD.\n",
            {"orthostatic": True, "gerd": False, "insomnia": False},
        ),
        (
            "Diagnoses:\n1. Pulmonary embolism (possible, CTA pending)\n2. Pneumonia\n",
            {"embolism": True, "pneumonia": False},
        ),
        ("Assessment:\n1. Hypertension (well controlled)\n", {"hypertension": False}),
        # The hedge before a cause hedges the cause: the anaemia and the faint are measured.
        (
            "Assessment:\n1. Anemia (suspected iron deficiency) - iron studies.\n"
            "2. Syncope (suspected vasovagal).\n",
            {"anemia": False, "syncope": False},
        ),
    ],
)
def test_a_hedge_in_a_names_aside_hedges_that_name_only(text: str, hedged: dict[str, bool]) -> None:
    problems = analyse(text).problems
    for word, want in hedged.items():
        found = [p for p in problems if word in p.text.lower()]
        assert found, f"{word}: {problems}"
        assert found[0].uncertain is want, f"{word}: {problems}"


def _status_of(text: str, name: str) -> str | None:
    found = [p for p in analyse(text).problems if name in p.text.lower()]
    if not found:
        return None
    status = found[0].status.value
    return "history" if status == "historical" else status


@pytest.mark.parametrize(("probe", "text", "want"), _PROBES, ids=[p[0] for p in _PROBES])
def test_problem_probe_reads_as_a_clinician_does(probe: str, text: str, want: Want) -> None:
    for name, status in want.items():
        assert _status_of(text, name) == status, f"{probe}: {name}"
