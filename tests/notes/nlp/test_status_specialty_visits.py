"""Medication status in the short notes of specialty visits with no usual section headings: a
hospice admission's comfort kit, an infusion day's class-named home list, a travel clinic's
prophylaxis and standby course, an urgent care visit's order after what the patient takes, and
an oncology follow-up's story of a switch years ago."""

from carechart.notes.nlp import Medication, MedicationStatus, NoteAnalysis, analyse

S = MedicationStatus


def _drug(analysis: NoteAnalysis, ingredient: str) -> Medication:
    found = [m for m in analysis.medications if m.ingredient == ingredient]
    assert len(found) == 1, f"{ingredient}: {[m.ingredient for m in analysis.medications]}"
    return found[0]


HOSPICE_VISIT = """\
Hospice Admission Visit
Primary hospice diagnosis: end-stage COPD. Patient and wife want comfort-focused care at home.
Simvastatin and amlodipine discontinued today. Continue tiotropium daily.
Symptom kit ordered: morphine oral solution 20 mg/mL 0.25 mL SL q1h prn dyspnea, lorazepam
0.5 mg SL q6h prn anxiety.
Labs ordered: none.
"""


def test_a_kit_ordered_for_home_starts_its_drugs() -> None:
    analysis = analyse(HOSPICE_VISIT)
    assert _drug(analysis, "morphine").status is S.STARTED
    assert _drug(analysis, "lorazepam").status is S.STARTED


def test_an_ordered_label_leaves_other_lines_of_the_visit_alone() -> None:
    analysis = analyse(HOSPICE_VISIT)
    assert _drug(analysis, "tiotropium").status is S.CONTINUED
    assert _drug(analysis, "simvastatin").status is S.STOPPED


INFUSION_DAY = """\
Infusion Center Visit
C4D1 gemcitabine/nab-paclitaxel.
Premedications given: prochlorperazine 10 mg IV.
Chemotherapy administered: gemcitabine 1000 mg/m2 IV, nab-paclitaxel 125 mg/m2 IV.
Home antiemetics: prochlorperazine 10 mg PO q6h prn nausea - refill sent.
Home antibiotics clarified.
Next treatment in one week.
"""


def test_a_home_list_named_by_its_drug_class_keeps_a_drug_also_given_as_a_premedication() -> None:
    analysis = analyse(INFUSION_DAY)
    assert _drug(analysis, "prochlorperazine").status is S.CONTINUED
    assert _drug(analysis, "gemcitabine").status is S.GIVEN


def test_a_class_named_list_without_home_words_is_no_home_list() -> None:
    analysis = analyse(
        "Infusion Center Visit\nAntiemetics: prochlorperazine 10 mg IV given before the"
        " infusion.\nPaclitaxel 80 mg/m2 IV administered.\n"
    )
    assert _drug(analysis, "prochlorperazine").status is S.GIVEN


TRAVEL_VISIT = """\
Pre-travel Consultation
Trip: Ghana, 2 weeks, visiting family.
Malaria: doxycycline (Vibramycin) 100 mg PO daily, begin 2 days before departure, continue for
4 weeks after leaving the malaria area.
Diarrhea: ciprofloxacin 750 mg PO x1 as standby, for severe diarrhea.
Consider zolpidem for the overnight flight.
Continue home levothyroxine.
"""


def test_a_prophylaxis_to_begin_before_the_trip_is_started_by_both_of_its_names() -> None:
    analysis = analyse(TRAVEL_VISIT)
    assert _drug(analysis, "doxycycline").status is S.STARTED


def test_a_standby_dose_to_carry_is_prescribed_not_given() -> None:
    analysis = analyse(TRAVEL_VISIT)
    assert _drug(analysis, "ciprofloxacin").status is S.STARTED
    assert _drug(analysis, "zolpidem").status is S.PROPOSED
    assert _drug(analysis, "levothyroxine").status is S.CONTINUED


def test_a_single_dose_in_the_room_is_still_given() -> None:
    analysis = analyse("Urgent Care\nCiprofloxacin 500 mg PO x1 in clinic.\n")
    assert _drug(analysis, "ciprofloxacin").status is S.GIVEN


URGENT_CARE = """\
Urgent Care Visit
Sciatica, left. Methylprednisolone 80 mg IM given in clinic.
Uses naproxen 500 mg twice daily - stop while on the steroid taper.
Is on aspirin 81 mg daily, hold it until the biopsy is done.
Takes omeprazole 20 mg daily, continue.
"""


