"""Detection on real PDFs: labels, roles, propagation, juvenile, policy outcome.

Each case builds a small report with `tests.pdfs.make_pdf`, runs the detector the
app built at startup, and checks what was found (category and role) for given
strings. A tab in a line moves to the next column, as on a printed form.
"""

from __future__ import annotations

from collections.abc import Sequence

import pymupdf
import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.redaction.detection import Detection, Detector
from app.redaction.pdf_text import extract_pages
from app.redaction.policy import load_policies
from app.redaction.types import Action, Category, Finding, Role
from tests.pdfs import make_landscape_rotated_pdf, make_pdf, make_placed_pdf, make_unicode_pdf

POLICIES = {p.id: p for p in load_policies(Settings().policy_dir).all()}


@pytest.fixture(scope="module")
def detector(client: TestClient) -> Detector:
    engine = client.app.state.engine  # type: ignore[attr-defined]
    found: Detector = engine.detector
    return found


def detect(detector: Detector, pages: Sequence[Sequence[str]] | Sequence[str]) -> Detection:
    doc = pymupdf.open(stream=make_pdf(pages), filetype="pdf")
    try:
        return detector.detect(extract_pages(doc))
    finally:
        doc.close()


def covering(detection: Detection, text: str, page: int = 0) -> list[Finding]:
    """Findings whose text contains `text` or is contained in it, on one page."""
    needle = " ".join(text.split()).casefold()
    out = []
    for f in detection.findings:
        got = " ".join(f.text.split()).casefold()
        if f.page == page and got and (needle in got or got in needle):
            out.append(f)
    return out


def assert_found(detection: Detection, text: str, category: Category, role: Role) -> None:
    found = [f for f in covering(detection, text) if f.category is category]
    assert found, f"no {category} finding"
    assert {f.role for f in found} == {role}


def occurrences(detection: Detection, text: str) -> list[Finding]:
    needle = " ".join(text.split()).casefold()
    return [f for f in detection.findings if " ".join(f.text.split()).casefold() == needle]


FORM = [
    "CHICAGO POLICE DEPARTMENT\tARREST REPORT",
    "CB #: 18273645\tRD #: JC334455",
    "NAME: OKAFOR-BELLO, Chidinma Ruth",
    "DOB: 04/02/1988\tAGE: 37",
    "RESIDENCE: 1718 W. Foster Ave, Apt 2, Chicago, IL 60640",
    "POB: Enugu, Nigeria\tCTZ: NGA",
    "A#: 204-118-339\tPHONE: 773-555-0148",
    "EMPLOYER: Lakeview Linen Supply\tWorks At: Northwest Plastics Inc.",
    "EMERGENCY CONTACT: Amaka Eze (SISTER) 312-555-0199",
    "ARREST LOCATION: 4800 block of N. Broadway",
    "NARRATIVE",
    "R/Os P.O. T. Brennan #4471 and Det. Lucy Vance #1290 arrested OKAFOR-BELLO, Chidinma",
    "at the store. Witness Marek Zielinski, of 2230 N. Milwaukee Ave, Chicago, IL 60647,",
    "saw the theft. Ms. Okafor-Bello stated that she works as a cashier for Northside Foods.",
    "The victim, Harold Pikes, declined medical attention.",
]


@pytest.mark.parametrize(
    ("text", "category", "role"),
    [
        ("OKAFOR-BELLO, Chidinma Ruth", Category.PERSON, Role.ARRESTEE),
        ("04/02/1988", Category.DATE_OF_BIRTH, Role.ARRESTEE),
        ("37", Category.AGE, Role.ARRESTEE),
        ("1718 W. Foster Ave, Apt 2, Chicago, IL 60640", Category.ADDRESS, Role.ARRESTEE),
        ("Enugu, Nigeria", Category.PLACE_OF_BIRTH, Role.ARRESTEE),
        ("NGA", Category.NATIONALITY, Role.ARRESTEE),
        ("204-118-339", Category.A_NUMBER, Role.ARRESTEE),
        ("773-555-0148", Category.PHONE, Role.ARRESTEE),
        ("Lakeview Linen Supply", Category.EMPLOYER, Role.ARRESTEE),
        ("Northwest Plastics Inc", Category.EMPLOYER, Role.ARRESTEE),  # "Works At:"
        ("Amaka Eze", Category.PERSON, Role.RELATIVE),
        ("312-555-0199", Category.PHONE, Role.RELATIVE),
        ("4800 block of N. Broadway", Category.ARREST_LOCATION, Role.UNKNOWN),
        ("T. Brennan", Category.PERSON, Role.OFFICER),
        ("4471", Category.STAR_NUMBER, Role.OFFICER),
        ("Lucy Vance", Category.PERSON, Role.OFFICER),
        ("Marek Zielinski", Category.PERSON, Role.WITNESS),
        ("2230 N. Milwaukee Ave, Chicago, IL 60647", Category.ADDRESS, Role.WITNESS),
        ("Northside Foods", Category.EMPLOYER, Role.ARRESTEE),
        ("Harold Pikes", Category.PERSON, Role.VICTIM),
    ],
)
def test_form_and_narrative(detector: Detector, text: str, category: Category, role: Role) -> None:
    assert_found(detect(detector, FORM), text, category, role)


def test_labels_do_not_swallow_neighbours(detector: Detector) -> None:
    detection = detect(detector, FORM)
    # The CB and RD labels stay readable; only their values are findings.
    for label in ("CB #", "RD #", "NAME:", "DOB:", "EMERGENCY CONTACT"):
        assert not [f for f in detection.findings if label.casefold() in f.text.casefold()]


GRID = [
    # Labels above values, the way the CPD arrest form prints its grid.
    "NAME (LAST, FIRST M)\tPLACE OF BIRTH",
    "NAVARRO-DIAZ, Tomas Ivan\tSan Pedro Sula, Honduras",
    "CITIZENSHIP\tLANGUAGE",
    "Honduras\tSpanish (interpreter requested)",
    "VICTIM / WITNESS INFORMATION",
    "TYPE\tNAME\tPHONE",
    "VICTIM\tFARLEY, Ronan\t773-555-0100",
    "WITNESS\tOKONJO, Ada\t773-555-0111",
]


@pytest.mark.parametrize(
    ("text", "category", "role"),
    [
        ("NAVARRO-DIAZ, Tomas Ivan", Category.PERSON, Role.ARRESTEE),
        ("San Pedro Sula, Honduras", Category.PLACE_OF_BIRTH, Role.ARRESTEE),
        ("Spanish (interpreter requested)", Category.LANGUAGE, Role.ARRESTEE),
        ("FARLEY, Ronan", Category.PERSON, Role.VICTIM),
        ("773-555-0100", Category.PHONE, Role.VICTIM),
        ("OKONJO, Ada", Category.PERSON, Role.WITNESS),
        ("773-555-0111", Category.PHONE, Role.WITNESS),
    ],
)
def test_grid_and_table(detector: Detector, text: str, category: Category, role: Role) -> None:
    assert_found(detect(detector, GRID), text, category, role)


@pytest.mark.parametrize(
    ("line", "value", "category"),
    [
        # An abbreviation that is no word leads its value alone, its colon lost.
        ("POB: Coban (Alta Verapaz), Guatemala\tCTZ GIM", "GIM", Category.NATIONALITY),
        ("CITZ MEX", "MEX", Category.NATIONALITY),
        ("POB Leon, Mexico", "Leon, Mexico", Category.PLACE_OF_BIRTH),
    ],
)
def test_an_abbreviated_label_leads_its_value_without_a_colon(
    detector: Detector, line: str, value: str, category: Category
) -> None:
    found = covering(detect(detector, [line]), value)
    assert category in {f.category for f in found}


def test_a_word_label_needs_its_colon_to_lead_a_value(detector: Detector) -> None:
    # "HOME 2 DAYS" is no label and value: one word that is a word leads nothing.
    assert not [
        f for f in detect(detector, ["HOME 2 DAYS AGO"]).findings if f.category is Category.ADDRESS
    ]


