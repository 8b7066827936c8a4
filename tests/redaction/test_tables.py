"""Person tables whose cells wrap: every piece of every cell gets its column's category."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import pymupdf
import pytest

from app.redaction import tables
from app.redaction.pdf_text import extract_pages
from app.redaction.types import Category, Rect, Role
from tests.pdfs import make_placed_pdf

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


def pieces(pdf: bytes, *, ocr: bool = False, pad: float = 0.0) -> dict[str, Category | str | None]:
    page = extract_pages(pymupdf.open(stream=pdf, filetype="pdf"))[0]
    if ocr or pad:  # read as a scan's words would be
        words = tuple(
            dataclasses.replace(
                w, rect=Rect(w.rect.x0 - pad, w.rect.y0, w.rect.x1 + pad, w.rect.y1)
            )
            for w in page.words
        )
        page = dataclasses.replace(page, ocr=True, words=words)
    out: dict[str, Category | str | None] = {}
    for p in tables.table_pieces(page):
        name = "PERSON" if p.spec.parse_names or p.spec.category is Category.PERSON else None
        out[page.text[p.start : p.end]] = p.spec.category or name
    return out


def labelled_values(
    rows: Sequence[tuple[float, float, str] | tuple[float, float, str, float]],
    *,
    ocr: bool = False,
    tilt: float = 0.0,
) -> dict[str, Category | None]:
    """The values form_labels reads on a page of placed texts, by text; with
    `ocr`, the page is taken for a scan's (its words OCR's), its words risen by
    `tilt` degrees from the left margin as a tilted scan's are."""
    from app.redaction import form_labels

    page = extract_pages(pymupdf.open(stream=make_placed_pdf(rows), filetype="pdf"))[0]
    rise = math.tan(math.radians(tilt))

    def risen(r: Rect) -> Rect:
        dy = (r.x0 - 40.0) * rise
        return Rect(r.x0, r.y0 - dy, r.x1, r.y1 - dy)

    words = tuple(
        dataclasses.replace(w, rect=risen(w.rect), char_rects=tuple(map(risen, w.char_rects)))
        for w in page.words
    )
    page = dataclasses.replace(page, ocr=ocr, words=words)
    return {
        page.text[v.start : v.end]: v.spec.category for v in form_labels.find_labelled_values(page)
    }


HEADER = [(40.0, "#"), (70.0, "CO-ARRESTEE"), (200.0, "D.O.B."), (270.0, "AGE"), (330.0, "ADDRESS")]


@pytest.mark.parametrize(
    ("header", "wrapped"),
    [
        (HEADER, []),
        # "AG" over "E": a header cell too narrow for its label.
        ([*HEADER[:3], (270.0, "AG"), (330.0, "ADDRESS")], [(270.0, "E")]),
        # "NAME (LAST," over "FIRST)": the label's qualifier is no column of its own
        # (it used to cut "ARACELI SOLIS" in two at the parenthesis).
        (
            [(40.0, "#"), (70.0, "NAME"), (100.0, "(LAST,"), *HEADER[2:]],
            [(70.0, "FIRST)")],
        ),
        # The qualifier ends where the next column's label starts: "BIRTH" over "DATE".
        (
            [(40.0, "#"), (70.0, "NAME"), (100.0, "(LAST,"), (200.0, "BIRTH"), *HEADER[3:]],
            [(70.0, "FIRST)"), (200.0, "DATE")],
        ),
        # ... or where a label of two words starts on the same line: "BIRTH DATE".
        (
            [
                (40.0, "#"),
                (70.0, "NAME"),
                (100.0, "(LAST,"),
                (200.0, "BIRTH"),
                (228.0, "DATE"),
                *HEADER[3:],
            ],
            [(70.0, "FIRST)")],
        ),
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


def test_pieces_of_a_wrapped_cell_are_fragments() -> None:
    page = extract_pages(pymupdf.open(stream=table_pdf(HEADER, []), filetype="pdf"))[0]
    found = {page.text[p.start : p.end]: p.fragment for p in tables.table_pieces(page)}
    # A cell on two lines is in two fragments; a cell on one line is a value.
    assert found["2725 OAKTON ST, APT"] and found["1, FRANKLIN PARK"]
    assert not found["2/12/1987"] and not found["NICOLAS ZUNIGA"]


@pytest.mark.parametrize(
    ("rows", "wrapped", "next_value"),
    [
        (
            # The value wraps under itself; the next row is further down.
            [
                (40, 100, "NAME (LAST, FIRST)"),
                (170, 100, "HUAMAN-COLMENARES, ORLANDO"),
                (170, 110, "YONAIKER"),
                (40, 126, "DATE OF BIRTH"),
                (170, 126, "31 Aug 2000"),
            ],
            "YONAIKER",
            "31 Aug 2000",
        ),
        (
            # Label and value both wrap ("NAME (LAST," / "FIRST)").
            [
                (40, 100, "NAME (LAST,"),
                (130, 100, "PAPADOPOULOS, Mark"),
                (40, 110, "FIRST)"),
                (130, 110, "Anthony"),
                (40, 126, "PHONE"),
                (130, 126, "312-555-0134"),
            ],
            "Anthony",
            "312-555-0134",
        ),
        (
            # A value left open at its line's end goes on, even with a word that
            # is also a label ("STAR", a star number's).
            [
                (40, 100, "S/M/T"),
                (130, 100, "TAT R ARM - ROSE ; TATTOO CHEST -"),
                (130, 110, "STAR"),
                (40, 126, "PHONE"),
                (130, 126, "312-555-0134"),
            ],
            "STAR",
            "312-555-0134",
        ),
        (
            # Labels in smaller type than the values: "NICKNAME" (the label's
            # second line) sits a little higher than the e-mail's second line.
            [
                (218, 268, "E-MAIL", 6.5),
                (283, 270, "sp.alexopoulos93@"),
                (38, 268, "ALIAS /", 6.5),
                (103, 270, "Bebo"),
                (38, 279.5, "NICKNAME", 6.5),
                (283, 283, "yahoo.com"),
                (38, 296, "PHONE", 6.5),
                (103, 298, "331/619-3637"),
            ],
            "yahoo.com",
            "331/619-3637",
        ),
        (
            # An inline value wraps under its label, indented.
            [
                (51, 100, "PLACE OF EMPLOYMENT: Sabor Latino"),
                (310, 100, "AKA: Shorty"),
                (61, 110, "Supermercado"),
                (51, 122, "S/M/T: TAT L NECK - STAR"),
            ],
            "Supermercado",
            "TAT L NECK - STAR",
        ),
    ],
)
def test_a_value_cell_wraps_onto_the_next_line(
    rows: list[tuple[float, float, str] | tuple[float, float, str, float]],
    wrapped: str,
    next_value: str,
) -> None:

    values = labelled_values(rows)
    category = values[wrapped]
    assert category is not None
    first_line = [v for v in values if v in " ".join(str(row[2]) for row in rows[:2])]
    # The first line of the value is found with the same label.
    assert [values[v] for v in first_line].count(category) == 1
    # The next row's value stays its own label's.
    assert values[next_value] is not category


@pytest.mark.parametrize(
    "prose",
    [
        # Indented under the value, as an inline value's second line would be.
        (73, 112, "MR. MULCAHY STATED THAT HE WORKS AS A WELDER FOR AMBASSADOR HOTEL"),
        (73, 112, "MR. MULCAHY STATED THAT HE"),  # ... ending under the next cell
    ],
)
def test_a_line_running_under_the_next_cell_is_no_wrapped_value(
    prose: tuple[float, float, str],
) -> None:
    # A page's running head, the rule under it lost on a scan: the prose below
    # runs on under the head's next cell, so it is no line of the case number.
    values = labelled_values([(40, 100, "CASE NO - 22-926145"), (178, 100, "(CONT'D)"), prose])
    assert values == {"22-926145": Category.RD_NUMBER}


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("ADDRESS OF OCCURRENCE:", Category.ARREST_LOCATION),  # joined from two lines
        ("CHARGE(S)", Category.CHARGE),
        ("D.O.B.", Category.DATE_OF_BIRTH),
        ("Works At", Category.EMPLOYER),
        ("LOC:", Category.ARREST_LOCATION),
        ("EMPLOYED BY", Category.EMPLOYER),
        ("RES. ADDR", Category.ADDRESS),
        ("TVDL#/STATE", Category.DRIVERS_LICENSE),  # the issuing state shares the label
        ("DL NO./STATE", Category.DRIVERS_LICENSE),
        ("D/L # / STATE", Category.DRIVERS_LICENSE),
        ("CEL:", Category.PHONE),
    ],
)
def test_spec_for_a_label_as_printed(label: str, category: Category) -> None:
    from app.redaction import form_labels

    assert form_labels.spec_for(label).category is category


