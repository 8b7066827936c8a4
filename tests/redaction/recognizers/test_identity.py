"""The tables are the specification: (text, the value(s) to redact or None).

Every value here is invented; none comes from the sample reports.
"""

from __future__ import annotations

import pytest

from app.redaction.recognizers.identity import (
    AgeRecognizer,
    DateOfBirthRecognizer,
    DriversLicenseRecognizer,
    LicensePlateRecognizer,
    ReportEmailRecognizer,
    ReportPhoneRecognizer,
    SsnRecognizer,
    StateIdRecognizer,
    VinRecognizer,
    vin_check_digit_ok,
)
from tests.redaction.recognizers._support import Expected, as_list, values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SSN: 412-55-1234", "412-55-1234"),
        ("SSN\n412-55-1234", "412-55-1234"),
        ("SSN 412551234", "412551234"),  # no dashes, cued
        ("Social Security No. 412 55 1234", "412 55 1234"),
        ("SS# 412.55.1234", "412.55.1234"),
        ("soc. sec. number: 412551234", "412551234"),
        ("his number is 412-55-1234", "412-55-1234"),  # dashed 3-2-4 alone
        ("SSN 660 60 3428", "660 60 3428"),  # spaces after a cue
        ("J85321529357. SSN 527\n60 8256. IR no. 5742271", "527\n60 8256"),  # wrapped
        ("SSN: 412-\n55-1234", "412-\n55-1234"),
        ("412 55\n1234", None),  # no cue: a wrapped number could be anything
        ("SSN: 088 19 0869\tDL#", "088 19 0869"),
        ("SOC: 563 75 4665\tPPT#: RT9236865", "563 75 4665"),
        ("Social Security No - 423-39-9927\tIr No", "423-39-9927"),
        ("412 55 1234", None),  # spaces without a cue
        ("SOC 101 class", None),  # "SOC" only as a label
        ("412551234", None),  # nine digits without a cue
        ("SSN: 000-12-3456", None),  # area 000
        ("SSN: 666-12-3456", None),  # area 666
        ("SSN: 912-55-1234", None),  # area 9xx (ITIN range)
        ("SSN: 412-00-1234", None),  # group 00
        ("SSN: 412-55-0000", None),  # serial 0000
        ("phone 312-555-0134", None),  # a phone number
        ("A# 212-345-678", None),
        ("SSN: UNK", None),
        ("SSN:\nDL#/STATE: A123 4567 8901/IL", None),  # empty field
    ],
)
def test_ssn(text: str, expected: Expected) -> None:
    assert values(SsnRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DL#/STATE: B234 5678 9012/IL", "B234 5678 9012"),
        ("IL DL no. B234-5678-9012", "B234-5678-9012"),
        ("IL TVDL no. B234-5678-9012.", "B234-5678-9012"),
        ("D/L: B23456789012", "B23456789012"),
        ("driver's license number B234 5678 9012", "B234 5678 9012"),
        ("DL: IL/B234-5678-9012", "B234-5678-9012"),  # state prefix stays visible
        ("DL#\nB234 5678 9012", "B234 5678 9012"),
        ("B234-5678-9012", "B234-5678-9012"),  # Illinois shape, no cue
        ("E-mail: x@y.com. IL DL no. M742-\n3000-8377. Also", "M742-\n3000-8377"),  # wraps
        ("IL TVDL no. K464\n3006 4038. IR no. 52263272.", "K464\n3006 4038"),  # at a space
        ("Indiana driver's license 1234-56-7890", "1234-56-7890"),
        ("DL: WI S530-4607-3011-05", "S530-4607-3011-05"),
        ("CA DL# D1234567", "D1234567"),
        ("NO VALID DRIVER'S LICENSE\nB\nM", None),  # a charge, no number
        ("unable to produce a valid driver's license. A name check", None),
        ("DL#/STATE:\nOTHER ID: NONE", None),
        ("State ID: B234-5678-9012", None),  # a state ID card
        ("license plate ABC1234", None),
        ("DL: NONE", None),
        ("FEDERAL LIMITS APPLY", "FEDERAL LIMITS APPLY"),
    ],
)
def test_drivers_license(text: str, expected: Expected) -> None:
    assert values(DriversLicenseRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("State ID: B234-5678-9012", "B234-5678-9012"),
        ("IL ID #B23456789012", "B23456789012"),
        ("Illinois identification card no. B234 5678 9012", "B234 5678 9012"),
        ("state ID card 123456789", "123456789"),
        ("consular ID card no. 7723456780", None),  # a consular ID
        ("employee ID card no. 4455667", None),
        ("state ID number IL12345678", None),  # an ISP SID number
        ("presented an Illinois identification card bearing the name", None),
        ("DL: B234-5678-9012", None),  # a driver's licence
    ],
)
def test_state_id(text: str, expected: Expected) -> None:
    assert values(StateIdRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LIC PLATE: ABC1234", "ABC1234"),
        ("IL plate AB 12345, VIN", "AB 12345"),
        ("bearing Illinois registration CX52817 in the 1200 block", "CX52817"),
        ("bearing Illinois\nregistration 445 7812 in the", "445 7812"),
        ("license plate IL/AB 12345", "AB 12345"),
        ("plate (IN) 123ABC", "123ABC"),
        ("LP# 8812345", "8812345"),
        ("black 2011 Toyota Camry (IL plate LM\n38714, VIN 2C3SHM2T2BG463301)", "LM\n38714"),
        ("plate number: TX 4GHJ123", "4GHJ123"),
        ("He provided alien registration no. A 212 345 678", None),  # an A-number
        ("license plate reader alert", None),
        ("plate glass window", None),
        ("IL plate FLACO", None),  # no digit: indistinguishable from a word
        ("ABC1234", None),  # no cue
    ],
)
def test_license_plate(text: str, expected: Expected) -> None:
    assert values(LicensePlateRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vehicle (VIN 1M8GDM9AXKP042788) was towed.", "1M8GDM9AXKP042788"),
        ("VIN: 1M8GDM9A1KP042788", "1M8GDM9A1KP042788"),  # bad check digit, but cued
        ("VIN#\n2FTRX18W1XCA01212", "2FTRX18W1XCA01212"),
        ("towed, 1M8GDM9AXKP042788, to Pound 2", "1M8GDM9AXKP042788"),  # check digit ok
        ("towed, 1M8GDM9A1KP042788, to Pound 2", None),  # no cue, check digit wrong
        ("VIN 1M8GDM9AXKP04278O", None),  # letter O is never used
        ("12345678901234567", None),  # all digits
    ],
)
def test_vin(text: str, expected: Expected) -> None:
    assert values(VinRecognizer(), text) == as_list(expected)


