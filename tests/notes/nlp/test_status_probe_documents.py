"""The probe documents of pass status5, written and labelled by hand before the analyser ran on
them: medication lists whose status is a trailing word or a column, plans by problem, two drugs
with two verbs, prescriptions closing ED and urgent-care notes, doses given in clinic, inpatient
orders, histories, options, holds with their restart, one-line exports, reconciliation tables,
letters. What the analyser still reads otherwise is marked, strictly, as not yet read."""

import pytest

from carechart.notes.nlp import MedicationStatus
from tests.notes.nlp.support import status_of

S = MedicationStatus
_STILL_MISSED = pytest.mark.xfail(strict=True, reason="probe not yet read as labelled")

PROBES = [
    (
        "Current Medications:\n- lisinopril 10 mg daily\n- metformin "
        "500 mg BID - held\n- aspirin 81 mg daily\n",
        "lisinopril",
        S.CONTINUED,
    ),
    (
        "Current Medications:\n- lisinopril 10 mg daily\n- metformin "
        "500 mg BID - held\n- aspirin 81 mg daily\n",
        "metformin",
        S.HELD,
    ),
    (
        "Current Medications:\n- lisinopril 10 mg daily\n- metformin "
        "500 mg BID - held\n- aspirin 81 mg daily\n",
        "aspirin",
        S.CONTINUED,
    ),
    (
        "MEDICATIONS:\nWarfarin 5 mg daily (on hold)\nAtorvastatin 40 mg nightly\n",
        "warfarin",
        S.HELD,
    ),
    (
        "MEDICATIONS:\nWarfarin 5 mg daily (on hold)\nAtorvastatin 40 mg nightly\n",
        "atorvastatin",
        S.CONTINUED,
    ),
    (
        "Medication list reviewed:\nSimvastatin 20 mg qhs "
        "DISCONTINUED\nRosuvastatin 10 mg daily\nOmeprazole 20 mg "
        "daily\n",
        "simvastatin",
        S.STOPPED,
    ),
    (
        "Medication list reviewed:\nSimvastatin 20 mg qhs "
        "DISCONTINUED\nRosuvastatin 10 mg daily\nOmeprazole 20 mg "
        "daily\n",
        "rosuvastatin",
        S.CONTINUED,
    ),
    (
        "Medication list reviewed:\nSimvastatin 20 mg qhs "
        "DISCONTINUED\nRosuvastatin 10 mg daily\nOmeprazole 20 mg "
        "daily\n",
        "omeprazole",
        S.CONTINUED,
    ),
    (
        "Medications:\n1. Gabapentin 300 mg TID - not taking\n2. "
        "Sertraline 50 mg daily\n3. Levothyroxine 75 mcg daily\n",
        "gabapentin",
        S.STOPPED,
    ),
    (
        "Medications:\n1. Gabapentin 300 mg TID - not taking\n2. "
        "Sertraline 50 mg daily\n3. Levothyroxine 75 mcg daily\n",
        "sertraline",
        S.CONTINUED,
    ),
    (
        "Medications:\n1. Gabapentin 300 mg TID - not taking\n2. "
        "Sertraline 50 mg daily\n3. Levothyroxine 75 mcg daily\n",
        "levothyroxine",
        S.CONTINUED,
    ),
    (
        "Medications: amoxicillin 500 mg TID x10 days (completed "
        "course 2 weeks ago); albuterol inhaler PRN.\n",
        "amoxicillin",
        S.STOPPED,
    ),
    (
        "Medications: amoxicillin 500 mg TID x10 days (completed "
        "course 2 weeks ago); albuterol inhaler PRN.\n",
        "albuterol",
        S.CONTINUED,
    ),
    (
        "Outpatient Medications:\nFurosemide 40 mg daily  Status: "
        "Active\nSpironolactone 25 mg daily  Status: "
        "Discontinued\nCarvedilol 12.5 mg BID  Status: Active\n",
        "furosemide",
        S.CONTINUED,
    ),
    (
        "Outpatient Medications:\nFurosemide 40 mg daily  Status: "
        "Active\nSpironolactone 25 mg daily  Status: "
        "Discontinued\nCarvedilol 12.5 mg BID  Status: Active\n",
        "spironolactone",
        S.STOPPED,
    ),
    (
        "Outpatient Medications:\nFurosemide 40 mg daily  Status: "
        "Active\nSpironolactone 25 mg daily  Status: "
        "Discontinued\nCarvedilol 12.5 mg BID  Status: Active\n",
        "carvedilol",
        S.CONTINUED,
    ),
    (
        "MEDS: METOPROLOL 25 MG BID, APIXABAN 5 MG BID (HELD FOR "
        "PROCEDURE), PANTOPRAZOLE 40 MG DAILY.\n",
        "metoprolol",
        S.CONTINUED,
    ),
    (
        "MEDS: METOPROLOL 25 MG BID, APIXABAN 5 MG BID (HELD FOR "
        "PROCEDURE), PANTOPRAZOLE 40 MG DAILY.\n",
        "apixaban",
        S.HELD,
    ),
    (
        "MEDS: METOPROLOL 25 MG BID, APIXABAN 5 MG BID (HELD FOR "
        "PROCEDURE), PANTOPRAZOLE 40 MG DAILY.\n",
        "pantoprazole",
        S.CONTINUED,
    ),
    (
        "Home meds:\n- tramadol 50 mg q6h prn -- patient stopped "
        "taking, ran out\n- meloxicam 15 mg daily\n",
        "tramadol",
        S.STOPPED,
    ),
    (
        "Home meds:\n- tramadol 50 mg q6h prn -- patient stopped "
        "taking, ran out\n- meloxicam 15 mg daily\n",
        "meloxicam",
        S.CONTINUED,
    ),
    (
        "Assessment and Plan:\n1. Hypertension: BP 158/92. Continue "
        "metoprolol; increase lisinopril to 20 mg daily; stop HCTZ "
        "given hyponatraemia (Na 129).\n2. Hyperlipidemia: continue "
        "atorvastatin.\n",
        "metoprolol",
        S.CONTINUED,
    ),
    (
        "Assessment and Plan:\n1. Hypertension: BP 158/92. Continue "
        "metoprolol; increase lisinopril to 20 mg daily; stop HCTZ "
        "given hyponatraemia (Na 129).\n2. Hyperlipidemia: continue "
        "atorvastatin.\n",
        "lisinopril",
        S.CHANGED,
    ),
    (
        "Assessment and Plan:\n1. Hypertension: BP 158/92. Continue "
        "metoprolol; increase lisinopril to 20 mg daily; stop HCTZ "
        "given hyponatraemia (Na 129).\n2. Hyperlipidemia: continue "
        "atorvastatin.\n",
        "hydrochlorothiazide",
        S.STOPPED,
    ),
    (
        "Assessment and Plan:\n1. Hypertension: BP 158/92. Continue "
        "metoprolol; increase lisinopril to 20 mg daily; stop HCTZ "
        "given hyponatraemia (Na 129).\n2. Hyperlipidemia: continue "
        "atorvastatin.\n",
        "atorvastatin",
        S.CONTINUED,
    ),
    (
        "A/P:\n# AFib - rate controlled on diltiazem, continue. "
        "Continue apixaban 5 mg BID.\n# DM2 - A1c 8.9. Add "
        "empagliflozin 10 mg daily. Metformin unchanged.\n",
        "diltiazem",
        S.CONTINUED,
    ),
    (
        "A/P:\n# AFib - rate controlled on diltiazem, continue. "
        "Continue apixaban 5 mg BID.\n# DM2 - A1c 8.9. Add "
        "empagliflozin 10 mg daily. Metformin unchanged.\n",
        "apixaban",
        S.CONTINUED,
    ),
    (
        "A/P:\n# AFib - rate controlled on diltiazem, continue. "
        "Continue apixaban 5 mg BID.\n# DM2 - A1c 8.9. Add "
        "empagliflozin 10 mg daily. Metformin unchanged.\n",
        "empagliflozin",
        S.STARTED,
    ),
    (
        "A/P:\n# AFib - rate controlled on diltiazem, continue. "
        "Continue apixaban 5 mg BID.\n# DM2 - A1c 8.9. Add "
        "empagliflozin 10 mg daily. Metformin unchanged.\n",
        "metformin",
        S.CONTINUED,
    ),
    (
        "Plan:\n#COPD exacerbation: prednisone 40 mg daily x 5 days, "
        "azithromycin Z-pak. Continue tiotropium.\n#GERD: switch "
        "omeprazole to pantoprazole 40 mg daily.\n",
        "prednisone",
        S.STARTED,
    ),
    pytest.param(
        "Plan:\n#COPD exacerbation: prednisone 40 mg daily x 5 days, "
        "azithromycin Z-pak. Continue tiotropium.\n#GERD: switch "
        "omeprazole to pantoprazole 40 mg daily.\n",
        "azithromycin",
        S.STARTED,
        marks=_STILL_MISSED,
    ),
    (
        "Plan:\n#COPD exacerbation: prednisone 40 mg daily x 5 days, "
        "azithromycin Z-pak. Continue tiotropium.\n#GERD: switch "
        "omeprazole to pantoprazole 40 mg daily.\n",
        "tiotropium",
        S.CONTINUED,
    ),
    (
        "Plan:\n#COPD exacerbation: prednisone 40 mg daily x 5 days, "
        "azithromycin Z-pak. Continue tiotropium.\n#GERD: switch "
        "omeprazole to pantoprazole 40 mg daily.\n",
        "omeprazole",
        S.STOPPED,
    ),
    (
        "Plan:\n#COPD exacerbation: prednisone 40 mg daily x 5 days, "
        "azithromycin Z-pak. Continue tiotropium.\n#GERD: switch "
        "omeprazole to pantoprazole 40 mg daily.\n",
        "pantoprazole",
        S.STARTED,
    ),
    (
        "Impression/Plan:\nDepression, partially responsive. "
        "Sertraline increased from 50 to 100 mg daily. Trazodone 50 "
        "mg qhs prn sleep continued.\n",
        "sertraline",
        S.CHANGED,
    ),
    (
        "Impression/Plan:\nDepression, partially responsive. "
        "Sertraline increased from 50 to 100 mg daily. Trazodone 50 "
        "mg qhs prn sleep continued.\n",
        "trazodone",
        S.CONTINUED,
    ),
    (
        "PLAN\nHypothyroidism - TSH 8.2, levothyroxine dose increased "
        "to 100 mcg.\nOsteoporosis - continue alendronate weekly, "
        "calcium and vitamin D.\n",
        "levothyroxine",
        S.CHANGED,
    ),
    (
        "PLAN\nHypothyroidism - TSH 8.2, levothyroxine dose increased "
        "to 100 mcg.\nOsteoporosis - continue alendronate weekly, "
        "calcium and vitamin D.\n",
        "alendronate",
        S.CONTINUED,
    ),
    (
        "Plan: 1) CKD 3b: hold metformin, recheck BMP in 1 week. 2) "
        "Gout: allopurinol 100 mg daily started; colchicine 0.6 mg "
        "daily for flare prophylaxis x 3 months.\n",
        "metformin",
        S.HELD,
    ),
    (
        "Plan: 1) CKD 3b: hold metformin, recheck BMP in 1 week. 2) "
        "Gout: allopurinol 100 mg daily started; colchicine 0.6 mg "
        "daily for flare prophylaxis x 3 months.\n",
        "allopurinol",
        S.STARTED,
    ),
    (
        "Plan: 1) CKD 3b: hold metformin, recheck BMP in 1 week. 2) "
        "Gout: allopurinol 100 mg daily started; colchicine 0.6 mg "
        "daily for flare prophylaxis x 3 months.\n",
        "colchicine",
        S.STARTED,
    ),
    (
        "Will stop amlodipine due to edema and start losartan 50 mg daily.\n",
        "amlodipine",
        S.STOPPED,
    ),
    (
        "Will stop amlodipine due to edema and start losartan 50 mg daily.\n",
        "losartan",
        S.STARTED,
    ),
    (
        "Plan: discontinue ibuprofen and begin acetaminophen 650 mg q6h prn pain.\n",
        "ibuprofen",
        S.STOPPED,
    ),
    (
        "Plan: discontinue ibuprofen and begin acetaminophen 650 mg q6h prn pain.\n",
        "acetaminophen",
        S.STARTED,
    ),
    (
        "Plan: decrease furosemide to 20 mg daily and continue spironolactone.\n",
        "furosemide",
        S.CHANGED,
    ),
    (
        "Plan: decrease furosemide to 20 mg daily and continue spironolactone.\n",
        "spironolactone",
        S.CONTINUED,
    ),
    (
        "Plan: hold lisinopril while AKI resolves; resume once "
        "creatinine back to baseline. Continue amlodipine 10 mg.\n",
        "lisinopril",
        S.HELD,
    ),
    (
        "Plan: hold lisinopril while AKI resolves; resume once "
        "creatinine back to baseline. Continue amlodipine 10 mg.\n",
        "amlodipine",
        S.CONTINUED,
    ),
    (
        "Patient was switched from glipizide to sitagliptin 100 mg daily today.\n",
        "glipizide",
        S.STOPPED,
    ),
    (
        "Patient was switched from glipizide to sitagliptin 100 mg daily today.\n",
        "sitagliptin",
        S.STARTED,
    ),
    (
        "URGENT CARE NOTE\nCC: sore throat\nAssessment: strep "
        "pharyngitis, rapid strep positive.\nPlan: supportive "
        "care.\nRx: amoxicillin 500 mg PO BID x 10 days, Disp #20, RF "
        "0\nRx: ibuprofen 600 mg PO q6h prn, Disp #30\n",
        "amoxicillin",
        S.STARTED,
    ),
    (
        "URGENT CARE NOTE\nCC: sore throat\nAssessment: strep "
        "pharyngitis, rapid strep positive.\nPlan: supportive "
        "care.\nRx: amoxicillin 500 mg PO BID x 10 days, Disp #20, RF "
        "0\nRx: ibuprofen 600 mg PO q6h prn, Disp #30\n",
        "ibuprofen",
        S.STARTED,
    ),
    (
        "ED COURSE: Given ondansetron 4 mg IV and ketorolac 15 mg IV "
        "with improvement.\nDISPOSITION: Discharged "
        "home.\nPrescriptions: ondansetron ODT 4 mg q8h prn nausea "
        "#12\n",
        "ondansetron",
        S.STARTED,
    ),
    (
        "ED COURSE: Given ondansetron 4 mg IV and ketorolac 15 mg IV "
        "with improvement.\nDISPOSITION: Discharged "
        "home.\nPrescriptions: ondansetron ODT 4 mg q8h prn nausea "
        "#12\n",
        "ketorolac",
        S.GIVEN,
    ),
    (
        "Emergency Department\nMDM: ankle sprain. Given ibuprofen 800 "
        "mg PO in ED.\nDischarge Rx: naproxen 500 mg BID x 7 days, "
        "dispense 14.\n",
        "ibuprofen",
        S.GIVEN,
    ),
    (
        "Emergency Department\nMDM: ankle sprain. Given ibuprofen 800 "
        "mg PO in ED.\nDischarge Rx: naproxen 500 mg BID x 7 days, "
        "dispense 14.\n",
        "naproxen",
        S.STARTED,
    ),
    (
        "Discharge instructions: Take cephalexin 500 mg four times "
        "daily for 7 days (sent to pharmacy). Continue home "
        "lisinopril.\n",
        "cephalexin",
        S.STARTED,
    ),
    (
        "Discharge instructions: Take cephalexin 500 mg four times "
        "daily for 7 days (sent to pharmacy). Continue home "
        "lisinopril.\n",
        "lisinopril",
        S.CONTINUED,
    ),
    (
        "E-prescribed: benzonatate 100 mg TID prn cough #21; "
        "fluticasone nasal spray 2 sprays daily.\n",
        "benzonatate",
        S.STARTED,
    ),
    (
        "E-prescribed: benzonatate 100 mg TID prn cough #21; "
        "fluticasone nasal spray 2 sprays daily.\n",
        "fluticasone",
        S.STARTED,
    ),
    (
        "Procedure: Kenalog 40 mg injected into the right knee joint "
        "under sterile technique. Tolerated well.\n",
        "triamcinolone",
        S.GIVEN,
    ),
    (
        "In clinic: albuterol 2.5 mg nebulizer x1 given, wheezing "
        "improved. Sent home on albuterol MDI 2 puffs q4h prn.\n",
        "albuterol",
        S.STARTED,
    ),
    (
        "Influenza vaccine administered left deltoid. Ceftriaxone 250 "
        "mg IM given in office for gonorrhea, plus doxycycline 100 mg "
        "BID x 7 days prescribed.\n",
        "ceftriaxone",
        S.GIVEN,
    ),
    (
        "Influenza vaccine administered left deltoid. Ceftriaxone 250 "
        "mg IM given in office for gonorrhea, plus doxycycline 100 mg "
        "BID x 7 days prescribed.\n",
        "doxycycline",
        S.STARTED,
    ),
    (
        # A dose of a regimen given at the visit with the next one due is the patient's current
        # contraception, not a one-time dose (status6: "IM monthly, last given today").
        "Medroxyprogesterone 150 mg IM administered today; next injection due in 12 weeks.\n",
        "medroxyprogesterone",
        S.CONTINUED,
    ),
    (
        "Toradol 60 mg IM given in clinic for renal colic. Tamsulosin 0.4 mg daily started.\n",
        "ketorolac",
        S.GIVEN,
    ),
    (
        "Toradol 60 mg IM given in clinic for renal colic. Tamsulosin 0.4 mg daily started.\n",
        "tamsulosin",
        S.STARTED,
    ),
    (
        "PROGRESS NOTE HD#3\nCurrent inpatient meds: heparin gtt per "
        "protocol, piperacillin-tazobactam 4.5 g IV q6h, "
        "acetaminophen 650 mg q6h PRN, insulin lispro sliding "
        "scale.\nPlan: continue current management.\n",
        "heparin",
        S.GIVEN,
    ),
    pytest.param(
        "PROGRESS NOTE HD#3\nCurrent inpatient meds: heparin gtt per "
        "protocol, piperacillin-tazobactam 4.5 g IV q6h, "
        "acetaminophen 650 mg q6h PRN, insulin lispro sliding "
        "scale.\nPlan: continue current management.\n",
        "piperacillin / tazobactam",
        S.GIVEN,
        marks=_STILL_MISSED,
    ),
    (
        "PROGRESS NOTE HD#3\nCurrent inpatient meds: heparin gtt per "
        "protocol, piperacillin-tazobactam 4.5 g IV q6h, "
        "acetaminophen 650 mg q6h PRN, insulin lispro sliding "
        "scale.\nPlan: continue current management.\n",
        "acetaminophen",
        S.GIVEN,
    ),
    (
        "PROGRESS NOTE HD#3\nCurrent inpatient meds: heparin gtt per "
        "protocol, piperacillin-tazobactam 4.5 g IV q6h, "
        "acetaminophen 650 mg q6h PRN, insulin lispro sliding "
        "scale.\nPlan: continue current management.\n",
        "insulin lispro",
        S.GIVEN,
    ),
    (
        "Hospital Day 2. Norepinephrine drip weaned off overnight. "
        "Vancomycin and cefepime continued, day 2 of 7.\n",
        "norepinephrine",
        S.STOPPED,
    ),
    pytest.param(
        "Hospital Day 2. Norepinephrine drip weaned off overnight. "
        "Vancomycin and cefepime continued, day 2 of 7.\n",
        "vancomycin",
        S.GIVEN,
        marks=_STILL_MISSED,
    ),
    pytest.param(
        "Hospital Day 2. Norepinephrine drip weaned off overnight. "
        "Vancomycin and cefepime continued, day 2 of 7.\n",
        "cefepime",
        S.GIVEN,
        marks=_STILL_MISSED,
    ),
    (
        "Scheduled: enoxaparin 40 mg SC daily, famotidine 20 mg IV "
        "BID\nPRN: morphine 2 mg IV q4h prn pain, ondansetron 4 mg IV "
        "q6h prn\n",
        "enoxaparin",
        S.GIVEN,
    ),
    pytest.param(
        "Scheduled: enoxaparin 40 mg SC daily, famotidine 20 mg IV "
        "BID\nPRN: morphine 2 mg IV q4h prn pain, ondansetron 4 mg IV "
        "q6h prn\n",
        "famotidine",
        S.GIVEN,
        marks=_STILL_MISSED,
    ),
    (
        "Scheduled: enoxaparin 40 mg SC daily, famotidine 20 mg IV "
        "BID\nPRN: morphine 2 mg IV q4h prn pain, ondansetron 4 mg IV "
        "q6h prn\n",
        "morphine",
        S.GIVEN,
    ),
    (
        "Scheduled: enoxaparin 40 mg SC daily, famotidine 20 mg IV "
        "BID\nPRN: morphine 2 mg IV q4h prn pain, ondansetron 4 mg IV "
        "q6h prn\n",
        "ondansetron",
        S.GIVEN,
    ),
    (
        "Inpatient progress: Lasix 40 mg IV BID, good diuresis, will "
        "transition to PO furosemide 40 mg daily tomorrow.\n",
        "furosemide",
        S.CHANGED,
    ),
    pytest.param(
        "ICU note: propofol infusion titrated for RASS -1. Fentanyl "
        "gtt 50 mcg/h. Stopped midazolam.\n",
        "propofol",
        S.GIVEN,
        marks=_STILL_MISSED,
    ),
    pytest.param(
        "ICU note: propofol infusion titrated for RASS -1. Fentanyl "
        "gtt 50 mcg/h. Stopped midazolam.\n",
        "fentanyl",
        S.GIVEN,
        marks=_STILL_MISSED,
    ),
    (
        "ICU note: propofol infusion titrated for RASS -1. Fentanyl "
        "gtt 50 mcg/h. Stopped midazolam.\n",
        "midazolam",
        S.STOPPED,
    ),
    (
        "Past medications: was on lisinopril but developed cough, "
        "switched to losartan years ago. Currently on losartan 100 mg "
        "daily.\n",
        "lisinopril",
        S.HISTORICAL,
    ),
    (
        "Past medications: was on lisinopril but developed cough, "
        "switched to losartan years ago. Currently on losartan 100 mg "
        "daily.\n",
        "losartan",
        S.CONTINUED,
    ),
    (
        "Psychiatric history: previously on fluoxetine and citalopram "
        "without benefit. Failed bupropion in 2020. Current: "
        "venlafaxine XR 150 mg daily.\n",
        "fluoxetine",
        S.HISTORICAL,
    ),
    (
        "Psychiatric history: previously on fluoxetine and citalopram "
        "without benefit. Failed bupropion in 2020. Current: "
        "venlafaxine XR 150 mg daily.\n",
        "citalopram",
        S.HISTORICAL,
    ),
    (
        "Psychiatric history: previously on fluoxetine and citalopram "
        "without benefit. Failed bupropion in 2020. Current: "
        "venlafaxine XR 150 mg daily.\n",
        "bupropion",
        S.HISTORICAL,
    ),
    (
        "Psychiatric history: previously on fluoxetine and citalopram "
        "without benefit. Failed bupropion in 2020. Current: "
        "venlafaxine XR 150 mg daily.\n",
        "venlafaxine",
        S.CONTINUED,
    ),
    (
        "Intolerant of metformin (GI upset). Now on glipizide 5 mg daily.\n",
        "glipizide",
        S.CONTINUED,
    ),
    (
        "She has tried gabapentin and pregabalin in the past with no "
        "relief. Duloxetine 60 mg daily currently helps.\n",
        "gabapentin",
        S.HISTORICAL,
    ),
    (
        "She has tried gabapentin and pregabalin in the past with no "
        "relief. Duloxetine 60 mg daily currently helps.\n",
        "pregabalin",
        S.HISTORICAL,
    ),
    (
        "She has tried gabapentin and pregabalin in the past with no "
        "relief. Duloxetine 60 mg daily currently helps.\n",
        "duloxetine",
        S.CONTINUED,
    ),
    (
        "Treatment history: methotrexate 2015-2019 (stopped for "
        "transaminitis), adalimumab 2019-2022 (lost response). "
        "Started on upadacitinib 15 mg daily in 2023, continues.\n",
        "methotrexate",
        S.HISTORICAL,
    ),
    (
        "Treatment history: methotrexate 2015-2019 (stopped for "
        "transaminitis), adalimumab 2019-2022 (lost response). "
        "Started on upadacitinib 15 mg daily in 2023, continues.\n",
        "adalimumab",
        S.HISTORICAL,
    ),
    (
        "Treatment history: methotrexate 2015-2019 (stopped for "
        "transaminitis), adalimumab 2019-2022 (lost response). "
        "Started on upadacitinib 15 mg daily in 2023, continues.\n",
        "upadacitinib",
        S.CONTINUED,
    ),
    pytest.param(
        "He took a course of doxycycline last month for Lyme disease.\n",
        "doxycycline",
        S.HISTORICAL,
        marks=_STILL_MISSED,
    ),
    (
        "Prior trials: sumatriptan (ineffective), topiramate "
        "(cognitive side effects). Now rimegepant prn.\n",
        "sumatriptan",
        S.HISTORICAL,
    ),
    (
        "Prior trials: sumatriptan (ineffective), topiramate "
        "(cognitive side effects). Now rimegepant prn.\n",
        "topiramate",
        S.HISTORICAL,
    ),
    (
        "Prior trials: sumatriptan (ineffective), topiramate "
        "(cognitive side effects). Now rimegepant prn.\n",
        "rimegepant",
        S.CONTINUED,
    ),
    (
        "Plan: if no improvement in 2 weeks, start nortriptyline 10 mg qhs.\n",
        "nortriptyline",
        S.PROPOSED,
    ),
    (
        "Could try cyclobenzaprine at night if spasm persists. Continue naproxen for now.\n",
        "cyclobenzaprine",
        S.PROPOSED,
    ),
    (
        "Could try cyclobenzaprine at night if spasm persists. Continue naproxen for now.\n",
        "naproxen",
        S.CONTINUED,
    ),
    (
        "Consider adding spironolactone at next visit if BP remains "
        "elevated. Continue chlorthalidone 25 mg.\n",
        "spironolactone",
        S.PROPOSED,
    ),
    (
        "Consider adding spironolactone at next visit if BP remains "
        "elevated. Continue chlorthalidone 25 mg.\n",
        "chlorthalidone",
        S.CONTINUED,
    ),
    (
        "Discussed options including topical diclofenac versus oral "
        "meloxicam; patient prefers to think about it.\n",
        "diclofenac",
        S.PROPOSED,
    ),
    pytest.param(
        "Discussed options including topical diclofenac versus oral "
        "meloxicam; patient prefers to think about it.\n",
        "meloxicam",
        S.PROPOSED,
        marks=_STILL_MISSED,
    ),
    (
        "Recommend PCP consider starting a statin such as atorvastatin given ASCVD risk 14%.\n",
        "atorvastatin",
        S.PROPOSED,
    ),
    (
        "Hold apixaban 48 hours prior to colonoscopy; resume 24 hours after if no bleeding.\n",
        "apixaban",
        S.HELD,
    ),
    (
        "Metformin held for contrast; restart 48 hours after CT if renal function stable.\n",
        "metformin",
        S.HELD,
    ),
    (
        "Clopidogrel was held for surgery last week and has been resumed today.\n",
        "clopidogrel",
        S.RESUMED,
    ),
    (
        "HISTORY OF PRESENT ILLNESS:, 62 yo M with HTN here for "
        "follow up., MEDICATIONS:, Lisinopril 20 mg daily, amlodipine "
        "5 mg daily., ASSESSMENT AND PLAN:, Hypertension "
        "uncontrolled. Increase amlodipine to 10 mg daily. Continue "
        "lisinopril.,\n",
        "lisinopril",
        S.CONTINUED,
    ),
    (
        "HISTORY OF PRESENT ILLNESS:, 62 yo M with HTN here for "
        "follow up., MEDICATIONS:, Lisinopril 20 mg daily, amlodipine "
        "5 mg daily., ASSESSMENT AND PLAN:, Hypertension "
        "uncontrolled. Increase amlodipine to 10 mg daily. Continue "
        "lisinopril.,\n",
        "amlodipine",
        S.CHANGED,
    ),
    (
        "CURRENT MEDICATIONS:, Prednisone taper completed last week, "
        "inhaled budesonide-formoterol 2 puffs BID., PLAN:, Continue "
        "Symbicort. Add montelukast 10 mg nightly.,\n",
        "prednisone",
        S.STOPPED,
    ),
    (
        "CURRENT MEDICATIONS:, Prednisone taper completed last week, "
        "inhaled budesonide-formoterol 2 puffs BID., PLAN:, Continue "
        "Symbicort. Add montelukast 10 mg nightly.,\n",
        "budesonide / formoterol",
        S.CONTINUED,
    ),
    (
        "CURRENT MEDICATIONS:, Prednisone taper completed last week, "
        "inhaled budesonide-formoterol 2 puffs BID., PLAN:, Continue "
        "Symbicort. Add montelukast 10 mg nightly.,\n",
        "montelukast",
        S.STARTED,
    ),
    (
        "MEDICATIONS:, Coumadin - held since admission, Plavix 75 mg "
        "daily., PLAN:, Resume Coumadin tonight at 5 mg.,\n",
        "warfarin",
        S.RESUMED,
    ),
    (
        "MEDICATIONS:, Coumadin - held since admission, Plavix 75 mg "
        "daily., PLAN:, Resume Coumadin tonight at 5 mg.,\n",
        "clopidogrel",
        S.CONTINUED,
    ),
    (
        "MEDICATION RECONCILIATION\nMedication | Home | Admission | "
        "Discharge | Action\nLisinopril 10 mg daily | Y | N | Y | "
        "Resume\nMetformin 1000 mg BID | Y | N | N | Stop\nInsulin "
        "glargine 10 units qhs | N | Y | Y | New\nAtorvastatin 40 mg | "
        "Y | Y | Y | Continue\nHeparin 5000 units SC q8h | N | Y | N | "
        "Stop\n",
        "lisinopril",
        S.RESUMED,
    ),
    (
        "MEDICATION RECONCILIATION\nMedication | Home | Admission | "
        "Discharge | Action\nLisinopril 10 mg daily | Y | N | Y | "
        "Resume\nMetformin 1000 mg BID | Y | N | N | Stop\nInsulin "
        "glargine 10 units qhs | N | Y | Y | New\nAtorvastatin 40 mg | "
        "Y | Y | Y | Continue\nHeparin 5000 units SC q8h | N | Y | N | "
        "Stop\n",
        "metformin",
        S.STOPPED,
    ),
    (
        "MEDICATION RECONCILIATION\nMedication | Home | Admission | "
        "Discharge | Action\nLisinopril 10 mg daily | Y | N | Y | "
        "Resume\nMetformin 1000 mg BID | Y | N | N | Stop\nInsulin "
        "glargine 10 units qhs | N | Y | Y | New\nAtorvastatin 40 mg | "
        "Y | Y | Y | Continue\nHeparin 5000 units SC q8h | N | Y | N | "
        "Stop\n",
        "insulin glargine",
        S.STARTED,
    ),
    (
        "MEDICATION RECONCILIATION\nMedication | Home | Admission | "
        "Discharge | Action\nLisinopril 10 mg daily | Y | N | Y | "
        "Resume\nMetformin 1000 mg BID | Y | N | N | Stop\nInsulin "
        "glargine 10 units qhs | N | Y | Y | New\nAtorvastatin 40 mg | "
        "Y | Y | Y | Continue\nHeparin 5000 units SC q8h | N | Y | N | "
        "Stop\n",
        "atorvastatin",
        S.CONTINUED,
    ),
    (
        "MEDICATION RECONCILIATION\nMedication | Home | Admission | "
        "Discharge | Action\nLisinopril 10 mg daily | Y | N | Y | "
        "Resume\nMetformin 1000 mg BID | Y | N | N | Stop\nInsulin "
        "glargine 10 units qhs | N | Y | Y | New\nAtorvastatin 40 mg | "
        "Y | Y | Y | Continue\nHeparin 5000 units SC q8h | N | Y | N | "
        "Stop\n",
        "heparin",
        S.STOPPED,
    ),
    (
        "DISCHARGE MEDICATION RECONCILIATION\nCONTINUE these "
        "medications:\n  aspirin 81 mg daily\n  metoprolol succinate 50 "
        "mg daily\nCHANGE how you take these medications:\n  furosemide "
        "40 mg daily (was 20 mg)\nSTOP taking these medications:\n  "
        "naproxen 500 mg\nSTART taking these medications:\n  "
        "clopidogrel 75 mg daily\n",
        "aspirin",
        S.CONTINUED,
    ),
    (
        "DISCHARGE MEDICATION RECONCILIATION\nCONTINUE these "
        "medications:\n  aspirin 81 mg daily\n  metoprolol succinate 50 "
        "mg daily\nCHANGE how you take these medications:\n  furosemide "
        "40 mg daily (was 20 mg)\nSTOP taking these medications:\n  "
        "naproxen 500 mg\nSTART taking these medications:\n  "
        "clopidogrel 75 mg daily\n",
        "metoprolol",
        S.CONTINUED,
    ),
    (
        "DISCHARGE MEDICATION RECONCILIATION\nCONTINUE these "
        "medications:\n  aspirin 81 mg daily\n  metoprolol succinate 50 "
        "mg daily\nCHANGE how you take these medications:\n  furosemide "
        "40 mg daily (was 20 mg)\nSTOP taking these medications:\n  "
        "naproxen 500 mg\nSTART taking these medications:\n  "
        "clopidogrel 75 mg daily\n",
        "furosemide",
        S.CHANGED,
    ),
    (
        "DISCHARGE MEDICATION RECONCILIATION\nCONTINUE these "
        "medications:\n  aspirin 81 mg daily\n  metoprolol succinate 50 "
        "mg daily\nCHANGE how you take these medications:\n  furosemide "
        "40 mg daily (was 20 mg)\nSTOP taking these medications:\n  "
        "naproxen 500 mg\nSTART taking these medications:\n  "
        "clopidogrel 75 mg daily\n",
        "naproxen",
        S.STOPPED,
    ),
    (
        "DISCHARGE MEDICATION RECONCILIATION\nCONTINUE these "
        "medications:\n  aspirin 81 mg daily\n  metoprolol succinate 50 "
        "mg daily\nCHANGE how you take these medications:\n  furosemide "
        "40 mg daily (was 20 mg)\nSTOP taking these medications:\n  "
        "naproxen 500 mg\nSTART taking these medications:\n  "
        "clopidogrel 75 mg daily\n",
        "clopidogrel",
        S.STARTED,
    ),
    (
        "Med Rec:\nDrug                     Status\nSertraline 100 mg   "
        "     Continue\nQuetiapine 25 mg         "
        "Discontinue\nMirtazapine 15 mg qhs    New\nLorazepam 0.5 mg "
        "prn     Hold\n",
        "sertraline",
        S.CONTINUED,
    ),
    (
        "Med Rec:\nDrug                     Status\nSertraline 100 mg   "
        "     Continue\nQuetiapine 25 mg         "
        "Discontinue\nMirtazapine 15 mg qhs    New\nLorazepam 0.5 mg "
        "prn     Hold\n",
        "quetiapine",
        S.STOPPED,
    ),
    (
        "Med Rec:\nDrug                     Status\nSertraline 100 mg   "
        "     Continue\nQuetiapine 25 mg         "
        "Discontinue\nMirtazapine 15 mg qhs    New\nLorazepam 0.5 mg "
        "prn     Hold\n",
        "mirtazapine",
        S.STARTED,
    ),
    (
        "Med Rec:\nDrug                     Status\nSertraline 100 mg   "
        "     Continue\nQuetiapine 25 mg         "
        "Discontinue\nMirtazapine 15 mg qhs    New\nLorazepam 0.5 mg "
        "prn     Hold\n",
        "lorazepam",
        S.HELD,
    ),
    (
        "Dear Dr. Patel,\nThank you for referring Mrs. Jones. She has "
        "been on methotrexate 15 mg weekly and folic acid. I have "
        "increased methotrexate to 20 mg weekly and recommend she "
        "continue folic acid 1 mg daily. Should her joints not "
        "settle, I would consider adding hydroxychloroquine.\nYours "
        "sincerely,\n",
        "methotrexate",
        S.CHANGED,
    ),
    (
        "Dear Dr. Patel,\nThank you for referring Mrs. Jones. She has "
        "been on methotrexate 15 mg weekly and folic acid. I have "
        "increased methotrexate to 20 mg weekly and recommend she "
        "continue folic acid 1 mg daily. Should her joints not "
        "settle, I would consider adding hydroxychloroquine.\nYours "
        "sincerely,\n",
        "folic acid",
        S.CONTINUED,
    ),
    (
        "Dear Dr. Patel,\nThank you for referring Mrs. Jones. She has "
        "been on methotrexate 15 mg weekly and folic acid. I have "
        "increased methotrexate to 20 mg weekly and recommend she "
        "continue folic acid 1 mg daily. Should her joints not "
        "settle, I would consider adding hydroxychloroquine.\nYours "
        "sincerely,\n",
        "hydroxychloroquine",
        S.PROPOSED,
    ),
    (
        "Dear Colleague,\nI saw Mr. Smith today. He stopped his "
        "simvastatin himself because of myalgia. I have started "
        "ezetimibe 10 mg daily. I would be grateful if you could "
        "check his lipids in 3 months.\n",
        "simvastatin",
        S.STOPPED,
    ),
    (
        "Dear Colleague,\nI saw Mr. Smith today. He stopped his "
        "simvastatin himself because of myalgia. I have started "
        "ezetimibe 10 mg daily. I would be grateful if you could "
        "check his lipids in 3 months.\n",
        "ezetimibe",
        S.STARTED,
    ),
    (
        "To whom it may concern: Ms. Lee takes levetiracetam 500 mg "
        "twice daily for epilepsy and should continue it during "
        "travel.\n",
        "levetiracetam",
        S.CONTINUED,
    ),
    (
        "Plan: Will hold off on lisinopril until her potassium is rechecked Friday.\n",
        "lisinopril",
        S.HELD,
    ),
    (
        "Medications: Eliquis 5 mg BID (pt instructed to hold x 2 "
        "days pre-op), metoprolol 25 mg BID.\n",
        "apixaban",
        S.HELD,
    ),
    (
        "Medications: Eliquis 5 mg BID (pt instructed to hold x 2 "
        "days pre-op), metoprolol 25 mg BID.\n",
        "metoprolol",
        S.CONTINUED,
    ),
    (
        "Assessment: orthostatic hypotension. Tamsulosin on hold for "
        "now; may restart if BP recovers. Continue finasteride.\n",
        "tamsulosin",
        S.HELD,
    ),
    (
        "Assessment: orthostatic hypotension. Tamsulosin on hold for "
        "now; may restart if BP recovers. Continue finasteride.\n",
        "finasteride",
        S.CONTINUED,
    ),
    (
        "Chemo: cycle 4 of FOLFOX deferred due to neutropenia; "
        "oxaliplatin held this week, will reassess next Monday.\n",
        "oxaliplatin",
        S.HELD,
    ),
    (
        "Spironolactone paused given K 5.8. Continue furosemide 40 mg daily.\n",
        "spironolactone",
        S.HELD,
    ),
    (
        "Spironolactone paused given K 5.8. Continue furosemide 40 mg daily.\n",
        "furosemide",
        S.CONTINUED,
    ),
    (
        "Propranolol: holding today because HR 52; resume tomorrow if HR > 60.\n",
        "propranolol",
        S.HELD,
    ),
    (
        "Statin was held during admission for elevated LFTs; "
        "discharge: do not resume atorvastatin until LFT recheck.\n",
        "atorvastatin",
        S.HELD,
    ),
    (
        "Plan: metoprolol tartrate 25 mg BID -> 50 mg BID.\n",
        "metoprolol",
        S.CHANGED,
    ),
    (
        "Levothyroxine: now 88 mcg daily (up from 75 mcg).\n",
        "levothyroxine",
        S.CHANGED,
    ),
    (
        "Insulin glargine titrated to 24 units nightly. Lispro unchanged.\n",
        "insulin glargine",
        S.CHANGED,
    ),
    (
        "Insulin glargine titrated to 24 units nightly. Lispro unchanged.\n",
        "insulin lispro",
        S.CONTINUED,
    ),
    (
        "Gabapentin reduced to 300 mg at bedtime because of dizziness.\n",
        "gabapentin",
        S.CHANGED,
    ),
    (
        "Furosemide: double dose to 80 mg daily for 3 days then back to 40 mg.\n",
        "furosemide",
        S.CHANGED,
    ),
    pytest.param(
        "Prednisone taper: 40 mg x3d, 30 mg x3d, 20 mg x3d, 10 mg x3d "
        "then stop. Continue calcium.\n",
        "prednisone",
        S.STARTED,
        marks=_STILL_MISSED,
    ),
    (
        "Changed warfarin dosing to 5 mg Mon/Wed/Fri and 7.5 mg other days; INR 1.7.\n",
        "warfarin",
        S.CHANGED,
    ),
    (
        "He was started on apixaban by cardiology in March and continues it.\n",
        "apixaban",
        S.CONTINUED,
    ),
    (
        "On metformin since 2018, tolerating well.\n",
        "metformin",
        S.CONTINUED,
    ),
    (
        "Recently started on sertraline by PCP 3 weeks ago; reports mild nausea.\n",
        "sertraline",
        S.CONTINUED,
    ),
    pytest.param(
        "Atorvastatin 40 mg daily (started 2021).\n",
        "atorvastatin",
        S.CONTINUED,
        marks=_STILL_MISSED,
    ),
    (
        "Home medications: aspirin 81 mg daily, atorvastatin 80 mg "
        "nightly, metoprolol succinate 25 mg daily.\nPlan: Started "
        "heparin drip for NSTEMI. Increased metoprolol to 50 mg.\n",
        "aspirin",
        S.CONTINUED,
    ),
    (
        "Home medications: aspirin 81 mg daily, atorvastatin 80 mg "
        "nightly, metoprolol succinate 25 mg daily.\nPlan: Started "
        "heparin drip for NSTEMI. Increased metoprolol to 50 mg.\n",
        "atorvastatin",
        S.CONTINUED,
    ),
    (
        "Home medications: aspirin 81 mg daily, atorvastatin 80 mg "
        "nightly, metoprolol succinate 25 mg daily.\nPlan: Started "
        "heparin drip for NSTEMI. Increased metoprolol to 50 mg.\n",
        "metoprolol",
        S.CHANGED,
    ),
    pytest.param(
        "Home medications: aspirin 81 mg daily, atorvastatin 80 mg "
        "nightly, metoprolol succinate 25 mg daily.\nPlan: Started "
        "heparin drip for NSTEMI. Increased metoprolol to 50 mg.\n",
        "heparin",
        S.GIVEN,
        marks=_STILL_MISSED,
    ),
    (
        "New medications this visit: none. Continues on amlodipine and lisinopril.\n",
        "amlodipine",
        S.CONTINUED,
    ),
    (
        "New medications this visit: none. Continues on amlodipine and lisinopril.\n",
        "lisinopril",
        S.CONTINUED,
    ),
    (
        "Ibuprofen stopped 2 weeks ago due to GI upset.\n",
        "ibuprofen",
        S.STOPPED,
    ),
    (
        "She stopped taking tamsulosin years ago.\n",
        "tamsulosin",
        S.HISTORICAL,
    ),
    (
        "Off warfarin since May after ablation.\n",
        "warfarin",
        S.STOPPED,
    ),
    (
        "Finished nitrofurantoin course on Monday; symptoms resolved.\n",
        "nitrofurantoin",
        S.STOPPED,
    ),
    (
        "No longer taking omeprazole.\n",
        "omeprazole",
        S.STOPPED,
    ),
    (
        "Plan: we discussed starting semaglutide; she will think about it and call us.\n",
        "semaglutide",
        S.PROPOSED,
    ),
    (
        "Recommend enoxaparin 40 mg daily for VTE prophylaxis if admitted.\n",
        "enoxaparin",
        S.PROPOSED,
    ),
    (
        "Suggest the primary team start tamsulosin 0.4 mg qhs.\n",
        "tamsulosin",
        S.PROPOSED,
    ),
    (
        "Candidate for a trial of mirabegron if symptoms persist after bladder training.\n",
        "mirabegron",
        S.PROPOSED,
    ),
    (
        "Will start rosuvastatin 10 mg daily if LDL remains above goal on repeat.\n",
        "rosuvastatin",
        S.PROPOSED,
    ),
    (
        "Patient declined statin therapy; atorvastatin offered.\n",
        "atorvastatin",
        S.PROPOSED,
    ),
    (
        "ED Course: ceftriaxone 1 g IV given. Disposition: admitted "
        "to medicine for pyelonephritis, continue ceftriaxone 1 g IV "
        "daily.\n",
        "ceftriaxone",
        S.STARTED,
    ),
    (
        "In the ED she received aspirin 325 mg chewed and "
        "nitroglycerin SL x1. She takes aspirin 81 mg at home.\n",
        "aspirin",
        S.CONTINUED,
    ),
    (
        "In the ED she received aspirin 325 mg chewed and "
        "nitroglycerin SL x1. She takes aspirin 81 mg at home.\n",
        "nitroglycerin",
        S.GIVEN,
    ),
    (
        "Discharge Medications:\n1. Cefpodoxime 200 mg BID x 5 more "
        "days (NEW)\n2. Lisinopril 10 mg daily\nHospital course: "
        "treated with ceftriaxone IV, transitioned to cefpodoxime.\n",
        "cefpodoxime",
        S.STARTED,
    ),
    pytest.param(
        "Discharge Medications:\n1. Cefpodoxime 200 mg BID x 5 more "
        "days (NEW)\n2. Lisinopril 10 mg daily\nHospital course: "
        "treated with ceftriaxone IV, transitioned to cefpodoxime.\n",
        "lisinopril",
        S.CONTINUED,
        marks=_STILL_MISSED,
    ),
    (
        "Discharge Medications:\n1. Cefpodoxime 200 mg BID x 5 more "
        "days (NEW)\n2. Lisinopril 10 mg daily\nHospital course: "
        "treated with ceftriaxone IV, transitioned to cefpodoxime.\n",
        "ceftriaxone",
        S.STOPPED,
    ),
    (
        "Operative note: Anesthesia: general. Cefazolin 2 g IV given "
        "prior to incision. Estimated blood loss 50 mL.\n",
        "cefazolin",
        S.GIVEN,
    ),
    pytest.param(
        "Intra-articular injection: 1 mL Depo-Medrol 40 mg with 4 mL lidocaine 1%.\n",
        "methylprednisolone",
        S.GIVEN,
        marks=_STILL_MISSED,
    ),
    pytest.param(
        "Intra-articular injection: 1 mL Depo-Medrol 40 mg with 4 mL lidocaine 1%.\n",
        "lidocaine",
        S.GIVEN,
        marks=_STILL_MISSED,
    ),
    (
        "Active Medications\nName                         Sig          "
        "           Last filled\nlosartan 50 mg tablet        1 tab "
        "daily             10/02/2026\nhydrochlorothiazide 25 mg    1 "
        "tab daily - PATIENT NOT TAKING\n",
        "losartan",
        S.CONTINUED,
    ),
    (
        "Active Medications\nName                         Sig          "
        "           Last filled\nlosartan 50 mg tablet        1 tab "
        "daily             10/02/2026\nhydrochlorothiazide 25 mg    1 "
        "tab daily - PATIENT NOT TAKING\n",
        "hydrochlorothiazide",
        S.STOPPED,
    ),
    (
        "Medications at the end of visit:\nMetformin 500 mg tablet "
        "(Discontinued)\nJardiance 10 mg tablet (New)\nLantus 20 units "
        "qhs (Changed)\n",
        "metformin",
        S.STOPPED,
    ),
    (
        "Medications at the end of visit:\nMetformin 500 mg tablet "
        "(Discontinued)\nJardiance 10 mg tablet (New)\nLantus 20 units "
        "qhs (Changed)\n",
        "empagliflozin",
        S.STARTED,
    ),
    (
        "Medications at the end of visit:\nMetformin 500 mg tablet "
        "(Discontinued)\nJardiance 10 mg tablet (New)\nLantus 20 units "
        "qhs (Changed)\n",
        "insulin glargine",
        S.CHANGED,
    ),
]


@pytest.mark.parametrize(("text", "drug", "status"), PROBES)
def test_a_probe_reads_as_its_clinician_labelled_it(
    text: str, drug: str, status: MedicationStatus
) -> None:
    assert status_of(text, drug) is status
