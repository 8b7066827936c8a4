"""Value-level scoring of a redacted PDF against generated ground truth.

The output is read with pdfminer.six, an extractor independent of the PyMuPDF
that redacted it (the same approach as tests/test_samples.py, kept as our own
copy so the benchmark does not depend on test modules). For each ground-truth
value and policy:

- `withhold`: removed when none of the value's tokens is read inside any of its
  boxes (the codes the redactor printed in white on its black boxes are taken
  out first), and the whole value is not read anywhere else on the page more
  often than it was printed in the original outside every annotated value (so
  a country name in the letterhead, or a released "POLISH" language that is
  also a withheld nationality, does not count against the redaction);
- `release`: kept when every token of the value is still read inside its boxes.

A document that comes back withheld (the one-page juvenile notice) has removed
every value it does not print. A juvenile's release values are never scored,
whatever came back (the only one in its truth is the agency's name, and the
notice is the whole record), so retention is measured on adults' records; an
adult's record withheld by mistake has lost every release value.

Coordinates: pdfminer reports characters in the displayed page's space with
the origin at the bottom left; the truth boxes are in PyMuPDF's unrotated page
space with the origin at the top left. `_to_unrotated` converts (pages with a
/Rotate included).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTAnno, LTChar, LTContainer, LTTextLine
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

Box = tuple[float, float, float, float]
Want = Literal["withhold", "release"]

# Slack around a truth box, in points, for a character's centre to count as inside.
BOX_SLACK = 1.0


@dataclass(frozen=True, slots=True)
class Char:
    text: str
    box: Box  # unrotated page space, origin top left (as the truth boxes)
    # Reading order: extent along the writing direction, centre and height across it,
    # and the direction itself (0, 90, 180 or 270 degrees as displayed).
    along: tuple[float, float]
    across: float
    height: float
    direction: int


@dataclass(frozen=True, slots=True)
class PdfPage:
    chars: tuple[Char, ...]
    # pdfminer's text lines, each a sequence of (character, box or None for the
    # spaces and line ends pdfminer infers from gaps).
    lines: tuple[tuple[tuple[str, Box | None], ...], ...]


@dataclass(frozen=True, slots=True)
class PdfText:
    pages: tuple[PdfPage, ...]

    def page(self, number: int) -> PdfPage | None:
        """1-based page, or None when the output has fewer pages."""
        return self.pages[number - 1] if 1 <= number <= len(self.pages) else None


def _to_unrotated(
    x: float, y: float, rotate: int, width: float, height: float
) -> tuple[float, float]:
    """Displayed top-left point -> unrotated top-left point (width/height unrotated)."""
    if rotate == 90:
        return y, height - x
    if rotate == 180:
        return width - x, height - y
    if rotate == 270:
        return width - y, x
    return x, y


def _char(item: LTChar, disp_height: float, rotate: int, w: float, h: float) -> Char:
    x0, y0, x1, y1 = item.bbox
    disp = (x0, disp_height - y1, x1, disp_height - y0)
    ax, ay = _to_unrotated(disp[0], disp[1], rotate, w, h)
    bx, by = _to_unrotated(disp[2], disp[3], rotate, w, h)
    box = (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
    # The writing direction as displayed (y down), from the glyph's matrix.
    a, b = float(item.matrix[0]), float(item.matrix[1])
    direction = round(math.degrees(math.atan2(-b, a)) / 90) % 4 * 90
    ux, uy = {0: (1, 0), 90: (0, 1), 180: (-1, 0), 270: (0, -1)}[direction]
    ends = (disp[0] * ux + disp[1] * uy, disp[2] * ux + disp[3] * uy)
    cx, cy = (disp[0] + disp[2]) / 2, (disp[1] + disp[3]) / 2
    height = abs(disp[3] - disp[1]) if ux else abs(disp[2] - disp[0])
    return Char(item.get_text(), box, (min(ends), max(ends)), -uy * cx + ux * cy, height, direction)


def read_pdf(pdf: bytes) -> PdfText:
    """Every character pdfminer extracts (boxes in truth space) and its text lines."""
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=LAParams(all_texts=True))
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[PdfPage] = []
    for page in PDFPage.get_pages(io.BytesIO(pdf)):
        interpreter.process_page(page)
        layout = device.get_result()
        x0, y0, x1, y1 = page.mediabox
        w, h = abs(x1 - x0), abs(y1 - y0)
        rotate = int(page.rotate) % 360
        chars: list[Char] = []
        lines: list[tuple[tuple[str, Box | None], ...]] = []

        def walk(item: Any, in_line: list[tuple[str, Box | None]] | None) -> None:
            if isinstance(item, LTChar):
                char = _char(item, layout.height, rotate, w, h)  # noqa: B023
                chars.append(char)  # noqa: B023
                if in_line is not None:
                    in_line.append((char.text, char.box))
                else:  # a character outside any text line: a line of its own
                    lines.append(((char.text, char.box),))  # noqa: B023
            elif isinstance(item, LTAnno):
                if in_line is not None:
                    in_line.append((item.get_text(), None))
            elif isinstance(item, LTTextLine):
                current: list[tuple[str, Box | None]] = []
                for child in item:
                    walk(child, current)
                lines.append(tuple(current))  # noqa: B023
            elif isinstance(item, LTContainer):
                for child in item:
                    walk(child, in_line)

        walk(layout, None)
        pages.append(PdfPage(tuple(chars), tuple(lines)))
    return PdfText(tuple(pages))


# -- text helpers ---------------------------------------------------------------------


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def tokens(value: str) -> list[str]:
    """The value's words and numbers; single letters are too common to judge by."""
    return [t for t in re.findall(r"\w+", value.casefold()) if len(t) > 1 or t.isdigit()]


