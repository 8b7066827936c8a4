"""The tables are the specification: (text, the value(s) to redact or None).

Every value here is invented; none comes from the sample reports.
"""

from __future__ import annotations

import pytest

from app.redaction.recognizers.police import (
    BondRecognizer,
    CbNumberRecognizer,
    ChargeRecognizer,
    FbiNumberRecognizer,
    IrNumberRecognizer,
    RdNumberRecognizer,
    SidNumberRecognizer,
    StarNumberRecognizer,
)
from tests.redaction.recognizers._support import Expected, as_list, values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CB #: 12345678", "12345678"),
        ("CB 12345678", "12345678"),
        ("Arrestee: DOE, JOHN (CB 23456789)", "23456789"),
        ("CB No. 12345678", "12345678"),
        ("CB #\n12345678", "12345678"),
        ("Central Booking #: 12345678", "12345678"),
        ("Central Booking No: 20191234567", "20191234567"),  # 11 digits
        ("BOOKING NO. 2019123456\tDATE", "2019123456"),
        ("CB#12345678", "12345678"),
        ("CB NO:. 57620186", "57620186"),  # a speck after the colon
        ("CB # - 12345678\tRECORDS DIV NO - JG-050084", "12345678"),
        ("Cb No - 12345678\tRD NO - JE-787715", "12345678"),
        ("CENTRAL BOOKING NO - 12345678", "12345678"),
        ("CASE # QD17-37204 (CONTINUATION)\tARREST # 20171234567", "20171234567"),
        ("ARREST #: 97623711\tEYES/HAIR: BRO/BLK", "97623711"),
        ("P.O. J. Smith #1234", None),  # a star number
        ("CB #: 123456789012", None),  # twelve digits
        ("ARREST #\tJUVENILE\tCLEARANCE\nFM19-67756\t20191234567", None),  # header row
        ("Central Booking\nARREST REPORT", None),
        ("under arrest no later than 0800", None),
        ("IR #: 1234567", None),
        ("Event #: 7194938401", None),
        ("CB radio", None),
        ("CB #: NONE", None),
    ],
)
def test_cb_number(text: str, expected: Expected) -> None:
    assert values(CbNumberRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IR #: 2345678", "2345678"),
        ("IR no. 1234567, FBI no. 123456AB7", "1234567"),
        ("IR #\n2345678", "2345678"),
        ("I.R. 2345678", "2345678"),
        ("CB #: 12345678", None),
        ("va a ir 2345678", None),  # Spanish "ir", lower case
        ("IR #:\nFBI #: NONE", None),
        ("CB #: 23456789\tIR #: 3456789\tFBI #: NONE", "3456789"),  # one row, many fields
        ("Ir No - 624307\nCB # - 89963005", "624307"),
        ("I.R. # - 1513518\tA# - 278-276-062", "1513518"),
        ("Ir a la tienda 2345678", None),  # Spanish, capitalised: no number word
    ],
)
def test_ir_number(text: str, expected: Expected) -> None:
    assert values(IrNumberRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FBI #: 123456AB7", "123456AB7"),
        ("FBI no. 1234567XB9", "1234567XB9"),
        ("FBI #\n762341KL3", "762341KL3"),
        ("UCN 123456AB7", "123456AB7"),
        ("Fbi No - 963494LP6\nSocial Security", "963494LP6"),
        ("IR no. 375471, FBI\nno. 1446276TH9. Scars", "1446276TH9"),  # wrapped
        ("FBI #: NONE", None),
        ("FBI agents responded", None),
        ("FBI #: 12345", None),  # too short
        # A gap read between digits and letters; not a number and a word after it.
        ("FBI no. 856421 LW4, SID 48129514", "856421 LW4"),
        ("FBI no. 856421 WAS RUN", "856421"),
        ("FBI no. 85642 LW4", None),
    ],
)
def test_fbi_number(text: str, expected: Expected) -> None:
    assert values(FbiNumberRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SID #: IL12345678", "IL12345678"),
        ("SID IL01234567. Also known as", "IL01234567"),
        ("SID #\n23456789", "23456789"),
        ("state ID number IL12345678", "IL12345678"),
        ("STATE ID (SID): 52473982\tFBI #: 1797099YK6", "52473982"),
        ("STATE ID (SID) - IL84676318\tFBI NO", "IL84676318"),
        ("IL23456789", "IL23456789"),  # the ISP format on its own
        ("SID #: NONE", None),
        ("SID #\nRD #\nJE-123456", None),  # empty field
        ("CB #\tIR #\tSID #\n23456789\t3456789", None),  # header row: the cell is the CB's
        ("Sid 12345678", None),  # a first name
        ("State ID: B234-5678-9012", None),  # a state ID card
    ],
)
def test_sid_number(text: str, expected: Expected) -> None:
    assert values(SidNumberRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RD #: JA123456", "JA123456"),
        ("RD Number: JA-123456", "JA-123456"),
        ("RD no. HZ123456", "HZ123456"),
        ("SUPPLEMENTARY REPORT (continued) - RD JB-654321", "JB-654321"),
        ("RD #\nJC-765432", "JC-765432"),
        ("JA123456", None),  # no cue: RD numbers are released, so no guessing
        ("3900 S PULASKI Rd 123456", None),
        ("RD #: 12345678", None),
    ],
)
def test_rd_number(text: str, expected: Expected) -> None:
    assert values(RdNumberRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R/Os P.O. John Smith #1234 and", "1234"),
        ("Det. J. WALKER #20345 responded", "20345"),
        ("APPROVED: Sgt. KELLY, Thomas #2468   Date/Time", "2468"),
        ("bilingual Lt. Garza (Star #7531) translated", "7531"),
        ("Officer O'NEILL #567", "567"),
        ("Lockup keeper: Sgt. Mary Ellen Price #6420.", "6420"),
        ("Star #1234", "1234"),
        ("STAR #: 20345", "20345"),
        ("Cmdr. Ruiz #88 and Lt. Chen #412", ("88", "412")),
        ("1945 S. Racine Ave, #2, Chicago", None),  # a unit
        ("CB #: 12345678", None),
        ("Event #: 7194938401", None),
        ("PO Box #1234", None),
        ("P.O. Smith #12345678", None),  # too long for a star
    ],
)
def test_star_number(text: str, expected: Expected) -> None:
    assert values(StarNumberRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BOND TYPE: I-BOND     BOND AMOUNT: $2,500     COURT BRANCH", "$2,500"),
        ("Bond was set at $50,000 (I-BOND).", "$50,000"),
        ("BOND AMOUNT: $5,000.00", "$5,000.00"),
        ("released on a $1,000 D-Bond", "$1,000"),
        ("bail of $7500", "$7500"),
        ("$25,000 (D-BOND)", "$25,000"),
        ("(1) wallet containing $16 USC", None),
        ("merchandise valued at $284.35", None),
        ("no monetary bond. He had $40.", None),
        ("informed of the bond hearing.", None),
    ],
)
def test_bond(text: str, expected: Expected) -> None:
    assert values(BondRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("720 ILCS 5/16-1(a)(1)(A)", "720 ILCS 5/16-1(a)(1)(A)"),
        ("625 ILCS 5/11-501(a)(2)\nDRIVING UNDER", "625 ILCS 5/11-501(a)(2)"),
        ("720 ILCS 550/4(a)", "720 ILCS 550/4(a)"),
        (
            "charged with: 720 ILCS 5/19-1(a) - BURGLARY; 720",
            "720 ILCS 5/19-1(a) - BURGLARY",
        ),
        (
            "625 ILCS\n5/11-503(a) - RECKLESS DRIVING.",
            "625 ILCS\n5/11-503(a) - RECKLESS DRIVING",
        ),
        ("720 ILCS 570/402(c)", "720 ILCS 570/402(c)"),
        ("MCC 8-4-010(a)", "MCC 8-4-010(a)"),
        ("8-4-015 MCC", "8-4-015 MCC"),
        ("8 USC 1326", "8 USC 1326"),
        ("Page 1 of 2", None),
        ("CPD-11.420", None),
    ],
)
def test_charge(text: str, expected: Expected) -> None:
    assert values(ChargeRecognizer(), text) == as_list(expected)