def test_a_header_label_wrapped_into_two_words() -> None:
    # "BOOKIN" over "G #": the wrapped rest of the label is two words of one line.
    header = [*HEADER[:2], (200.0, "BOOKIN"), *HEADER[3:]]
    found = pieces(table_pdf(header, [(200.0, "G"), (210.0, "#")]))
    assert found.get("2/12/1987") is Category.CB_NUMBER  # the third column's value
    assert found.get("ARACELI SOLIS") == "PERSON"


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        ("VICTIM", Role.VICTIM),
        ("W2", Role.WITNESS),
        ("SISTER", Role.RELATIVE),
        ("BROTHER-IN-LAW", Role.RELATIVE),
        ("BROTHER-IN-", Role.RELATIVE),  # the cell wrapped before "LAW"
        ("MOTHER-", Role.RELATIVE),
        ("ASSISTING", Role.OFFICER),
        ("CO-ARRESTEE", Role.CO_ARRESTEE),
        ("WITNESS.", Role.WITNESS),  # a scan's speck read as a stop after it
        ("V1,", Role.VICTIM),
        ("OT", None),
        ("CHICAGO", None),
    ],
)
def test_row_role_of_a_type_cell(cell: str, role: Role | None) -> None:
    from app.redaction import form_labels

    assert form_labels.row_role_of(cell) is role


def test_prose_in_capitals_is_no_header() -> None:
    # Label words in a sentence ("NAME", "ARRESTEE", "NO", "DOB") are no columns:
    # read as one, the narrative's next lines became cells ("OF 9020" a name).
    doc = pymupdf.open()
    page = doc.new_page()
    lines = [
        "A NAME CHECK ON THE ARRESTEE DOB AGE AND ADDRESS REVEALED NO WARRANTS. THE",
        "ARRESTEE'S COUSIN, ROWENA BAUTISTA, OF 9020 S. OAKLEY AVE, WAS NOTIFIED.",
    ]
    for k, line in enumerate(lines):
        page.insert_text((40, 100 + 12 * k), line, fontsize=9, fontname="cour")
    pdf = bytes(doc.tobytes())
    assert pieces(pdf) == {}


