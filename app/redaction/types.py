"""The pipeline's vocabulary.

Every value here is frozen so that no step can mutate another step's output.
Coordinates are PDF points in PyMuPDF's page space: origin top-left, y down,
after the page's rotation has been undone (i.e. unrotated page coordinates, the
space `page.add_redact_annot` expects).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Category(StrEnum):
    """What a finding is. Policies decide per category (and role)."""

    PERSON = "PERSON"
    ALIAS = "ALIAS"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    AGE = "AGE"
    ADDRESS = "ADDRESS"
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    SSN = "SSN"
    DRIVERS_LICENSE = "DRIVERS_LICENSE"
    STATE_ID = "STATE_ID"
    PLACE_OF_BIRTH = "PLACE_OF_BIRTH"
    NATIONALITY = "NATIONALITY"
    IMMIGRATION_STATUS = "IMMIGRATION_STATUS"
    A_NUMBER = "A_NUMBER"
    PASSPORT = "PASSPORT"
    VISA = "VISA"
    CONSULAR_ID = "CONSULAR_ID"
    LANGUAGE = "LANGUAGE"
    PHYSICAL_MARKS = "PHYSICAL_MARKS"
    EMPLOYER = "EMPLOYER"
    VEHICLE = "VEHICLE"
    CB_NUMBER = "CB_NUMBER"
    IR_NUMBER = "IR_NUMBER"
    FBI_NUMBER = "FBI_NUMBER"
    SID_NUMBER = "SID_NUMBER"
    RD_NUMBER = "RD_NUMBER"
    STAR_NUMBER = "STAR_NUMBER"
    PHOTO = "PHOTO"
    CHARGE = "CHARGE"
    ARREST_DATE = "ARREST_DATE"
    ARREST_LOCATION = "ARREST_LOCATION"
    BOND = "BOND"
    # A named place outside an address (a city, region, country or landmark in
    # prose): where someone comes from, lived or travelled.
    PLACE = "PLACE"


class Role(StrEnum):
    """Whose information it is. `unknown` is treated like the strictest role."""

    ARRESTEE = "arrestee"
    CO_ARRESTEE = "co_arrestee"
    VICTIM = "victim"
    WITNESS = "witness"
    RELATIVE = "relative"
    OFFICER = "officer"
    UNKNOWN = "unknown"


class Action(StrEnum):
    REDACT = "redact"
    KEEP = "keep"


@dataclass(frozen=True, slots=True)
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def area(self) -> float:
        return max(0.0, self.width) * max(0.0, self.height)

    def union(self, other: Rect) -> Rect:
        return Rect(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    def intersect(self, other: Rect) -> Rect | None:
        r = Rect(
            max(self.x0, other.x0),
            max(self.y0, other.y0),
            min(self.x1, other.x1),
            min(self.y1, other.y1),
        )
        return r if r.x0 < r.x1 and r.y0 < r.y1 else None

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)

    @staticmethod
    def enclosing(rects: Iterable[Rect]) -> Rect:
        # One pass of min/max rather than a Rect per union (a box per finding's
        # characters, on every page): the same sides, since min and max keep the
        # first of equal values as union does.
        rs = list(rects)
        if not rs:
            raise ValueError("no rectangles to enclose")
        return Rect(
            min(r.x0 for r in rs),
            min(r.y0 for r in rs),
            max(r.x1 for r in rs),
            max(r.y1 for r in rs),
        )


@dataclass(frozen=True, slots=True)
class Word:
    """A whitespace-delimited run of characters on one line, with per-char boxes.

    `char_rects[i]` is the box of `text[i]`, so a finding that covers only part of
    a word ("#7287500082;") can be boxed tightly without guessing glyph widths.
    """

    text: str = field(repr=False)
    rect: Rect
    char_rects: tuple[Rect, ...] = field(repr=False)
    line: int  # index into PageText.lines


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line: words on the same baseline, left to right."""

    rect: Rect
    first_word: int  # index into PageText.words
    end_word: int  # exclusive
    start: int  # char offset of the line in PageText.text
    end: int  # exclusive


