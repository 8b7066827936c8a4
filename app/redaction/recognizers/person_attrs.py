"""Recognizers for attributes of a person: alias, language, scars/marks/tattoos,
street address, and the arrest location that must not be mistaken for one.

The public policy releases the arrestee's address, aliases, language and tattoo
descriptions (5 ILCS 140/2.15(a), 2(c-5)), while the immigration policy withholds
them. So these must be found precisely: a span that runs on past the value
redacts released text, and an arrest location reported as a home address would be
redacted although 2.15(a)(iii) requires its release.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import ClassVar

import regex

from app.redaction.recognizers.base import (
    FORM_LABELS,
    TEXT_SEP,
    WS,
    ValuePattern,
    ValueRecognizer,
    alternation,
    preceded_by,
)
from app.redaction.types import Category

# --- Alias --------------------------------------------------------------------

_ALIAS_CUE = (
    r"(?:(?<![\w.])a\.?k\.?a\b\.?|\ba/k/a\b|\balso" + WS + r"known" + WS + r"as\b"
    r"|\baliase?s?\b|\bnick(?:name|named)\b|\bgoes"
    + WS
    + r"by(?:"
    + WS
    + r"the"
    + WS
    + r"(?:name|nickname))?\b|\bknown"
    + WS
    + r"on"
    + WS
    + r"the"
    + WS
    + r"street"
    + WS
    + r"as\b|\bstreet"
    + WS
    + r"name\b)"
)


def _quoted(n: int) -> str:
    # Three quote styles; the inner text cannot contain its own closing quote, and
    # single quotes must not be an apostrophe inside a word ("O'Neil"). A quoted
    # alias may wrap at the right margin: one line break inside the quotes.
    return (
        rf"(?:\"(?P<value{n}a>[^\"\n]{{1,40}}(?:\n[^\"\n]{{1,30}})?)\""
        rf"|“(?P<value{n}b>[^”\n]{{1,40}}(?:\n[^”\n]{{1,30}})?)”"
        rf"|(?<!\w)'(?P<value{n}c>[^'\n]{{1,40}})'(?!\w))"
    )


_QUOTED_LIST = _quoted(1) + "".join(
    rf"(?:[ \t]*(?:,|;|/|&|\band\b|\bor\b)(?:[ \t]*(?:and|or)\b)?{WS}{_quoted(i)})?"
    for i in range(2, 6)
)
# A name after an alias cue: capitalised words, the first of two letters or more
# (so "AKA: N/A" is not the alias "N"). Capitals in any script ("Łukasz").
# A period belongs to an initial or inside a word ("J.", "St.Clair"), not at the end
# of a longer word, where it ends the sentence.
_NAME_WORD = r"(?-i:\p{Lu}(?:\.|[\w'’-]*(?:\.\w[\w'’-]*)*))"
_NAME = (
    rf"(?-i:\p{{Lu}}[\w'’-]+(?:\.\w[\w'’-]*)*)(?:[ ]+{_NAME_WORD}(?![ \t]*:)){{0,3}}"
    r"(?![\w/:])"
)
# Several names after one cue: "AKA: Tank; Krzysztof Dąbrowski", "a.k.a. Tito and
# Flaco". A comma is not a separator here ("SMITH, JOHN" is one name); a name
# list with commas is still covered as a whole by the field pattern.
_NAME_LIST = rf"(?P<value>{_NAME})" + "".join(
    rf"(?:[ \t]*(?:;|&|\band\b)[ \t]*(?P<value{i}>{_NAME}))?" for i in range(2, 5)
)
_ALIAS_LABEL = (
    r"(?:AKA|A\.K\.A\.|ALIAS(?:ES)?|ALSO[ \t]+KNOWN[ \t]+AS|NICKNAMES?)"
    r"(?:[ \t]*\(S\))?(?:[ \t]*/[ \t]*(?:AKA|ALIAS(?:ES)?|NICKNAMES?|MONIKER))?"
)


class AliasRecognizer(ValueRecognizer):
    """Aliases: AKA "Flaco", a.k.a. "Ace", a.k.a. Flaco, Also known as "Chato" and "Luis
    Beltran" (each alias is its own value), a quoted alias that wraps a line, and the
    AKA field of a form ("AKA: Roberto Anaya", "AKA\\nMIGUEL ANGEL SOTO", "ALIAS /
    NICKNAME: Pollo", "Also Known As - Mei Zhang", "AKA: Tank; Krzysztof Dąbrowski").

    Does not match: "AKA: N/A" / "NONE", the next form label when the AKA field is
    empty, "known as" alone ("the area known as Little Village"), the rest of a
    label ("ALIAS / NICKNAME").
    """

    ENTITY = Category.ALIAS
    NAME = "alias"
    PATTERNS = (
        ValuePattern(
            "alias_quoted", _ALIAS_CUE + r"[ \t]*[:\-–]?[ \t]*\n?[ \t]*" + _QUOTED_LIST, 0.9
        ),
        ValuePattern(
            "alias_field",
            r"(?:^|\t)[ \t]*"
            + _ALIAS_LABEL
            + TEXT_SEP
            + r"(?P<value>[^\s\"“'‘;:/\-–][^\n\t;\"“:]{0,59}?)"
            r"(?:[ \t]*;[ \t]*(?P<value2>[^\s\"“;:][^\n\t;\"“:]{0,59}?))?"
            r"(?:[ \t]*;[ \t]*(?P<value3>[^\s\"“;:][^\n\t;\"“:]{0,59}?))?"
            # a period that ends the sentence, not an initial ("A.J.")
            r"(?:(?<=\w\w)\.)?[ \t]*(?=\n|\t|$)",
            0.85,
        ),
        ValuePattern(
            "alias_name",
            _ALIAS_CUE + r"(?:[ \t]*/[ \t]*nickname)?[ \t]*[:\-–]?[ \t]*" + _NAME_LIST,
            0.75,
        ),
    )
    CONTEXT = ("aka", "alias", "known")

    def invalidate_result(self, pattern_text: str) -> bool | None:
        # An Illinois "alias warrant" (or summons) is a re-issued process, not a name.
        if pattern_text.upper().startswith(("WARRANT", "SUMMONS")):
            return True
        # "SCARS / MARKS / TATTOOS": the next label when the field is empty.
        label = regex.sub(r"[ \t]*/[ \t]*", "/", pattern_text.upper())
        return label in FORM_LABELS or bool(super().invalidate_result(pattern_text))


# --- Language -----------------------------------------------------------------

_LANGUAGE_QUALIFIER = (
    r"(?:[ \t]*\([^()\n]{1,40}\)"
    r"|[ \t]*[,;-][ \t]*(?:interpreter|translator|needs|requires|requested|no[ \t]+interpreter)"
    r"[^\n\t;]{0,40})?"
)


# Words before a language name: "speaks Spanish", "conducted in Polish".
_LANGUAGE_CUE = (
    "(?:"
    + "|".join(
        cue.replace(" ", WS)
        for cue in (
            r"speaks?",
            r"spoke",
            r"speaking",
            r"spoken",
            r"understands",
            r"conducted in",
            r"translated(?: (?:from|into|to|in))?",
            r"interpret(?:ed|ing)? (?:from|into|in)",
            r"interpreters? (?:for|in)",
            r"fluent in",
            r"responded in",
            r"stated in",
            r"communicat\w* in",
        )
    )
    + ")"
)


class LanguageRecognizer(ValueRecognizer):
    """Languages from the gazetteer, after a cue: "speaks Spanish", "conducted in
    Polish", "requested a Spanish interpreter", "Spanish-speaking", "primary language
    is Korean", "LANGUAGE: Polish", "LANG: SPANISH", "Language - Mandarin", the
    LANGUAGE / INTERPRETER field with its qualifier ("Spanish (interpreter
    requested)", "Spanish, interpreter requested"), a form row ("LANGUAGE
    SPOKEN\\tPolish (speaks some English)"), and a language as the subject of a
    clause about a language ("English was the official language of Niger").

    English is reported too: if only other languages were redacted, a box where a
    language belongs would itself tell the reader that the person does not speak
    English.

    Does not match: a language name without a cue ("Polish sausage", "French
    doors"); "Spanish national" (a NATIONALITY); "in Polish Village" (a place).
    """

    ENTITY = Category.LANGUAGE
    NAME = "language"
    CONTEXT = ("speaks", "language", "interpreter", "translator")

    def __init__(self, *, languages: Sequence[str], supported_language: str = "en") -> None:
        self._languages = tuple(languages)
        super().__init__(supported_language=supported_language)

    def build_patterns(self) -> tuple[ValuePattern, ...]:
        lang = alternation(self._languages)
        end = r"(?![\w'’])"
        # Not a nationality, and not a proper noun phrase such as "Polish Village".
        not_other = r"(?!" + WS + r"(?:national|citizen)s?\b)(?![ \t]+(?-i:[A-Z][a-z]))"
        joiner = r"[ \t]*(?:,|/|&|\band\b|\bor\b)[ \t]*"
        two = rf"(?P<value>{lang}){end}(?:{joiner}(?P<value2>{lang}){end})?"
        return (
            ValuePattern(
                "language_field",
                r"\b(?:(?:primary|native|preferred|spoken|first)[ \t]+)?(?:languages?|lang\b\.?)"
                r"(?:[ \t]*/[ \t]*interp(?:reter)?\b\.?)?(?:[ \t]+spoken)?(?:[ \t]+(?:is|was))?"
                + r"(?:"
                + TEXT_SEP
                + r"|\t)"
                + rf"(?P<value>{lang}{end}(?:{joiner}{lang}{end})?{_LANGUAGE_QUALIFIER})",
                0.9,
            ),
            ValuePattern(
                "language_cued",
                r"\b"
                + _LANGUAGE_CUE
                + WS
                + r"(?:(?:only|fluent|some|limited|broken|little)"
                + WS
                + r")?"
                + two
                + not_other,
                0.85,
            ),
            # "in Spanish" on its own, only where the phrase plainly ends: "in Thai
            # restaurant" or "in Polish Village" name places, not languages.
            ValuePattern(
                "in_language",
                r"\bin"
                + WS
                + rf"(?P<value>{lang}){end}"
                + r"(?=[ \t]*(?:[.,;:)]|$)|[ \t]+(?:with|and|or|to|by|through|via|only|because"
                r"|as|at|from|for|without|during|but)\b)",
                0.8,
            ),
            ValuePattern(
                "language_then_cue",
                rf"(?<![\w'’-])(?P<value>{lang}){end}(?=(?:[ \t]*-[ \t]*|[ \t]+)"
                r"(?:speaking|speaker|speakers|interpreter|interpreters|translator|only|language)\b)",
                0.85,
            ),
            # "English was also the official language of Nigeria": the language is
            # the subject, the cue closes the clause.
            ValuePattern(
                "language_is_a_language",
                rf"(?<![\w'’-])(?P<value>{lang}){end}(?=[ \t]+(?:is|was|being|remains|became)"
                r"(?:[ \t]+(?:also|still|then|now))?[ \t]+(?:the|an?|his|her|their)"
                r"(?:[ \t]+(?:official|native|first|only|main|primary|second|working|national"
                r"|mother|common))?[ \t]+(?:language|tongue)\b)",
                0.85,
            ),
        )


# --- Scars, marks, tattoos --------------------------------------------------------

# NCIC-style SMT codes as police forms print them: "TAT R FOREARM - ROSARY",
# "SC L CHEEK", "SCAR CHEST (SURGICAL)". Capitals only, so prose and the state
# code "SC" before a ZIP code do not match: a body location must follow the code.
_SMT_CODE = (
    r"(?:TATS?|TATTOOS?|SC|SCARS?|MOLES?|BRTHMK|BIRTHMARK|PRCD|PIERCED|PIERCING|BURN|BURNS"
    r"|AMP|AMPUTATED|MISSING|DISC|DISCOLORED|FRECKLES)(?:[ ]+MARKS?)?"  # "BURN MARK R HAND"
)
_SIDE = (
    r"(?:R|L|RT|LT|RIGHT|LEFT|UPR|UPPER|LWR|LOWER|BOTH|B/L|FRONT|REAR|MID|INNER|OUTER"
    r"|INDEX|MIDDLE|RING|PINKY)"  # "MISSING R INDEX FINGER"
)
_BODY = (
    r"(?:ARMS?|FOREARMS?|FARM|UARM|HANDS?|FINGERS?|FGRS?|WRISTS?|ELBOWS?|SHOULDERS?|SHLD|CHEST"
    r"|BACK|ABDOMEN|ABD|STOMACH|NECK|FACE|CHEEKS?|CHK|FOREHEAD|FHD|HEAD|SCALP|EYES?|EYEBROWS?"
    r"|LIPS?|CHIN|NOSE|EARS?|LEGS?|THIGHS?|CALF|CALVES|KNEES?|ANKLES?|FOOT|FEET|HIPS?"
    r"|BUTTOCKS?|SIDE|RIBS?|TORSO|WAIST|GROIN|SHINS?|PALMS?|KNUCKLES?|BICEPS?|TRICEPS?"
    r"|SPINE|THROAT|JAW|TEMPLE|BODY|THUMBS?|TOES?|TEETH|TOOTH)"
)
_SMT_WORD = r"[A-Z0-9'\"“”&,./!?]+"
# The start of the next item of a list ("SCRIPT 'MI VIDA', TAT R HAND - ..."): a
# description stops before it.
_SMT_START = rf"{_SMT_CODE}(?:[ ]+{_SIDE})*[ ]+{_BODY}\b"
_SMT = (
    rf"(?-i:\b{_SMT_CODE}(?:[ ]+{_SIDE})*[ ]+{_BODY}\b(?:[ ]+(?:{_SIDE}|{_BODY})\b)*"
    # the description may start on the next line ("TATTOO L UPPER ARM -\nANCHOR")
    rf"(?:[ ]+-(?:[ ]+|[ ]*\n)(?!{_SMT_START}){_SMT_WORD}(?:[ ]+(?!-[ ])(?!{_SMT_START})"
    rf"(?:{_SMT_WORD}|\([^()\n]{{1,30}}\)))*"
    r"(?:\n['\"“][^'\"”\n]{1,30}['\"”])?)?"  # a quoted inscription wrapped to the next line
    r"(?:[ ]*\([^()\n]{1,30}\))?)"
)
# An item's code and place ("TAT R SHOULDER"), for OCR's repairs (app/redaction/ocr.py).
SMT_PLACE = rf"{_SMT_CODE}(?:[ ]+{_SIDE})*[ ]+{_BODY}\b(?:[ ]+(?:{_SIDE}|{_BODY})\b)*"
SMT_START = _SMT_START
_BODY_PROSE = (
    r"(?:arms?|forearms?|hands?|fingers?|wrists?|elbows?|shoulders?|chest|back|abdomen|stomach"
    r"|neck|face|cheeks?|forehead|head|scalp|eyes?|eyebrows?|lips?|chin|nose|ears?|legs?"
    r"|thighs?|calf|calves|knees?|ankles?|foot|feet|hips?|buttocks?|side|ribs?|torso|waist"
    r"|shins?|palms?|knuckles?|biceps?|spine|throat|jaw|temple|thumbs?|toes?|teeth|tooth)\b"
)
_DIGIT_PROSE = r"(?:(?:index|middle|ring|little|pinky|big)\s+)?"


class PhysicalMarksRecognizer(ValueRecognizer):
    """Scars, marks and tattoos: SMT codes ("TAT R FOREARM - ROSARY", "SC L CHEEK",
    "SCAR CHEST (SURGICAL)"; each item of a ";"-separated list on its own), and
    prose ("tattoo of a rose on his left arm", "a scar above her right eye").

    Does not match: "SC 29201" (South Carolina), "scar" or "tattoo" with no body
    location, the SMT field label itself.
    """

    ENTITY = Category.PHYSICAL_MARKS
    NAME = "physical_marks"
    TRIM = " \t\n,;:."
    PATTERNS = (
        ValuePattern("smt_code", rf"(?P<value>{_SMT})", 0.85),
        ValuePattern(
            "smt_prose",
            # Prose wraps: any gap may be one line break.
            # "a gunshot scar on the abdomen": what made the scar describes it too.
            r"\b(?P<value>(?:tattoos?|(?:(?:gunshot|gun[ \t]shot|bullet|knife|stab|surgical)"
            r"(?:[ \t]+wound)?[ \t]+)?scars?|birth[ \t]?marks?|(?:burn|needle|track)\s+"
            r"(?:scars?|marks?)|moles?|piercings?)"
            r"(?:\s+(?:of|reading|depicting|that[ \t]+reads|saying|with)\s+[^.;\n]{1,40}?"
            r"(?:\n[^.;\n]{1,30}?)?)?"
            r"\s+(?:on|in|across|above|below|under|near|behind|through|along|over|between)\s+"
            r"(?:(?:his|her|their|the|both|a)\s+)?"
            r"(?:(?:left|right|upper|lower|inner|outer|back\s+of\s+(?:his|her|the))\s+)*"
            + _BODY_PROSE
            + r")",
            0.8,
        ),
        # "a missing right index finger", "amputated left leg": a body part lost
        # marks the person as much as a scar.
        ValuePattern(
            "missing_part",
            r"\b(?P<value>(?:missing|amputated|partially[ \t]+amputated)\s+"
            r"(?:(?:his|her|the)\s+)?(?:(?:left|right|upper|lower|front)\s+)*"
            + _DIGIT_PROSE
            + r"(?:fingers?|thumbs?|toes?|teeth|tooth|eyes?|ears?|hands?|arms?|legs?|foot|feet)\b)",
            0.8,
        ),
    )
    CONTEXT = ("tattoo", "scar", "marks", "smt")

    def value_spans(
        self, text: str, match: regex.Match[str], index: int
    ) -> Iterator[tuple[int, int]]:
        for start, end in super().value_spans(text, match, index):
            yield start, end
            # An inscription whose quote is still open wraps inside its cell: the
            # next line starts with its end ("... SCRIPT 'NO" / "FEAR'").
            if text.count("'", start, end) % 2 == 1 and text[start:end].rfind("'") > 0:
                rest = _QUOTE_END.match(text, text.find("\n", end) + 1 or len(text))
                if "\n" in text[end : end + 200] and rest is not None:
                    yield rest.span("value")


_QUOTE_END = regex.compile(r"[ \t]*(?P<value>[^'\n\t]{1,30}')")


# --- Street address and arrest location -------------------------------------------

_DIRECTION = r"(?-i:(?:N|S|E|W|NE|NW|SE|SW)\.?|North|South|East|West|NORTH|SOUTH|EAST|WEST)"
# Two characters at least: "A" in "CONDUCTED A STREET STOP" is not a street name.
_STREET_WORD = r"(?-i:[A-Z][A-Za-z'’.-]+|\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH))"
_SUFFIXES = (
    "Ave", "Avenue", "St", "Street", "Rd", "Road", "Blvd", "Boulevard", "Pkwy", "Parkway",
    "Dr", "Drive", "Ct", "Court", "Pl", "Place", "Ln", "Lane", "Way", "Ter", "Terrace", "Cir",
    "Circle", "Hwy", "Highway", "Expy", "Expressway", "Trl", "Trail", "Sq", "Square", "Plz",
    "Plaza", "Row", "Walk", "Path", "Aly", "Alley",
)  # fmt: skip
# As written or in capitals ("379 WEST GARFIELD BOULEVARD"), never in lower case:
# "a street" or "the court" in prose are no suffixes.
_SUFFIX_FORMS = sorted({*_SUFFIXES, *(x.upper() for x in _SUFFIXES)}, key=lambda x: (-len(x), x))
_SUFFIX = rf"(?-i:(?:{'|'.join(_SUFFIX_FORMS)})\b\.?)"
# Streets with no suffix. Chicago has Broadway; the rest name expressways.
_NO_SUFFIX_STREET = r"(?-i:Broadway|BROADWAY)"
STREET = (
    rf"(?:{_DIRECTION}{WS})?(?:(?:{_STREET_WORD}{WS}){{0,3}}?{_STREET_WORD}{WS}{_SUFFIX}"
    rf"|{_NO_SUFFIX_STREET}\b)"
)
_UNIT = (
    r"(?:,?" + WS + r"?(?-i:(?:Apt|APT|Apartment|APARTMENT|Unit|UNIT|Ste|STE|Suite|SUITE|Fl|FL"
    r"|Floor|FLOOR|Rm|RM|Room|ROOM)\.?(?:" + WS + r"?\#?[ \t]*[A-Z0-9-]{1,6}(?![\w]))"
    r"|(?:Bsmt|BSMT|Basement|BASEMENT|Rear|REAR|Garden|GARDEN|Front|FRONT)\b\.?"
    r"|\#[ \t]?[A-Z0-9-]{1,6}(?![\w])"
    # "2nd FI": OCR reads the l of "Fl" as a capital I.
    r"|\d{1,2}(?:st|nd|rd|th|ST|ND|RD|TH)" + WS + r"(?:Fl|FL|FI|Floor|FLOOR)\b\.?))"
)
_STATE_CODE = (
    r"(?-i:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|ID|IL|IA|KS|KY|LA|MD|MA|MI|MN|MS|MO|MT|NE|NV"
    r"|NH|NJ|NM|NY|NC|ND|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\b"
)
# State codes that are also English words in capitals ("IN", "OR", "ME", "OH", "OK",
# "HI") count only with a ZIP code after them.
_WORD_STATE_CODE = r"(?-i:IN|OR|ME|OH|OK|HI)\b"
# Every state code, for a caller that knows the context is an address's end.
STATE_CODE = rf"(?:{_STATE_CODE}|{_WORD_STATE_CODE})"
_STATE_NAME = (
    r"(?-i:Illinois|ILLINOIS|Indiana|INDIANA|Wisconsin|WISCONSIN|Michigan|MICHIGAN|Iowa|IOWA)"
)
_ZIP = r"\d{5}(?:-\d{4})?(?![\w-])"
_STATE_ZIP = (
    rf"(?:(?:{_STATE_CODE}|{_STATE_NAME})(?:{WS}{_ZIP})?|{_WORD_STATE_CODE}{WS}{_ZIP})(?![\w-])"
)
_CITY_WORD = r"(?-i:\p{Lu}[\p{L}.'’-]+)"
# A city of two words may wrap: "MELROSE" / "PARK, IL 60160".
_CITY = rf"{_CITY_WORD}(?:{WS}{_CITY_WORD}){{0,2}}"
_CITY_STATE_ZIP = (
    # ", Chicago, IL 60616", ", Skokie IL", ", CICERO, ILLINOIS 60804"
    rf"(?:,{WS}{_CITY},?{WS}{_STATE_ZIP}"
    # all capitals without commas: " CHICAGO IL 60639" (the ZIP code makes it sure), or
    # " CHICAGO IL" where the field ends
    rf"|{WS}{_CITY}{WS}(?:{_STATE_CODE}|{_WORD_STATE_CODE}){WS}{_ZIP}"
    rf"|{WS}{_CITY}{WS}{_STATE_CODE}(?=[ ]*(?:[\t\n,.;)]|$))"
    # ". Chicago, IL 60623": its comma read as a full stop on a scan, with the
    # city, state and ZIP code whole after it (the ZIP code makes it sure).
    rf"|\.{WS}{_CITY},{WS}(?:{_STATE_CODE}|{_WORD_STATE_CODE}){WS}{_ZIP})"
)
# A unit whose word a scan misread ("Rpt 1N" for Apt 1N, "Unlt 3"): a short word
# and a unit number with a digit (or one capital), counted only when the city,
# state and ZIP code follow, which make it sure the words between are the home's.
_MISREAD_UNIT = (
    r",?"
    + WS
    + r"?(?-i:[A-Z][A-Za-z]{1,3})\.?"
    + WS
    + r"(?=[A-Z0-9-]{0,3}\d|[A-Z](?![\w]))[A-Z0-9-]{1,4}(?![\w])"
)
_CITY_STATE_WITH_ZIP = rf",?{WS}{_CITY},?{WS}{STATE_CODE}{WS}{_ZIP}"
_NUMBER = r"\d{1,5}(?:-\d{1,5})?(?-i:[A-Z])?"
# "5000 block of", "7700 BLK": a block, which is an arrest location, not an address.
_NOT_BLOCK = rf"(?!{WS}(?:block|blk)\b)"


def address_regex(cities: Sequence[str]) -> str:
    """A street address, with its units and city; `cities` may end it without a state
    ("2953 W. Dickens Ave, #1R, Chicago")."""
    known = "(?-i:" + alternation({c for name in cities for c in (name, name.upper())}) + ")"
    # Not followed by another capitalised word: ", Chicago Police Department".
    # Not the city of an agency's name (", Chicago Police"), but a typed report's
    # next field may follow ("..., CHICAGO PH 3313242393").
    city_only = (
        rf",{WS}{known}(?![\w'’-])"
        r"(?![ ]+(?!(?-i:PH|PHONE|TEL|CELL|HM|WK|DOB|AGE|SEX|RACE)\b)(?-i:\p{Lu}))"
    )
    return (
        rf"{_NUMBER}{_NOT_BLOCK}{WS}{STREET}"
        rf"(?:{_UNIT}?{_MISREAD_UNIT}{_CITY_STATE_WITH_ZIP}"
        rf"|{_UNIT}{{0,2}}(?:{_CITY_STATE_ZIP}|{city_only})?)"
    )


_ARREST_LOCATION_LABEL = (
    r"(?:\b(?:arrest|incident|occurrence|offense)[ \t]+location"
    r"|\b(?:location|loc\.?|address|place)[ \t]+of[ \t]+(?:arrest|incident|occurrence|offense)"
    r"|\bplace[ \t]+of[ \t]+arrest)"
)
_ARREST_LABEL_BEFORE = _ARREST_LOCATION_LABEL + r"[ \t]*(?:[:#]|[-–](?=[ \t]))?[ \t]*\n?[ \t]*\Z"
# A number after a number label is that number ("STAR\nNO. 1817 CONDUCTED A ..."),
# not a house number.
_NUMBER_LABEL_BEFORE = (
    r"(?:\b(?:no|nos|nbr|num|number|star|badge|beat|dist|district|ir|cb|rd|sid|fbi)\b\.?"
    r"|\#)[ \t]*[:\-–]?[ \t]*\n?[ \t]*\Z"
)


class AddressRecognizer(ValueRecognizer):
    """US street addresses: number, optional direction, street name and suffix (or
    Broadway), optional units ("Apt 3B", "Unit 2", "Bsmt", "#2", "2nd Fl"), optional
    ", City, ST 60616" or " CITY ST 60616" (capitals without commas), or a Chicago-area
    city with no state (", Chicago"); the address may wrap across a line.

    Does not match: "5000 block of S. Western Ave", "7700 BLK MANNHEIM RD" and masked
    "050XX S WESTERN AVE" (arrest locations, see ArrestLocationRecognizer), an
    address printed as the value of an ARREST LOCATION or ADDRESS OF OCCURRENCE
    field, an intersection ("N. Rockwell St and W. Ogden Ave"), a street name with
    no number.
    """

    ENTITY = Category.ADDRESS
    NAME = "address"
    # A period after the suffix is usually the end of the sentence, not "Ave.".
    TRIM = " \t\n,;:."
    CONTEXT = ("address", "residence", "resides", "lives")
    GUARDS: ClassVar[dict[str, str]] = {
        "arrest_label_before": _ARREST_LABEL_BEFORE,
        "number_label_before": _NUMBER_LABEL_BEFORE,
    }

    def __init__(self, *, cities: Sequence[str], supported_language: str = "en") -> None:
        self._cities = tuple(cities)
        super().__init__(supported_language=supported_language)

    def build_patterns(self) -> tuple[ValuePattern, ...]:
        return (
            ValuePattern(
                "street_address",
                rf"(?<![\w/#$.,-])(?P<value>{address_regex(self._cities)})",
                0.85,
            ),
        )

    def accept(
        self, text: str, match: regex.Match[str], start: int, end: int, pattern: ValuePattern
    ) -> bool:
        # An arrest location is released under 2.15(a)(iii), so it must not come out
        # as an ADDRESS, which policies redact for anyone but the arrestee.
        if preceded_by(text, start, self.guard("arrest_label_before"), 40):
            return False
        return not preceded_by(text, start, self.guard("number_label_before"), 20)


class ArrestLocationRecognizer(ValueRecognizer):
    """Arrest locations: "5000 block of S. Western Ave", "7700 BLK MANNHEIM RD", masked
    "050XX S WESTERN AVE", and the value of an ARREST LOCATION, PLACE OF ARREST or
    ADDRESS OF OCCURRENCE field.

    Does not match a full street address elsewhere in the text (that is ADDRESS).
    """

    ENTITY = Category.ARREST_LOCATION
    NAME = "arrest_location"
    TRIM = " \t\n,;:."
    PATTERNS = (
        ValuePattern(
            "block_of",
            rf"(?<![\w-])(?P<value>\d{{1,5}}[ \t]+(?:block[ \t]+of|blk\.?(?:[ \t]+of)?){WS}"
            rf"(?:the[ \t]+)?{STREET})",
            0.85,
        ),
        ValuePattern("masked_number", rf"(?<![\w-])(?P<value>\d{{1,4}}XX{WS}{STREET})", 0.85),
        ValuePattern(
            "arrest_location_field",
            _ARREST_LOCATION_LABEL
            + TEXT_SEP
            + r"(?P<value>[^\s:][^\t\n:]{2,79}?)[ \t]*(?=\t|\n|$)",
            0.85,
        ),
    )
    CONTEXT = ("arrest", "location", "block")

    def invalidate_result(self, pattern_text: str) -> bool | None:
        return pattern_text.upper() in FORM_LABELS or bool(super().invalidate_result(pattern_text))