def test_a_label_word_wrapped_in_a_later_column_does_not_end_the_table() -> None:
    # "TAT L HAND - CHICAGO" over "STAR": STAR is a label's word too (a star
    # number), but in the marks column it is the rest of a value.
    rows = [
        (40.0, 100.0, "CO-ARRESTEES"),
        *[(x, 114.0, t) for x, t in ((40.0, "#"), (70.0, "NAME"), (200.0, "DOB"), (300.0, "SMT"))],
        *[(x, 128.0, t) for x, t in ((40.0, "1"), (70.0, "LIU, ZHI"), (200.0, "03-17-1988"))],
        (300.0, 128.0, "TAT L HAND -"),
        (300.0, 139.0, "CHICAGO"),
        (300.0, 150.0, "STAR"),
        *[(x, 164.0, t) for x, t in ((40.0, "2"), (70.0, "DOE, JANE"), (200.0, "01-01-1990"))],
    ]
    assert pieces(make_placed_pdf(rows)).get("DOE, JANE") == "PERSON"


@pytest.mark.parametrize("unknown_label", ["TVDL#/STATE", "PAWN TICKET #"])
def test_a_boxed_forms_next_row_of_labels_ends_the_person_row(unknown_label: str) -> None:
    # "ARRESTEE NAME | A.K.A. | SEX | RACE" reads like a person table's header;
    # the next row of labels (one of them not a label we know) is the grid going
    # on, and the values under it are no record: read as one, they were a name.
    labels = ((40.0, "ARRESTEE NAME"), (270.0, "A.K.A."), (430.0, "SEX"), (470.0, "RACE"))
    rows = [
        *[(x, 88.0, t) for x, t in labels],
        *[(x, 100.0, t) for x, t in ((40.0, "BUSTOS, HECTOR"), (270.0, "Flaco"), (430.0, "M"))],
        *[(x, 112.0, t) for x, t in ((40.0, "IR NO."), (135.0, "CB #"), (230.0, unknown_label))],
        *[(x, 112.0, t) for x, t in ((380.0, "FBI #"), (470.0, "SID #"))],
        *[(x, 124.0, t) for x, t in ((40.0, "7512429"), (135.0, "99570647"), (230.0, "X123"))],
    ]
    found = pieces(make_placed_pdf(rows))
    assert found.get("BUSTOS, HECTOR") == "PERSON"
    assert not [text for text in found if "7512429" in text]


@pytest.mark.parametrize("ocr", [False, True])
def test_a_scans_next_row_of_labels_read_garbled_ends_the_person_row(ocr: bool) -> None:
    # "SOC. SEC. # | FBI# | TVDL#/STATE | SID #" read with the slash as an I and a
    # speck beside the row ("Re"): three labels of five cells. On a scan that is
    # the grid going on; on a text page the words are as printed, and two cells
    # that are no label make it a row of values.
    labels = ((40.0, "ARRESTEE NAME"), (360.0, "SEX"), (415.0, "RACE"))
    garbled = ((40.0, "SOC. SEC. #"), (135.0, "FBI#"), (220.0, "TVDL#ISTATE"))
    rows = [
        *[(x, 88.0, t) for x, t in labels],
        *[(x, 100.0, t) for x, t in ((40.0, "SINGH, Harpreet"), (360.0, "M"))],
        *[(x, 112.0, t) for x, t in (*garbled, (376.0, "SID #"), (478.0, "Re"))],
        *[(x, 124.0, t) for x, t in ((132.0, "NONE"), (226.0, "$67667919828/IL"))],
    ]
    found = pieces(make_placed_pdf(rows), ocr=ocr)
    assert found.get("SINGH, Harpreet") == "PERSON"
    assert bool([text for text in found if "67667919828" in text]) is not ocr


@pytest.mark.parametrize("degrees", [0.0, 2.0, -2.0])
def test_a_tilted_scans_rows_keep_their_columns(degrees: float) -> None:
    # At 2 degrees the name column's left edge moves 4.6 pt left over 130 pt of
    # rows: the last co-arrestee's name fell into the index column under "#". On
    # a scan the tilt its lines show is taken out before the columns are read.
    header = ((56.0, "#"), (74.0, "NAME"), (224.0, "DOB"), (300.0, "ADDRESS"), (512.0, "CB #"))
    rows = [(x, 100.0, t) for x, t in header]
    names = ["KROL, KRZYSZTOF", "OLSZEWSKI, D", "NOWAK, ADAM", "LIS, EWA", "BAK, OLGA"]
    for k, name in enumerate([*names, "GORECKI,"]):
        y = 120.0 + 20.0 * k
        rows += [(52.0, y, str(k + 1)), (74.0, y, name), (224.0, y, f"5/{k + 1}/1981")]
        rows += [(300.0, y, "3713 W. CERMAK RD"), (512.0, y, f"6087614{k}")]
    rows += [(74.0, 231.0, "MALGORZATA")]
    page = extract_pages(pymupdf.open(stream=make_placed_pdf(rows), filetype="pdf"))[0]
    tilt = math.tan(math.radians(degrees))

    def turned(r: Rect) -> Rect:
        # Turned about (40, 100): lines fall to the right, columns lean left (or
        # the other way).
        dx, dy = -(r.y0 - 100.0) * tilt, (r.x0 - 40.0) * tilt
        return Rect(r.x0 + dx, r.y0 + dy, r.x1 + dx, r.y1 + dy)

    words = tuple(
        dataclasses.replace(w, rect=turned(w.rect), char_rects=tuple(map(turned, w.char_rects)))
        for w in page.words
    )
    scan = dataclasses.replace(page, ocr=True, words=words)
    found = {scan.text[p.start : p.end]: p.spec.category for p in tables.table_pieces(scan)}
    persons = {t for t, c in found.items() if c is Category.PERSON}
    assert persons == {*names, "GORECKI,", "MALGORZATA"}


