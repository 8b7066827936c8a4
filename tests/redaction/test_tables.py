"""Person tables whose cells wrap: every piece of every cell gets its column's category."""

from __future__ import annotations

import pymupdf
import pytest

from app.redaction import tables
from app.redaction.pdf_text import extract_pages
from app.redaction.types import Category

COLUMNS = (40.0, 70.0, 200.0, 270.0, 330.0)  # #, CO-ARRESTEE, D.O.B., AGE, ADDRESS
ROWS = [
    # Each row: cell lines per column; a second line continues the cell.
    (
        ["1"],
        ["ARACELI SOLIS", "VALDIVIA"],
        ["2/12/1987"],
        ["30"],
        ["2725 OAKTON ST, APT", "1, FRANKLIN PARK"],
    ),
    (["2"], ["NICOLAS ZUNIGA"], ["1/4/1985"], ["32"], ["4436 W. 16TH ST,", "CHICAGO, IL 60632"]),
]


def table_pdf(header: list[tuple[float, str]], wrapped_header: list[tuple[float, str]]) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = 100.0
    page.insert_text((40, y), "CO-ARRESTEES", fontsize=9, fontname="cour")
    y += 14
    for x, text in header:
        page.insert_text((x, y), text, fontsize=9, fontname="cour")
    for x, text in wrapped_header:
        page.insert_text((x, y + 11), text, fontsize=9, fontname="cour")
    y += 11 * (2 if wrapped_header else 1) + 3
    for row in ROWS:
        height = max(len(cell) for cell in row)
        for k in range(height):
            for x, cell in zip(COLUMNS, row, strict=True):
                if k < len(cell):
                    page.insert_text((x, y + 11 * k), cell[k], fontsize=9, fontname="cour")
        y += 11 * height + 3
    page.insert_text((40, y + 10), "NARRATIVE", fontsize=9, fontname="cour")
    data = doc.tobytes()
    doc.close()
    return bytes(data)


def pieces(pdf: bytes) -> dict[str, Category | str | None]:
    page = extract_pages(pymupdf.open(stream=pdf, filetype="pdf"))[0]
    out: dict[str, Category | str | None] = {}
    for p in tables.table_pieces(page):
        name = "PERSON" if p.spec.parse_names or p.spec.category is Category.PERSON else None
        out[page.text[p.start : p.end]] = p.spec.category or name
    return out


HEADER = [(40.0, "#"), (70.0, "CO-ARRESTEE"), (200.0, "D.O.B."), (270.0, "AGE"), (330.0, "ADDRESS")]


@pytest.mark.parametrize(
    ("header", "wrapped"),
    [
        (HEADER, []),
        # "AG" over "E": a header cell too narrow for its label.
        ([*HEADER[:3], (270.0, "AG"), (330.0, "ADDRESS")], [(270.0, "E")]),
    ],
)
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("ARACELI SOLIS", "PERSON"),
        ("VALDIVIA", "PERSON"),  # the name's second line
        ("2/12/1987", Category.DATE_OF_BIRTH),
        ("30", Category.AGE),
        ("2725 OAKTON ST, APT", Category.ADDRESS),
        ("1, FRANKLIN PARK", Category.ADDRESS),  # the address's second line
        ("NICOLAS ZUNIGA", "PERSON"),
        ("CHICAGO, IL 60632", Category.ADDRESS),
    ],
)
def test_wrapped_cells_take_their_column(
    header: list[tuple[float, str]],
    wrapped: list[tuple[float, str]],
    text: str,
    category: Category | str,
) -> None:
    found = pieces(table_pdf(header, wrapped))
    assert found.get(text) == category


def test_table_ends_at_the_next_section() -> None:
    found = pieces(table_pdf(HEADER, []))
    assert "NARRATIVE" not in found


def test_a_row_of_plain_words_is_no_header() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    for x, word in ((40, "THE"), (120, "ARRESTEE"), (220, "WAS"), (300, "RELEASED")):
        page.insert_text((x, 100), word, fontsize=9)
    pdf = bytes(doc.tobytes())
    assert pieces(pdf) == {}
