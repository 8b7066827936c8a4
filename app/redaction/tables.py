"""Tables whose cells wrap: the columns come from the header, the rows from the
first column, and every word is read by the column it sits in.

A co-arrestee table on a typed report looks like this once extracted line by
line:

    #  CO-ARRESTEE      CB #       D.O.B.     AGE ADDRESS
    1  ARACELI SOLIS    14703751   2/12/1987  30  2725 OAKTON ST, APT
       VALDIVIA                                   1, FRANKLIN PARK,

The name and the address each continue on the next line, between other cells,
so no text pattern sees them whole. Geometry does: a word belongs to the column
whose header starts at or left of it, and a line with nothing in the first
column continues the row above. Each piece of a cell becomes its own finding,
with the column's category, so every line of a wrapped value gets its box.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from itertools import pairwise

import regex

from app.redaction import form_labels
from app.redaction.form_labels import LabelSpec
from app.redaction.types import Category, PageText, Rect, Role, Word

# Labels of columns that hold a person's data; a header needs one of them.
_PERSONAL = frozenset(
    {
        Category.PERSON,
        Category.DATE_OF_BIRTH,
        Category.ADDRESS,
        Category.PHONE,
        Category.AGE,
        Category.ALIAS,
        Category.CB_NUMBER,
    }
)
_MAX_LABEL_WORDS = 5
_ROW_INDEX = regex.compile(r"^(?:\d{1,2}\.?|[A-Z]{1,2}\d{1,2}|[A-Z]{2})$")


@dataclass(frozen=True, slots=True)
class Column:
    x0: float
    spec: LabelSpec


@dataclass(frozen=True, slots=True)
class CellPiece:
    """One line's part of a cell: a contiguous span of the page text."""

    start: int
    end: int
    spec: LabelSpec
    row_role: Role | None
    column: int = 0
    # The cell wraps: this line holds only part of its value.
    fragment: bool = False


_ALIGN = 3.0  # points: a wrapped header cell's lines start together


def _is_label_line(words: list[Word]) -> bool:
    """Every word of the line belongs to a label: the next row of labels of a form."""
    return _parse_labels(words, None) is not None


def _parse_header(
    words: list[Word],
    below: list[Word] | None = None,
    *,
    fragments: bool = True,
    align: float = _ALIGN,
) -> list[Column] | None:
    columns = _parse_labels(
        words, below if below is not None else [], fragments=fragments, align=align
    )
    if columns is None:
        return None
    labels = [c for c in columns if c.spec is not _INERT]
    if len(labels) < 3 or not any(c.spec.category in _PERSONAL for c in labels):
        return None
    if not any(c.spec.category is Category.PERSON or c.spec.parse_names for c in labels):
        return None
    return columns


def _parse_labels(
    words: list[Word], below: list[Word] | None, *, fragments: bool = True, align: float = _ALIGN
) -> list[Column] | None:
    """Read a line of words as labels, longest label first; None if it is not a header.

    A narrow header cell wraps ("AG" over "E", "BOOKIN" over "G #"): a word that
    is no label is completed with the words under it (`below`, the next lines'
    words) when together they are one. With `fragments`, a short word in capitals
    that is no label is let through as an inert column of its own.
    """
    columns: list[Column] = []
    i = 0
    while i < len(words):
        if columns and words[i].text.startswith("("):
            # "NAME (LAST," over "FIRST)": the label's own qualifier, wrapped in a
            # narrow header cell. It is no column: one would take the name's
            # second word ("SANTOS | AMAYA") out of the name.
            closed = ")" in words[i].text
            i += 1
            # The qualifier ends at its ")" or where the next label starts ("NAME
            # (LAST," then "BIRTH" over "DATE").
            while not closed and i < len(words) and not _label_starts(words, i, below, align):
                closed = ")" in words[i].text
                i += 1
            continue
        for n in range(min(_MAX_LABEL_WORDS, len(words) - i), 0, -1):
            text = " ".join(w.text for w in words[i : i + n])
            m = form_labels.single_label(text)
            if m is not None:
                columns.append(Column(words[i].rect.x0, form_labels.spec_for(m.group("label"))))
                i += n
                break
        else:
            # `below is None`: strict, every word must be a label.
            word = words[i]
            completed = _complete(word, below, align) if below is not None else None
            if completed is not None:
                columns.append(Column(word.rect.x0, completed))
            elif below is not None and fragments and _FRAGMENT.match(word.text):
                columns.append(Column(word.rect.x0, _INERT))
            else:
                return None  # a word that is no label: not a header line
            i += 1
    return columns or None