def test_a_scans_header_read_with_its_wrapped_letters_lost() -> None:
    # "NO | CO-ARRESTEE | BIRTH DATE | SCARS/MARKS/ TATTOOS | BOOKING #" wrapped
    # in narrow cells, read on a scan as "No", "CO-ARRESTE" over "AGE" (the
    # wrapped "E" read with a speck beside it), "SCARS/MARKS" over "TATTOOS": the
    # header still, its second line no row, the co-arrestee under it a row.
    header = ((71.0, "No"), (92.0, "CO-ARRESTE"), (161.0, "BIRTH"), (269.0, "ADDRESS"))
    header += ((415.0, "SCARS/MARKS"), (490.0, "BOOKING"))
    wrapped = ((67.0, "AGE"), (161.0, "DATE"), (415.0, "TATTOOS"), (492.0, "#"))
    row = ((71.0, "1"), (92.0, "ZAVALA,"), (161.0, "06/24/1995"), (269.0, "2895 N. Cicero Ave"))
    row += ((415.0, "TATTOO R"), (490.0, "24019489"))
    rows = [
        *[(x, 100.0, t) for x, t in header],
        *[(x, 111.0, t) for x, t in wrapped],
        *[(x, 126.0, t) for x, t in row],
    ]
    found = pieces(make_placed_pdf(rows), ocr=True)
    assert found["ZAVALA,"] == "PERSON"
    assert found["06/24/1995"] is Category.DATE_OF_BIRTH
    assert found["TATTOO R"] is Category.PHYSICAL_MARKS
    assert found["24019489"] is Category.CB_NUMBER
    assert "AGE" not in found


def test_a_scans_type_cell_read_with_a_colon_still_starts_its_row() -> None:
    # "WITNESS" with a speck after it read as a colon: on a scan a type cell that
    # opens a line of cells is the row's, so the name wrapped under the row's
    # name cell ("FONSECA-DESPAIGNE," over "Odalys") is the witness's.
    header = ((40.0, "TYPE"), (95.0, "NAME"), (225.0, "DOB"), (291.0, "ADDRESS"))
    row = ((40.0, "WITNESS:"), (95.0, "FONSECA-DESPAIGNE,"), (225.0, "12/3/1974"))
    rows = [
        *[(x, 88.0, t) for x, t in header],
        *[(x, 100.0, t) for x, t in (*row, (291.0, "2558 W Foster Ave"))],
        (95.0, 110.0, "Odalys"),
    ]
    pdf = make_placed_pdf(rows)
    page = extract_pages(pymupdf.open(stream=pdf, filetype="pdf"))[0]
    scan = dataclasses.replace(page, ocr=True)
    roles = {scan.text[p.start : p.end]: p.row_role for p in tables.table_pieces(scan)}
    assert roles["FONSECA-DESPAIGNE,"] is Role.WITNESS
    assert roles["Odalys"] is Role.WITNESS
    # On a text page the colon is printed: a label and its value, no table row.
    assert "Odalys" not in {page.text[p.start : p.end] for p in tables.table_pieces(page)}


@pytest.mark.parametrize(
    ("line", "value", "category"),
    [
        # "RD #1R" after a house number and a street is the road and its unit.
        (
            "RES: 2164 W ROOSEVELT RD #1R, CHICAGO, IL 60640",
            "2164 W ROOSEVELT RD #1R, CHICAGO, IL 60640",
            Category.ADDRESS,
        ),
        ("ADDR: 88 N. Archer Rd #2, Chicago", "88 N. Archer Rd #2, Chicago", Category.ADDRESS),
        # Elsewhere "RD #" is the report number's label.
        ("CB# 50612429 RD # JA-123456", "JA-123456", Category.RD_NUMBER),
    ],
)
def test_an_inline_label_ends_a_value_unless_it_is_part_of_it(
    line: str, value: str, category: Category
) -> None:
    from app.redaction import form_labels

    page = extract_pages(pymupdf.open(stream=make_placed_pdf([(40, 100, line)]), filetype="pdf"))[0]
    values = {
        page.text[v.start : v.end]: v.spec.category for v in form_labels.find_labelled_values(page)
    }
    assert values.get(value) is category


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("FAMILY CONTACT", Role.RELATIVE),
        ("FAMILY NOTIFICATION", Role.RELATIVE),
        ("CIVILIAN WITNESSES", Role.WITNESS),
        ("INDEPENDENT WITNESS", Role.WITNESS),
        ("CO-ARRESTEES", Role.CO_ARRESTEE),
        # A scan's space before a plural's parentheses.
        ("WITNESS (ES)", Role.WITNESS),
        ("VICTIM (S)", Role.VICTIM),
        ("PHONE (S)", False),
        # ... or its S read twice, or its bracket closed by a brace.
        ("VICTIM(SS)", Role.VICTIM),
        ("VICTIM(S}", Role.VICTIM),
        ("WITNESS(ES]", Role.WITNESS),
        # ... or not closed at all at the cell's end, two headings parted into cells.
        ("VICTIM(S", Role.VICTIM),
        ("VICTIM(S\tWITNESS (ES", Role.UNKNOWN),
        ("VICTIM(S)\tWITNESS(ES)", Role.UNKNOWN),
        ("PHONE(S", False),
        ("NARRATIVE", None),
        ("MISSING R INDEX FINGER", False),  # a value in capitals, no header
        # A speck read as a full stop after a heading of a word or two; a sentence's.
        ("SYNOPSIS.", None),
        ("CO-ARRESTEES.", Role.CO_ARRESTEE),
        ("NARRATIVE,", None),  # ... or a comma
        ("CHICAGO, IL", False),
        ("HE WAS TAKEN TO LOCKUP.", False),
        # A block's number, and its 1 read as a small i or l.
        ("VICTIM 1", Role.VICTIM),
        ("VICTIM i", Role.VICTIM),
        ("OFFENDER / ARRESTEE l", Role.ARRESTEE),
        ("WITNESS #2", Role.WITNESS),
        ("VICTIMi", False),
        ("SOME TEXT i", False),
    ],
)
def test_section_role_of_a_heading(line: str, role: Role | bool | None) -> None:
    from app.redaction import form_labels

    assert form_labels.section_role(line) == role