@dataclass(frozen=True, slots=True)
class PageText:
    """The text of one page as detection sees it, with a way back to geometry.

    `text` is built from `words`: words on one line are joined by a single space,
    or by a tab where the horizontal gap is wide enough to be a column break;
    lines are joined by a newline, in reading order. `word_starts[i]` is the
    offset of `words[i]` in `text`.
    """

    index: int  # 0-based page index
    width: float
    height: float
    text: str = field(repr=False)
    words: tuple[Word, ...] = field(repr=False)
    word_starts: tuple[int, ...] = field(repr=False)
    lines: tuple[Line, ...] = field(repr=False)
    images: tuple[Rect, ...] = ()  # bboxes of raster images drawn on the page
    # A scan read with OCR: its words are what Tesseract read, with OCR's slips
    # (a speck read as a full stop), not a text layer's.
    ocr: bool = False

    def boxes_for_span(self, start: int, end: int) -> tuple[Rect, ...]:
        """Tight boxes for text[start:end], one per line the span touches."""
        per_line: dict[int, Rect] = {}
        for i in self.word_indices_for_span(start, end):
            ws = self.word_starts[i]
            word = self.words[i]
            we = ws + len(word.text)
            lo = max(start, ws) - ws
            hi = min(end, we) - ws
            r = Rect.enclosing(word.char_rects[lo:hi])
            prev = per_line.get(word.line)
            per_line[word.line] = r if prev is None else prev.union(r)
        return tuple(per_line[k] for k in sorted(per_line))

    def word_indices_for_span(self, start: int, end: int) -> list[int]:
        """The words that text[start:end] touches.

        Words are in text order (`text` is built from them): begin with the last
        word that starts at or before `start`, stop at the first that starts at
        or after `end`, instead of walking every word of the page per span."""
        starts = self.word_starts
        out = []
        for i in range(max(0, bisect.bisect_right(starts, start) - 1), len(self.words)):
            ws = starts[i]
            if ws >= end:
                break
            if ws + len(self.words[i].text) > start:
                out.append(i)
        return out


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected value on one page.

    `text` is kept in memory only, for propagation and verification. It never
    goes to a log, an error or the audit record: `detector` and geometry do.
    """

    category: Category
    role: Role
    page: int  # 0-based page index
    start: int  # span in PageText.text
    end: int
    boxes: tuple[Rect, ...]  # one per line the value spans
    score: float
    detector: str
    text: str = field(repr=False, compare=False)
    # Its words mean nothing alone: a piece of a value whose table cell wraps
    # ("JULY" of "JULY / 27, / 1973"), or a place name ("Chicago" is personal
    # where it says where someone lives, not in "Chicago Police Department").
    # It is never searched for elsewhere, and verification checks its boxes,
    # not its text.
    fragment: bool = False


@dataclass(frozen=True, slots=True)
class Decision:
    finding: Finding
    action: Action
    code: str  # printed on the box (empty for keep)
    basis: str
    rule: str  # which rule decided, e.g. "PERSON/officer" or "default_action"


@dataclass(frozen=True, slots=True)
class RedactionMark:
    """One box to burn in: what the redactor needs and nothing else."""

    page: int
    rect: Rect
    code: str


@dataclass(frozen=True, slots=True)
class VerificationReport:
    residual_strings: int
    text_under_boxes: int
    checked_strings: int = 0
    checked_boxes: int = 0

    @property
    def passed(self) -> bool:
        return self.residual_strings == 0 and self.text_under_boxes == 0


def marks_for(decisions: Sequence[Decision]) -> list[RedactionMark]:
    return [
        RedactionMark(page=d.finding.page, rect=box, code=d.code)
        for d in decisions
        if d.action is Action.REDACT
        for box in d.finding.boxes
    ]