def count_whole(haystack: str, value: str) -> int:
    """Whole-token occurrences of `value` in normalized `haystack`.

    Not inside a longer word or number: '19' is not in '1994', nor '23' in
    '1999-03-23' or '3/23' (a joiner -, /, . between two word characters
    continues the token).
    """
    needle = normalize(value)
    if not needle:
        return 0
    pattern = rf"(?<![\w])(?<![\w][-/.]){re.escape(needle)}(?![\w])(?![-/.][\w])"
    return len(re.findall(pattern, haystack))


def _inside(box: Box, region: Box, slack: float = BOX_SLACK) -> bool:
    cx = (box[0] + box[2]) / 2
    cy = (box[1] + box[3]) / 2
    x0, y0, x1, y1 = region
    return x0 - slack <= cx <= x1 + slack and y0 - slack <= cy <= y1 + slack


def text_in_box(page: PdfPage | None, region: Box) -> str:
    """The characters whose centre lies inside `region`, in reading order.

    Lines are rebuilt along each glyph's own writing direction (a page turned
    with /Rotate, or text drawn turned on its page, still reads in order), and
    a space is put where two characters stand apart (a producer need not draw
    the space glyph).
    """
    if page is None:
        return ""
    inside = [c for c in page.chars if _inside(c.box, region)]
    inside.sort(key=lambda c: (c.direction, c.across, c.along[0]))
    rows: list[list[Char]] = []
    for c in inside:
        if rows:
            last = rows[-1][-1]
            same_row = last.direction == c.direction and abs(c.across - last.across) <= 0.5 * max(
                1.0, last.height
            )
            if same_row:
                rows[-1].append(c)
                continue
        rows.append([c])
    out: list[str] = []
    for row in rows:
        row.sort(key=lambda c: c.along[0])
        prev: Char | None = None
        for c in row:
            if prev is not None and c.along[0] - prev.along[1] > 0.15 * max(1.0, c.height):
                out.append(" ")
            out.append(c.text)
            prev = c
        out.append(" ")
    return "".join(out)