@pytest.mark.parametrize("ocr", [False, True])
def test_a_scans_wrapped_cell_whose_lines_start_a_few_points_apart(ocr: bool) -> None:
    # OCR's boxes start at the ink: the lines of one cell start up to a few
    # points apart ("Nezahualcóyotl," 3 pt left of "Ciudad", "Estado" 6 pt right
    # of the line above it). On a text page, lines so far apart are other cells.
    rows = [
        (31.6, 302, "PLACE OF BIRTH", 6.5),
        (95.9, 302, "Ciudad"),
        (213.0, 302, "CITIZENSHIP", 6.5),
        (279.5, 302, "MEXICO"),
        (92.9, 313, "Nezahualcóyotl,"),
        (98.7, 324, "Estado de México,"),
        (95.5, 335, "Mexico"),
        (31.6, 352, "SID NO.", 6.5),
        (99.0, 352, "24822088"),
    ]
    values = labelled_values(rows, ocr=ocr)
    found = {text for text, category in values.items() if category is Category.PLACE_OF_BIRTH}
    wrapped = {"Nezahualcóyotl", "Estado de México", "Mexico"}
    assert found == ({"Ciudad"} | wrapped if ocr else {"Ciudad"})


@pytest.mark.parametrize("ocr", [False, True])
def test_a_scans_wrapped_name_beside_its_labels_second_line_a_few_points_off(ocr: bool) -> None:
    # "NAME (LAST," over "FIRST)", their ink 3 pt apart on a scan, the name
    # wrapping beside them ("CERVANTES-RANGEL," over "ELEAZAR"): the label's own
    # second line, so the name goes on. On a text page lines 3 pt apart are
    # other cells, and the row's second line is the next row.
    rows = [
        (35.0, 100, "NAME (LAST,", 6.5),
        (95.0, 100, "CERVANTES-RANGEL,"),
        (207.8, 100, "SEX/RACE", 6.5),
        (271.2, 100, "M/ WHITE HISPANIC"),
        (32.0, 110, "FIRST)", 6.5),
        (95.0, 110, "ELEAZAR"),
    ]
    values = labelled_values(rows, ocr=ocr, tilt=-1.4)
    found = {text for text, category in values.items() if category is Category.PERSON}
    assert found == ({"CERVANTES-RANGEL", "ELEAZAR"} if ocr else {"CERVANTES-RANGEL"})


@pytest.mark.parametrize(
    ("rows", "on_a_scan"),
    [
        # A speck inside a typed value read as a column gap: the rest of the
        # value stands alone before the row's next label, or ends the row.
        (
            [(40, 100, "POB: CICERO, E"), (140, 100, "IL"), (200, 100, "CIT: United States")],
            "CICERO, E\tIL",
        ),
        ([(40, 100, "POB: CICERO, E"), (140, 100, "IL")], "CICERO, E\tIL"),
        # Not before a cell with no label, nor a cell with a digit, nor a label.
        (
            [(40, 100, "POB: CICERO, E"), (140, 100, "IL"), (200, 100, "United States")],
            "CICERO, E",
        ),
        (
            [(40, 100, "POB: CICERO, E"), (140, 100, "IL 60804"), (200, 100, "CIT: Mexico")],
            "CICERO, E",
        ),
        ([(40, 100, "POB: CICERO, E"), (140, 100, "SEX"), (200, 100, "M")], "CICERO, E"),
        ([(40, 100, "POB: CICERO, E"), (140, 100, "-CLIZ: U.S.")], "CICERO, E"),
    ],
)
def test_a_scans_typed_value_parted_by_a_speck_read_as_a_gap(
    rows: list[tuple[float, float, str]], on_a_scan: str
) -> None:
    def birthplace(ocr: bool) -> list[str]:
        values = labelled_values(rows, ocr=ocr)
        return [text for text, category in values.items() if category is Category.PLACE_OF_BIRTH]

    assert birthplace(True) == [on_a_scan]
    # On a text page a gap is printed: the cells are apart.
    assert birthplace(False) == ["CICERO, E"]


def test_a_scans_wrapped_e_mail_whose_second_line_starts_at_a_thin_letter() -> None:
    # "miroslaw.dabrowski75@" over "icloud.com": the "i" stands 4 pt right of
    # the "m" at their ink.
    rows = [
        (214.3, 388, "E-MAIL", 6.5),
        (278.7, 387, "miroslaw.dabrowski75@"),
        (282.7, 397, "icloud.com"),
    ]
    assert labelled_values(rows, ocr=True) == {
        "miroslaw.dabrowski75@": Category.EMAIL,
        "icloud.com": Category.EMAIL,
    }


@pytest.mark.parametrize("ocr", [False, True])
def test_a_scans_wrapped_line_may_reach_a_little_past_the_next_cell(ocr: bool) -> None:
    # A tilted scan's line box of "Estado de México), Mexico" reaches 4 pt past
    # where "LANGUAGE" starts above it: still the birthplace's second line. On a
    # text page a cell's lines stay inside its column.
    rows = [
        (213.5, 352, "PLACE OF BIRTH", 6.5),
        (277.8, 352, "Ciudad Nezahualcóyotl"),
        (382.0, 352, "LANGUAGE", 6.5),
        (440.0, 352, "Nahuatl"),
        (278.3, 362, "Estado de México), Mexico"),
    ]
    values = labelled_values(rows, ocr=ocr)
    found = {text for text, category in values.items() if category is Category.PLACE_OF_BIRTH}
    wrapped = {"Estado de México), Mexico"} if ocr else set()
    assert found == {"Ciudad Nezahualcóyotl"} | wrapped


