"""The rules the fourth batch of note type and date probes called for, each with a variant in
another wording and a look-alike that must keep its reading: referral letters, case management,
ward rounds, ED discharge letters, a letter's subject naming an operation, wrapped lines of a
letter, antenatal booking, therapy sessions, baby checks, extractions, nursing evaluations,
handovers, a letter's discharge date, British reviews, call lines, urgent treatment centres; and
day-first dates in British records, dates of attendance, session, request and scan, a date
opening a one-line record."""

from datetime import date

import pytest

from carechart.notes.nlp import analyse


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        # A letter or form asking another clinician to see the patient is the referrer's request.
        (
            "other",
            (
                "Referral Form - Gastroenterology\n"
                "Reason for referral: iron deficiency anaemia.\n"
                "Please see Mr. Cole for colonoscopy. He is on ferrous sulfate.\n"
            ),
        ),
        # The consultant's note answering the referral stays a consultation.
        (
            "consult",
            (
                "Gastroenterology Consultation\n"
                "Reason for referral: iron deficiency anemia.\n"
                "I saw Mr. Cole today at the request of Dr. Lee. Plan: colonoscopy.\n"
            ),
        ),
        # Who arranges the end of a stay records no clinician's visit, whatever stay it tells of.
        (
            "other",
            (
                "Care Management Note\n"
                "Date: 03/03/2025\n"
                "Patient admitted 02/28 with pneumonia. Home oxygen arranged before"
                " discharge; DME order faxed.\n"
            ),
        ),
        # The team's round of the ward is a day of the stay, whatever day of the admission.
        (
            "progress",
            (
                "Consultant Ward Round\n"
                "Bed 6. Day 4 of admission with cellulitis. Afebrile. Switch to oral"
                " flucloxacillin.\n"
            ),
        ),
        # Going home from the emergency department ends the ED visit, not a stay.
        (
            "emergency",
            (
                "A&E Discharge Summary\n"
                "Attended with a sprained ankle. X-ray normal. Discharged home with crutches.\n"
            ),
        ),
        # A stay that began in the emergency department still ends in a discharge summary.
        (
            "discharge",
            (
                "Discharge Summary\n"
                "Admitted via the emergency department with pneumonia.\n"
                "Hospital course: IV antibiotics, improved.\n"
                "Discharge medications: amoxicillin.\n"
            ),
        ),
        # A letter's subject naming the operation a review follows.
        (
            "post_operative",
            (
                "Orthopaedic Clinic\n"
                "Subject: Review following total knee replacement\n"
                "Wound healed, flexion 110 degrees. Discharged from clinic.\n"
            ),
        ),
        # A subject naming a condition's follow-up stays a follow-up.
        (
            "follow_up",
            (
                "Cardiology Clinic\n"
                "Re: Follow-up of hypertension\n"
                "BP 130/80 on amlodipine. Continue. Return in 6 months.\n"
            ),
        ),
        # A title in lower case on the first line is still a title (a wrapped line of prose is not).
        (
            "annual_physical",
            (
                "annual wellness visit\n"
                "Date: 03/03/2025\n"
                "Health maintenance reviewed. Colonoscopy due next year.\n"
            ),
        ),
        # A midwife's booking visit opens pregnancy care.
        (
            "follow_up",
            (
                "Booking Visit - Community Midwife\n"
                "Date: 04/04/2025\n"
                "G1P0, 10 weeks. Bloods taken. Folic acid continued.\n"
            ),
        ),
        # A session of talking therapy is one visit of a course.
        (
            "follow_up",
            (
                "CBT Session 4\n"
                "Date: 05/05/2025\n"
                "Reviewed thought records. Anxiety lower. Next session in 1 week.\n"
            ),
        ),
        # A physical therapist's session stays physical therapy.
        (
            "physical_therapy",
            (
                "Physical Therapy Session\n"
                "Date: 05/05/2025\n"
                "Knee flexion 100 degrees. Continue exercises.\n"
            ),
        ),
        # A baby's check at 6-8 weeks is a well-child visit.
        (
            "annual_physical",
            (
                "Baby Check (8 weeks)\n"
                "Date: 05/05/2025\n"
                "Hips stable, red reflex present. Feeding well.\n"
            ),
        ),
        # A tooth extraction is a procedure.
        (
            "procedure",
            (
                "Tooth Extraction Note\n"
                "Date: 05/05/2025\n"
                "Extraction #3 (D7140) under local anesthesia. Hemostasis achieved.\n"
            ),
        ),
        # A dentist's examination is no medical visit.
        ("other", "Dental Exam (D0150)\nDate: 05/05/2025\nNo caries. Cleaning done.\n"),
        # A nurse's evaluation on the ward is that day's progress note.
        (
            "progress",
            (
                "Nursing Evaluation\n"
                "Room 512, Bed A\n"
                "Pain controlled. IV antibiotics given. Ambulating with assistance.\n"
            ),
        ),
        # Without a ward it is a nursing record of its own.
        (
            "other",
            (
                "Nursing Evaluation\n"
                "Patient seen at the school nurse office. Bandage applied to grazed knee.\n"
            ),
        ),
        # A handover from one unit to another in the label's value.
        (
            "progress",
            (
                "Handover: CCU to Ward 4\n"
                "Date: 16/01/2025\n"
                "NSTEMI day 3, pain free, heparin stopped.\n"
            ),
        ),
        # A letter's head with the stay's discharge date is a discharge letter.
        (
            "discharge",
            (
                "Primary Care Letter\n"
                "Admitted: 04/02/2025  Discharged: 04/06/2025\n"
                "Dear Dr. Kim, Mr. Orr was treated for pneumonia with ceftriaxone and was"
                " discharged home on amoxicillin.\n"
            ),
        ),
        # A specialist nurse's review of a known condition, booked again.
        (
            "follow_up",
            (
                "Diabetes Specialist Nurse\n"
                "Review of known type 1 diabetes. HbA1c 62. Basal insulin increased. Review"
                " in 3 months.\n"
            ),
        ),
        # A line answering calls keeps a record of each call.
        (
            "other",
            (
                "Nurse Advice Line - Call Log\n"
                "Date: 05/05/2025\n"
                "Caller asks about fever in a child. Advised paracetamol.\n"
            ),
        ),
        # Britain's urgent care.
        ("emergency", "Urgent Treatment Centre\nDate: 05/05/2025\nCut finger, glued. Home.\n"),
        # A patient who came back months after the trouble the clinic treats.
        (
            "follow_up",
            (
                "Neurology Clinic\n"
                "He returned 3 months after his stroke. Walking unaided. Continue clopidogrel.\n"
            ),
        ),
        # An arrival some days after an injury is no return.
        ("other", "42M presents 2 days after his fall with left wrist pain. Swelling. Splint.\n"),
    ],
)
def test_a_title_or_opening_of_these_shapes_gives_the_type_a_clinician_reads(
    expected: str, text: str
) -> None:
    assert analyse(text).note_type.value == expected


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        # An NHS number says the dates are written day first.
        (
            "2025-04-02",
            (
                "Clinic Letter\n"
                "Clinic date: 02/04/2025\n"
                "NHS No: 111 222 3333\n"
                "Reviewed today. Stable.\n"
            ),
        ),
        # Two words of British usage do.
        (
            "2025-04-02",
            (
                "Clinic Letter\n"
                "Clinic date: 02/04/2025\n"
                "Seen with her GP's letter. Stable on paracetamol.\n"
            ),
        ),
        # One alone does not.
        ("2025-02-04", "Clinic Letter\nClinic date: 02/04/2025\nStable on paracetamol.\n"),
        # A date past the 12th in month-first order wins over words of British usage.
        (
            "2025-03-14",
            (
                "Clinic Letter\n"
                "Clinic date: 03/14/2025\n"
                "Seen with her GP's letter. Stable on paracetamol. Review 04/05/2025.\n"
            ),
        ),
        # A British emergency department dates its record by the attendance.
        (
            "2025-06-21",
            "Emergency Department\nAttendance date: 21/06/2025\nFall. Wrist fracture.\n",
        ),
        # A therapy session's date.
        ("2025-06-10", "Psychotherapy Note\nSession date: 06/10/2025\nCBT session 7.\n"),
        # A request's date dates its form.
        ("2025-10-30", "Transfer Request\nDate of request: 10/30/2025\nSubdural, accepted.\n"),
        # A scan's date in a later visit is the past test's, not the visit's.
        (
            None,
            (
                "Office Visit\n"
                "Date of scan: 03/03/2025 showed a stable nodule.\n"
                "Returns for follow-up of a lung nodule.\n"
            ),
        ),
        # A one-line record opening with its date.
        ("2025-05-05", "05/05/2025 clinic visit: BP 130/80, stable, continue lisinopril.\n"),
        # A range of dates is no record's date.
        (None, "03/20/2025 - 03/22/2025 stay for pneumonia, treated with antibiotics.\n"),
        # A patient's line opening with a birth date.
        (None, "03/04/1955  M  SMITH, JOHN\nOffice Visit\nStable.\n"),
        # A print stamp.
        (None, "03/20/2025 Printed by JDOE\nOffice Visit\nStable.\n"),
    ],
)
def test_a_record_of_these_shapes_gets_the_visit_date_a_clinician_reads(
    expected: str | None, text: str
) -> None:
    found = analyse(text).encounter_date
    assert (found.value if found else None) == (date.fromisoformat(expected) if expected else None)
