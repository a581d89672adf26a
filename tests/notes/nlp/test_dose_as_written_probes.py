"""Doses read as a clinician reads them, on probe snippets written and labelled by hand before
the analyser ran on them: a change's new dose ("from 10 to 20 mg"), the computed dose beside a
per-kg one, the count of puffs or tablets taken of a stated strength, drops and units written
short. Shapes the reader already got right are kept as negative cases."""

import pytest

from carechart.notes.nlp import analyse
from tests.notes.nlp.support import medication


def _dose(text: str, drug: str) -> str | None:
    return medication(analyse(text), drug).dose


@pytest.mark.parametrize(
    ("text", "drug", "dose"),
    [
        # A change names the old dose and the new: the chart shows the new.
        ("Plan:\n- Increase lisinopril from 10 to 20 mg daily.\n", "lisinopril", "20 mg"),
        ("Plan:\n- Increase lisinopril from 10 mg to 20 mg daily.\n", "lisinopril", "20 mg"),
        (
            "Plan:\n- Decrease metoprolol tartrate 50 mg BID to 25 mg BID given bradycardia.\n",
            "metoprolol",
            "25 mg",
        ),
        ("A/P:\n- Titrate gabapentin from 100 mg TID to 300 mg TID.\n", "gabapentin", "300 mg"),
        # A per-kg dose with the dose it comes to: the dose given is the computed one.
        (
            "Plan:\n- Amoxicillin 90 mg/kg/day divided BID = 900 mg PO BID x 10 days.\n",
            "amoxicillin",
            "900 mg",
        ),
        ("Plan:\n- Ibuprofen 10 mg/kg (200 mg) PO q6h prn fever.\n", "ibuprofen", "200 mg"),
        ("Medications:\n- Enoxaparin 1 mg/kg SC q12h (80 mg)\n", "enoxaparin", "80 mg"),
        (
            "ED course:\n- Dexamethasone 0.6 mg/kg PO x1 (max 16 mg) = 10 mg given.\n",
            "dexamethasone",
            "10 mg",
        ),
        # A liquid's concentration, then the volume or amount given.
        (
            "Medications:\n- Amoxicillin 250 mg/5 mL suspension, give 5 mL PO TID\n",
            "amoxicillin",
            "5 mL",
        ),
        (
            "Plan:\n- Start amoxicillin-clavulanate ES-600 (600 mg-42.9 mg/5 mL): 90 mg/kg/day"
            " divided BID = 6 mL po BID x 10 days.\n",
            "amoxicillin-clavulanate",
            "6 mL",
        ),
        (
            "Plan:\n- Ferrous sulfate drops 75 mg/1 mL (15 mg/mL elemental Fe): 1.8 mL PO daily\n",
            "ferrous",
            "1.8 mL",
        ),
        (
            "Medications:\n- Prednisolone 15 mg/5 mL, 10 mL PO daily x5 days\n",
            "prednisolone",
            "10 mL",
        ),
        # A strength per puff or tablet, then how many: the count is the dose taken.
        (
            "Medications:\n- albuterol HFA 90 mcg/actuation 2 puffs q4-6h prn wheeze\n",
            "albuterol",
            "2 puffs",
        ),
        (
            "Medications:\n- Fluticasone nasal 50 mcg/spray 2 sprays each nostril daily\n",
            "fluticasone",
            "2 sprays",
        ),
        ("Home meds:\n- Albuterol 90 mcg - 2 puffs q4h prn\n", "albuterol", "2 puffs"),
        ("Home meds:\n- Senna 8.6 mg tablet - 2 tabs PO qHS\n", "senna", "2 tabs"),
        (
            "Plan:\n- Change to metformin ER 500 mg tabs, 2 tabs (1000 mg) twice daily.\n",
            "metformin",
            "1000 mg",
        ),
        ("Home meds:\n- Omega-3 1000 mg - 2 caps daily\n", "omega-3", "2 caps"),
        # A strength taken one tablet at a time is the strength, not a range "40-1".
        ("Home meds:\n- Pravastatin 40 mg - 1 tab PO qHS\n", "pravastatin", "40 mg"),
        ("Home meds:\n- Guaifenesin 600 mg - 1 tablet q12h prn\n", "guaifenesin", "600 mg"),
        # Drops, micrograms and units written short.
        ("Medications:\n- Latanoprost 0.005% 1 gtt OU qhs\n", "latanoprost", "1 gtt"),
        ("Medications:\n- Levothyroxine 100 micrograms daily\n", "levothyroxine", "100 mcg"),
        ("Medications:\n- Heparin 5,000 u SC q8h\n", "heparin", "5,000 units"),
    ],
)
def test_the_dose_taken_is_read_from_the_sig(text: str, drug: str, dose: str) -> None:
    assert _dose(text, drug) == dose