@pytest.mark.parametrize(
    ("first_line", "second_x"),
    [
        ("ADDRESS OF", 401.7),
        ("ADDRESS OF.", 401.7),
        # A speck left of the second line read into its box: its edge 4.9 pt left.
        ("ADDRESS OF", 400.1),
    ],
)
def test_a_scans_label_over_two_lines_a_few_points_apart(first_line: str, second_x: float) -> None:
    # "ADDRESS OF" over "OCCURRENCE", 3.3 pt apart at their ink, a speck after
    # the first line: where it happened, not where someone lives.
    rows = [
        (405.0, 117, first_line),
        (490.0, 118, "6498 W. 47th St"),
        (second_x, 127, "OCCURRENCE"),
    ]
    assert labelled_values(rows, ocr=True) == {"6498 W. 47th St": Category.ARREST_LOCATION}


@pytest.mark.parametrize("second_line", ["NICKNAME", "NICKNAME.", "NICKNAME:"])
def test_a_label_over_two_lines_with_a_mark_after_it(second_line: str) -> None:
    # "ALIAS /" over "NICKNAME." (a scan's speck read as a full stop): one label,
    # whose value is the cell right of it; it once raised inside spec_for.
    values = labelled_values(
        [(38, 268, "ALIAS /", 6.5), (103, 270, "Bebo"), (38, 279.5, second_line, 6.5)]
    )
    assert values == {"Bebo": Category.ALIAS}


@pytest.mark.parametrize("pad", [0.0, 3.0])
@pytest.mark.parametrize("heading", ["", "CONTACTS OF NOTE"])
def test_a_line_of_prose_ends_the_table(heading: str, pad: float) -> None:
    # Whatever heading there is (or none), prose running across the columns is no
    # row: read as one, its phone became a "marks" cell of the last co-arrestee.
    rows = [
        (40.0, 100.0, "CO-ARRESTEES"),
        *[(x, 114.0, t) for x, t in ((40.0, "#"), (70.0, "NAME"), (200.0, "DOB"), (300.0, "SMT"))],
        *[(x, 128.0, t) for x, t in ((40.0, "1"), (70.0, "ZHOU, MING"), (200.0, "7/4/1997"))],
        *([(40.0, 142.0, heading)] if heading else []),
        (
            40.0,
            156.0,
            "R/D spoke with the arrestee's cousin, Min Kang, by telephone at 773-903-0192.",
        ),
    ]
    # OCR's word boxes reach past their ink (`pad`): a scan's words of one line
    # touch or overlap, and that is no column break either.
    found = pieces(make_placed_pdf(rows), pad=pad)
    assert found.get("ZHOU, MING") == "PERSON"
    assert not [text for text in found if "phone" in text or "773" in text]


@pytest.mark.parametrize("shift", [0.0, 3.3, -2.5])
def test_a_typed_row_whose_cells_touch_is_no_prose(shift: float) -> None:
    # A typewriter-style row has no wide gaps between its cells, like prose; its
    # cells start where the header's columns start, which prose does not. On a
    # scan, the tilt moves a row lines below the header sideways, every cell alike.
    def width(text: str) -> float:
        return float(pymupdf.get_text_length(text, fontname="helv", fontsize=9))

    cells = ["2", "UGARTE-SANDHU,", "1974-09-22", "M/API", "156 S. AUSTIN BLVD, APT", "52848457"]
    xs = [40.0]
    for cell in cells[:-1]:
        xs.append(xs[-1] + width(cell) + 3.0)  # one narrow gap, as a typed row has
    header = ["#", "NAME", "DOB", "SEX", "ADDRESS", "CB #"]
    rows = [
        (40.0, 100.0, "CO-ARRESTEES"),
        *[(x, 114.0, t) for x, t in zip(xs, header, strict=True)],
        *[
            (x, 128.0, t)
            for x, t in zip(
                xs, ["1", "PIERRE, RICOT", "1983-06-14", "M/BWH", "UNK", "19870835"], strict=True
            )
        ],
        *[(x + shift, 142.0, t) for x, t in zip(xs, cells, strict=True)],
    ]
    found = pieces(make_placed_pdf(rows))
    assert found.get("UGARTE-SANDHU,") == "PERSON"
    assert found.get("52848457") is Category.CB_NUMBER


@pytest.mark.parametrize(
    ("text", "open_"),
    [
        ("TATTOO CHEST -", True),
        ("1499 N. Karlov Ave, Apt 2F,", True),
        ("TAT L HAND - FLAG OF", True),
        ("TAT NECK - SCRIPT 'NO", True),
        ("O'BRIEN, JOHN", False),  # an apostrophe, no open quote
        ("TAT L ARM - ROSE", False),
        ("SCRIPT 'MOM'", False),
        ("GARCIA-LOPEZ", False),  # a hyphen inside a name, not a dash
    ],
)
def test_a_value_that_ends_open(text: str, open_: bool) -> None:
    from app.redaction import form_labels

    assert form_labels.ends_open(text) is open_


