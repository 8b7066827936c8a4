"""Value formats: the many ways the same date, phone or number is printed."""

from __future__ import annotations

import random
import string
import unicodedata
from datetime import date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

DATE_STYLES = ("us", "us_short", "iso", "dmy_abbr", "long", "mil", "us_dash", "dmy_long", "abbr")
PHONE_STYLES = (
    "dash",
    "paren",
    "dot",
    "plain",
    "space",
    "intl",
    "paren_tight",
    "slash",
    "one_dash",
)
A_NUMBER_STYLES = ("A-ddd-ddd-ddd", "A ddd ddd ddd", "Addddddddd", "ddd-ddd-ddd", "ddddddddd")
# The A-number as it is written in running text: (words before it, style of the value). The
# truth value is the number with its "A" when the A is glued to it or set apart by a space
# ("A 212 345 678"); a label ("A#", "A-Number:", "alien registration no.") stays outside.
A_NUMBER_PROSE: dict[str, tuple[str, str]] = {
    "A212345678": ("", "Addddddddd"),
    "A# 212-345-678": ("A# ", "ddd-ddd-ddd"),
    "A-Number: 212345678": ("A-Number: ", "ddddddddd"),
    "alien registration no. A 212 345 678": ("alien registration no. ", "A ddd ddd ddd"),
    "A 212 345 678": ("", "A ddd ddd ddd"),
    "A-212-345-678": ("", "A-ddd-ddd-ddd"),
}
AREA_CODES = ("312", "773", "872", "708", "630", "847", "224", "331", "779")


def fmt_date(d: date, style: str) -> str:
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "us_short":
        return f"{d.month}/{d.day}/{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "dmy_abbr":
        return f"{d.day:02d} {MONTHS[d.month - 1][:3]} {d.year}"
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "mil":
        return f"{d.day:02d}-{MONTHS[d.month - 1][:3].upper()}-{d.year}"
    if style == "us_dash":
        return f"{d.month:02d}-{d.day:02d}-{d.year}"
    if style == "dmy_long":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "abbr":
        month = MONTHS[d.month - 1]
        short = month if len(month) <= 4 else month[:3] + "."
        return f"{short} {d.day}, {d.year}"
    raise ValueError(style)


def fmt_time(hhmm: int, style: str) -> str:
    h, m = divmod(hhmm, 100)
    if style == "hrs":
        return f"{h:02d}{m:02d} hrs"
    if style == "colon":
        return f"{h:02d}:{m:02d}"
    suffix = "AM" if h < 12 else "PM"
    return f"{(h % 12) or 12}:{m:02d} {suffix}"


def digits(rng: random.Random, n: int, *, lead_zero: bool = False) -> str:
    first = rng.choice("0123456789" if lead_zero else "123456789")
    return first + "".join(rng.choice("0123456789") for _ in range(n - 1))


def letters(rng: random.Random, n: int, alphabet: str = string.ascii_uppercase) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def pattern(rng: random.Random, pat: str) -> str:
    """L = letter, D = digit, anything else literal."""
    out = []
    for ch in pat:
        if ch == "L":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ"))
        elif ch == "D":
            out.append(rng.choice("0123456789"))
        else:
            out.append(ch)
    return "".join(out)


def phone_digits(rng: random.Random) -> str:
    exchange = str(rng.randint(201, 989))
    while exchange[1:] == "11" or exchange == "555":
        exchange = str(rng.randint(201, 989))
    return rng.choice(AREA_CODES) + exchange + digits(rng, 4, lead_zero=True)


def fmt_phone(d10: str, style: str) -> str:
    a, b, c = d10[:3], d10[3:6], d10[6:]
    return {
        "dash": f"{a}-{b}-{c}",
        "paren": f"({a}) {b}-{c}",
        "dot": f"{a}.{b}.{c}",
        "plain": d10,
        "space": f"{a} {b} {c}",
        "intl": f"+1 {a}-{b}-{c}",
        "paren_tight": f"({a}){b}-{c}",
        "slash": f"{a}/{b}-{c}",
        "one_dash": f"1-{a}-{b}-{c}",
    }[style]