def page_text(
    pdf: PdfText, blank: Sequence[tuple[int, Box]] = (), remove: Iterable[str] = ()
) -> str:
    """Normalized text of the whole document, pdfminer's lines in its order.

    Characters inside a `blank` region (1-based page, box) read as spaces, and
    every string of `remove` (the codes printed on the boxes) is cut out.
    """
    parts: list[str] = []
    for number, page in enumerate(pdf.pages, start=1):
        regions = [b for p, b in blank if p == number]
        for line in page.lines:
            chars = [
                " " if box is not None and any(_inside(box, r) for r in regions) else ch
                for ch, box in line
            ]
            parts.append("".join(chars))
        parts.append("\n")
    text = normalize(" ".join(parts))
    for code in remove:
        code_norm = normalize(code)
        if code_norm:
            text = text.replace(code_norm, " ")
    return text


# -- scoring ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ValueResult:
    category: str
    role: str
    want: Want
    ok: bool  # withhold: removed; release: still there
    where: str = ""  # for a failure: "box" or "elsewhere" (withhold), "box" (release)
    value: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class DocResult:
    doc_id: str
    family: str
    juvenile: bool
    pages: int
    withheld: bool
    values: tuple[ValueResult, ...]
    error: str = ""  # an API refusal: no document came back

    @property
    def leaked(self) -> bool:
        """Any withhold value left, or a juvenile's record returned not withheld."""
        returned = not self.error
        return (self.juvenile and returned and not self.withheld) or any(
            v.want == "withhold" and not v.ok for v in self.values
        )

    def leaked_in(self, categories: Iterable[str]) -> bool:
        cats = set(categories)
        return any(v.want == "withhold" and not v.ok and v.category in cats for v in self.values)


def _seen(pdf: PdfText, boxes: Sequence[Sequence[float]], codes: Sequence[str]) -> str:
    seen = " ".join(
        text_in_box(pdf.page(int(b[0])), (b[1], b[2], b[3], b[4])) for b in boxes
    ).casefold()
    seen = normalize(seen)
    for code in codes:
        code_norm = normalize(code)
        if code_norm:
            seen = seen.replace(code_norm, " ")
    return seen


def present_at_boxes(
    pdf: PdfText, value: str, boxes: Sequence[Sequence[float]], codes: Sequence[str] = ()
) -> tuple[bool, bool]:
    """(any token of the value is read at its boxes, every token is)."""
    seen = _seen(pdf, boxes, codes)
    want = tokens(value)
    if not want:  # a value of single letters: compare without spaces
        squashed = "".join(normalize(value).split())
        hit = bool(squashed) and squashed in "".join(seen.split())
        return hit, hit
    # A code clipped by a small box is read in pieces ("MCC 2-17"): such a piece
    # is not the value, even when it is a digit the value also has ("$2,500").
    # Only the leak check drops them: a released value keeps all its tokens.
    code_tokens = [t for c in codes for t in re.findall(r"\w+", normalize(c))]
    seen_tokens = set(re.findall(r"\w+", seen))
    not_code = {t for t in seen_tokens if not any(t in ct for ct in code_tokens)}
    return any(t in not_code for t in want), all(t in seen_tokens for t in want)


def _truth_boxes(values: Iterable[dict[str, Any]]) -> list[tuple[int, Box]]:
    return [(int(b[0]), (b[1], b[2], b[3], b[4])) for v in values for b in v["boxes"]]


class OriginalText:
    """The original PDF's text outside every annotated value, read only when needed."""

    def __init__(self, original_pdf: bytes | None, truth: dict[str, Any]) -> None:
        self._pdf = original_pdf
        self._truth = truth
        self._text: str | None = None

    def static_count(self, value: str) -> int:
        if self._pdf is None:
            return 0
        if self._text is None:
            self._text = page_text(read_pdf(self._pdf), _truth_boxes(self._truth["values"]))
        return count_whole(self._text, value)