def test_a_typed_header_without_column_breaks() -> None:
    # A typewriter header whose narrow cells wrap ("CO-ARRES" over "TEE", "ALIA"
    # over "S", "A" over "G" over "E") and stand one space apart: no column break,
    # yet every word is a label or the start of one.
    def width(text: str) -> float:
        return float(pymupdf.get_text_length(text, fontname="helv", fontsize=9))

    header = ["#", "CO-ARRES", "ALIA", "D.O.B", "A", "ADDRESS"]
    first_row = ["1", "GALLEGOS,", "OSO", "04-09-", "18", "7752 RIVER RD"]
    xs = [40.0]
    for cell, value in zip(header[:-1], first_row, strict=False):
        xs.append(xs[-1] + max(width(cell), width(value)) + 4.0)  # one space apart
    x = dict(zip(header, xs, strict=True))
    rows = [
        (40.0, 100.0, "CO-ARRESTEES"),
        *[(x[h], 114.0, h) for h in header],
        (x["CO-ARRES"], 124.0, "TEE"),
        (x["ALIA"], 124.0, "S"),
        (x["D.O.B"], 124.0, "."),
        (x["A"], 124.0, "G"),
        (x["A"], 134.0, "E"),
        *[(x[h], 148.0, t) for h, t in zip(header, first_row, strict=True)],
        (x["CO-ARRES"], 158.0, "VIRIDIANA"),
        (x["D.O.B"], 158.0, "2004"),
    ]
    pdf = make_placed_pdf(rows)
    page = extract_pages(pymupdf.open(stream=pdf, filetype="pdf"))[0]
    assert "# CO-ARRES ALIA D.O.B A ADDRESS\n" in page.text  # no column break in it
    found = pieces(pdf)
    assert found.get("GALLEGOS,") == "PERSON"
    assert found.get("OSO") is Category.ALIAS
    assert found.get("18") is Category.AGE
    assert found.get("7752 RIVER RD") is Category.ADDRESS


def test_prose_in_capitals_without_column_breaks_is_no_header() -> None:
    rows = [(40.0, 100.0, "A NAME CHECK OF THE ARRESTEE AGE AND ADDRESS REVEALED NO RECORD")]
    assert pieces(make_placed_pdf(rows)) == {}


def test_the_page_footer_ends_the_table() -> None:
    # The form's footer sits right under the last row: its revision date, read in
    # the birth-date column, made an adult co-arrestee a child.
    rows = [
        (40.0, 100.0, "CO-ARRESTEES"),
        *[(x, 114.0, t) for x, t in ((40.0, "NO."), (70.0, "NAME"), (200.0, "BIRTH DATE"))],
        *[
            (x, 128.0, t)
            for x, t in ((40.0, "1"), (70.0, "PENA, ABELARDO"), (200.0, "May 12, 1974"))
        ],
        (160.0, 142.0, "CPD-11.420 (Rev. 6/17) - Page 1 of 3"),
    ]
    found = pieces(make_placed_pdf(rows))
    assert found.get("May 12, 1974") is Category.DATE_OF_BIRTH
    assert not [text for text in found if "Rev." in text or "Page" in text]


def test_a_cell_under_two_labels_is_cut_at_the_next_labels_column() -> None:
    # A date and an address printed close under "BIRTH / DATE" and "HOME ADDRESS"
    # read as one cell (no column gap between them): each label takes its own part.
    # A value wider than its narrow label ("AGE"), under no other label, stays whole.
    from app.redaction import form_labels

    rows: list[tuple[float, float, str] | tuple[float, float, str, float]] = [
        (40, 100, "NO", 7),
        (60, 100, "CO-ARRESTEE", 7),
        (176, 100, "BIRTH", 7),
        (176, 110, "DATE", 7),
        (219, 100, "HOME ADDRESS", 7),
        (354, 100, "PHONE", 7),
        (430, 100, "AGE", 7),
        (40, 120, "1"),
        (60, 120, "BRAULIO"),
        (177, 120, "01/12/1985", 7),
        (219, 120, "2637 W. FOSTER AVE"),
        (424, 120, "44 YRS OLD"),
    ]
    page = extract_pages(pymupdf.open(stream=make_placed_pdf(rows), filetype="pdf"))[0]
    assert "01/12/1985 2637" in page.text  # one cell to the column-gap test
    values = {
        page.text[v.start : v.end]: v.spec.category for v in form_labels.find_labelled_values(page)
    }
    assert values.get("01/12/1985") is Category.DATE_OF_BIRTH
    assert values.get("2637 W. FOSTER AVE") is Category.ADDRESS
    assert values.get("44 YRS OLD") is Category.AGE
    assert not [t for t in values if "1985" in t and "2637" in t]


@pytest.mark.parametrize(
    ("shift", "ocr", "category"),
    [
        (0.0, False, Category.DATE_OF_BIRTH),
        (-5.7, True, Category.DATE_OF_BIRTH),  # a scan's box took in the cell's edge
        (-5.7, False, None),  # a text layer's lines of one cell start together
        (-14.0, True, None),  # further than a line's height: another column's word
    ],
)
def test_a_wrapped_header_cell_on_a_scan_is_completed_a_little_out_of_line(
    shift: float, ocr: bool, category: Category | None
) -> None:
    rows: list[tuple[float, float, str] | tuple[float, float, str, float]] = [
        (40, 100, "NO", 8),
        (60, 100, "NAME", 8),
        (150, 100, "CB NO.", 8),
        (240, 100, "BIRTH", 8),
        (240 + shift, 110, "DATE", 8),
        (300, 100, "AGE", 8),
        (40, 125, "1"),
        (60, 125, "Ulises Orozco"),
        (150, 125, "33979440"),
        (241, 125, "07-19-"),
        (241, 135, "1990"),
        (300, 125, "32"),
    ]
    found = pieces(make_placed_pdf(rows), ocr=ocr)
    assert found.get("07-19-") is category
    assert found.get("33979440") is Category.CB_NUMBER