def _label_starts(words: list[Word], i: int, below: list[Word] | None, align: float) -> bool:
    """A label starts at `words[i]`: alone, with the next words ("BIRTH DATE"), or
    completed by the words under it ("BIRTH" over "DATE")."""
    for n in range(1, min(_MAX_LABEL_WORDS, len(words) - i) + 1):
        if form_labels.single_label(" ".join(w.text for w in words[i : i + n])) is not None:
            return True
    return below is not None and _complete(words[i], below, align) is not None


# The page's running footer ("CPD-11.420 (Rev. 6/17) - Page 1 of 3") ends a table
# at the page's foot: its form revision date read as a birth date made an adult
# co-arrestee a child.
# "Page 1 of 3", in a running footer; on a scan its number may be lost ("Page of 2").
PAGE_NUMBER = r"\bpage\s+(?:\d+\s+)?of\s+\d+\b"
_PAGE_FOOTER = regex.compile(rf"(?i){PAGE_NUMBER}|\(rev\.?\s*\d{{1,2}}/\d{{2,4}}\)")


def _is_prose(words: list[Word], columns: list[Column]) -> bool:
    """A line of words that runs on across two column starts without a column
    break ("R/D spoke with the arrestee's cousin, ... by telephone at"): the
    report's prose after the table, whatever its heading (if any) says. A typed
    row has no wider gaps either ("2 UGARTE-SANDHU, 1974-09-22 M/API 156 S. ..."),
    but its cells start where the columns start."""
    if len(words) < 6 or len(columns) < 3:
        return False
    # OCR's word boxes reach out over their ink's edges, so on a scan the words
    # of a line touch or overlap: no gap at all is no column break either.
    if any(
        not -0.5 * a.rect.height <= b.rect.x0 - a.rect.x1 < 2 * a.rect.height
        for a, b in pairwise(words)
    ):
        return False
    crossed = [c for c in columns[1:] if words[0].rect.x0 + 2 < c.x0 < words[-1].rect.x1]
    if len(crossed) < 2:
        return False
    # Typed cells start where their column does, to a hair on a text page. On a
    # scan, OCR's boxes start at the ink, and the tilt moves a row lines below
    # the header sideways against it (every cell of a row 3.3 pt right of its
    # column's start, measured on a 1.5-degree scan): a shift common to the row
    # is allowed, up to a line's height.
    height = words[0].rect.height
    offsets = [min((w.rect.x0 - c.x0 for w in words), key=abs) for c in crossed]
    shift = statistics.median(offsets)
    if abs(shift) > height:
        shift = 0.0
    near = max(1.5, 0.25 * height)
    aligned = sum(abs(d - shift) < near for d in offsets)
    return aligned * 2 < len(crossed)


def _mostly_labels(text: str, *, ocr: bool) -> bool:
    """A boxed form's next row of labels, one of them unknown to us ("IR NO. | CB #
    | TVDL#/STATE | FBI #"): the grid goes on, but the person table above it has
    ended. Read as a record, its values would be a name. On a scan a label or a
    speck beside the row may be read garbled ("SOC. SEC. # | FBI# | TVDL#ISTATE |
    SID # | Re"): three labels or more, half the cells at least."""
    cells = [c.strip() for c in text.split("\t") if c.strip()]
    if len(cells) < 3:
        return False
    labels = sum(form_labels.header_cell(c) is not None for c in cells)
    return len(cells) - labels <= 1 or (ocr and labels >= 3 and 2 * labels >= len(cells))


# (or an index column's "No", in title case)
_FRAGMENT = regex.compile(r"^(?:[\p{Lu}/#.,()&-]{1,12}|\p{Lu}\p{Ll})$")
_INERT = LabelSpec("", None, inert=True)


