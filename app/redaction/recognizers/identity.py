"""Recognizers for personal identifiers and contact data: SSN, driver's licence and
state ID, vehicle, e-mail, phone, date of birth and age.

Illinois FOIA 2(c-5) makes most of these "private information" (withheld from the
public); age is released under 2.15(a) but withheld from immigration agents, so it
has its own category rather than riding along with the date of birth.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import regex

from app.redaction.recognizers.base import (
    NO,
    SEP,
    WS,
    ValuePattern,
    ValueRecognizer,
    preceded_by,
)
from app.redaction.types import Category

# --- SSN ----------------------------------------------------------------------

# A cued number may wrap at one of its separators ("SSN 527" / "60 8256").
_WRAP = r"[ \t]*\n[ \t]*"
_SSN_DIGITS = (
    rf"(?:\d{{3}}-(?:{_WRAP})?\d{{2}}-(?:{_WRAP})?\d{{4}}"
    rf"|\d{{3}}(?:[ ]|{_WRAP})\d{{2}}(?:[ ]|{_WRAP})\d{{4}}|\d{{3}}\.\d{{2}}\.\d{{4}}|\d{{9}})"
)
_SSN_CUE = (
    r"(?:\bSSN|\bSS\#|\bSS[ \t]?No\b\.?|\bS\.S\.N?\.?|\bsoc(?:ial)?\.?[ \t]+sec(?:urity)?\.?"
    r"(?:[ \t]+(?:card|account))?"
    # "SOC: 563 75 4665": the short label some booking forms print, only as a label.
    r"|(?-i:\bSOC\b)(?=[ \t]*(?:[:#]|[-–][ \t]|No\b)))"
    r"(?:[ \t]*(?:\#|no\.?|number|num\.?)(?![a-z]))?"
)


class SsnRecognizer(ValueRecognizer):
    """US Social Security numbers: "SSN: 412-55-1234", "Social Security No. 412551234",
    "SSN 412 55 1234", "SOC: 412 55 1234", and the dashed 3-2-4 form on its own.

    Does not match: nine digits without an SSN cue; area numbers 000, 666 and
    900-999, group 00 or serial 0000 (never issued); phone numbers (3-3-4).
    """

    ENTITY = Category.SSN
    NAME = "ssn"
    PATTERNS = (
        ValuePattern("ssn_cued", _SSN_CUE + SEP + rf"(?P<value>{_SSN_DIGITS})(?![\w-]|\.\d)", 0.95),
        # The dashed 3-2-4 shape is rare on a report for anything but an SSN.
        ValuePattern(
            "ssn_dashed", r"(?<![\w.-])(?P<value>\d{3}-\d{2}-\d{4})(?![\w-]|\.\d)", 0.6, False
        ),
    )
    CONTEXT = ("ssn", "social", "security")

    def invalidate_result(self, pattern_text: str) -> bool | None:
        digits = regex.sub(r"\D", "", pattern_text)
        if len(digits) != 9:
            return True
        area, group, serial = digits[:3], digits[3:5], digits[5:]
        return area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000"


# --- Driver's licence and state ID --------------------------------------------

# Illinois licence and ID card: a letter and 11 digits, printed 4-4-4.
# Either grouped form may wrap between its groups ("IL DL no. M742-\n3000-8377",
# "IL TVDL no. K464\n3006 4038").
_HY_WRAP = rf"-(?:{_WRAP})?"
_SP_WRAP = rf"(?:[ ]|{_WRAP})"
IL_ID = (
    rf"(?-i:[A-Z]\d{{3}}(?:{_HY_WRAP}\d{{4}}{_HY_WRAP}\d{{4}}|{_SP_WRAP}\d{{4}}{_SP_WRAP}\d{{4}}"
    rf"|\d{{8}}))"
    r"(?![\w-])"
)
# Other states, only after a cue: letters then digits, possibly grouped; every
# group after the first holds a digit, so "123456789 ISSUED" stops at the number.
_OTHER_ID = r"(?-i:[A-Z]{0,3}\d{2,}(?:[ -]?(?=[A-Z]{0,5}\d)[A-Z0-9]{2,6}){0,4})(?![\w-])"
# A state prefix printed before the number ("IL/A123...", "IL A123..."); tried last,
# so a number that itself starts with two letters keeps them.
_STATE_PREFIX = r"(?:(?-i:[A-Z]{2})[ \t]*[/-]?[ \t]*)??"

_DL_CUE = (
    r"(?:(?-i:\b(?:TVDL|DLN|DL|D/L|D\.L\.))"
    r"|\b(?:temporary[ \t]+visitor[ \t]+)?driver'?s?[ \t]+licen[cs]e"
    r"|\bdriving[ \t]+licen[cs]e|\boperator'?s?[ \t]+licen[cs]e|\bdrivers?[ \t]+lic\b\.?)"
    r"(?:[ \t]*(?:\#|no\.?|number|num\.?)(?![a-z]))?(?:[ \t]*/[ \t]*(?:state|st)\b)?"
)
_ID_CARD_CUE = (
    r"(?:\bstate[ \t]+(?:ID|identification)(?:[ \t]+card)?"
    r"|\b(?:IL|Illinois)[ \t]+(?:state[ \t]+)?(?:ID|identification)(?:[ \t]+card)?"
    r"|\b(?:ID|identification)[ \t]+card|\bSOS[ \t]+ID)"
    r"(?:[ \t]*(?:\#|no\.?|number|num\.?)(?![a-z]))?"
)
_ID_CARD_BEFORE = _ID_CARD_CUE + r"[ \t]*[:#]?[ \t]*\n?[ \t]*\Z"
# An "ID card" that is not a state ID: consular, employee, school cards.
_OTHER_CARD_BEFORE = (
    r"\b(?:consul\w*|matr[ií]cula|employee|employment|student|school|work|union|library)"
    r"[ \t]+(?:ID|identification)"
)
# Federal Limits Apply: printed on non-REAL-ID Illinois cards, including every
# TVDL. DESIGN.md counts the marking with the licence it is printed on.
_FEDERAL_LIMITS = r"(?P<value>\bfederal[ \t]+limits[ \t]+apply\b)"


class DriversLicenseRecognizer(ValueRecognizer):
    """Driver's licence numbers: Illinois "A123-4567-8901" / "A123 4567 8901" /
    "A12345678901" (also without a cue, at a lower score), other states after a
    cue (DL, D/L, driver's license, TVDL); and the "Federal Limits Apply" marking.

    Does not match: the charge "NO VALID DRIVER'S LICENSE" (no number), licence
    plates, the Illinois format right after a state-ID cue (that is STATE_ID).
    """

    ENTITY = Category.DRIVERS_LICENSE
    NAME = "drivers_license"
    PATTERNS = (
        ValuePattern(
            "dl_cued",
            _DL_CUE + SEP + _STATE_PREFIX + rf"(?P<value>{IL_ID}|{_OTHER_ID})",
            0.95,
        ),
        ValuePattern("il_dl_format", rf"(?<![\w-])(?P<value>{IL_ID})", 0.6, False),
        ValuePattern("federal_limits_apply", _FEDERAL_LIMITS, 0.6),
    )
    CONTEXT = ("dl", "driver", "license", "licence", "tvdl")
    GUARDS: ClassVar[dict[str, str]] = {"id_card_before": _ID_CARD_BEFORE}

    def accept(
        self, text: str, match: regex.Match[str], start: int, end: int, pattern: ValuePattern
    ) -> bool:
        if pattern.name == "il_dl_format":
            return not preceded_by(text, start, self.guard("id_card_before"), 40)
        return True

    def invalidate_result(self, pattern_text: str) -> bool | None:
        if "limits" in pattern_text.lower():
            return False
        return sum(c.isdigit() for c in pattern_text) < 5


class StateIdRecognizer(ValueRecognizer):
    """State ID card numbers after an ID-card cue: "State ID: A123-4567-8901", "IL ID
    #A12345678901", "Illinois identification card no. ...".

    Does not match: consular, employee or school ID cards; the Illinois State Police
    SID format "IL12345678" (that is SID_NUMBER); an ID card with no number.
    """

    ENTITY = Category.STATE_ID
    NAME = "state_id"
    PATTERNS = (
        ValuePattern(
            "state_id_cued",
            _ID_CARD_CUE + SEP + _STATE_PREFIX + rf"(?P<value>{IL_ID}|{_OTHER_ID})",
            0.9,
        ),
    )
    CONTEXT = ("state", "identification", "id")
    GUARDS: ClassVar[dict[str, str]] = {"other_card_before": _OTHER_CARD_BEFORE}

    def accept(
        self, text: str, match: regex.Match[str], start: int, end: int, pattern: ValuePattern
    ) -> bool:
        return not preceded_by(text, start, self.guard("other_card_before"), 45)

    def invalidate_result(self, pattern_text: str) -> bool | None:
        if regex.fullmatch(r"[A-Z]{2}\d{7,9}", pattern_text):
            return True  # an Illinois SID, not a card number
        return sum(c.isdigit() for c in pattern_text) < 5


# --- Vehicle --------------------------------------------------------------------

_STATES = (
    r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT"
    r"|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)"
)
_STATE_NAMES = (
    r"(?:Illinois|Indiana|Wisconsin|Michigan|Iowa|Missouri|Ohio|Kentucky|Minnesota|Texas"
    r"|Florida|California|Georgia|Tennessee|Arizona|Nevada|New[ \t]+York|temporary|temp)"
)
# Plates: up to 8 characters with a digit ("ABC1234", "CX52817"), or two groups
# ("AB 12345", "445 7812") whose second group holds a digit; the groups may be
# split by a line break ("IL plate LM" / "38714").
_PLATE = (
    r"(?-i:[A-Z0-9]{1,4}(?:[ -]|[ \t]*\n[ \t]*)(?=[A-Z]{0,4}\d)[A-Z0-9]{1,5}"
    r"|(?=[A-Z]{0,7}\d)[A-Z0-9]{2,8})(?![\w-])"
)
_PLATE_CUE = (
    r"(?:\b(?:licen[cs]e|lic\.?|registration|reg\.?|vehicle)?[ \t]*plates?\b"
    r"|\bLP\#|(?-i:\bLIC\b)|\bplate[ \t]+number"
    r"|\b(?:" + _STATE_NAMES + r"|(?-i:" + _STATES + r"))" + WS + r"(?:registration|reg\.|tags?)\b"
    r"|\bvehicle[ \t]+registration\b|\bregistration[ \t]+plates?\b)"
)


class LicensePlateRecognizer(ValueRecognizer):
    """Licence plates after a plate cue: "LIC PLATE: ABC1234", "IL plate CX52817",
    "bearing Illinois registration AB 12345", "plate IL/AB 12345".

    Does not match: a plate-shaped string without a cue; "alien registration no."
    (an A-number); vanity plates with no digit (indistinguishable from words).
    """

    ENTITY = Category.VEHICLE
    NAME = "license_plate"
    PATTERNS = (
        ValuePattern(
            "plate_cued",
            _PLATE_CUE
            + r"(?:[ \t]*(?:\#|no\.?|number|num\.?)(?![a-z]))?"
            + SEP
            + r"(?:(?-i:"
            + _STATES
            + r")[ \t]*(?:/|-|[ \t])[ \t]*|\((?-i:"
            + _STATES
            + r")\)[ \t]*)??"
            + rf"(?P<value>{_PLATE})",
            0.85,
        ),
    )
    CONTEXT = ("plate", "registration", "license", "vehicle")

    def accept(
        self, text: str, match: regex.Match[str], start: int, end: int, pattern: ValuePattern
    ) -> bool:
        # "alien registration no. A 212 345 678" is an A-number.
        return "alien" not in text[max(0, start - 40) : start].lower()


_VIN_CHARS = "A-HJ-NPR-Z0-9"  # I, O and Q are never used in a VIN
_VIN = rf"(?-i:[{_VIN_CHARS}]{{17}})(?![\w-])"
_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_check_digit_ok(vin: str) -> bool:
    """The North American check digit (position 9). Vehicles made for other markets
    need not carry one, so it only decides whether a VIN with no cue is reported."""
    if len(vin) != 17 or any(c not in _VIN_VALUES for c in vin):
        return False
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True)) % 11
    return vin[8] == ("X" if total == 10 else str(total))


class VinRecognizer(ValueRecognizer):
    """Vehicle identification numbers: 17 characters without I, O or Q. After a
    "VIN" cue any such string; without a cue only when the check digit is right.

    Does not match: 17-character strings with I/O/Q, all digits or all letters.
    """

    ENTITY = Category.VEHICLE
    NAME = "vin"
    PATTERNS = (
        ValuePattern(
            "vin_cued",
            r"\b(?:VIN|V\.I\.N\.|vehicle[ \t]+identification[ \t]+number)"
            + NO
            + r"?"
            + SEP
            + rf"(?P<value>{_VIN})",
            0.95,
        ),
        ValuePattern("vin_checksum", rf"(?<![\w-])(?P<value>{_VIN})", 0.85, False),
    )
    CONTEXT = ("vin", "vehicle")

    def accept(
        self, text: str, match: regex.Match[str], start: int, end: int, pattern: ValuePattern
    ) -> bool:
        value = text[start:end]
        if value.isdigit() or value.isalpha():
            return False
        return pattern.name != "vin_checksum" or vin_check_digit_ok(value)


# --- E-mail and phone -----------------------------------------------------------


class ReportEmailRecognizer(ValueRecognizer):
    """E-mail addresses. Our own pattern rather than Presidio's, which validates the
    domain with tldextract; tldextract fetches the public-suffix list over the
    network on first use, and the service has no network at run time.

    Does not match: "name@host" without a dot-separated top-level domain.
    """

    ENTITY = Category.EMAIL
    NAME = "email"
    PATTERNS = (
        ValuePattern(
            "email",
            r"(?<![\w.+%-])(?P<value>[A-Z0-9._%+-]{1,64}@[A-Z0-9-]{1,63}(?:\.[A-Z0-9-]{1,63})*"
            r"\.[A-Z]{2,24})(?![\w@-])",
            0.95,
        ),
    )


_AREA = r"[2-9]\d{2}"
# "+1" may end a line with the number on the next ("phone +1\n312-555-0134").
# Prose may wrap inside the number, after a hyphen or a space ("phone 331-" /
# "664-0292", "phone 630 916" / "0501"); typed reports write "312/555-0134".
# On a scan, OCR may set a space beside a hyphen ("312-251 -9456", "(224)431- 1588").
_PHONE_HYPHEN = r"(?:-?[ \t]*\n[ \t]*|[ .-]|[ \t]-[ \t]?|-[ \t])"
_PHONE = (
    r"(?:\+1(?:[ .-]|[ \t]*\n[ \t]*)?|1[ .-]?)?"
    # (a speck after the area code's parenthesis on a scan: "(224). 235-5503")
    rf"(?:\({_AREA}\)[.,]?[ \t]?\n?[ \t]*|{_AREA}(?:{_PHONE_HYPHEN}|/))"
    rf"[2-9]\d{{2}}{_PHONE_HYPHEN}\d{{4}}"
    r"(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,5})?"
)
# Ten digits run together: only after a phone cue, since event and report numbers
# have ten digits too.
_TEN_DIGITS = rf"(?P<value>(?:\+?1)?{_AREA}[2-9]\d{{6}})(?!\d)"
_PHONE_CUE = (
    r"\b(?:phone|tel|telephone|cell(?:ular)?|mobile|ph"
    r"|contact(?=[ \t]*(?:\#|no\b|number|:|-[ \t]|\t))"
    r"|notified|called|reached|texted)\b\.?(?:[ \t]*(?:\#|no\.?|number))?"
)
# A few words between the cue and "at": "by telephone at 3125550134", "Notified:
# Cousin Ana Ruiz at 3125550134" (a relative's whole name after a colon: up to 60
# characters). No digit, no sentence end in between.
_CUE_THEN_AT = r"(?:[^\d\n.;:]{0,40}?[ \t]at[ \t]+|[ \t]*:[^\d\n.;]{0,60}?[ \t]at[ \t]+)"
# An emergency contact as forms print it: "Ana Ruiz (SISTER) 3125550134".
_RELATIONSHIP = (
    r"(?:(?:step|grand|great[ -]?)?(?:mother|father|brother|sister|son|daughter|parent|child)"
    r"|wife|husband|spouse|cousin|uncle|aunt|niece|nephew|girlfriend|boyfriend|fianc[eé]e?"
    r"|partner|friend|neighbou?r|roommate|guardian|mom|dad|self|home|cell|work|mobile)"
    r"(?:[ -]in[ -]law)?"
)


class ReportPhoneRecognizer(ValueRecognizer):
    """US phone numbers: "312-555-0134", "(312) 555-0134", "312.555.0134", "+1 312 555
    0134", "+1 312-555-0134" (the "+1" may end a line); ten digits run together after
    a phone cue ("phone 3125550134", "by telephone at 3125550134", "Notified: Cousin
    Ana Ruiz at 3125550134") or after a contact's relationship ("Ana Ruiz (SISTER)
    3125550134"); and "+"-prefixed international numbers. Our own pattern: Presidio's
    phone recognizer (phonenumbers) also reports eight- and ten-digit report numbers.

    Does not match: SSNs (3-2-4), A-numbers (3-3-3), CB or event numbers, ten digits
    run together without a cue, numbers whose area code or exchange starts with 0 or
    1, dates.
    """

    ENTITY = Category.PHONE
    NAME = "phone"
    PATTERNS = (
        ValuePattern("phone", rf"(?<![\w/.+-])(?P<value>{_PHONE})(?![\w-]|\.\d)", 0.8, False),
        ValuePattern("phone_digits_cued", _PHONE_CUE + SEP + _TEN_DIGITS, 0.85),
        ValuePattern("phone_digits_at", _PHONE_CUE + _CUE_THEN_AT + _TEN_DIGITS, 0.85),
        ValuePattern(
            "phone_digits_contact",
            r"\(" + _RELATIONSHIP + r"\)[ \t]*" + _TEN_DIGITS,
            0.8,
        ),
        # A number broken across a page: "BY TELEPHONE AT (312)" ends the page, the
        # rest starts the next one (propagation finds that part by the number).
        ValuePattern(
            "phone_area_code_at_page_end",
            # (a footer line or two may follow: "PAGE 1 OF 2")
            _PHONE_CUE + _CUE_THEN_AT + rf"(?P<value>\({_AREA}\))(?=[ \t]*(?:\n[^\n]*){{0,2}}\Z)",
            0.8,
        ),
        # Relatives abroad: "+52 55 1234 5678", "+502 2345-6789". The "+" is the cue.
        ValuePattern(
            "phone_international",
            r"(?<![\w+])(?P<value>\+(?!1\b)[2-9]\d{0,2}(?:[ .-]?\(?\d{1,4}\)?){2,5})(?![\w-])",
            0.75,
            False,
        ),
    )
    CONTEXT = ("phone", "telephone", "cell", "tel", "call", "contact")

    def invalidate_result(self, pattern_text: str) -> bool | None:
        # An international number has 8 to 15 digits (ITU E.164).
        if regex.fullmatch(r"\(\d{3}\)", pattern_text):
            return False  # an area code left at the end of a page
        return not 8 <= sum(c.isdigit() for c in pattern_text) <= 15


# --- Date of birth and age ---------------------------------------------------------

MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A date's dash may be typeset, or read on a scan, as an en or em dash ("26-MAY—1955").
_DASH = "[-–—]"
DATE = (
    rf"(?:\d{{1,2}}(?:/|{_DASH})\d{{1,2}}(?:/|{_DASH})(?:\d{{4}}|\d{{2}})"  # 03/14/1991, 3-14-91
    rf"|\d{{4}}(?:[/.]|{_DASH})\d{{1,2}}(?:[/.]|{_DASH})\d{{1,2}}"  # 1991-03-14
    r"|\d{1,2}\.\d{1,2}\.\d{4}"  # 14.03.1991
    # 14 Mar 1991, 14-MAR-91; the year may wrap to the next line ("13-JUN-\n1988")
    # ... or the month ("(DOB 4" / "January 1985)")
    rf"|\d{{1,2}}(?:{WS}|{_DASH}){MONTH_NAME}(?:,?{WS}|{_DASH}(?:[ \t]*\n[ \t]*)?)\d{{2,4}}"
    # March 14, 1991 / Dec. 19, 1996 / November 5,\n1967
    rf"|{MONTH_NAME}{WS}\d{{1,2}}(?:st|nd|rd|th)?,?{WS}\d{{4}}"
    r"|\d{8})(?![\w/–—-])"  # 03141991 (cued only)
)
_DOB_CUE = (
    r"(?:\bDOB\b\.?|(?<!\w)D\.O\.B[.,]?|\bdate[ \t]+of[ \t]+birth\b|\bbirth[ \t]?date\b|\bB/D\b"
    r"|\bbirthday\b|\bborn(?:[ \t]+on)?\b)(?:[ \t]*/[ \t]*age\b)?"
)


class DateOfBirthRecognizer(ValueRecognizer):
    """Dates of birth in any common format, only after a DOB cue: "DOB: 03/14/1991",
    "(DOB 1994-02-21)", "DOB\\n09/01/1985", "DOB - 03/14/1991", "date of birth 14 Mar
    1991", "born on March 14, 1991", "D.O.B. Mar. 3, 1951", and a date whose year
    wraps to the next line ("DOB November 5,\\n1967").

    Does not match: other dates (arrest date, report date), a birth year alone.
    """

    ENTITY = Category.DATE_OF_BIRTH
    NAME = "date_of_birth"
    PATTERNS = (ValuePattern("dob_cued", _DOB_CUE + SEP + rf"(?P<value>{DATE})", 0.95),)
    CONTEXT = ("dob", "birth", "born")

    def invalidate_result(self, pattern_text: str) -> bool | None:
        if pattern_text.isdigit():  # eight digits run together: MMDDYYYY or YYYYMMDD
            if pattern_text[:2] in ("19", "20"):
                month, day = int(pattern_text[4:6]), int(pattern_text[6:])
            else:
                month, day = int(pattern_text[:2]), int(pattern_text[2:4])
            return not (1 <= month <= 12 and 1 <= day <= 31)
        return False


_AGE_NUMBER = r"(?P<value>\d{1,3})"
# A full date ending in its year: "06-17-1976", "29-MAR-1988".
_ROW_DATE = r"\d{1,2}[-/.](?:\d{1,2}|[A-Za-z]{3})[-/.](?P<year>(?:19|20)\d\d)"
_OLDEST_REPORT = 1990


class AgeRecognizer(ValueRecognizer):
    """Ages: "Age: 34", "AGE 34", "AGE\\n47", "(40 years old)", "34-year-old", "34 y/o",
    "aged 34", "age of 34", "34 years of age". The value is the number only.

    Does not match: durations ("lived here 40 years", "5 years ago"), numbers over
    125, "Age: UNK".
    """

    ENTITY = Category.AGE
    NAME = "age"
    PATTERNS = (
        ValuePattern(
            "age_label", r"\bage(?:\(s\))?\b" + SEP + _AGE_NUMBER + r"(?![\d/:.,-]\d|\d)", 0.9
        ),
        # A typed " - " that OCR read as a dash run glued to the age ("AGE ——23").
        ValuePattern(
            "age_dash", r"\bage[ \t]+[-–—=]{2,3}" + _AGE_NUMBER + r"(?![\d/:.,-]\d|\d)", 0.85
        ),
        ValuePattern("age_of", r"\b(?:aged|age[ \t]+of)" + WS + _AGE_NUMBER + r"(?!\d)", 0.9),
        ValuePattern(
            "years_old",
            r"(?<![\w.,-])"
            + _AGE_NUMBER
            # "(18 years" / "old)", "a 36-year-" / "old": the phrase may wrap
            # between its words, after a hyphen too.
            + r"(?:[ \t]*-[ \t]*(?:\n[ \t]*)?|[ \t]+|[ \t]*\n[ \t]*)(?:years?|yrs?\.?)"
            + r"(?:[ \t]*-[ \t]*(?:\n[ \t]*)?|[ \t]+|[ \t]*\n[ \t]*)old\b",
            0.9,
        ),
        ValuePattern(
            "years_of_age",
            r"(?<![\w.,-])" + _AGE_NUMBER + r"[ \t]+(?:years?|yrs?\.?)[ \t]+of[ \t]+age\b",
            0.9,
        ),
        ValuePattern(
            "y_o", r"(?<![\w.,-])" + _AGE_NUMBER + r"[ \t]?(?:y/o|y\.o\.|yo|yoa)(?![\w/])", 0.85
        ),
        # A row of a person table whose AGE header OCR could not read: a date of
        # birth, a number, and the sex code ("06-17-1976  42  M/WHI").
        ValuePattern(
            "dob_age_sex",
            r"(?<![\w/.-])"
            + _ROW_DATE
            + r"[ \t]+"
            + _AGE_NUMBER.replace("1,3", "1,2")
            + r"[ \t]+(?-i:[MF])(?:/|[ \t]|$)",
            0.75,
        ),
    )
    CONTEXT = ("age", "old")

    def accept(
        self, text: str, match: regex.Match[str], start: int, end: int, pattern: ValuePattern
    ) -> bool:
        # The age at that birth year, in a report from 1990 to next year.
        if pattern.name != "dob_age_sex":
            return True
        born = int(match.group("year"))
        return _OLDEST_REPORT <= born + int(match.group("value")) <= date.today().year + 1

    def invalidate_result(self, pattern_text: str) -> bool | None:
        return not pattern_text.isdigit() or int(pattern_text) > 125