def test_a_field_that_opens_with_its_own_label_is_no_value_of_a_label_above() -> None:
    # "PH" ends its row, its number at the left margin of the next line; the
    # next field's "ADDR 4064 ..." under it is that field's, not the phone.

    rows: list[tuple[float, float, str] | tuple[float, float, str, float]] = [
        (57, 100, "V2:MACARAEG, JOEL"),
        (237, 100, "ADDR 5947 W 31ST ST CHICAGO IL 60617"),
        (505, 100, "PH"),
        (57, 112, "(773) 550-5697"),
        (57, 124, "W1:CARUSO, ANTONELLA"),
        (380, 124, "ADDR 4064 S. LARAMIE AVE, APT"),
        (57, 136, "1, SKOKIE, IL 60076 PH (331) 416-5878"),
    ]
    values = labelled_values(rows)
    assert not [t for t, c in values.items() if "LARAMIE" in t and c is Category.PHONE]


@pytest.mark.parametrize(
    ("rows", "value", "category"),
    [
        # A label in title case with its colon, its value in the next cell.
        ([(40, 100, "Sid No:"), (140, 100, "25182795")], "25182795", Category.SID_NUMBER),
        ([(40, 100, "Passport:"), (140, 100, "G12459936")], "G12459936", Category.PASSPORT),
        # No colon: a word of a sentence, not a label.
        ([(40, 100, "Passport"), (140, 100, "G12459936")], "G12459936", None),
    ],
)
def test_a_label_in_title_case_with_its_colon_alone_in_its_cell(
    rows: list[tuple[float, float, str]], value: str, category: Category | None
) -> None:
    from app.redaction import form_labels

    page = extract_pages(pymupdf.open(stream=make_placed_pdf(rows), filetype="pdf"))[0]
    assert "\t" in page.text
    values = {
        page.text[v.start : v.end]: v.spec.category for v in form_labels.find_labelled_values(page)
    }
    assert values.get(value) is category


def test_a_row_of_values_above_a_label_does_not_cut_the_value_under_it() -> None:
    # A grid of label rows and value rows: the values of the row above
    # ("WHITE") are no header cells of the label below, and its value stays whole.

    rows: list[tuple[float, float, str] | tuple[float, float, str, float]] = [
        (40, 100, "NAME"),
        (110, 100, "RACE"),
        (40, 111, "DOE, JOHN"),
        (110, 111, "WHITE"),
        (40, 122, "CITIZENSHIP"),
        (40, 133, "UNITED STATES OF AMERICA"),
    ]
    values = labelled_values(rows)
    assert values.get("UNITED STATES OF AMERICA") is Category.NATIONALITY


@pytest.mark.parametrize("label", ["CITY/COUNTRY OF BIRTH", "CITY/COUNTRY OF BIRTH."])
def test_a_grid_label_with_a_speck_read_as_a_full_stop_after_it_keeps_its_value(
    label: str,
) -> None:
    rows: list[tuple[float, float, str] | tuple[float, float, str, float]] = [
        *[(x, 100.0, t) for x, t in ((40.0, "DATE OF BIRTH"), (150.0, "EYES"), (220.0, label))],
        *[(x, 112.0, t) for x, t in ((40.0, "August 23, 1986"), (150.0, "HAZ"))],
        (220.0, 112.0, "Cicero, IL"),
    ]
    values = labelled_values(rows)
    assert values.get("Cicero, IL") is Category.PLACE_OF_BIRTH
    assert label not in values  # a label, not the value of EYES beside it


@pytest.mark.parametrize("cell", ["ZONE/BEAT", "ZONE /BEAT", "YR / MAKE", "HEIGHT / WEIGHT"])
def test_a_header_cell_with_spaces_around_its_slash(cell: str) -> None:
    # A scan reads "ZONE/BEAT" as "ZONE /BEAT": still a column's label, so the
    # row of labels stays a header and the location under LOCATION stays its own.
    from app.redaction import form_labels

    assert form_labels.header_cell(cell) is not None


CHARGES_THEN_VICTIMS = [
    (57.0, 370.0, "CHARGES"),
    (58.0, 384.0, "1. 720 ILCS 5/16-25(A)(2) RETAIL THEFT - ALTER/TRANSFER PRICE TAG - CLASS A"),
    (58.0, 399.0, "VICTIM(S) / WITNESS(ES)"),
    (55.0, 414.0, "V1:SOLIS OROZCO, ARACELI"),
    (214.0, 414.0, "ADDR 3430 S. 49TH CT, MELROSE PARK, IL 60160"),
    (59.0, 425.0, "779/615-7870"),
]


@pytest.mark.parametrize("tilt", [0.0, 1.5])
def test_a_tilted_line_under_a_stand_alone_label_is_its_value(tilt: float) -> None:
    # Tilted 1.5 degrees, the charge line's box rises 10 pt across the page,
    # above the bottom of "CHARGES" over its left end. It was passed over, and
    # the heading under it, then the victim's row and phone, were read as the
    # charge's value (and released as a charge).
    values = labelled_values(CHARGES_THEN_VICTIMS, ocr=True, tilt=tilt)
    assert values == {"1": Category.CHARGE}  # the count under the label's column


@pytest.mark.parametrize("heading", ["VICTIM(S) / WITNESS(ES)", "VICTIM(S) / WITNESS (ES)"])
def test_a_role_heading_under_a_stand_alone_label_is_not_its_value(heading: str) -> None:
    # The heading on the line under the label (the charge line left out); a
    # scan's "WITNESS (ES)" is no label, but still the heading of a block.
    rows = [
        (x, y - 15.0, heading if text.startswith("VICTIM") else text)
        for x, y, text in CHARGES_THEN_VICTIMS[2:]
    ]
    rows.insert(0, CHARGES_THEN_VICTIMS[0])
    values = labelled_values(rows, ocr=True)
    assert not any(category is Category.CHARGE for category in values.values())
