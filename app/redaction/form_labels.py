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
from dataclasses import dataclass

import regex

from app.redaction.types import Category, Line, PageText, Rect, Role


@dataclass(frozen=True, slots=True)
class LabelSpec:
    pattern: str  # regex for the label text (without the trailing colon)
    category: Category | None  # None: the value is parsed by recognizers only
    role: Role | None = None  # the role the value (or the section) is about
    parse_names: bool = False  # the value holds names to find inside it


# Order matters only for readability; matching picks the longest label.
LABELS: tuple[LabelSpec, ...] = (
    # Names. The plain NAME label on an arrest form is the arrestee.
    LabelSpec(
        r"NAME\s*\(LAST,?\s*FIRST(?:,?\s*M(?:I|IDDLE)?\.?)?\)", Category.PERSON, Role.ARRESTEE
    ),
    LabelSpec(
        r"(?:ARRESTEE|DEFENDANT|SUBJECT|OFFENDER)(?:'S)?\s*NAME", Category.PERSON, Role.ARRESTEE
    ),
    LabelSpec(r"NAME", Category.PERSON, Role.ARRESTEE),
    LabelSpec(r"ARRESTEE|DEFENDANT|OFFENDER", None, Role.ARRESTEE, parse_names=True),
    LabelSpec(r"CO-?ARRESTEES?|CO-?DEFENDANTS?", None, Role.CO_ARRESTEE, parse_names=True),
    LabelSpec(r"VICTIM(?:'S)?(?:\s*NAME)?", None, Role.VICTIM, parse_names=True),
    LabelSpec(r"WITNESS(?:'S)?(?:\s*NAME)?|COMPLAINANT", None, Role.WITNESS, parse_names=True),
    LabelSpec(
        r"EMERGENCY\s+CONTACT|NEXT\s+OF\s+KIN|PARENT/GUARDIAN|PARENT|GUARDIAN|"
        r"RELATIVE|NOTIFIED",
        None,
        Role.RELATIVE,
        parse_names=True,
    ),
    LabelSpec(r"A\.?K\.?A\.?|ALIAS(?:ES)?|ALSO\s+KNOWN\s+AS|NICKNAME", Category.ALIAS),
    # Dates and age.
    LabelSpec(r"D\.?O\.?B\.?|DATE\s+OF\s+BIRTH|BIRTH\s*DATE", Category.DATE_OF_BIRTH),
    LabelSpec(r"AGE", Category.AGE),
    # Origin and status.
    LabelSpec(
        r"PLACE\s+OF\s+BIRTH|P\.?O\.?B\.?|BIRTH\s*PLACE|COUNTRY\s+OF\s+BIRTH|"
        r"CITY/COUNTRY\s+OF\s+BIRTH",
        Category.PLACE_OF_BIRTH,
    ),
    LabelSpec(r"CITIZENSHIP|COUNTRY\s+OF\s+CITIZENSHIP|CTZ|CITZ|NATIONALITY", Category.NATIONALITY),
    LabelSpec(
        r"IMMIGRATION\s+STATUS|IMM\.?\s+STATUS|STATUS\s+IN\s+U\.?S\.?", Category.IMMIGRATION_STATUS
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
    LabelSpec(r"RESIDENCE|HOME\s+ADDRESS|ADDRESS|ADDR\.?|RES\.?\s+ADDRESS|HOME", Category.ADDRESS),
    LabelSpec(
        r"PHONE(?:\s*#)?|TEL(?:EPHONE)?\.?(?:\s*#)?|CELL(?:\s+PHONE)?|HOME\s+PHONE", Category.PHONE
    ),
    LabelSpec(r"E-?MAIL(?:\s+ADDRESS)?", Category.EMAIL),
    LabelSpec(
        r"EMPLOYER|EMPL\.?|PLACE\s+OF\s+EMPLOYMENT|OCCUPATION/EMPLOYER|WORK\s+ADDRESS|"
        r"EMPLOYER/OCCUPATION",
        Category.EMPLOYER,
    ),
    # Identity documents.
    LabelSpec(r"SSN|S\.S\.N\.|SOC(?:IAL)?\.?\s+SEC(?:URITY)?\.?(?:\s*(?:#|NO\.?))?", Category.SSN),
    LabelSpec(
        r"DL\s*#?(?:/STATE)?|D/L\s*#?|DRIVER'?S?\s+LIC(?:ENSE)?\.?(?:\s*(?:#|NO\.?))?|"
        r"OLN|TVDL(?:\s*#)?",
        Category.DRIVERS_LICENSE,
    ),
    LabelSpec(r"STATE\s+ID(?:\s*(?:#|NO\.?))?|ID\s+CARD(?:\s*#)?", Category.STATE_ID),
    LabelSpec(r"OTHER\s+ID|ID\s+DOCUMENTS?|IDENTIFICATION", None),
    LabelSpec(
        r"(?:VEH(?:ICLE)?\.?\s+)?(?:LIC(?:ENSE)?\.?\s+)?PLATE(?:\s*#)?|LIC\s*#|"
        r"V\.?I\.?N\.?(?:\s*#)?|VEHICLE",
        Category.VEHICLE,
    ),
    LabelSpec(
        r"(?:SCARS?/MARKS/TATTOOS|SCARS,?\s+MARKS,?\s+(?:AND\s+|&\s+)?TATTOOS)"
        r"(?:\s*\(SMT\))?|SMT|TATTOOS?|SCARS?|MARKS",
        Category.PHYSICAL_MARKS,
    ),
    LabelSpec(r"(?:PRIMARY\s+)?LANGUAGE(?:\s*/\s*INTERPRETER)?|INTERPRETER", Category.LANGUAGE),
    # Record numbers.
    LabelSpec(r"CB\s*(?:#|NO\.?|NUMBER)", Category.CB_NUMBER),
    LabelSpec(r"IR\s*(?:#|NO\.?|NUMBER)", Category.IR_NUMBER),
    LabelSpec(r"FBI\s*(?:#|NO\.?|NUMBER)", Category.FBI_NUMBER),
    LabelSpec(r"SID\s*(?:#|NO\.?|NUMBER)", Category.SID_NUMBER),
    LabelSpec(
        r"RD\s*(?:#|NO\.?|NUMBER)|CASE\s*(?:#|NO\.?|NUMBER)|INCIDENT\s*(?:#|NO\.?)",
        Category.RD_NUMBER,
    ),
    LabelSpec(r"STAR\s*(?:#|NO\.?)", Category.STAR_NUMBER, Role.OFFICER),
    # Arrest information (released, but found so nothing else claims it).
    LabelSpec(r"ARREST\s+DATE|DATE\s+OF\s+ARREST|ARREST\s+DATE/TIME", Category.ARREST_DATE),
    LabelSpec(
        r"ARREST\s+LOCATION|LOCATION\s+OF\s+ARREST|PLACE\s+OF\s+ARREST", Category.ARREST_LOCATION
    ),
    LabelSpec(r"BOND\s+AMOUNT|BOND\s+AMT\.?|BAIL(?:\s+AMOUNT)?|BOND", Category.BOND),
    LabelSpec(r"BOND\s+TYPE", Category.BOND),
    LabelSpec(r"CHARGES?|OFFENSE|STATUTE", Category.CHARGE),
    # Labels that are not personal data: listed so that their values are not
    # swallowed into the preceding label's value on an inline row.
    LabelSpec(
        r"SEX|RACE|HGT|HEIGHT|WGT|WEIGHT|EYES|HAIR|BUILD|COMPLEXION|TIME|BEAT|DIST|"
        r"DISTRICT|UNIT|EVENT\s*#|DATE(?:/TIME)?|DATE\s+OF\s+REPORT|"
        r"ARRESTING\s+AGENCY|AGENCY|APPROVED|CLASS|TYPE|DETENTION\s+HEARING|RELEASE|"
        r"COURT\s+BRANCH|REPORTING\s+(?:DETECTIVE|OFFICER)|ROLE|#|NO\.|DESCRIPTION|"
        r"STATUS|INVENTORY\s*#|RELATIONSHIP|RELATION",
        None,
    ),
)

_NULL_VALUES = regex.compile(
    r"^(?:NONE|N/?A|UNK(?:NOWN)?|NOT\s+(?:GIVEN|PROVIDED|APPLICABLE)|NEG(?:ATIVE)?|"
    r"-+|—|\.|X|NO|0+)\.?$",
    regex.IGNORECASE,
)

_ANY_LABEL = "|".join(f"(?:{s.pattern})" for s in LABELS)
# Inline: the label then ":" (or a label that itself ends with "#"), then the value.
# Labels are printed in capitals on forms; matching them case-sensitively keeps
# narrative words ("his home", "age") from being read as labels.
_INLINE = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?P<label>{_ANY_LABEL})(?P<sep>\s*:|(?<=#))[ \t]*",
)
_STANDALONE = regex.compile(rf"^\s*(?P<label>{_ANY_LABEL})\s*:?\s*$")
_TRAILING = regex.compile(rf"(?<=\s)(?P<label>{_ANY_LABEL})\s*:?\s*$")
_COMPILED = [(regex.compile(rf"(?:{s.pattern})"), s) for s in LABELS]


def spec_for(label_text: str) -> LabelSpec:
    for pattern, spec in _COMPILED:
        if pattern.fullmatch(label_text.strip()):
            return spec
    raise KeyError("unknown label")  # unreachable for text matched by _ANY_LABEL


@dataclass(frozen=True, slots=True)
class LabelledValue:
    spec: LabelSpec
    start: int  # span of the value in PageText.text
    end: int
    label_start: int
    below: bool  # the value sits under a stand-alone label


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


def _segment_below(page: PageText, segs: list[Segment], seg: Segment) -> Segment | None:
    """The cell printed under a stand-alone label: same column, next line down."""
    line_h = max(seg.rect.height, 6.0)
    best: Segment | None = None
    for other in segs:
        if other.line <= seg.line:
            continue
        gap = other.rect.y0 - seg.rect.y1
        if gap < -line_h * 0.3 or gap > line_h * 2.2:
            continue
        # Horizontal overlap with the label's column; a value may be wider than
        # its label, so compare against the label's left edge too.
        overlap = min(other.rect.x1, seg.rect.x1) - max(other.rect.x0, seg.rect.x0)
        aligned_left = abs(other.rect.x0 - seg.rect.x0) < 12
        if overlap <= 0 and not aligned_left:
            continue
        if best is None or other.rect.y0 < best.rect.y0:
            best = other
    return best


def _value_below(
    page: PageText, segs: list[Segment], label: Segment, spec: LabelSpec
) -> LabelledValue | None:
    below = _segment_below(page, segs, label)
    if below is None:
        return None
    text = page.text
    below_text = text[below.start : below.end]
    # The cell below must not itself be a label (the next row of a label grid).
    if _STANDALONE.match(below_text) or _INLINE.match(below_text):
        return None
    s, e = _trim(page, below.start, below.end)
    if e <= s or is_null_value(text[s:e]):
        return None
    return LabelledValue(spec, s, e, label.start, True)


def find_labelled_values(page: PageText) -> Iterator[LabelledValue]:
    segs = segments(page)
    text = page.text
    for seg in segs:
        seg_text = text[seg.start : seg.end]
        m = _STANDALONE.match(seg_text)
        if m:
            value = _value_below(page, segs, seg, spec_for(m.group("label")))
            if value is not None:
                yield value
            continue
        matches = list(_INLINE.finditer(seg_text))
        # A label left at the end of a row ("TIME: 2225 HRS  ARREST LOCATION") has
        # its value under it, like a stand-alone label: the column gap before it
        # was too narrow to split the row into cells.
        trailing = _TRAILING.search(seg_text) if matches else None
        if trailing is not None and trailing.start() < matches[-1].end():
            trailing = None
        if trailing is not None:
            matches = [mm for mm in matches if mm.start() < trailing.start()]
        for i, m in enumerate(matches):
            value_start = seg.start + m.end()
            if i + 1 < len(matches):
                value_end = seg.start + matches[i + 1].start()
            elif trailing is not None:
                value_end = seg.start + trailing.start()
            else:
                value_end = seg.end
            s, e = _trim(page, value_start, value_end)
            if e <= s or is_null_value(text[s:e]):
                continue
            yield LabelledValue(spec_for(m.group("label")), s, e, seg.start + m.start(), False)
        if trailing is not None:
            ls, le = seg.start + trailing.start("label"), seg.start + trailing.end("label")
            boxes = page.boxes_for_span(ls, le)
            if boxes:
                label = Segment(seg.line, ls, le, Rect.enclosing(boxes))
                value = _value_below(page, segs, label, spec_for(trailing.group("label")))
                if value is not None:
                    yield value


# --- Sections --------------------------------------------------------------------

_SECTION_ROLES: tuple[tuple[regex.Pattern[str], Role], ...] = (
    (regex.compile(r"CO-?ARRESTEES?|CO-?DEFENDANTS?|OTHER\s+ARRESTEES?"), Role.CO_ARRESTEE),
    (
        regex.compile(
            r"(?:ARRESTING|ASSISTING|REPORTING)\s+OFFICERS?|OFFICERS?\s+INVOLVED|"
            r"PERSONNEL"
        ),
        Role.OFFICER,
    ),
    (
        regex.compile(
            r"VICTIMS?(?:\s*/\s*WITNESS(?:ES)?)?(?:\s+INFORMATION)?|"
            r"WITNESS(?:ES)?(?:\s*/\s*VICTIMS?)?(?:\s+INFORMATION)?"
        ),
        Role.UNKNOWN,
    ),
    (
        regex.compile(
            r"NOTIFICATIONS?(?:\s*/\s*FAMILY)?|FAMILY|EMERGENCY\s+CONTACTS?|"
            r"NEXT\s+OF\s+KIN|RELATIVES?"
        ),
        Role.RELATIVE,
    ),
    (
        regex.compile(
            r"IN\s+CUSTODY|ARRESTEE(?:\s+INFORMATION)?|INTERVIEW\s+OF\s+ARRESTEE|"
            r"DEFENDANT(?:\s+INFORMATION)?|SUBJECT(?:\s+INFORMATION)?"
        ),
        Role.ARRESTEE,
    ),
)
_SECTION_LINE = regex.compile(r"^[\p{Lu}0-9 /&'()\-]{4,60}:?$")


def section_role(line_text: str) -> Role | bool | None:
    """Role a section header announces; False when the line is not a header.

    Returns None for a header that names no role (e.g. NARRATIVE), which ends the
    previous section's role.
    """
    stripped = line_text.strip()
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
    if stripped.endswith(":") or len(body.split()) <= 4:
        return None
    return False


def line_text(page: PageText, line: Line) -> str:
    return page.text[line.start : line.end]