@pytest.mark.parametrize(
    "heading",
    [
        [(34, 196, "SUBJECT/ARRESTEE #1")],
        # A speck OCR read at the far right, a second cell beside the heading.
        [(34, 196, "SUBJECT/ARRESTEE #1"), (432, 194, ":")],
        [],  # no heading: the rows of "LABEL: value" cells end it
    ],
)
def test_an_incident_table_ends_before_the_arrestee_block(
    detector: Detector, heading: list[tuple[float, float, str]]
) -> None:
    # The rows as a scanned incident report prints them, close under the table.
    cells = [
        (32, 166, "DATE OCCURRED"),
        (118, 166, "TIME"),
        (173, 166, "LOCATION"),
        (363, 166, "ZONE/BEAT"),
        (34, 178, "10/13/2018"),
        (122, 178, "0742 hrs"),
        (176, 178, "9500 block of River Rd, Bellwood"),
        (367, 178, "1601"),
        *heading,
        (30, 209, "NAME: BUSTOS HERNANDEZ, ABELARDO"),
        (372, 209, "AKA: Guero"),
        (31, 222, "CELL: 630.662.9963"),
        (31, 235, "POB: APATZINGAN, MEX"),
        (331, 235, "CIT: MEX"),
        (31, 248, "DL#: B711-3769-0199 ST: IL"),
        (176, 248, "PPT#: J93376615 (MEX)"),
    ]
    doc = pymupdf.open(stream=make_placed_pdf(cells), filetype="pdf")
    detection = detector.detect(extract_pages(doc))
    # The passport cell is no incident location: its number and country are found.
    assert [f for f in covering(detection, "J93376615") if f.category is Category.PASSPORT]
    assert not [
        f for f in detection.findings if f.category is Category.ARREST_LOCATION and "PPT" in f.text
    ]


def test_citizenship_value_under_its_label(detector: Detector) -> None:
    found = [f for f in detect(detector, GRID).findings if f.category is Category.NATIONALITY]
    assert any(f.text == "Honduras" for f in found)


def test_a_label_ending_a_line_of_prose_takes_no_later_line_for_its_value(
    detector: Detector,
) -> None:
    # "MATRICULA CONSULAR" ends a line of the story, and the short line under it
    # holds nothing under those words: the long line after that is no value of
    # the label's (it took the address's house number, and the address was lost).
    detection = detect(
        detector,
        [
            "FILE (A-NUMBER: 263971916). HE ALSO CARRIED A MATRICULA CONSULAR",
            "BEARING NO. D78233312.",
            "THE ARRESTEE'S WIFE, ANA RUIZ (DOB 10-01-1995), OF 2108",
            "W 18TH ST APT 1N CHICAGO IL 60632, PHONE 773-555-0100, WAS NOTIFIED.",
        ],
    )
    assert not [f for f in detection.findings if "WIFE" in f.text]
    address = [f for f in covering(detection, "W 18TH ST") if f.category is Category.ADDRESS]
    assert address and "2108" in address[0].text


PROPAGATION = [
    [
        "ARRESTEE: QUISPE MAMANI, Rosa Elena\tCB #: 20304050",
        "A#: A 212 345 678",
        "Quispe Mamani was advised of her rights. QUISPE stated that the bag was hers.",
        "The arrestee's brother, Julio Quispe Mamani, was notified by phone.",
        "Rosa Elena Quispe Mamani's bag was inventoried. Her A-number A212345678 was",
        "verified. Officer notes: Rosa Elena Quispe",
        "Mamani signed the form.",
    ],
    [
        "SUPPLEMENTARY (CONTINUED)",
        "On page two, rosa elena quispe mamani is named again in lower case, and her",
        "alien registration no. 212-345-678 once more.",
    ],
]


@pytest.mark.parametrize(
    ("text", "page"),
    [
        ("Quispe Mamani", 0),  # surname alone (two-part surname)
        ("QUISPE", 0),  # first part of the surname, other case
        ("Rosa Elena Quispe Mamani", 0),  # "First Last" order, possessive after it
        ("rosa elena quispe mamani", 1),  # lower case, other page
    ],
)
def test_a_name_found_once_is_found_everywhere(detector: Detector, text: str, page: int) -> None:
    detection = detect(detector, PROPAGATION)
    found = [
        f for f in occurrences(detection, text) if f.category is Category.PERSON and f.page == page
    ]
    assert found
    assert {f.role for f in found} == {Role.ARRESTEE}


def test_name_split_across_lines_has_a_box_per_line(detector: Detector) -> None:
    detection = detect(detector, PROPAGATION)
    split = [
        f
        for f in detection.findings
        if f.category is Category.PERSON and "\n" in f.text and "Mamani" in f.text
    ]
    assert split and all(len(f.boxes) == 2 for f in split)


def test_relative_sharing_the_surname_keeps_own_role(detector: Detector) -> None:
    detection = detect(detector, PROPAGATION)
    brother = [f for f in occurrences(detection, "Julio Quispe Mamani")]
    assert [f.role for f in brother] == [Role.RELATIVE]
    # Nothing inside the brother's name was given to the arrestee instead.
    inside = [
        f
        for f in detection.findings
        if f.page == 0 and brother[0].start <= f.start < brother[0].end and f is not brother[0]
    ]
    assert inside == []


def test_a_two_letter_surname_is_found_alone_once_the_whole_name_was(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            "NAME: VO, Thanh Minh\tDOB: 03/04/1990",
            "NARRATIVE",
            "R/O spoke with Vo in the lobby. VO stated that he lives nearby.",
            "He refused to go with R/O, who wrote vo-tech school on the card.",
        ],
    )
    alone = [f for f in detection.findings if f.text in ("Vo", "VO")]
    assert len(alone) == 2 and {f.role for f in alone} == {Role.ARRESTEE}
    # Only as printed in a name: not inside words, nor "go" or "vo-tech".
    assert not [
        f
        for f in detection.findings
        if f.text.casefold() in ("go", "vo-tech", "vo") and f.text not in ("Vo", "VO")
    ]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("María", "maria"),
        ("Pawłowski", "pawlowski"),  # a stroke, no decomposition
        ("ŁÓDŹ", "lodz"),
        ("Søren", "soren"),
        ("Đorđe", "dorde"),
        ("Straße", "straße"),  # would change the length: kept
    ],
)
def test_fold_keeps_offsets_and_drops_marks(text: str, folded: str) -> None:
    from app.redaction.propagation import fold

    assert fold(text) == folded and len(fold(text)) == len(text)


def test_a_name_typed_without_its_stroked_letter_is_the_same_person(detector: Detector) -> None:
    pdf = make_unicode_pdf(
        [
            "CO-ARRESTEE: Krzysztof Pawłowski\tCB: 58877795",
            "NARRATIVE",
            "PAWLOWSKI, Krzysztof (CB 58877795), age 45, was also arrested and charged.",
        ]
    )
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        detection = detector.detect(extract_pages(doc))
    typed = [f for f in detection.findings if f.text.startswith("PAWLOWSKI")]
    assert typed and {f.role for f in typed} == {Role.CO_ARRESTEE}


def test_a_name_whose_comma_a_scan_read_as_a_full_stop_is_found_whole(
    detector: Detector,
) -> None:
    detection = detect(
        detector,
        [
            "NAME: RAHMAN, Mohammed Iqbal\tDOB: 04/02/1988",
            "NARRATIVE",
            "Victim SINGH related that RAHMAN. MOHAMMED",
            "IQBAL pushed the victim to the ground.",
        ],
    )
    whole = [f for f in detection.findings if f.page == 0 and f.text.startswith("RAHMAN. ")]
    assert whole and " ".join(whole[0].text.split()) == "RAHMAN. MOHAMMED IQBAL"
    assert {f.role for f in whole} == {Role.ARRESTEE}


def test_identifier_found_once_is_found_in_every_print_form(detector: Detector) -> None:
    detection = detect(detector, PROPAGATION)
    a_numbers = [f for f in detection.findings if f.category is Category.A_NUMBER]
    assert {f.page for f in a_numbers} == {0, 1}
    assert len(a_numbers) >= 3


@pytest.mark.parametrize(
    ("copy", "found"),
    [
        ("G0070292", "G0070292"),  # the C read as G
        ("70070292", "70070292"),  # ... or as a digit
        ("30070 292", "30070 292"),  # ... with a space among the digits
        ("$0070292", "$0070292"),  # ... or as a sign
        ("1230070292", None),  # more digits: another number
    ],
)
def test_a_number_found_once_is_found_again_with_its_letter_misread(
    detector: Detector, copy: str, found: str | None
) -> None:
    # A scan reads the C of a visa foil number as G (or a digit) where the number
    # comes again: the copy is the number whole, its misread letter too.
    detection = detect(
        detector,
        [f"INVENTORY 14 {copy} RETURNED", "A records check showed B-2 visa foil no. C0070292. He"],
    )
    texts = {f.text for f in detection.findings}
    if found is None:
        assert not any(copy in t or "0070292" in t for t in texts if "C0070292" not in t)
    else:
        assert found in texts


