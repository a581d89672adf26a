"""Short notes written for issue 11 (not from the corpus), with allergies in unusual phrasings,
one-time doses (ED, clinic injections, sedation, premedication, stat doses), proposals and
patients with several notes: no allergen, no drug only given or proposed, is ever current, and
the drugs the patient does take stay current."""

import pytest

from carechart.notes.chart import ChartNote
from tests.notes.stories import current_names, story_chart
from tests.notes.stories import story_note as note

CASES: list[tuple[str, list[ChartNote], set[str], set[str]]] = [
    (
        "allergy table",
        [
            note(
                "2025-03-01",
                "CLINIC VISIT\n"
                "ALLERGIES\n"
                "| Agent | Reaction | Severity |\n"
                "| Penicillin | hives | moderate |\n"
                "| Lisinopril | angioedema | severe |\n"
                "\n"
                "MEDICATIONS\n"
                "metformin 500 mg BID\n"
                "atorvastatin 20 mg nightly\n"
                "\n"
                "PLAN\n"
                "Continue current medications.\n",
            )
        ],
        {"penicillin", "lisinopril"},
        {"metformin", "atorvastatin"},
    ),
    (
        "adverse reactions",
        [
            note(
                "2025-03-01",
                "FOLLOW-UP VISIT\n"
                "Adverse reactions: atorvastatin (myalgias); codeine (vomiting)\n"
                "Current medications: rosuvastatin 10 mg daily, amlodipine 5 mg daily\n"
                "Plan: continue rosuvastatin.\n",
            )
        ],
        {"atorvastatin", "codeine"},
        {"rosuvastatin", "amlodipine"},
    ),
    (
        "intolerances",
        [
            note(
                "2025-03-01",
                "PROGRESS NOTE\n"
                "Intolerances: metformin - GI upset; lisinopril - cough\n"
                "Meds: sitagliptin 100 mg daily, losartan 50 mg daily\n"
                "A/P: T2DM stable on sitagliptin.\n",
            )
        ],
        {"metformin", "lisinopril"},
        {"sitagliptin", "losartan"},
    ),
    (
        "reactions paren",
        [
            note(
                "2025-03-01",
                "OFFICE NOTE\n"
                "Reactions: Tramadol (nausea), Sulfa (rash)\n"
                "Medications: gabapentin 300 mg TID; sertraline 50 mg daily\n"
                "Plan: continue gabapentin.\n",
            )
        ],
        {"tramadol", "sulfamethoxazole / trimethoprim"},
        {"gabapentin", "sertraline"},
    ),
    (
        "class allergy",
        [
            note(
                "2025-03-01",
                "CLINIC NOTE\n"
                "Allergies: Cephalosporins (anaphylaxis); NSAIDs (GI bleed)\n"
                "Medications: acetaminophen 650 mg q6h PRN pain; omeprazole 20 mg daily\n"
                "Assessment: knee OA. Plan: acetaminophen as needed; avoid ibuprofen and "
                "naproxen given NSAID allergy.\n",
            )
        ],
        {"ibuprofen", "naproxen"},
        {"acetaminophen", "omeprazole"},
    ),
    (
        "avoid given allergy in plan",
        [
            note(
                "2025-03-01",
                "URGENT CARE NOTE\n"
                "HPI: 3 days of dysuria.\n"
                "Allergies: nitrofurantoin (pulmonary reaction)\n"
                "Medications: levothyroxine 75 mcg daily\n"
                "Plan: Avoid nitrofurantoin given allergy. Start cephalexin 500 mg BID x 5 "
                "days.\n",
            )
        ],
        {"nitrofurantoin"},
        {"levothyroxine", "cephalexin"},
    ),
    (
        "allergy in HPI",
        [
            note(
                "2025-03-01",
                "PCP VISIT\n"
                "HPI: She is allergic to amoxicillin (hives as a child). Sinus symptoms 12 "
                "days.\n"
                "Medications: cetirizine 10 mg daily\n"
                "Plan: doxycycline 100 mg BID x 7 days. Continue cetirizine.\n",
            )
        ],
        {"amoxicillin"},
        {"cetirizine", "doxycycline"},
    ),
    (
        "ED one-time doses",
        [
            note(
                "2025-03-01",
                "EMERGENCY DEPARTMENT NOTE\n"
                "HPI: migraine x 2 days.\n"
                "Home meds: sumatriptan 50 mg PRN, propranolol 40 mg BID\n"
                "ED course: Given metoclopramide 10 mg IV, diphenhydramine 25 mg IV and "
                "ketorolac 30 mg IV with relief. Dexamethasone 10 mg IV x1 to prevent "
                "recurrence.\n"
                "Disposition: discharged home. Continue home medications.\n",
            )
        ],
        {"metoclopramide", "diphenhydramine", "ketorolac", "dexamethasone"},
        {"sumatriptan", "propranolol"},
    ),
    (
        "clinic injection",
        [
            note(
                "2025-03-01",
                "OFFICE VISIT\n"
                "Medications: lisinopril 10 mg daily\n"
                "Procedure: Right knee injected with triamcinolone 40 mg and lidocaine 1% 3 mL, "
                "tolerated well.\n"
                "Plan: ice, follow up 6 weeks.\n",
            )
        ],
        {"triamcinolone", "lidocaine"},
        {"lisinopril"},
    ),
    (
        "clinic IM stat",
        [
            note(
                "2025-03-01",
                "CLINIC NOTE\n"
                "Dx: gonorrhea exposure.\n"
                "Meds: none.\n"
                "Plan: Ceftriaxone 500 mg IM now, given in clinic. Doxycycline 100 mg BID x 7 "
                "days sent to pharmacy.\n",
            )
        ],
        {"ceftriaxone"},
        {"doxycycline"},
    ),
    (
        "procedure sedation",
        [
            note(
                "2025-03-01",
                "COLONOSCOPY REPORT\n"
                "Medications: aspirin 81 mg daily, simvastatin 20 mg nightly\n"
                "Sedation: midazolam 3 mg IV and fentanyl 100 mcg IV in divided doses.\n"
                "Findings: two small polyps removed.\n"
                "Plan: resume aspirin tomorrow. Repeat colonoscopy 5 years.\n",
            )
        ],
        {"midazolam", "fentanyl"},
        set(),
    ),
    (
        "premedication",
        [
            note(
                "2025-03-01",
                "CT PREP NOTE\n"
                "Allergies: iodinated contrast (hives)\n"
                "Medications: metoprolol 25 mg BID\n"
                "Plan: Premedicate with prednisone 50 mg PO at 13, 7 and 1 hour before the CT "
                "and diphenhydramine 50 mg PO 1 hour before.\n",
            )
        ],
        {"prednisone", "diphenhydramine"},
        {"metoprolol"},
    ),
    (
        "stat dose",
        [
            note(
                "2025-03-01",
                "PROGRESS NOTE\n"
                "Current meds: furosemide 40 mg daily, spironolactone 25 mg daily\n"
                "Assessment: volume up 2 kg.\n"
                "Plan: Extra furosemide 40 mg once today, then back to daily. Metolazone 2.5 mg "
                "x1 now.\n",
            )
        ],
        {"metolazone"},
        {"furosemide", "spironolactone"},
    ),
    (
        "consider",
        [
            note(
                "2025-03-01",
                "ENDOCRINOLOGY VISIT\n"
                "Medications: metformin 1000 mg BID\n"
                "A/P: A1c 8.1. Consider adding empagliflozin. Could try semaglutide if weight "
                "remains a concern.\n",
            )
        ],
        {"empagliflozin", "semaglutide"},
        {"metformin"},
    ),
    (
        "if no better",
        [
            note(
                "2025-03-01",
                "PCP NOTE\n"
                "Medications: omeprazole 20 mg daily\n"
                "Plan: If no better in 4 weeks, increase omeprazole to 40 mg. If still "
                "symptomatic after that, add famotidine 20 mg at bedtime.\n",
            )
        ],
        {"famotidine"},
        {"omeprazole"},
    ),
    (
        "discussed starting",
        [
            note(
                "2025-03-01",
                "PSYCHIATRY FOLLOW-UP\n"
                "Medications: sertraline 100 mg daily\n"
                "Plan: Discussed starting bupropion for energy; she will think about it. "
                "Continue sertraline.\n",
            )
        ],
        {"bupropion"},
        {"sertraline"},
    ),
    (
        "could try",
        [
            note(
                "2025-03-01",
                "SLEEP CLINIC\n"
                "Meds: melatonin 3 mg nightly\n"
                "Plan: CBT-I referral. We could try trazodone 25 mg at bedtime next visit if "
                "sleep still poor.\n",
            )
        ],
        {"trazodone"},
        {"melatonin"},
    ),
    (
        "adm then dc",
        [
            note(
                "2025-03-01T08:00",
                "ADMISSION H&P\n"
                "Home medications: lisinopril 20 mg daily, atorvastatin 40 mg nightly\n"
                "Allergies: penicillin (rash)\n"
                "Plan: ceftriaxone 1 g IV q24h and azithromycin 500 mg IV daily for CAP. Heparin "
                "5000 units SC q8h. Hold lisinopril for AKI.\n",
            ),
            note(
                "2025-03-04T12:00",
                "DISCHARGE SUMMARY\n"
                "Hospital course: CAP treated with ceftriaxone and azithromycin, transitioned to "
                "oral.\n"
                "Discharge medications:\n"
                "1. cefpodoxime 200 mg BID x 4 days\n"
                "2. atorvastatin 40 mg nightly\n"
                "3. lisinopril 20 mg daily - resume\n",
            ),
        ],
        {"ceftriaxone", "azithromycin", "heparin"},
        {"atorvastatin", "lisinopril", "cefpodoxime"},
    ),
    (
        "adm allergy then later list",
        [
            note(
                "2025-03-01",
                "ADMISSION NOTE\n"
                "Allergies: vancomycin (red man), morphine (itching)\n"
                "Home meds: apixaban 5 mg BID\n"
                "Plan: hydromorphone 0.5 mg IV q4h PRN pain.\n",
            ),
            note(
                "2025-03-05",
                "FOLLOW-UP VISIT\n"
                "Medications: apixaban 5 mg BID, morphine 15 mg q4h PRN (listed by pharmacy)\n"
                "Allergies: morphine - itching\n"
                "Plan: continue apixaban.\n",
            ),
        ],
        {"morphine", "hydromorphone"},
        {"apixaban"},
    ),
    (
        "dc then clinic one-time",
        [
            note(
                "2025-03-01",
                "ED NOTE\n"
                "Home meds: levothyroxine 100 mcg daily\n"
                "Given ondansetron 4 mg ODT and prochlorperazine 10 mg IV.\n"
                "Discharged with ondansetron 4 mg ODT q8h PRN nausea, #10.\n",
            ),
            note(
                "2025-03-10",
                "CLINIC VISIT\n"
                "Medications: levothyroxine 100 mcg daily\n"
                "Nausea resolved; no longer using ondansetron.\n",
            ),
        ],
        {"prochlorperazine", "ondansetron"},
        {"levothyroxine"},
    ),
    (
        "hpi past one-dose",
        [
            note(
                "2025-03-01",
                "PCP VISIT\n"
                "HPI: Received IV iron (Venofer 200 mg) x1 at the infusion center last month; "
                "had a Kenalog 40 mg IM shot for poison ivy in May.\n"
                "Medications: ferrous sulfate 325 mg daily\n"
                "Plan: continue iron.\n",
            )
        ],
        {"iron sucrose", "triamcinolone"},
        {"ferrous sulfate"},
    ),
    (
        "allergy intolerance in impression",
        [
            note(
                "2025-03-01",
                "NEPHROLOGY CLINIC\n"
                "Medications: sevelamer 800 mg TID\n"
                "Impression: secondary hyperparathyroidism with cinacalcet intolerance "
                "(nausea).\n"
                "Plan: start etelcalcetide at dialysis.\n",
            )
        ],
        {"cinacalcet"},
        {"sevelamer"},
    ),
    (
        "dialysis lock",
        [
            note(
                "2025-03-01",
                "DIALYSIS UNIT NOTE\n"
                "Tunneled catheter; heparin 5000 units/mL lock 1.6 mL per lumen after each run.\n"
                "In-center: epoetin 6000 units IV TIW.\n"
                "Home: sevelamer 800 mg TID.\n",
            )
        ],
        {"heparin"},
        {"sevelamer"},
    ),
    (
        "adr table",
        [
            note(
                "2025-03-01",
                "CLINIC NOTE\n"
                "ADVERSE DRUG REACTIONS\n"
                "Drug           Reaction        Type\n"
                "simvastatin    myalgia         intolerance\n"
                "ciprofloxacin  tendinitis      adverse effect\n"
                "\n"
                "MEDICATIONS\n"
                "pravastatin 40 mg daily\n"
                "losartan 25 mg daily\n",
            )
        ],
        {"simvastatin", "ciprofloxacin"},
        {"pravastatin", "losartan"},
    ),
    (
        "allergy then later list copies it",
        [
            note(
                "2025-03-01",
                "PCP VISIT\n"
                "Allergies: lisinopril (angioedema 2024)\n"
                "Medications: amlodipine 10 mg daily\n",
            ),
            note(
                "2025-06-01",
                "CARDIOLOGY CONSULT\n"
                "Medications (per outside list): lisinopril 10 mg daily, amlodipine 10 mg daily\n"
                "Allergies: NKDA per patient\n"
                "Recommendations: continue amlodipine.\n",
            ),
        ],
        {"lisinopril"},
        {"amlodipine"},
    ),
    (
        "infusion premed",
        [
            note(
                "2025-03-01",
                "INFUSION CENTER NOTE\n"
                "Dx: Crohn disease.\n"
                "Premedication: acetaminophen 650 mg PO and diphenhydramine 25 mg IV 30 min "
                "prior.\n"
                "Infliximab 5 mg/kg IV infused over 2 hours without reaction; next dose in 8 "
                "weeks.\n"
                "Home meds: azathioprine 100 mg daily\n",
            )
        ],
        {"acetaminophen", "diphenhydramine"},
        {"azathioprine"},
    ),
    (
        "urgent care IM",
        [
            note(
                "2025-03-01",
                "URGENT CARE\n"
                "Low back strain.\n"
                "Meds: none regularly.\n"
                "Toradol 60 mg IM given in clinic. Rx: cyclobenzaprine 5 mg TID PRN spasm #15.\n",
            )
        ],
        {"ketorolac"},
        {"cyclobenzaprine"},
    ),
    (
        "one-time fosfomycin",
        [
            note(
                "2025-03-01",
                "CLINIC NOTE\n"
                "Cystitis in pregnancy.\n"
                "Medications: prenatal vitamin daily\n"
                "Patient received a one-time dose of fosfomycin 3 g PO in clinic.\n",
            )
        ],
        {"fosfomycin"},
        set(),
    ),
    (
        "statin if ldl",
        [
            note(
                "2025-03-01",
                "PCP VISIT\n"
                "Medications: lisinopril 10 mg daily\n"
                "Plan: Discussed starting a statin; she wants to think about it. If LDL still "
                "above 190 at recheck, rosuvastatin 10 mg daily.\n",
            )
        ],
        {"rosuvastatin"},
        {"lisinopril"},
    ),
    (
        "options apixaban warfarin",
        [
            note(
                "2025-03-01",
                "CARDIOLOGY\n"
                "Medications: metoprolol 25 mg BID\n"
                "Plan: Options reviewed: apixaban vs warfarin; will decide at next visit after "
                "renal labs.\n",
            )
        ],
        {"apixaban", "warfarin"},
        {"metoprolol"},
    ),
    (
        "trial if persists",
        [
            note(
                "2025-03-01",
                "NEUROLOGY\n"
                "Medications: vitamin B12 1000 mcg daily\n"
                "Plan: trial of gabapentin 100 mg at bedtime if pain persists after B12 "
                "repletion.\n",
            )
        ],
        {"gabapentin"},
        {"cyanocobalamin"},
    ),
    (
        "stay prophylaxis then dc",
        [
            note(
                "2025-03-01T08:00",
                "ADMISSION H&P\n"
                "Home meds: sertraline 50 mg daily\n"
                "Plan: enoxaparin 40 mg SC daily for VTE prophylaxis; pantoprazole 40 mg IV "
                "daily.\n",
            ),
            note(
                "2025-03-02T08:00",
                "PROGRESS NOTE\nContinue enoxaparin and pantoprazole. Continue sertraline.\n",
            ),
            note(
                "2025-03-03T12:00",
                "DISCHARGE SUMMARY\nDischarge medications: sertraline 50 mg daily\n",
            ),
        ],
        {"enoxaparin", "pantoprazole"},
        {"sertraline"},
    ),
    (
        "allergy delabel negative",
        [
            note(
                "2025-03-01",
                "ALLERGY CLINIC\n"
                "Allergies: penicillin (rash as child)\n"
                "Medications: cetirizine 10 mg daily\n"
                "Plan: amoxicillin oral challenge next visit; if tolerated, penicillin allergy "
                "will be removed.\n",
            )
        ],
        {"amoxicillin"},
        {"cetirizine"},
    ),
]


@pytest.mark.parametrize(
    ("notes", "never", "taken"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_no_allergen_given_or_proposed_drug_is_current(
    notes: list[ChartNote], never: set[str], taken: set[str]
) -> None:
    current = current_names(story_chart(*notes))
    assert not never & current
    assert taken <= current
