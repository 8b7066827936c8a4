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


@pytest.fixture(scope="module")
def address(gazetteers: Gazetteers) -> AddressRecognizer:
    return AddressRecognizer(cities=gazetteers.cities)


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
        ('a.k.a. "Ace"', "Ace"),  # short nicknames
        ("AKA 'Oso' was seen", "Oso"),
        ('Also known as "Marisol Ibarra\nQuintero" and', "Marisol Ibarra\nQuintero"),  # wraps
        ("AKA: Tank; Krzysztof Dąbrowski", ("Tank", "Krzysztof Dąbrowski")),
        ("the offender, a.k.a. Tito and Flaco, fled", ("Tito", "Flaco")),
        ("a.k.a. Chuy; Jesús Ibáñez Ortega.", ("Chuy", "Jesús Ibáñez Ortega")),
        ('AKA "Flaco", "Chino"', ("Flaco", "Chino")),
        ("AKA: Bebo, Roberto Luna\tSEX: M", "Bebo, Roberto Luna"),  # one field, covered whole
        ("Alias - Smiley; Tadeusz Nowak\tDate Of Birth - 1/2/1980", ("Smiley", "Tadeusz Nowak")),
        ("Also Known As - Mei Lin\nLanguage - Mandarin", "Mei Lin"),
        ("CB NO.\t12345678\tALIAS / NICKNAME\tPollo\nE-MAIL", "Pollo"),
        ("ALIAS / NICKNAME: Sung-ho Park", "Sung-ho Park"),
        ("ALIAS / NICKNAME\nSCARS / MARKS / TATTOOS", None),  # empty field: labels only
        ('he said "Hello" to the AKA field', None),
        ("STREET NAME: W. MADISON ST\tAPT: 2", None),  # an address form, not an alias
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
        ("The interview was conducted in Fuzhounese with the", "Fuzhounese"),
        ("Mr. Reyes speaks Cebuano and requested an interpreter", "Cebuano"),
        # English too: a box only where the language is not English would tell.
        ("LANGUAGE / INTERPRETER\nENGLISH", "ENGLISH"),
        ("He speaks English.", "English"),
        ("The interview was conducted in Korean with the assistance", "Korean"),
        ("Mr. Doe speaks Spanish.", "Spanish"),
        ("primary language: K'iche'", "K'iche'"),
        ("He requested a Spanish interpreter.", "Spanish"),
        ("The arrestee's primary language is Polish; Det. Smith interpreted.", "Polish"),
        ("HIS PRIMARY LANGUAGE IS ARABIC; DEP. KIM INTERPRETED.", "ARABIC"),
        ("LANG: SPANISH\tINTERP: Y", "SPANISH"),
        ("LANG/INTERPRETER: Spanish\nAGE: 18", "Spanish"),
        ("Language - Mandarin\tPlace Of Employment - Acme", "Mandarin"),
        ("PRIMARY LANGUAGE - Spanish (limited English)\nCB #", "Spanish (limited English)"),
        (
            "LANGUAGE SPOKEN\tPolish (speaks some English)\tIR NO.\t12345678",
            "Polish (speaks some English)",
        ),
        ("INTERPRETER (LANGUAGE)\tEMPLOYER/OCCUPATION", None),  # header row
        ("The language barrier was noted.", None),
        ("a Spanish national", None),  # a nationality
        ("Polish sausage", None),  # no cue
        ("a store in Polish Village", None),
        ("The interview was held in Spanish, with", "Spanish"),
        ("they ate in Thai restaurant", None),
        ("an interpreter for Karen Lopez", None),  # a name
        ("LANGUAGE / INTERPRETER\nEMERGENCY CONTACT", None),
        ("Niger. English was also the official language of Nigeria", "English"),
        ("Tagalog is her native language.", "Tagalog"),
        ("Polish was the main topic of the hearing", None),  # no language after
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
        (
            "SMT - TAT L WRIST - SCRIPT 'HOPE', TAT L NECK - SCRIPT 'FAITH'\nAGE",
            ("TAT L WRIST - SCRIPT 'HOPE'", "TAT L NECK - SCRIPT 'FAITH'"),
        ),
        ("S/M/T - BURN MARK R HAND\nEMPLOYER", "BURN MARK R HAND"),
        (
            "TAT L WRIST - SCRIPT 'HOPE' ; TATTOO L UPPER ARM -\nANCHOR\nEMERGENCY CONTACT",
            ("TAT L WRIST - SCRIPT 'HOPE'", "TATTOO L UPPER ARM -\nANCHOR"),
        ),
        (
            "TAT FINGERS - SCRIPT 'AMOR', TAT L HAND - FLAG OF POLAND\n",
            ("TAT FINGERS - SCRIPT 'AMOR'", "TAT L HAND - FLAG OF POLAND"),
        ),
        ("Scars/marks/tattoos: TAT NECK - SCRIPT\n'LUCIA'.", "TAT NECK - SCRIPT\n'LUCIA'"),
        ("TAT UPPER BACK - LION", "TAT UPPER BACK - LION"),
        ("TAT CHEST - SAINT JUDE\tEMPLOYER", "TAT CHEST - SAINT JUDE"),
        ("a tattoo of a rose on his left arm", "tattoo of a rose on his left arm"),
        (
            'a tattoo reading "NO FEAR"\non the left hand',
            'tattoo reading "NO FEAR"\non the left hand',
        ),
        ("a burn mark on the right hand.", "burn mark on the right hand"),
        (
            "TAT NECK - SCRIPT 'NO\nFEAR'\nE-MAIL",  # the quote wraps
            ["TAT NECK - SCRIPT 'NO", "FEAR'"],
        ),
        ("a scar through the left eyebrow", "scar through the left eyebrow"),
        ("a scar on\nhis left cheek", "scar on\nhis left cheek"),
        ("a scar above her right eye", "scar above her right eye"),
        ("She has a gunshot scar on the abdomen.", "gunshot scar on the abdomen"),
        ("on the left wrist and a burn\nmark on the right hand.", "burn\nmark on the right hand"),
        ("a knife wound scar on his left forearm", "knife wound scar on his left forearm"),
        ("She has a tattoo of clown\nmasks on the chest.", "tattoo of clown\nmasks on the chest"),
        ("tattoos on both arms", "tattoos on both arms"),
        ("He has a piercing in the left eyebrow.", "piercing in the left eyebrow"),
        ("piercings in both\nears", "piercings in both\nears"),
        ("He has a missing right index finger and", "missing right index finger"),
        ("an amputated left leg", "amputated left leg"),
        ("missing front teeth", "missing front teeth"),
        ("MISSING R INDEX FINGER", "MISSING R INDEX FINGER"),
        ("the missing person report", None),
        ("a missing phone", None),
        ("a piercing scream", None),
        ("Columbia, SC 29201", None),  # South Carolina
        ("SCARS/MARKS/TATTOOS (SMT)\nEMPLOYER", None),
        ("He has a tattoo.", None),
        ("the BURN MARKS were old", None),  # no body location
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
        (
            "of 6365 N. Kostner Ave, 2nd\nFl, Chicago, IL 60659, was",
            "6365 N. Kostner Ave, 2nd\nFl, Chicago, IL 60659",
        ),
        ("88 E. Randolph Street, Rear", "88 E. Randolph Street, Rear"),
        # all capitals without commas, the city, state and ZIP code included
        (
            "of 5792 N ALBANY AVE APT G CHICAGO IL 60639, phone",
            "5792 N ALBANY AVE APT G CHICAGO IL 60639",
        ),
        ("of 7093 W DEVON AVE\nCHICAGO IL 60607. E-mail", "7093 W DEVON AVE\nCHICAGO IL 60607"),
        (
            "HOME ADDRESS\t2140 W 16TH ST UNIT B CHICAGO IL 60640\nPHONE",
            "2140 W 16TH ST UNIT B CHICAGO IL 60640",
        ),
        ("3307 W HOWARD ST BSMT CHICAGO IL 60634", "3307 W HOWARD ST BSMT CHICAGO IL 60634"),
        # spelled-out directions and suffixes, a Chicago-area city and no state
        (
            "of 6264 South Central Avenue, 2nd Fl, Chicago, telephone",
            "6264 South Central Avenue, 2nd Fl, Chicago",
        ),
        # The l of "Fl" read as a capital I on a scan.
        (
            "of 5965 S. Central Park Ave, 2nd FI, Chicago, IL 60615, phone",
            "5965 S. Central Park Ave, 2nd FI, Chicago, IL 60615",
        ),
        (
            "resides at 2953 West Dickens Avenue, #1R, Chicago. She was",
            "2953 West Dickens Avenue, #1R, Chicago",
        ),
        (
            "resides at 4419 West Berteau Avenue, Rear,\nChicago. She",
            "4419 West Berteau Avenue, Rear,\nChicago",
        ),
        ("4393 North Kostner Avenue, Chicago\tPHONE", "4393 North Kostner Avenue, Chicago"),
        # A comma read as a full stop before the city, state and ZIP code (a scan).
        (
            "who resides at 454 W. 35th St, Unit 3.\nChicago, IL 60623. She was",
            "454 W. 35th St, Unit 3.\nChicago, IL 60623",
        ),
        ("at 454 W. 35th St, Unit 3. Chicago police arrived", "454 W. 35th St, Unit 3"),
        ("at 454 W. 35th St, Unit 3. Chicago, IL and", "454 W. 35th St, Unit 3"),  # no ZIP
        ("1358 147th St, Stickney, IL 60402", "1358 147th St, Stickney, IL 60402"),
        # A unit's word misread on a scan, sure by the city, state and ZIP code after it.
        (
            "of 5007 W. Marquette Rd,\nRpt 1N, Chicago, IL 60625, phone",
            "5007 W. Marquette Rd,\nRpt 1N, Chicago, IL 60625",
        ),
        (
            "1234 W. Grand Ave, Unlt 2, Chicago, IL 60622",
            "1234 W. Grand Ave, Unlt 2, Chicago, IL 60622",
        ),
        ("1234 W. Grand Ave, Rpt 1N, Chicago, IL", "1234 W. Grand Ave"),  # no ZIP code
        ("1234 W. Grand Ave, Oak Park, IL 60302", "1234 W. Grand Ave, Oak Park, IL 60302"),
        ("1234 W. Grand Ave, Elk 20 cars, IL 60302", "1234 W. Grand Ave"),
        (
            "RES. ADDR - 5789 N. Kostner Ave. Apt 2F\nHT/WT",
            "5789 N. Kostner Ave. Apt 2F",
        ),
        ("3400 W. Ogden Ave, Chicago Police Department", "3400 W. Ogden Ave"),
        (
            "W1: KIMBALL, COURTNEY ADDR 5187 SOUTH TROY STREET, CHICAGO PH 3313242393",
            "5187 SOUTH TROY STREET, CHICAGO",
        ),
        ("LOCATED AT 6126 W. FOSTER AVE IN THE ALLEY", "6126 W. FOSTER AVE"),  # "IN" needs a ZIP
        ("AT 5100 W. DIVERSEY AVE, SKOKIE FOR\nAN INOPERABLE", "5100 W. DIVERSEY AVE"),
        ("at the 5000 block of S. Western Ave", None),  # an arrest location
        ("AT 9500 BLOCK OF S. 49TH CT, CICERO", None),
        ("IN THE VICINITY OF 7700 BLK MANNHEIM RD.", None),
        ("ADDRESS OF OCCURRENCE 6479 W. North Ave\tLOCATION TYPE", None),
        ("PLACE OF ARREST - 1781 W. Schubert Ave\n", None),
        ("at N. Rockwell St and W. Ogden Ave", None),  # an intersection
        (
            "W1\tDOE, Jon\t1999-03-07\t9258 S HOMAN AVE APT 2 CHICAGO IL\t(630) 555-4382",
            "9258 S HOMAN AVE APT 2 CHICAGO IL",
        ),  # the ZIP code wrapped to another cell
        ("DEP. ANTHONY TOLBERT STAR\nNO. 1817 CONDUCTED A STREET STOP", None),
        ("P.O. Smith #4410 N Broadway", None),  # a star number, not a house number
        ("in the 050XX S WESTERN AVE", None),  # a masked location
        ("ARREST LOCATION: 2600 W. Division St", None),  # released as ARREST_LOCATION
        ("Western Ave", None),  # no number
        # Suffixes written out in capitals, and a street wrapped after its direction.
        (
            "ADDR 379 WEST GARFIELD BOULEVARD, CHICAGO PH (773)",
            "379 WEST GARFIELD BOULEVARD, CHICAGO",
        ),
        ("WHO RESIDES AT 946 WEST\n21ST PLACE, CHICAGO. SHE", "946 WEST\n21ST PLACE, CHICAGO"),
        ("1200 N. LAKE SHORE DRIVE", "1200 N. LAKE SHORE DRIVE"),
        ("he sat on 3 benches at the court", None),  # a suffix in lower case is a word
        ("Apt 2123456", None),
        ("Page 1 of 2", None),
    ],
)
def test_address(address: AddressRecognizer, text: str, expected: Expected) -> None:
    assert values(address, text) == as_list(expected)


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
        ("IN THE VICINITY OF 7700 BLK MANNHEIM RD. THE", "7700 BLK MANNHEIM RD"),
        ("AT 9500 BLOCK OF S. 49TH CT, CICERO", "9500 BLOCK OF S. 49TH CT"),
        ("ADDRESS OF OCCURRENCE 6479 W. North Ave\tLOCATION TYPE", "6479 W. North Ave"),
        ("PLACE OF ARREST - 1781 W. Schubert Ave\nDATE", "1781 W. Schubert Ave"),
        ("LOC OF ARREST: 3400 W. Ogden Ave\n", "3400 W. Ogden Ave"),
        ("of 2245 S. Michigan Ave, Chicago, IL 60616", None),  # a home address
    ],
)
def test_arrest_location(text: str, expected: Expected) -> None:
    assert values(ArrestLocationRecognizer(), text) == as_list(expected)
