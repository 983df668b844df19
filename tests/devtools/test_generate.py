import io

import docx
import pypdf
import pytest

from devtools.generate import docx_bytes, pdf_bytes, xlsx_bytes
from dokumente.extraction import extract_and_save
from dokumente.services import files_atomic
from tests.dokumente.conftest import make_upload

PARAGRAPHS = [
    "Der Glücksspielstaatsvertrag regelt den Betrieb von Spielhallen.",
    "Die Stadt Hagen beteiligt die Lebensmittelüberwachung an Kontrollen von Shisha-Bars; Maßnahmen folgen.",
]


def read_pdf(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data), strict=True)


def test_pdf_text_with_umlauts_is_extractable():
    reader = read_pdf(pdf_bytes("Prüfbericht „Spielhallen“", PARAGRAPHS))

    text = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")

    assert "Prüfbericht „Spielhallen“" in text
    assert "Glücksspielstaatsvertrag" in text
    assert "Lebensmittelüberwachung" in text
    assert "Maßnahmen" in text


def test_pdf_metadata_title():
    assert read_pdf(pdf_bytes("Übersicht Ärztekammer", [])).metadata.title == "Übersicht Ärztekammer"


def test_long_pdf_wraps_and_spans_pages():
    paragraphs = [
        f"Absatz {number}: " + "Öffentliche Sicherheit und Ordnung im Ruhrgebiet. " * 12 for number in range(40)
    ]

    reader = read_pdf(pdf_bytes("Langer Bericht", paragraphs))

    assert len(reader.pages) > 1
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Absatz 0:" in text
    assert "Absatz 39:" in text


def test_pdf_escapes_parentheses_and_backslashes():
    reader = read_pdf(pdf_bytes("Titel (Entwurf)", [r"Pfad C:\Daten (alt)"]))

    text = reader.pages[0].extract_text()

    assert "Titel (Entwurf)" in text
    assert r"C:\Daten (alt)" in text


def test_docx_paragraphs_and_table():
    data = docx_bytes("Muster Anhörung", PARAGRAPHS, [["Frist", "Maßnahme"], ["14 Tage", "Schließung prüfen"]])

    document = docx.Document(io.BytesIO(data))

    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == "Muster Anhörung"
    assert PARAGRAPHS[0] in texts
    cells = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert cells == [["Frist", "Maßnahme"], ["14 Tage", "Schließung prüfen"]]
    assert document.core_properties.title == "Muster Anhörung"


def test_docx_without_table():
    assert docx.Document(io.BytesIO(docx_bytes("Kurz", ["Text"]))).tables == []


@pytest.mark.django_db
def test_xlsx_passes_the_upload_checks_and_its_text_is_read():  # media: the suite's own per test
    rows = [["Betrieb", "Prüfpunkt", "Ergebnis"], ["Shisha-Bar „Orient“", "CO-Messung", "12 ppm – unauffällig"]]
    data = xlsx_bytes("Kontrollprotokoll: Shisha/Bars [2024]", rows)

    with files_atomic() as files:
        stored = files.store(make_upload("Kontrollprotokoll.xlsx", data), user=None)
    assert stored.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    text = extract_and_save(stored.pk).text
    assert text.split("\n") == [
        "Kontrollprotokoll ShishaBars 20",  # sheet name: no [ ] : * ? / \\, at most 31 characters
        "Betrieb",
        "Prüfpunkt",
        "Ergebnis",
        "Shisha-Bar „Orient“",
        "CO-Messung",
        "12 ppm – unauffällig",
    ]