def _complete(word: Word, below: list[Word], align: float) -> LabelSpec | None:
    aligned = [i for i, w in enumerate(below) if abs(w.rect.x0 - word.rect.x0) < align]
    parts = [below[i].text for i in aligned[:2]]
    tails = [" ".join(parts[:k]) for k in range(1, len(parts) + 1)]
    # "A" over "G" over "E": a cell one letter wide.
    tails += ["".join(parts[:k]) for k in range(2, len(parts) + 1)]
    if aligned:
        # "BOOKIN" over "G #": the wrapped rest may be two words of one line.
        first = below[aligned[0]]
        nxt = below[aligned[0] + 1] if aligned[0] + 1 < len(below) else None
        if (
            nxt is not None
            and nxt.line == first.line
            and 0 <= nxt.rect.x0 - first.rect.x1 < 1.5 * first.rect.height
        ):
            tails.append(f"{first.text} {nxt.text}")
    # A long word whose wrapped last letter a scan read into another word under
    # it ("CO-ARRESTE" over "AGE", the "E" read with a speck left of it).
    if len(word.text) >= _CUT_LABEL_MIN:
        tails += ["E", "S"]
    # ... or its last slash lost ("SCARS/MARKS" over "TATTOOS").
    slashed = "/" in word.text and not word.text.endswith("/")
    for tail in tails:
        joins = (word.text + tail, f"{word.text} {tail}", f"{word.text}/{tail}")
        for joined in joins if slashed else joins[:2]:
            m = form_labels.single_label(joined)
            if m is not None:
                return form_labels.spec_for(m.group("label"))
    return None


_CUT_LABEL_MIN = 8


def _column_at(columns: list[Column], x0: float) -> int:
    idx = 0
    for k, col in enumerate(columns):
        if x0 >= col.x0 - 4:
            idx = k
    return idx


# A tilted scan's columns lean: at 1.5 degrees a column's left edge moves 4 pt
# over 160 pt of rows (a co-arrestee's name drifted into the index column under
# "#", and was no name). Lines at least this wide, three or more, tell the tilt.
_SLOPE_SPAN = 150.0
_MAX_SLOPE = 0.06  # about 3.4 degrees: OCR undid more than that before reading


def _scan_slope(page: PageText) -> float:
    """The rise of a scan's lines across the page (dy/dx), the median of its wide
    lines'; 0 for a text page, or a scan with too few lines to tell."""
    if not page.ocr:
        return 0.0
    slopes = []
    for line in page.lines:
        if line.end_word - line.first_word < 3:
            continue
        a, b = page.words[line.first_word].rect, page.words[line.end_word - 1].rect
        dx = (b.x0 + b.x1 - a.x0 - a.x1) / 2
        if dx >= _SLOPE_SPAN:
            slopes.append((b.y0 + b.y1 - a.y0 - a.y1) / 2 / dx)
    if len(slopes) < 3:
        return 0.0
    return max(-_MAX_SLOPE, min(_MAX_SLOPE, statistics.median(slopes)))


def _upright_x0(page: PageText, header: Rect) -> Callable[[Word], float]:
    """A word's left edge where it would stand on the header's line were the scan
    upright: what its column is read by."""
    slope = _scan_slope(page)
    middle = (header.y0 + header.y1) / 2

    def x0(word: Word) -> float:
        return word.rect.x0 + ((word.rect.y0 + word.rect.y1) / 2 - middle) * slope

    return x0


def table_pieces(page: PageText) -> Iterator[CellPiece]:
    lines = page.lines
    i = 0
    while i < len(lines):
        # A header's columns stand apart: a line of prose in capitals ("A NAME
        # CHECK ... ON THE ARRESTEE AND REVEALED NO ...") holds labels' words too,
        # but no column break between them. A typed header may have none either
        # ("# CO-ARRES CB # ALIA D.O.B A ADDRESS"): then each of its words must be
        # a label or a label's start, completed under it ("TEE", "S", "G" / "E").
        spaced = page.text.count("\t", lines[i].start, lines[i].end) >= 2
        header_words = list(page.words[lines[i].first_word : lines[i].end_word])
        if not spaced and len(header_words) < 4:
            i += 1
            continue
        below = [w for ln in lines[i + 1 : i + 3] for w in page.words[ln.first_word : ln.end_word]]
        # A scan's boxes on the wrapped line of a header start where OCR saw ink,
        # a shaded cell's edge or its border included ("DATE" 5.7 pt left of the
        # "BIRTH" over it, both printed flush left): within a line's height.
        align = max(_ALIGN, lines[i].rect.height) if page.ocr else _ALIGN
        columns = _parse_header(header_words, below, fragments=spaced, align=align)
        if columns is None:
            i += 1
            continue
        i = max(i + 1, (yield from _read_rows(page, i, columns)))


