"""Probe snippets for problem status, labelled by hand before the extractor was run on them
(eval/LABELLING.md, "Problems"): a chronic condition the note manages now is `active` even when
listed under past history; a remote event named only in the past history is `history`; what the
note says has resolved is `resolved`; an operation ("s/p appendectomy") is no problem at all.
Each expects, per name, the status a clinician reads, or None for "must not be a problem"."""

import pytest

from carechart.notes.nlp import analyse

Want = dict[str, str | None]

_PROBES: list[tuple[str, str, Want]] = [
    # --- past medical histories: remote events stay history ---
    (
        "pmh_remote_events",
        "PAST MEDICAL HISTORY:\n1. MI 2015 s/p PCI\n2. Childhood asthma\n3. Appendectomy 1998\n\n"
        "ASSESSMENT/PLAN:\n1. Community-acquired pneumonia - ceftriaxone.\n",
        {"pneumonia": "active", "mi": "history", "asthma": "history", "appendectomy": None},
    ),
    (
        "pmh_hx_of",
        "PMH: h/o DVT 2019, remote history of peptic ulcer disease, GERD.\n"
        "A/P: Cellulitis of left leg - cephalexin.\n",
        {"cellulitis": "active", "dvt": "history", "peptic ulcer disease": "history"},
    ),
    (
        "pmh_in_remission",
        "Past Medical History:\n- Breast cancer 2012, in remission\n- Hypothyroidism\n\n"
        "Assessment: Acute sinusitis.\n",
        {"sinusitis": "active", "breast cancer": "history"},
    ),
    (
        "pmh_resolved_word",
        "PMH:\n- Hepatitis A (resolved)\n- Migraine\n\nImpression: Tension headache.\n",
        {"tension headache": "active", "hepatitis a": "resolved"},
    ),
    (
        "pmh_chronic_taken_up_in_plan",
        "PAST MEDICAL HISTORY: Hypertension, type 2 diabetes, hyperlipidemia.\n\n"
        "ASSESSMENT AND PLAN:\n1. Hypertension - continue lisinopril.\n"
        "2. Type 2 diabetes - A1c 7.2, continue metformin.\n",
        {"hypertension": "active", "type 2 diabetes": "active", "hyperlipidemia": "history"},
    ),
    (
        "pmh_only_history",
        "PMH: Hypertension, osteoarthritis of knees, remote nephrolithiasis.\n"
        "HPI: Here for a sprained ankle.\nA/P: Right ankle sprain - RICE.\n",
        {"ankle sprain": "active", "nephrolithiasis": "history", "osteoarthritis": "history"},
    ),
    (
        "surgical_history_not_problems",
        "PAST SURGICAL HISTORY:\n- Laparoscopic cholecystectomy 2010\n- Right total knee "
        "arthroplasty 2018\n- Tonsillectomy as a child\n\nA/P: Gout flare - colchicine.\n",
        {"gout": "active", "cholecystectomy": None, "arthroplasty": None, "tonsillectomy": None},
    ),
    (
        "sp_operation_in_pmh",
        "PMH: CAD s/p CABG 2016, AAA s/p EVAR.\nAssessment: Stable angina.\n",
        {"angina": "active", "cabg": None, "evar": None},
    ),
    # --- problem lists with status columns ---
    (
        "problem_list_status_column",
        "PROBLEM LIST\nProblem                     Status      Onset\n"
        "Hypertension                Active      2015\n"
        "Asthma                      Resolved    2001\n"
        "Hypothyroidism              Chronic     2019\n",
        {"hypertension": "active", "asthma": "resolved", "hypothyroidism": "active"},
    ),
    (
        "problem_list_status_suffix",
        "Problem List:\n- Type 2 diabetes mellitus (Active)\n- Pneumonia (Resolved)\n"
        "- Atrial fibrillation - Chronic\n",
        {"diabetes": "active", "pneumonia": "resolved", "atrial fibrillation": "active"},
    ),
    (
        "resolved_problems_heading",
        "Active Problems:\nCOPD\nChronic kidney disease stage 3\n\nResolved Problems:\n"
        "Acute kidney injury\nC. difficile colitis\n",
        {
            "copd": "active",
            "chronic kidney disease": "active",
            "acute kidney injury": "resolved",
            "colitis": "resolved",
        },
    ),
    # --- pre-op evaluations ---
    (
        "preop_evaluation",
        "PRE-OPERATIVE EVALUATION\nPlanned procedure: Right total hip arthroplasty.\n"
        "Past medical history: Hypertension on amlodipine, obstructive sleep apnea on CPAP, "
        "remote tobacco use.\n"
        "Assessment: Right hip osteoarthritis. Acceptable risk for surgery.\n",
        {"osteoarthritis": "active", "arthroplasty": None},
    ),
    (
        "preop_diagnosis",
        "PREOPERATIVE DIAGNOSIS: Symptomatic cholelithiasis.\nPOSTOPERATIVE DIAGNOSIS: Same.\n"
        "PROCEDURE: Laparoscopic cholecystectomy.\n",
        {"cholelithiasis": "active", "cholecystectomy": None},
    ),
    # --- resolved in prose ---
    (
        "resolved_in_assessment",
        "Assessment and Plan:\n1. Acute kidney injury - resolved, creatinine back to baseline.\n"
        "2. Hyponatremia - improving, fluid restrict.\n",
        {"acute kidney injury": "resolved", "hyponatremia": "active"},
    ),
    (
        "resolved_prefix",
        "A/P:\n# Resolved: hypokalemia\n# Atrial fibrillation, rate controlled.\n",
        {"hypokalemia": "resolved", "atrial fibrillation": "active"},
    ),
    # --- diagnoses in prose (previous expected failures) ---
    (
        "consistent_with",
        "IMPRESSION:\nFindings are consistent with right lower lobe pneumonia.\n",
        {"pneumonia": "active", "findings": None},
    ),
    (
        "consistent_with_variant",
        "Impression: CT findings are most consistent with acute appendicitis.\n",
        {"appendicitis": "active"},
    ),
    (
        "letter_impression",
        "Dear Dr. Patel,\nThank you for referring Mr. Jones. My impression is that he has "
        "obstructive sleep apnea and poorly controlled hypertension.\nSincerely,\n",
        {"obstructive sleep apnea": "active", "hypertension": "active"},
    ),
    (
        "letter_impression_she",
        "Dear Colleague,\nI saw Mrs. Li today. My impression is that she has early Parkinson "
        "disease.\nKind regards,\n",
        {"parkinson": "active"},
    ),
    (
        "likely_after_comma",
        "Assessment:\nCough, likely viral bronchitis.\nPlan: supportive care.\n",
        {"bronchitis": "active"},
    ),
    (
        "likely_after_comma_variant",
        "A/P: Chest pain, likely musculoskeletal strain. Ibuprofen.\n",
        {"chest pain": "active"},
    ),
    (
        "dsm5_heading",
        "DSM-5 DIAGNOSES:\n1. Major depressive disorder, recurrent, moderate\n"
        "2. Generalized anxiety disorder\n",
        {"major depressive disorder": "active", "generalized anxiety disorder": "active"},
    ),
    (
        "icd10_heading",
        "ICD-10 DIAGNOSES:\n1. Essential hypertension (I10)\n2. Hyperlipidemia (E78.5)\n",
        {"hypertension": "active", "hyperlipidemia": "active"},
    ),
    (
        "wrapped_problem_name",
        "Problem List:\n  Chronic heart failure\n  with preserved EF\n  Type 2 diabetes\n",
        {"heart failure": "active", "type 2 diabetes": "active"},
    ),
    # --- negative cases: clauses are no problems ---
    (
        "in_the_setting_of",
        "Assessment: Hypotension in the setting of sepsis.\n",
        {"hypotension": "active", "in the setting of": None},
    ),
    (
        "likely_secondary_to",
        "A/P: Anemia, likely secondary to chronic kidney disease. Iron studies.\n",
        {"anemia": "active", "secondary to": None},
    ),
    # --- chronic conditions under treatment named in the story ---
    (
        "pmh_with_drug_names",
        "PMH: Hypothyroidism on levothyroxine; atrial fibrillation on apixaban.\n"
        "Medications: levothyroxine 75 mcg daily, apixaban 5 mg BID.\n"
        "A/P: UTI - nitrofurantoin.\n",
        {"uti": "active"},
    ),
    (
        "hpi_history_of",
        "HPI: 70M with a history of COPD and CHF presents with 3 days of productive cough.\n"
        "Assessment: COPD exacerbation. Plan: prednisone, azithromycin.\n",
        {"copd": "active"},
    ),
    (
        "dictation_caps_pmh",
        "PAST MEDICAL HISTORY: SIGNIFICANT FOR CORONARY ARTERY DISEASE STATUS POST STENT IN "
        "2014, HYPERTENSION, AND REMOTE HISTORY OF TUBERCULOSIS TREATED IN 1990.\n"
        "IMPRESSION: ACUTE GASTROENTERITIS.\n",
        {"gastroenteritis": "active", "tuberculosis": "history"},
    ),
    (
        "one_line_export",
        "Dx: Acute otitis media | PMH: eczema, childhood asthma | PSH: tympanostomy tubes 2019\n",
        {"otitis media": "active", "tympanostomy": None},
    ),
    (
        "history_resolved_childhood",
        "PMH: Childhood asthma, resolved. Kawasaki disease age 3.\nA/P: Viral URI.\n",
        {"viral uri": "active", "asthma": "resolved", "kawasaki": "history"},
    ),
    (
        "past_history_status_post_words",
        "Past History: Status post appendectomy. Status post left ACL repair.\n"
        "Assessment: Low back pain.\n",
        {"low back pain": "active", "appendectomy": None, "acl repair": None},
    ),
    (
        "no_longer",
        "Assessment: Gestational diabetes, no longer on insulin after delivery - resolved.\n",
        {"gestational diabetes": "resolved"},
    ),
    (
        "obstetric_history",
        "OB history: G2P1, prior pregnancy complicated by preeclampsia.\n"
        "Assessment: Intrauterine pregnancy at 12 weeks.\n",
        {"intrauterine pregnancy": "active", "preeclampsia": "history"},
    ),
    (
        "consult_history_list",
        "CONSULT - CARDIOLOGY\nPast history:\n  * Paroxysmal atrial fibrillation\n"
        "  * Stroke 2020, no residual deficit\n"
        "Impression:\n  1. Paroxysmal atrial fibrillation - continue apixaban.\n",
        {"atrial fibrillation": "active", "stroke": "history"},
    ),
    (
        "discharge_diagnoses",
        "DISCHARGE DIAGNOSES:\nPrincipal: Acute pancreatitis\nSecondary: Alcohol use disorder\n"
        "PAST MEDICAL HISTORY: Cholecystectomy 2012, GERD\n",
        {"pancreatitis": "active", "alcohol use disorder": "active", "cholecystectomy": None},
    ),
    (
        "prior_history_words",
        "PMH: Prior history of colon cancer s/p hemicolectomy 2011, no recurrence.\n"
        "A/P: Iron deficiency anemia - colonoscopy.\n",
        {"iron deficiency anemia": "active", "colon cancer": "history", "hemicolectomy": None},
    ),
    (
        "psych_pmh",
        "PSYCHIATRIC HISTORY: Prior hospitalization for depression 2010.\n"
        "ASSESSMENT: Adjustment disorder with anxious mood.\n",
        {"adjustment disorder": "active"},
    ),
    (
        "pediatric_pmh",
        "PMH: Born full term. History of febrile seizure at 18 months.\n"
        "Assessment: Acute otitis media, right.\n",
        {"otitis media": "active", "febrile seizure": "history"},
    ),
    (
        "impression_consistent_negative",
        "IMPRESSION:\nNo findings consistent with pneumonia.\n",
        {"pneumonia": None},
    ),
    (
        "pmh_chronic_managed_now_said",
        "Past medical history: hypertension, currently managed with amlodipine; depression "
        "stable on sertraline.\nAssessment: Annual physical.\n",
        {},
    ),
]