def score_document(
    truth: dict[str, Any],
    output_pdf: bytes | None,
    policy: str,
    *,
    withheld: bool,
    codes: Iterable[str] = (),
    original: OriginalText | None = None,
    output: PdfText | None = None,
    error: str = "",
) -> DocResult:
    """Score one output against the truth for one policy.

    `output_pdf` None means the request was refused (no document: nothing was
    released, nothing leaked). `codes` are the rule codes printed on the boxes.
    `original` gives the static text of the input for the "anywhere" check.
    """
    code_list = sorted({c for c in codes if c}, key=len, reverse=True)
    juvenile = bool(truth["juvenile"])
    results: list[ValueResult] = []
    if output_pdf is None:
        for v in truth["values"]:
            want: Want = v[policy]
            if juvenile and want == "release":
                continue
            results.append(
                ValueResult(v["category"], v["role"], want, want == "withhold", "box", v["value"])
            )
        return DocResult(
            str(truth["doc_id"]),
            str(truth["family"]),
            juvenile,
            int(truth["pages"]),
            withheld,
            tuple(results),
            error,
        )
    pdf = output if output is not None else read_pdf(output_pdf)
    if withheld:
        text = page_text(pdf)
        for v in truth["values"]:
            if v[policy] != "withhold":
                if not juvenile:  # an adult's record withheld whole: every release lost
                    results.append(
                        ValueResult(
                            v["category"], v["role"], "release", False, "withheld", v["value"]
                        )
                    )
                continue  # a juvenile's notice is the record: nothing to retain
            long_enough = len(normalize(v["value"])) >= 4
            ok = not (long_enough and count_whole(text, v["value"]) > 0)
            results.append(
                ValueResult(
                    v["category"], v["role"], "withhold", ok, "" if ok else "elsewhere", v["value"]
                )
            )
    else:
        released = [v for v in truth["values"] if v[policy] == "release"]
        anywhere = page_text(pdf, _truth_boxes(released), code_list)
        for v in truth["values"]:
            want = v[policy]
            any_tok, all_tok = present_at_boxes(pdf, v["value"], v["boxes"], code_list)
            if want == "withhold":
                if any_tok:
                    results.append(
                        ValueResult(v["category"], v["role"], want, False, "box", v["value"])
                    )
                    continue
                found = count_whole(anywhere, v["value"])
                if found and original is not None and found <= original.static_count(v["value"]):
                    found = 0
                results.append(
                    ValueResult(
                        v["category"],
                        v["role"],
                        want,
                        not found,
                        "elsewhere" if found else "",
                        v["value"],
                    )
                )
            elif not juvenile:  # a juvenile's record has nothing to retain
                results.append(
                    ValueResult(
                        v["category"],
                        v["role"],
                        want,
                        all_tok,
                        "" if all_tok else "box",
                        v["value"],
                    )
                )
    return DocResult(
        str(truth["doc_id"]),
        str(truth["family"]),
        juvenile,
        int(truth["pages"]),
        withheld,
        tuple(results),
        error,
    )


def iter_failures(doc: DocResult) -> Iterator[ValueResult]:
    return (v for v in doc.values if not v.ok)


@dataclass(frozen=True, slots=True)
class Output:
    """One output to score: a document (None when the request was refused)."""

    policy: str
    pdf: bytes | None
    withheld: bool = False
    codes: tuple[str, ...] = ()
    error: str = ""


def score_outputs(
    truth: dict[str, Any], original_pdf: bytes | None, outputs: Sequence[Output]
) -> list[DocResult]:
    """Score several outputs of one report (a job for a worker process).

    Outputs with the same bytes (the baseline's one PDF for both policies) are
    read once.
    """
    original = OriginalText(original_pdf, truth)
    parsed: dict[bytes, PdfText] = {}
    results = []
    for out in outputs:
        text = None
        if out.pdf is not None:
            text = parsed.get(out.pdf)
            if text is None:
                text = parsed[out.pdf] = read_pdf(out.pdf)
        results.append(
            score_document(
                truth,
                out.pdf,
                out.policy,
                withheld=out.withheld,
                codes=out.codes,
                original=original,
                output=text,
                error=out.error,
            )
        )
    return results