@pytest.mark.parametrize(
    ("copy", "found"),
    [
        ("M191 3437A", "M191 3437A"),  # split by a scan: its last letter too
        ("M1913437A", "M1913437A"),
        ("M191 3437", "M191 3437"),  # its letter lost
        ("M1913437AB", "M1913437A"),  # more letters: the number's own
    ],
)
def test_a_number_found_once_is_found_again_with_the_letter_after_its_digits(
    detector: Detector, copy: str, found: str
) -> None:
    detection = detect(
        detector,
        ["PASSPORT NO: M1913437A", f"As identification he presented passport {copy} (Peru)."],
    )
    assert found in {f.text for f in detection.findings if f.category is Category.PASSPORT}


@pytest.mark.parametrize(
    ("lines", "juvenile"),
    [
        (["NAME: DOE-RIVERA, Kai", "DOB: 05/01/2009\tAGE: 16", "ARREST DATE: 06/02/2025"], True),
        (["NAME: DOE-RIVERA, Kai", "DOB: 05/01/2009", "ARREST DATE: 06/02/2025"], True),
        (["JUVENILE ARREST REPORT", "NAME: DOE-RIVERA, Kai"], True),
        (["NAME: DOE-RIVERA, Kai", "AGE: 19", "ARREST DATE: 06/02/2025"], False),
        # A juvenile victim says nothing about the arrestee.
        (["NAME: DOE-RIVERA, Kai", "AGE: 31", "The victim, a juvenile victim aged 15,"], False),
        (["NAME: DOE-RIVERA, Kai", "AGE: 31", "VICTIM: Ana Pruitt\tAGE: 12"], False),
        # An age OCR garbled: its letters read as the digits they look like, or
        # the date of birth on its row; else its first digits (fail closed).
        (["NAME: DOE-RIVERA, Kai", "DOB: 02-19-1974\tAGE: 4B", "ARREST DATE: 06/02/2025"], False),
        (["NAME: DOE-RIVERA, Kai", "DOB: 12/09/1991\tAGE: 3t", "ARREST DATE: 06/02/2025"], False),
        (["NAME: DOE-RIVERA, Kai", "DOB: 05/01/2009\tAGE: l6", "ARREST DATE: 06/02/2025"], True),
        (["NAME: DOE-RIVERA, Kai", "AGE: 1t", "ARREST DATE: 06/02/2025"], True),
        (["NAME: DOE-RIVERA, Kai", "AGE: i8", "ARREST DATE: 06/02/2025"], False),  # 18
        # A date of birth with its month in full ("September" once lost its "t"
        # when "Sept" was shortened, and no date was read): adult or a child by it.
        (
            ["NAME: DOE-RIVERA, Kai", "DOB: 23 September 1991\tAGE: 2)", "ARREST DATE: 06/02/2025"],
            False,
        ),
        (["NAME: DOE-RIVERA, Kai", "DOB: 14 September 2012", "ARREST DATE: 06/02/2025"], True),
        (["NAME: DOE-RIVERA, Kai", "DOB: Sept. 14, 2012", "ARREST DATE: 06/02/2025"], True),
        # The page's footer under a co-arrestees' table is no row of it: its print
        # date was read as a co-arrestee born on the day of the arrest.
        (
            [
                "NAME: DOE-RIVERA, Kai\tDOB: 30 Nov 1965",
                "ARREST DATE: 05 Oct 2024",
                "CO-ARRESTEES",
                "NO.\tNAME\tCB NO.\tDOB\tADDRESS",
                "1\tSHEVCHUK, MYKOLA\t20304050\t02 Feb 1991\t4436 W. 16TH ST",
                "Printed 05 Oct 2024\tPage 1 of 1",
            ],
            False,
        ),
        # Nor is the narrative after it, its heading garbled on a scan: prose ends
        # the table, and its first date is no co-arrestee's birth.
        (
            [
                "NAME: DOE-RIVERA, Kai\tDOB: 30 Nov 1965",
                "ARREST DATE: 05 Oct 2024",
                "CO-ARRESTEES",
                "NO.\tNAME\tCB NO.\tDOB\tADDRESS",
                "1\tSHEVCHUK, MYKOLA\t20304050\t02 Feb 1991\t4436 W. 16TH ST",
                "1 IARRATIVE",
                "On 2024-10-05 at approximately 1232 hrs, R/OS P.O. L. Maldonado Star No. 13654",
            ],
            False,
        ),
        # Nor is the row of another table, under another date's header: an
        # arrest date read as the birth of someone in the grid of labels above.
        (
            [
                "ARREST REPORT",
                "ARRESTEE NAME\tAKA\tSEX\tRACE",
                "GALLEGOS LUJAN, Hector\tGerardo Solis\tM\tWHITE HISPANIC",
                "HAIR\tEYES\tBIRTH DATE\tAGE\tPLACE OF BIRTH",
                "BLK\tBRO\t1949-09-22\t70\tMorelia, Mexico",
                # (a scan's speck before the next label: ARREST DATE took it for its value)
                'SOC. SEC. #\tine\tTIME\tARREST DATE\t"ARRESTING AGENCY',
                "PENDING\t1210 hrs\t2019-11-12\tChicago Police Department",
                "On 11/13/2019 at about 1210 hrs, the officers were conducting a surveillance",
            ],
            False,
        ),
    ],
)
def test_juvenile_arrestee(detector: Detector, lines: list[str], juvenile: bool) -> None:
    assert detect(detector, lines).juvenile is juvenile


@pytest.mark.parametrize(
    ("text", "federal", "public"),
    [
        ("OKAFOR-BELLO, Chidinma Ruth", Action.REDACT, Action.KEEP),
        ("1718 W. Foster Ave, Apt 2, Chicago, IL 60640", Action.REDACT, Action.KEEP),
        ("2230 N. Milwaukee Ave, Chicago, IL 60647", Action.REDACT, Action.REDACT),
        ("Enugu, Nigeria", Action.REDACT, Action.REDACT),
        ("Amaka Eze", Action.REDACT, Action.REDACT),
        ("T. Brennan", Action.KEEP, Action.KEEP),
        ("4800 block of N. Broadway", Action.KEEP, Action.KEEP),
    ],
)
def test_policy_outcome(detector: Detector, text: str, federal: Action, public: Action) -> None:
    found = covering(detect(detector, FORM), text)
    assert found
    for policy_id, want in (("federal_immigration", federal), ("public", public)):
        actions = {POLICIES[policy_id].decide(f).action for f in found}
        assert actions == {want}, policy_id


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("The witness, DOB 01/02/1990, was interviewed.", Role.WITNESS),
        ("Two witnesses, DOB 01/02/1990, were interviewed.", Role.WITNESS),
        ("The victim, DOB 01/02/1990, declined treatment.", Role.VICTIM),
        ("His mother, DOB 01/02/1990, was notified.", Role.RELATIVE),
    ],
)
def test_role_word_before_an_unnamed_value(detector: Detector, sentence: str, role: Role) -> None:
    detection = detect(detector, ["NAME: PRUITT, Dana", "NARRATIVE", sentence])
    dobs = [f for f in detection.findings if f.category is Category.DATE_OF_BIRTH]
    assert [f.role for f in dobs] == [role]


@pytest.mark.parametrize("rotation", [0, 90, 270])
def test_form_grid_on_a_turned_page(detector: Detector, rotation: int) -> None:
    """Labels above values and a value right of its label, read as a viewer shows
    them, whatever way the page is turned."""
    # Columns are spaced with many blanks: the column gap becomes a tab.
    grid = [
        "NAME (LAST, FIRST M)" + " " * 30 + "PLACE OF BIRTH",
        "NAVARRO-DIAZ, Tomas" + " " * 31 + "San Pedro Sula, Honduras",
        "PHONE" + " " * 20 + "773-555-0100",
    ]
    pdf = make_landscape_rotated_pdf(grid, rotation=rotation) if rotation else make_pdf(grid)
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    detection = detector.detect(extract_pages(doc))
    assert_found(detection, "NAVARRO-DIAZ, Tomas", Category.PERSON, Role.ARRESTEE)
    assert_found(detection, "San Pedro Sula, Honduras", Category.PLACE_OF_BIRTH, Role.ARRESTEE)
    assert_found(detection, "773-555-0100", Category.PHONE, Role.ARRESTEE)


