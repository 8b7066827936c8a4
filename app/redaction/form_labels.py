"""Form labels as evidence: a value printed after or under a label belongs to it.

Police forms print `DOB: 2001-07-19` on one line, or `PLACE OF BIRTH` with the
value on the line below, or a table whose header row says `NAME  ADDRESS  PHONE`.
Named-entity models are weak on such fragments (all caps, no sentence), but the
label says exactly what the value is. This module turns labels into findings
(category, optional role) and tells detection which role a section of the page
is about ("VICTIM / WITNESS INFORMATION", "EMERGENCY CONTACT").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import regex

from app.redaction.types import Category, Line, PageText, Rect, Role


@dataclass(frozen=True, slots=True)
class LabelSpec:
    pattern: str  # regex for the label text (without the trailing colon)
    category: Category | None  # None: the value is parsed by recognizers only
    role: Role | None = None  # the role the value (or the section) is about
    parse_names: bool = False  # the value holds names to find inside it
    # Only as "LABEL: value". A relation word ("SISTER") in a cell of its own
    # is a table value, not a label.
    inline_only: bool = False
    # The value is not about a person (SEX, HAIR, OCC, BEAT): a statistical
    # model's "name" inside it is noise.
    inert: bool = False


# Order matters only for readability; matching is on the whole label text.
_RELATIONS = (
    r"FATHER|MOTHER|SISTER|BROTHER|WIFE|HUSBAND|SON|DAUGHTER|COUSIN|AUNT|UNCLE|"
    r"GRANDMOTHER|GRANDFATHER|GIRLFRIEND|BOYFRIEND|SPOUSE|PARTNER|NIECE|NEPHEW|"
    r"STEPFATHER|STEPMOTHER|PARENT|GUARDIAN|FRIEND|ROOMMATE|GRANDSON|GRANDDAUGHTER|"
    r"STEPSON|STEPDAUGHTER|FIANC[EÉ]E?|(?:MOTHER|FATHER|SISTER|BROTHER|SON|DAUGHTER)-IN-LAW"
)
LABELS: tuple[LabelSpec, ...] = (
    # Names. The plain NAME label on an arrest form is the arrestee.
    LabelSpec(
        r"NAME\s*\(LAST,?\s*FIRST(?:,?\s*M(?:I|IDDLE)?\.?)?\)", Category.PERSON, Role.ARRESTEE
    ),
    LabelSpec(
        r"(?:ARRESTEE|DEFENDANT|SUBJECT|OFFENDER)(?:'S)?\s*NAME", Category.PERSON, Role.ARRESTEE
    ),
    LabelSpec(r"NAME|FULL\s+NAME", Category.PERSON, Role.ARRESTEE),
    LabelSpec(r"ARRESTEE|DEFENDANT|OFFENDER|SUBJECT", None, Role.ARRESTEE, parse_names=True),
    LabelSpec(
        r"CO-?ARRESTEES?|CO-?DEFENDANTS?|CO-?OFFENDERS?", None, Role.CO_ARRESTEE, parse_names=True
    ),
    LabelSpec(r"VICTIM(?:'S)?(?:\s*NAME)?", None, Role.VICTIM, parse_names=True),
    LabelSpec(
        r"WITNESS(?:'S)?(?:\s*NAME)?|COMPLAINANT|REPORTING\s+PARTY|R/P",
        None,
        Role.WITNESS,
        parse_names=True,
    ),
    LabelSpec(
        r"EMERGENCY\s+CONTACT|NEXT\s+OF\s+KIN|PARENT/GUARDIAN|RELATIVE|NOTIFIED",
        None,
        Role.RELATIVE,
        parse_names=True,
    ),
    LabelSpec(_RELATIONS, None, Role.RELATIVE, parse_names=True, inline_only=True),
    LabelSpec(
        r"A\.?K\.?A\.?|ALIAS(?:ES)?(?:\s*/\s*NICKNAMES?)?|ALSO\s+KNOWN\s+AS|NICKNAMES?|MONIKER",
        Category.ALIAS,
    ),
    # Dates and age.
    LabelSpec(r"D\.?O\.?B\.?|DATE\s+OF\s+BIRTH|BIRTH\s*DATE|B/D", Category.DATE_OF_BIRTH),
    LabelSpec(r"AGE", Category.AGE),
    # Origin and status.
    LabelSpec(
        r"PLACE\s+OF\s+BIRTH|P\.?O\.?B\.?|BIRTH\s*PLACE|COUNTRY\s+OF\s+BIRTH|BORN\s+IN|"
        r"CITY/COUNTRY\s+OF\s+BIRTH|NATIVE\s+OF",
        Category.PLACE_OF_BIRTH,
    ),
    LabelSpec(
        r"CITIZENSHIP|COUNTRY\s+OF\s+CITIZENSHIP|CTZ|CITZ|CIT|NATIONALITY|CITIZEN\s+OF",
        Category.NATIONALITY,
    ),
    LabelSpec(
        r"IMMIGRATION\s+STATUS|IMM(?:IG)?\.?\s+STAT(?:US|\.)?|STATUS\s+IN\s+U\.?S\.?|LEGAL\s+STATUS",
        Category.IMMIGRATION_STATUS,
    ),
    LabelSpec(
        r"A\s?#|A-?NUMBER|A-?NO\.?|ALIEN\s+(?:REG(?:ISTRATION)?\.?\s+)?(?:NO\.?|NUMBER|#)",
        Category.A_NUMBER,
    ),
    LabelSpec(r"PASSPORT(?:\s*(?:#|NO\.?|NUMBER))?", Category.PASSPORT),
    LabelSpec(r"VISA(?:\s*(?:#|NO\.?|NUMBER))?|I-94(?:\s*(?:#|NO\.?))?", Category.VISA),
    LabelSpec(
        r"MATR[IÍ]CULA(?:\s+CONSULAR)?(?:\s*(?:#|NO\.?))?|CONSULAR\s+ID(?:\s*(?:#|NO\.?))?",
        Category.CONSULAR_ID,
    ),
    # Contact.
    LabelSpec(
        r"RESIDENCE|HOME\s+ADDRESS|ADDRESS|ADDR\.?|RES\.?(?:\s+ADDR(?:ESS|\.)?)?|HOME|"
        r"LAST\s+KNOWN\s+ADDRESS",
        Category.ADDRESS,
    ),
    LabelSpec(
        r"PHONE(?:\s*(?:#|NO\.?))?|PH\s*#|PH\.?|TEL(?:EPHONE)?\.?(?:\s*(?:#|NO\.?))?|"
        r"CELL?(?:\s+PHONE)?|HOME\s+PHONE|MOBILE",
        Category.PHONE,
    ),
    LabelSpec(r"E-?MAIL(?:\s+ADDRESS)?", Category.EMAIL),
    LabelSpec(
        r"EMPLOYER(?:\s+ADDRESS)?|EMPL(?:OYER)?\.?\s+ADDR(?:ESS)?\.?|EMPL\.?|"
        r"PLACE\s+OF\s+EMPLOYMENT|OCCUPATION/EMPLOYER|"
        r"WORK\s+ADDRESS|EMPLOYER/OCCUPATION|BUSINESS\s+ADDRESS|WORKPLACE|"
        r"WORKS\s+(?:AT|FOR)|EMPLOYED\s+(?:AT|BY)",
        Category.EMPLOYER,
    ),
    # Identity documents.
    LabelSpec(
        r"SSN|S\.S\.N\.|SOC(?:IAL)?\.?\s+SEC(?:URITY)?\.?(?:\s*(?:#|NO\.?|NUMBER))?",
        Category.SSN,
    ),
    LabelSpec(
        # "TVDL#/STATE", "DL NO./STATE": the issuing state shares the label.
        r"(?:(?:DL|D/L|TVDL|OLN|DRIVER'?S?\s+LIC(?:ENSE)?\.?)(?:\s*(?:#|NO\.?))?"
        r"|LICENSE\s*(?:#|NO\.?))(?:\s*/\s*STATE)?",
        Category.DRIVERS_LICENSE,
    ),
    LabelSpec(r"STATE\s+ID(?:\s*(?:#|NO\.?))?|ID\s+CARD(?:\s*#)?", Category.STATE_ID),
    LabelSpec(r"OTHER\s+ID|ID\s+DOCUMENTS?|IDENTIFICATION", None),
    LabelSpec(
        r"(?:VEH(?:ICLE)?\.?\s+)?(?:LIC(?:ENSE)?\.?\s+)?PLATE(?:\s*#)?|LIC\s*#|"
        r"V\.?I\.?N\.?(?:\s*#)?|VEHICLE|REGISTRATION",
        Category.VEHICLE,
    ),
    LabelSpec(
        r"IDENTIFYING\s+MARKS|"
        r"(?:SCARS?\s*/\s*MARKS\s*/\s*TATTOOS|SCARS,?\s+MARKS,?\s+(?:AND\s+|&\s+)?TATTOOS)"
        r"(?:\s*\(SMT\))?|S/M/T|SMT|TATTOOS?|SCARS?|MARKS",
        Category.PHYSICAL_MARKS,
    ),
    LabelSpec(
        r"(?:PRIMARY\s+)?(?:LANGUAGE|LANG\.?)(?:\s*/\s*INTERPRETER)?|SPEAKS|"
        r"INTERPRETER\s*\((?:LANGUAGE|LANG\.?)\)|LANGUAGE\s*\(INTERPRETER\)|LANGUAGE\s+SPOKEN",
        Category.LANGUAGE,
    ),
    # Record numbers.
    LabelSpec(
        r"CB\s*(?:#|NO\.?|NUMBER)|(?:CENTRAL\s+)?(?:BOOKING|BKG\.?)\s*(?:#|NO\.?|NUMBER)|"
        r"ARR(?:EST)?\.?\s*(?:#|NO\.?|NUMBER)",
        Category.CB_NUMBER,
    ),
    LabelSpec(r"IR\s*(?:#|NO\.?|NUMBER)", Category.IR_NUMBER),
    LabelSpec(r"FBI\s*(?:#|NO\.?|NUMBER)?", Category.FBI_NUMBER),
    LabelSpec(r"(?:ISP\s+)?SID\s*(?:#|NO\.?|NUMBER)?", Category.SID_NUMBER),
    LabelSpec(
        r"RD\s*(?:#|NO\.?|NUMBER)|CASE\s*(?:#|NO\.?|NUMBER)|INCIDENT\s*(?:#|NO\.?)",
        Category.RD_NUMBER,
    ),
    LabelSpec(r"STAR\s*(?:#|NO\.?)?", Category.STAR_NUMBER, Role.OFFICER),
    # Arrest information (released, but found so nothing else claims it).
    LabelSpec(
        r"ARREST\s+DATE|DATE\s+OF\s+ARREST|ARREST\s+DATE/TIME|DATE\s+OCCURRED",
        Category.ARREST_DATE,
    ),
    LabelSpec(
        # A bare "LOCATION" on an arrest or incident report is where it happened;
        # a person's home is labelled ADDRESS or RESIDENCE.
        r"LOCATION|LOC\.?|ARREST\s+LOCATION|LOC(?:ATION)?\.?\s+OF\s+ARREST|PLACE\s+OF\s+ARREST|"
        r"(?:ADDRESS|LOCATION|PLACE)\s+OF\s+(?:OCCURRENCE|INCIDENT|OFFENSE)|"
        r"INCIDENT\s+(?:LOCATION|ADDRESS)|OCCURRENCE\s+(?:LOCATION|ADDRESS)",
        Category.ARREST_LOCATION,
    ),
    LabelSpec(r"BOND\s+AMOUNT|BOND\s+AMT\.?|BAIL(?:\s+AMOUNT)?|BOND", Category.BOND),
    LabelSpec(r"BOND\s+TYPE", Category.BOND),
    LabelSpec(r"CHARGES?|STATUTE(?:/ORD)?", Category.CHARGE),
    # The JUVENILE flag some forms carry; read by detection, never redacted.
    LabelSpec(r"JUVENILE|JUV\.?", None),
    # Labels that are not personal data: listed so that their values are not
    # swallowed into the preceding label's value on an inline row.
    LabelSpec(
        r"SEX|RACE|HGT|HT|HEIGHT|WGT|WT|WEIGHT|EYES|HAIR|BUILD|COMPLEXION|TIME|BEAT|DIST|"
        r"DISTRICT|UNIT|EVENT\s*#|DATE(?:/TIME)?|DATE\s+OF\s+REPORT|REPORT\s+DATE|"
        r"ARRESTING\s+AGENCY|AGENCY|APPROVED|CLASS|CL|TYPE|DETENTION\s+HEARING|RELEASE|"
        r"COURT\s+BRANCH|REPORTING\s+(?:DETECTIVE|OFFICER)|ROLE|#|NO\.?|DESCRIPTION|"
        r"STATUS|INVENTORY\s*#|RELATIONSHIP|RELATION|OFFENSE(?:\(S\))?|CODE|INTERP|"
        r"HELD\s+AT|OCC(?:UPATION)?|ZONE\s*/\s*BEAT|R/O|CLEARANCE|SEX/RACE|HEIGHT\s*/\s*WEIGHT|HT/WT|"
        r"YR\s*/\s*MAKE|MAKE|MODEL|COLOR|YEAR|LOCATION\s+TYPE|DATE\s+OF\s+OCCURRENCE|SEX\s*/\s*RACE|"
        r"EYES\s*/\s*HAIR|HT\s*/\s*WT|HGT\s*/\s*WGT",
        None,
        inert=True,
    ),
)

_NULL_VALUES = regex.compile(
    r"^(?:NONE(?:\s+GIVEN)?|N/?A|UNK(?:NOWN)?|NOT\s+(?:GIVEN|PROVIDED|APPLICABLE)|NEG(?:ATIVE)?|"
    r"REFUSED|DECLINED|"
    r"-+|—|\.|X|NO|0+)\.?$",
    regex.IGNORECASE,
)

# Any label may carry a plural mark: "ALIAS(ES)", "CHARGE(S)".
_PLURAL = r"(?:\s?\((?:E?S)\))?"
_ANY_LABEL = "(?:" + "|".join(f"(?:{s.pattern})" for s in LABELS) + ")" + _PLURAL
_ANY_CELL_LABEL = (
    "(?:" + "|".join(f"(?:{s.pattern})" for s in LABELS if not s.inline_only) + ")" + _PLURAL
)
# Inline: the label then ":" (or a label that itself ends with "#"), then the value.
# The colon makes a label unambiguous, so inline labels match in any case
# ("Born In:", "Home Address:"). Stand-alone labels have no colon and must be in
# capitals, or narrative words ("his home", "age") would read as labels.
_INLINE_COLON = regex.compile(
    # A note in parentheses may sit between label and colon: "VISA (F-1):",
    # "IMM. STATUS (SELF-REPORTED):".
    rf"(?<![\p{{L}}\p{{N}}])(?P<label>{_ANY_LABEL})"
    rf"(?:[ ]?\([^()\n:]{{1,24}}\))?(?P<sep>[ ]?:)[ \t]*",
    regex.IGNORECASE,
)
# "A# A282741109", "CB# 123": a label ending in "#" needs no colon, but then it
# must be in capitals and its value is the one token after it ("Star #8294)." in
# a sentence is not a label).
_INLINE_HASH = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?P<label>{_ANY_LABEL})(?<=#)(?P<sep>)[ \t]*(?=\S+(?:\s|$))"
)


# "WITNESS - Ana Ruiz", "Birthdate - 06 Mar 1971": a dash instead of a colon,
# trusted only at the start of a cell ("THEFT - UNAUTHORIZED CONTROL" in a
# sentence is a charge, not a label and a value).
_INLINE_DASH = regex.compile(
    rf"^\s*(?P<label>{_ANY_LABEL})(?:[ ]?\([^()\n:]{{1,24}}\))?(?P<sep>[ ]+[-–—][ ]+)",
    regex.IGNORECASE,
)


# In a row that uses the dash ("LANG - PUNJABI; INTERPRETER REQUESTED IMM STAT -
# PAROLEE"), a later label in capitals followed by a dash starts the next field.
# Only a label that cannot be a word of a value (several words, or ending in "#"
# or "."): "TAT L CALF - BARCODE" holds no label.
_MID_DASH = regex.compile(
    rf"(?<=[ \t;,])(?P<label>{_ANY_LABEL})(?:[ ]?\([^()\n:]{{1,24}}\))?(?P<sep>[ ]+[-–—][ ]+)"
)


# A group is no label word: in "CB# 50612429 ADDR 6610 S. 49TH CT" the number ends
# where the next field begins.
_NEXT_FIELD = (
    r"(?:ADDR|ADDRESS|DOB|PH|PHONE|TEL|AGE|SEX|RACE|HT|WT|AKA|CB|IR|SID|FBI|DL|EMAIL|POB)"
    r"(?![\p{Lu}\p{N}])"
)
# A cell that opens with a field's short label and its value ("ADDR 4064 S. ...").
_FIELD_LEAD = regex.compile(rf"{_NEXT_FIELD}[ ]+\S")
_HASH_VALUE = regex.compile(
    rf"(?!{_NEXT_FIELD})[\p{{Lu}}\p{{N}}\-/.]+(?:[ ](?!{_NEXT_FIELD})[\p{{Lu}}\p{{N}}\-/.]+){{0,4}}"
    r"(?=[;,)\s]|$)"
)


_ROAD_LABEL = regex.compile(r"(?i)RD\b")
_HOUSE_AND_STREET_BEFORE = regex.compile(
    r"(?<![\p{L}\p{N}])\d{1,5}[ \t]+(?:(?:[NSEW]|North|South|East|West)\.?[ \t]+)?"
    r"(?:[\p{Lu}\d][\p{L}\d'’.-]*[ \t]+){1,3}$",
    regex.IGNORECASE,
)


class _Inline:
    """All inline forms, merged in text order, like one regex would give."""

    def finditer(self, text: str) -> list[regex.Match[str]]:
        found = list(_INLINE_COLON.finditer(text))
        # A bare "#" is a unit ("Ave, #1R") or a star number, not a label; nor is
        # "RD #" after a house number and a street name ("2164 W ROOSEVELT RD #1R"):
        # that is the road and its unit, not a report number.
        extra = [
            m
            for m in _INLINE_HASH.finditer(text)
            if m.group("label").strip() != "#"
            and not (
                _ROAD_LABEL.match(m.group("label"))
                and _HOUSE_AND_STREET_BEFORE.search(text, 0, m.start())
            )
        ]
        dash = _INLINE_DASH.match(text)
        if dash is not None:
            extra.append(dash)
        for m in extra:
            if not any(o.start() <= m.start() < o.end() for o in found):
                found.append(m)
        return sorted(found, key=lambda m: m.start())

    def match(self, text: str) -> regex.Match[str] | None:
        return _INLINE_COLON.match(text) or _INLINE_HASH.match(text) or _INLINE_DASH.match(text)

    def search(self, text: str) -> regex.Match[str] | None:
        return _INLINE_COLON.search(text) or _INLINE_HASH.search(text) or _INLINE_DASH.match(text)


_INLINE = _Inline()
_WORDED = regex.compile(r"[\p{L}\p{N}]")
# (its colon, or a speck read as a full stop after it on a scan: "CITY/COUNTRY OF BIRTH.")
_STANDALONE = regex.compile(rf"^\s*(?P<label>{_ANY_CELL_LABEL})\s*[:.]?\s*$")
# "ADDRESS OF OCCURRENCE 3937 S. California Ave": a label of several capitalised
# words printed right before its value in one cell, with no colon. Single-word
# labels are left out: "HOME 2 DAYS" is not a label and a value.
_LEADING_SPECS = [
    (regex.compile(rf"\s*(?:{s.pattern}){_PLURAL}\s+(?=[\p{{Lu}}\p{{N}}])"), s)
    for s in LABELS
    if not s.inline_only
]


# ... but an abbreviation that is no word may lead its value alone ("CTZ GTM", its
# colon lost on a scan).
_ABBREVIATED_LEADS = frozenset({"CTZ", "CITZ", "POB"})


def _leading_label(seg_text: str) -> tuple[int, LabelSpec] | None:
    if _INLINE.match(seg_text):
        return None
    best: tuple[int, LabelSpec] | None = None
    for pattern, spec in _LEADING_SPECS:
        m = pattern.match(seg_text)
        if m is None or not m.group().isupper():
            continue
        if " " not in m.group().strip() and m.group().strip() not in _ABBREVIATED_LEADS:
            continue
        if best is None or m.end() > best[0]:
            best = (m.end(), spec)
    return best


_HEADER_RUN = regex.compile(
    rf"^\s*(?:(?:{_ANY_CELL_LABEL})\s+)+(?P<label>{_ANY_CELL_LABEL})\s*:?\s*$"
)
_RELATION_LEAD = regex.compile(rf"^\s*(?P<label>{_RELATIONS})[ ]+(?=\p{{Lu}}\p{{Ll}})")
_RELATION_CELL = regex.compile(rf"^\s*(?P<label>{_RELATIONS})\s*:?\s*$")
_TRAILING = regex.compile(rf"(?<=\s)(?P<label>{_ANY_CELL_LABEL})\s*:?\s*$")
_COMPILED = [(regex.compile(rf"(?:{s.pattern})", regex.IGNORECASE), s) for s in LABELS]


def spec_for(label_text: str) -> LabelSpec:
    # A label joined from two lines keeps its colon ("ADDRESS OF" / "OCCURRENCE:").
    label_text = label_text.strip().rstrip(":").rstrip()
    label_text = regex.sub(r"\s?\((?:E?S)\)$", "", label_text, flags=regex.IGNORECASE)
    for pattern, spec in _COMPILED:
        if pattern.fullmatch(label_text):
            return spec
    raise KeyError("unknown label")  # unreachable for text matched by _ANY_LABEL


@dataclass(frozen=True, slots=True)
class LabelledValue:
    spec: LabelSpec
    start: int  # span of the value in PageText.text
    end: int
    label_start: int
    below: bool  # the value sits under a stand-alone label
    row_role: Role | None = None  # a table row's own type cell ("V1", "WITNESS")
    # One line of a value that wraps inside its cell (see Finding.fragment).
    fragment: bool = False


@dataclass(frozen=True, slots=True)
class Segment:
    """A cell of a line: text between column gaps (tabs)."""

    line: int
    start: int
    end: int
    rect: Rect


def segments(page: PageText) -> list[Segment]:
    out: list[Segment] = []
    for li, line in enumerate(page.lines):
        pos = line.start
        for part in page.text[line.start : line.end].split("\t"):
            s, e = pos, pos + len(part)
            pos = e + 1
            # Trim surrounding spaces so the segment's box is its ink.
            while s < e and page.text[s].isspace():
                s += 1
            while e > s and page.text[e - 1].isspace():
                e -= 1
            if s == e:
                continue
            boxes = page.boxes_for_span(s, e)
            if boxes:
                out.append(Segment(li, s, e, Rect.enclosing(boxes)))
    return out


def is_null_value(text: str) -> bool:
    return bool(_NULL_VALUES.match(text.strip()))


def _trim(page: PageText, start: int, end: int) -> tuple[int, int]:
    text = page.text
    while start < end and (text[start].isspace() or text[start] in ":;,"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ";,"):
        end -= 1
    return start, end


def _value_right(
    page: PageText, segs: list[Segment], label: Segment, spec: LabelSpec
) -> LabelledValue | None:
    """The cell right of a label on the same row ("AGE  17  PHONE  ..." rows).

    A label cell is often centred in a taller row while its value starts at the
    row's top, so extraction puts the value on a line of its own just above; it
    still counts as the same row when the two overlap vertically.
    """
    right = [s for s in segs if s.rect.x0 >= label.rect.x1 - 1]
    after = [s for s in right if s.line == label.line]
    if not after:
        centre = (label.rect.y0 + label.rect.y1) / 2
        reach = label.rect.height * 0.75
        after = [s for s in right if abs((s.rect.y0 + s.rect.y1) / 2 - centre) < reach]
    if not after:
        return None
    cell = min(after, key=lambda s: s.rect.x0)
    text = page.text[cell.start : cell.end]
    # A row of labels is a header: its values are below, not to the right. So is
    # a cell that opens with another field ("F-1 VISA#: 12574573" right of an
    # empty "MATRICULA#:", whose value wraps under it).
    if _STANDALONE.match(text) or _INLINE.match(text) or _opens_another_field(text):
        return None
    if page.ocr and (_garbled_header_cell(page, segs, label, cell) or _specked_label(text)):
        return None
    s, e = _trim(page, cell.start, cell.end)
    if e <= s or is_null_value(page.text[s:e]):
        return None
    return LabelledValue(spec, s, e, label.start, False)


# On a scan, a label cell with a speck read as a glyph glued to it ("7ZONE/BEAT"
# right of "LOC OF ARREST" in a row of labels): a label still, not the value. A
# label of three letters at least ("1ST" is an ordinal, not a speck and "ST").
_SPECKED_LABEL = regex.compile(rf"^[^\p{{L}}\s](?P<label>{_ANY_CELL_LABEL})[^\p{{L}}\s]?$")


def _specked_label(text: str) -> bool:
    m = _SPECKED_LABEL.match(text.strip())
    return m is not None and len(m.group("label")) >= 3


# A type code before a field's label ("F-1 VISA#:", "B-2 VISA:"): one short word.
_TYPE_CODE = regex.compile(r"[\p{Lu}\p{N}][\p{Lu}\p{N}-]{0,4}")


def _opens_another_field(text: str) -> bool:
    m = _INLINE_COLON.search(text)
    return m is not None and _TYPE_CODE.fullmatch(text[: m.start()].strip()) is not None


# A word OCR garbled past recognition in a row of labels ("CITIZENSHIP  wer  EYES
# BIRTHPLACE" for WGT, "CITY/COUNTRY OF BIRTH  Cree" for CTZ, "BOOKING #
# JOVENILE," for JUVENILE): one word of letters, every other cell of its line a
# label (specks read around it aside: "(CLEARANCE,"), three at least. It is a
# label too, not the value of the label before it, whose value is under that label.
_GARBLED_WORD = regex.compile(r"[^\W\d_]{1,10}[.:;,]?")
_CELL_SPECKS = "(),;"


def _garbled_header_cell(
    page: PageText, segs: list[Segment], label: Segment, cell: Segment
) -> bool:
    if _GARBLED_WORD.fullmatch(page.text[cell.start : cell.end]) is None:
        return False
    others = [s for s in segs if s.line == cell.line and s is not cell]
    if len(others) < 3 or not all(
        _STANDALONE.match(page.text[s.start : s.end].strip().strip(_CELL_SPECKS)) for s in others
    ):
        return False
    return _segment_below(page, segs, label) is not None


def _values_right(
    page: PageText, segs: list[Segment], label: Segment, spec: LabelSpec
) -> list[LabelledValue]:
    """The value right of a label, and the lines it wraps onto inside its cell."""
    value = _value_right(page, segs, label, spec)
    if value is None:
        return []
    return _with_continuations(page, segs, label, spec, value)


def _with_continuations(
    page: PageText, segs: list[Segment], label: Segment, spec: LabelSpec, value: LabelledValue
) -> list[LabelledValue]:
    """The value, and the lines its cell wraps onto ("ulises.camacho67@" over
    "yahoo.com"), as fragments when there are any."""
    cell = next((s for s in segs if s.start <= value.start < s.end), None)
    first = cell
    pieces: list[LabelledValue] = []
    while cell is not None and len(pieces) < 3:
        cell = _cell_continuation(page, segs, cell, label, first)
        if cell is None:
            break
        s, e = _trim(page, cell.start, cell.end)
        if e > s:
            pieces.append(LabelledValue(spec, s, e, label.start, False, fragment=True))
    if not pieces:
        return [value]
    return [replace(value, fragment=True), *pieces]


def _inline_continuation(
    page: PageText, segs: list[Segment], seg: Segment, value_start: int
) -> Segment | None:
    """The second line of an inline value that wraps in its column ("PLACE OF
    EMPLOYMENT: Sabor Latino" over an indented "Supermercado"): the next line's
    first cell starts right of the label's edge and no further right than the
    value, on the next line down, and is no label."""
    boxes = page.boxes_for_span(value_start, value_start + 1)
    if not boxes or seg.line + 1 >= len(page.lines):
        return None
    value_x0 = boxes[0].x0
    below = sorted((s for s in segs if s.line == seg.line + 1), key=lambda s: s.rect.x0)
    if not below:
        return None
    first = below[0]
    # A typed report wraps a field's value back to the field's own column ("AKA:
    # GATO, WILMER ALVARADO-" over "XICARA"): flush with the label, alone on its
    # line, under a value that filled its line.
    flush = (
        abs(first.rect.x0 - seg.rect.x0) <= 2
        and len(below) == 1
        and seg.end >= page.lines[seg.line].end
        and first.rect.x0 > page.lines[seg.line].rect.x0 + 3
    )
    # ... or, in the first column, between two lines of fields ("LANG:SPANISH -
    # INTERPRETER | IMM STAT:..." over "REQUESTED" over "VEH:GOLD 2014 ..."): a
    # line of no field of its own there is the rest of the value above it.
    flush = flush or (
        abs(first.rect.x0 - seg.rect.x0) <= 2
        and len(below) == 1
        and _INLINE.match(page.text[seg.start : seg.end]) is not None
        and _TYPED_FIELD.match(page.text, first.start, first.end) is None
        and _next_line_is_a_field(page, segs, first.line)
    )
    # ... or a parenthesis the value opened ("LANG: VIETNAMESE (INTERPRETER" |
    # "STATUS: ...") closed by the line flush under it ("PROVIDED)").
    flush = flush or (
        abs(first.rect.x0 - seg.rect.x0) <= 2
        and len(below) == 1
        and _closes_open_parenthesis(
            page.text[value_start : seg.end], page.text[first.start : first.end]
        )
    )
    if not flush and not seg.rect.x0 + 3 < first.rect.x0 <= value_x0 + 3:
        return None
    if first.rect.y0 - seg.rect.y1 > seg.rect.height * 0.5:
        return None
    if _runs_under_next_cell(page, segs, seg, first):
        return None
    text = page.text[first.start : first.end]
    if _STANDALONE.match(text) or _INLINE.search(text) or section_role(text) is not False:
        return None
    return first


def _runs_under_next_cell(
    page: PageText, segs: list[Segment], cell: Segment, below: Segment
) -> bool:
    """A cell's lines stay inside its column: a line running on under the next
    cell of the row ("CASE NO - 22-926145  (CONT'D)" over a line of prose, the
    rule between them lost on a scan) is the next row, not this value's. On a
    scan a tilted line's box may reach a little past (up to its height)."""
    right = min(
        (s.rect.x0 for s in segs if s.line == cell.line and s.rect.x0 > cell.rect.x1),
        default=None,
    )
    slack = max(2.5, below.rect.height) if page.ocr else 2.5
    return right is not None and below.rect.x1 > right + slack


# Any word or two in capitals and a colon opens a typed field, known label or not
# ("VEH:GOLD 2014 NISSAN").
_TYPED_FIELD = regex.compile(
    r"[\p{Lu}][\p{Lu}\d/#.&'-]*(?:[ ][\p{Lu}\d/#.&'-]+){0,2}(?:[ ]?:|[ ]+[-–][ ]+)"
)


def _next_line_is_a_field(page: PageText, segs: list[Segment], line: int) -> bool:
    nxt = min((s for s in segs if s.line == line + 1), key=lambda s: s.rect.x0, default=None)
    return nxt is not None and (
        _TYPED_FIELD.match(page.text, nxt.start, nxt.end) is not None
        or _INLINE.match(page.text[nxt.start : nxt.end]) is not None
    )


def _values_right_or_below(
    page: PageText, segs: list[Segment], label: Segment, last_line: Segment, spec: LabelSpec
) -> list[LabelledValue]:
    """A stand-alone label's value: right of it, else under its last line."""
    right = _values_right(page, segs, label, spec)
    if right:
        return right
    below = _value_below(page, segs, last_line, spec, first_line=label)
    if below is None:
        return []
    if spec.category is None:
        # A section-like label ("CO-ARRESTEES") heads lines of their own: the
        # lines after its first are rows, not the rest of one value.
        return [below]
    return _with_continuations(page, segs, label, spec, below)


def _cell_continuation(
    page: PageText,
    segs: list[Segment],
    cell: Segment,
    label: Segment,
    first: Segment | None = None,
) -> Segment | None:
    """The next line of a value cell that wraps ("HUAMÁN-COLMENARES, ORLANDO" over
    "YONAIKER"): flush with the cell's left edge and closer under it than the next
    row of the form would be. Left of it there may only be the wrapped label's own
    second line ("NAME (LAST," over "FIRST)") or another value of the row that
    wraps too, never a label."""
    # The next line down, and any line that starts within it: a label in smaller
    # type beside the wrapped value ("NICKNAME" left of "yahoo.com") sits a little
    # higher and is read as a line of its own.
    h = cell.rect.height

    # Lines of one cell sit closer than rows (leading up to half the type size).
    # OCR's boxes hug the ink, so a scan's short word ("Ciudad" over
    # "Nezahualcóyotl,") gives less than the type size: the taller of the two
    # stands for it there, and its left edge moves with the first glyph's shape
    # and any speck beside it, so it is compared with the cell's first line too.
    def height(s: Segment) -> float:
        return max(h, s.rect.height) if page.ocr else h

    def flush(s: Segment) -> bool:
        if not page.ocr:
            return abs(s.rect.x0 - cell.rect.x0) < 2.5
        edges = (cell.rect.x0,) if first is None else (cell.rect.x0, first.rect.x0)
        return min(abs(s.rect.x0 - x) for x in edges) < max(2.5, 0.5 * height(s))

    below = [
        s
        for s in segs
        if s.line > cell.line
        and s.rect.y0 > cell.rect.y0 + h * 0.5
        and s.rect.y0 - cell.rect.y1 <= height(s) * 0.5
    ]
    cont = next((s for s in below if flush(s)), None)
    if cont is None:
        return None
    text = page.text[cont.start : cont.end]
    # A value left open ("TATTOO CHEST -" over "STAR") goes on even with a label's word.
    if not ends_open(page.text[cell.start : cell.end]) and (
        _STANDALONE.match(text) or _INLINE.match(text) or section_role(text) is not False
    ):
        return None
    if _runs_under_next_cell(page, segs, cell, cont):
        return None
    above = [s for s in segs if s.line == cell.line]
    for s in below:
        if s is cont or s.rect.x0 >= cell.rect.x0 - 2.5:
            continue
        left = page.text[s.start : s.end]
        # On a scan the left edges of a label's two lines differ by their first
        # glyphs' ink ("NAME (LAST," over "FIRST)" 3 pt apart), as `flush` allows.
        slack = max(2.5, 0.5 * height(s)) if page.ocr else 2.5
        over = next((a for a in above if abs(a.rect.x0 - s.rect.x0) < slack), None)
        if over is None:
            return None  # under nothing of this row: the next row of the form
        over_text = page.text[over.start : over.end]
        if _STANDALONE.match(f"{over_text} {left}"):
            # A label's own second line, this label's or another of the row's
            # ("SOCIAL SECURITY" over "NO.", "ALIAS /" over "NICKNAME").
            continue
        if _STANDALONE.match(left) or _INLINE.match(left):
            return None  # a label of its own: the next row of the form
        # Under a label ("NAME (LAST," over "FIRST)"), or another value of the row
        # that wraps too ("Holguín (Holguín)," over "Cuba" left of "Spanish (no"
        # over "English)").
    return cont


def _segment_below(
    page: PageText, segs: list[Segment], seg: Segment, *, next_line: bool = False
) -> Segment | None:
    """The cell printed under a stand-alone label: same column, next line down
    (`next_line`: on the page's very next line, not past a line that holds
    nothing under the label)."""
    line_h = max(seg.rect.height, 6.0)
    best: Segment | None = None
    best_top = 0.0
    for other in segs:
        if other.line <= seg.line or (next_line and other.line != seg.line + 1):
            continue
        # Horizontal overlap with the label's column; a value may be wider than
        # its label, so compare against the label's left edge too.
        overlap = min(other.rect.x1, seg.rect.x1) - max(other.rect.x0, seg.rect.x0)
        aligned_left = abs(other.rect.x0 - seg.rect.x0) < 12
        if overlap <= 0 and not aligned_left:
            continue
        top = _top_under(page, other, seg)
        gap = top - seg.rect.y1
        if gap < -line_h * 0.3 or gap > line_h * 2.2:
            continue
        if best is None or top < best_top:
            best, best_top = other, top
    return best


def _top_under(page: PageText, cell: Segment, label: Segment) -> float:
    """The top of `cell` where it lies under `label`. On a tilted scan a long
    line's box spans its drift: a charge line rising 10 pt across the page
    reached above the bottom of the "CHARGES" label over its left end, so the
    line was passed over and the heading under it taken for the value."""
    if not page.ocr:
        return cell.rect.y0
    tops = [
        r.y0
        for r in (page.words[i].rect for i in page.word_indices_for_span(cell.start, cell.end))
        if r.x0 < label.rect.x1 and r.x1 > label.rect.x0
    ]
    return min(tops, default=cell.rect.y0)


def _value_below(
    page: PageText,
    segs: list[Segment],
    label: Segment,
    spec: LabelSpec,
    *,
    first_line: Segment | None = None,
    next_line: bool = False,
) -> LabelledValue | None:
    """The value under `label` (the last line of a label wrapped from `first_line`;
    `next_line`: see `_segment_below`)."""
    below = _segment_below(page, segs, label, next_line=next_line)
    if below is None:
        return None
    text = page.text
    below_text = text[below.start : below.end]
    # The cell below must not itself be a label (the next row of a label grid),
    # nor a field of its own that opens with its label ("ADDR 4064 S. LARAMIE
    # AVE, APT" under a "PH" that ends the row above, its value on the next line
    # at the left margin).
    # Nor a heading that opens a role's block ("VICTIM(S) / WITNESS(ES)"): the
    # rows under it are that block's, not the rest of this label's value.
    if (
        _STANDALONE.match(below_text)
        or _INLINE.match(below_text)
        or _leading_label(below_text) is not None
        or _FIELD_LEAD.match(below_text) is not None
        or isinstance(section_role(below_text), Role)
    ):
        return None
    start, stop = _in_label_column(page, segs, label, below, first_line or label)
    # A cell holds a value, not prose: when the "cell" is a narrative line that
    # happens to sit under a label, the value ends with its first sentence.
    end = _inline_value_end(text, start, stop, spec, ocr=page.ocr)
    s, e = _trim(page, start, end)
    if e <= s or is_null_value(text[s:e]):
        return None
    return LabelledValue(spec, s, e, label.start, True)


_COLUMN_SLACK = 4.0  # points: OCR's boxes start at the ink, a hair off the label's edge


def _in_label_column(
    page: PageText, segs: list[Segment], label: Segment, below: Segment, first: Segment
) -> tuple[int, int]:
    """The part of `below` under `label`'s own column.

    Two values printed close ("01/12/1985 2637 W. FOSTER" under "BIRTH / DATE"
    and "HOME ADDRESS") are one cell to the column-gap test; whole, the date took
    the address and the address the date. The other cells of the label's header
    line (the line of its first part, `first`, for a label wrapped over two
    lines; cells without digits) bound the column: a word starting under the
    text of the header cell to the left, or at or past the start of the one to
    the right, is not this label's. Only that line: the line above it may be a
    form's row of values, whose cells say nothing of this label's column. A
    value wider than its label, or starting left of a narrow one ("44" under
    "AGE"), under no other header cell, stays whole.
    """
    header = [
        s.rect
        for s in segs
        if s is not label
        and s is not first
        and s.line == first.line
        and not any(c.isdigit() for c in page.text[s.start : s.end])
    ]
    left = max((r.x1 for r in header if r.x1 <= label.rect.x0), default=None)
    right = min((r.x0 for r in header if r.x0 >= label.rect.x1), default=None)
    words = [
        i
        for i in page.word_indices_for_span(below.start, below.end)
        if below.start <= page.word_starts[i] < below.end
    ]

    def mine(i: int) -> bool:
        x0 = page.words[i].rect.x0
        if right is not None and x0 >= right - _COLUMN_SLACK:
            return False
        return left is None or x0 >= left

    kept = [i for i in words if mine(i)]
    # Nothing left, or not one run: the cell whole, as before.
    if not kept or len(kept) == len(words) or kept != list(range(kept[0], kept[-1] + 1)):
        return below.start, below.end
    last = kept[-1]
    return page.word_starts[kept[0]], page.word_starts[last] + len(page.words[last].text)


# A sentence ends at a period and a space, except after an initial ("S.") or
# a street or unit abbreviation ("Ave.", "Apt.").
_SENTENCE_END = regex.compile(
    # Abbreviations in any case: typed reports print "DOB: OCT. 25, 1983".
    r"(?<!\b\p{Lu}|\b(?i:St|Ave|Av|Rd|Blvd|Dr|Apt|No|Mt|Ft|Jr|Sr|Pl|Ct|Ln|Pkwy|Hwy|Ste|Fl|"
    r"Bsmt|Mr|Mrs|Ms|Det|Sgt|Lt|Ma|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))"
    r"\.(?=\s+[\p{Lu}\p{N}(]|\s*$)"
)
_STAR_VALUE = regex.compile(r"\s*\#?\s*\d{1,6}(?![\w-])")
# The value may start on the next line ("E-mail:\npollo83@icloud.com. IL DL...").
_EMAIL_VALUE = regex.compile(r"\s*\S+@\S+?(?=[.,;)]?(?:\s|$))")


def _inline_value_end(
    text: str, start: int, end: int, spec: LabelSpec, *, ocr: bool = False
) -> int:
    """Where an inline value stops: at the end of its sentence, or its own shape.

    In a narrative paragraph "E-mail: a@b.com. IR no. 123" the e-mail label's
    value is not everything up to the next colon.
    """
    shaped = _shaped_value_end(text, start, end, spec)
    if shaped is not None:
        return shaped
    m = _SENTENCE_END.search(text, start, end)
    if (
        m is not None
        and ocr
        and spec.category is Category.ADDRESS
        and text[start : m.start()].strip().isdigit()
    ):
        # On a scan, a speck after a number reads as a full stop ("ADDR: 4206.
        # RIVER RD"): an address is not its house number cut off from the rest.
        m = _SENTENCE_END.search(text, m.end(), end)
    elif (
        m is not None
        and ocr
        and (spec.category is Category.PERSON or spec.parse_names)
        and _SURNAME_READ_STOPPED.fullmatch(text, start, m.end()) is not None
    ):
        # ... and a comma after a surname in capitals as one ("NAME: CRUZ. Karla
        # Patricia"): the given names are the name's, not the next sentence.
        m = _SENTENCE_END.search(text, m.end(), end)
    return m.start() if m else end


_SURNAME_READ_STOPPED = regex.compile(r"\s*\p{Lu}{2,}(?:-\p{Lu}{2,})?\.")


def _shaped_value_end(text: str, start: int, end: int, spec: LabelSpec) -> int | None:
    """The end of a value that has a shape of its own, or None."""
    if spec.category is Category.EMAIL:
        m = _EMAIL_VALUE.match(text, start, end)
        return m.end() if m else end
    if spec.category is Category.STAR_NUMBER:
        # A star number is released with its officer: in prose ("SGT. L. STANEK
        # STAR NO. 531 WERE CALLED TO ... BUSTOS, ELEAZAR") anything after the
        # number would be released with it.
        m = _STAR_VALUE.match(text, start, end)
        return m.end() if m else start
    return None


def _stray_cell_end(page: PageText, segs: list[Segment], seg: Segment) -> int | None:
    """On a scan a speck inside a typed value may be read as a column gap ("POB:
    CICERO, E | IL | CIT: United States"): the value's last words then stand in a
    cell of their own. The next cell of the row, of one or two words with no digit,
    no label and no colon (a label read garbled: "-CLIZ: U.S."), followed on its
    line by a labelled cell or by nothing, is the rest of the value (where it
    ends)."""
    if not page.ocr:
        return None
    row = sorted(
        (s for s in segs if s.line == seg.line and s.rect.x0 > seg.rect.x0),
        key=lambda s: s.rect.x0,
    )
    if not row:
        return None
    cell = row[0]
    text = page.text[cell.start : cell.end]
    if (
        len(text.split()) > 2
        or any(c.isdigit() or c == ":" for c in text)
        or not _WORDED.search(text)
        or _STANDALONE.match(text)
        or _INLINE.search(text)
        or _leading_label(text) is not None
        or section_role(text) is not False
    ):
        return None
    if len(row) > 1 and _INLINE.match(page.text[row[1].start : row[1].end]) is None:
        return None
    return cell.end


def _continue_wrapped(page: PageText, segs: list[Segment], seg: Segment) -> int:
    """End of a value that may wrap onto the next line of a paragraph.

    Only a line that runs to the right margin wraps; a short form row does not.
    The value then goes on to the next line's first sentence end (the caller
    cuts it there), never into a line that starts with a label.
    """
    line = page.lines[seg.line]
    last_on_line = line.end <= seg.end + 1
    if not last_on_line or seg.line + 1 >= len(page.lines) or page.width <= 0:
        return seg.end
    full_width = line.rect.x0 < page.width * 0.25 and line.rect.x1 > page.width * 0.7
    nxt = page.lines[seg.line + 1]
    # Paragraph lines have no column gaps; a two-column form row is not prose.
    columns = "\t" in page.text[line.start : line.end] or "\t" in page.text[nxt.start : nxt.end]
    if not full_width or columns or page.text[seg.end - 1 : seg.end] in (".", ";"):
        return seg.end
    if (
        nxt.rect.y0 - line.rect.y1 > line.rect.height * 1.2
        or abs(nxt.rect.x0 - line.rect.x0) > 12  # a paragraph's lines share a margin
    ):
        return seg.end
    first = page.text[nxt.start : nxt.end].split("\t")[0]
    if _INLINE.match(first) or _STANDALONE.match(first) or section_role(first) is not False:
        return seg.end
    return nxt.start + len(first)


def _label_over_two_lines(
    page: PageText, segs: list[Segment], seg: Segment
) -> tuple[str, Segment] | None:
    """A label cell that wraps: "NAME (LAST," over "FIRST)", "ADDRESS OF" over
    "OCCURRENCE". Returns the label and the second piece when together they are
    one (the label without the colon or speck after it: "... OF" over "BIRTH.")."""
    text = page.text[seg.start : seg.end]
    if page.ocr:
        text = text.rstrip(".,")  # a speck after the first line ("ADDRESS OF.")
    if not text.isupper() or len(text) > 40:
        return None
    # OCR's boxes start at the ink: a scan's two lines of one label start a few
    # points apart ("ADDRESS OF" over "OCCURRENCE", 3.3 pt), and a speck left of
    # the second line, read into its box, moves its edge further left (4.9 pt).
    reach = max(3.0, 0.4 * seg.rect.height) if page.ocr else 3.0
    for other in segs:
        speck = 0.7 * max(seg.rect.height, other.rect.height) if page.ocr else 0.0
        if (
            other.line != seg.line + 1
            or not -max(reach, speck) <= other.rect.x0 - seg.rect.x0 <= reach
        ):
            continue
        if other.rect.y0 - seg.rect.y1 > seg.rect.height * 0.8:
            continue
        below = page.text[other.start : other.end]
        joined = _STANDALONE.match(f"{text} {below}") if below.isupper() else None
        if joined is not None:
            return joined.group("label"), other
    return None


def _unambiguous(label: str) -> bool:
    label = label.strip()
    return " " in label or label.endswith(("#", ".", ":"))


def find_labelled_values(page: PageText) -> Iterator[LabelledValue]:
    segs = segments(page)
    text = page.text
    consumed: set[Segment] = set()
    for seg in segs:
        seg_text = text[seg.start : seg.end]
        if seg in consumed:
            continue
        rel_lead = _RELATION_LEAD.match(seg_text)
        if rel_lead is not None and not _INLINE.match(seg_text):
            # "BROTHER-IN-LAW Mykola Oliinyk": the relation ran into the name cell.
            s_, e_ = _trim(page, seg.start + rel_lead.end(), seg.end)
            if e_ > s_:
                yield LabelledValue(spec_for(rel_lead.group("label")), s_, e_, seg.start, False)
            continue
        rel = _RELATION_CELL.match(seg_text)
        if rel is not None:
            # "COUSIN | Ana Ruiz | CONTACT | ...": a relation in a cell of its own
            # names the person in the next cell, which may wrap ("Leticia
            # Villaseñor" over "Cuevas").
            yield from _values_right(page, segs, seg, spec_for(rel.group("label")))
            continue
        # ... or a label in any case with its colon, alone in its cell: its value
        # is the next cell ("Sid No:  25182795", the gap read as a column break).
        m = _STANDALONE.match(seg_text) or _INLINE_COLON.fullmatch(seg_text.strip())
        if m is None:
            joined = _label_over_two_lines(page, segs, seg)
            if joined is not None:
                label_text, second = joined
                consumed.add(second)
                spec = spec_for(label_text)
                yield from _values_right_or_below(page, segs, seg, second, spec)
                continue
        if m:
            spec = spec_for(m.group("label"))
            yield from _values_right_or_below(page, segs, seg, seg, spec)
            continue
        lead = _leading_label(seg_text)
        if lead is not None:
            lead_end, lead_spec = lead
            lead_value_end = _shaped_value_end(text, seg.start + lead_end, seg.end, lead_spec)
            s_, e_ = _trim(page, seg.start + lead_end, lead_value_end or seg.end)
            if e_ > s_ and not is_null_value(text[s_:e_]):
                yield LabelledValue(lead_spec, s_, e_, seg.start, False)
            continue
        matches = list(_INLINE.finditer(seg_text))
        if matches and matches[0].re is _INLINE_DASH:
            matches += [
                mm
                for mm in _MID_DASH.finditer(seg_text, matches[0].end())
                if _unambiguous(mm.group("label"))
                and not any(o.start() <= mm.start() < o.end() for o in matches)
            ]
            matches.sort(key=lambda mm: mm.start())
        # A label left at the end of a row ("TIME: 2225 HRS  ARREST LOCATION") has
        # its value under it, like a stand-alone label: the column gap before it
        # was too narrow to split the row into cells.
        trailing = _TRAILING.search(seg_text) if matches else None
        if trailing is not None and (
            trailing.start() < matches[-1].end() or not _unambiguous(trailing.group())
        ):
            # "TAT R LEG - CHICAGO STAR": a one-word label at the end of a value
            # is usually a word of the value.
            trailing = None
        if trailing is not None:
            matches = [mm for mm in matches if mm.start() < trailing.start()]
        for i, m in enumerate(matches):
            value_start = seg.start + m.end()
            if m.re is _INLINE_HASH:
                # The value is the identifier after "#": capitals, digits and
                # dashes, possibly in groups ("A# A 261 258 700; PPT ...").
                token = _HASH_VALUE.match(seg_text, m.end())
                value_end = seg.start + (token.end() if token else m.end())
                if i + 1 < len(matches):
                    value_end = min(value_end, seg.start + matches[i + 1].start())
            elif i + 1 < len(matches):
                value_end = seg.start + matches[i + 1].start()
            elif trailing is not None:
                value_end = seg.start + trailing.start()
            else:
                value_end = _continue_wrapped(page, segs, seg)
            spec = spec_for(m.group("label"))
            value_end = _inline_value_end(text, value_start, value_end, spec, ocr=page.ocr)
            s, e = _trim(page, value_start, value_end)
            if e <= s or is_null_value(text[s:e]):
                continue
            label_start = seg.start + m.start()
            if e == seg.end and i + 1 == len(matches) and trailing is None:
                e = _stray_cell_end(page, segs, seg) or e
            wrapped = _inline_continuation(page, segs, seg, s) if e == seg.end else None
            if wrapped is None:
                yield LabelledValue(spec, s, e, label_start, False)
            else:
                ws, we = _trim(page, wrapped.start, wrapped.end)
                yield LabelledValue(spec, s, e, label_start, False, fragment=True)
                yield LabelledValue(spec, ws, we, label_start, False, fragment=True)
        if trailing is not None:
            ls, le = seg.start + trailing.start("label"), seg.start + trailing.end("label")
            boxes = page.boxes_for_span(ls, le)
            if boxes:
                label = Segment(seg.line, ls, le, Rect.enclosing(boxes))
                # On the next line only: a label's words that end a line of prose
                # ("HE ALSO CARRIED A MATRICULA CONSULAR" over "BEARING NO. ...",
                # a short line) would take the next long line of the story
                # under them for their value, past the short one.
                value = _value_below(
                    page, segs, label, spec_for(trailing.group("label")), next_line=True
                )
                if value is not None:
                    yield value
    yield from find_table_values(page, segs)


# --- Tables ---------------------------------------------------------------------

_ROW_ROLES: tuple[tuple[regex.Pattern[str], Role], ...] = (
    (regex.compile(r"(?:V\d{1,2}|VICTIM|VIC)", regex.IGNORECASE), Role.VICTIM),
    (regex.compile(r"(?:W\d{1,2}|WITNESS|WIT|COMPLAINANT)", regex.IGNORECASE), Role.WITNESS),
    (
        regex.compile(r"(?:CO-?ARRESTEE|CO-?DEFENDANT|CO-?OFFENDER)", regex.IGNORECASE),
        Role.CO_ARRESTEE,
    ),
    (regex.compile(rf"(?:{_RELATIONS}|R\d{{1,2}})", regex.IGNORECASE), Role.RELATIVE),
    (
        regex.compile(
            r"ARRESTING|ASSISTING|REPORTING|APPROVING|SUPERVISOR|TRANSPORTING|1ST|2ND|3RD|"
            r"PRIMARY|SECONDARY",
            regex.IGNORECASE,
        ),
        Role.OFFICER,
    ),
)


def row_role_of(cell: str) -> Role | None:
    """The role a table's type cell names ("VICTIM", "W2", "SISTER", "ASSISTING")."""
    # A scan's speck read as a stop or comma after it too ("WITNESS.").
    cell = cell.strip().rstrip(":.,")
    # A narrow cell wraps the relation: "BROTHER-IN-" over "LAW" is a brother-in-law.
    cell = regex.sub(r"(?i)-(?:in-?)?$", "", cell)
    first = cell.split(" ")[0]
    for pattern, role in _ROW_ROLES:
        if pattern.fullmatch(cell) or pattern.fullmatch(first):
            return role
    return None


def _row_role(page: PageText, row: list[Segment]) -> Role | None:
    # The type cell may have run into the next one ("BROTHER-IN-LAW 6302295884"),
    # so its first word counts too.
    for seg in row:
        role = row_role_of(page.text[seg.start : seg.end])
        if role is not None:
            return role
    return None


def colon_label(text: str) -> bool:
    """`text` is exactly one inline label and its colon ("Birthdate:"), in any case."""
    return _INLINE_COLON.fullmatch(text) is not None


def single_label(text: str) -> regex.Match[str] | None:
    """`text` is exactly one cell label (with an optional colon)."""
    return _STANDALONE.match(text)


_OPEN_END = regex.compile(r"(?:[ \t][-–—]|[,&/+]|\b(?:OF|AND|of|and))[ \t]*$")
# An inscription whose quote opened and did not close ("SCRIPT 'NO"); not the
# apostrophe inside a name ("O'BRIEN").
_OPEN_QUOTE = regex.compile(r"(?:^|\s)['\"“][^'\"”]*$")


def _closes_open_parenthesis(value: str, below: str) -> bool:
    return value.count("(") > value.count(")") and below.count(")") > below.count("(")


def ends_open(text: str) -> bool:
    """`text` stops where its value cannot end ("TATTOO CHEST -", "APT 2,", "FLAG
    OF"), so the next line goes on with it, even a word that is also a label
    ("STAR")."""
    return _OPEN_END.search(text) is not None or _OPEN_QUOTE.search(text) is not None


def starts_a_field(text: str) -> bool:
    """`text` is a label, or starts with one and its value ("HOME ADDR: 9304 ...")."""
    return _STANDALONE.match(text) is not None or _INLINE.match(text) is not None


def header_cell(text: str) -> regex.Match[str] | None:
    """A header cell: one label, or labels run together ("NO. CO-ARRESTEE").

    The match's "label" group is the last label, the one naming the column's
    values.
    """
    return _STANDALONE.match(text) or _HEADER_RUN.match(text)


def _is_header(page: PageText, row: list[Segment]) -> bool:
    return (
        len(row) >= 2
        and all(header_cell(page.text[s.start : s.end]) for s in row)
        and section_role("\t".join(page.text[s.start : s.end] for s in row)) is False
    )


def find_table_values(page: PageText, segs: list[Segment]) -> Iterator[LabelledValue]:
    """Values in the rows under a header row of labels, column by column.

    The first row is also found as "value below its label"; this reaches rows
    two and on ("W2  MARRERO, Yunior  05 Apr 1988  ..."), where only the column
    says that the date is a date of birth.
    """
    by_line: dict[int, list[Segment]] = {}
    for seg in segs:
        by_line.setdefault(seg.line, []).append(seg)
    lines = sorted(by_line)
    for i, li in enumerate(lines):
        header = by_line[li]
        if not _is_header(page, header):
            continue
        columns = sorted(header, key=lambda sg: sg.rect.x0)
        line_h = max(sg.rect.height for sg in header)
        prev_bottom = max(sg.rect.y1 for sg in header)
        for lj in lines[i + 1 : i + 41]:
            row = by_line[lj]
            top = min(sg.rect.y0 for sg in row)
            if top - prev_bottom > line_h * 2.5 or _is_header(page, row):
                break
            # A section header ends the table; a speck OCR read beside it
            # ("SUBJECT/ARRESTEE #1  :") is no second cell.
            worded = [sg for sg in row if _WORDED.search(page.text[sg.start : sg.end])]
            if (
                len(worded) == 1
                and section_role(page.text[worded[0].start : worded[0].end]) is not False
            ):
                break
            # A row that opens with its own "LABEL: value" is a form block, not a
            # table row: its cells belong to their labels, not to the header above.
            first = min(row, key=lambda sg: sg.rect.x0)
            if _INLINE_COLON.match(page.text[first.start : first.end]):
                break
            # A row with a label cell starts another block ("AGE  72  PHONE ..."),
            # except the row's own type cell ("WITNESS", "V1", "SISTER").
            if any(
                _STANDALONE.match(page.text[sg.start : sg.end]) and _row_role(page, [sg]) is None
                for sg in row
            ):
                break
            prev_bottom = max(sg.rect.y1 for sg in row)
            role = _row_role(page, row)
            for seg in row:
                col = _column_of(columns, seg)
                if col is None:
                    continue
                m = header_cell(page.text[col.start : col.end])
                if m is None:
                    continue
                s, e = _trim(page, seg.start, seg.end)
                if e <= s or is_null_value(page.text[s:e]):
                    continue
                yield LabelledValue(spec_for(m.group("label")), s, e, col.start, True, role)


def _column_of(columns: list[Segment], seg: Segment) -> Segment | None:
    """The header cell whose column (up to the next header cell) holds `seg`."""
    for k, col in enumerate(columns):
        left = col.rect.x0 - 6
        right = columns[k + 1].rect.x0 - 6 if k + 1 < len(columns) else float("inf")
        if left <= seg.rect.x0 < right:
            return col
    return None


# --- Sections --------------------------------------------------------------------

# A block's number after its role ("VICTIM 1", "ARRESTEE #2"); a scan reads a 1
# as a small i or l, or a bar ("VICTIM i": the victim's block took the
# arrestee's role before it).
_HEADING_NUMBER = r"(?:\s*#?\s*(?:\d{1,2}|[iIl|!]))?"
_SECTION_ROLES: tuple[tuple[regex.Pattern[str], Role], ...] = (
    (
        regex.compile(
            r"CO-?(?:ARRESTEE|DEFENDANT|OFFENDER)(?:S|\(S\))?|OTHER\s+ARRESTEES?|"
            r"ADDITIONAL\s+ARRESTEES?"
        ),
        Role.CO_ARRESTEE,
    ),
    (
        regex.compile(
            r"(?:(?:ARRESTING|ASSISTING|REPORTING|INVOLVED)\s+)?OFFICERS?(?:\(S\))?|"
            r"OFFICERS?(?:\(S\))?\s+INVOLVED|PERSONNEL"
        ),
        Role.OFFICER,
    ),
    # A mixed victim/witness section: each row says which (rows decide).
    (
        regex.compile(
            # OCR may lose the slash and part "(ES)": "VICTIM(S)  WITNESS (ES)".
            r"VICTIM(?:S|\(S\))?\s*(?:/|AND|&)?\s*WITNESS(?:ES|\s?\(ES\))?(?:\s+INFORMATION)?|"
            r"WITNESS(?:ES)?\s*(?:/|AND|&)\s*VICTIMS?(?:\s+INFORMATION)?|"
            r"RELATED\s+PERSONS|OTHER\s+PERSONS(?:\s+INVOLVED)?(?:\s*/\s*NOTIFIED)?|"
            r"INVOLVED\s+PERSONS|PERSONS\s+INVOLVED"
        ),
        Role.UNKNOWN,
    ),
    (regex.compile(rf"VICTIM(?:S|\(S\))?(?:\s+INFORMATION)?{_HEADING_NUMBER}"), Role.VICTIM),
    (
        regex.compile(
            r"(?:CIVILIAN\s+|INDEPENDENT\s+)?WITNESS(?:ES|\(ES\))?(?:\s+INFORMATION)?"
            + _HEADING_NUMBER
        ),
        Role.WITNESS,
    ),
    (
        regex.compile(
            r"NOTIFICATIONS?(?:\s*/\s*FAMILY)?|FAMILY(?:\s+(?:NOTIFICATIONS?|CONTACTS?|MEMBERS?))?|"
            r"EMERGENCY\s+CONTACTS?|NEXT\s+OF\s+KIN|RELATIVES?|PERSONS?\s+NOTIFIED|"
            r"PARENTS?(?:\s*/\s*GUARDIANS?)?"
        ),
        Role.RELATIVE,
    ),
    (
        regex.compile(
            r"IN\s+CUSTODY|ARRESTEE(?:\s+INFORMATION)?|(?:INTERVIEW|STATEMENT)\s+OF\s+ARRESTEE|"
            r"DEFENDANT(?:\s+INFORMATION)?|SUBJECT(?:\s+INFORMATION)?|"
            r"(?:JUVENILE\s+)?(?:ARRESTEE|OFFENDER|SUBJECT|SUSPECT|DETAINEE|DEFENDANT)"
            r"(?:\s*/\s*(?:ARRESTEE|OFFENDER|SUBJECT|SUSPECT|DETAINEE|DEFENDANT))?"
            + _HEADING_NUMBER
        ),
        Role.ARRESTEE,
    ),
)
_HEADER_WORDS = regex.compile(
    r"\b(?:NARRATIVE|CHARGES?|PROPERTY|INVENTORY|DISPOSITION|INVESTIGATION|LOCKUP|PROCESSING|"
    r"VEHICLES?|INCIDENT|OFFENSES?|SUMMARY|STATEMENT|CIRCUMSTANCES|RECORDS|IDENTIFICATION|"
    r"INFORMATION|DETAILS|REPORT|EVIDENCE|SUPPLEMENT(?:ARY|AL)?|APPROVAL|BOND|COURT|ARREST|"
    r"PERSONS|OFFICERS?|NOTES|REMARKS|RELEASE|BOOKING|CUSTODY|INTERVIEW|CONTINUED|SYNOPSIS|"
    r"ADMINISTRATIVE|MEDICAL|PHOTOGRAPHS?|FINGERPRINTS?|WARRANTS?|OFFENDERS?|ARRESTEES?|"
    r"SUBJECTS?|SUSPECTS?|VICTIMS?|WITNESS(?:ES)?|DEFENDANTS?)\b"
)
_SPACED_PLURAL = regex.compile(r"(?<=\p{Lu}) (\((?:S|ES)(?:\)|(?=\t|$)))")
# ... or read its S twice, or its closing bracket as a brace or not at all at the
# cell's end ("VICTIM(SS)", "VICTIM(S}", "VICTIM(S  WITNESS (ES").
_GARBLED_PLURAL = regex.compile(r"(?<=\p{Lu})\((E?S)(?:S[)}\]]|[}\]]|(?=\t|$))")
_SECTION_LINE = regex.compile(r"^[\p{Lu}0-9 /&'()#\-]{4,60}(?:[ ][il|!])?:?$")


def section_role(line_text: str) -> Role | bool | None:
    """Role a section header announces; False when the line is not a header.

    Returns None for a header that names no role (e.g. NARRATIVE), which ends the
    previous section's role.
    """
    # OCR may set a space before a plural's parentheses ("WITNESS (ES)").
    stripped = _SPACED_PLURAL.sub(r"\1", line_text.strip())
    stripped = _GARBLED_PLURAL.sub(r"(\1)", stripped)
    if "\t" in stripped:
        # A heading OCR parted into cells at a lost mark ("VICTIM(S)  WITNESS (ES)"
        # for "VICTIM(S) / WITNESS(ES)"): a heading only when it names a role whole.
        joined = " ".join(stripped.split())
        if _SECTION_LINE.match(joined):
            for pattern, role in _SECTION_ROLES:
                if role is not None and pattern.fullmatch(joined.rstrip(":").strip()):
                    return role
        return False
    # A heading of a word or two with a speck read as a full stop or a comma
    # ("SYNOPSIS.", "NARRATIVE,"): the table above must end there, not run on
    # into the narrative (whose names took the co-arrestees' role).
    if (
        stripped[-1:] in (".", ",")
        and len(stripped.split()) <= 2
        and not any(c in ".," for c in stripped[:-1])
    ):
        stripped = stripped[:-1]
    if not _SECTION_LINE.match(stripped) or not any(c.isalpha() for c in stripped):
        return False
    body = stripped.rstrip(":").strip()
    for pattern, role in _SECTION_ROLES:
        if pattern.fullmatch(body):
            return role
    # A form label ("PLACE OF BIRTH", "SEX: M") is not a section header: the
    # arrestee's block goes on across a whole grid of them.
    if _STANDALONE.match(stripped) or _INLINE.search(stripped):
        return False
    # Other headers end the current role's block, but a value printed in capitals
    # ("MISSING R INDEX FINGER") must not: a header ends with a colon or uses a
    # word that headers use.
    if stripped.endswith(":") or _HEADER_WORDS.search(body):
        return None
    return False


def line_text(page: PageText, line: Line) -> str:
    return page.text[line.start : line.end]