def test_an_order_after_what_the_patient_takes_decides() -> None:
    analysis = analyse(URGENT_CARE)
    assert _drug(analysis, "naproxen").status is S.STOPPED
    assert _drug(analysis, "aspirin").status is S.HELD


def test_an_order_told_to_the_patient_after_what_she_takes_decides() -> None:
    analysis = analyse(
        "Pharmacist Medication Review\nHas been taking ginkgo 120 mg daily for memory - advised"
        " to stop while on warfarin.\n"
    )
    assert _drug(analysis, "ginkgo biloba").status is S.STOPPED


def test_an_aside_after_what_the_patient_takes_is_no_order() -> None:
    analysis = analyse(
        "Immunization Visit\nTakes rivaroxaban - bleeding risk reviewed, site held firmly for 2"
        " minutes after the injection.\n"
    )
    assert _drug(analysis, "rivaroxaban").status is S.CONTINUED


def test_what_the_patient_takes_without_an_order_after_it_goes_on() -> None:
    analysis = analyse(URGENT_CARE)
    assert _drug(analysis, "omeprazole").status is S.CONTINUED


ONCOLOGY_FOLLOW_UP = """\
Breast Oncology Follow-up
Currently taking letrozole 2.5 mg daily, mild arthralgias. Continue.
Anastrozole was stopped in 2022 for arthralgia, switched to letrozole.
"""


def test_a_switch_told_in_a_past_year_to_the_drug_taken_now_continues_it() -> None:
    analysis = analyse(ONCOLOGY_FOLLOW_UP)
    assert _drug(analysis, "letrozole").status is S.CONTINUED
    assert _drug(analysis, "anastrozole").status is S.HISTORICAL


def test_a_switch_at_this_visit_still_starts_the_new_drug() -> None:
    analysis = analyse(
        "Breast Oncology Follow-up\nArthralgias on anastrozole. Anastrozole stopped today,"
        " switched to letrozole 2.5 mg daily.\n"
    )
    assert _drug(analysis, "letrozole").status is S.STARTED


ANTICOAGULATION_CLINIC = """\
Anticoagulation Clinic
INR 4.1 on warfarin 7.5 mg daily. No bleeding.
Plan: hold today's warfarin dose, then reduce to 5 mg daily. Recheck INR Friday.
Knee replacement 5/12: bridge with dalteparin 200 units/kg SC daily from 5/09 to 5/11.
Hold aspirin tonight, then resume 81 mg daily.
"""


def test_a_dose_left_out_on_the_way_to_a_new_dose_is_a_change() -> None:
    analysis = analyse(ANTICOAGULATION_CLINIC)
    assert _drug(analysis, "warfarin").status is S.CHANGED
    assert _drug(analysis, "aspirin").status is S.HELD


def test_a_possessive_before_a_drug_is_not_part_of_its_name() -> None:
    analysis = analyse(ANTICOAGULATION_CLINIC)
    assert [m.ingredient for m in analysis.medications if "warfarin" in (m.ingredient or "")] == [
        "warfarin"
    ]


def test_bridging_anticoagulation_is_started() -> None:
    analysis = analyse("Anticoagulation Clinic\nBridge with enoxaparin 80 mg SC q12h.\n")
    assert _drug(analysis, "enoxaparin").status is S.STARTED


def test_no_bridging_leaves_the_anticoagulant_going_on() -> None:
    analysis = analyse("Anticoagulation Clinic\nNo bridging needed. Continue apixaban 5 mg BID.\n")
    assert _drug(analysis, "apixaban").status is S.CONTINUED


def test_a_kit_supplies_the_drugs_the_list_already_has() -> None:
    analysis = analyse(
        "Hospice Admission Visit\nMedications:\n- lorazepam 1 mg PO q8h PRN anxiety\n"
        "- senna 2 tabs PO nightly\n\nEmergency kit left in the home: lorazepam 2 mg/mL 0.25 mL SL"
        " q4h PRN; glycopyrrolate 1 mg PO q4h PRN secretions.\n"
    )
    assert _drug(analysis, "lorazepam").status is S.CONTINUED
    assert _drug(analysis, "glycopyrrolate").status is S.STARTED