def a_number_digits(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.15:
        return "0" + digits(rng, 8)  # older numbers, zero-padded to 9
    return rng.choice("2") + digits(rng, 8, lead_zero=True)


def fmt_a_number(d9: str, style: str) -> str:
    a, b, c = d9[:3], d9[3:6], d9[6:]
    return {
        "A-ddd-ddd-ddd": f"A-{a}-{b}-{c}",
        "A ddd ddd ddd": f"A {a} {b} {c}",
        "Addddddddd": f"A{d9}",
        "ddd-ddd-ddd": f"{a}-{b}-{c}",
        "ddddddddd": d9,
        "A-ddddddddd": f"A-{d9}",
        "Addd-ddd-ddd": f"A{a}-{b}-{c}",
    }[style]


def i94_number(rng: random.Random) -> str:
    """An I-94 admission record number: 11 digits, or (older) 9 digits, a letter, a digit."""
    if rng.random() < 0.5:
        return digits(rng, 11)
    return digits(rng, 9) + rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + digits(rng, 1, lead_zero=True)


def visa_foil_number(rng: random.Random) -> str:
    """The red number on a U.S. visa foil: 8 digits, or a letter and 7 digits."""
    if rng.random() < 0.7:
        return digits(rng, 8)
    return rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + digits(rng, 7, lead_zero=True)


def ssn(rng: random.Random) -> str:
    area = rng.randint(1, 899)
    while area == 666:
        area = rng.randint(1, 899)
    return f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"


def fmt_ssn(d9: str, style: int) -> str:
    a, b, c = d9[:3], d9[3:5], d9[5:]
    return (f"{a}-{b}-{c}", f"{a} {b} {c}", d9)[style % 3]


def il_license(rng: random.Random, surname: str) -> str:
    """Illinois DL/ID number: first letter of the surname plus 11 digits."""
    first = strip_accents(surname).lstrip("'").upper()[:1]
    if not first.isalpha():
        first = rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
    return first + digits(rng, 11, lead_zero=True)


def fmt_license(raw: str, style: int) -> str:
    a, b, c = raw[:4], raw[4:8], raw[8:]
    return (f"{a}-{b}-{c}", f"{a} {b} {c}", raw)[style % 3]


_VIN_VALUES = {
    **{str(i): i for i in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin(rng: random.Random, wmi: str, year: int) -> str:
    alnum = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    year_codes = "ABCDEFGHJKLMNPRSTVWXY123456789"
    year_code = year_codes[(year - 2010) % 30] if year >= 2010 else year_codes[(year - 1980) % 30]
    body = wmi + "".join(rng.choice(alnum) for _ in range(5)) + "0" + year_code
    body += rng.choice(alnum) + digits(rng, 6, lead_zero=True)
    total = sum(_VIN_VALUES[ch] * w for ch, w in zip(body, _VIN_WEIGHTS, strict=True))
    check = "X" if total % 11 == 10 else str(total % 11)
    return body[:8] + check + body[9:]


def plate(rng: random.Random) -> str:
    style = rng.randrange(5)
    if style == 0:
        return letters(rng, 2) + " " + digits(rng, 5, lead_zero=True)
    if style == 1:
        return letters(rng, 1) + digits(rng, 6, lead_zero=True)
    if style == 2:
        return letters(rng, 2) + digits(rng, 5, lead_zero=True)
    if style == 3:
        return digits(rng, 3) + " " + digits(rng, 4, lead_zero=True)
    return letters(rng, 3) + " " + digits(rng, 3, lead_zero=True)


def money(amount: int, cents: bool) -> str:
    return f"${amount:,}.00" if cents else f"${amount:,}"


_EXTRA_FOLD = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d"})


def strip_accents(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLD))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def ascii_upper(text: str) -> str:
    """How mainframe records print a name: upper case, accents dropped."""
    return strip_accents(text).upper()