def _statuses(text: str) -> dict[str, str]:
    return {
        " ".join(p.text.lower().split()): p.status.value.replace("historical", "history")
        for p in analyse(text, client_note_type=None).problems
    }


def _found(got: dict[str, str], name: str) -> list[str]:
    return [n for n in got if name in n]


_NOT_YET: dict[str, str] = {
    "resolved_prefix": "'# Resolved: hypokalemia' in an A/P gives no problem",
    "consistent_with": "a finding's sentence ('Findings are consistent with X') is not read",
    "consistent_with_variant": "'CT findings are most consistent with X' is not read",
    "letter_impression": "a letter's 'my impression is that he has X' is not read",
    "letter_impression_she": "a letter's 'my impression is that she has X' is not read",
    "likely_after_comma": "a diagnosis after 'likely' ('Cough, likely viral bronchitis')",
    "pediatric_pmh": "'History of febrile seizure at 18 months.' in a PMH sentence is missed",
}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        pytest.param(
            text,
            want,
            id=name,
            marks=[pytest.mark.xfail(strict=True, reason=_NOT_YET[name])]
            if name in _NOT_YET
            else [],
        )
        for name, text, want in _PROBES
    ],
)
def test_each_problem_has_the_status_a_clinician_reads(text: str, want: Want) -> None:
    got = _statuses(text)
    wrong = {}
    for name, status in want.items():
        hits = _found(got, name)
        if status is None:
            if hits:
                wrong[name] = hits
        elif not hits or all(got[h] != status for h in hits):
            wrong[name] = [f"{h}={got[h]}" for h in hits] or "missing"
    assert wrong == {}