TYPED = [
    "CASE NO: 18-246273\tBKG NO: 20189291112\tDATE: JULY 9, 2018",
    "NAME: DORSEY, DESHAWN\tAKA: DUKE",
    "DOB: OCT. 25, 1983\tAGE: 34\tSEX: M",
    "ADDR: 1860 W. LELAND AVE. UNIT B",
    "IMM. STATUS (SELF-REPORTED) - PAROLED (CBP ONE)",
    "NARRATIVE",
    "DORSEY SPEAKS SPANISH AND REQUESTED AN INTERPRETER; BILINGUAL OFFICER",
    "S. SOBCZAK #301 TRANSLATED. THE VICTIM, LATOYA PETTAWAY, phone 331-",
    "664-0292, WAS INTERVIEWED.",
    "R/D SPOKE WITH DORSEY'S MOTHER, PETTIGREW, ALMA RUTH, BY TELEPHONE.",
]


@pytest.mark.parametrize(
    ("text", "category", "role"),
    [
        ("20189291112", Category.CB_NUMBER, Role.ARRESTEE),  # "BKG NO"
        ("OCT. 25, 1983", Category.DATE_OF_BIRTH, Role.ARRESTEE),  # "OCT." ends no value
        ("1860 W. LELAND AVE. UNIT B", Category.ADDRESS, Role.ARRESTEE),
        ("S. SOBCZAK", Category.PERSON, Role.OFFICER),  # rank ends the line above
        ("331-\n664-0292", Category.PHONE, Role.VICTIM),  # wrapped at its hyphen
        ("PETTIGREW, ALMA RUTH", Category.PERSON, Role.RELATIVE),  # a relation in capitals
        ("PAROLED (CBP ONE)", Category.IMMIGRATION_STATUS, Role.ARRESTEE),  # note, then dash
    ],
)
def test_typed_report(detector: Detector, text: str, category: Category, role: Role) -> None:
    detection = detect(detector, TYPED)
    found = [f for f in covering(detection, text) if f.category is category]
    assert any(" ".join(f.text.split()) == " ".join(text.split()) for f in found), found
    assert {f.role for f in found} == {role}


PLACES = [
    "NARRATIVE",
    "The arrestee related that he grew up in the state of Jalisco and lived in",
    "Istanbul before he came to Chicago. Officers of the Chicago Police Department",
    "took him to the lockup. In Istanbul he had worked as a driver.",
]


def test_places_named_in_prose(detector: Detector) -> None:
    detection = detect(detector, PLACES)
    places = [" ".join(f.text.split()) for f in detection.findings if f.category is Category.PLACE]
    assert "state of Jalisco" in places  # the kind of place is part of the name
    assert places.count("Istanbul") == 2  # found once, found everywhere
    # The agency is released: its city is no place of a person.
    assert not [f for f in detection.findings if "Police" in f.text]
    agency = PLACES[2].index("Chicago Police")
    assert not [f for f in covering(detection, "Chicago") if f.start == agency]
    # Place names are never searched for as text (see Finding.fragment).
    assert all(f.fragment for f in detection.findings if f.category is Category.PLACE)
    federal = POLICIES["federal_immigration"].decide_all(detection.findings)
    public = POLICIES["public"].decide_all(detection.findings)
    assert {d.action for d in federal if d.finding.category is Category.PLACE} == {Action.REDACT}
    assert {d.action for d in public if d.finding.category is Category.PLACE} == {Action.KEEP}


def test_prose_after_the_officers_section_names_no_officer(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            "ARRESTING OFFICERS",
            "ROLE\tNAME\tSTAR #",
            "Arresting\tKOWALSKI, Adam\t4412",
            "Per consular notification procedures, the consulate was advised at the",
            "request of Mr. Ernesto Vidal.",
        ],
    )
    assert {f.role for f in covering(detection, "KOWALSKI, Adam")} == {Role.OFFICER}
    vidal = [f for f in covering(detection, "Ernesto Vidal") if f.category is Category.PERSON]
    assert vidal and Role.OFFICER not in {f.role for f in vidal}


def test_an_employer_named_across_a_line_break(detector: Detector) -> None:
    lines = [
        "NARRATIVE",
        "The arrestee, Tomas Reyes, stated that he works as a painter for Northside Roofing",
        "LLC. He was advised of his rights.",
    ]
    detection = detect(detector, lines)
    employers = [f for f in detection.findings if f.category is Category.EMPLOYER]
    assert [" ".join(f.text.split()) for f in employers] == ["Northside Roofing LLC"]
    assert len(employers[0].boxes) == 2  # a box on each line


def test_given_names_that_are_also_months(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            "NARRATIVE",
            "Witness Jun Liu stated that he heard screaming and called 911.",
            "R/D SPOKE WITH HUANG'S WIFE, ZHANG, MAY, BY TELEPHONE AT 872/458-6091.",
            "The victim, Jan Kowalczyk, was born Jun 17, 1981.",
        ],
    )
    assert_found(detection, "Jun Liu", Category.PERSON, Role.WITNESS)
    assert [f for f in covering(detection, "ZHANG, MAY") if f.category is Category.PERSON]
    assert_found(detection, "Jan Kowalczyk", Category.PERSON, Role.VICTIM)
    # A date stays a date.
    assert not [f for f in covering(detection, "Jun 17") if f.category is Category.PERSON]


def test_email_label_at_the_end_of_a_line(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            "ARRESTEE IN CUSTODY:",
            "NASSER, Mariam, F/WHI, DOB 1983-10-08, of 6126 S. Talman Ave, Chicago. E-mail:",
            "pollo83@icloud.com. IL DL no. N178 0989 3318. She has a tattoo of clown",
            "masks on the chest.",
        ],
    )
    emails = [f.text for f in detection.findings if f.category is Category.EMAIL]
    assert emails == ["pollo83@icloud.com"]  # the value is the address, not the line
    licences = [f.text for f in detection.findings if f.category is Category.DRIVERS_LICENSE]
    assert licences == ["N178 0989 3318"]
    marks = [f for f in detection.findings if f.category is Category.PHYSICAL_MARKS]
    assert [" ".join(f.text.split()) for f in marks] == ["tattoo of clown masks on the chest"]


def test_where_a_person_lives_is_a_place(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            "NARRATIVE",
            "The arrestee stated that he lives in Cicero with his mother and moved",
            "to Chicago from the municipality of Quetzaltenango. Officers of the City of",
            "Chicago Police Department transported him.",
        ],
    )
    places = {" ".join(f.text.split()) for f in detection.findings if f.category is Category.PLACE}
    assert {"Cicero", "municipality of Quetzaltenango"} <= places
    assert not [f for f in detection.findings if "Police" in f.text]


def test_a_star_number_label_in_prose_takes_the_number_only(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            "NARRATIVE",
            "ON JAN. 9, 2022 AT APPROXIMATELY 0725 HRS, R/OS OFC. M. MCDERMOTT STAR NO. 916 AND"
            " SGT.",
            "L. STANEK",
            "STAR NO. 531 WERE CALLED TO A CURRENCY EXCHANGE AT 5700 BLOCK OF DEMPSTER ST."
            " BUSTOS, ELEAZAR",
            "ATTEMPTED TO CASH A CHECK USING AN ALTERED IDENTIFICATION CARD.",
        ],
    )
    stars = [f.text for f in detection.findings if f.category is Category.STAR_NUMBER]
    assert sorted(stars) == ["531", "916"]
    assert_found(detection, "BUSTOS, ELEAZAR", Category.PERSON, Role.UNKNOWN)
    federal = POLICIES["federal_immigration"].decide_all(detection.findings)
    released = [d.finding.text for d in federal if d.action is Action.KEEP]
    assert not [t for t in released if "BUSTOS" in t]


