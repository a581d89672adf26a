"""Writes the sample notes the README and the container smoke test upload (made for Carechart).

    uv run --locked python docs/examples/make_examples.py

The notes are invented; no real patient is described. The PNG is a 'scanned' page for OCR.
"""

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).parent

VISIT_TXT = """\
Encounter Date: 2024-03-15
Lipid follow-up

S: Pt here for lipid f/u. Denies chest pain.
O: BP 128/82, HR 72
A: Hyperlipidemia
P: Start atorvastatin 20 mg PO QD. RTC 3 months.
"""

VISIT_PDF = """\
Date of Service: 04/02/2024
Hypertension follow-up

S: Home BP readings 130s/80s. No headaches, no dizziness.
O: BP 134/84, HR 70, Wt 82 kg
A: Essential hypertension, improving
P: Continue lisinopril 10 mg PO daily. Recheck BMP in 3 months.
"""

SCAN_LINES = (
    "Encounter Date: 2024-05-10",
    "Metoprolol tartrate 25 mg twice daily",
    "Patient denies dyspnea",
    "Follow-up in two weeks",
)


def write_pdf(path: Path) -> None:
    pdf = FPDF()
    pdf.set_creation_date(datetime(2024, 4, 2, tzinfo=UTC))  # the same bytes on every run
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 7, VISIT_PDF)
    path.write_bytes(bytes(pdf.output()))


def write_scan(path: Path) -> None:
    font = ImageFont.load_default(size=40)
    image = Image.new("L", (1100, 80 + 70 * len(SCAN_LINES)), 255)
    ImageDraw.Draw(image).multiline_text(
        (40, 40), "\n".join(SCAN_LINES), font=font, fill=0, spacing=26
    )
    image.convert("1").save(path, "PNG", optimize=True)


def main() -> None:
    (HERE / "visit.txt").write_text(VISIT_TXT, encoding="utf-8")
    write_pdf(HERE / "visit.pdf")
    write_scan(HERE / "scan.png")


if __name__ == "__main__":
    main()
