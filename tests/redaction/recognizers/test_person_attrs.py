"""The tables are the specification: (text, the value(s) to redact or None).

Every value here is invented; none comes from the sample reports.
"""

from __future__ import annotations

import pytest

from app.redaction.recognizers.person_attrs import (
    AddressRecognizer,
    AliasRecognizer,
    ArrestLocationRecognizer,
    LanguageRecognizer,
    PhysicalMarksRecognizer,
)
from app.redaction.recognizers.registry import Gazetteers
from tests.redaction.recognizers._support import Expected, as_list, values


@pytest.fixture(scope="module")
def language(gazetteers: Gazetteers) -> LanguageRecognizer:
    return LanguageRecognizer(languages=gazetteers.languages)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('AKA "Flaco"', "Flaco"),
        ("a.k.a. 'Gordo'", "Gordo"),
        ('Also known as "Chato" and "Luis Beltran".', ("Chato", "Luis Beltran")),
        ("also known as “Pelón”, “Chino” or “El Güero”", ("Pelón", "Chino", "El Güero")),
        ("AKA: Roberto Anaya Cruz\nSEX: M", "Roberto Anaya Cruz"),
        ("AKA\nMIGUEL ANGEL SOTO\nSEX", "MIGUEL ANGEL SOTO"),
        ("ALIAS: SMITH, JOHN; SMITH, JUAN", ("SMITH, JOHN", "SMITH, JUAN")),
        ('known on the street as "Shorty"', "Shorty"),
        ("the offender, a.k.a. Tito, fled", "Tito"),
        ("AKA: N/A", None),
        ("AKA\nSEX\nM", None),  # empty field: the next label is not an alias
        ("AKA: Raul Ortega Vega\tSEX: M\tRACE: WHITE", "Raul Ortega Vega"),
        ("NAME (LAST, FIRST M)\tAKA\tSEX\tRACE\nDOE, JOHN\tJ. DOE\tM\tWHITE", None),  # grid
        ("AKA: NONE", None),
        ("the area known as Little Village", None),
        ("ALIAS WARRANT issued for failure to appear", None),  # re-issued process
    ],
)
def test_alias(text: str, expected: Expected) -> None:
    assert values(AliasRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "LANGUAGE / INTERPRETER\nSpanish (interpreter requested)",
            "Spanish (interpreter requested)",
        ),
        ("LANGUAGE: Polish", "Polish"),
        ("Language: Spanish, interpreter requested", "Spanish, interpreter requested"),
        ("PRIMARY LANGUAGE: K'ICHE'", "K'ICHE'"),
        ("Mr. Doe speaks Spanish and requested an interpreter", "Spanish"),
        ("The interview was conducted in Polish with the assistance", "Polish"),
        ("He speaks only Mam.", "Mam"),
        ("speaks Spanish and K'iche'", ("Spanish", "K'iche'")),
        ("a Tagalog interpreter was requested", "Tagalog"),
        ("a Spanish-speaking officer", "Spanish"),
        ("He responded in Arabic.", "Arabic"),
        ("LANGUAGE / INTERPRETER\nENGLISH", None),  # English reveals nothing
        ("He speaks English.", None),
        ("a Spanish national", None),  # a nationality
        ("Polish sausage", None),  # no cue
        ("a store in Polish Village", None),
        ("The interview was held in Spanish, with", "Spanish"),
        ("they ate in Thai restaurant", None),
        ("an interpreter for Karen Lopez", None),  # a name
        ("LANGUAGE / INTERPRETER\nEMERGENCY CONTACT", None),
    ],
)
def test_language(language: LanguageRecognizer, text: str, expected: Expected) -> None:
    assert values(language, text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TAT R FOREARM - ROSARY", "TAT R FOREARM - ROSARY"),
        (
            "TAT L ARM - CROSS ; TAT R CALF - DRAGON\nEMPLOYER",
            ("TAT L ARM - CROSS", "TAT R CALF - DRAGON"),
        ),
        ("SC L CHEEK", "SC L CHEEK"),
        ("SCAR CHEST (SURGICAL).", "SCAR CHEST (SURGICAL)"),
        ("Scars/marks/tattoos: TAT NECK - SCRIPT\n'LUCIA'.", "TAT NECK - SCRIPT\n'LUCIA'"),
        ("TAT UPPER BACK - LION", "TAT UPPER BACK - LION"),
        ("TAT CHEST - SAINT JUDE\tEMPLOYER", "TAT CHEST - SAINT JUDE"),
        ("a tattoo of a rose on his left arm", "tattoo of a rose on his left arm"),
        ("a scar above her right eye", "scar above her right eye"),
        ("tattoos on both arms", "tattoos on both arms"),
        ("Columbia, SC 29201", None),  # South Carolina
        ("SCARS/MARKS/TATTOOS (SMT)\nEMPLOYER", None),
        ("He has a tattoo.", None),
        ("a scarf on his neck", None),
    ],
)
def test_physical_marks(text: str, expected: Expected) -> None:
    assert values(PhysicalMarksRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "RESIDENCE: 2245 S. Michigan Ave, Apt 3B, Chicago, IL 60616",
            "2245 S. Michigan Ave, Apt 3B, Chicago, IL 60616",
        ),
        (
            "of 1234 W. Grand Ave, Unit 2, Chicago, IL 60622, phone",
            "1234 W. Grand Ave, Unit 2, Chicago, IL 60622",
        ),
        ("4410 N Broadway, Chicago, IL 60640", "4410 N Broadway, Chicago, IL 60640"),
        ("who resides at 1620 S. Laflin St, Apt 1S. He", "1620 S. Laflin St, Apt 1S"),
        ("of 2710 S. Drake Ave, #2, Chicago, IL 60623", "2710 S. Drake Ave, #2, Chicago, IL 60623"),
        (
            "3300 W. Irving Park Rd, Bsmt, Chicago, IL 60618",
            "3300 W. Irving Park Rd, Bsmt, Chicago, IL 60618",
        ),
        (
            "of 2711 S. Kolin\nAve, Unit 2, Chicago, IL 60623",
            "2711 S. Kolin\nAve, Unit 2, Chicago, IL 60623",
        ),
        (
            "5100 W. Addison St, Apt 3F, Chicago, IL\n60641",
            "5100 W. Addison St, Apt 3F, Chicago, IL\n60641",
        ),
        ("located at 2001 W.\n47th St, and", "2001 W.\n47th St"),
        ("1500 NORTH AVE, 2nd Fl", "1500 NORTH AVE, 2nd Fl"),
        ("88 E. Randolph Street, Rear", "88 E. Randolph Street, Rear"),
        ("at the 5000 block of S. Western Ave", None),  # an arrest location
        ("in the 050XX S WESTERN AVE", None),  # a masked location
        ("ARREST LOCATION: 2600 W. Division St", None),  # released as ARREST_LOCATION
        ("Western Ave", None),  # no number
        ("Apt 2123456", None),
        ("Page 1 of 2", None),
    ],
)
def test_address(text: str, expected: Expected) -> None:
    assert values(AddressRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at the 5000 block of S. Western Ave for", "5000 block of S. Western Ave"),
        ("in the 1800 block of W. Chicago Ave.", "1800 block of W. Chicago Ave"),
        ("a currency exchange in the 050XX S WESTERN AVE where", "050XX S WESTERN AVE"),
        ("a call at the 047XX S ASHLAND AVE.", "047XX S ASHLAND AVE"),
        ("TIME: 1415 HRS ARREST LOCATION: 2600 W. Division St\nBEAT", "2600 W. Division St"),
        (
            "ARREST LOCATION\nAlley behind 4501 S. Ashland Ave\nBEAT",
            "Alley behind 4501 S. Ashland Ave",
        ),
        ("ARREST LOCATION\nBEAT\n1424", None),  # empty field
        ("ARREST LOCATION\tBEAT: 1424 DIST: 014", None),  # header row
        ("of 2245 S. Michigan Ave, Chicago, IL 60616", None),  # a home address
    ],
)
def test_arrest_location(text: str, expected: Expected) -> None:
    assert values(ArrestLocationRecognizer(), text) == as_list(expected)