def test_vin_check_digit() -> None:
    assert vin_check_digit_ok("1M8GDM9AXKP042788")
    assert not vin_check_digit_ok("1M8GDM9A1KP042788")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("E-mail: juan.perez77@example.com.", "juan.perez77@example.com"),
        ("email j_doe+cpd@mail.example.org", "j_doe+cpd@mail.example.org"),
        ("(RPerez@Example.NET)", "RPerez@Example.NET"),
        ("user@localhost", None),
        ("@example.com", None),
    ],
)
def test_email(text: str, expected: Expected) -> None:
    assert values(ReportEmailRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PHONE: 312-555-0134", "312-555-0134"),
        ("(312) 555-0134", "(312) 555-0134"),
        ("AT (224). 235-5503.", "(224). 235-5503"),  # a scan's speck after the area code
        ("telephone 312.555.0134.", "312.555.0134"),
        ("+1 312 555 0134", "+1 312 555 0134"),
        ("1-773-555-0199", "1-773-555-0199"),
        ("telephone (630)\n555-0142. E-mail", "(630)\n555-0142"),  # wrapped
        ("phone 331-\n664-0292, was", "331-\n664-0292"),  # wrapped at a hyphen
        ("phone 872-693-\n8476, was", "872-693-\n8476"),
        ("PH 224/520-1821", "224/520-1821"),  # typed reports
        ("phone 630 916\n0501, was", "630 916\n0501"),
        ("DOB 12/25/1990", None),
        ("cell: 3125550134", "3125550134"),
        ("312-555-0134 x204", "312-555-0134 x204"),
        ("mother in Mexico, phone +52 55 1234 5678.", "+52 55 1234 5678"),
        ("+502 2345-6789", "+502 2345-6789"),
        ("SSN 412-55-1234", None),
        ("A# 212-345-678", None),
        ("+5 12", None),  # too few digits
        ("Event #: 7194938401", None),  # ten digits without a phone cue
        ("CB #: 35123456", None),
        ("2021-03-15", None),
        ("by telephone at 6306056396, who resides", "6306056396"),
        ("Notified: Cousin Maribel Ortiz at 6305556396.", "6305556396"),
        ("Notified: Brother-in-law José Luis Ocampo at 7735551448, who", "7735551448"),
        # A relative's long name: 41 characters between the colon and "at".
        ("Notified: Sister Guadalupe Socorro Trejo-Escamilla at 2243964636.", "2243964636"),
        ("phone 7737453291", "7737453291"),
        ("CONTACT NO.: 2245556470\tSEX/Race: M", "2245556470"),
        ("PH#: 3125556826", "3125556826"),
        ("GRANDMOTHER\tRania Ibrahim\tCONTACT\t8475551374\nNARRATIVE", "8475551374"),
        ("EMERGENCY CONTACT\tEMAIL\nAna Kang", None),
        ("Ana Kang (COUSIN) 7735559752\tana@example.com", "7735559752"),
        ("O'SHEA, Ronan (BROTHER-IN-LAW) 7085550160", "7085550160"),
        ("phone +1 872-623-3087.", "+1 872-623-3087"),
        ("phone +1\n872-555-9218, was", "+1\n872-555-9218"),  # "+1" ends the line
        ("cell 779 984 2455", "779 984 2455"),
        ("TEL - 331.335.0866", "331.335.0866"),
        ("Notified: OEMC, event 7194938401", None),  # no "at" before the digits
        ("called 911 at 2130 hrs", None),
        ("(CB) 3125550134", None),  # not a relationship
        ("RD No. (2021) 7194938401", None),
        ("012-555-0134", None),  # area codes never start with 0 or 1
        ("called 911", None),
        # A number broken by a page break: the area code ends page 1.
        ("SPOKE WITH HIS BROTHER, BY TELEPHONE AT (312)\nPAGE 1 OF 2", "(312)"),
        ("BY TELEPHONE AT (312)", "(312)"),
        ("BY TELEPHONE AT (312) ON 5/1.\nMORE TEXT\nAND MORE\nAND MORE", None),
        # OCR set a space beside a hyphen.
        ("Notified: Sister Grazyna Michalski at 312-251 -9456.", "312-251 -9456"),
        ("phone (224)431- 1588, was interviewed", "(224)431- 1588"),
    ],
)
def test_phone(text: str, expected: Expected) -> None:
    assert values(ReportPhoneRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DOB: 03/14/1991", "03/14/1991"),
        ("DOB\n09/01/1985", "09/01/1985"),
        ("M/WWH, DOB 1982-11-04 (41 years old)", "1982-11-04"),
        ("sister, Ana Ruiz (DOB 1994-02-21), of", "1994-02-21"),
        ("JABLONSKI, JAROSLAW (DOB. 8/27/2007), OF", "8/27/2007"),  # a speck after DOB
        ("D.O.B. 3-4-91", "3-4-91"),
        ("date of birth 14 Mar 1991", "14 Mar 1991"),
        ("Date of Birth: 14-MAR-1991", "14-MAR-1991"),
        ("born on March 14, 1991 in", "March 14, 1991"),
        ("DOB/AGE: 07/04/1976", "07/04/1976"),
        ("DOB: 19910314", "19910314"),
        ("DOB: 03141991", "03141991"),
        ("DOB Dec. 19, 1996", "Dec. 19, 1996"),  # abbreviated months with periods
        ("D.O.B. Mar. 3, 1951", "Mar. 3, 1951"),
        ("DOB Sept. 9, 1980", "Sept. 9, 1980"),
        ("DOB November 5,\n1967, of", "November 5,\n1967"),  # wraps after the cue
        ("(DOB 29 September\n2004), of", "29 September\n2004"),
        ("D.O.B. - 02/15/1954\nE-Mail", "02/15/1954"),
        ("WITNESS - Thi Hoa Dang D.O.B, - 05-03-2003", "05-03-2003"),  # a speck for "."
        ("Date Of Birth - Sep. 13, 1974\nTattoos", "Sep. 13, 1974"),
        ("DOB - 23-MAR-1984\tCONTACT NO.", "23-MAR-1984"),
        ("Birthdate: Apr. 9, 1943\nResidence", "Apr. 9, 1943"),
        ("DOB Dec. 19, the day after", None),  # no year
        ("arrested Dec. 19, 1996 at", None),  # no DOB cue
        ("ARREST DATE: 03/14/2021", None),  # not a birth date
        ("On 03/14/2021 at 2225 hrs", None),
        ("born in 1991", None),  # a year only
        ("THE STEPFATHER (DOB 13-JUN-\n1988)", "13-JUN-\n1988"),  # wrapped at its hyphen
        # A dash typeset or read as an en or em dash.
        ("HIS MOTHER (DOB 26-MAY—\n1955), PHONE", "26-MAY—\n1955"),
        ("DOB: 26–05–1955", "26–05–1955"),
        ("cousin, Ana Ruiz (DOB 4\nJanuary 1985), was", "4\nJanuary 1985"),  # after the day
        ("(DOB 4)\nJanuary 1985 was", None),  # no date: its day is closed off
        ("DOB: UNK", None),
        ("DOB: 99999999", None),
    ],
)
def test_date_of_birth(text: str, expected: Expected) -> None:
    assert values(DateOfBirthRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Age: 34", "34"),
        ("AGE 34", "34"),
        ("AGE\n47\nHGT", "47"),
        ("DOB 1982-11-04 (41 years old)", "41"),
        ("DOB 5 December 2003 (18 years\nold), of 3272 N", "18"),  # wrapped
        ("a 34-year-old male", "34"),
        ("DOB 10-05-1982, a 36-year-\nold, of 2409 W.", "36"),  # wrapped at a hyphen
        ("a 36-year-\nlong sentence", None),
        ("a 34 year old male", "34"),
        ("34 y/o male", "34"),
        ("aged 34", "34"),
        ("at the age of 16", "16"),
        ("34 years of age", "34"),
        ("has lived in Chicago for 40 years", None),  # a duration
        ("5 years ago", None),
        ("Age: UNK", None),
        ("AGE\nHGT\n5'09\"", None),
        ("AGE - 68\tD.O.B. - 02/15/1954", "68"),
        ("Age: 999", None),
        ("since 2016", None),
        # A person table's row, its AGE header unread: date of birth, age, sex code.
        ("1\tTRAN, Darius\t59830566\t06-17-1976\t42\tM/WHI\tNONE GIVEN", "42"),
        ("2 BATISTA DESROSIERS, 81798814 29-MAR-1988 35 M/WWH 6241 W 43RD ST", "35"),
        ("ASANTE, NGOZI 04-DEC-1974 49 F", "49"),
        # No age at that birth year, no sex code after it, or a count: no age.
        ("06-17-1976 12 M/WHI", None),
        ("06-17-2019 42 M/WHI", None),
        ("06-17-1976 42 MAIN ST", None),
        ("06-17-1976 42 boxes", None),
        # A typed " - " read as a dash run glued to the age.
        ("DOB - 29-APR-1997 AGE ——23 SEX. - M", "23"),
        ("AGE —-23", "23"),
        ("AGE ——", None),
    ],
)
def test_age(text: str, expected: Expected) -> None:
    assert values(AgeRecognizer(), text) == as_list(expected)