@pytest.mark.parametrize(
    ("text", "drug", "dose"),
    [
        ("Medications:\n- Enoxaparin 1 mg/kg SC q12h\n", "enoxaparin", "1 mg/kg"),
        ("Medications:\n- Cetirizine 5 mg/5 mL oral solution\n", "cetirizine", "5 mg"),
        ("Medications:\n- Lorazepam 0.5-1 mg PO q6h prn anxiety\n", "lorazepam", "0.5-1 mg"),
        ("Medications:\n- Oxycodone 5-10 mg q4h prn\n", "oxycodone", "5-10 mg"),
        ("Medications:\n- Norco 5/325 mg 1 tab q6h prn pain\n", "norco", "5/325 mg"),
        ("Medications:\n- Symbicort 160/4.5 mcg 2 puffs BID\n", "symbicort", "160/4.5 mcg"),
        ("Medications:\n- Tylenol 1 tab po q6h prn\n", "tylenol", "1 tab"),
        ("Medications:\n- Tamsulosin 0.4 mg capsule 1 cap PO qhs\n", "tamsulosin", "0.4 mg"),
        (
            "Medications:\nmetoprolol succinate ER 25 mg tablet, take 1 tablet by mouth daily\n",
            "metoprolol",
            "25 mg",
        ),
        (
            "Medications:\n- Gabapentin 300 mg capsule: take 2 capsules (600 mg total) by mouth"
            " three times daily\n",
            "gabapentin",
            "600 mg",
        ),
        ("Plan:\n- Prednisone 40 mg x5d then 20 mg x5d then stop.\n", "prednisone", "40 mg"),
        (
            "Plan:\n- Start sertraline 25 mg daily x 1 week then 50 mg daily.\n",
            "sertraline",
            "25 mg",
        ),
        ("Plan:\n- Titrate gabapentin up to 300 mg TID.\n", "gabapentin", "300 mg"),
        ("Plan:\n- Heparin drip 60 units/kg bolus then 12 units/kg/h.\n", "heparin", "60 units/kg"),
        (
            "Medications:\n- Warfarin 5 mg daily except 7.5 mg Mon/Fri\n",
            "warfarin",
            "5 mg except 7.5 mg Mon/Fri",
        ),
        ("Plan:\n- Flucloxacillin 500 mg qds for 7 days.\n", "flucloxacillin", "500 mg"),
        ("Plan:\n- Ceftriaxone 1 g IV q24h x 7 days.\n", "ceftriaxone", "1 g"),
        (
            "Medications:\n- Fentanyl 25 mcg/h patch, change every 72 hours\n",
            "fentanyl",
            "25 mcg/h",
        ),
        ("Medications:\n- Lantus 22 units qhs\n", "lantus", "22 units"),
        ("Medications:\n- Timolol 0.5% 1 drop OU BID\n", "timolol", "1 drop"),
        # A single spray or a fraction after the strength is no count of doses taken.
        ("Medications:\n- Baqsimi 3 mg 1 spray intranasally PRN\n", "baqsimi", "3 mg"),
        (
            "Medications:\n- Fluticasone 50 mcg/spray 1 spray each nostril daily\n",
            "fluticasone",
            "50 mcg/spray",
        ),
        (
            "Plan:\n- Continue Prometrium 100 mg nightly (adequate with 0.075 patch).\n",
            "prometrium",
            "100 mg",
        ),
        (
            "Medications:\n- Lisinopril 20 mg daily, to be taken in the morning\n",
            "lisinopril",
            "20 mg",
        ),
        (
            "Medications:\n| Drug | Dose | Frequency |\n| Amlodipine | 5 mg | daily |\n"
            "| Furosemide | 40 mg | BID |\n",
            "furosemide",
            "40 mg",
        ),
    ],
)
def test_doses_already_read_right_stay_as_they_are(text: str, drug: str, dose: str) -> None:
    assert _dose(text, drug) == dose
