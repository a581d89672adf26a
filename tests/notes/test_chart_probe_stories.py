"""Stories of two to four notes written for chart5 and labelled by hand before the chart was
built from them: an ED visit then the PCP, an admission then a discharge list in another house
style, a hold before surgery and no word of a resume, courses finished, switches said only in the
later note, a specialist's letter that stops a drug, one-time vaccines and injections, proposals
never started, brands and generics, an allergy found to a drug that was current. After the last
note, no drug the stories leave behind is current, and the drugs still taken are."""

import pytest

from carechart.notes.chart import ChartNote
from tests.notes.stories import current_names, story_chart
from tests.notes.stories import story_note as note

STORIES: list[tuple[str, list[ChartNote], list[str], list[str]]] = [
    # 1 ED visit with given doses then PCP follow-up
    (
        "ed then pcp",
        [
            note(
                "2025-04-02T22:00",
                "EMERGENCY DEPARTMENT NOTE\n"
                "CC: right ankle pain after fall\n"
                "Home meds: lisinopril 20 mg daily, atorvastatin 40 mg qhs\n"
                "Allergies: NKDA\n"
                "ED course: ketorolac 30 mg IM given, ondansetron 4 mg ODT x1. X-ray negative.\n"
                "Disposition: discharged home with ibuprofen 600 mg q6h prn pain x 5 days.\n",
            ),
            note(
                "2025-04-20",
                "PRIMARY CARE FOLLOW-UP\n"
                "Seen in ED 4/2 for ankle sprain, now resolved. Finished the ibuprofen.\n"
                "Medications: lisinopril 20 mg daily; atorvastatin 40 mg nightly\n"
                "Assessment/Plan: HTN controlled, continue lisinopril.\n",
            ),
        ],
        ["ketorolac", "ondansetron", "ibuprofen"],
        ["lisinopril", "atorvastatin"],
    ),
    # 2 Admission H&P, progress notes with inpatient drugs, discharge as table
    (
        "admission table discharge",
        [
            note(
                "2025-05-01T10:00",
                "ADMISSION H&P\n"
                "HPI: 72M with CAP.\n"
                "Home medications: metoprolol succinate 50 mg daily, tamsulosin 0.4 mg daily, "
                "omeprazole 20 mg daily\n"
                "Allergies: sulfa\n"
                "Plan: ceftriaxone 1 g IV daily, azithromycin 500 mg IV daily, heparin 5000 "
                "units SC q8h, hold tamsulosin.\n",
            ),
            note(
                "2025-05-02T09:00",
                "PROGRESS NOTE\n"
                "Afebrile. Continue ceftriaxone and azithromycin. Heparin SQ for DVT "
                "prophylaxis. Metoprolol continued.\n",
            ),
            note(
                "2025-05-04T11:00",
                "DISCHARGE SUMMARY\n"
                "Hospital course: treated with IV antibiotics, transitioned to oral.\n"
                "Discharge Medications:\n"
                "| Medication | Dose | Instructions | Status |\n"
                "| cefpodoxime | 200 mg | twice daily x 3 more days | NEW |\n"
                "| metoprolol succinate | 50 mg | daily | CONTINUE |\n"
                "| tamsulosin | 0.4 mg | daily | RESUME |\n"
                "| omeprazole | 20 mg | daily | STOP |\n",
            ),
        ],
        ["ceftriaxone", "azithromycin", "heparin", "omeprazole"],
        ["metoprolol", "tamsulosin", "cefpodoxime"],
    ),
    # 3 discharge with "STOP taking" style
    (
        "stop taking patient instructions",
        [
            note(
                "2025-06-01T10:00",
                "HISTORY AND PHYSICAL\n"
                "Medications: warfarin 5 mg daily, furosemide 40 mg daily, potassium chloride 20 "
                "mEq daily, digoxin 0.125 mg daily\n"
                "Assessment: CHF exacerbation. Plan: furosemide 40 mg IV BID.\n",
            ),
            note(
                "2025-06-05T12:00",
                "DISCHARGE INSTRUCTIONS\n"
                "YOUR MEDICATION LIST\n"
                "START taking: spironolactone 25 mg once a day\n"
                "CHANGE how you take: furosemide 80 mg once a day (was 40 mg)\n"
                "CONTINUE taking: warfarin 5 mg daily, potassium chloride 20 mEq daily\n"
                "STOP taking: digoxin\n",
            ),
        ],
        ["digoxin"],
        ["spironolactone", "furosemide", "warfarin", "potassium chloride"],
    ),
    # 4 discharge prose
    (
        "discharge prose",
        [
            note(
                "2025-07-01T08:00",
                "ADMISSION NOTE\n"
                "Home meds: amlodipine 10 mg daily, hydrochlorothiazide 25 mg daily, sertraline "
                "100 mg daily.\n"
                "Admitted with hyponatremia. Plan: IV normal saline, hold hydrochlorothiazide.\n",
            ),
            note(
                "2025-07-03T14:00",
                "DISCHARGE SUMMARY\n"
                "Sodium corrected with fluids. Hydrochlorothiazide was discontinued permanently "
                "given hyponatremia. She will continue her amlodipine and sertraline. Amlodipine "
                "was increased to 10 mg. No new medications.\n",
            ),
        ],
        ["hydrochlorothiazide", "normal saline"],
        ["amlodipine", "sertraline"],
    ),
    # 5 resume home medications
    (
        "resume home medications",
        [
            note(
                "2025-08-01T08:00",
                "ADMISSION H&P\n"
                "Home medications:\n"
                "1. levothyroxine 100 mcg daily\n"
                "2. lisinopril 10 mg daily\n"
                "3. metformin 1000 mg BID\n"
                "Plan: hold metformin and lisinopril given AKI, insulin sliding scale, IV "
                "fluids.\n",
            ),
            note(
                "2025-08-02T08:00",
                "PROGRESS NOTE\n"
                "Creatinine improving. Insulin lispro sliding scale. Continue holding metformin.\n",
            ),
            note(
                "2025-08-04T10:00",
                "DISCHARGE SUMMARY\n"
                "AKI resolved.\n"
                "Discharge medications: Resume all home medications as previously prescribed. No "
                "new prescriptions.\n",
            ),
        ],
        ["insulin lispro"],
        # Lisinopril and metformin were held in hospital: the chart keeps them held.
        ["levothyroxine"],
    ),
    # 6 hold before surgery, op note without resume, post-op visit
    (
        "hold before surgery",
        [
            note(
                "2025-09-01",
                "PREOPERATIVE EVALUATION\n"
                "Planned right total knee arthroplasty 9/10.\n"
                "Medications: apixaban 5 mg BID, lisinopril 10 mg daily, aspirin 81 mg daily\n"
                "Plan: hold apixaban 48 hours before surgery. Hold lisinopril the morning of "
                "surgery. Continue aspirin.\n",
            ),
            note(
                "2025-09-10T10:00",
                "OPERATIVE REPORT\n"
                "Procedure: right TKA\n"
                "Anesthesia: spinal, propofol sedation\n"
                "Cefazolin 2 g IV given prior to incision. Tranexamic acid 1 g IV.\n"
                "EBL 200 mL. No complications.\n",
            ),
            note(
                "2025-09-24",
                "POST-OPERATIVE VISIT\n"
                "Doing well 2 weeks after TKA. Taking oxycodone 5 mg rarely.\n"
                "Medications: apixaban 5 mg BID, lisinopril 10 mg daily, aspirin 81 mg daily, "
                "oxycodone 5 mg q6h prn\n"
                "Plan: wean off oxycodone.\n",
            ),
        ],
        ["cefazolin", "tranexamic acid", "propofol"],
        ["apixaban", "lisinopril", "aspirin"],
    ),
    # 7 hold before surgery, op note, post-op visit with no list
    (
        "hold then postop without list",
        [
            note(
                "2025-09-01",
                "PRE-OP CLINIC\n"
                "Medications: clopidogrel 75 mg daily, metoprolol tartrate 25 mg BID\n"
                "Plan: Stop clopidogrel 5 days before the colectomy. Continue metoprolol "
                "including morning of surgery.\n",
            ),
            note(
                "2025-09-08T09:00",
                "OPERATIVE NOTE\n"
                "Procedure: laparoscopic sigmoid colectomy.\n"
                "Medications given: cefoxitin 2 g IV, heparin 5000 units SC.\n",
            ),
            note(
                "2025-09-22",
                "POSTOPERATIVE CLINIC VISIT\n"
                "Incisions healing well. Tolerating diet.\n"
                "Plan: follow up 4 weeks.\n",
            ),
        ],
        ["cefoxitin", "heparin"],
        ["metoprolol"],
    ),
    # 8 course completed
    (
        "course completed",
        [
            note(
                "2025-10-01",
                "URGENT CARE NOTE\n"
                "Dx: streptococcal pharyngitis\n"
                "Meds: oral contraceptive (norethindrone-ethinyl estradiol) daily\n"
                "Rx: amoxicillin 500 mg PO TID x 7 days.\n",
            ),
            note(
                "2025-10-15",
                "FOLLOW UP VISIT\n"
                "She finished her 7-day course of amoxicillin and feels well.\n"
                "Medications: norethindrone-ethinyl estradiol daily\n"
                "Plan: no further treatment.\n",
            ),
        ],
        ["amoxicillin"],
        [],
    ),
    # 9 course completed, prose only, no med list in the second note
    (
        "course completed no list",
        [
            note(
                "2025-10-01",
                "OFFICE VISIT\n"
                "Medications: losartan 50 mg daily\n"
                "A/P: UTI. Start nitrofurantoin 100 mg BID x 5 days. Continue losartan.\n",
            ),
            note(
                "2025-10-20",
                "TELEPHONE ENCOUNTER\nPatient completed nitrofurantoin, symptoms resolved.\n",
            ),
        ],
        ["nitrofurantoin"],
        ["losartan"],
    ),
    # 10 switch stated only in the later note
    (
        "switch in later note",
        [
            note(
                "2025-03-01",
                "FOLLOW-UP\n"
                "Medications: lisinopril 20 mg daily, atorvastatin 20 mg nightly\n"
                "Plan: continue.\n",
            ),
            note(
                "2025-05-01",
                "FOLLOW-UP\n"
                "Developed dry cough on lisinopril; switched to losartan 50 mg daily.\n"
                "Plan: recheck BMP 2 weeks.\n",
            ),
        ],
        ["lisinopril"],
        ["losartan", "atorvastatin"],
    ),
    # 11 switch "changed from X to Y"
    (
        "changed from to",
        [
            note(
                "2025-03-01",
                "CLINIC NOTE\nMEDICATIONS: SIMVASTATIN 40 MG QHS, METFORMIN 500 MG BID\n",
            ),
            note(
                "2025-06-01",
                "CLINIC NOTE\n"
                "A/P: Hyperlipidemia - changed from simvastatin to rosuvastatin 10 mg daily for "
                "better LDL lowering. Continue metformin.\n",
            ),
        ],
        ["simvastatin"],
        ["rosuvastatin", "metformin"],
    ),
    # 12 stopped by specialist letter
    (
        "specialist letter stop",
        [
            note(
                "2025-02-01",
                "ANNUAL PHYSICAL\n"
                "Medications: amiodarone 200 mg daily, metoprolol 25 mg BID, apixaban 5 mg BID\n",
            ),
            note(
                "2025-03-15",
                "Dear Dr. Patel,\n"
                "Thank you for referring Mr. Jones to cardiology. He remains in sinus rhythm "
                "after ablation. I have discontinued his amiodarone given the thyroid "
                "abnormalities. He should continue metoprolol and apixaban.\n"
                "Sincerely,\n"
                "Dr. Kim, Cardiology\n",
            ),
        ],
        ["amiodarone"],
        ["metoprolol", "apixaban"],
    ),
    # 13 specialist letter, "we have stopped"
    (
        "letter we stopped",
        [
            note(
                "2025-02-01",
                "FOLLOW-UP VISIT\n"
                "Medications: methotrexate 15 mg weekly, folic acid 1 mg daily, prednisone 5 mg "
                "daily\n",
            ),
            note(
                "2025-04-01",
                "RHEUMATOLOGY CONSULTATION LETTER\n"
                "Re: Mrs. Smith\n"
                "We have stopped methotrexate because of elevated liver enzymes and started "
                "hydroxychloroquine 200 mg twice daily. Prednisone was tapered off completely. "
                "Folic acid is no longer needed.\n",
            ),
        ],
        ["methotrexate", "prednisone", "folic acid"],
        ["hydroxychloroquine"],
    ),
    # 14 one-time vaccine or injection
    (
        "one-time vaccine",
        [
            note(
                "2025-10-01",
                "WELL VISIT\n"
                "Medications: cetirizine 10 mg daily\n"
                "Immunizations: influenza vaccine given today, left deltoid. Tdap administered.\n"
                "Plan: return 1 year.\n",
            ),
        ],
        ["influenza vaccine", "tdap"],
        ["cetirizine"],
    ),
    # 15 one-time injection
    (
        "one-time injection",
        [
            note(
                "2025-10-01",
                "ORTHOPEDIC CLINIC\n"
                "Left knee OA. Medications: naproxen 500 mg BID\n"
                "Procedure: Left knee injected with triamcinolone 40 mg and lidocaine 1% 4 mL. "
                "Tolerated well.\n",
            ),
            note(
                "2025-12-01",
                "FOLLOW-UP\nKnee better since injection. Meds: naproxen 500 mg BID prn.\n",
            ),
        ],
        ["triamcinolone", "lidocaine"],
        ["naproxen"],
    ),
    # 16 proposed never started
    (
        "proposed never started",
        [
            note(
                "2025-01-10",
                "CLINIC VISIT\n"
                "Medications: metformin 1000 mg BID\n"
                "A/P: A1c 8.1. Discussed adding empagliflozin; patient wants to think about it. "
                "Consider semaglutide if weight remains an issue.\n",
            ),
            note(
                "2025-04-10",
                "CLINIC VISIT\n"
                "Medications: metformin 1000 mg BID\n"
                "A1c 7.4 with diet changes. She declined empagliflozin. Continue metformin.\n",
            ),
        ],
        ["empagliflozin", "semaglutide"],
        ["metformin"],
    ),
    # 17 brand and generic across notes
    (
        "brand generic",
        [
            note(
                "2025-01-10",
                "FOLLOW-UP\n"
                "Medications: Lipitor 40 mg daily, Synthroid 75 mcg daily, Zoloft 50 mg daily\n",
            ),
            note(
                "2025-04-10",
                "FOLLOW-UP\n"
                "Medications: atorvastatin 40 mg daily, levothyroxine 88 mcg daily\n"
                "Plan: Zoloft discontinued, mood stable off it. TSH high, levothyroxine "
                "increased to 88 mcg.\n",
            ),
        ],
        ["sertraline"],
        ["atorvastatin", "levothyroxine"],
    ),
    # 18 allergy discovered later to current drug
    (
        "allergy discovered later",
        [
            note(
                "2025-01-10",
                "FOLLOW-UP\n"
                "Medications: lisinopril 10 mg daily, amlodipine 5 mg daily\n"
                "Allergies: NKDA\n",
            ),
            note(
                "2025-02-10",
                "URGENT VISIT\n"
                "Presents with lip and tongue swelling. Angioedema likely from lisinopril. "
                "Lisinopril discontinued and added to allergy list.\n"
                "Allergies: lisinopril (angioedema)\n"
                "Medications: amlodipine 5 mg daily\n",
            ),
        ],
        ["lisinopril"],
        ["amlodipine"],
    ),
    # 19 allergy discovered later, no explicit stop
    (
        "allergy discovered later no stop",
        [
            note(
                "2025-01-10",
                "FOLLOW-UP\n"
                "Medications: trimethoprim-sulfamethoxazole DS BID x 10 days, sertraline 50 mg "
                "daily\n",
            ),
            note(
                "2025-01-14",
                "PHONE NOTE\nDeveloped diffuse rash on Bactrim. New allergy: sulfa drugs (rash).\n",
            ),
        ],
        ["sulfamethoxazole / trimethoprim"],
        ["sertraline"],
    ),
    # 20 inpatient-only drugs in progress notes then discharge without mention
    (
        "inpatient only drugs",
        [
            note(
                "2025-03-01T08:00",
                "ADMISSION H&P\n"
                "Home meds: escitalopram 10 mg daily\n"
                "Plan: DKA protocol, insulin drip, potassium replacement, ondansetron prn.\n",
            ),
            note(
                "2025-03-02T08:00",
                "PROGRESS NOTE\n"
                "Gap closed. Transitioned to insulin glargine 20 units qhs and insulin lispro "
                "with meals. Enoxaparin 40 mg SC daily for prophylaxis.\n",
            ),
            note(
                "2025-03-03T12:00",
                "DISCHARGE SUMMARY\n"
                "Discharge medications: insulin glargine 20 units at bedtime, insulin lispro per "
                "sliding scale with meals, escitalopram 10 mg daily.\n",
            ),
        ],
        ["ondansetron", "enoxaparin"],
        ["insulin glargine", "insulin lispro", "escitalopram"],
    ),
    # 21 ED visit: "given" in ED then discharged w/ rx, follow-up mentions done
    (
        "ed given and prescribed",
        [
            note(
                "2025-04-01T20:00",
                "ED PROVIDER NOTE\n"
                "Asthma exacerbation. Received albuterol/ipratropium nebs x3 and "
                "methylprednisolone 125 mg IV. Home inhaler: fluticasone-salmeterol 250/50 one "
                "puff BID.\n"
                "Discharge: prednisone 40 mg daily x 5 days, albuterol inhaler 2 puffs q4h prn.\n",
            ),
            note(
                "2025-04-15",
                "PCP FOLLOW-UP\n"
                "Completed prednisone burst. Breathing at baseline.\n"
                "Medications: fluticasone-salmeterol 250/50 1 puff BID, albuterol HFA prn\n",
            ),
        ],
        ["methylprednisolone", "prednisone", "ipratropium"],
        ["albuterol"],
    ),
    # 22 med taper finished
    (
        "taper finished",
        [
            note(
                "2025-05-01",
                "NEUROLOGY FOLLOW-UP\n"
                "Medications: topiramate 50 mg BID, sumatriptan 50 mg prn\n"
                "Plan: taper topiramate off over 2 weeks given cognitive side effects; start "
                "propranolol 40 mg BID.\n",
            ),
            note(
                "2025-06-01",
                "NEUROLOGY FOLLOW-UP\n"
                "Off topiramate now. Tolerating propranolol.\n"
                "Medications: propranolol 40 mg BID, sumatriptan 50 mg prn\n",
            ),
        ],
        ["topiramate"],
        ["propranolol", "sumatriptan"],
    ),
    # 23 allergy list listed, and "medication" section with allergy entry
    (
        "allergen in list",
        [
            note(
                "2025-05-01",
                "NEW PATIENT VISIT\n"
                "Medications: fluoxetine 20 mg daily, lamotrigine 100 mg BID\n"
                "Allergies/Intolerances:\n"
                "Penicillin - hives\n"
                "Codeine - nausea\n",
            ),
            note(
                "2025-06-01",
                "FOLLOW-UP\n"
                "Meds reviewed, unchanged. No new allergies. Patient still avoids codeine.\n",
            ),
        ],
        ["penicillin", "codeine"],
        ["fluoxetine", "lamotrigine"],
    ),
    # 24 dictation caps discharge with "DISCONTINUE"
    (
        "caps discharge discontinue",
        [
            note(
                "2025-07-01T08:00",
                "ADMISSION HISTORY AND PHYSICAL\n"
                "HOME MEDICATIONS: GLIPIZIDE 10 MG BID, ATENOLOL 50 MG DAILY, ASPIRIN 81 MG "
                "DAILY.\n"
                "PLAN: HOLD GLIPIZIDE, INSULIN SLIDING SCALE.\n",
            ),
            note(
                "2025-07-04T08:00",
                "DISCHARGE SUMMARY\n"
                "DISCHARGE MEDICATIONS: ATENOLOL 50 MG DAILY. ASPIRIN 81 MG DAILY. LINAGLIPTIN 5 "
                "MG DAILY (NEW).\n"
                "DISCONTINUE: GLIPIZIDE DUE TO HYPOGLYCEMIA.\n",
            ),
        ],
        ["glipizide", "insulin"],
        ["atenolol", "aspirin", "linagliptin"],
    ),
    # 25 one-line comma export
    (
        "comma export",
        [
            note(
                "2025-02-01",
                "Visit 2025-02-01, Dx: HTN, Meds: chlorthalidone 25 mg daily, potassium chloride "
                "10 mEq daily, Allergies: ACE inhibitors (cough)\n",
            ),
            note(
                "2025-03-01",
                "Visit 2025-03-01, Dx: HTN, hypokalemia resolved, Plan: d/c potassium chloride, "
                "continue chlorthalidone\n",
            ),
        ],
        ["potassium chloride"],
        ["chlorthalidone"],
    ),
    # 26 Vaccine series inpatient
    (
        "pneumovax inpatient",
        [
            note(
                "2025-11-01T08:00",
                "DISCHARGE SUMMARY\n"
                "Pneumococcal vaccine (PPSV23) administered prior to discharge.\n"
                "Discharge medications: tiotropium 18 mcg inhaled daily, budesonide-formoterol "
                "160/4.5 2 puffs BID.\n",
            ),
        ],
        ["pneumococcal vaccine"],
        ["tiotropium"],
    ),
    # 27 depot injection monthly (ongoing - keep current)
    (
        "depot injection ongoing",
        [
            note(
                "2025-01-01",
                "PSYCHIATRY FOLLOW-UP\n"
                "Medications: paliperidone palmitate 156 mg IM monthly, last given today. "
                "Benztropine 1 mg BID.\n"
                "Plan: continue monthly injections.\n",
            ),
        ],
        [],
        ["benztropine"],
    ),
    # 28 allergy discovered, drug recorded as stopped in later med list w/o mention
    (
        "pcn allergy then amox",
        [
            note(
                "2025-01-01",
                "CLINIC\n"
                "Medications: amoxicillin-clavulanate 875 mg BID x 10 days for sinusitis, "
                "montelukast 10 mg daily\n",
            ),
            note(
                "2025-01-05",
                "CLINIC\n"
                "Hives after 3 days of Augmentin; stopped. Allergies: amoxicillin (hives). "
                "Switched to doxycycline 100 mg BID to complete course.\n"
                "Medications: montelukast 10 mg daily, doxycycline 100 mg BID\n",
            ),
        ],
        ["amoxicillin / clavulanate", "amoxicillin"],
        ["montelukast", "doxycycline"],
    ),
    # 29 stopped by specialist, discontinue phrasing in A/P headings
    (
        "gi consult stops ppi",
        [
            note(
                "2025-01-01",
                "ANNUAL EXAM\nMedications: pantoprazole 40 mg daily, vitamin D3 2000 IU daily\n",
            ),
            note(
                "2025-03-01",
                "GASTROENTEROLOGY CONSULT\n"
                "Assessment: no ongoing indication for PPI after H. pylori eradication.\n"
                "Recommendations:\n"
                "1. Discontinue pantoprazole.\n"
                "2. Famotidine 20 mg prn heartburn.\n",
            ),
        ],
        ["pantoprazole"],
        ["cholecalciferol"],
    ),
    # 30 negative: held pre-op then explicitly resumed in op note
    (
        "hold then resumed post-op",
        [
            note(
                "2025-09-01",
                "PRE-OP VISIT\n"
                "Medications: warfarin 5 mg daily, metoprolol 50 mg daily\n"
                "Plan: hold warfarin 5 days prior to surgery, bridge with enoxaparin.\n",
            ),
            note(
                "2025-09-06T10:00",
                "OPERATIVE REPORT\n"
                "Procedure: laparoscopic cholecystectomy. Cefazolin 2 g IV.\n"
                "Plan: resume warfarin tonight.\n",
            ),
        ],
        ["cefazolin"],
        ["warfarin", "metoprolol"],
    ),
]


@pytest.mark.parametrize(
    ("notes", "gone", "taken"), [s[1:] for s in STORIES], ids=[s[0] for s in STORIES]
)
def test_after_the_last_note_only_the_drugs_still_taken_are_current(
    notes: list[ChartNote], gone: list[str], taken: list[str]
) -> None:
    current = current_names(story_chart(*notes))
    assert not set(gone) & current
    assert set(taken) <= current