def test_the_next_fields_label_ends_a_name(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            "VICTIM(S) / WITNESS(ES)",
            "W2: KEBEDE, HIWOT SELAM DOB 30-MAR-1987 ADDR 5234 N. KOMENSKY AVE. BSMT",
            "NOTIFIED",
            "COUSIN: OLUWASEUN ASANTE PH +1 847-987-8635",
            "NARRATIVE",
            "NOTIFIED: COUSIN OLUWASEUN ASANTE AT +1 847-987-8635. KEBEDE, HIWOT SELAM WAS"
            " PRESENT.",
        ],
    )
    names = {" ".join(f.text.split()) for f in detection.findings if f.category is Category.PERSON}
    assert {"KEBEDE, HIWOT SELAM", "OLUWASEUN ASANTE"} <= names
    cousin = [f for f in covering(detection, "OLUWASEUN ASANTE") if "OLUWASEUN ASANTE" in f.text]
    assert len(cousin) == 2  # the notification in prose too


def test_a_phone_broken_across_pages_is_found_by_its_local_number(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            [
                "NOTIFIED",
                "BROTHER-IN-LAW - ANDRII RUDENKO PH (312) 885-5542",
                "NARRATIVE",
                "R/D SPOKE WITH RUDENKO'S BROTHER-IN-LAW, ANDRII RUDENKO, BY TELEPHONE AT (312)",
            ],
            [
                "885-5542, WHO RESIDES AT 2872 SIBLEY BLVD, APT G, SUMMIT, IL 60501.",
                "INVENTORY NO. 8855542 WAS GENERATED.",
            ],
        ],
    )
    on_page_2 = [f.text for f in detection.findings if f.page == 1 and f.category is Category.PHONE]
    assert on_page_2 == ["885-5542"]  # the bare seven digits are another number


def test_the_city_and_state_ending_an_address_are_no_name(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            "VICTIM(S) / WITNESS(ES)",
            "V1: ZELAYA, INGRID DOB FEBRUARY 15, 1978 ADDR 1208 S. AUSTIN BLVD, MELROSE",
            "PARK, IL 60160 PH +1 708-864-2892",
            "NARRATIVE",
            "ARREST MADE BY THE MELROSE PARK POLICE DEPARTMENT. WITNESS XU, LI NA STATED",
        ],
    )
    names = {" ".join(f.text.split()) for f in detection.findings if f.category is Category.PERSON}
    assert "ZELAYA, INGRID" in names
    assert not [n for n in names if "PARK" in n]
    assert [n for n in names if n.startswith("XU, LI")]


def test_a_labelled_address_under_the_letterhead_is_someones(detector: Detector) -> None:
    # The top of a continuation page: the agency's address stays readable, a
    # witness's labelled HOME ADDRESS right under it does not.
    detection = detect(
        detector,
        [
            "CHICAGO POLICE DEPARTMENT\tRD NO.",
            "3510 S. Michigan Ave, Chicago, IL 60653\tJF-419399",
            "HOME ADDRESS\t3661 W Addison St, Chicago, IL 60645",
            "PHONE\t224.816.3323",
            "NARRATIVE",
        ],
    )
    addresses = {f.text for f in detection.findings if f.category is Category.ADDRESS}
    assert "3661 W Addison St, Chicago, IL 60645" in addresses
    assert not [a for a in addresses if "Michigan" in a]


def test_a_line_with_a_dash_field_of_its_own_is_no_wrapped_value(detector: Detector) -> None:
    # "RES. ADDR - ..." between two lines of fields opens a field of its own; read
    # as the rest of the name above it, the address was taken for a name.
    detection = detect(
        detector,
        [
            "ARRESTEE",
            "SUBJECT - RUCKER, MARQUIS\tCITIZENSHIP - U.S.",
            "RES. ADDR - 5305 N Trumbull Ave 2nd Fl, Chicago, IL 60659",
            "ALIAS - Zorro",
        ],
    )
    addresses = {f.text for f in detection.findings if f.category is Category.ADDRESS}
    assert "5305 N Trumbull Ave 2nd Fl, Chicago, IL 60659" in addresses
    names = {f.text for f in detection.findings if f.category is Category.PERSON}
    assert not [n for n in names if "Trumbull" in n]


@pytest.mark.parametrize(
    ("lines", "wrapped"),
    [
        # Between two lines of fields, a line of no field is the value's rest.
        (
            [
                "LANG:SPANISH - INTERPRETER\tIMM STAT:VISA OVERSTAY",
                "REQUESTED",
                "VEH:GOLD 2014 NISSAN ALTIMA\tLP#:821 4066 IL",
            ],
            True,
        ),
        # Prose after the fields is not.
        (
            [
                "LANG:SPANISH - INTERPRETER\tIMM STAT:VISA OVERSTAY",
                "REQUESTED BY THE ARRESTEE AT THE STATION",
                "THE ARRESTEE WAS TRANSPORTED TO DISTRICT 8.",
            ],
            False,
        ),
    ],
)
def test_a_first_column_value_wraps_between_typed_fields(
    detector: Detector, lines: list[str], wrapped: bool
) -> None:
    detection = detect(detector, ["ARRESTEE", "NAME:NUNEZ, ROSA", *lines])
    languages = [f for f in detection.findings if f.category is Category.LANGUAGE]
    assert any(f.text.startswith("REQUESTED") for f in languages) is wrapped


def test_typed_fields_wrap_back_to_their_column_and_end_at_the_next_label(
    detector: Detector,
) -> None:
    detection = detect(
        detector,
        [
            "ARRESTEE",
            "NAME: PORTILLO-BATZ, EDGARDO ELMER\tAKA: GATO, WILMER ALVARADO-",
            "\tXICARA",
            "DOB: JULY 5, 1975\tAGE: 50",
            "CO-ARRESTEES",
            "O'SHEA, AOIFE DOB 8/22/1996 CB# 50612429 ADDR 6610 S. 49TH CT, SKOKIE, IL 60076",
        ],
    )
    aliases = [f.text for f in detection.findings if f.category is Category.ALIAS]
    assert "XICARA" in aliases  # the value's second line, flush with its label
    assert [f.text for f in detection.findings if f.category is Category.CB_NUMBER] == ["50612429"]
    assert_found(detection, "6610 S. 49TH CT, SKOKIE, IL 60076", Category.ADDRESS, Role.CO_ARRESTEE)


def test_language_and_interpreter_field(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            "ARRESTEE",
            "AGE: 51\tLANG/INTERPRETER: Spanish / interpreter needed",
            "OCCUPATION: LINE COOK\tEMPLOYER: Kedzie Tire Shop",
        ],
    )
    assert_found(detection, "Spanish / interpreter needed", Category.LANGUAGE, Role.ARRESTEE)
    assert [f for f in covering(detection, "interpreter needed") if f.category is Category.LANGUAGE]


def test_values_broken_by_a_page_break(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            [
                "NARRATIVE",
                "THE ARRESTEE ADVISED THAT HE CAME TO THE UNITED STATES IN 2019. HE PROVIDED",
                "ALIEN REGISTRATION NO. A 274 435",
                "PAGE 1 OF 3",
            ],
            [
                "CASE # - 18-157690 (CONT'D)",
                "-----------------------------------------------",
                "608. THE ARRESTEE WAS TRANSPORTED TO THE DISTRICT LOCKUP AND PROCESSED.",
                *["IN-CAR CAMERA FOOTAGE WAS TAGGED FOR RETENTION."] * 8,
                "HE STATED THAT HIS BROTHER IS SUBJECT",
                "CPD-11.388 (Rev. 2/20)\tPage 2 of 3",
            ],
            [
                "INCIDENT # 2017-37318835\t(CONTINUATION)",
                "TO A FINAL ORDER OF REMOVAL. THE ARRESTEE WAS PROCESSED.",
            ],
        ],
    )

    def found(category: Category, page: int) -> list[str]:
        return [f.text for f in detection.findings if f.category is category and f.page == page]

    assert found(Category.A_NUMBER, 0) == ["A 274 435"]
    assert found(Category.A_NUMBER, 1) == ["608"]
    assert found(Category.IMMIGRATION_STATUS, 1) == ["SUBJECT"]
    assert found(Category.IMMIGRATION_STATUS, 2) == ["TO A FINAL ORDER OF REMOVAL"]
    # The piece after the break is no value of its own: "608" is not searched for.
    assert all(
        f.fragment for f in detection.findings if f.category is Category.A_NUMBER and f.page == 1
    )