def _read_rows(
    page: PageText, header: int, columns: list[Column]
) -> Generator[CellPiece, None, int]:
    """Yield the cell pieces of the rows under `header`; return the next line index."""
    lines = page.lines
    line_h = max(lines[header].rect.height, 6.0)
    first_col_end = columns[1].x0 - 4
    x0 = _upright_x0(page, lines[header].rect)
    started = False
    row_role: Role | None = None
    row: list[CellPiece] = []
    prev_bottom = lines[header].rect.y1
    i = header + 1
    while i < len(lines):
        line = lines[i]
        text = page.text[line.start : line.end]
        words = list(page.words[line.first_word : line.end_word])
        if not words or line.rect.y0 - prev_bottom > line_h * 2.5:
            break
        if (
            form_labels.section_role(text) is not False
            or _PAGE_FOOTER.search(text) is not None
            or (started and _is_prose(words, columns))
            or (
                started
                and (_is_label_line(words) or _mostly_labels(text, ocr=page.ocr))
                and x0(words[0]) < first_col_end
            )
            or _parse_header(words) is not None
            or (
                form_labels.single_label(words[0].text.rstrip(":"))
                and (started or words[0].text.endswith(":"))
                # A label's word in a later column is a wrapped value ("TAT L HAND
                # - CHICAGO" over "STAR"), not the next field.
                and x0(words[0]) < first_col_end
                and not _typed_row(page, line.start, line.end, words[0])
            )
        ):
            # A section header, another table, or a "LABEL: value" line ends it.
            break
        in_first = [w for w in words if x0(w) < first_col_end]
        if not started:
            # Wrapped header cells ("AG / E", "SEX/ / RACE") sit between the
            # header and the first row: skip until a row starts (on a scan the
            # line of them may open with a word, "AGE DATE E RACE TATTOOS #").
            if (
                not in_first
                or not _starts_row(in_first[0], columns)
                or (page.ocr and _mostly_labels(text, ocr=True))
            ):
                prev_bottom = line.rect.y1
                i += 1
                continue
            started = True
        elif in_first and _starts_row(in_first[0], columns):
            yield from _row_pieces(row, row_role)
            row, row_role = [], None  # a new row
        prev_bottom = line.rect.y1
        pieces = list(_line_pieces(page, line.first_word, line.end_word, columns, x0))
        for piece in pieces:
            role = _role_of_cell(page, piece)
            if role is not None:
                row_role = role
        row.extend(pieces)
        i += 1
    yield from _row_pieces(row, row_role)
    return i


def _typed_row(page: PageText, start: int, end: int, first: Word) -> bool:
    """On a scan a speck after a row's type cell reads as a colon ("WITNESS: |
    FONSECA-DESPAIGNE, | 12/3/1974 | ..."): a type cell opening a line of three
    cells or more is the row's, not a label with its value."""
    return (
        page.ocr
        and form_labels.row_role_of(first.text) is not None
        and page.text.count("\t", start, end) >= 2
    )


def _row_pieces(row: list[CellPiece], row_role: Role | None) -> Iterator[CellPiece]:
    """The row's pieces with its role; a cell read on several lines is in fragments."""
    per_cell = Counter(p.column for p in row)
    for p in row:
        yield CellPiece(p.start, p.end, p.spec, row_role, p.column, per_cell[p.column] > 1)


def _starts_row(word: Word, columns: list[Column]) -> bool:
    # An index column ("#", "NO.") starts a row with a number or a code; any
    # other first column starts a row with any word.
    if columns[0].spec.category is None and not columns[0].spec.parse_names:
        # (a scan's speck after a type cell read as a mark: "WITNESS:")
        return bool(_ROW_INDEX.match(word.text)) or word.text.rstrip(":.,").isalpha()
    return True


def _line_pieces(
    page: PageText, first: int, end: int, columns: list[Column], x0: Callable[[Word], float]
) -> Iterator[CellPiece]:
    """Runs of consecutive words of one line that fall in the same column."""
    run_start = -1
    col = -1
    for wi in range(first, end):
        c = _column_at(columns, x0(page.words[wi]))
        if c != col:
            if run_start >= 0:
                yield _piece(page, run_start, wi - 1, columns, col)
            run_start, col = wi, c
    if run_start >= 0:
        yield _piece(page, run_start, end - 1, columns, col)


def _piece(page: PageText, first: int, last: int, columns: list[Column], col: int) -> CellPiece:
    end = page.word_starts[last] + len(page.words[last].text)
    return CellPiece(page.word_starts[first], end, columns[col].spec, None, col)


def _role_of_cell(page: PageText, piece: CellPiece) -> Role | None:
    if piece.spec.category is not None or piece.spec.parse_names:
        return None
    return form_labels.row_role_of(page.text[piece.start : piece.end])
