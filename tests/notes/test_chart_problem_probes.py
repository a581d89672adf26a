"""Probe stories of the chart's active problems, labelled by hand before the chart ran on them:
an admission's acute problems ended by its discharge and the visit after, a condition renamed
over a chronic-care series, problems resolved in words, a past history, "rule out" confirmed or
excluded, a symptom that a later visit names as a diagnosis, a consult beside the primary team.

Each story: its notes, the conditions a clinician keeps active (each one entry, no duplicate
under another name), and words no active problem may hold (resolved, past, ruled out, ended)."""

import re

import pytest

from tests.notes.stories import story_chart as _chart
from tests.notes.stories import story_note as _note

Story = tuple[list[tuple[str, str]], list[str], list[str]]

STORIES: dict[str, Story] = {
    # 1. Admission with acute problems, discharge, office follow-up: acute ones resolved.
    "admit-dc-office": (
        [
            (
                "2025-03-01T20:00",
                "ADMISSION H&P\nCHIEF COMPLAINT: Cough, fever.\nASSESSMENT AND PLAN:\n"
                "1. Community-acquired pneumonia - ceftriaxone, azithromycin.\n2. Acute kidney "
                "injury - "
                "IV fluids, hold lisinopril.\n3. Hyponatremia - fluid restriction.\n4. Type 2 "
                "diabetes "
                "mellitus - sliding scale insulin.\n5. Hypertension - hold lisinopril for AKI.",
            ),
            (
                "2025-03-04T11:00",
                "DISCHARGE SUMMARY\nDate of Discharge: 03/04/2025\nDISCHARGE DIAGNOSES:\n"
                "1. Community-acquired pneumonia\n2. Acute kidney injury, resolved\n3. Type 2 "
                "diabetes mellitus\n"
                "4. Hypertension\nHOSPITAL COURSE: AKI resolved with fluids. Sodium normalized.\n"
                "DISCHARGE MEDICATIONS:\n- Cefpodoxime 200 mg PO BID x 5 days\n- Metformin 1000 "
                "mg BID",
            ),
            (
                "2025-03-18T09:00",
                "OFFICE VISIT\nDate of Service: 03/18/2025\nHPI: Seen after hospital stay for "
                "pneumonia. Cough gone, completed antibiotics.\nASSESSMENT/PLAN:\n1. Pneumonia - "
                "resolved clinically. "
                "Repeat CXR in 6 weeks.\n2. Type 2 diabetes - A1c 7.4, continue metformin.\n3. "
                "Hypertension - "
                "restart lisinopril 10 mg daily.",
            ),
        ],
        ["diabetes", "hypertension"],
        ["pneumonia", "kidney", "hyponatremia"],
    ),
    # 2. Chronic-care series with renaming.
    "dm-renamed": (
        [
            (
                "2025-01-10T09:00",
                "PROGRESS NOTE - Family Medicine\nA/P:\n1. DM2 - A1c 8.9, increase metformin.\n"
                "2. HLD - on atorvastatin.\n3. Obesity, BMI 34.",
            ),
            (
                "2025-04-10T09:00",
                "PROGRESS NOTE - Family Medicine\nASSESSMENT:\n1. Type 2 diabetes mellitus with "
                "hyperglycemia - A1c 8.1, add empagliflozin.\n2. Hyperlipidemia - LDL 92.\n3. "
                "Obesity.",
            ),
            (
                "2025-07-10T09:00",
                "OFFICE VISIT\nAssessment and plan:\n- T2DM, uncontrolled: A1c 8.0. Add "
                "semaglutide.\n- Mixed hyperlipidemia: continue statin.\n- Class I obesity: "
                "counselled.",
            ),
        ],
        ["diabetes|dm", "lipid", "obesity"],
        [],
    ),
    # 3. Resolved in words, pneumonia.
    "resolved-words": (
        [
            (
                "2025-02-01T10:00",
                "URGENT CARE NOTE\nASSESSMENT:\n1. Left lower lobe pneumonia - amoxicillin-"
                "clavulanate.\n2. Asthma, mild intermittent - albuterol prn.",
            ),
            (
                "2025-02-20T10:00",
                "FOLLOW-UP VISIT\nASSESSMENT AND PLAN:\n1. Pneumonia - resolved.\n"
                "2. Asthma - well controlled, continue albuterol.",
            ),
        ],
        ["asthma"],
        ["pneumonia"],
    ),
    # 4. s/p cholecystectomy: gallstones end.
    "s-p-chole": (
        [
            (
                "2025-05-02T08:00",
                "OPERATIVE REPORT\nDate of Surgery: 05/02/2025\nPREOPERATIVE DIAGNOSIS: "
                "Symptomatic cholelithiasis.\nPOSTOPERATIVE DIAGNOSIS: Symptomatic "
                "cholelithiasis.\n"
                "PROCEDURE: Laparoscopic cholecystectomy.\nFINDINGS: Gallbladder with multiple "
                "stones.",
            ),
            (
                "2025-05-16T09:00",
                "POSTOPERATIVE VISIT\nS/p laparoscopic cholecystectomy 05/02. Incisions healing "
                "well, tolerating diet.\nASSESSMENT: Doing well after surgery. Hypertension - "
                "stable on amlodipine.",
            ),
        ],
        ["hypertension"],
        ["cholelithiasis", "cholecystectomy"],
    ),
    # 5. Past-history only problem.
    "pmh-only": (
        [
            (
                "2025-06-01T09:00",
                "NEW PATIENT VISIT\nPAST MEDICAL HISTORY: Appendicitis as a child, "
                "kidney stones 2015, hypertension.\nASSESSMENT AND PLAN:\n1. Hypertension - "
                "continue "
                "losartan 50 mg daily.\n2. Low back pain, mechanical - PT referral.",
            ),
            (
                "2025-09-01T09:00",
                "FOLLOW UP\nPMH: HTN, nephrolithiasis (2015), remote appendectomy.\n"
                "A/P:\n1. HTN - BP 128/80, continue losartan.\n2. Back pain - improved with PT, "
                "resolved.",
            ),
        ],
        ["hypertension|htn"],
        ["appendic", "stone", "nephrolith", "back pain"],
    ),
    # 6. Rule out then excluded.
    "rule-out-excluded": (
        [
            (
                "2025-08-01T22:00",
                "ED NOTE\nCC: chest pain\nASSESSMENT:\n1. Chest pain - rule out acute "
                "coronary syndrome. Serial troponins.\n2. Hypertension - continue home meds.",
            ),
            (
                "2025-08-02T10:00",
                "DISCHARGE SUMMARY\nDate of Discharge: 08/02/2025\nDISCHARGE DIAGNOSES:\n"
                "1. Chest pain, noncardiac, likely musculoskeletal\n2. Hypertension\nHOSPITAL "
                "COURSE: Troponins "
                "negative x3, ACS ruled out. Stress test normal.",
            ),
        ],
        ["hypertension"],
        ["coronary", "acs"],
    ),
    # 7. Rule out then confirmed.
    "rule-out-confirmed": (
        [
            (
                "2025-08-10T22:00",
                "ED NOTE\nASSESSMENT:\n1. Dyspnea and pleuritic chest pain - rule out "
                "pulmonary embolism, CTA ordered.\n2. Hypothyroidism - on levothyroxine.",
            ),
            (
                "2025-08-11T09:00",
                "ADMISSION NOTE\nASSESSMENT AND PLAN:\n1. Acute pulmonary embolism, "
                "segmental, right lower lobe - heparin drip, transition to apixaban.\n2. "
                "Hypothyroidism - continue "
                "levothyroxine.",
            ),
        ],
        ["pulmonary embolism", "hypothyroidism"],
        ["dyspnea"],
    ),
    # 8. Symptom then diagnosis.
    "symptom-to-diagnosis": (
        [
            (
                "2025-09-01T09:00",
                "OFFICE VISIT\nCC: fatigue\nASSESSMENT:\n1. Fatigue - check TSH, CBC, BMP.\n"
                "2. GERD - continue omeprazole.",
            ),
            (
                "2025-09-15T09:00",
                "FOLLOW UP VISIT\nLabs: TSH 11.2, free T4 low.\nASSESSMENT AND PLAN:\n"
                "1. Primary hypothyroidism - start levothyroxine 50 mcg daily. Fatigue attributed "
                "to this.\n"
                "2. GERD - stable.",
            ),
        ],
        ["hypothyroidism", "gerd"],
        ["fatigue"],
    ),
    # 9. Consult vs primary team.
    "consult-vs-primary": (
        [
            (
                "2025-10-01T20:00",
                "ADMISSION H&P - Hospital Medicine\nASSESSMENT AND PLAN:\n1. Acute on chronic "
                "systolic heart failure - IV furosemide.\n2. Atrial fibrillation - continue "
                "apixaban.\n"
                "3. CKD stage 3b - monitor creatinine.",
            ),
            (
                "2025-10-02T15:00",
                "CARDIOLOGY CONSULT\nReason for consult: CHF exacerbation.\nIMPRESSION:\n"
                "1. HFrEF, EF 25%, volume overloaded.\n2. Paroxysmal atrial fibrillation, rate "
                "controlled.\n"
                "RECOMMENDATIONS: Continue diuresis, start sacubitril-valsartan when creatinine "
                "stable.",
            ),
            (
                "2025-10-05T11:00",
                "DISCHARGE SUMMARY\nDate of Discharge: 10/05/2025\nDISCHARGE DIAGNOSES:\n"
                "1. Acute on chronic systolic heart failure\n2. Atrial fibrillation\n3. CKD stage "
                "3b\n"
                "DISCHARGE MEDICATIONS:\n- Furosemide 40 mg daily\n- Apixaban 5 mg BID",
            ),
        ],
        ["heart failure|hfref", "fibrillation", "ckd"],
        [],
    ),
    # 10. Per-note problem a later note no longer carries (acute ED, then annual).
    "ed-then-annual": (
        [
            (
                "2025-04-04T03:00",
                "EMERGENCY DEPARTMENT NOTE\nDIAGNOSES:\n1. Acute gastroenteritis\n"
                "2. Dehydration\n3. Hypokalemia",
            ),
            (
                "2025-06-20T09:00",
                "ANNUAL PHYSICAL\nASSESSMENT:\n1. Health maintenance - colonoscopy due.\n"
                "2. Hyperlipidemia - continue simvastatin.\n3. Seasonal allergic rhinitis - "
                "loratadine prn.",
            ),
        ],
        ["lipid", "rhinitis"],
        ["gastroenteritis", "dehydration", "hypokalemia"],
    ),
    # 11. Resolved in words: "UTI - treated, resolved" and "Hx of DVT, completed anticoagulation".
    "resolved-dvt": (
        [
            (
                "2025-01-05T09:00",
                "OFFICE VISIT\nA/P:\n1. Left leg DVT - continue apixaban, planned 3 months.\n"
                "2. Osteoarthritis of the knees - acetaminophen.",
            ),
            (
                "2025-04-10T09:00",
                "OFFICE VISIT\nA/P:\n1. History of DVT - completed 3 months of apixaban, "
                "stopped today.\n2. Knee osteoarthritis - stable.",
            ),
        ],
        ["osteoarthritis"],
        ["dvt"],
    ),
    # 12. Dictation in capitals, abbreviations renamed.
    "caps-renamed": (
        [
            (
                "2025-02-02T09:00",
                "PROGRESS NOTE\nASSESSMENT AND PLAN:\n1. CHRONIC OBSTRUCTIVE PULMONARY DISEASE, "
                "STABLE ON TIOTROPIUM.\n2. ESSENTIAL HYPERTENSION, CONTROLLED.\n3. TOBACCO USE "
                "DISORDER.",
            ),
            (
                "2025-05-02T09:00",
                "PROGRESS NOTE\nA/P:\n1. COPD - stable.\n2. HTN - controlled.\n"
                "3. Tobacco use - quit in April, congratulated.",
            ),
        ],
        ["copd|pulmonary", "hypertension|htn"],
        [],
    ),
    # 13. Admission with sepsis/UTI, discharge, then follow-up not mentioning it.
    "sepsis-uti": (
        [
            (
                "2025-07-01T21:00",
                "HISTORY AND PHYSICAL\nASSESSMENT/PLAN:\n1. Sepsis secondary to urinary tract "
                "infection - cultures, ceftriaxone.\n2. Acute metabolic encephalopathy - likely "
                "from sepsis.\n"
                "3. Dementia, Alzheimer type - continue donepezil.\n4. Hypertension - hold "
                "amlodipine.",
            ),
            (
                "2025-07-05T10:00",
                "DISCHARGE SUMMARY\nDate of Discharge: 07/05/2025\nDISCHARGE DIAGNOSES:\n"
                "1. Sepsis due to E. coli UTI\n2. Alzheimer dementia\n3. Hypertension\nHOSPITAL "
                "COURSE: Mental "
                "status returned to baseline.\nDISCHARGE MEDICATIONS:\n- Cephalexin 500 mg QID x "
                "5 days",
            ),
            (
                "2025-07-20T10:00",
                "OFFICE VISIT\nASSESSMENT AND PLAN:\n1. Alzheimer dementia - stable, continue "
                "donepezil.\n2. Hypertension - resume amlodipine 5 mg.",
            ),
        ],
        ["dementia", "hypertension"],
        ["sepsis", "uti", "urinary", "encephalopathy"],
    ),
    # 14. Transcription export, one line.
    "one-line-export": (
        [
            (
                "2025-03-03T09:00",
                "CHIEF COMPLAINT:, Follow-up.,ASSESSMENT:, 1. Hypothyroidism, on levothyroxine. "
                "2. Acute sinusitis. 3. Migraine without aura.,PLAN:, Amoxicillin 875 mg BID x 10 "
                "days.",
            ),
            (
                "2025-06-03T09:00",
                "CHIEF COMPLAINT:, Follow-up.,ASSESSMENT:, 1. Hypothyroidism, TSH normal. "
                "2. Migraine without aura, fewer episodes.,PLAN:, Continue current medications.",
            ),
        ],
        ["hypothyroidism", "migraine"],
        ["sinusitis"],
    ),
    # 15. Problem list with a "resolved" column/labels.
    "problem-list-resolved": (
        [
            (
                "2025-02-10T09:00",
                "CLINIC NOTE\nPROBLEM LIST:\n- Hypertension\n- Gout\n- Cellulitis, left leg\n"
                "ASSESSMENT AND PLAN:\n1. Cellulitis left leg - cephalexin.\n2. Gout - "
                "allopurinol.\n"
                "3. Hypertension - continue HCTZ.",
            ),
            (
                "2025-03-10T09:00",
                "CLINIC NOTE\nPROBLEM LIST:\n- Hypertension\n- Gout\n- Cellulitis, left leg "
                "(resolved)\nASSESSMENT AND PLAN:\n1. Gout - no flares.\n2. Hypertension - "
                "controlled.",
            ),
        ],
        ["hypertension", "gout"],
        ["cellulitis"],
    ),
    # 16. Letter from consultant, primary problems untouched.
    "consult-letter": (
        [
            (
                "2025-05-05T09:00",
                "OFFICE VISIT\nA/P:\n1. Type 2 diabetes - metformin.\n2. Microscopic hematuria - "
                "refer to urology.\n3. Hypertension - lisinopril.",
            ),
            (
                "2025-06-01T09:00",
                "Dear Dr. Smith,\nThank you for referring Mr. Jones for microscopic hematuria. "
                "Cystoscopy and CT urogram were normal. Impression: Microscopic hematuria, no "
                "urologic cause found; "
                "no further urologic follow-up needed.\nSincerely,\nDr. Lee, Urology",
            ),
        ],
        ["diabetes", "hypertension"],
        [],
    ),
    # 17. Possible/suspected stays uncertain, not active.
    "possible-stays-uncertain": (
        [
            (
                "2025-09-09T09:00",
                "OFFICE VISIT\nASSESSMENT:\n1. Possible obstructive sleep apnea - sleep study "
                "ordered.\n2. Hypertension - amlodipine.\n3. Suspected carpal tunnel syndrome, "
                "right - EMG.",
            ),
            (
                "2025-10-09T09:00",
                "PROGRESS NOTE\nASSESSMENT:\n1. Hypertension - controlled.\n2. Carpal tunnel "
                "syndrome, right, confirmed on EMG - wrist splint.",
            ),
        ],
        ["hypertension", "carpal"],
        ["apnea"],
    ),
    # 18. Surgical episode: appendicitis, postop visit.
    "appendicitis": (
        [
            (
                "2025-04-01T02:00",
                "EMERGENCY DEPARTMENT NOTE\nIMPRESSION: Acute appendicitis. Surgery consulted.",
            ),
            (
                "2025-04-01T08:00",
                "OPERATIVE REPORT\nPREOPERATIVE DIAGNOSIS: Acute appendicitis.\nPOSTOPERATIVE "
                "DIAGNOSIS: Acute suppurative appendicitis without perforation.\nPROCEDURE: "
                "Laparoscopic "
                "appendectomy.",
            ),
            (
                "2025-04-15T09:00",
                "POSTOPERATIVE VISIT\nS/p lap appendectomy. Wounds healing.\nASSESSMENT: "
                "Postoperative state, doing well. Asthma - stable.",
            ),
        ],
        ["asthma"],
        ["appendicitis"],
    ),
    # 19. Visit symptom (headache) in an urgent-care note, then PCP.
    "visit-symptom": (
        [
            (
                "2025-11-01T19:00",
                "URGENT CARE\nASSESSMENT:\n1. Headache, tension type - ibuprofen.\n"
                "2. Hypertension - elevated today 152/94, recheck with PCP.",
            ),
            (
                "2025-11-15T09:00",
                "OFFICE VISIT\nASSESSMENT AND PLAN:\n1. Hypertension - increase lisinopril to 20 "
                "mg.\n"
                "2. Prediabetes - A1c 6.0, lifestyle.",
            ),
        ],
        ["hypertension", "prediabetes"],
        ["headache"],
    ),
    # 20. "AKI resolved with fluids" within the same discharge summary's course only.
    "aki-course": (
        [
            (
                "2025-12-01T20:00",
                "ADMISSION NOTE\nA/P:\n1. Acute kidney injury, prerenal - IV fluids.\n"
                "2. COPD - continue inhalers.\n3. Hypokalemia - replete.",
            ),
            (
                "2025-12-03T11:00",
                "DISCHARGE SUMMARY\nDate of Discharge: 12/03/2025\nHOSPITAL COURSE:\n"
                "1. AKI - resolved with IV fluids, creatinine back to baseline 0.9.\n2. "
                "Hypokalemia - repleted.\n"
                "3. COPD - stable.\nDISCHARGE DIAGNOSES: AKI, resolved; COPD.",
            ),
        ],
        ["copd"],
        ["kidney", "aki", "hypokalemia"],
    ),
    # 21. Two duplicates under another name: "A-fib" / "atrial fibrillation" / "AF".
    "af-names": (
        [
            (
                "2025-01-01T09:00",
                "CARDIOLOGY FOLLOW-UP\nIMPRESSION:\n1. Paroxysmal A-fib - on apixaban.\n"
                "2. Hypertensive heart disease.",
            ),
            (
                "2025-04-01T09:00",
                "CARDIOLOGY FOLLOW-UP\nIMPRESSION:\n1. Paroxysmal atrial fibrillation, "
                "CHA2DS2-VASc 3.\n"
                "2. Hypertension.",
            ),
        ],
        ["fib"],
        [],
    ),
    # 22. PMH then managed later.
    "pmh-then-managed": (
        [
            (
                "2025-02-01T09:00",
                "OFFICE VISIT\nPMH: Hypothyroidism, GERD.\nA/P:\n1. Acute bronchitis - supportive "
                "care.",
            ),
            (
                "2025-05-01T09:00",
                "OFFICE VISIT\nA/P:\n1. Hypothyroidism - TSH 6.8, increase levothyroxine.\n"
                "2. GERD - controlled on omeprazole.",
            ),
        ],
        ["hypothyroidism", "gerd"],
        ["bronchitis"],
    ),
    # 23. "No longer" / "off" wording.
    "no-longer": (
        [
            (
                "2025-01-15T09:00",
                "OFFICE VISIT\nA/P:\n1. Iron deficiency anemia - ferrous sulfate.\n"
                "2. Hypertension - amlodipine.",
            ),
            (
                "2025-06-15T09:00",
                "OFFICE VISIT\nA/P:\n1. Iron deficiency anemia - resolved, Hgb 13.5, stop iron.\n"
                "2. Hypertension - stable.",
            ),
        ],
        ["hypertension"],
        ["anemia"],
    ),
    # 24. Excluded in a later clinic note ("not" diagnosis).
    "excluded-later": (
        [
            (
                "2025-03-03T09:00",
                "OFFICE VISIT\nASSESSMENT:\n1. Rule out rheumatoid arthritis - check RF, "
                "anti-CCP.\n"
                "2. Hand pain.\n3. Hypothyroidism - levothyroxine.",
            ),
            (
                "2025-03-20T09:00",
                "RHEUMATOLOGY CONSULT\nIMPRESSION: Hand osteoarthritis. RF and anti-CCP negative; "
                "no evidence of rheumatoid arthritis.",
            ),
        ],
        ["osteoarthritis"],
        ["rheumatoid", "hand pain"],
    ),
    # 25. Pregnancy: not relevant; instead "history of" in the assessment.
    "history-of-in-assessment": (
        [
            (
                "2025-02-02T09:00",
                "OFFICE VISIT\nASSESSMENT AND PLAN:\n1. History of breast cancer, s/p "
                "lumpectomy 2019 - on anastrozole, mammogram due.\n2. Osteopenia - calcium, "
                "vitamin D.",
            ),
            (
                "2025-08-02T09:00",
                "OFFICE VISIT\nASSESSMENT AND PLAN:\n1. Osteopenia - DEXA stable.\n"
                "2. Hypertension - new diagnosis, start amlodipine.",
            ),
        ],
        ["osteopenia", "hypertension"],
        [],
    ),
    # 26. ED visit with fracture, ortho follow-up, then PCP.
    "fracture": (
        [
            (
                "2025-05-05T14:00",
                "ED NOTE\nDIAGNOSIS: Closed fracture of distal right radius. Splinted.\n"
                "Hypertension - continue meds.",
            ),
            (
                "2025-05-12T09:00",
                "ORTHOPEDIC CLINIC\nASSESSMENT: Right distal radius fracture, nondisplaced - "
                "cast applied.",
            ),
            (
                "2025-08-12T09:00",
                "OFFICE VISIT\nA/P:\n1. Distal radius fracture - healed, cast off.\n"
                "2. Hypertension - controlled on lisinopril.",
            ),
        ],
        ["hypertension"],
        ["fracture"],
    ),
    # 27. Symptom of the visit only: cough, treated symptomatically, later visit takes stock.
    "cough-visit": (
        [
            (
                "2025-10-10T09:00",
                "OFFICE VISIT\nCC: cough x 5 days\nASSESSMENT:\n1. Cough, likely viral upper "
                "respiratory infection - supportive care.\n2. Type 2 diabetes - continue "
                "metformin.",
            ),
            (
                "2025-12-10T09:00",
                "OFFICE VISIT\nASSESSMENT:\n1. Type 2 diabetes - A1c 7.0.\n2. Hyperlipidemia - "
                "start atorvastatin.",
            ),
        ],
        ["diabetes", "lipid"],
        ["cough", "respiratory"],
    ),
    # 28. Negative: a chronic problem not named at the later visit goes on.
    "chronic-not-named-stays": (
        [
            (
                "2025-01-10T09:00",
                "OFFICE VISIT\nA/P:\n1. Rheumatoid arthritis - methotrexate.\n2. Hypertension - "
                "losartan.",
            ),
            (
                "2025-03-10T09:00",
                "OFFICE VISIT\nA/P:\n1. Hypertension - controlled.\n2. Acute otitis media - "
                "amoxicillin.",
            ),
        ],
        ["rheumatoid", "hypertension", "otitis"],
        [],
    ),
    # 29. Palliative care then hospice: the later note names the same conditions more narrowly.
    "palliative-renamed": (
        [
            (
                "2026-03-18T10:00",
                "PALLIATIVE CARE CONSULT\nASSESSMENT AND PLAN:\n1. Metastatic pancreatic "
                "cancer - goals of care discussed.\n2. Constipation - senna, polyethylene "
                "glycol.\n3. Ascites - "
                "paracentesis as needed.",
            ),
            (
                "2026-03-20T10:00",
                "HOSPICE ADMISSION\nASSESSMENT AND PLAN:\n1. Metastatic pancreatic cancer.\n"
                "2. Opioid-induced constipation - senna bid.\n3. Malignant ascites - PleurX drain.",
            ),
        ],
        ["pancrea", "constipation", "ascites"],
        [],
    ),
    # 30. A shorthand the cardiology note writes: "pAF" is the "Paroxysmal AF" of the admission.
    "paf-shorthand": (
        [
            (
                "2026-01-14T20:00",
                "HISTORY AND PHYSICAL\nASSESSMENT AND PLAN:\n1. Paroxysmal AF - apixaban.\n"
                "2. HTN - amlodipine.",
            ),
            (
                "2026-03-15T09:00",
                "CARDIOLOGY FOLLOW-UP\nA/P:\n1. pAF - in sinus rhythm, continue apixaban.\n"
                "2. HTN - at goal.",
            ),
        ],
        ["af|fib", "htn|hypertension"],
        [],
    ),
    # 31. Two conditions that share a word stay two: CKD, then anemia of CKD and a kidney stone.
    "ckd-stays-apart": (
        [
            (
                "2025-05-05T09:00",
                "NEPHROLOGY VISIT\nASSESSMENT:\n1. CKD stage 4 - monitor.\n"
                "2. Hypertension - losartan.",
            ),
            (
                "2025-08-05T09:00",
                "NEPHROLOGY VISIT\nASSESSMENT:\n1. CKD stage 4 - eGFR 22.\n2. Anemia of CKD - "
                "start darbepoetin.\n3. Kidney stone, left, 4 mm - tamsulosin.\n4. AKI on CKD - "
                "resolved.",
            ),
        ],
        ["^ckd stage 4", "anemia", "stone", "hypertension"],
        ["aki"],
    ),
    # 32. A chronic symptom goes on when a later visit does not name it.
    "chronic-pain-stays": (
        [
            (
                "2025-02-02T09:00",
                "PAIN CLINIC NOTE\nASSESSMENT:\n1. Chronic low back pain - continue PT, "
                "duloxetine.\n2. Lumbar spondylosis.",
            ),
            (
                "2025-05-02T09:00",
                "OFFICE VISIT\nA/P:\n1. Type 2 diabetes - A1c 6.9.\n2. Hypertension - stable.",
            ),
        ],
        ["back pain", "diabetes", "hypertension"],
        [],
    ),
    # 33. A symptom of the latest visit stays; a call after it does not end it.
    "symptom-then-call": (
        [
            (
                "2025-10-01T09:00",
                "OFFICE VISIT\nA/P:\n1. Cough, likely post-viral - benzonatate.\n"
                "2. Asthma - albuterol.",
            ),
            (
                "2025-10-08T09:00",
                "TELEPHONE NOTE\nPatient called, cough improving, asks for refill of "
                "benzonatate. Sent.",
            ),
        ],
        ["cough", "asthma"],
        [],
    ),
    # 34. The team's next note of the stay takes stock without an acute problem: it is over.
    "stay-progress": (
        [
            (
                "2025-02-10T20:00",
                "ADMISSION H&P\nASSESSMENT AND PLAN:\n1. Right lower lobe pneumonia - "
                "ceftriaxone.\n"
                "2. Hypokalemia - K 3.0, replete.\n3. Type 2 diabetes - insulin sliding scale.",
            ),
            (
                "2025-02-11T09:00",
                "HOSPITAL MEDICINE PROGRESS NOTE\nASSESSMENT AND PLAN:\n1. Right lower lobe "
                "pneumonia "
                "- improving, afebrile.\n2. Type 2 diabetes - glucose 140s.",
            ),
        ],
        ["pneumonia", "diabetes"],
        ["hypokalemia"],
    ),
    # 35. A consult answers its own question: the primary team's acute problem stays.
    "stay-consult": (
        [
            (
                "2025-02-10T20:00",
                "ADMISSION H&P\nASSESSMENT AND PLAN:\n1. Right lower lobe pneumonia - "
                "ceftriaxone.\n"
                "2. Hypokalemia - K 3.0, replete.\n3. Type 2 diabetes - insulin sliding scale.",
            ),
            (
                "2025-02-11T14:00",
                "INFECTIOUS DISEASE CONSULT\nReason for consult: pneumonia.\nIMPRESSION:\n"
                "1. Right lower lobe pneumonia, likely pneumococcal.\nRECOMMENDATIONS: Continue "
                "ceftriaxone.",
            ),
        ],
        ["pneumonia", "hypokalemia", "diabetes"],
        [],
    ),
}