def test_a_name_in_capitals_ends_before_the_narratives_verb(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            "NARRATIVE",
            "R/OS RESPONDED TO A CALL OF A THEFT. VICTIM KWAME NWACHUKWU RELATED THAT THE",
            "OFFENDER PUSHED HIM. MACAPAGAL-TAN STATED HE WAS BORN IN CEBU CITY.",
        ],
    )
    names = [" ".join(f.text.split()) for f in detection.findings if f.category is Category.PERSON]
    assert "KWAME NWACHUKWU" in names
    assert not [n for n in names if "RELATED" in n or "STATED" in n or n == "THAT"]


def test_an_agency_named_over_two_lines_is_no_place(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            "NARRATIVE",
            "The arrestee was turned over to the officers of the Blue Island",
            "Police Department. Arrest made by the Village of Summit",
            "Police Department.",
        ],
    )
    assert not [f for f in detection.findings if f.category is Category.PLACE]


def test_a_typed_rows_tag_gives_the_role(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            "CO-ARRESTEES",
            "O'SHEA, AOIFE DOB 8/22/1996 CB# 50612429",
            "VICTIM(S) / WITNESS(ES)",
            "V1: MCKINNEY, EBONY DOB DECEMBER 3, 2003 ADDR 2137 W. 26TH ST, BERWYN, IL 60402",
            "W1: DOHERTY, PADRAIG DOB 6/13/1958 PH 773-555-0100",
            "NARRATIVE",
            "VICTIM EBONY MCKINNEY RELATED THAT THE OFFENDER PUSHED THE VICTIM TO THE GROUND.",
        ],
    )
    assert_found(detection, "MCKINNEY, EBONY", Category.PERSON, Role.VICTIM)
    assert_found(detection, "DOHERTY, PADRAIG", Category.PERSON, Role.WITNESS)
    names = [f.text for f in detection.findings if f.category is Category.PERSON]
    assert "TO" not in names


def test_a_name_with_particles_in_capitals_is_whole(detector: Detector) -> None:
    # "DE LA" used to count as two of a name's words, and "TORRE" was left out.
    detection = detect(
        detector,
        [
            "NAME: BECERRA ZEPEDA, EFRAIN ELEAZAR",
            "AUNT: DULCE MARIA BECERRA DE LA TORRE PH (847)300-8637",
        ],
    )
    assert_found(detection, "DULCE MARIA BECERRA DE LA TORRE", Category.PERSON, Role.RELATIVE)
    names = [" ".join(f.text.split()) for f in detection.findings if f.category is Category.PERSON]
    assert "DULCE MARIA BECERRA DE LA TORRE" in names


def test_a_town_of_two_words_is_no_person(detector: Detector) -> None:
    # The small model reads "Melrose Park" as a person; the arrest location that
    # holds it is released, so a withheld "name" there would fail verification.
    detection = detect(
        detector,
        [
            "NARRATIVE",
            "R/Os responded to a call of a theft from a retail store at Oakton St at",
            "S. Laramie Ave, Melrose Park. R/D conducted a canvass of the area of",
            "Oakton St at S. Laramie Ave, Melrose Park for additional witnesses.",
            "The victim, Jiwoo Park, was interviewed in Arlington Heights.",
            "A second theft was reported at 6000 block of N. 25th Ave, Stickney. Victim",
            "Lincoln stated that she saw the offender.",
        ],
    )
    names = [" ".join(f.text.split()) for f in detection.findings if f.category is Category.PERSON]
    assert not [n for n in names if "Melrose" in n or "Heights" in n or "Stickney" in n]
    assert any("Park" in n and "Jiwoo" in n for n in names)


def test_values_that_wrap_inside_the_cells_of_a_grid(detector: Detector) -> None:
    pdf = make_placed_pdf(
        [
            (40, 100, "PLACE OF BIRTH"),
            (130, 100, "Holguín (Holguín),"),
            (250, 100, "CITIZENSHIP"),
            (320, 100, "CUB"),
            (360, 100, "LANGUAGE SPOKEN"),
            (460, 100, "Spanish (no"),
            # Both wrapped values go on under their cells, side by side.
            (130, 109, "Cuba"),
            (460, 109, "English)"),
            (40, 140, "IR #"),
            (120, 140, "FBI #"),
            (220, 140, "OTHER ID"),
            (420, 140, "RD #"),
            (40, 152, "7911936"),
            (120, 152, "8524331AQ5"),
            (220, 152, "MATRICULA #T63380233; B-2"),
            (420, 152, "JD546477"),
            # "B-2" / "visa": a status broken by the cell's wrap, the row between.
            (220, 161, "visa foil no. N7881952"),
            # "ALIAS /" over "NICKNAME" is one label; the e-mail beside it wraps twice.
            (40, 200, "ALIAS /"),
            (100, 200, "Kuba"),
            (220, 200, "E-MAIL"),
            (300, 200, "ji-"),
            (40, 209, "NICKNAME"),
            (300, 209, "hoon.shin89@"),
            (300, 218, "hotmail.com"),
            # A relation in a cell of its own names the person beside it, who wraps.
            (40, 260, "COUSIN"),
            (100, 260, "Leticia Villaseñor"),
            (220, 260, "CONTACT"),
            (300, 260, "312.842.7639"),
            (100, 269, "Cuevas"),
            # A label's value that wraps at single spacing, under its own start.
            (40, 300, "E-MAIL"),
            (100, 300, "ulises.camacho67@"),
            (100, 309.5, "yahoo.com"),
        ],
        fontsize=8,
    )
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        detection = detector.detect(extract_pages(doc))
    by_text = {f.text: f.category for f in detection.findings}
    assert by_text.get("English)") is Category.LANGUAGE  # the language cell's second line
    assert by_text.get("Cuba") in (Category.PLACE_OF_BIRTH, Category.NATIONALITY)
    status = [f.text for f in detection.findings if f.category is Category.IMMIGRATION_STATUS]
    assert "B-2" in status and "visa" in status
    email = {f.text for f in detection.findings if f.category is Category.EMAIL}
    assert {"ji-", "hoon.shin89@", "hotmail.com", "ulises.camacho67@", "yahoo.com"} <= email
    relatives = {f.text for f in detection.findings if f.role is Role.RELATIVE}
    assert "Cuevas" in relatives


def test_a_name_a_table_cell_wraps_at_its_hyphen_is_found_whole(detector: Detector) -> None:
    # "Abelardo Bustos-" over "Becerra" in a co-arrestee's cell; the narrative
    # names him "BUSTOS-BECERRA, ABELARDO". Taken for someone unknown, his address
    # there was withheld while the table released it: a verification refusal.
    pdf = make_placed_pdf(
        [
            (40, 100, "CO-ARRESTEES"),
            (40, 114, "NO."),
            (70, 114, "NAME"),
            (200, 114, "DOB"),
            (280, 114, "ADDRESS"),
            (40, 128, "1"),
            (70, 128, "Abelardo Bustos-"),
            (200, 128, "12/02/2002"),
            (280, 128, "1784 W 43rd St #3R, Chicago, IL 60651"),
            (70, 138, "Becerra"),
            (40, 170, "NARRATIVE"),
            (40, 184, "BUSTOS-BECERRA, ABELARDO (CB 44122052) was also arrested and charged."),
        ]
    )
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        detection = detector.detect(extract_pages(doc))
    narrative = [f for f in detection.findings if f.text == "BUSTOS-BECERRA, ABELARDO"]
    assert narrative and {f.role for f in narrative} == {Role.CO_ARRESTEE}


@pytest.mark.parametrize("before", ["SUPPLEMENTARY REPORT (continued) - RD JG360762", "He fled."])
def test_a_person_who_was_also_arrested_is_a_co_arrestee(detector: Detector, before: str) -> None:
    # No table or heading names the co-arrestee: the sentence does, after the
    # name and the person's particulars. Under 2.15 they are released as the
    # arrestee's are, so the role matters to the public policy.
    detection = detect(
        detector,
        [
            before,
            "FOFANA, OLUWASEUN (CB 17162819), DOB 1993-10-20, age 29, of 2249 W",
            "Wabansia Ave Bsmt, Chicago, IL 60638, was also arrested and",
            "charged. He has a tattoo of a lion head on the right upper arm.",
            "Witness Maria Lopez, DOB 1980-02-02, said that Kim was also arrested.",
        ],
    )
    roles = {f.text: f.role for f in detection.findings}
    assert roles["FOFANA, OLUWASEUN"] is Role.CO_ARRESTEE
    assert roles["29"] is Role.CO_ARRESTEE
    assert roles["2249 W\nWabansia Ave Bsmt, Chicago, IL 60638"] is Role.CO_ARRESTEE
    assert roles["Maria Lopez"] is Role.WITNESS  # the sentence's subject is not the cue's


def test_a_passport_country_whose_number_wraps_in_its_cell(detector: Detector) -> None:
    # "...; PPT MEX" over "V04794186": "MEX" lies on one line, its evidence (the
    # passport's number) on the next; read as one text, the cell says whose it is.
    pdf = make_placed_pdf(
        [
            (40, 100, "TVDL#/STATE"),
            (140, 100, "OTHER ID"),
            (420, 100, "HAIR"),
            (480, 100, "CTZ"),
            (40, 112, "V901-4056-0544/IL"),
            (140, 112, "MCAS 4909198716; ALIEN REG 283-287-938; PPT MEX"),
            (420, 112, "BRO"),
            (480, 112, "MEXICO"),
            (140, 121, "V04794186"),
            (40, 140, "D.O.B."),
            (140, 140, "HGT"),
            (40, 152, "09-28-1957"),
            (140, 152, "6'01\""),
        ],
        fontsize=8,
    )
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        detection = detector.detect(extract_pages(doc))
    nationality = {f.text for f in detection.findings if f.category is Category.NATIONALITY}
    assert "MEX" in nationality
    passports = {f.text for f in detection.findings if f.category is Category.PASSPORT}
    assert "V04794186" in passports


def test_an_alias_cell_that_wraps_is_the_alias_the_narrative_repeats(detector: Detector) -> None:
    pdf = make_placed_pdf(
        [
            (36, 266, "NAME"),
            (101, 266, "ROSALES, Marleny"),
            (36, 296, "ALIAS /"),
            (101, 296, "Flaca; Noemí"),
            (218, 296, "E-MAIL"),
            (283, 296, "m.rosales@proton.me"),
            (36, 306, "NICKNAME"),
            (101, 306, "Quiñónez Bátiz"),
            (36, 360, "NARRATIVE"),
            (36, 372, "Rosales presented an identification card bearing the name Noemí"),
            (36, 384, "Quiñónez Bátiz, which was determined to be fraudulent."),
        ],
        fontsize=8.5,
    )
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        detection = detector.detect(extract_pages(doc))
    narrative = [f for f in detection.findings if "Quiñónez" in f.text and not f.fragment]
    # The narrative's mention is the alias (kept where the policy keeps aliases),
    # not a person of unknown role withheld beside the alias left in its cell.
    assert narrative and all(f.category is Category.ALIAS for f in narrative)
    assert all(f.role is Role.ARRESTEE for f in narrative)


def test_a_known_value_broken_by_a_page_break_is_found_on_both_pages(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            [
                "NAME: OLIVA ECHEVARRIA, JOSUE\tEMPL: LAKEVIEW DENTAL GROUP",
                "NOTIFIED: SISTER MARISOL OLIVA QUINTANILLA PH 773-555-0123",
                "NARRATIVE",
                "MR. OLIVA ECHEVARRIA STATED THAT HE WORKS AS A ROOFER FOR LAKEVIEW",
                "PAGE 1 OF 2",
            ],
            [
                "CASE # - 18-157690 (CONT'D)",
                "DENTAL GROUP, AND THAT HIS SUPERVISOR CAN CONFIRM HIS SCHEDULE.",
                "R/D THEN SPOKE WITH HIS SISTER, MARISOL",
                "PAGE 2 OF 3",
            ],
            [
                "OLIVA QUINTANILLA, WHO CONFIRMED HIS ADDRESS.",
            ],
        ],
    )
    employer = {(f.page, f.text) for f in detection.findings if f.category is Category.EMPLOYER}
    assert {(0, "LAKEVIEW"), (1, "DENTAL GROUP")} <= employer
    pieces = [f for f in detection.findings if (f.page, f.text) in {(0, "LAKEVIEW")}]
    assert all(f.fragment for f in pieces)  # "LAKEVIEW" alone is no value to search for
    sister = {(f.page, f.text, f.role) for f in detection.findings if f.category is Category.PERSON}
    assert (1, "MARISOL", Role.RELATIVE) in sister
    assert (2, "OLIVA QUINTANILLA", Role.RELATIVE) in sister


def test_a_dash_label_later_in_a_typed_row_starts_its_own_field(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            "NAME - MALIK, TARIQ",
            "LANG - PUNJABI; INTERPRETER REQUESTED IMM STAT - PAROLEE",
            "SMT - TAT L CALF - BARCODE",
        ],
    )
    status = [f.text for f in detection.findings if f.category is Category.IMMIGRATION_STATUS]
    language = [f.text for f in detection.findings if f.category is Category.LANGUAGE]
    assert status == ["PAROLEE"]
    assert language and not any("IMM" in t for t in language)  # released under public
    marks = [f.text for f in detection.findings if f.category is Category.PHYSICAL_MARKS]
    assert marks == ["TAT L CALF - BARCODE"]  # "L CALF" is no label


def test_a_labelled_number_read_further_by_its_recognizer_is_whole(detector: Detector) -> None:
    # The label's reading stops at the line break ("250-863-"); the A-number
    # recognizer reads on to "868", and that rest must go too.
    detection = detect(
        detector,
        [
            "NARRATIVE",
            "She stated that she has an asylum case. Paperwork in her possession bore A# 250-863-",
            "868. She was released to her family.",
        ],
    )
    numbers = [f for f in detection.findings if f.category is Category.A_NUMBER]
    assert any("868" in f.text and "250" in f.text for f in numbers)


def test_a_value_at_the_top_of_a_page_belongs_to_the_sentence_before_the_break(
    detector: Detector,
) -> None:
    detection = detect(
        detector,
        [
            [
                "NAME: SAUCEDO RAMOS, ITZEL\tDOB: 04/02/1988",
                "NARRATIVE",
                "R/D SPOKE WITH THE ARRESTEE'S GRANDMOTHER, MARISOL SAUCEDO, WHO RESIDES AT",
                "PAGE 1 OF 2",
            ],
            [
                "REPORT NO. 23-894643 (CONTINUATION)",
                "7590 N AUSTIN AVE, CHICAGO, IL 60630. SHE WAS INFORMED OF THE ARREST.",
            ],
        ],
    )
    address = [f for f in detection.findings if f.category is Category.ADDRESS and f.page == 1]
    assert address and {f.role for f in address} == {Role.RELATIVE}


@pytest.mark.parametrize(
    "footer",
    [
        "CPD-11.411-A Supplementary - Page 1 of 2",
        "CPD-11.411-A Supplementary - Page of 2",  # its number lost on a scan
    ],
)
def test_an_address_broken_by_a_page_break_keeps_its_zip_code_across_the_footer(
    detector: Detector, footer: str
) -> None:
    detection = detect(
        detector,
        [
            [
                "NARRATIVE",
                "Victim Saul Mejia, DOB 12/23/1963, of 6451 W. Chicago Ave, Apt 204, Chicago, IL",
                footer,
            ],
            [
                "SUPPLEMENTARY REPORT (continued) - RD JD-103919",
                "CB 79242504",
                "60617, phone (708)368-1295, was interviewed.",
            ],
        ],
    )
    address = {(f.page, f.text) for f in detection.findings if f.category is Category.ADDRESS}
    assert (1, "60617") in address


@pytest.mark.parametrize(
    ("span", "plausible"),
    [
        ("VIN", False),  # a scan's field label the small model took for a person
        ("PLATE", False),
        ("SEX", False),
        ("GARCIA", True),  # one word in capitals that is no label stays a name
        ("Vin Nguyen", True),  # the given name, with its surname
        ("Vin", True),  # as a word in a sentence, not a label in capitals
        ("GARCIA, Juan", True),
    ],
)
def test_a_label_in_capitals_alone_is_no_model_name(span: str, plausible: bool) -> None:
    from app.redaction.detection import _plausible_model_name

    assert _plausible_model_name(span) is plausible