@pytest.mark.parametrize("name", list(STORIES))
def test_the_active_list_is_one_a_clinician_can_trust(name: str) -> None:
    notes, active, never = STORIES[name]
    chart = _chart(*(_note(taken_at, text) for taken_at, text in notes))
    listed = [p.text.lower() for p in chart.problems]

    for wanted in active:
        assert len([t for t in listed if re.search(wanted, t)]) == 1, (wanted, listed)
    assert not [t for t in listed if any(re.search(w, t) for w in never)], listed


@pytest.mark.parametrize(
    ("first", "second"),
    [("Headache", "Cluster headache"), ("Weakness", "Left leg weakness"), ("Fatigue", "Anemia")],
)
def test_a_symptom_a_later_visit_names_as_a_diagnosis_leaves_the_active_list(
    first: str, second: str
) -> None:
    chart = _chart(
        _note("2025-01-10", f"OFFICE VISIT\nASSESSMENT:\n1. {first}\n"),
        _note("2025-02-10", f"OFFICE VISIT\nASSESSMENT:\n1. {second}\n"),
    )
    assert [p.text for p in chart.problems] == [second]


@pytest.mark.parametrize(
    ("first", "second"),
    [("AKI", "CKD 3b"), ("CKD 3b", "Kidney stone"), ("Hypertension", "Pulmonary hypertension")],
)
def test_conditions_that_share_a_word_stay_two(first: str, second: str) -> None:
    chart = _chart(
        _note("2025-01-10", f"OFFICE VISIT\nASSESSMENT:\n1. {first}, stable\n"),
        _note("2025-02-10", f"OFFICE VISIT\nASSESSMENT:\n1. {first}, stable\n2. {second}\n"),
    )
    assert sorted(p.text for p in chart.problems) == sorted([first, second])