@pytest.mark.parametrize(
    ("line", "value", "category", "ocr", "boxed"),
    [
        # On a scan a possessive's apostrophe takes its letter's width: the name's
        # box goes to the word's end.
        ("LOZANO'S primary language is Zapoteco", "LOZANO", Category.PERSON, True, "LOZANO'S"),
        ("Per Gurung's sister, she", "Gurung", Category.PERSON, True, "Gurung's"),
        ("SAW LOZANO'. THEN", "LOZANO", Category.PERSON, True, "LOZANO'."),
        # On a text page, or no possessive after it: the name's own box.
        ("LOZANO'S primary language is Zapoteco", "LOZANO", Category.PERSON, False, "LOZANO"),
        ("LOZANO'SX and", "LOZANO", Category.PERSON, True, "LOZANO"),
        ("LOZANO was advised", "LOZANO", Category.PERSON, True, "LOZANO"),
        # A number found again from its digits inside a word whose first glyphs
        # OCR read as marks: the box takes in the word's start.
        ("SEGURIDAD, NO. E£45814940, WAS", "45814940", Category.CONSULAR_ID, True, "E£45814940"),
        ("SEGURIDAD, NO. £45814940, WAS", "45814940", Category.CONSULAR_ID, True, "£45814940"),
        ("NO. (E45814940) WAS", "45814940", Category.CONSULAR_ID, True, "(E45814940"),
        # A label glued to it, two letters, or a text page: the value's own box.
        ("CB#86119528 WAS", "86119528", Category.CB_NUMBER, True, "86119528"),
        ("NO. EX45814940 WAS", "45814940", Category.CONSULAR_ID, True, "45814940"),
        ("NO. 7£45814940 WAS", "45814940", Category.CONSULAR_ID, True, "45814940"),
        ("NO. E£45814940, WAS", "45814940", Category.CONSULAR_ID, False, "45814940"),
        ("NO. 45814940 WAS", "45814940", Category.CONSULAR_ID, True, "45814940"),
    ],
)
def test_a_value_on_a_scan_is_boxed_to_the_ends_of_its_words_marks(
    line: str, value: str, category: Category, ocr: bool, boxed: str
) -> None:
    import dataclasses

    from app.redaction.candidates import P_PATTERN, Candidate
    from app.redaction.detection import _to_finding

    (page,) = extract_pages(pymupdf.open(stream=make_pdf([line])))
    page = dataclasses.replace(page, ocr=ocr)
    start = page.text.index(value)
    c = Candidate(category, Role.UNKNOWN, 0, start, start + len(value), 0.9, "t", P_PATTERN)
    finding = _to_finding(page, c)
    assert finding.text == value
    at = page.text.index(boxed)
    assert finding.boxes == page.boxes_for_span(at, at + len(boxed))


@pytest.mark.parametrize(
    ("section", "cells", "ocr", "names"),
    [
        # Labels read past knowing ("ae" for WIFE, "EYES" for MOTHER): the cells of
        # capitalised words in small letters are names, a wrapped cell's line too.
        (
            "PERSONS NOTIFIED",
            [
                (40, 100, "ae"),
                (100, 100, "Rocio"),
                (100, 110, "Lujan-Villasenor"),
                (210, 100, "EYES"),
                (280, 100, "Consuelo Guadalupe"),
                (280, 110, "Valdivia"),
            ],
            True,
            ["Rocio", "Lujan-Villasenor", "Consuelo Guadalupe", "Valdivia"],
        ),
        # One word alone, capitals, digits: no name.
        (
            "PERSONS NOTIFIED",
            [
                (40, 100, "ae"),
                (100, 100, "Rocio"),
                (210, 100, "CONTACT"),
                (280, 100, "847-483-1104"),
                (400, 100, "SAN LUIS"),
            ],
            True,
            [],
        ),
        # Outside a section of other people, or on a text page: as before.
        (
            "ARRESTEE",
            [(40, 100, "Se!"), (100, 100, "Harbor Freight"), (100, 110, "Logistics")],
            True,
            [],
        ),
        (
            "PERSONS NOTIFIED",
            [(40, 100, "WIFE"), (100, 100, "Consuelo Guadalupe"), (100, 110, "Valdivia")],
            False,
            [],
        ),
    ],
)
def test_names_in_the_cells_of_a_scanned_persons_section(
    section: str, cells: list[tuple[float, float, str]], ocr: bool, names: list[str]
) -> None:
    from dataclasses import replace

    from app.redaction import detection

    rows = [(40.0, 80.0, section), *cells]
    page = extract_pages(pymupdf.open(stream=make_placed_pdf(rows), filetype="pdf"))[0]
    page = replace(page, ocr=ocr)
    roles = detection._line_roles(page)
    found = [page.text[c.start : c.end] for c in detection._section_name_cells(page, roles)]
    assert found == names


def test_a_value_whose_owner_was_lost_takes_the_role_that_printed_it(
    detector: Detector,
) -> None:
    # The grid's name as a scan misread it ("Barttomiej"): the narrative's name
    # is tied to no one, but its CB number and address are the co-arrestee's.
    detection = detect(
        detector,
        [
            "CO-ARRESTEES",
            "WISNIEWSKI, BARTTOMIEJ DOB 10/23/1972 CB# 86844952 ADDR 2071 W. DICKENS AVE, "
            "CHICAGO, IL 60644",
            "NARRATIVE",
            "R/O LEARNED THAT WISNIEWSKI, BARTLOMIEJ (CB 86844952), OF 2071 W. DICKENS AVE,",
            "CHICAGO, IL 60644, WAS ALSO ARRESTED.",
        ],
    )
    cb = sorted(occurrences(detection, "86844952"), key=lambda f: f.start)
    home = [f for f in detection.findings if f.category is Category.ADDRESS]
    wrapped = [f for f in home if "\n" in f.text]  # the narrative's, over its line break
    assert len(cb) == 2 and wrapped
    assert {f.role for f in cb + home} == {Role.CO_ARRESTEE}


def test_an_empty_field_before_a_typed_field_has_its_value_under_it(detector: Detector) -> None:
    # "F-1 VISA#: ..." is a field of its own, not MATRICULA's value; that wrapped
    # under its label.
    detection = detect(
        detector,
        [
            "PPT#: MEX G28808140\tMATRICULA#:\tF-1 VISA#: 12574573",
            "\t0625-1683-37",
            "IR#: 47606575\tFBI#: 7436827P05",
        ],
    )
    assert_found(detection, "0625-1683-37", Category.CONSULAR_ID, Role.UNKNOWN)
    assert [f.category for f in occurrences(detection, "12574573")] == [Category.VISA]


def test_an_employer_column_label_does_not_make_the_home_under_its_row_a_workplace(
    detector: Detector,
) -> None:
    # A speck read as a cell of its own (":") in the row of labels ends the home
    # address's column early; the address pattern still reads it whole, and the
    # row's EMPLOYER ADDRESS label is no prose cue for it.
    pdf = make_placed_pdf(
        [
            (40, 100, "HOME ADDRESS", 7),
            (200, 100, ":", 7),
            (330, 100, "EMPLOYER ADDRESS", 7),
            (40, 112, "3217 W. Devon Ave, 2nd Fl, Chicago, IL 60607"),
            (330, 112, "3219 W. Marquette Rd"),
        ]
    )
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        detection = detector.detect(extract_pages(doc))
    home = [f for f in detection.findings if "Devon" in f.text]
    assert {f.category for f in home} == {Category.ADDRESS}
    assert any(f.text.endswith("60607") for f in home)
    assert [f.category for f in occurrences(detection, "3219 W. Marquette Rd")] == [
        Category.EMPLOYER
    ]


def test_an_address_under_a_row_that_names_the_employer_only_is_the_employers(
    detector: Detector,
) -> None:
    detection = detect(
        detector, ["EMPLOYER: KEDZIE TIRE SHOP	OCC: MECHANIC", "4410 N. Kedzie Ave, Chicago"]
    )
    found = covering(detection, "4410 N. Kedzie Ave, Chicago")
    assert found and {f.category for f in found} == {Category.EMPLOYER}


def test_a_typed_value_whose_parenthesis_wraps_under_its_label(detector: Detector) -> None:
    detection = detect(
        detector,
        [
            "EMPL ADDR: 3964 S. PULASKI RD",
            "LANG: VIETNAMESE (INTERPRETER\tSTATUS: DACA RECIPIENT",
            "PROVIDED)",
            "ARREST",
            "LANG: SPANISH\tSTATUS: NONE",
            "PROVIDED BY FAMILY",  # nothing left open above: no value of LANG
        ],
    )
    assert [f.category for f in occurrences(detection, "PROVIDED)")] == [Category.LANGUAGE]
    assert covering(detection, "PROVIDED BY FAMILY") == []
