"""Optical character recognition of scanned pages, with Tesseract.

Why the Tesseract command line (the way pytesseract drives it) and not
PyMuPDF's built-in OCR: measured on two scanned generated reports (200 dpi,
1 degree skew, noise), the command line read 99.6% and 97.3% of the words at
2.6 and 2.1 s CPU, PyMuPDF's `get_textpage_ocr` 99.1% and 91.8% at 4.0 and
3.9 s. Only the command line gives word confidences (needed for a doubtful
value next to a protected label, see `uncertain_label_values`), and it runs
the Debian `tesseract-ocr` binary whose version the audit record names.
tesserocr would need a C++ build against libtesseract.

What this module does for one page:

1. Render the page as displayed, in grey, at the scan's own resolution
   (150-300 dpi): rendering a 200 dpi scan at 300 dpi lost 7 points of word
   recall in the measurement (98.1% to 90.6%); it adds no detail. Tesseract
   binarizes with Sauvola's adaptive threshold (94.8% against 93.7% with
   Otsu on 150 dpi scans, equal at 200 dpi), after isolated specks are
   cleaned (`despeckle`); a median filter or removing table rules did worse.
2. Recognise it (hOCR: lines, words with confidences, character boxes), as
   two horizontal bands cut between lines, in parallel. A page whose
   reading is poor (low mean confidence, or lines running down the page) is
   turned as Tesseract's orientation detection (OSD) says and read again;
   the better reading is kept. So pages fed at 90/180/270 degrees read upright.
3. Map every box back to unrotated PDF page space (what the redactor and
   `PageText` use), and give each word a reading-order box in a deskewed
   frame: a scan tilted by 1.5 degrees drifts 13 pt over a 500 pt line, more
   than a line height, so lines are grouped after undoing the skew that
   Tesseract measured (the median slope of its baselines).
4. Find the ruled borders of form cells in the pixels (`pixel_rules`): a
   scanned form's borders are no drawings, so `pdf_text` could not part
   narrow table columns ("1977-07-28 41") without them; and the LSTM reads a
   border touching a cell as "[", "]" or "|", which is dropped
   (`_split_at_rules`).
5. Read again, as one block, rows of ink that no word accounts for: the
   layout analysis sometimes drops a whole paragraph (`_recover_unread`).
6. Read misread small-print labels as the labels they are ("ASE" for AGE,
   "CTZZ", "BNO." for CB NO.), so that detection's form rules apply
   (`correct_labels`); OCR-garbled identifiers and doubtful values next to
   protected labels are handed to the pipeline (`uncertain_label_values`).

Tesseract runs with OMP_THREAD_LIMIT=1: its OpenMP threads spin-wait, and on a
busy two-core machine one page took 35 s of CPU with two threads against 2.2 s
with one. Bands and pages are recognised in parallel instead, one process each.

Nothing here logs or raises document text; failures become fixed-message
domain errors.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import math
import os
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt
import pycountry
import pymupdf

from app.redaction import form_labels
from app.redaction.errors import RedactionFailed, UnreadablePage
from app.redaction.recognizers import identity, person_attrs
from app.redaction.tesseract_api import TesseractLibrary
from app.redaction.types import Category, PageText, Rect

ENGINE_NAME = "tesseract"
# Rendering resolution bounds (dpi); a scan is read at its own resolution within them.
MIN_DPI = 150
MAX_DPI = 300
DEFAULT_DPI = 200  # pages without a raster image (text drawn as outlines)
# Tesseract's binarization methods (its `thresholding_method` variable).
OTSU = 0
SAUVOLA = 2
# A result is "poor" below this mean word confidence (weighted by characters):
# upright noisy scans measured 83-88, the same pages turned 90 or 180 degrees 35-38.
POOR_MEAN_CONFIDENCE = 60.0
# Below this the best reading is not a reading: the page is refused (fail closed).
UNREADABLE_MEAN_CONFIDENCE = 45.0
UNREADABLE_MIN_WORDS = 20
# A word below this confidence is "uncertain" (see uncertain_label_values).
LOW_CONFIDENCE = 70.0
# OSD is trusted from this orientation confidence on (Tesseract's own scale).
OSD_MIN_CONFIDENCE = 1.5
# Character boxes are grown by this much on each side: Tesseract's boxes hug
# the ink, and antialiased edges lie just outside them; along the line, a
# glyph's side bearing too (pixels, and points).
_PAD_PX = 1.5
_PAD_ALONG_PT = 0.8

_BBOX = re.compile(r"bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+)")
_BASELINE = re.compile(r"baseline (-?[\d.]+) (-?[\d.]+)")
_WCONF = re.compile(r"x_wconf (-?[\d.]+)")
_XSIZE = re.compile(r"x_size (-?[\d.]+)")
_XDESC = re.compile(r"x_descenders (-?[\d.]+)")
_CBOX = re.compile(r"x_bboxes (-?\d+) (-?\d+) (-?\d+) (-?\d+)")
_VERSION = re.compile(r"tesseract\s+v?(\d+\.\d+(?:\.\d+)?)", re.IGNORECASE)
_OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")
# Marks that noise and dust produce at the ends of words, never printed there
# on a report (straight quotes and apostrophes are kept: typewriters print them).
_SPECKS = frozenset("~`°®©¢«»‘’“”„|¦^_•·¬¨´")
# ... and a dot or comma read in front of a word (".IL", ",Choluteca").
_LEADING_SPECKS = frozenset(".,;:")
# Specks that no word holds inside it either: they split it in two.
_SPLITTERS = frozenset("~°®©¢«»|¦•¬")
# Words after which a sentence or a clause never ends: a full stop or comma
# read after one ("she is on an. H-2B work visa") is a speck, and it would
# cut a phrase that detection reads across it.
_NO_STOP_AFTER = frozenset("a an the of on in at to for with by from and or".split())
# Lower-case letters shaped like their capitals, only smaller: in a word of
# capitals, Tesseract reads a noisy one in the wrong case ("cB NO.", "cTz").
_CASE_ALIKE = frozenset("cosvwxz")
# Marks whose ink is much narrower than the place they take in print: at a
# word's end, and at its start.
_NARROW_END = frozenset(",.;:)\"'")
_NARROW_START = frozenset("(\"'")


# -- the engine ------------------------------------------------------------------------


class Tesseract:
    """The `tesseract` binary: probed once at startup, then called per page."""

    def __init__(
        self,
        cmd: str,
        version: str,
        *,
        language: str = "eng",
        timeout: float = 120.0,
        second_reading: bool = True,
        threshold: int = SAUVOLA,
        library: TesseractLibrary | None = None,
    ):
        self.cmd = cmd
        self.version = version
        self.language = language
        self.timeout = timeout
        # The binary's own library in this process, when installed: it reads
        # what the command reads, without the command's start (`tesseract_api`).
        self.library = library
        # Read every scanned page a second time, binarized otherwise (see
        # `ocr_pages_twice`), and let detection run on both readings.
        self.second_reading = second_reading
        self.threshold = threshold
        env = dict(os.environ)
        env["OMP_THREAD_LIMIT"] = "1"  # see module doc
        self._env = env

    @property
    def info(self) -> str:
        """Engine and version, for the audit record: "tesseract 5.3.0"."""
        return f"{ENGINE_NAME} {self.version}"

    def with_threshold(self, threshold: int) -> Tesseract:
        """The same engine, binarizing with another of Tesseract's methods."""
        return Tesseract(
            self.cmd,
            self.version,
            language=self.language,
            timeout=self.timeout,
            second_reading=self.second_reading,
            threshold=threshold,
            library=self.library,
        )

    @classmethod
    def probe(
        cls,
        cmd: str = "tesseract",
        *,
        language: str = "eng",
        timeout: float = 120.0,
        second_reading: bool = True,
        in_process: bool = True,
    ) -> Tesseract | None:
        """The engine, or None when the binary, its language data or OSD data is missing.

        `in_process`: read with the binary's library in this process when
        tesserocr is installed against it (`tesseract_api`); OSD stays the command's.
        """
        path = shutil.which(cmd)
        if path is None:
            return None
        try:
            version = subprocess.run(
                [path, "--version"], capture_output=True, timeout=30, check=True
            )
            langs = subprocess.run(
                [path, "--list-langs"], capture_output=True, timeout=30, check=True
            )
        except (OSError, subprocess.SubprocessError):
            return None
        found = _VERSION.search(version.stdout.decode("utf-8", "replace")) or _VERSION.search(
            version.stderr.decode("utf-8", "replace")
        )
        available = set(langs.stdout.decode("utf-8", "replace").split())
        if found is None or language not in available or "osd" not in available:
            return None
        version_found = found.group(1)
        library = (
            TesseractLibrary.load(language, version_found, ready=_workers(None))
            if in_process
            else None
        )
        return cls(
            path,
            version_found,
            language=language,
            timeout=timeout,
            second_reading=second_reading,
            library=library,
        )

    @classmethod
    def from_settings(cls, settings: Any) -> Tesseract | None:
        """`probe` as the service's settings (`REDACTOR_TESSERACT_CMD`, `REDACTOR_OCR_*`) say."""
        return cls.probe(
            str(settings.tesseract_cmd),
            language=str(settings.ocr_language),
            timeout=float(settings.ocr_timeout_s),
            second_reading=bool(settings.ocr_second_reading),
            in_process=bool(settings.ocr_in_process),
        )

    def _run(self, args: Sequence[str], image: bytes) -> str:
        try:
            done = subprocess.run(
                [self.cmd, "stdin", "stdout", *args],
                input=image,
                capture_output=True,
                timeout=self.timeout,
                env=self._env,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            # A vanished binary or a timeout: no reading, so no document.
            raise RedactionFailed() from None
        return done.stdout.decode("utf-8", "replace")

    def hocr(self, image: bytes, dpi: int, *, psm: int = 3) -> str:
        """hOCR of a PNM image: blocks, lines with baselines, words, character boxes.

        `psm` 3 analyses the page's layout; 6 reads the image as one block of
        lines (for text the layout analysis left out, see `_recover_unread`).
        """
        if self.library is not None:
            out = self.library.hocr(
                image, dpi, psm=psm, threshold=self.threshold, timeout=self.timeout
            )
        else:
            out = self._run(
                [
                    "-l",
                    self.language,
                    "--psm",
                    str(psm),
                    "--dpi",
                    str(dpi),
                    "-c",
                    "hocr_char_boxes=1",
                    # Sauvola's adaptive threshold by default: 94.8% of the words of
                    # noisy 150 dpi scans against 93.7% with Otsu (same at 200).
                    "-c",
                    f"thresholding_method={self.threshold}",
                    "hocr",
                ],
                image,
            )
        if "ocr_page" not in out:
            raise RedactionFailed()
        return out

    def orientation(self, image: bytes) -> tuple[int, float]:
        """Tesseract OSD: degrees to turn the image clockwise to read it, and confidence."""
        out = self._run(["--psm", "0"], image)
        rotate = _OSD_ROTATE.search(out)
        conf = _OSD_CONF.search(out)
        if rotate is None or conf is None:
            return 0, 0.0  # too little text to tell
        return int(rotate.group(1)) % 360, float(conf.group(1))


# -- hOCR ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HocrWord:
    text: str
    conf: float
    box: tuple[float, float, float, float]  # pixels
    chars: tuple[tuple[float, float, float, float], ...]  # one per character of text
    line: int
    baseline: float  # pixel y of the line's baseline under the word's centre
    above: float = 0.0  # the line's extent above and below the baseline (pixels):
    below: float = 0.0  # Tesseract's row height, split at the baseline


def _title(el: ET.Element) -> str:
    return el.get("title", "")


def _box(title: str) -> tuple[float, float, float, float] | None:
    m = _BBOX.search(title)
    if m is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in m.groups())
    return (x0, y0, x1, y1)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# A line's own baseline slope further than this from the page's is a misfit.
_SLOPE_MISFIT = 0.004


def _dust(text: str, box: tuple[float, float, float, float], row: float, conf: float) -> bool:
    """A dot of noise read, unsure, as a letter or digit: a box a few pixels wide
    and high, far smaller than any glyph of its line ("SMT  2  CB NO." with the
    "2" a 2 px speck). Read as a word it broke a header row into no header."""
    return (
        len(text) == 1
        and text.isalnum()
        and conf < LOW_CONFIDENCE
        and row > 0
        and max(box[2] - box[0], box[3] - box[1]) < 0.25 * row
    )


def parse_hocr(
    hocr: str, *, dy: float = 0.0, line_base: int = 0, page_slope: float | None = None
) -> list[HocrWord]:
    """Words of Tesseract's hOCR, in its reading order, with character boxes.

    `page_slope`, the page's baseline slope (`_skew_slope`), overrides a line's
    own slope that is far from it, turned about the line's middle.
    """
    # The DOCTYPE names an external DTD; ElementTree never fetches it.
    root = ET.fromstring(hocr.encode("utf-8"))
    words: list[HocrWord] = []
    line_no = line_base
    for el in root.iter():
        cls = el.get("class", "")
        if cls not in ("ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat"):
            continue
        line_no += 1
        title = _title(el)
        lbox = _box(title)
        if lbox is None:
            continue
        m = _BASELINE.search(title)
        slope, offset = (float(m.group(1)), float(m.group(2))) if m else (0.0, 0.0)
        if page_slope is not None and abs(slope - page_slope) > _SLOPE_MISFIT:
            # Tesseract fits a line's baseline to its own glyphs, and a line with
            # noise or a shaded cell in it can come out tilted the wrong way
            # (+0.015 on a page at -0.007): the baselines of its words then drift
            # apart by more than a line's tolerance, and one printed line ("PLACE
            # OF BIRTH  Lviv (Lviv Oblast), Ukraine") was read as two, the value
            # cut in half. The scan is flat: the page's slope, through the
            # line's own baseline at its middle.
            half = (lbox[2] - lbox[0]) / 2
            offset += (slope - page_slope) * half
            slope = page_slope
        size = _XSIZE.search(title)
        desc = _XDESC.search(title)
        row = float(size.group(1)) if size else 0.0
        below = abs(float(desc.group(1))) if desc else 0.0
        above = max(0.0, row - below)
        for w in el:
            if _local(w.tag) != "span" or w.get("class") != "ocrx_word":
                continue
            wbox = _box(_title(w))
            if wbox is None:
                continue
            wc = _WCONF.search(_title(w))
            conf = float(wc.group(1)) if wc else 0.0
            chars: list[tuple[str, tuple[float, float, float, float]]] = []
            for c in w.iter():
                if c.get("class") != "ocrx_cinfo":
                    continue
                cm = _CBOX.search(_title(c))
                ch = "".join(c.itertext())
                if cm is None or not ch:
                    continue
                cb = tuple(float(v) for v in cm.groups())
                chars.extend((x, (cb[0], cb[1], cb[2], cb[3])) for x in ch)
            text = "".join(w.itertext()).strip()
            text = "".join(text.split())
            if not text or _dust(text, wbox, row, conf):
                continue
            if "".join(c for c, _ in chars) != text:
                chars = _even_split(text, wbox)
            else:
                chars = _fit_to_word(chars, wbox)
            # Specks of dust and noise read as marks glued to a word
            # ("MILWAUKEE,~", "‘COUNTRY"): dropped with their boxes, so that
            # detection sees the word a reader sees.
            while chars and (
                chars[0][0] in _SPECKS
                or (chars[0][0] in _LEADING_SPECKS and len(chars) > 1 and chars[1][0].isalnum())
            ):
                chars = chars[1:]
            while chars and chars[-1][0] in _SPECKS:
                chars = chars[:-1]
            if (
                len(chars) > 1
                and chars[-1][0] in ".,"
                and "".join(c for c, _ in chars[:-1]) in _NO_STOP_AFTER
            ):
                chars = chars[:-1]
            letters = [c for c, _ in chars if c.isalpha()]
            if (
                any(c.isupper() for c in letters)
                and (letters[0].islower() or sum(c.isupper() for c in letters) > 1)
                and any(c.islower() for c in letters)
                and all(c.isupper() or c in _CASE_ALIKE for c in letters)
            ):
                chars = [(c.upper() if c in _CASE_ALIKE else c, b) for c, b in chars]
            # A speck inside a word ("SID°60808353") separates two words.
            pieces: list[list[tuple[str, tuple[float, float, float, float]]]] = [[]]
            for ch, cb in chars:
                if ch in _SPLITTERS:
                    pieces.append([])
                else:
                    pieces[-1].append((ch, cb))
            for piece in pieces:
                if not piece:
                    continue
                pbox = (
                    min(b[0] for _, b in piece),
                    wbox[1],
                    max(b[2] for _, b in piece),
                    wbox[3],
                )
                cx = (pbox[0] + pbox[2]) / 2
                base = lbox[3] + offset + slope * (cx - lbox[0])
                words.append(
                    HocrWord(
                        "".join(c for c, _ in piece),
                        conf,
                        (pbox[0], pbox[1] + dy, pbox[2], pbox[3] + dy),
                        tuple((b[0], b[1] + dy, b[2], b[3] + dy) for _, b in piece),
                        line_no,
                        base + dy,
                        above,
                        below,
                    )
                )
    return words


def _fit_to_word(
    chars: list[tuple[str, tuple[float, float, float, float]]],
    box: tuple[float, float, float, float],
) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Character boxes stretched to the word's box, each reaching to the next one.

    The LSTM engine places characters approximately: measured, the last digit of
    an A-number followed by a full stop ended 5 pt short of its ink. The word box (from the ink)
    is right; the characters are spread over it in their order and proportions,
    without gaps, so a span of characters covers everything between them.
    """
    lo = min(b[0] for _, b in chars)
    hi = max(b[2] for _, b in chars)
    scale = (box[2] - box[0]) / (hi - lo) if hi > lo else 1.0

    def fit(x: float) -> float:
        return box[0] + (x - lo) * scale

    xs = [[fit(b[0]), fit(b[2])] for _, b in chars]
    for k in range(len(xs) - 1):
        if xs[k][1] < xs[k + 1][0]:
            mid = (xs[k][1] + xs[k + 1][0]) / 2
            xs[k][1] = xs[k + 1][0] = mid
    xs[0][0] = box[0]
    xs[-1][1] = box[2]
    # Punctuation at the ends of a word gets wide boxes from the LSTM (a full
    # stop 17 px wide, pushing the digit before it out of its own box): the
    # first and last letter or digit reach to the word's edges.
    alnum = [k for k, (c, _) in enumerate(chars) if c.isalnum()]
    if alnum:
        xs[alnum[0]][0] = box[0]
        xs[alnum[-1]][1] = box[2]
    return [(c, (x0, b[1], x1, b[3])) for (c, b), (x0, x1) in zip(chars, xs, strict=True)]


def _even_split(
    text: str, box: tuple[float, float, float, float]
) -> list[tuple[str, tuple[float, float, float, float]]]:
    step = (box[2] - box[0]) / max(1, len(text))
    return [
        (c, (box[0] + i * step, box[1], box[0] + (i + 1) * step, box[3]))
        for i, c in enumerate(text)
    ]


def _skew_slope(hocrs: Sequence[str]) -> float:
    """Median baseline slope (dy/dx) over lines, weighted by their width."""
    slopes: list[tuple[float, float]] = []
    for m in re.finditer(r"class='ocr_line'[^>]*title=\"([^\"]*)\"", "\n".join(hocrs)):
        title = m.group(1)
        b = _box(title)
        s = _BASELINE.search(title)
        if b is None or s is None:
            continue
        width = b[2] - b[0]
        if width > 4 * (b[3] - b[1]):  # a real line of text, not a stray mark
            slopes.append((float(s.group(1)), width))
    if not slopes:
        return 0.0
    slopes.sort()
    half = sum(w for _, w in slopes) / 2
    acc = 0.0
    for slope, width in slopes:
        acc += width
        if acc >= half:
            return max(-0.05, min(0.05, slope))  # at most about 3 degrees
    return 0.0


# -- one page -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One recognised word in page geometry."""

    text: str
    conf: float  # 0-100
    rect: Rect  # unrotated page space
    char_rects: tuple[Rect, ...]  # unrotated page space, one per character
    disp: Rect  # reading frame: upright and deskewed, in points (for line grouping)
    baseline: float  # y of the baseline in the reading frame
    line: int  # Tesseract's line number
    ink: Rect | None = None  # the ink alone, unrotated page space (rect is a line high)


@dataclass(frozen=True, slots=True)
class PageOcr:
    words: tuple[OcrWord, ...]
    rotation: int  # degrees the rendered page was turned to read upright
    skew: float  # degrees of tilt measured (and undone for line grouping)
    dpi: int
    mean_confidence: float  # weighted by characters; 0 when no word
    # Vertical rules seen in the image (x, y0, y1), in the words' reading frame
    # (`OcrWord.disp`): a scanned form's cell borders are pixels, not drawings.
    rules: tuple[tuple[float, float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class _Render:
    pixels: npt.NDArray[np.uint8]  # grey, rows x columns
    matrix: Any  # page display space -> pixel space (before the pixmap origin shift)
    origin: tuple[float, float]

    @property
    def size(self) -> tuple[int, int]:
        return int(self.pixels.shape[1]), int(self.pixels.shape[0])


def _pgm(pixels: npt.NDArray[np.uint8]) -> bytes:
    h, w = pixels.shape
    return b"P5\n%d %d\n255\n" % (w, h) + np.ascontiguousarray(pixels).tobytes()


# A page is read as this many horizontal bands, one Tesseract process each,
# so that one page keeps two cores busy. The cut goes through the middle of
# the blank gap (between two lines of text, never through one) nearest to the
# row that halves the page's ink, within its middle three fifths: Tesseract's
# time follows the text, and the bottom half of a report is often half empty
# (a cut at the middle row measured 2.3 s for the top band and 0.3 s for the
# bottom one).
_BANDS = 2
_MIN_BAND_ROWS = 600


def _bands(pixels: npt.NDArray[np.uint8]) -> list[tuple[int, int]]:
    h = int(pixels.shape[0])
    if _BANDS < 2 or h < _BANDS * _MIN_BAND_ROWS:
        return [(0, h)]
    ink = (pixels < 128).sum(axis=1)
    cum = np.cumsum(ink)
    if not cum[-1]:
        return [(0, h)]
    half = int(np.searchsorted(cum, cum[-1] / 2))
    lo, hi = int(h * 0.2), int(h * 0.8)
    blank = np.flatnonzero(ink[lo:hi] == 0) + lo
    if not blank.size:
        return [(0, h)]  # no blank row: a picture, or text across the middle
    near = int(blank[int(np.argmin(np.abs(blank - half)))])
    top, bottom = near, near
    while top > lo and ink[top - 1] == 0:
        top -= 1
    while bottom < hi - 1 and ink[bottom + 1] == 0:
        bottom += 1
    cut = (top + bottom) // 2
    return [(0, cut), (cut, h)]


def page_dpi(page: pymupdf.Page) -> int:
    """The resolution of the page's largest raster image, within MIN_DPI..MAX_DPI."""
    best = 0.0
    best_area = 0.0
    for info in page.get_image_info():
        bbox = pymupdf.Rect(info["bbox"])
        if bbox.is_empty:
            continue
        area = abs(bbox.width * bbox.height)
        if area > best_area and bbox.width > 0:
            w = float(info.get("width", 0))
            h = float(info.get("height", 0))
            # The image may be drawn turned: take the denser axis pairing.
            dpi = max(w / abs(bbox.width), h / abs(bbox.height)) * 72 if w and h else 0.0
            best, best_area = dpi, area
    if not best:
        return DEFAULT_DPI
    return round(min(MAX_DPI, max(MIN_DPI, best)))


def despeckle(pixels: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """Isolated dark pixels become white, isolated light pixels inside ink dark.

    Dust and sensor noise leave single dark pixels that Tesseract reads as
    full stops and commas glued to words ("31ST ST,.REAR", "July.5"); a
    printed full stop is several pixels. Measured on noisy scans: spurious
    punctuation fell from 434 to 380 marks (372 printed), word recall rose
    from 97.1% to 97.9% at 150 dpi. Unlike a median filter, thin strokes stay.
    """
    dark = pixels < 128
    padded = np.pad(dark, 1).astype(np.uint8)
    h, w = dark.shape
    neighbours = sum(
        padded[1 + dy : 1 + dy + h, 1 + dx : 1 + dx + w]
        for dy in (-1, 0, 1)
        for dx in (-1, 0, 1)
        if dy or dx
    )
    out = pixels.copy()
    out[dark & (neighbours == 0)] = 255
    out[~dark & (neighbours == 8)] = 0
    return out


def _render(page: pymupdf.Page, dpi: int, rotation: int, *, clean: bool = True) -> _Render:
    zoom = dpi / 72.0
    matrix = pymupdf.Matrix(zoom, zoom).prerotate(rotation)
    pix = page.get_pixmap(matrix=matrix, colorspace=pymupdf.csGRAY, alpha=False)
    pixels = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)
    grey = pixels[:, : pix.width].copy()
    return _Render(
        pixels=despeckle(grey) if clean else grey,
        matrix=matrix,
        origin=(float(pix.x), float(pix.y)),
    )


# Bounds of the global threshold of the second reading (`binarized`).
_GLOBAL_LEVEL_MIN = 64
_GLOBAL_LEVEL_MAX = 192


def otsu_level(pixels: npt.NDArray[np.uint8]) -> int:
    """Otsu's threshold of a grey image: the level that best parts its histogram in two."""
    hist = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    share = hist / max(1.0, hist.sum())
    below = np.cumsum(share)
    mean_below = np.cumsum(share * np.arange(256))
    mean = mean_below[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean * below - mean_below) ** 2 / (below * (1.0 - below))
    between = np.nan_to_num(between, nan=0.0, posinf=0.0)
    return int(np.argmax(between))


def binarized(render: _Render) -> _Render:
    """The render in black and white at the whole page's Otsu threshold.

    Why not Tesseract's own Otsu (`thresholding_method=0`): Tesseract computes
    it per image, and a page is read as bands; a band with no print (the blank
    half of a last page) has only paper and noise in its histogram, so the
    threshold fell inside the noise and Tesseract read a band of speckle for up
    to 8 s. The page's histogram has the print in it (thresholds measured 142
    to 165 on the generated scans), and the level is kept within bounds for a
    page with hardly any print. Tesseract leaves a two-level image as it is.
    """
    level = min(_GLOBAL_LEVEL_MAX, max(_GLOBAL_LEVEL_MIN, otsu_level(render.pixels)))
    pixels = np.where(render.pixels < level, 0, 255).astype(np.uint8)
    return replace(render, pixels=pixels)


# A dark vertical run at least this tall (points) is a ruled cell border: the
# tallest glyph stroke of 10-12 pt print is about 9 pt. Rules are looked for
# with each column widened by a pixel to either side, so a rule tilted by
# 1.5 degrees still runs 100 px and more before it leaves its column.
_MIN_RULE_PT = 16.0
_RULE_DARK = 160  # a thin rule scanned at 150 dpi is a grey pixel wide


def pixel_rules(pixels: npt.NDArray[np.uint8], min_rows: int) -> list[tuple[float, float, float]]:
    """Vertical dark runs (x, y0, y1) of at least `min_rows` rows, in pixels."""
    dark = pixels < _RULE_DARK
    wide = dark.copy()
    wide[:, 1:] |= dark[:, :-1]
    wide[:, :-1] |= dark[:, 1:]
    padded = np.zeros((wide.shape[0] + 2, wide.shape[1]), dtype=np.int8)
    padded[1:-1] = wide
    edges = np.diff(padded, axis=0).T  # columns first: runs come column by column
    starts = np.argwhere(edges == 1)
    ends = np.argwhere(edges == -1)
    long = (ends[:, 1] - starts[:, 1]) >= min_rows
    out: list[tuple[float, float, float]] = []
    for (x, y0), (_, y1) in zip(starts[long].tolist(), ends[long].tolist(), strict=True):
        last = out[-1] if out else None
        # The widened columns of one upright rule (or a dark picture): once.
        if last is not None and x - last[0] <= 3 and abs(y0 - last[1]) + abs(y1 - last[2]) <= 4:
            continue
        out.append((float(x), float(y0), float(y1)))
    return out


# Marks that a ruled border reads as when it touches a cell's text
# ("1977-07-28]41", "[ALIAS"): anywhere in a word, and also these at its ends.
_RULE_GLYPHS = frozenset("[]{}()|!/\\")
_RULE_GLYPHS_AT_ENDS = frozenset("lI1")
# ... and these at a word's end also for a border just beside its ink.
_RULE_GLYPHS_BESIDE = frozenset("[]{}()|/\\")


def _phantom(chars: Sequence[tuple[float, float, float, float]], k: int) -> bool:
    """Whether the end character `k` has no ink of its own: a sliver of a box
    (a pixel or two wide) inside its neighbour's. A border just outside a
    cell's first digit comes out so ("1246605650" for "246605650", its "1"
    one pixel wide at the "2"'s left edge); a real "1", "l" or "I" has a stroke
    and serifs of its own beside the next character."""
    if len(chars) < 2:
        return False
    b, n = chars[k], chars[1 if k == 0 else k - 1]
    return b[2] - b[0] <= 2 and b[0] >= n[0] - 1 and b[2] <= n[2] + 1


def _split_at_rules(w: HocrWord, rules: npt.NDArray[np.float64]) -> list[HocrWord]:
    """The word without the characters that are a cell border it touches, split there."""
    if not rules.size:
        return [w]
    last = len(w.chars) - 1
    cut = []
    for k, (ch, b) in enumerate(zip(w.text, w.chars, strict=True)):
        if ch not in _RULE_GLYPHS and not (ch in _RULE_GLYPHS_AT_ENDS and k in (0, last)):
            continue
        cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        near = np.abs(rules[:, 0] - cx) <= max(2.5, (b[2] - b[0]) / 2)
        if k in (0, last) and (ch in _RULE_GLYPHS_BESIDE or _phantom(w.chars, k)):
            # A bracket or bar at a word's end stands for a border just
            # outside the word's ink (measured: 8 px at 175 dpi), which the
            # LSTM saw but the word's box does not hold.
            reach = 0.6 * (w.box[3] - w.box[1])
            lo, hi = (w.box[0] - reach, b[2] + 2) if k == 0 else (b[0] - 2, w.box[2] + reach)
            near |= (rules[:, 0] >= lo) & (rules[:, 0] <= hi)
        if bool((near & (rules[:, 1] <= cy) & (rules[:, 2] >= cy)).any()):
            cut.append(k)
    if not cut:
        return [w]
    out = []
    bounds = [-1, *cut, len(w.chars)]
    for a, z in itertools.pairwise(bounds):
        if z - a <= 1:
            continue
        out.append(_part(w, a + 1, z))
    return out


# Form labels that noise in small print misreads ("ASE", "Ae", "ge" for AGE,
# "wet" for WGT, "CTZZ", "BNO." and "TRNO." for CB NO. and IR NO.). A
# misread label is no label to detection: its value goes unclaimed, and a
# misread label cell may even be taken as the previous label's value ("DATE OF
# BIRTH  wet  HGT": a DOB "wet", which verification then found again on the
# page and refused). So a short cell of its own that OCR was unsure of and that
# is one or two edits from one of these labels is read as that label. Values
# that look alike ("MEX" for SEX, a colour "BLN") are left as read: a value
# read as a label would go unredacted (see `_NOT_LABELS`).
_LABEL_WORDS = (
    "AGE", "SEX", "RACE", "DOB", "HGT", "WGT", "EYES", "HAIR", "POB", "CTZ", "SSN",
    "CB NO.", "IR NO.", "FBI NO.", "SID NO.", "RD NO.", "DL NO.", "TVDL NO.", "STAR NO.",
    "CB #", "IR #", "FBI #", "SID #", "RD #", "DL#/STATE",
)  # fmt: skip
_LABEL_KEYS = {re.sub(r"[^A-Z#]", "", label): label for label in _LABEL_WORDS}
# Short values printed in cells of their own: country codes, and the codes of
# sex, race, eye and hair colour. Never taken for a label.
_NOT_LABELS = frozenset(
    {c.alpha_3 for c in pycountry.countries}
    | set(
        "M F U X WHI BLK HIS ASI AMI WHT BLA BRO BLU GRN HAZ GRY GRA BLN BLD RED SDY "
        "BAL MUL PNK XXX UNK NONE MALE FEMALE WHITE BLACK BROWN BLUE GREEN HAZEL "
        "GRAY GREY BLOND BLONDE".split()
    )
)
# A gap wider than this many row heights parts two cells (a form's cells sit
# closer than pdf_text's column gap, 1.5, and a misread label glued to its
# value by the wider gap would be lost: "TX  CTZZ:  U.S."). A cell is in a
# sentence when a word next to it within the column gap ends or starts in lower
# case ("assistance of P,O. Raymond", a justified line): no label.
_CELL_GAP = 0.8
_PROSE_GAP = 1.5


def _label_key(text: str) -> str:
    # "¥" is a "#" as OCR reads it in small print ("CB¥ 56846146").
    return re.sub(r"[^A-Z#]", "", _fold(text.replace("¥", "#")))


def _is_label_cell(text: str) -> bool:
    return _label_key(text) in _LABEL_KEYS or form_labels.single_label(text) is not None


def _cells(words: Sequence[HocrWord]) -> list[list[int]]:
    """Indices of `words` grouped into cells: runs on one line with no wide gap.

    A word that starts inside the one before it is in its cell: Tesseract
    sometimes gives a garbled word the box of the words around it ("PATE" over
    all of "PATE OF BIRTH"), and the label was cut in two cells there."""
    cells: list[list[int]] = []
    prev: HocrWord | None = None
    for i, w in enumerate(words):
        height = max(1.0, w.above + w.below, w.box[3] - w.box[1])
        if (
            prev is not None
            and prev.line == w.line
            and prev.box[0] <= w.box[0] < prev.box[2] + _CELL_GAP * height
        ):
            cells[-1].append(i)
        else:
            cells.append([i])
        prev = w
    return cells


# "DATE OF BIRTH  10-JUN-1983  ee  36": in a row, a date (day, month and
# year), a short cell OCR could not read, and a number that can be an age at
# that birth year (the year plus it from 1990, the oldest report this service
# is meant for, to next year): the cell is the AGE label, however garbled
# ("ee", "Bee", "MS", "See", even a clean "SEX", whose value is no number; read
# sure only as one or two letters). An age OCR could not read either, one short
# word read unsure, last on its line, is that value. Without it the age is no labelled value.
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_DATE = re.compile(
    r"\d{1,2}[-/ .][A-Za-z]{3,9}\.?[-/ ,]+\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|"
    r"[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2}"
)
_AGE_VALUE = re.compile(r"\d{1,3}")
_AGE_DIGITS = str.maketrans("SsOoIlZB$", "550011285")
_OLDEST_REPORT = 1990


def _age_fits_birth_year(year: int, age: int) -> bool:
    """A person born in `year` is `age` in some year a report can have been written."""
    return _OLDEST_REPORT <= year + age <= datetime.date.today().year + 1


def _age_between(
    n: int, cells: Sequence[Sequence[int]], words: Sequence[HocrWord], texts: Sequence[str]
) -> bool:
    # The date's cell: a speck read as a cell of its own (":") may stand between.
    before = n - 1
    while before > 0 and not re.search(r"[A-Za-z0-9]", texts[before]):
        before -= 1
    if not 0 < n < len(cells) - 1:
        return False
    line = words[cells[n][0]].line
    if any(words[cells[k][0]].line != line for k in (before, n + 1)):
        return False
    run = [words[i] for i in cells[n]]
    letters = re.sub(r"[^A-Za-z]", "", texts[n])
    if (
        len(run) != 1
        # Read sure, a label of one or two letters is a garbled AGE as well ("a"),
        # and so is a longer one read in small letters where the form prints
        # capitals ("nee", "ote": no word of prose stands alone between a date
        # and a number); a longer one in capitals is some other label.
        or (run[0].conf >= LOW_CONFIDENCE and len(letters) > 2 and not letters.islower())
        or not 1 <= len(letters) <= 4
        or any(c.isdigit() for c in texts[n])
        or _label_key(texts[n]) == "AGE"
        # A value in a row of values ("17-FEB-1993  M  26") stays one.
        or letters.upper() in _NOT_LABELS
    ):
        return False
    # A date in words may be read as cells of its own ("May", "6,", "2000").
    date = " ".join(
        texts[k] for k in range(max(0, before - 2), before + 1) if words[cells[k][0]].line == line
    )
    year = _YEAR.findall(date)
    # The age with a letter read for a digit ("S7" for 57) counts as its digits.
    age = texts[n + 1].strip(" .,;:")
    if any(c.isdigit() for c in age):
        age = age.translate(_AGE_DIGITS)
    if not year:
        return _age_after_a_value(n, cells, words, texts, age)
    if len(year) != 1 or not _DATE.search(date):
        return False
    if not _AGE_VALUE.fullmatch(age):
        # The age itself garbled past reading ("et", "a4", "o?"): one short word
        # OCR was unsure of, where the age stands.
        # Last on its line: a garbled label ("SX" for SEX) has its value after it.
        value = [words[i] for i in cells[n + 1]]
        last = n + 2 >= len(cells) or words[cells[n + 2][0]].line != line
        return last and len(value) == 1 and value[0].conf < LOW_CONFIDENCE and 1 <= len(age) <= 3
    return _age_fits_birth_year(int(year[0]), int(age))


def _age_after_a_value(
    n: int,
    cells: Sequence[Sequence[int]],
    words: Sequence[HocrWord],
    texts: Sequence[str],
    age: str,
) -> bool:
    """No date before it: the garbled cell stands in a label's place ("SEX / RACE
    F / BLACK HISPANIC  a  44", label, value, label, value) and is followed, last on
    its line, by a number of two digits read sure. Read unsure or as one or two
    letters only: a longer word read sure is some other label."""
    line = words[cells[n][0]].line
    garbled = words[cells[n][0]]
    if garbled.conf >= LOW_CONFIDENCE and len(re.sub(r"[^A-Za-z]", "", texts[n])) > 2:
        return False
    value = [words[i] for i in cells[n + 1]]
    last = n + 2 >= len(cells) or words[cells[n + 2][0]].line != line
    if not (last and re.fullmatch(r"[1-9]\d", age) and min(w.conf for w in value) >= 80):
        return False
    k = n - 1
    while k >= 0 and words[cells[k][0]].line == line and not _is_label_cell(texts[k]):
        k -= 1
    return k >= 0 and k < n - 1 and words[cells[k][0]].line == line


def _age_under_a_birth_date(
    n: int, cells: Sequence[Sequence[int]], words: Sequence[HocrWord], texts: Sequence[str]
) -> bool:
    """An AGE label garbled past reading, first on its line, with the age alone after
    it, under the row that gives the date of birth ("ee  31" under "NAME (LAST, ...
    DATE OF BIRTH  08-01-1992", a grid's shaded label cells): one short word read
    unsure, no label and no value code; an age that fits the year of a date on the
    lines just above (within eight of its heights: a small label, under a row of
    two lines)."""
    if n + 1 >= len(cells):
        return False
    line = words[cells[n][0]].line
    run = [words[i] for i in cells[n]]
    value = [words[i] for i in cells[n + 1]]
    if (
        (n > 0 and words[cells[n - 1][0]].line == line)
        or words[cells[n + 1][0]].line != line
        or (n + 2 < len(cells) and words[cells[n + 2][0]].line == line)
        or len(run) != 1
        or len(value) != 1
        or run[0].conf >= LOW_CONFIDENCE
        or len(texts[n]) > 6
        or any(c.isdigit() for c in texts[n])
        or _label_key(texts[n]) == "AGE"
        or re.sub(r"[^A-Za-z]", "", texts[n]).upper() in _NOT_LABELS
    ):
        return False
    top, height = run[0].box[1], run[0].box[3] - run[0].box[1]
    years = [
        int(y)
        for k in range(n)
        if words[cells[k][0]].line != line
        and top - 8 * height < words[cells[k][0]].box[3] <= top
        and _DATE.search(texts[k])
        for y in _YEAR.findall(texts[k])
    ]
    if not years:
        return False
    # (An age read garbled, "2A", stays as read: taken as an age it may read as a
    # child's, and withhold the whole report as a juvenile record.)
    age = texts[n + 1].strip(" .,;:").translate(_AGE_DIGITS)
    return _AGE_VALUE.fullmatch(age) is not None and _age_fits_birth_year(years[-1], int(age))


def _in_sentence(words: Sequence[HocrWord], first: int, last: int) -> bool:
    """A word of prose is next to words[first..last] on its line (see _PROSE_GAP)."""
    w0, w1 = words[first], words[last]
    height = max(1.0, w0.above + w0.below, w0.box[3] - w0.box[1])
    if first > 0:
        prev = words[first - 1]
        if (
            prev.line == w0.line
            and w0.box[0] - prev.box[2] < _PROSE_GAP * height
            and prev.text[-1:].islower()
        ):
            return True
    if last + 1 < len(words):
        nxt = words[last + 1]
        if (
            nxt.line == w1.line
            and nxt.box[0] - w1.box[2] < _PROSE_GAP * height
            and nxt.text[:1].islower()
        ):
            return True
    return False


def correct_labels(words: Sequence[HocrWord]) -> list[HocrWord]:
    """`words` with misread label cells read as the label (see `_LABEL_WORDS`).

    Only a cell of one or two words, with a word read below LOW_CONFIDENCE,
    one edit from a label (two for the long ones), and nearest to exactly one.
    A cell in a value's place stays as read: right of a label on its line, or
    under a label (a grid's row of values under its row of labels).
    """
    cells = _cells(words)
    texts = [" ".join(words[i].text for i in cell) for cell in cells]
    boxes = [
        (
            words[cell[0]].box[0],
            min(words[i].box[1] for i in cell),
            words[cell[-1]].box[2],
            max(words[i].box[3] for i in cell),
        )
        for cell in cells
    ]
    fixes: dict[int, list[HocrWord]] = {}
    for n, cell in enumerate(cells):
        run = [words[i] for i in cell]
        text = texts[n]
        key = _label_key(text)
        if _age_between(n, cells, words, texts) or _age_under_a_birth_date(n, cells, words, texts):
            _relabel(fixes, cell, run, "AGE")
            continue
        if (
            len(run) > 2
            or _in_sentence(words, cell[0], cell[-1])
            or not 2 <= len(key) <= 9
            # Read right but for its marks ("DL#STATE"): the label as printed.
            or (key in _LABEL_KEYS and text.replace(" ", "") == _LABEL_KEYS[key].replace(" ", ""))
            or re.sub(r"[^A-Za-z0-9]", "", text).upper() in _NOT_LABELS
            or sum(c.isdigit() for c in text) > 1
        ):
            continue
        best: list[str] = []
        if min(w.conf for w in run) >= LOW_CONFIDENCE:
            # Read sure, a word is as read, but for a short one in capitals between
            # two labels of a header row whose value under it has one near
            # label's shape alone ("CTZ  BOB  EYES" over "... 2001-11-03 ...": DOB).
            if text.isupper() and len(key) <= 5:
                best = _label_in_header_row(key, n, cells, words, texts, boxes)
        else:
            # The nearest label, one edit away (two for long ones); a tie: as read.
            for d in (0, 1, 2):
                best = [
                    k
                    for k in _LABEL_KEYS
                    if _near(key, k, d) and (d < 2 or min(len(key), len(k)) > 5)
                ]
                if best:
                    break
            # Of labels as near, the one whose value is beside it ("ace  44": AGE, not RACE).
            best = [k for k in best if _fits_label(_LABEL_KEYS[k], key, n, cells, words, texts)]
            if not best:
                best = _label_in_header_row(key, n, cells, words, texts, boxes)
        if len(best) != 1 or _in_value_place(n, cells, words, texts, boxes):
            continue
        _relabel(fixes, cell, run, _LABEL_KEYS[best[0]])
    fixed = _with_fixes(words, fixes)
    for step in _word_repairs():
        fixed = step(fixed)
    return fixed


# The repairs of a page's words after the label cells, in this order.
def _word_repairs() -> tuple[Callable[[list[HocrWord]], list[HocrWord]], ...]:
    return (
        _split_word_ends,
        _name_last_glued,
        _labels_glued_to_values,
        _currency_signs_for_letters,
        _glued_articles,
        _born_misreads,
        _folded_words,
        _trailing_specks,
        _mixed_case_labels,
        _birth_date_labels,
        _birth_date_pob,
        _pob_read_rob,
        _long_labels_one_off,
        _number_labels_one_off,
        _label_slashes,
        _long_labels_glued,
        _plus_for_hash,
        _drop_specks_in_label_rows,
        _header_folds,
        _a_number_tails,
        _a_number_marks,
        _street_directions,
        _dashes,
        _glued_of,
        _role_codes,
        _label_colons,
    )


# "NAME (LAST," with its " (L" read as one letter, two or none ("NAMEGAST,", "NAMEAST,"),
# first on its line: no label as read, so the name beside it was no labelled value.
_NAME_LAST_GLUED = re.compile(r"NAME[^\s,]{0,2}AST,")


def _name_last_glued(words: list[HocrWord]) -> list[HocrWord]:
    fixes: dict[int, list[HocrWord]] = {}
    for i, w in enumerate(words):
        first = i == 0 or words[i - 1].line != w.line
        if first and _NAME_LAST_GLUED.fullmatch(w.text):
            fixes[i] = _as_label([w], "NAME (LAST,")
    return _with_fixes(words, fixes)


# A label glued to its value, the gap between them read too narrow ("ADDR.205 W.
# FOSTER AVE"): glued, neither the label nor the value's first word (the house
# number) is read as what it is, and the address went to no rule. A word that
# starts with a form label and its mark (".", ":", "#") and goes on with a digit
# is cut after the mark, each part over its own characters.
_GLUED_VALUE = re.compile(r"[A-Za-z][A-Za-z/]{1,11}[.:#](?=\d)")


def _labels_glued_to_values(words: list[HocrWord]) -> list[HocrWord]:
    out: list[HocrWord] = []
    for w in words:
        m = _GLUED_VALUE.match(w.text)
        if m is None or len(w.chars) != len(w.text) or not form_labels.single_label(m.group()):
            out.append(w)
            continue
        out += [_part(w, 0, m.end()), _part(w, m.end(), len(w.text))]
    return out


# Tesseract reads a capital E before digits as a pound sign ("PPT#: MEX
# £13342517"), or as both ("E£13342517."), and a Y as both a Y and a yen sign
# ("no. Y¥50507612."; a yen sign alone may be a "#", "CB ¥56846146"): an arrest
# report prints no pounds, and the number, its letter lost or doubled, escaped
# the passport pattern. The sign opening a word before six digits or more is
# the letter (one letter over both glyphs' boxes when both were read).
_CURRENCY_FOR_LETTER = re.compile(r"(?:E?£|Y¥)(?=\d{6})")


def _currency_signs_for_letters(words: list[HocrWord]) -> list[HocrWord]:
    out = []
    for w in words:
        m = _CURRENCY_FOR_LETTER.match(w.text)
        if m is None or len(w.chars) != len(w.text):
            out.append(w)
            continue
        glyphs = w.chars[: m.end()]
        letter = (
            min(c[0] for c in glyphs),
            min(c[1] for c in glyphs),
            max(c[2] for c in glyphs),
            max(c[3] for c in glyphs),
        )
        text = ("E" if "£" in m.group() else "Y") + w.text[m.end() :]
        out.append(replace(w, text=text, chars=(letter, *w.chars[m.end() :])))
    return out


def _part(w: HocrWord, a: int, z: int) -> HocrWord:
    """The word's characters a..z as a word of their own (one box per character)."""
    chars = w.chars[a:z]
    box = (min(c[0] for c in chars), w.box[1], max(c[2] for c in chars), w.box[3])
    return HocrWord(w.text[a:z], w.conf, box, chars, w.line, w.baseline, w.above, w.below)


# A word's last letter that Tesseract put at the start of another line of the
# same row, over or against the word's end ("born in Apatzingan, Mexic" and a
# line "0 (Mexican). She related ..."): the value loses its last letter, and its
# box stops short of it. One glyph whose box overlaps the end of a word of
# letters ending its own line, at its height, is that word's last letter (a
# digit read for a round letter: "0" is "o", "1" is "l").
_GLYPH_AS_LETTER = {"0": "o", "1": "l"}


def _split_word_ends(words: list[HocrWord]) -> list[HocrWord]:
    last: dict[int, int] = {}
    first: dict[int, int] = {}
    for i, w in enumerate(words):
        last[w.line] = i
        first.setdefault(w.line, i)
    ends = [i for i in last.values() if re.fullmatch(r"[^\W\d_]{3,}", words[i].text)]
    out = list(words)
    drop: set[int] = set()
    for line, i in first.items():
        w = words[i]
        letter = _GLYPH_AS_LETTER.get(w.text, w.text)
        if len(w.text) != 1 or not letter.isalpha():
            continue
        height = max(1.0, w.box[3] - w.box[1])
        for j in ends:
            v = out[j]
            if v.line == line or j in drop:
                continue
            overlap = min(v.box[3], w.box[3]) - max(v.box[1], w.box[1])
            if (
                overlap < 0.6 * min(height, v.box[3] - v.box[1])
                or not v.box[0] + 0.5 * (v.box[2] - v.box[0]) < w.box[0] <= v.box[2] + 0.15 * height
            ):
                continue
            glyph = letter.upper() if v.text.isupper() else letter.lower()
            box = (
                v.box[0],
                min(v.box[1], w.box[1]),
                max(v.box[2], w.box[2]),
                max(v.box[3], w.box[3]),
            )
            out[j] = replace(v, text=v.text + glyph, box=box, chars=(*v.chars, w.box))
            drop.add(i)
            break
    return [w for i, w in enumerate(out) if i not in drop]


# A label's slash read as a letter or a bar ("CITYICOUNTRY OF BIRTH", "EYESlHAIR",
# "HGT|WGT"): unknown to detection, the label is then taken as the value of the
# label before it, and its own value goes unclaimed. A cell that is no label as
# read, but one once such a glyph between two capitals is a slash, is that label.
# Or as a quote mark, the slash's top or foot alone ("CITY‘COUNTRY OF BIRTH"), or
# as a colon ("CITY:COUNTRY OF BIRTH").
_SLASH_MISREAD = re.compile(r"(?<=[A-Z])[Il1|‘’'`,:](?=[A-Z])")


def _label_slashes(words: list[HocrWord]) -> list[HocrWord]:
    out = list(words)
    for cell in _cells(words):
        text = " ".join(words[i].text for i in cell)
        if len(cell) > 4 or form_labels.single_label(text) is not None:
            continue
        for i in cell:
            w = words[i]
            for m in _SLASH_MISREAD.finditer(w.text):
                fixed = w.text[: m.start()] + "/" + w.text[m.end() :]
                candidate = " ".join(fixed if k == i else words[k].text for k in cell)
                if form_labels.single_label(candidate) is not None:
                    out[i] = replace(w, text=fixed)
                    break
                # ... and one more letter misread in that word ("CITYIGOUNTRY
                # OF BIRTH": the slash as I, the C as G).
                repaired = _one_letter_to_label(candidate, cell.index(i))
                if repaired is not None and len(repaired) == len(w.text):
                    out[i] = replace(w, text=repaired)
                    break
            if out[i] is not w:
                break
    return out


def _one_letter_to_label(cell: str, n: int) -> str | None:
    """Word n of `cell` with one letter changed, when that alone, and no other
    change of one letter, makes the cell a form label."""
    labels = {
        label
        for label in _one_edit_labels(cell.upper())
        if len(label) == len(cell) and label.split(" ")[:n] == cell.upper().split(" ")[:n]
    }
    if len(labels) != 1:
        return None
    words = cell.split(" ")
    label_words = labels.pop().split(" ")
    if len(label_words) != len(words) or any(
        a.upper() != b for k, (a, b) in enumerate(zip(words, label_words, strict=True)) if k != n
    ):
        return None
    return label_words[n]


def _label_in_header_row(
    key: str,
    n: int,
    cells: Sequence[Sequence[int]],
    words: Sequence[HocrWord],
    texts: Sequence[str],
    boxes: Sequence[tuple[float, float, float, float]],
) -> list[str]:
    """A short label misread by two letters between two labels of a header row
    ("CITIZENSHIP  wer  EYES" for WGT), known by the value printed under it
    ("181": WGT, not SEX). Without it the misread label is taken as the value of
    the label before it. Only labels whose value has a shape (see `_LABEL_VALUE`),
    and only one of them fitting."""
    line = words[cells[n][0]].line
    if not (
        len(key) >= 3
        # A label read as printed is that label ("CODE  NAME  RELATION" over
        # "MONTOYA BECERRA,": NAME, though the name has RACE's shape).
        and not _is_label_cell(texts[n])
        and 0 < n < len(cells) - 1
        and all(
            words[cells[k][0]].line == line and _is_label_cell(texts[k]) for k in (n - 1, n + 1)
        )
    ):
        return []
    x0, _, x1, y1 = boxes[n]
    height = max(1.0, y1 - boxes[n][1])
    below = [
        k
        for k, b in enumerate(boxes)
        if b[1] >= y1 - 0.3 * height
        and b[1] - y1 < 1.5 * height
        and min(b[2], x1) - max(b[0], x0) > 0
    ]
    if not below:
        return []
    value = texts[min(below, key=lambda k: boxes[k][1])].strip(" .,;:")
    return [
        k
        for k in _LABEL_KEYS
        if len(k) >= 3
        and _near(key, k, 2)
        and (shape := _LABEL_VALUE.get(_LABEL_KEYS[k])) is not None
        and shape.fullmatch(value) is not None
    ]


def _label_colons(words: list[HocrWord]) -> list[HocrWord]:
    """A label's colon read as a semicolon ("D.O.B.; 9/26/1971", "AGE; 49",
    "Birthdate; Nov. 13, 1982"): a colon, as printed, when a value follows on its
    line. A word in small letters is a label only as a short one ("age; 49"):
    "birthdate;" in a sentence is the sentence's."""
    out = list(words)
    for i, w in enumerate(words):
        if (
            len(w.text) > 1
            and w.text.endswith(";")
            and i + 1 < len(words)
            and words[i + 1].line == w.line
            and (
                _label_key(w.text[:-1]) in _LABEL_KEYS
                or (w.text[0].isupper() and form_labels.colon_label(w.text[:-1] + ":"))
            )
        ):
            out[i] = replace(w, text=w.text[:-1] + ":")
    return out


# A row's type code at the start of its line with its digit read as a letter or
# in small case ("Wl - TKACHENKO", "wi LUNGU, ADRIAN", "w2 ZHENG", "Vl:COLEMAN",
# "Vi: OLVERA"): "W1", "W2", "V1", as printed, so the row's role is the
# witness's or the victim's. Only before a name (a capital) or a separator; "WI"
# and "VI" as read (a state, a numeral) stay, and "Vi" before a name is a name
# ("Vi NGUYEN") unless a separator follows it.
_ROLE_CODE = re.compile(r"([VW][l|!\]i]|[vw][l|!\]i1-9])([:-]?)")
_ROLE_CODE_NEXT = re.compile(r"[-:]|[A-Z]")


def _role_codes(words: list[HocrWord]) -> list[HocrWord]:
    out = list(words)
    for i, w in enumerate(words):
        m = _ROLE_CODE.fullmatch(w.text)
        if (
            m is None
            or (i > 0 and words[i - 1].line == w.line)
            or i + 1 >= len(words)
            or words[i + 1].line != w.line
            or _ROLE_CODE_NEXT.match(words[i + 1].text) is None
        ):
            continue
        code = m.group(1)
        if (
            code[0].isupper()
            and code[1] == "i"
            and not (m.group(2) or words[i + 1].text in ("-", ":"))
        ):
            continue
        digit = code[1] if code[1].isdigit() else "1"
        out[i] = replace(w, text=code[0].upper() + digit + m.group(2))
    return out


# A form label whose words OCR glued at "OF" ("DATEOF BIRTH", "PLACEOFBIRTH"):
# its words apart, as printed, so detection knows the label.
_GLUED_OF = re.compile(
    # (a space read as a speck between them: "DATE.OF BIRTH")
    r"(DATE|PLACE|COUNTRY|CITY|TIME|ADDRESS)[.,]?(OF)"
    r"(BIRTH|ARREST|CITIZENSHIP|OFFENSE|OCCURRENCE)?([:.]?)"
)


# ... or glued to the word after it ("DATE OFBIRTH").
_GLUED_OF_AFTER = re.compile(r"(OF)(BIRTH|ARREST|CITIZENSHIP|OFFENSE|OCCURRENCE)([:.]?)")


def _glued_of(words: list[HocrWord]) -> list[HocrWord]:
    out: list[HocrWord] = []
    for k, w in enumerate(words):
        after = _GLUED_OF_AFTER.fullmatch(w.text)
        if (
            after is not None
            and k > 0
            and words[k - 1].line == w.line
            and _GLUED_OF.fullmatch(words[k - 1].text + "OF") is not None
        ):
            out += _as_label([w], f"{after.group(1)} {after.group(2)}{after.group(3)}")
            continue
        m = _GLUED_OF.fullmatch(w.text)
        if m is None or (m.group(3) is None and m.group(4)):
            out.append(w)
            continue
        parts = [m.group(1), m.group(2)] + ([m.group(3) + m.group(4)] if m.group(3) else [])
        out += _as_label([w], " ".join(parts))
    return out


# A typed " - " between a label and its value that OCR read as a dash run or a
# long dash ("IR# -— 6262081", "FBI# — 4372113PF1", "TEL =- 7798801888"): a
# hyphen, as printed, so the value is the label's as on a text page.
_DASH_RUN = re.compile(r"[-—–=]*[—–][-—–=]*|[-—–=]{2,3}")


def _dashes(words: list[HocrWord]) -> list[HocrWord]:
    out = list(words)
    for i in range(1, len(words) - 1):
        w = words[i]
        if words[i - 1].line != w.line or words[i + 1].line != w.line:
            continue
        # A lone "=" or "§" too, right after a form label ("DATE OF BIRTH =
        # 09-21-1996", "DATE OF BIRTH § 27-MAR-1957"): a dash or a border's speck,
        # no part of the value.
        if _DASH_RUN.fullmatch(w.text) is None and not (
            w.text in ("=", "§") and _label_ends_at(words, i - 1)
        ):
            continue
        out[i] = _as_label([w], "-")[0]
    return out


def _label_ends_at(words: Sequence[HocrWord], i: int) -> bool:
    """The one to four words of words[i]'s line ending at it are a form label."""
    for k in range(1, 5):
        run = words[max(0, i - k + 1) : i + 1]
        if len(run) < k or run[0].line != words[i].line:
            return False
        if form_labels.single_label(" ".join(w.text for w in run)) is not None:
            return True
    return False


# A street's direction between a house number and the street's name, with the
# "S" read as a dollar or section sign ("10208 S$. Austin Ave", "10969 $
# Cottage Grove", "1372 §. Oakley"): read as "S", so the address is one. The
# number may carry its label glued on ("RES:7630 S$. SPAULDING").
# "Ss." too: the S with a speck read as a second, small one.
_S_MISREAD = re.compile(r"(?:S?[$§]|[$§][Ss]|Ss(?=\.))(?=\.?,?$)")
_HOUSE_NUMBER = re.compile(r"(?:[A-Za-z.#]+:)?\d+")
# ... or read in small case ("of 4727 w." / "Touhy Ave."): the capital, so the
# address recognizers see a direction. The street's name may open the next line
# (or what OCR took for one: a speck may cut a printed line in two).
_SMALL_DIRECTION = re.compile(r"[nsew](?=\.?,?$)")
# A street named by its number ("2641 s. 49TH CT").
_ORDINAL_STREET = re.compile(r"\d{1,3}(?:ST|ND|RD|TH)\b", re.IGNORECASE)
# ... or with its full stop read as a comma ("3996 S, Cottage Grove").
_DIRECTION_COMMA = frozenset({"N,", "S,", "E,", "W,"})


# The last group of an A-number printed 3-3-3 with its 5 read as a sign, often
# where the number wraps ("alien registration no. A 261 505" / "$19."): the digit.
_A_TAIL_SIGN = re.compile(r"[$§](\d{2}[.,;]?)")
_A_FIRST_GROUP = re.compile(r"A[-#]?\d{3}")  # "A261": the prefix glued to the first group
_A_HEAD = re.compile(rf"A[-#]?|{_A_FIRST_GROUP.pattern}")


def _a_number_tails(words: list[HocrWord]) -> list[HocrWord]:
    out = list(words)
    for i in range(2, len(words)):
        m = _A_TAIL_SIGN.fullmatch(words[i].text)
        if (
            m is not None
            and re.fullmatch(r"\d{3}", words[i - 1].text)
            and (
                _A_FIRST_GROUP.fullmatch(words[i - 2].text)
                or (
                    i >= 3
                    and re.fullmatch(r"\d{3}", words[i - 2].text)
                    and _A_HEAD.fullmatch(words[i - 3].text)
                )
            )
        ):
            out[i] = replace(words[i], text="5" + m.group(1))
    return out


# "A#" with its "#" read as a thin letter or mark ("bore Ag 236-" over "508-522."),
# before the A-number's first group and its hyphen: the label as printed, so
# the number is the A-number's where it wraps too.
_A_HASH_READ = "[il1|!¥fFH]"  # the "#" of "A#" as OCR reads it (see `_A_CUE` too)
_A_MARK_MISREAD = re.compile(rf"A(?:{_A_HASH_READ}|g)")
_A_FIRST_DASHED = re.compile(r"\d{3}-(?:\d{3}-\d{3}[.,]?)?")


def _a_number_marks(words: list[HocrWord]) -> list[HocrWord]:
    out = list(words)
    for i, w in enumerate(words[:-1]):
        after = words[i + 1]
        if (
            _A_MARK_MISREAD.fullmatch(w.text)
            and after.line == w.line
            and _A_FIRST_DASHED.fullmatch(after.text)
        ):
            out[i] = replace(w, text="A#")
    return out


def _street_directions(words: list[HocrWord]) -> list[HocrWord]:
    out = list(words)
    for i in range(1, len(words) - 1):
        w, before, after = words[i], words[i - 1], words[i + 1]
        if (
            before.line != w.line
            or _HOUSE_NUMBER.fullmatch(before.text) is None
            or not (after.text[:1].isupper() or _ORDINAL_STREET.match(after.text))
        ):
            continue
        m = _S_MISREAD.match(w.text)
        if m is not None:
            out[i] = _as_label([w], "S" + w.text[m.end() :])[0]
        elif _SMALL_DIRECTION.match(w.text):
            out[i] = _as_label([w], w.text.upper())[0]
        elif w.text in _DIRECTION_COMMA:
            out[i] = _as_label([w], w.text[0] + ".")[0]
    return out


def _junk(run: Sequence[HocrWord], text: str) -> bool:
    alnum = [c for c in text if c.isalnum()]
    return (
        len(run) == 1
        and len(alnum) <= 2
        and not any(c.isdigit() for c in alnum)
        and run[0].conf < LOW_CONFIDENCE
    )


def _plus_for_hash(words: list[HocrWord]) -> list[HocrWord]:
    """A header's "#" read as "+" ("+ | NAME (LAST, FIRST) | BOOKING AKA | ..." over
    "+ | RACE"): a "+" alone in its cell, on a line with a label cell, is the "#"
    (an index column's label, or the end of "BOOKING #"). Read as "+", the row of
    labels was no table header, and the co-arrestees under it no rows."""
    cells = _cells(words)
    labelled = {
        words[cell[0]].line
        for cell in cells
        if _is_label_cell(" ".join(words[i].text for i in cell))
    }
    out = list(words)
    for cell in cells:
        if len(cell) == 1 and words[cell[0]].text == "+" and words[cell[0]].line in labelled:
            out[cell[0]] = replace(words[cell[0]], text="#")
    return out


def _drop_specks_in_label_rows(words: list[HocrWord]) -> list[HocrWord]:
    """A row of labels without the specks read in it ("RESIDENCE  a  CB NO.").

    A table's header row is known by its cells being all labels; noise read as
    a letter between two of them ("a", at low confidence) would make it no
    header, and the table's values would lose their columns. In a row of three
    labels or more whose only other cells are such specks, the specks go; but
    not a letter that ends the label above it, wrapped in a narrow cell ("AG"
    over "E": dropped, the AGE column was lost).
    """
    cells = _cells(words)
    by_line: dict[int, list[int]] = {}
    for n, cell in enumerate(cells):
        by_line.setdefault(words[cell[0]].line, []).append(n)
    drop: set[int] = set()
    for row in by_line.values():
        texts = {n: " ".join(words[i].text for i in cells[n]) for n in row}
        labels = [n for n in row if _is_label_cell(texts[n])]
        specks = [
            n
            for n in row
            if n not in labels
            and _junk([words[i] for i in cells[n]], texts[n])
            and not _ends_label_above(words, cells[n][0])
        ]
        if len(labels) >= 3 and specks and len(labels) + len(specks) == len(row):
            drop.update(i for n in specks for i in cells[n])
    return [w for i, w in enumerate(words) if i not in drop]


def _ends_label_above(words: Sequence[HocrWord], i: int) -> bool:
    """words[i] is the end of a label wrapped over two lines: the word right above
    it, starting where it starts, and it make a label."""
    w = words[i]
    return any(_just_under(v, w) and _is_label_cell(v.text + w.text) for v in words)


# Digits OCR read for letters where only letters are printed: a label marked by
# its colon ("D.0.B.:", "5EX:") whose fold (`_fold`) is a form label, a number
# label's "#" read as a yen sign ("CB¥"), and the
# month of a date ("DOB:0CT. 28, 1988", "12-N0V-1961") beside a number. Both
# went unread: the label was no label, and the date no date. Same length: each
# character keeps its box.
_MONTH_ZERO = re.compile(
    r"(?<![A-Za-z0-9])0(?=(?:CT|ct)(?:OBER|ober)?(?![A-Za-z]))|"
    r"(?<![A-Za-z0-9]N)(?<=N)0(?=(?:V|v)(?:EMBER|ember)?(?![A-Za-z]))|"
    r"(?<=n)0(?=v(?:ember)?(?![A-Za-z]))"
)


# The passport cue before its colon as OCR reads it: "PPT#:" with the T read as
# I, 1 or l, and the "#" as t, H, f or a yen sign. Same length: each character keeps
# its box. Only in capitals and before a colon, where a label stands.
_PASSPORT_CUE_MISREAD = re.compile(r"PP[TI1l|]([#tHf¥])?:")


_LOST_CAPITAL_I = re.compile(r"(\(?)[il1|]([a-z]{3,})([.,;:)]*)")
# ... or a nationality's ("Hyderabad, India (indian)."): the demonyms in I.
_I_DEMONYMS = frozenset(
    "icelandic indian indonesian iranian iraqi irish israeli italian ivorian".split()
)
# ... and any word's capital I read as a small l where no English word starts so:
# "l" before a consonant ("lbrahima", "lvan", "lsmael", "lt"); "ll" and "ly" are
# English starts ("llama", "lying"), so "lyer" for Iyer stays as read; and
# "lb", "lbs" are pounds.
_SMALL_L_FOR_I = re.compile(r"l(?!bs?\b)([bcdfgjkmnpqrstvwxz][a-z]*)([.,;:)'’s]*)")
# ... and after "born in", where a place's name starts in capitals, any "l" in
# front of small letters ("born in lloilo City": Iloilo).
_L_FOR_I_AFTER_BORN_IN = re.compile(r"l[a-z]{3,}[.,;:]*")


def _after_born_in(words: Sequence[HocrWord], i: int) -> bool:
    """words[i] comes right after "born in" on its line."""
    return (
        i >= 2
        and words[i - 1].line == words[i - 2].line == words[i].line
        and words[i - 2].text.casefold() == "born"
        and words[i - 1].text.casefold() == "in"
    )


# ... and a word's last small l read as a 1 after four small letters or more
# ("Nezahualcéyot1,"): no number is written so.
_ONE_FOR_L_AT_END = re.compile(r"([A-Z]?[^\W\d_A-Z]{4,})1([.,;:]?)")


# ... and an accented I read as a brace between two letters of a word ("MEJ{A"
# for MEJÍA, "Garc{a"): no word holds a brace, and the name, cut there, was
# found in two parts that left the brace's ink between them unredacted.
_BRACE_IN_WORD = re.compile(r"(?<=[A-Z])[{}](?=[A-Z])|(?<=[a-z])[{}](?=[a-z])")


def _brace_as_i(m: re.Match[str]) -> str:
    return "I" if m.string[m.start() - 1].isupper() else "i"


# ... and a date's leading 0 read as an opening bracket that nothing closes
# ("DOB (3-09-1961,"): no date as read.
_BRACKET_FOR_ZERO = re.compile(r"\((?=\d[-/.]\d{1,2}[-/.]\d{4}[,.;]?$)")


# ... and a phone's bracket read as a brace ("(630}582-7778"): the phone
# recognizer knew no such area code.
_BRACED_AREA_CODE = re.compile(r"[({](\d{3})[)}]")


# ... and a small l among capitals, which no word has ("(EWl)," for EWI, the
# acronym a status list holds as written): two capitals at least.
_SMALL_L_IN_CAPS = re.compile(
    r"([(\"'“]?)((?=(?:[A-Z]*l)+[A-Z]*(?![A-Za-z]))(?=(?:l*[A-Z]){2})[A-Zl]+)([.,;:)\"'”]*)"
)


_PLACE_AS_PI = re.compile(r"[PF]I[.,;]*")
_ORDINAL_I = re.compile(r"\d+[il]st[.,]?")
_ORDINAL_7H = re.compile(r"\d+7H[.,]?")


def _ordinal_ok(word: str) -> bool:
    """ "25TH" is an ordinal, "21TH" is not (its suffix is ST)."""
    digits = word[:-2]
    if len(digits) >= 2 and digits[-2] == "1":
        return True
    return digits[-1] not in "123"


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|ST|ND|RD|TH)\.?")
_ORDINAL_S = re.compile(r"(?=[S$]*\d)\d*[S$]\d*(?:st|nd|rd|th|ST|ND|RD|TH)[.,]?")
# ... and with every digit read so ("W. SSTH ST." for 55TH): only between a
# street's direction and its kind, where a 5th or 55th street stands.
_ORDINAL_ALL_S = re.compile(r"[S$]{1,2}(?:TH|th)[.,]?")
_ORDINAL_STREETS = frozenset("ST STREET AVE AVENUE PL PLACE RD ROAD DR DRIVE CT COURT".split())
# A street's kind read in small letters after a numbered street ("W. 55th st."): an
# address's suffix is printed capitalised, and "st" alone was no suffix.
_SMALL_STREET_KIND = re.compile(r"(?:st|ave|pl|rd|dr|ct|blvd)\.?[,;]?")
_DOLLAR_S = re.compile(r"[$§]\d{7,9}[.,;]?")
# A house number with a speck read as a colon or a full stop after it, before
# the street's direction ("of 578: S" / "Keeler Ave", "of 1614. N Drake Ave"):
# the address was found from the direction on, its number left unboxed. And an
# age so ("(47. y/o)"), before its unit.
_HOUSE_NUMBER_SPECK = re.compile(r"(\d{1,5})[:;.]")
_AGE_SPECK = re.compile(r"(\(?\d{1,3})[:;.,]")
_AGE_UNIT = re.compile(r"(?:y/o|y\.o\.|yo|yoa)[),.;]*", re.IGNORECASE)
_STREET_DIRECTION = re.compile(r"[NSEW]\.?|North|South|East|West|NORTH|SOUTH|EAST|WEST")
_NUMBER_CUE = re.compile(r"(?i:no\.?|#|passport|ppt)")
_MONTH_ABBREVIATIONS = "JAN FEB MAR APR JUN JUL AUG SEP SEPT OCT NOV DEC".split()
_MONTH_COMMA = re.compile(
    "(?:" + "|".join(m for a in _MONTH_ABBREVIATIONS for m in (a, a.title())) + "),"
)


def _month_o(m: re.Match[str]) -> str:
    """An "o" in small case inside a word in small case ("N0v" is "Nov")."""
    text, at = m.string, m.start()
    inside = at > 0 and text[at - 1].isalpha() and text[at + 1 : at + 2].islower()
    return "o" if inside else "O"


def _folded_words(words: list[HocrWord]) -> list[HocrWord]:
    out = list(words)
    for i, w in enumerate(words):
        text = w.text
        # "DOB:0CT." and "D.0.B.:": the label before its colon, if any; "D,O.B.:"
        # with a full stop read as a comma.
        stem, colon, rest = text.partition(":")
        if colon and stem and any(c in "0Q1|!5$8276," for c in stem):
            folded = _fold(stem).replace(",", ".")
            if form_labels.single_label(folded) is not None:
                text = folded + colon + rest
        # "PPIt:": the passport cue "PPT#" with its T read as I and its "#" as t.
        cue = _PASSPORT_CUE_MISREAD.fullmatch(text)
        if cue is not None:
            text = "PPT#:" if cue.group(1) else "PPT:"
        # "from india.": a country's capital I read in small case, as a digit or a bar.
        lost = _LOST_CAPITAL_I.fullmatch(text)
        if lost is not None and (
            _plain("I" + lost.group(2)) in _PLAIN_COUNTRY_SET
            or _plain("I" + lost.group(2)) in _I_DEMONYMS
        ):
            text = lost.group(1) + "I" + lost.group(2) + lost.group(3)
        elif _SMALL_L_FOR_I.fullmatch(text) is not None or (
            _L_FOR_I_AFTER_BORN_IN.fullmatch(text) is not None and _after_born_in(words, i)
        ):
            text = "I" + text[1:]
        text = _BRACE_IN_WORD.sub(_brace_as_i, text)
        text = _BRACED_AREA_CODE.sub(r"(\1)", text)
        text = _BRACKET_FOR_ZERO.sub("0", text)
        caps = _SMALL_L_IN_CAPS.fullmatch(text)
        if caps is not None:
            text = caps.group(1) + caps.group(2).replace("l", "I") + caps.group(3)
        one = _ONE_FOR_L_AT_END.fullmatch(text)
        if one is not None:
            text = one.group(1) + "l" + one.group(2)
        # "CB¥", "CB£": a number label's "#" read as a yen or pound sign; and a
        # pound sign alone (a header's "#" wrapped under "BOOKING"): no report
        # prints pounds sterling.
        yen = re.fullmatch(r"([A-Z]{2,4})[¥£]([:.]?)", text)
        if yen is not None and _label_key(yen.group(1) + "#") in _LABEL_KEYS:
            text = f"{yen.group(1)}#{yen.group(2)}"
        elif re.fullmatch(r"£[:.]?", text):
            text = "#" + text[1:]
        before = words[i - 1].text if i > 0 and words[i - 1].line == w.line else ""
        after = words[i + 1].text if i + 1 < len(words) and words[i + 1].line == w.line else ""
        # A numbered street's "Pl." read "PI." ("2915 W. 38th PI.,"), and an "S"
        # or "$" for a 5 in its number ("5Sth St").
        if _PLACE_AS_PI.fullmatch(text) and _ORDINAL.fullmatch(before):
            text = text[0] + "l" + text[2:]  # "2nd FI," is "2nd Fl,"
        elif _ORDINAL_S.fullmatch(text) or (
            _ORDINAL_ALL_S.fullmatch(text)
            and re.fullmatch(r"[NSEW]\.?", before)
            and after.rstrip(".,").upper() in _ORDINAL_STREETS
        ):
            text = re.sub(r"[S$]", "5", text)
        elif _ORDINAL_I.fullmatch(text):
            text = re.sub(r"[il](?=st)", "1", text)  # "5ist" is "51st"
        elif _SMALL_STREET_KIND.fullmatch(text) and _ORDINAL.fullmatch(before.rstrip(",")):
            text = text[0].upper() + text[1:]  # "55th st." is "55th St."
        elif _ORDINAL_7H.fullmatch(text):
            body = text.rstrip(".,")
            if _ordinal_ok(body[:-2] + "TH"):
                text = body[:-2] + "TH" + text[len(body) :]
        number = _HOUSE_NUMBER_SPECK.fullmatch(text)
        age = _AGE_SPECK.fullmatch(text)
        if number is not None and _STREET_DIRECTION.fullmatch(after):
            text = number.group(1)
        elif age is not None and _AGE_UNIT.fullmatch(after):
            text = age.group(1)
        # "U.8.": the S of "U.S." read as a look-alike digit or mark.
        if re.fullmatch(r"U\.[85$§]\.[,;]?", text):
            text = "U.S" + text[3:]
        # "Chicago, !L 60638": the state's I read as a mark, before the ZIP code.
        if text in ("!L", "|L", "1L") and re.fullmatch(r"\d{5}[.,;]?", after):
            text = "IL"
        # A passport number's S read "$" after its "no." ("passport no. $79980229.").
        if _DOLLAR_S.fullmatch(text) and _NUMBER_CUE.fullmatch(before):
            text = "S" + text[1:]
        # "DOB MAR, 25, 1986": a month's full stop read as a comma, before its day.
        if _MONTH_COMMA.fullmatch(text) is not None and re.fullmatch(r"\d{1,2},?", after):
            text = text[:-1] + "."
        month = _month_misread(text, words[i + 1 : i + 3], w.line)
        if month is not None:
            text = month
        if _MONTH_ZERO.search(text) is not None:
            line = [v.text for v in words[max(0, i - 1) : i + 2] if v.line == w.line]
            others = re.sub(r"0(?=[A-Za-z])", "", " ".join(line))
            if re.search(r"\d", others):
                text = _MONTH_ZERO.sub(_month_o, text)
        if text != w.text:
            out[i] = replace(w, text=text)
    return out


# A month's name in full one letter off ("DOB Apiil 24, 1994"), before a day and
# a year on its line: the date is read as no date without it. The same first
# letter and length, one letter wrong, and no other month as near. As printed, in
# the word's case; same length, so each character keeps its box.
_MONTHS = (
    "January February March April June July August September October November December"
).split()
_MONTH_WORD = re.compile(r"([A-Za-z]{5,9})([.,]?)")
_DAY_NUMBER = re.compile(r"\d{1,2},?")
_YEAR_WORD = re.compile(r"(?:19|20)\d\d[.,;)]?")


def _month_misread(text: str, next_two: Sequence[HocrWord], line: int) -> str | None:
    m = _MONTH_WORD.fullmatch(text)
    if (
        m is None
        or len(next_two) < 2
        or any(x.line != line for x in next_two)
        or not _DAY_NUMBER.fullmatch(next_two[0].text)
        or not _YEAR_WORD.fullmatch(next_two[1].text)
    ):
        return None
    word = m.group(1).lower()
    near = [
        month
        for month in _MONTHS
        if len(month) == len(word)
        and month[0].lower() == word[0]
        and sum(a != b for a, b in zip(word, month.lower(), strict=True)) == 1
    ]
    if len(near) != 1:
        return None
    month = near[0].upper() if m.group(1).isupper() else near[0]
    return month + m.group(2)


# A speck read as a dash after a word's comma ("born in LAREDO,- TX."): the
# place ends at no comma a recognizer knows; or as a full stop after a day
# before its month ("BIRTHDATE: 11. January 1995"). The mark goes from the
# text; the box still covers it.
_SPECK_AFTER_COMMA = re.compile(r"[^\W\d_]{2,},[-—–~]")
_DAY_STOP = re.compile(r"\d{1,2}\.")
_MONTH_NAME = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[.,]?", re.IGNORECASE
)


def _trailing_specks(words: list[HocrWord]) -> list[HocrWord]:
    out = list(words)
    for i, w in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) and words[i + 1].line == w.line else None
        if _SPECK_AFTER_COMMA.fullmatch(w.text) or (
            _DAY_STOP.fullmatch(w.text) and after is not None and _MONTH_NAME.fullmatch(after.text)
        ):
            chars = w.chars[:-1] if len(w.chars) == len(w.text) else w.chars
            out[i] = replace(w, text=w.text[:-1], chars=chars)
    return out


# A verb or preposition glued to the article after it ("he isa DACA recipient",
# "wasan", "released by DHS witha Notice to Appear"), or joined to it by a dash
# read in the space ("he has-an asylum case"): the lead of a status phrase ("is a
# DACA recipient") read as no word. Parted at the article, each part with its
# characters' boxes (the dash dropped).
# "age.28,": an age glued to its cue by a mark.
_GLUED_AGE = re.compile(r"(?i)(age)[.,:;](\d{1,3}[.,;]?)")
# "born in-San Pedro Sula": "in" glued to the place by a dash, after "born".
_GLUED_IN = re.compile(r"(in|IN)[-—–](\w[\w'’.-]*[.,]?)")
# ... or a dash read between a verb and "no" ("he has-no immigration papers").
_GLUED_ARTICLE = re.compile(r"(is|was|as|has|had|with|on|under)(?:(-?)(an?[.,]?)|(-)(no))")
# ... or a space read as a mark between a word and the short word after it, in
# small letters ("a tattoo of an anchor.on the face", "both hands.on"): a value's
# words glued so are found by no pattern that reads them apart.
_GLUED_BY_MARK = re.compile(
    r"([a-z]{3,})[.,](on|of|in|at|the|and|to|with|from|his|her|its|near)([.,;:]?)"
)
# ... and a house number glued to its street's direction by a speck ("2948.E.
# 79TH ST"): no house number as read, so no address.
_GLUED_DIRECTION = re.compile(r"(\d{1,5})[.,:;]([NSEW])(\.?,?)")


# In capitals, or capitalised, only after a subject in capitals ("SHE ISA DACA
# RECIPIENT", "SHE Isa / PAROLEE."): "ISA" and "Isa" are names too.
_GLUED_ARTICLE_CAPS = re.compile(r"(IS|WAS|HAS|HAD|Is|Was|Has|Had)(-?)(AN?[.,]?|an?[.,]?)")
_SUBJECTS = frozenset({"HE", "SHE", "THEY", "WHO", "THAT", "IT", "AND"})


def _glued_articles(words: list[HocrWord]) -> list[HocrWord]:
    out: list[HocrWord] = []
    for k, w in enumerate(words):
        m = _GLUED_ARTICLE.fullmatch(w.text)
        if m is None and k > 0 and words[k - 1].text in _SUBJECTS:
            m = _GLUED_ARTICLE_CAPS.fullmatch(w.text)
        parts: tuple[tuple[int, int], ...]
        if m is not None:
            parts = (m.span(1), m.span(3) if m.group(3) is not None else m.span(5))
        else:
            glued = _GLUED_AGE.fullmatch(w.text)
            if glued is None and k > 0 and words[k - 1].text.casefold() == "born":
                glued = _GLUED_IN.fullmatch(w.text)
            if glued is not None:
                parts = (glued.span(1), glued.span(2))
            else:
                by_mark = _GLUED_BY_MARK.fullmatch(w.text) or _GLUED_DIRECTION.fullmatch(w.text)
                parts = (by_mark.span(1), (by_mark.start(2), by_mark.end(3))) if by_mark else ()
        if not parts or len(w.chars) != len(w.text):
            out.append(w)
            continue
        for a, b in parts:
            chars = w.chars[a:b]
            box = (chars[0][0], w.box[1], chars[-1][2], w.box[3])
            out.append(replace(w, text=w.text[a:b], box=box, chars=chars))
    return out


# "born" with its "n" read as "ri" or its "rn" as "m" ("he was borri in San Juan,
# PR", "bom in Mexico"): the cue of a place of birth read as no word. Only right
# before "in"; the word's boxes shared out evenly over the letters.
_BORN_MISREAD = re.compile(r"(?i)bo(?:rri|ri|m|rm)")
# ... or its "b" read as "p" ("he was porn in"), after the verb before it.
_BORN_AS_P = re.compile(r"(?i)porn")
_BORN_VERBS = frozenset({"was", "were", "is", "been"})


def _born_misreads(words: list[HocrWord]) -> list[HocrWord]:
    out = list(words)
    for i, w in enumerate(words[:-1]):
        after = words[i + 1]
        before = words[i - 1].text.casefold() if i > 0 else ""
        if (
            after.line != w.line
            or after.text.casefold() != "in"
            or (
                _BORN_MISREAD.fullmatch(w.text) is None
                and (_BORN_AS_P.fullmatch(w.text) is None or before not in _BORN_VERBS)
            )
        ):
            continue
        born = "BORN" if w.text.isupper() else "Born" if w.text[0].isupper() else "born"
        out[i] = replace(w, text=born, chars=tuple(b for _, b in _even_split(born, w.box)))
    return out


# "DATE OF BIRTH" in small print garbled past one edit ("PATE OF BIRTH", "Dave OF
# Birth", "PATE OMAIRTH"), a date beside it: the date was no labelled value, and
# went unredacted. A cell of one to three words OCR was unsure of, read as eight
# letters or more (`_fold`), at most four edits from DATE OF BIRTH and nearer it
# than any other label of a date (an arrest's, a report's), followed on its line
# by a cell with a date in it, is that label.
_BIRTH_DATE_LABEL = "DATEOFBIRTH"
_OTHER_DATE_LABELS = (
    "DATEOFARREST", "ARRESTDATE", "DATEOFREPORT", "REPORTDATE", "DATEOFOCCURRENCE",
    "DATEOCCURRED", "DATEOFOFFENSE", "DATEOFINCIDENT", "DATEISSUED", "ISSUEDATE",
    "EXPIRATIONDATE", "DATETIME", "PLACEOFBIRTH",
)  # fmt: skip


def _cells_after(words: Sequence[HocrWord], cells: Sequence[list[int]], n: int) -> str:
    """The text of up to three cells after cell `n` on its line: a date's words
    may be read as cells of their own ("November  28,  1993")."""
    line = words[cells[n][0]].line
    after = [c for c in cells[n + 1 : n + 4] if words[c[0]].line == line]
    return " ".join(words[i].text for c in after for i in c)


def _birth_date_label_read(words: Sequence[HocrWord], cell: Sequence[int]) -> bool:
    """The cell's letters are all DATE OF BIRTH's, in capitals, with a speck among
    them ("DATE OF. BIRTH"), or one letter off ("PATEOFBIRTH", "ATE OF BIRTH"):
    that label however sure OCR was (no phrase is so read), with a date beside it."""
    text = " ".join(words[i].text for i in cell)
    key = re.sub(r"[^A-Z]", "", _fold(text))
    specked = key == _BIRTH_DATE_LABEL
    one_off = len(key) >= 10 and _near(key, _BIRTH_DATE_LABEL, 1)
    return text.isupper() and (specked or one_off)


def _birth_date_labels(words: list[HocrWord]) -> list[HocrWord]:
    cells = _cells(words)
    fixes: dict[int, list[HocrWord]] = {}
    for n, whole in enumerate(cells[:-1]):
        nxt = cells[n + 1]
        # The label may end a longer cell, the gap before it read narrow (the
        # value before it, a dash, "PATEOF BIRTH"): its last two or three words.
        tails = [whole] if len(whole) <= 3 else [whole[-3:], whole[-2:]]
        read = next((t for t in tails if _birth_date_label_read(words, t)), None)
        sure = read is not None
        cell = read if read is not None else tails[-1]
        run = [words[i] for i in cell]
        text = " ".join(w.text for w in run)
        key = re.sub(r"[^A-Z]", "", _fold(text))
        if (
            (len(whole) > 3 and not sure)
            or words[nxt[0]].line != run[0].line
            or (not sure and min(w.conf for w in run) >= LOW_CONFIDENCE)
            or len(key) < 8
            or (key == _BIRTH_DATE_LABEL and not sure)
            or form_labels.single_label(text) is not None
            or _DATE.search(_cells_after(words, cells, n)) is None
        ):
            continue
        dist = {
            k: next(d for d in range(len(key) + len(k) + 1) if _near(key, k, d))
            for k in (_BIRTH_DATE_LABEL, *_OTHER_DATE_LABELS)
        }
        if dist[_BIRTH_DATE_LABEL] > 4 or any(
            dist[k] <= dist[_BIRTH_DATE_LABEL] for k in _OTHER_DATE_LABELS
        ):
            continue
        _relabel(fixes, cell, run, "DATE OF BIRTH")
    return _with_fixes(words, fixes)


# "POB 26 JUL 1986": DOB with its D read as a P (their bowls alike on a scan).
# A place of birth is never a date: the date beside the label is the date of
# birth, and read as POB the label gave it to no rule (a date is no place).
_POB_WORD = re.compile(r"[Pp]\.?[O0o]\.?[Bb8]\.?(?P<tail>:?)")


def _on_line(line: int) -> Callable[[HocrWord], bool]:
    return lambda w: w.line == line


def _birth_date_pob(words: list[HocrWord]) -> list[HocrWord]:
    out = list(words)
    for i, w in enumerate(words):
        m = _POB_WORD.fullmatch(w.text)
        if m is None:
            continue
        after = [x.text for x in itertools.takewhile(_on_line(w.line), words[i + 1 : i + 5])]
        if _DATE.match(" ".join(after)):
            out[i] = replace(w, text="DOB" + m.group("tail"))
    return out


# "POB:" with its P read as an R ("ROB: Laredo, TX"): with its colon and a word
# opening with a capital after it on its line, the birthplace's label, not a verb.
_ROB_LABEL = re.compile(r"R\.?O\.?B\.?:")


def _pob_read_rob(words: list[HocrWord]) -> list[HocrWord]:
    out = list(words)
    for i, w in enumerate(words[:-1]):
        after = words[i + 1]
        if _ROB_LABEL.fullmatch(w.text) and after.line == w.line and after.text[:1].isupper():
            out[i] = replace(w, text="P" + w.text[1:])
    return out


# A protected label of ten letters or more read one letter off, in capitals
# ("PLACE OF BIRTA", "CITIZENSHTP"): no phrase is so read, however sure OCR was,
# and taken for a value, its own value went to no label. As printed.
_LONG_LABELS = {
    re.sub(r"[^A-Z]", "", label): label
    for label in ("PLACE OF BIRTH", "COUNTRY OF BIRTH", "CITIZENSHIP", "NATIONALITY")
}


# A label cell in capitals with a letter or two read in small case ("ScaRS /
# MARKS / TATTOOS", "PLACE OF BiRTH"): stand-alone labels are known in capitals
# only (a narrative's "Home" is no label), so the label was lost, and its value
# with it. A cell of five letters or more, three in four of them capitals, whose
# capitals are exactly one label: as printed, each word keeping its box.
_MIXED_CASE_CAPITALS = 0.75


def _mixed_case_labels(words: list[HocrWord]) -> list[HocrWord]:
    fixes: dict[int, list[HocrWord]] = {}
    for cell in _cells(words):
        run = [words[i] for i in cell]
        text = " ".join(w.text for w in run)
        letters = [c for c in text if c.isalpha()]
        if len(run) > 6 or len(letters) < 5 or text.upper() == text:
            continue
        if sum(c.isupper() for c in letters) < _MIXED_CASE_CAPITALS * len(letters):
            continue
        if any(len(w.text.upper()) != len(w.text) for w in run):
            continue
        if form_labels.single_label(text.upper()) is None:
            continue
        for i, w in zip(cell, run, strict=True):
            fixes[i] = [replace(w, text=w.text.upper())]
    return _with_fixes(words, fixes)


def _long_labels_one_off(words: list[HocrWord]) -> list[HocrWord]:
    return _long_label_cells(
        words, lambda text, key: [label for k, label in _LONG_LABELS.items() if _near(key, k, 1)]
    )


# A number label read one letter off at the start of its cell, before its mark
# and its number ("INO - 15442145", "fr No - 15442145" for "Ir No"): no label as
# read, so the number went to no rule. The one number label that a single
# letter's change makes of it, when the value after the mark has that label's
# shape (`_LABEL_VALUE`); as printed, with its mark.
_VALUE_MARKS = frozenset("-–—:")


def _number_labels_one_off(words: list[HocrWord]) -> list[HocrWord]:
    fixes: dict[int, list[HocrWord]] = {}
    for cell in _cells(words):
        run = [words[i] for i in cell]
        mark = next(
            (k for k, w in enumerate(run[:3]) if w.text in _VALUE_MARKS or w.text.endswith(":")),
            None,
        )
        if mark is None:
            continue
        colon = run[mark].text not in _VALUE_MARKS
        label_words = run[: mark + 1] if colon else run[:mark]
        value = run[mark + 1].text.strip(" .,;") if mark + 1 < len(run) else ""
        if not label_words or not value:
            continue
        reading = " ".join(w.text for w in label_words).rstrip(":").upper()
        if _is_label_cell(reading):
            continue
        near = {
            _LABEL_KEYS[key]
            for label in _one_edit_labels(reading)
            if (key := _label_key(label)) in _LABEL_KEYS and key.endswith(("NO", "#"))
        }
        if len(near) != 1:
            continue
        label = near.pop()
        shape = _LABEL_VALUE.get(label)
        if shape is not None and shape.fullmatch(value) is not None:
            text = label.rstrip(".") + (":" if colon else "")
            _relabel(fixes, cell[: len(label_words)], label_words, text)
    return _with_fixes(words, fixes)


def _long_labels_glued(words: list[HocrWord]) -> list[HocrWord]:
    """A protected long label read right but for a few garbled letters glued to
    its first word: "GITVICOUNTRY OF BIRTH" for "CITY/COUNTRY OF BIRTH", its
    slash lost and two letters misread (after `_label_slashes`, which gives
    such a cell back as printed when only its slash and one letter were
    misread). What the label asks is in the words read right, whatever came
    before them."""
    return _long_label_cells(
        words,
        lambda text, _key: [
            label for label in _LONG_LABELS.values() if _glued_after_garble(text, label)
        ],
    )


def _glued_after_garble(text: str, label: str) -> bool:
    first, *rest = label.split()
    words = text.rstrip(":.").split()
    if len(words) != len(rest) + 1 or words[1:] != rest:
        return False
    glued = words[0]
    return glued.endswith(first) and 2 <= len(glued) - len(first) <= 6


def _long_label_cells(
    words: list[HocrWord], labels_near: Callable[[str, str], list[str]]
) -> list[HocrWord]:
    """Each cell in capitals of ten letters or more that is no label as read, but
    that `labels_near(text, letters)` takes for exactly one long label: as printed."""
    fixes: dict[int, list[HocrWord]] = {}
    for cell in _cells(words):
        run = [words[i] for i in cell]
        text = " ".join(w.text for w in run)
        key = re.sub(r"[^A-Z]", "", _fold(text))
        if len(run) > 4 or not text.isupper() or len(key) < 10:
            continue
        near = labels_near(text, key)
        if len(near) != 1 or form_labels.single_label(text.rstrip(":.")) is not None:
            continue
        colon = ":" if text.endswith(":") else ""
        _relabel(fixes, cell, run, near[0] + colon)
    return _with_fixes(words, fixes)


# A mark a speck after a header label was read as ("PHONE,"); and how long a
# label one letter off is the label however sure OCR was (see _header_folds).
_HEADER_SPECKS = frozenset(",'`’")
_SURE_HEADER_LETTERS = 10


# A header row's label with a digit read for its letter or a letter in small
# case ("D.0.B.", "aG" over "E" for AGE): the table's header is known by every
# cell being a label, so one such cell cost the whole table its columns
# (measured: the co-arrestees' booking numbers, dates of birth and ages). In a
# row of three labels or more, a cell of one or two words whose reading folded
# to capitals (`_fold`) is a label, alone or with the word right under it (a
# label wrapped in a narrow cell), is that label as printed. Only a reading with
# the same number of characters: each keeps its box.
def _header_folds(words: list[HocrWord]) -> list[HocrWord]:
    cells = _cells(words)
    by_line: dict[int, list[int]] = {}
    for n, cell in enumerate(cells):
        by_line.setdefault(words[cell[0]].line, []).append(n)
    out = list(words)
    for row in by_line.values():
        texts = {n: " ".join(words[i].text for i in cells[n]) for n in row}
        if sum(_is_label_cell(texts[n]) for n in row) < 3:
            continue
        for n in row:
            cell = cells[n]
            folded = [_fold(words[i].text) for i in cell]
            # A speck after the label read as a comma or a quote ("PHONE,"): a
            # header cell holds no mark there, and the header was lost with it.
            if folded[-1][-1:] in _HEADER_SPECKS and form_labels.single_label(
                " ".join([*folded[:-1], folded[-1][:-1]])
            ):
                folded[-1] = folded[-1][:-1]
            joined = " ".join(folded)
            if (
                len(cell) > 2
                or joined == texts[n]
                or form_labels.single_label(texts[n]) is not None
                or not any(c.isalpha() for c in joined)
            ):
                continue
            if form_labels.single_label(joined) is None:
                below = _word_below(words, cell[0])
                if below is None or not any(
                    form_labels.single_label(joined + sep + _fold(below.text)) is not None
                    for sep in ("", " ")
                ):
                    continue
            for i, text in zip(cell, folded, strict=True):
                out[i] = replace(words[i], text=text)
        # A long label one letter off, read unsure ("SUVENILE" for JUVENILE): the
        # one label a single edit of its reading makes, if only one; only in a
        # row of labels alone (a value one letter from a label stays a value).
        # A short one too where small letters were read in the row's capitals
        # ("cope", "copE" for CODE), however sure: a header row prints no small
        # letters. And a label of ten letters or more, however sure
        # ("CO-ARRESTER" for CO-ARRESTEE): no value in a row of labels is one
        # letter from one so long.
        now = {n: " ".join(out[i].text for i in cells[n]) for n in row}
        for n in row:
            run = [words[i] for i in cells[n]]
            reading = texts[n]
            small = reading != reading.upper()
            long = sum(c.isalpha() for c in reading) >= _SURE_HEADER_LETTERS
            if (
                not all(_is_label_cell(now[k]) for k in row if k != n)
                or len(run) > 2
                or (min(w.conf for w in run) >= LOW_CONFIDENCE and not small and not long)
                or sum(c.isalpha() for c in reading) < (4 if small else 5)
                or _is_label_cell(reading)
                or form_labels.single_label(now[n]) is not None
            ):
                continue
            labels = _one_edit_labels(reading.upper())
            if len(labels) == 1:
                (label,) = labels
                fixed = _as_label(run, label)
                # Same words, same number: each takes its new text and box.
                if len(fixed) == len(run):
                    for i, w in zip(cells[n], fixed, strict=True):
                        out[i] = w
    return out


_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@functools.lru_cache(maxsize=8192)
def _one_edit_labels(reading: str) -> frozenset[str]:
    """The form labels one letter's change, insertion or deletion from `reading`
    (kept: a form's labels recur on every page and in both readings, and each
    call tries some fifty variants a letter against every label)."""
    found: set[str] = set()
    for k in range(len(reading) + 1):
        variants = [reading[:k] + c + reading[k:] for c in _ALPHABET]
        if k < len(reading) and reading[k].isalpha():
            variants += [reading[:k] + c + reading[k + 1 :] for c in _ALPHABET]
            variants.append(reading[:k] + reading[k + 1 :])
        found.update(v for v in variants if form_labels.single_label(v) is not None)
    return frozenset(found)


def _word_below(words: Sequence[HocrWord], i: int) -> HocrWord | None:
    """The word on the line right under words[i] that starts where it starts."""
    under = [v for v in words if _just_under(words[i], v)]
    return min(under, key=lambda v: v.box[1]) if under else None


def _just_under(upper: HocrWord, lower: HocrWord) -> bool:
    """`lower` is on a line right under `upper`'s and starts where it starts."""
    height = max(1.0, upper.box[3] - upper.box[1])
    return (
        lower.line != upper.line
        and -0.3 * height <= lower.box[1] - upper.box[3] < height
        and abs(lower.box[0] - upper.box[0]) < 0.6 * height
    )


# What the value right of a label looks like, where a label says: a misread
# "ae" before "+1 872-352-6114" is no AGE (it was PHONE). Labels not listed
# take any value.
_LABEL_VALUE = {
    "AGE": re.compile(r"\d{1,3}"),
    "SEX": re.compile(r"[MFUX]|MALE|FEMALE", re.IGNORECASE),
    "RACE": re.compile(r"[A-Za-z][A-Za-z /]*"),
    "DOB": re.compile(r".*\d.*"),
    "HGT": re.compile(r".*\d.*"),
    "WGT": re.compile(r"\d{2,3}(?: ?LBS?\.?)?", re.IGNORECASE),
    "SSN": re.compile(r"[\d -]{9,11}"),
    "CB NO.": re.compile(r"\d{6,}"),
    "CB #": re.compile(r"\d{6,}"),
    "IR NO.": re.compile(r"\d{5,}"),
    "IR #": re.compile(r"\d{5,}"),
    "FBI NO.": re.compile(r"\w*\d{4}\w*"),
    "FBI #": re.compile(r"\w*\d{4}\w*"),
    "SID NO.": re.compile(r"\w*\d{4}\w*"),
    "SID #": re.compile(r"\w*\d{4}\w*"),
}


def _fits_label(
    label: str,
    key: str,
    n: int,
    cells: Sequence[Sequence[int]],
    words: Sequence[HocrWord],
    texts: Sequence[str],
) -> bool:
    """A reading taken for `label` is one when the next cell on its line is
    another label (a row of labels) or a value of the label's shape; with no
    cell after it, only a reading of three letters or more, or the last of a
    row of labels."""
    line = words[cells[n][0]].line
    nxt = n + 1
    if nxt >= len(cells) or words[cells[nxt][0]].line != line:
        row = [k for k in (n - 2, n - 1) if k >= 0 and words[cells[k][0]].line == line]
        return len(key) >= 3 or (len(row) == 2 and all(_is_label_cell(texts[k]) for k in row))
    if _is_label_cell(texts[nxt]):
        return True
    shape = _LABEL_VALUE.get(label)
    return shape is None or shape.fullmatch(texts[nxt].strip(" .,;:")) is not None


def _in_value_place(
    n: int,
    cells: Sequence[Sequence[int]],
    words: Sequence[HocrWord],
    texts: Sequence[str],
    boxes: Sequence[tuple[float, float, float, float]],
) -> bool:
    """Cell `n` sits where a value does: right after a label cell, or under a
    header row's label (one followed on its line by another label, or by nothing;
    in a column of labels, each with its value to its right, a cell under a
    label is the next label)."""

    def on_line(a: int, b: int) -> bool:
        return 0 <= a < len(cells) and words[cells[a][0]].line == words[cells[b][0]].line

    # After two labels, or between two, it is in a row of labels ("DATE OF
    # BIRTH  wet  HGT", "PLACE OF BIRTH  HAIR  cz").
    if on_line(n - 1, n) and _is_label_cell(texts[n - 1]):
        return not any(on_line(k, n) and _is_label_cell(texts[k]) for k in (n - 2, n + 1))
    x0, y0, x1, y1 = boxes[n]
    height = max(1.0, y1 - y0)
    above = [
        k
        for k, b in enumerate(boxes)
        if k != n
        and b[3] <= y0 + 0.3 * height
        and y0 - b[3] < 2.5 * height
        and min(b[2], x1) - max(b[0], x0) > 0
    ]
    if not above:
        return False
    k = max(above, key=lambda a: boxes[a][3])
    if not _is_label_cell(texts[k]):
        return False
    nxt = k + 1
    header = (
        nxt >= len(cells)
        or words[cells[nxt][0]].line != words[cells[k][0]].line
        or _is_label_cell(texts[nxt])
    )
    return header


def _relabel(
    fixes: dict[int, list[HocrWord]], cell: Sequence[int], run: Sequence[HocrWord], label: str
) -> None:
    """Read the cell's words (`run`, at indices `cell`) as `label` (see `_with_fixes`)."""
    fixes[cell[0]] = _as_label(run, label)
    for i in cell[1:]:
        fixes[i] = []


def _with_fixes(words: Sequence[HocrWord], fixes: Mapping[int, list[HocrWord]]) -> list[HocrWord]:
    """`words` with each word at an index of `fixes` replaced by its fix."""
    return [r for i, w in enumerate(words) for r in fixes.get(i, [w])]


def _as_label(run: Sequence[HocrWord], label: str) -> list[HocrWord]:
    """The label's words over the cell's box, each as wide as its share of letters."""
    x0, x1 = run[0].box[0], run[-1].box[2]
    y0, y1 = min(w.box[1] for w in run), max(w.box[3] for w in run)
    parts = label.split()
    step = (x1 - x0) / max(1, sum(len(p) for p in parts) + len(parts) - 1)
    out = []
    at = x0
    for part in parts:
        box = (at, y0, at + step * len(part), y1)
        chars = tuple((at + k * step, y0, at + (k + 1) * step, y1) for k in range(len(part)))
        first = run[0]
        out.append(
            HocrWord(
                part, first.conf, box, chars, first.line, first.baseline, first.above, first.below
            )
        )
        at += step * (len(part) + 1)
    return out


def _mean_conf(words: Sequence[HocrWord]) -> float:
    total = sum(len(w.text) for w in words)
    if not total:
        return 0.0
    return sum(w.conf * len(w.text) for w in words) / total


def _sideways(words: Sequence[HocrWord]) -> bool:
    """Most text in words taller than wide: lines run down the image."""
    tall = sum(
        len(w.text) for w in words if len(w.text) >= 3 and w.box[3] - w.box[1] > w.box[2] - w.box[0]
    )
    return tall > 0.5 * max(1, sum(len(w.text) for w in words if len(w.text) >= 3))


def _poor(words: Sequence[HocrWord]) -> bool:
    return _mean_conf(words) < POOR_MEAN_CONFIDENCE or _sideways(words)


@dataclass(frozen=True, slots=True)
class _Reading:
    render: _Render
    rotation: int
    hocrs: tuple[str, ...]
    words: list[HocrWord]
    slope: float  # of the page's baselines (`_skew_slope` of `hocrs`)


def _read_all(
    engine: Tesseract,
    pool: ThreadPoolExecutor,
    renders: Sequence[_Render],
    dpis: Sequence[int],
    rotations: Sequence[int] | None = None,
) -> list[_Reading]:
    """Each render read band by band, all bands of all renders in parallel
    (`rotations`: how far each render was turned; none: upright)."""
    return _read_batches(pool, [(engine, renders, dpis, rotations)])[0]


_Batch = tuple[Tesseract, Sequence[_Render], Sequence[int], Sequence[int] | None]


def _read_batches(pool: ThreadPoolExecutor, batches: Sequence[_Batch]) -> list[list[_Reading]]:
    """`_read_all` of several batches (engine, renders, dpis, rotations) in one
    run of the pool, so that no core waits at the end of one batch for the
    last band of it while the next batch's bands are queued behind it."""
    jobs: list[tuple[int, int, int, bytes]] = []  # (batch, render, band offset, image)
    work: list[int] = []  # dark pixels of each band: Tesseract's time follows them
    for b, (_, renders, _, _) in enumerate(batches):
        for k, render in enumerate(renders):
            for y0, y1 in _bands(render.pixels):
                band = render.pixels[y0:y1]
                jobs.append((b, k, y0, _pgm(band)))
                work.append(int((band < 128).sum()))
    # The longest first, so that no long band starts last while a core idles.
    order = sorted(range(len(jobs)), key=lambda j: -work[j])

    def read(j: int) -> str:
        b, k, _, image = jobs[j]
        engine, _, dpis, _ = batches[b]
        return engine.hocr(image, dpis[k])

    by_job = dict(zip(order, pool.map(read, order), strict=True))
    return [
        _assemble(
            renders,
            rotations,
            [(k, y0, by_job[j]) for j, (bj, k, y0, _) in enumerate(jobs) if bj == b],
        )
        for b, (_, renders, _, rotations) in enumerate(batches)
    ]


def _assemble(
    renders: Sequence[_Render],
    rotations: Sequence[int] | None,
    bands: Sequence[tuple[int, int, str]],
) -> list[_Reading]:
    """Each render's reading from the hOCR of its bands (render, band offset, hOCR)."""
    out: list[tuple[list[str], list[HocrWord]]] = [([], []) for _ in renders]
    for k, _, hocr in bands:
        out[k][0].append(hocr)
    slopes = [_skew_slope(h) for h, _ in out]
    for n, (k, y0, hocr) in enumerate(bands):
        out[k][1].extend(parse_hocr(hocr, dy=y0, line_base=n * 100_000, page_slope=slopes[k]))
    turns = rotations if rotations is not None else [0] * len(renders)
    return [
        _Reading(render, rotation, tuple(h), w, slope)
        for render, rotation, (h, w), slope in zip(renders, turns, out, slopes, strict=True)
    ]


def ocr_pages(
    engine: Tesseract,
    pages: Sequence[pymupdf.Page],
    *,
    workers: int | None = None,
) -> list[PageOcr]:
    """Recognise several pages: rendering here (PyMuPDF), Tesseract in parallel."""
    if not pages:
        return []
    dpis = [page_dpi(p) for p in pages]
    with ThreadPoolExecutor(max_workers=_workers(workers)) as pool:
        renders = [_render(p, d, 0) for p, d in zip(pages, dpis, strict=True)]
        as_read = _read_all(engine, pool, renders, dpis)
        readings = _upright_readings(engine, pool, pages, dpis, renders, as_read)
    return [_to_page(p, rd, d) for p, rd, d in zip(pages, readings, dpis, strict=True)]


def ocr_pages_twice(
    engine: Tesseract,
    pages: Sequence[pymupdf.Page],
    *,
    workers: int | None = None,
) -> list[tuple[PageOcr, PageOcr]]:
    """Each page as `ocr_pages` reads it, and a second reading of the same
    image in black and white at the page's Otsu threshold (`binarized`),
    where the first lets Tesseract binarize with Sauvola's adaptive one.

    Why: a scan's misreads are mostly where noise, a speck or a cell's border
    meets the letters, and the two thresholds draw those letters differently.
    Measured on 60 scanned reports (seed 59595), each reading alone missed
    about 30 withheld values (Tesseract's own Otsu for the second), and only
    11 of them were missed by both; of the immigration-critical values, the
    Sauvola reading missed two birthplaces that the Otsu reading read, and
    the Otsu reading missed a birthplace and a citizenship that the Sauvola
    reading read. Detection runs on both readings and redacts what either
    found (`second_reading.merged`).

    The second reading uses the first's render and rotation (no second
    orientation search) and recovers unread ink the same way.

    Both readings' bands go to Tesseract in one run of the pool, and the second
    reading's unread ink is read while the first's is: a page's two bands are
    seldom of one length (1.2 and 0.4 s measured), and reading the second
    reading only once the first was done left a core idle for the difference,
    twice. A page the first reading turns is read a second time again, turned.
    """
    if not pages:
        return []
    dpis = [page_dpi(p) for p in pages]
    other = engine.with_threshold(OTSU)
    renders = [_render(p, d, 0) for p, d in zip(pages, dpis, strict=True)]
    with ThreadPoolExecutor(max_workers=_workers(workers)) as pool:
        as_read, seconds = _read_batches(
            pool,
            [(engine, renders, dpis, None), (other, [binarized(r) for r in renders], dpis, None)],
        )
        with ThreadPoolExecutor(max_workers=1) as side:
            recovered = side.submit(_recover_unread, other, pool, seconds, dpis)
            readings = _upright_readings(engine, pool, pages, dpis, renders, as_read)
            seconds = recovered.result()
        turned = [i for i, rd in enumerate(readings) if rd.rotation]
        if turned:
            again = _read_all(
                other,
                pool,
                [binarized(readings[i].render) for i in turned],
                [dpis[i] for i in turned],
                [readings[i].rotation for i in turned],
            )
            again = _recover_unread(other, pool, again, [dpis[i] for i in turned])
            for i, reading in zip(turned, again, strict=True):
                seconds[i] = reading
    return [
        (_to_page(p, rd, d), _to_page(p, sd, d))
        for p, rd, sd, d in zip(pages, readings, seconds, dpis, strict=True)
    ]


def _workers(workers: int | None) -> int:
    return max(1, workers or os.cpu_count() or 1)


def _upright_readings(
    engine: Tesseract,
    pool: ThreadPoolExecutor,
    pages: Sequence[pymupdf.Page],
    dpis: Sequence[int],
    renders: Sequence[_Render],
    as_read: Sequence[_Reading],
) -> list[_Reading]:
    """Each page read as it lies (`as_read`, from its upright `renders`), or turned
    as OSD says when that reads better."""
    readings = list(as_read)
    # Turned pages: ask OSD, render turned, read again; keep the better reading.
    poor = [i for i, rd in enumerate(readings) if _poor(rd.words)]
    if poor:
        turns = list(pool.map(lambda i: engine.orientation(_pgm(renders[i].pixels)), poor))
        retry: list[tuple[int, int]] = []
        for i, (rotate, conf) in zip(poor, turns, strict=True):
            if conf >= OSD_MIN_CONFIDENCE and rotate:
                retry.append((i, rotate))
            elif conf < OSD_MIN_CONFIDENCE:
                # OSD cannot tell: try upside down, the commonest misfeed.
                retry.append((i, 180))
        turned = [_render(pages[i], dpis[i], rot) for i, rot in retry]
        again = _read_all(
            engine, pool, turned, [dpis[i] for i, _ in retry], [rot for _, rot in retry]
        )
        for (i, _), reading in zip(retry, again, strict=True):
            if _better(reading.words, readings[i].words):
                readings[i] = reading
    return _recover_unread(engine, pool, readings, dpis)


# Text that the layout analysis left out. Measured on a scanned supplementary
# report (175 dpi, 1.4 degrees): Tesseract's page segmentation (--psm 3, with
# Sauvola's threshold) dropped a whole clear three-line paragraph, the
# arrestee's DOB, address, phone, IDs and tattoo, and returned no word for it;
# unread text is never redacted. So the ink no word accounts for is looked for,
# and rows of it that are as tall as a line of print are read again as one
# block (--psm 6), which read that paragraph in full.
_UNREAD_MIN_HEIGHT_IN = 0.06  # a band of unread ink at least this tall (inches)
_UNREAD_ROW_SHARE = 0.01  # a row counts when this share of its width is unread ink
_UNREAD_MIN_ROW_PX = 8
_UNREAD_RULE_IN = 0.125  # a horizontal dark run this long is a rule, not a glyph
_UNREAD_MIN_CONF = 50.0  # a word read in such a band below this is texture (a photo)
_UNREAD_LINE_BASE = 50_000_000  # line numbers apart from the bands' (see _read_all)


def _unread_ink(
    pixels: npt.NDArray[np.uint8],
    words: Sequence[HocrWord],
    dpi: int,
    *,
    grow: float = 0.5,
    rules: Sequence[tuple[float, float, float]] | None = None,
) -> npt.NDArray[np.bool_]:
    """Dark pixels that no word's box (grown by `grow` times its height and two
    pixels) accounts for, ruled borders aside (see `unread_bands`; `rules`: the
    page's `_page_rules`, when the caller has them already)."""
    dark = pixels < 128
    left = dark.copy()
    for word in words:
        x0, y0, x1, y1 = word.box
        pad = grow * (y1 - y0) + 2
        left[
            max(0, int(y0 - pad)) : max(0, math.ceil(y1 + pad)),
            max(0, int(x0 - pad)) : max(0, math.ceil(x1 + pad)),
        ] = False
    edges = np.diff(np.pad(left, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    starts = np.argwhere(edges == 1)
    ends = np.argwhere(edges == -1)
    rule = (ends[:, 1] - starts[:, 1]) > _UNREAD_RULE_IN * dpi
    for (row, a), (_, b) in zip(starts[rule].tolist(), ends[rule].tolist(), strict=True):
        left[row, a:b] = False
    for x, y0, y1 in _page_rules(pixels, dpi) if rules is None else rules:
        left[int(y0) : int(y1) + 1, max(0, int(x) - 2) : int(x) + 3] = False
    return left


def _page_rules(pixels: npt.NDArray[np.uint8], dpi: int) -> list[tuple[float, float, float]]:
    """The ruled cell borders of a page rendered at `dpi` (`pixel_rules`)."""
    return pixel_rules(pixels, round(_MIN_RULE_PT * dpi / 72.0))


def unread_bands(
    pixels: npt.NDArray[np.uint8], words: Sequence[HocrWord], dpi: int
) -> list[tuple[int, int]]:
    """Row ranges (y0, y1) of ink that no recognised word accounts for.

    Each word's box, grown by half its height (antialiasing, accents, a
    speck beside it), accounts for its ink; ruled borders (long horizontal
    runs, and the vertical rules of `pixel_rules`) are no text.
    """
    return _bands_of(_unread_ink(pixels, words, dpi), dpi)


def _bands_of(left: npt.NDArray[np.bool_], dpi: int) -> list[tuple[int, int]]:
    w = left.shape[1]
    rows = left.sum(axis=1) >= max(_UNREAD_MIN_ROW_PX, _UNREAD_ROW_SHARE * w)
    bands: list[tuple[int, int]] = []
    start: int | None = None
    for y, on in enumerate([*rows.tolist(), False]):
        if on and start is None:
            start = y
        elif not on and start is not None:
            if y - start >= _UNREAD_MIN_HEIGHT_IN * dpi:
                bands.append((start, y))
            start = None
    return bands


# A short word Tesseract dropped from a line it read ("PLACE OF BIRTH  Rockford,"
# with the "IL" after it unread, measured): its thin strokes are too little ink
# for a row of the page (two pixels a row), but beside the line's words it is
# ink nearly as tall as they are. Looked for between the line's words and up to
# four line heights either side of them.
_DROPPED_REACH = 4.0
_DROPPED_TALL = 0.5  # of the line's height, the ink's rows
# At most this many read again per page: a page of noise (a photo, a smudge)
# must not cost a Tesseract run per speck.
_DROPPED_MAX = 24


def dropped_words(
    pixels: npt.NDArray[np.uint8], words: Sequence[HocrWord], dpi: int
) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of unread ink beside the words of a line, as tall
    as a word nearly (see above)."""
    return _dropped_of(_unread_ink(pixels, words, dpi), words)


def _dropped_of(
    left: npt.NDArray[np.bool_], words: Sequence[HocrWord]
) -> list[tuple[int, int, int, int]]:
    lines: dict[int, list[HocrWord]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    out: list[tuple[int, int, int, int]] = []
    for ws in _side_by_side(list(lines.values())):
        y0 = int(min(v.box[1] for v in ws))
        y1 = math.ceil(max(v.box[3] for v in ws))
        # The tilt makes a long line's rows span more than a word's height
        # (35 px against its words' 22): glyphs are measured against a word's.
        height = min(y1 - y0, round(float(np.median([v.box[3] - v.box[1] for v in ws]))))
        if height < _UNREAD_MIN_ROW_PX:
            continue
        x0 = max(0, int(min(v.box[0] for v in ws) - _DROPPED_REACH * height))
        x1 = math.ceil(max(v.box[2] for v in ws) + _DROPPED_REACH * height)
        region = left[y0:y1, x0:x1]
        out += _glyph_boxes(region, x0, y0, height)
    # A short row of a form read not at all ("AGE  31" between two rows it
    # read): ink as tall as a line of the page in a gap between its lines.
    spans = sorted(
        (int(min(v.box[1] for v in ws)), math.ceil(max(v.box[3] for v in ws)))
        for ws in lines.values()
    )
    if not spans:
        return out
    line_height = float(np.median([b - a for a, b in spans]))
    bottom = 0
    for a, b in spans:
        if a - bottom >= _DROPPED_TALL * line_height:
            rows = np.flatnonzero(left[bottom:a].any(axis=1))
            # Runs of rows with ink, parted by a blank row or two.
            for run in np.split(rows, np.flatnonzero(np.diff(rows) > 2) + 1) if rows.size else []:
                r0, r1 = bottom + int(run[0]), bottom + int(run[-1]) + 1
                if _DROPPED_TALL * line_height <= r1 - r0 <= 2 * line_height:
                    out += _glyph_boxes(left[r0:r1], 0, r0, r1 - r0)
        bottom = max(bottom, b)
    return out


def _side_by_side(lines: list[list[HocrWord]]) -> list[list[HocrWord]]:
    """`lines` with those Tesseract read apart on one row of the page joined: a
    grid row's cells come back as lines of their own ("57" and "202"), and a
    value dropped from a cell between them ("PAK" under CTZ, measured: clear
    print, read by neither reading) lay beyond the reach of both. A line joins
    a row when it overlaps the rows all the row's lines share (not their union,
    which a chain of tilted lines would grow down the page) by half the shorter
    height at least."""
    rows: list[tuple[float, float, list[HocrWord]]] = []  # shared rows, lines
    for ws in sorted(lines, key=lambda ws: min(v.box[1] for v in ws)):
        y0, y1 = min(v.box[1] for v in ws), max(v.box[3] for v in ws)
        if rows:
            c0, c1, row = rows[-1]
            if min(c1, y1) - max(c0, y0) >= 0.5 * min(c1 - c0, y1 - y0):
                rows[-1] = (max(c0, y0), min(c1, y1), [*row, *ws])
                continue
        rows.append((y0, y1, list(ws)))
    return [row for _, _, row in rows]


def _glyph_boxes(
    region: npt.NDArray[np.bool_], x0: int, y0: int, height: int
) -> list[tuple[int, int, int, int]]:
    """Boxes of the glyph groups in `region` (a line's rows, its left edge at x0
    and top at y0 on the page): runs of columns with ink parted by half the
    height, whose ink spans half the rows at least and is a stroke as tall."""
    out: list[tuple[int, int, int, int]] = []
    ink = np.flatnonzero(region.any(axis=0))
    if not ink.size:
        return out
    for cols in np.split(ink, np.flatnonzero(np.diff(ink) > 0.5 * height) + 1):
        glyphs = region[:, cols[0] : cols[-1] + 1]
        tall = int(glyphs.any(axis=1).sum())
        if tall >= _DROPPED_TALL * height and int(glyphs.sum()) >= height:
            out.append((x0 + int(cols[0]), y0, x0 + int(cols[-1]) + 1, y0 + region.shape[0]))
    return out


def _merged_on_rows(
    boxes: Sequence[tuple[int, int, int, int]],
) -> list[tuple[int, int, int, int]]:
    """`boxes` with those that overlap one another merged into one: the glyph
    groups of one dropped word ("(T" and "PS)." beside it, each found in the
    rows of its own line) are read as one image."""
    out: list[list[int]] = []
    for box in sorted(boxes):
        # (in order of their left edges: a box overlaps one already met, or none)
        into = next((m for m in out if box[0] <= m[2] and box[1] < m[3] and m[1] < box[3]), None)
        if into is None:
            out.append(list(box))
        else:
            into[1], into[2], into[3] = (
                min(into[1], box[1]),
                max(into[2], box[2]),
                max(into[3], box[3]),
            )
    return [(a, b, c, d) for a, b, c, d in out]


def _recover_unread(
    engine: Tesseract, pool: ThreadPoolExecutor, readings: list[_Reading], dpis: Sequence[int]
) -> list[_Reading]:
    """Each reading plus the words of its unread bands (see `unread_bands`)."""
    jobs: list[tuple[int, int, bytes]] = []  # (reading, strip offset, image)
    # (reading, x and y offset, pixels)
    crops: list[tuple[int, int, int, npt.NDArray[np.uint8]]] = []
    for k, (rd, dpi) in enumerate(zip(readings, dpis, strict=True)):
        pixels = rd.render.pixels
        rules = _page_rules(pixels, dpi)
        left = _unread_ink(pixels, rd.words, dpi, rules=rules)
        bands = _bands_of(left, dpi)
        dropped = [
            box
            for box in _dropped_of(left, rd.words)[:_DROPPED_MAX]
            if not any(a < box[3] and box[1] < b for a, b in bands)  # read with its band
        ]
        # The unread ink alone on white, with a margin of a line's height: the
        # cell's borders and shading beside it read as noise. But the ink as
        # the words' own boxes leave it, not as their grown boxes do: a word
        # dropped between words on the lines above and below and one beside
        # it ("Status (TPS). She") kept only the middle rows of its glyphs
        # under the grown boxes, found, but read as nothing.
        tight = _unread_ink(pixels, rd.words, dpi, grow=0.0, rules=rules) if dropped else left
        for gx0, gy0, gx1, gy1 in _merged_on_rows(dropped):
            reach = (gy1 - gy0) // 4
            gy0, gy1 = max(0, gy0 - reach), min(pixels.shape[0], gy1 + reach)
            margin = gy1 - gy0
            glyphs = np.where(tight[gy0:gy1, gx0:gx1], pixels[gy0:gy1, gx0:gx1], 255)
            crop = np.pad(glyphs.astype(np.uint8), margin, constant_values=255)
            crops.append((k, gx0 - margin, gy0 - margin, crop))
        for y0, y1 in bands:
            pad = (y1 - y0) // 2 + 4
            top, bottom = max(0, y0 - pad), min(pixels.shape[0], y1 + pad)
            strip = pixels[top:bottom].copy()
            # Words already read are blanked, so that nothing is read twice.
            for word in rd.words:
                x0, wy0, x1, wy1 = word.box
                if wy1 < top or wy0 > bottom:
                    continue
                strip[
                    max(0, int(wy0) - top - 1) : max(0, math.ceil(wy1) - top + 1),
                    max(0, int(x0) - 1) : max(0, math.ceil(x1) + 1),
                ] = 255
            jobs.append((k, top, _pgm(strip)))
    if not jobs and not crops:
        return readings
    # A reading's crops go to Tesseract as one image, stacked (each crop is
    # already white around its ink): one process start instead of one per crop.
    stacks = _stack_crops(crops)
    done = list(pool.map(lambda j: engine.hocr(j[2], dpis[j[0]], psm=6), jobs))
    done_stacks = list(pool.map(lambda j: engine.hocr(_pgm(j[1]), dpis[j[0]], psm=6), stacks))
    extra: list[list[HocrWord]] = [[] for _ in readings]
    for n, ((k, top, _), hocr) in enumerate(zip(jobs, done, strict=True)):
        base = _UNREAD_LINE_BASE + n * 100_000
        extra[k] += [
            w
            for w in parse_hocr(hocr, dy=top, line_base=base, page_slope=readings[k].slope)
            if w.conf >= _UNREAD_MIN_CONF and any(c.isalnum() for c in w.text)
        ]
    for n, ((k, _, places), hocr) in enumerate(zip(stacks, done_stacks, strict=True)):
        base = _UNREAD_LINE_BASE + (len(jobs) + n) * 100_000
        for w in parse_hocr(hocr, line_base=base, page_slope=readings[k].slope):
            if w.conf < _UNREAD_MIN_CONF or not any(c.isalnum() for c in w.text):
                continue
            # The crop the word was read in, by its middle row: back to its place.
            mid = (w.box[1] + w.box[3]) / 2
            place = next((p for p in places if p[0] <= mid < p[1]), None)
            if place is not None:
                extra[k].append(_shifted(w, place[2], place[3] - place[0]))
    return [
        replace(rd, words=[*rd.words, *more]) if more else rd
        for rd, more in zip(readings, extra, strict=True)
    ]


def _shifted(w: HocrWord, dx: float, dy: float = 0.0) -> HocrWord:
    """`w` moved right by dx and down by dy pixels (read from a crop of the page)."""
    x0, y0, x1, y1 = w.box
    chars = tuple((a + dx, b + dy, c + dx, d + dy) for a, b, c, d in w.chars)
    return replace(
        w, box=(x0 + dx, y0 + dy, x1 + dx, y1 + dy), chars=chars, baseline=w.baseline + dy
    )


def _stack_crops(
    crops: Sequence[tuple[int, int, int, npt.NDArray[np.uint8]]],
) -> list[tuple[int, npt.NDArray[np.uint8], list[tuple[int, int, int, int]]]]:
    """Per reading, its crops stacked top to bottom in one white image, with
    where each went: (row start, row end, x offset, y offset on the page)."""
    by_reading: dict[int, list[tuple[int, int, npt.NDArray[np.uint8]]]] = {}
    for k, dx, top, pixels in crops:
        by_reading.setdefault(k, []).append((dx, top, pixels))
    out = []
    for k, parts in by_reading.items():
        width = max(p.shape[1] for _, _, p in parts)
        image = np.full((sum(p.shape[0] for _, _, p in parts), width), 255, dtype=np.uint8)
        places = []
        row = 0
        for dx, top, pixels in parts:
            h, w = pixels.shape
            image[row : row + h, :w] = pixels
            places.append((row, row + h, dx, top))
            row += h
        out.append((k, image, places))
    return out


def _better(new: Sequence[HocrWord], old: Sequence[HocrWord]) -> bool:
    if _sideways(old) and not _sideways(new):
        return True
    if _sideways(new) and not _sideways(old):
        return False
    return _mean_conf(new) > _mean_conf(old) + 5.0


# Darker than this is a glyph's ink (paper, scan noise and light shading are lighter).
_GLYPH_INK = 128


def _ink_ends(
    words: Sequence[HocrWord], pixels: npt.NDArray[np.uint8]
) -> list[tuple[float, float]]:
    """Each word's left and right ends (pixels), moved out over ink they cut through.

    Tesseract's boxes come from its LSTM and can fall short of the glyphs: an
    "a" read at confidence 95 had a box 1.6 pt wide, 3.5 pt right of where its
    ink began, and the redaction box of "a DACA recipient" left half the "a"
    standing. A box edge with ink in the next column out moves out while the
    columns (over the word's own rows) stay inked, across gaps of two fifths of its
    box's height: at most a character's width or half the row's height, and never
    past the next word of its line.
    """
    height, width = pixels.shape[:2]
    ends = [(w.box[0], w.box[2]) for w in words]
    lines: dict[int, list[int]] = {}
    for i, w in enumerate(words):
        lines.setdefault(w.line, []).append(i)
    for members in lines.values():
        members.sort(key=lambda i: words[i].box[0])
        for k, i in enumerate(members):
            x0, y0, x1, y1 = words[i].box
            reach = max((x1 - x0) / max(1, len(words[i].text)), (y1 - y0) / 2)
            # An end character whose box is a sliver (under a third of a
            # character) was placed where its glyph is not: "A LAWFUL" read as one
            # word "ALAWFUL", its "A" a 1 px box at the "L", the "A" itself a
            # space further out. Its side reaches two characters.
            chars = words[i].chars
            per_char = (x1 - x0) / max(1, len(words[i].text))
            far_left = 2 if chars and (chars[0][2] - chars[0][0]) * 3 < per_char else 1
            far_right = 2 if chars and (chars[-1][2] - chars[-1][0]) * 3 < per_char else 1
            lo = max(0, math.floor(x0 - reach * far_left))
            hi = min(width, math.ceil(x1 + reach * far_right))
            if k > 0:
                lo = max(lo, math.ceil(words[members[k - 1]].box[2]))
            if k + 1 < len(members):
                hi = min(hi, math.floor(words[members[k + 1]].box[0]))
            r0, r1 = max(0, math.floor(y0)), min(height, math.ceil(y1))
            if hi - lo < 2 or r1 <= r0:
                continue
            inked: npt.NDArray[np.bool_] = np.asarray(
                (pixels[r0:r1, lo:hi] < _GLYPH_INK).any(axis=0)
            )
            # A mark OCR did not read stands a hair apart ("Potosi" read, its "í,"
            # comma not, at a wrapped value's line end): a gap this narrow is
            # crossed.
            gap = max(2, round(0.4 * (r1 - r0)))
            left = min(max(math.floor(x0), lo), hi)
            at = left
            while at > lo and (
                inked[at - 1 - lo] or inked[max(0, at - 1 - gap - lo) : at - 1 - lo].any()
            ):
                at -= 1
                if inked[at - lo]:
                    left = at
            right = max(min(math.ceil(x1), hi), lo)
            at = right
            while at < hi and (inked[at - lo] or inked[at - lo + 1 : at - lo + 1 + gap].any()):
                at += 1
                if inked[at - 1 - lo]:
                    right = at
            ends[i] = (min(x0, float(left)), max(x1, float(right)))
    return ends


def _to_page(page: pymupdf.Page, reading: _Reading, dpi: int, *, labels: bool = True) -> PageOcr:
    render = reading.render
    # Pixels to unrotated page space, as one affine map applied here: through
    # PyMuPDF's Rect and Matrix objects it was a tenth of a scanned page's Python.
    ma, mb, mc, md, me, mf = (float(v) for v in ~render.matrix * page.derotation_matrix)
    ox, oy = render.origin
    zoom = dpi / 72.0
    theta = math.atan(reading.slope)
    cos, sin = math.cos(theta), math.sin(theta)
    cx, cy = render.size[0] / 2, render.size[1] / 2
    along = _PAD_PX + _PAD_ALONG_PT * zoom

    def to_page(b: tuple[float, float, float, float]) -> Rect:
        x0, y0 = b[0] - along + ox, b[1] - _PAD_PX + oy
        x1, y1 = b[2] + along + ox, b[3] + _PAD_PX + oy
        # The box's corners mapped, and the box around them (as Rect * Matrix).
        xs = (ma * x0 + mc * y0, ma * x1 + mc * y0, ma * x0 + mc * y1, ma * x1 + mc * y1)
        ys = (mb * x0 + md * y0, mb * x1 + md * y0, mb * x0 + md * y1, mb * x1 + md * y1)
        return Rect(min(xs) + me, min(ys) + mf, max(xs) + me, max(ys) + mf)

    def deskew(x: float, y: float) -> tuple[float, float]:
        dx, dy = x - cx, y - cy
        return (cx + dx * cos + dy * sin) / zoom, (cy - dx * sin + dy * cos) / zoom

    pixel_borders = pixel_rules(render.pixels, round(_MIN_RULE_PT * zoom))
    borders = np.array(pixel_borders, dtype=np.float64).reshape(-1, 3)
    out: list[OcrWord] = []
    split = [p for word in reading.words for p in _split_at_rules(word, borders)]
    # Verification reads words as Tesseract gives them (`labels` False): a word
    # under a box or a withheld value around one is judged on what was read.
    words = correct_labels(split) if labels else split
    for w, (left, right) in zip(words, _ink_ends(words, render.pixels), strict=True):
        # Boxes one line high (Tesseract's row, ascender to descender, as a
        # text layer's are one em), and never less than the ink: a box over
        # "ace" covers where an ascender or descender would be, and words of
        # one line have one height, so the gap between them is judged in ems
        # as on a text page (an ink-high "IL" made a word gap look a column gap).
        top, bottom = w.box[1], w.box[3]
        if w.above > 0:
            top = min(top, w.baseline - w.above)
            bottom = max(bottom, w.baseline + w.below)
        # A word Tesseract is unsure of was misread somewhere, and its box may
        # miss ink it did not place (measured: a "7739" at confidence 15 began
        # 3.5 pt right of its first digit): half a character more at each end.
        grow = 0.0
        if w.conf < LOW_CONFIDENCE and w.chars:
            grow = 0.5 * (w.box[2] - w.box[0]) / len(w.chars)
        xs = [[c[0], c[2]] for c in w.chars]
        if xs:
            xs[0][0] = min(xs[0][0], left) - grow
            xs[-1][1] = max(xs[-1][1], right) + grow
        # A comma or full stop ending a word is ink narrower than the place it
        # takes (a typewriter's cell): half a character more on its right, so a
        # value's box reaches as far as the printed value does ("AVE #B," at a
        # cell's end, the line under it the rest of the address).
        # So too an opening parenthesis or quote at its start: "(TPS)." wrapped to
        # the next line began 2 pt left of the "(" ink in the measurement.
        tail = lead = 0.0
        if len(w.text) > 1 and xs:
            half = 0.5 * (w.box[2] - w.box[0]) / len(w.text)
            if w.text[-1] in _NARROW_END:
                tail = half
                xs[-1][1] += tail
            if w.text[0] in _NARROW_START:
                lead = half
                xs[0][0] -= lead
        chars = tuple(to_page((x0, top, x1, bottom)) for x0, x1 in xs)
        rect = to_page(
            (min(w.box[0], left) - grow - lead, top, max(w.box[2], right) + grow + tail, bottom)
        )
        mx, my = deskew((w.box[0] + w.box[2]) / 2, (top + bottom) / 2)
        hw = (w.box[2] - w.box[0]) / 2 / zoom
        hh = (bottom - top) / 2 / zoom
        _, base = deskew((w.box[0] + w.box[2]) / 2, w.baseline)
        out.append(
            OcrWord(
                text=w.text,
                conf=max(0.0, min(100.0, w.conf)),
                rect=rect,
                char_rects=chars,
                disp=Rect(mx - hw, my - hh, mx + hw, my + hh),
                baseline=base,
                line=w.line,
                ink=to_page(w.box),
            )
        )
    rules = []
    for x, y0, y1 in pixel_borders:
        (ax, ay), (bx, by) = deskew(x, y0), deskew(x, y1)
        rules.append(((ax + bx) / 2, min(ay, by), max(ay, by)))
    return PageOcr(
        words=tuple(out),
        rotation=reading.rotation,
        skew=round(math.degrees(theta), 2),
        dpi=dpi,
        mean_confidence=round(_mean_conf(reading.words), 1),
        rules=tuple(rules),
    )


def readable(result: PageOcr) -> bool:
    """False for a reading that is still noise."""
    return not (
        len(result.words) >= UNREADABLE_MIN_WORDS
        and result.mean_confidence < UNREADABLE_MEAN_CONFIDENCE
    )


def check_readable(result: PageOcr) -> None:
    """Fail closed on a page whose best reading is still noise."""
    if not readable(result):
        raise UnreadablePage()


# -- verification support ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegionReading:
    words: tuple[OcrWord, ...]  # what OCR reads in and around the regions
    inked: int  # regions with dark pixels left inside them
    # Per word: whether any pixel of its ink inside a region (less its border,
    # as for `inked`) is darker than `_BLANK_LEVEL`. A word that is not was read
    # from ink around the regions alone (the cut tops of the next line's letters
    # and a cell border, grown into by the reading margin): no text under a box.
    inked_words: tuple[bool, ...] = ()


# Lighter than the 128 `inked` looks for: a word counts as ink inside a region on
# fainter pixels than a region does.
_BLANK_LEVEL = 192


def read_regions(
    engine: Tesseract,
    pages: Sequence[tuple[pymupdf.Page, Sequence[Rect]]],
    *,
    workers: int | None = None,
) -> list[RegionReading]:
    """Look at and recognise only the given regions (unrotated page space) of each page.

    `inked` counts regions that still hold dark pixels (the inside, less two
    pixels at each edge for the antialiased border): after pixel redaction
    the inside of a box is blank, so nothing at all can be read there. Then
    the regions, each grown by about a character to each side (a value cut by
    the box edge is read in context), are recognised on a white page: the
    cost grows with the regions, not with the page.
    """
    renders: list[_Render] = []
    dpis: list[int] = []
    inked: list[int] = []
    insides: list[list[tuple[int, int, int, int]]] = []
    for page, regions in pages:
        dpi = page_dpi(page)
        render = _render(page, dpi, 0, clean=False)
        clean = despeckle(render.pixels)
        h, w = render.pixels.shape
        keep = np.full_like(render.pixels, 255)
        ox, oy = render.origin
        to_pixels = page.rotation_matrix * render.matrix
        n_inked = 0
        inside: list[tuple[int, int, int, int]] = []
        for r in regions:
            px = pymupdf.Rect(r.as_tuple()) * to_pixels
            x0, y0 = max(0, int(px.x0 - ox) + 2), max(0, int(px.y0 - oy) + 2)
            x1, y1 = min(w, math.ceil(px.x1 - ox) - 2), min(h, math.ceil(px.y1 - oy) - 2)
            inside.append((x0, y0, x1, y1))
            if x1 > x0 and y1 > y0 and bool((render.pixels[y0:y1, x0:x1] < 128).any()):
                n_inked += 1
            m = max(4.0, r.height) * render.matrix.a if render.matrix.a else 0.0
            gx0, gy0 = max(0, int(px.x0 - ox - m)), max(0, int(px.y0 - oy - 0.25 * m))
            gx1, gy1 = min(w, math.ceil(px.x1 - ox + m)), min(h, math.ceil(px.y1 - oy + 0.25 * m))
            keep[gy0:gy1, gx0:gx1] = clean[gy0:gy1, gx0:gx1]
        renders.append(_Render(keep, render.matrix, render.origin))
        dpis.append(dpi)
        inked.append(n_inked)
        insides.append(inside)
    if not renders:
        return []
    n = max(1, workers or os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=n) as pool:
        read = _read_all(engine, pool, renders, dpis)
    out: list[RegionReading] = []
    for (page, _), render, dpi, reading, n_inked, inside in zip(
        pages, renders, dpis, read, inked, insides, strict=True
    ):
        found = _to_page(page, reading, dpi, labels=False).words
        to_pixels = page.rotation_matrix * render.matrix
        marks = tuple(_ink_inside(render, to_pixels, w.ink or w.rect, inside) for w in found)
        out.append(RegionReading(found, n_inked, marks))
    return out


def _ink_inside(
    render: _Render,
    to_pixels: pymupdf.Matrix,
    ink: Rect,
    inside: Sequence[tuple[int, int, int, int]],
) -> bool:
    """Whether a pixel darker than `_BLANK_LEVEL` lies in `ink` (page space) and
    in one of the regions' insides (pixels of `render`)."""
    px = pymupdf.Rect(ink.as_tuple()) * to_pixels
    ox, oy = render.origin
    wx0, wy0 = int(px.x0 - ox), int(px.y0 - oy)
    wx1, wy1 = math.ceil(px.x1 - ox), math.ceil(px.y1 - oy)
    for x0, y0, x1, y1 in inside:
        ax0, ay0, ax1, ay1 = max(x0, wx0), max(y0, wy0), min(x1, wx1), min(y1, wy1)
        if ax1 > ax0 and ay1 > ay0 and bool((render.pixels[ay0:ay1, ax0:ax1] < _BLANK_LEVEL).any()):
            return True
    return False


# -- doubtful values next to protected labels ---------------------------------------------

# Labels whose value a policy protects, as OCR reads them (with its usual
# confusions: "P0B", "A #"). Printed labels are capitals (or Title case); a
# lower-case "citizen" in prose is no label. The value is what follows on the
# line up to the next column, or, in a form grid with the label above its
# value, the words under the label.
_LABEL_END = r"(?![A-Za-z])\s*[:.]?"
# Statuses that are no immigration status ("MARITAL STATUS: SINGLE").
_OTHER_STATUSES = (
    "MARITAL", "CASE", "WARRANT", "BOND", "REPORT", "CUSTODY", "EMPLOYMENT", "VEHICLE",
    "PLATE", "PAYMENT", "PROPERTY", "INVENTORY", "ITEM", "EVIDENCE", "CHARGE", "LICENSE",
)  # fmt: skip
_PROTECTED_LABELS: tuple[tuple[re.Pattern[str], Category], ...] = tuple(
    (re.compile(r"(?<!\S)(?:" + core + ")" + _LABEL_END), category)
    for core, category in (
        (
            # "B" read as "8", "3" or "}" ("PO}") on noisy scans.
            r"P\.?[O0Q]\.?[B83}]|PLACE OF BIRTH|Place of Birth|BIRTH ?PLACE|Birthplace",
            Category.PLACE_OF_BIRTH,
        ),
        (
            # "CTZ", "CITZ" and their readings "CT2", "CLT2", "C1TZ", "cTz".
            r"[Cc][IiLl1|]?[Tt7][Zz2]|CITIZENSHIP|Citizenship|CITIZEN|NATIONALITY|Nationality|"
            # "CI4 = U.s.": its "TZ" read as one glyph, marked by a separator.
            r"C[IiLl1|][4Zz2](?=[ \t]*[:=—–-])|"
            r"COUNTRY OF CITIZENSHIP",
            Category.NATIONALITY,
        ),
        (
            r"A ?#|A-#|A-?NUMBER|A-Number|A-NO|ALIEN (?:REG(?:ISTRATION)?\.? )?(?:NO|#|NUMBER)",
            Category.A_NUMBER,
        ),
        (
            # "IMM STAT"; and a bare STATUS marked as a label (a colon or a dash
            # after it), unless it is another status ("MARITAL STATUS:").
            r"IMMIGRATION STATUS|Immigration Status|IMM\.? STAT(?:US|\.)?|"
            + "".join(rf"(?<!{w} )(?<!{w.title()} )" for w in _OTHER_STATUSES)
            + r"(?:STATUS|Status)(?=[ \t]*[:—–-])",
            Category.IMMIGRATION_STATUS,
        ),
    )
)
# The long label words again, for readings with one wrong letter in ten
# ("CITIZENSH1P", "PLACE OF B1RTH", "NATlONALITY"): compared after mapping
# the characters OCR confuses to one letter (see `_fold`).
_FUZZY_LABELS: tuple[tuple[tuple[str, ...], Category], ...] = (
    (("COUNTRY", "OF", "CITIZENSHIP"), Category.NATIONALITY),
    (("PLACE", "OF", "BIRTH"), Category.PLACE_OF_BIRTH),
    (("IMMIGRATION", "STATUS"), Category.IMMIGRATION_STATUS),
    (("CITIZENSHIP",), Category.NATIONALITY),
    (("NATIONALITY",), Category.NATIONALITY),
    (("BIRTHPLACE",), Category.PLACE_OF_BIRTH),
)
_CONFUSED = str.maketrans("0Q1l|!5$8276", "OOIIIISSBZTG")
_TOKEN = re.compile(r"[^ \t]+")
_LABEL_PUNCT = ":.;,#"


def _fold(word: str) -> str:
    return word.translate(_CONFUSED).upper()


def _near(a: str, b: str, allowed: int) -> bool:
    """Levenshtein distance of a and b at most `allowed`."""
    if abs(len(a) - len(b)) > allowed:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > allowed:
            return False
        prev = cur
    return prev[-1] <= allowed


def _printed(word: str) -> bool:
    """Capitals or Title case, as labels are printed (OCR digits count as capitals)."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and (letters[0].isupper() or sum(c.isupper() for c in letters) > 1)


def _label_matches(segment: str) -> list[tuple[int, int, Category]]:
    """Protected labels on one line: (start, end, category), end after any colon."""
    found: list[tuple[int, int, Category]] = []
    for pattern, category in _PROTECTED_LABELS:
        found += [(m.start(), m.end(), category) for m in pattern.finditer(segment)]
    tokens = list(_TOKEN.finditer(segment))
    for i in range(len(tokens)):
        for words, category in _FUZZY_LABELS:
            run = tokens[i : i + len(words)]
            if len(run) < len(words) or "\t" in segment[run[0].start() : run[-1].end()]:
                continue
            if not all(_printed(t.group()) for t in run):
                continue
            got = " ".join(t.group() for t in run).rstrip(_LABEL_PUNCT)
            want = " ".join(words)
            if not _near(_fold(got), want, max(1, len(want) // 10)):
                continue
            start = run[0].start()
            if any(s <= start < e for s, e, _ in found):
                continue
            end = re.compile(_LABEL_END).match(segment, run[-1].end())
            found.append((start, end.end() if end else run[-1].end(), category))
    return found


_SEPARATOR = re.compile(r"[ \t]*[-—–=~:]+[ \t]*")


@dataclass(frozen=True, slots=True)
class UncertainValue:
    """An OCR value next to a protected label: redact it as that label's category."""

    category: Category
    start: int  # span in PageText.text
    end: int
    boxes: tuple[Rect, ...]
    score: float  # the lowest word confidence, 0-1
    doubtful: bool = True  # read with low confidence (else: a marked label's whole value)


_HEADER_CELL = re.compile(r"[A-Z][A-Z /&]{0,24}")


def _labelish(text: str) -> bool:
    """A cell that is itself a label ("CITIZENSHIP", "SEX:"), not a value."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return first.endswith(":") or any(s == 0 for s, _, _ in _label_matches(text))


def _header_cell(text: str) -> bool:
    """A short cell of capitals alone ("SEX", "EYES / HAIR"), or a form label with a
    speck read after it ("DATE OF BIRTH."): the next label of a grid row."""
    bare = text.strip()
    if _HEADER_CELL.fullmatch(bare) is not None and len(text.split()) <= 3:
        return True
    bare = bare.rstrip(_LABEL_PUNCT)
    return bool(bare) and not bare[0].islower() and form_labels.header_cell(bare) is not None


def uncertain_label_values(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    """Values after protected labels that OCR read with low confidence, or read at all.

    Detection reads "POB: Tegucigalpa" well, but a smudged value comes out as
    "Teguc1ga!pa" or "~~" and no recognizer or gazetteer knows it. It is still
    the place of birth: the label says so. Such values are handed to the
    policy under the label's category instead of being dropped.

    OCR also garbles values it is sure of: a comma read as a full stop
    ("TLAQUEPAQUE. MEX") ends a value early for detection. So after a label
    marked as one (a colon, "#", a dash, or its own cell), every OCR value up
    to the next column is handed over too (`doubtful` False). Text-layer words
    (confidence 100) are detection's alone.
    """
    out: list[UncertainValue] = []
    if len(confidences) != len(page.words):
        return out
    text = page.text
    seen: set[tuple[int, int]] = set()
    line_labels = [_label_matches(text[line.start : line.end]) for line in page.lines]
    for li, line in enumerate(page.lines):
        for m_start, m_end, category in line_labels[li]:
            label_start, label_end = line.start + m_start, line.start + m_end
            # The value: after a typed separator ("POB  -  MILWAUKEE"), if
            # any, up to the next column gap (tab) on the line.
            start = label_end
            sep = _SEPARATOR.match(text, start, line.end)
            if sep is not None:
                start = sep.end()
            while start < line.end and text[start] == " ":
                start += 1
            marked = sep is not None or any(c in text[label_start:start] for c in ":#\t")
            tab = text.find("\t", start, line.end)
            value_end = line.end if tab < 0 else tab
            span: tuple[int, int] | None = (start, value_end)
            cell = text[start:value_end]
            own_cell = "\t" in text[label_start:start] and ":" not in text[label_start:start]
            speck = _colon_speck(page, confidences, start, value_end)
            below: tuple[int, int] | None = None
            if speck is not None:
                # "CTZ TTALY:": a smudged value with a speck read as a colon.
                span = (start, speck)
            elif start >= value_end or _labelish(cell) or (own_cell and _header_cell(cell)):
                span = _value_below(page, li, label_start, label_end)
                marked = True
            elif own_cell and _garbled_cell(page, confidences, start, value_end):
                # "BIRTHPLACE  cir4" over "Gary, IN, USA  U.S.": the cell beside a
                # label of its own, read as noise, may be the next label garbled.
                # Its value is the cell under the label; take both.
                below = _value_below(page, li, label_start, label_end)
            else:
                # A value cut by the next column goes on under it on the next line
                # ("POB: SANTIAGO ... DOMINICAN  CITZ:DOM" over "REPUBLIC").
                below = _cut_value_on(page, li, label_start, start, value_end)
            for extra in (span, below):
                if extra is None or extra in seen:
                    continue
                value = _label_value(page, confidences, category, extra, marked or extra == below)
                if value is not None:
                    seen.add(extra)
                    out.append(value)
    out += _identifiers(page, confidences)
    out += _misread_countries(page, confidences)
    out += _garbled_label_values(page, confidences, seen)
    out += _garbled_long_labels(page, confidences, seen)
    out += _garbled_marked_countries(page, confidences, seen)
    out += _countries_under_unread_labels(page, confidences, seen)
    out += _noise_beside_birthplaces(page, confidences, seen, line_labels)
    out += _passport_countries(page, confidences)
    # One value per span and category, as first found (several rules may read it).
    once: dict[tuple[Category, int, int], UncertainValue] = {}
    for v in out:
        once.setdefault((v.category, v.start, v.end), v)
    return list(once.values())


# The issuing country of a passport as OCR reads it: the code after "PPT" or
# "PASSPORT" when OCR garbled the number after it ("PPT LTU §5434320"), so no
# recognizer reads the whole; or a code in parentheses after the number with a
# mark read for a letter ("MJ3049691 (HT!)"), the fold of the reading (`_fold`)
# being a country code, or with a bar read before or after it ("(IMEX)": the
# parenthesis doubled).
_ALPHA3 = frozenset(c.alpha_3 for c in pycountry.countries)
# The code may end the line, or carry a speck or full stop ("PPT MEX." over the
# number); a typed form may set "# - " between cue and code ("PPT# - MEX").
# (four letters: one OCR added, "PPT#:MBEX F69184093"; taken, like a code misread
# past knowing, only before a passport number)
_PPT_CODE = re.compile(r"\b(?:PPT|PASSPORT)\b\W{0,4}([A-Z]{3,4})(?=[.,:;]?(?:\s|$))")
# A letter may end it ("PPT PHL. K7359384R."), and OCR may add one ("VO951664XX"),
# or a space inside it ("M191 14480", "S1 9323147");
# its first letter may be read as a sign ("$", "§" for S, "¥" for Y).
_PPT_NUMBER = re.compile(
    r"[.,:;]?[ \t]*\n?[ \t]*(?P<n>[A-Z0-9§$¥]{0,2}(?:\d{6,9}|\d{1,6} \d{2,7})[A-Z]{0,2})(?![\w-])"
)
_PAREN_CODE = re.compile(r"(?<=\()([A-Z0-9!|$]{3,4})(?=\))")
_PAREN_BARS = "Il1|!"
# Two to seven marks in parentheses with letters and no digit, a space at most.
_PAREN_GARBLE = re.compile(
    r"(?<=\()(?=[^()\n\t]{2,7}\))"
    r"((?=[^()\d\n\t]*[A-Za-z][^()\d\n\t]*[A-Za-z])[^()\d\s]+(?: [^()\d\s]+)?)(?=\))"
)


def _ppt_number_after(text: str, at: int) -> re.Match[str] | None:
    n = _PPT_NUMBER.match(text, at)
    return n if n is not None and 6 <= sum(c.isdigit() for c in n.group("n")) <= 9 else None


def _paren_code(reading: str) -> bool:
    """A passport's country code in parentheses as OCR garbled it (see above)."""
    if len(reading) == 4:
        return any(
            part in _ALPHA3
            for part in (reading[1:] if reading[0] in _PAREN_BARS else "",
                         reading[:-1] if reading[-1] in _PAREN_BARS else "")
        )  # fmt: skip
    return reading != _fold(reading) and _fold(reading) in _ALPHA3


def _passport_countries(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    text = page.text
    for k, line in enumerate(page.lines):
        segment = text[line.start : line.end]
        # A cue that ends its line has its code at the start of the next ("PPT" /
        # "MEX M191 14480").
        reach = text[line.start : page.lines[k + 1].end] if k + 1 < len(page.lines) else segment
        codes = [
            m
            for m in _PPT_CODE.finditer(reach)
            if m.start() < len(segment)
            # A code misread past knowing ("PPT GIM G12459936" for GTM) is still
            # the country where a passport number follows it.
            and (m.group(1) in _ALPHA3 or _ppt_number_after(text, line.start + m.end(1)))
        ]
        found = list(codes)
        if re.search(r"\b(?:PPT|PASSPORT)\b", segment):
            found += [m for m in _PAREN_CODE.finditer(segment) if _paren_code(m.group(1))]
            # ... or garbled past a code, read unsure: "(PH Lb)" for (PHL).
            for m in _PAREN_GARBLE.finditer(segment):
                idx = page.word_indices_for_span(line.start + m.start(1), line.start + m.end(1))
                if idx and min(confidences[i] for i in idx) < LOW_CONFIDENCE:
                    found.append(m)
        for m in codes:
            # The number after the code, on the line or at the start of the next
            # ("PPT MEX." over "19626538."), its letter dropped or garbled, or a
            # space read inside it ("M191 14480").
            n = _ppt_number_after(text, line.start + m.end(1))
            if n is None:
                continue
            v = _doubtful_at(page, confidences, Category.PASSPORT, n.start("n"), n.end("n"))
            if v is not None:
                out.append(v)
        for m in found:
            start, end = line.start + m.start(1), line.start + m.end(1)
            idx = page.word_indices_for_span(start, end)
            if not idx:
                continue
            low = min(confidences[i] for i in idx)
            if low >= 100.0:
                continue
            out.append(
                UncertainValue(
                    Category.NATIONALITY,
                    start,
                    end,
                    page.boxes_for_span(start, end),
                    low / 100.0,
                    low < LOW_CONFIDENCE,
                )
            )
    return out


def _label_value(
    page: PageText,
    confidences: Sequence[float],
    category: Category,
    span: tuple[int, int],
    marked: bool,
) -> UncertainValue | None:
    """The value at `span` after a protected label, when OCR was unsure of it or the
    label is marked as one; None for a text-layer value read with certainty."""
    text = page.text
    idx = page.word_indices_for_span(*span)
    if not idx:
        return None
    low = min(confidences[i] for i in idx)
    doubtful = low < LOW_CONFIDENCE
    if not doubtful and not (marked and low < 100.0 and not _labelish(text[span[0] : span[1]])):
        return None
    span = _wrapped_on(text, span)
    return UncertainValue(
        category, span[0], span[1], page.boxes_for_span(*span), low / 100.0, doubtful
    )


# Protected labels printed as a short cell in a row of labels, as OCR reads
# them when it garbles them beyond one edit ("cir4" for CITZ): two edits for a
# reading of four letters or more, when no other label is as near.
_SHORT_PROTECTED = {"CTZ": Category.NATIONALITY, "CITZ": Category.NATIONALITY}
_SHORT_PROTECTED |= {"POB": Category.PLACE_OF_BIRTH}


def _tab_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The tab-parted cells of text[start:end] (a line), empty ones too, as spans."""
    out: list[tuple[int, int]] = []
    at = start
    for part in text[start:end].split("\t"):
        out.append((at, at + len(part)))
        at += len(part) + 1
    return out


def _garbled_label_values(
    page: PageText, confidences: Sequence[float], seen: set[tuple[int, int]]
) -> list[UncertainValue]:
    """Values under a garbled protected label in a row of labels ("BIRTHPLACE  cir4"
    over "Gary, IN, USA  U.S."): the row holds another label, the cell is one short
    word OCR was unsure of, nearest to one protected label only."""
    out: list[UncertainValue] = []
    text = page.text
    others = set(_LABEL_KEYS) | set(_SHORT_PROTECTED)
    for li, line in enumerate(page.lines):
        if "\t" not in text[line.start : line.end]:
            continue
        cells = _tab_cells(text, line.start, line.end)
        if not any(_labelish(text[a:b]) or _header_cell(text[a:b]) for a, b in cells):
            continue
        out += _countries_under_misread_labels(page, confidences, seen, li, cells)
        out += _countries_after_garbled_labels(page, confidences, seen, cells)
        for a, b in cells:
            if not _garbled_cell(page, confidences, a, b):
                continue
            reading = re.sub(r"[^A-Z0-9#]", "", text[a:b].upper())
            if not reading or reading in others:
                continue
            near: list[str] = []
            for d in (1, 2):
                if len(reading) < 3 or (d == 2 and len(reading) < 4):
                    break
                near = [k for k in others if _near(reading, k, d)]
                if near:
                    break
            if len(near) > 1:
                # OCR mostly reads one glyph for another: of labels as near, the
                # one as long as the reading ("cir4": CITZ, not IR#).
                near = [k for k in near if len(k) == len(reading)]
            category = _SHORT_PROTECTED.get(near[0]) if len(near) == 1 else None
            span = _value_below(page, li, a, b)
            if span is None or span in seen:
                continue
            if category is None:
                # Garbled past recognition ("rz" for CITZ), but the value under it
                # is a country ("Mexico", "MEX"): a citizenship, as a form asks it.
                if near or not _country_value(text[span[0] : span[1]]):
                    continue
                category = Category.NATIONALITY
            value = _label_value(page, confidences, category, span, True)
            if value is not None:
                seen.add(span)
                out.append(value)
    return out


def _countries_after_garbled_labels(
    page: PageText,
    confidences: Sequence[float],
    seen: set[tuple[int, int]],
    cells: Sequence[tuple[int, int]],
) -> list[UncertainValue]:
    """A country read unsure after a label OCR garbled in the same cell ("CIA eS]
    U.S" for "CTZ - U.S."): the cell opens with one short word read unsure that is
    no value code, a mark or a second such word may follow (the dash), and the rest
    is a country. Where a form asks for a country beside its label, it asks the
    citizenship."""
    out: list[UncertainValue] = []
    text = page.text
    for a, b in cells:
        idx = page.word_indices_for_span(a, b)
        if len(idx) < 2:
            continue
        first = page.words[idx[0]]
        if (
            confidences[idx[0]] >= LOW_CONFIDENCE
            or len(first.text) > 6
            or re.sub(r"[^A-Za-z0-9]", "", first.text).upper() in _NOT_LABELS
        ):
            continue
        rest = 1
        if (
            len(idx) > 2
            and confidences[idx[1]] < LOW_CONFIDENCE
            and len(page.words[idx[1]].text) <= 3
        ):
            rest = 2  # the label's dash or colon, garbled too
        start = page.word_starts[idx[rest]]
        span = (start, b)
        value = text[start:b]
        if span in seen or not _country_value(value):
            continue
        found = _label_value(page, confidences, Category.NATIONALITY, span, True)
        if found is not None and found.doubtful:
            seen.add(span)
            out.append(found)
    return out


# A country in a grid's row of values whose own label OCR did not read at all
# (a small "CTZ" over "U.S." at the row's start, its ink taken into the value's
# box): the line above is a row of labels, two at least, and nothing on it stands
# over the country's cell. Where a form gives a country a cell of its own, it
# asks the citizenship (or the country of birth: withheld alike).
_HEADERS_ABOVE = 2


def _countries_under_unread_labels(
    page: PageText, confidences: Sequence[float], seen: set[tuple[int, int]]
) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    text = page.text
    for above, line in itertools.pairwise(page.lines):
        if line.rect.y0 - above.rect.y1 > 2 * max(1.0, above.rect.height):
            continue
        cells = _tab_cells(text, above.start, above.end)
        if sum(_header_cell(text[a:b]) for a, b in cells) < _HEADERS_ABOVE:
            continue
        heads = [page.boxes_for_span(a, b) for a, b in cells]
        for a, b in _tab_cells(text, line.start, line.end):
            span = _trim_span(text, a, b)
            if span in seen or not _country_value(text[span[0] : span[1]]):
                continue
            boxes = page.boxes_for_span(*span)
            if not boxes or any(
                h.x0 < boxes[0].x1 and boxes[0].x0 < h.x1 for head in heads for h in head
            ):
                continue
            out += _nationality_at(page, confidences, seen, span)
    return out


def _nationality_at(
    page: PageText, confidences: Sequence[float], seen: set[tuple[int, int]], span: tuple[int, int]
) -> list[UncertainValue]:
    """The country at `span`, a form's value, as a citizenship (marked as `seen`)."""
    value = _label_value(page, confidences, Category.NATIONALITY, span, True)
    if value is None:
        return []
    seen.add(span)
    return [value]


# A cell read as noise at the end of a birthplace's or citizenship's line, past a
# column gap ("POB: SAN JUAN, PR  692 20.3)" for "CTZ: U.S.", "Clla: OLS"): every
# word of it read below _GARBLED_LABEL_CONF, no label readable in it. A typed
# report pairs such fields on one line; the noise is a field's label and value
# OCR could not read, next to a protected label, and is withheld by that
# label's rule (both protected categories are withheld by every policy that
# withholds either).
_NOISE_BESIDE = frozenset({Category.PLACE_OF_BIRTH, Category.NATIONALITY})


def _noise_beside_birthplaces(
    page: PageText,
    confidences: Sequence[float],
    seen: set[tuple[int, int]],
    line_labels: Sequence[Sequence[tuple[int, int, Category]]],
) -> list[UncertainValue]:
    """(`line_labels`: `_label_matches` of each line of the page.)"""
    out: list[UncertainValue] = []
    text = page.text
    for line, found in zip(page.lines, line_labels, strict=True):
        labels = [(s, c) for s, _, c in found if c in _NOISE_BESIDE]
        if not labels:
            continue
        first, category = min(labels)
        for a, b in _tab_cells(text, line.start, line.end):
            span = _trim_span(text, a, b)
            cell = text[span[0] : span[1]]
            idx = page.word_indices_for_span(*span)
            if (
                span[0] <= line.start + first
                or not idx
                or max(confidences[i] for i in idx) >= _GARBLED_LABEL_CONF
                or not any(c.isalnum() for c in cell)
                or _label_matches(cell)
                or any(form_labels.single_label(t.strip(_LABEL_PUNCT)) for t in cell.split())
            ):
                continue
            if span not in seen:  # (else another rule took it already)
                seen.add(span)
                low = min(confidences[i] for i in idx)
                out.append(_doubtful(page, category, span[0], span[1], low))
            out += _unsure_words_right_of(page, confidences, category, idx)
    return out


def _unsure_words_right_of(
    page: PageText, confidences: Sequence[float], category: Category, idx: Sequence[int]
) -> list[UncertainValue]:
    """Words read unsure just right of the words `idx`, at their height ("CITZ -
    U.S." read "527 We Aan" and "s"): within three of their heights. Each is
    boxed from the end of `idx`, the ink between unread ("U." of U.S.) too."""
    box = Rect.enclosing([page.words[i].rect for i in idx])
    reach = box.x1 + 3 * box.height
    out: list[UncertainValue] = []
    for k, w in enumerate(page.words):
        r = w.rect
        overlap = min(r.y1, box.y1) - max(r.y0, box.y0)
        if (
            k not in idx
            and confidences[k] < LOW_CONFIDENCE
            and box.x1 <= r.x0 <= reach
            and overlap >= 0.5 * min(r.height, box.height)
        ):
            start = page.word_starts[k]
            between = Rect(box.x1, min(box.y0, r.y0), r.x1, max(box.y1, r.y1))
            out.append(
                UncertainValue(
                    category, start, start + len(w.text), (between,), confidences[k] / 100.0, True
                )
            )
    return out


def _trim_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


# ... or garbled into another label, read unsure ("RD #" for CTZ over "PHL"): a
# country under a label whose value is never a country is the citizenship.
_NEVER_A_COUNTRY = frozenset(
    {
        Category.RD_NUMBER,
        Category.CB_NUMBER,
        Category.IR_NUMBER,
        Category.SID_NUMBER,
        Category.FBI_NUMBER,
        Category.SSN,
        Category.DRIVERS_LICENSE,
        Category.AGE,
        Category.DATE_OF_BIRTH,
        Category.PHONE,
        Category.STAR_NUMBER,
    }
)


def _countries_under_misread_labels(
    page: PageText,
    confidences: Sequence[float],
    seen: set[tuple[int, int]],
    li: int,
    cells: Sequence[tuple[int, int]],
) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    text = page.text
    for a, b in cells:
        idx = page.word_indices_for_span(a, b)
        label = form_labels.single_label(text[a:b])
        if (
            not idx
            or label is None
            or min(confidences[i] for i in idx) >= LOW_CONFIDENCE
            or form_labels.spec_for(label.group("label")).category not in _NEVER_A_COUNTRY
        ):
            continue
        span = _value_below(page, li, a, b)
        if span is None or span in seen or not _country_value(text[span[0] : span[1]]):
            continue
        out += _nationality_at(page, confidences, seen, span)
    return out


# Long protected labels in a cell of their own that OCR garbled past the one edit
# in ten of `_FUZZY_LABELS` ("piace or erate" for PLACE OF BIRTH, "crrrzensure ="
# for CITIZENSHIP): read at low confidence, the same first letter (or at most two
# letters wrong: "GXTIZENSHIP"), at most a little over half the letters wrong,
# and nearer that label than any other form label by a letter. The cell after it
# on the line (or under it) is its value.
_LONG_PROTECTED = {
    "CITIZENSHIP": Category.NATIONALITY,
    "NATIONALITY": Category.NATIONALITY,
    "COUNTRYOFCITIZENSHIP": Category.NATIONALITY,
    "PLACEOFBIRTH": Category.PLACE_OF_BIRTH,
    "BIRTHPLACE": Category.PLACE_OF_BIRTH,
    "IMMIGRATIONSTATUS": Category.IMMIGRATION_STATUS,
}
_LONG_OTHERS = frozenset(
    "DATEOFBIRTH PLACEOFARREST DATEOFARREST HOMEADDRESS ADDRESS OCCUPATION EMPLOYER "
    "TELEPHONE LOCATIONTYPE ARRESTLOCATION STATEIDNO DRIVERSLICENSE SCARSMARKSTATTOOS "
    "MARITALSTATUS CASESTATUS EMERGENCYCONTACT OCCURRENCE RELATIONSHIP LANGUAGE "
    "INTERPRETER DESCRIPTION COMPLEXION CITYSTATEZIP SOCIALSECURITY NAMELASTFIRST "
    "ARRESTINGAGENCY ARRESTINGOFFICER DISTRICTOFOCCURRENCE BOOKINGNUMBER "
    "PLACEOFEMPLOYMENT PLACEOFOCCURRENCE".split()
) | frozenset(_LABEL_KEYS)
_GARBLED_LABEL_CONF = 40.0


def _of_birth(words: Sequence[str]) -> bool:
    """Three words, "OF" read right between, the last one two letters at most off
    BIRTH: a label "<PLACE or DATE> OF BIRTH"."""
    if len(words) != 3 or words[1].upper() != "OF":
        return False
    first, last = (re.sub(r"[^A-Z]", "", _fold(w)) for w in (words[0], words[2]))
    # Read as DATE (a letter off at most), it is the date's label, whatever is beside it.
    return 3 <= len(words[0]) <= 6 and _near(last, "BIRTH", 2) and not _near(first, "DATE", 1)


def _place_of(words: Sequence[str]) -> bool:
    """Three words, the first two a letter off PLACE and OF at most: a label
    "PLACE OF <...>" ("Puace or erat")."""
    if len(words) != 3:
        return False
    first, second = (re.sub(r"[^A-Z]", "", _fold(w)) for w in words[:2])
    return _near(first, "PLACE", 1) and _near(second, "OF", 1)


def _dated(text: str, cells: Sequence[tuple[int, int]], n: int) -> bool:
    """The cell after cell n holds a digit (a date, not a place), or there is none."""
    if n + 1 >= len(cells):
        return True
    a, b = cells[n + 1]
    return any(c.isdigit() for c in text[a:b]) or not any(c.isalpha() for c in text[a:b])


def _garbled_long_labels(
    page: PageText, confidences: Sequence[float], seen: set[tuple[int, int]]
) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    text = page.text
    for li, line in enumerate(page.lines):
        if "\t" not in text[line.start : line.end]:
            continue
        cells = _tab_cells(text, line.start, line.end)
        for n, (a, b) in enumerate(cells):
            cell = text[a:b]
            label_part = _SEPARATOR.split(cell.strip(), maxsplit=1)
            words = label_part[0].split()
            idx = page.word_indices_for_span(a, b)
            if not 1 <= len(words) <= 3 or not idx:
                continue
            if min(confidences[k] for k in idx) >= _GARBLED_LABEL_CONF:
                continue
            key = re.sub(r"[^A-Z]", "", _fold(label_part[0]))
            if len(key) < 8 or not all(re.fullmatch(r"[A-Za-z0-9|!$]+[.,:]?", w) for w in words):
                continue
            dist = {
                k: next(d for d in range(len(key) + len(k) + 1) if _near(key, k, d))
                for k in (*_LONG_PROTECTED, *_LONG_OTHERS)
            }
            best = min(_LONG_PROTECTED, key=lambda k: dist[k])
            # "... OF BIRTH" with its first word garbled past knowing ("Bieee OF
            # Bieta"): PLACE or DATE; or "PLACE OF ..." with its last word as far
            # from BIRTH as from ARREST ("Puace or erat"): a place of arrest is an
            # address, with its number. Either way the value says which.
            birth = dist["PLACEOFBIRTH"]
            birth_or_arrest = (
                _place_of(words)
                and birth <= min(dist["PLACEOFARREST"], math.ceil(0.55 * len("PLACEOFBIRTH")))
                and all(dist[k] > birth for k in dist if k not in ("PLACEOFBIRTH", "PLACEOFARREST"))
            )
            if (_of_birth(words) or birth_or_arrest) and not _dated(text, cells, n):
                best = "PLACEOFBIRTH"
            elif (
                # Its first letter, unless two letters at most are off ("GXTIZENSHIP").
                (best[0] != key[0] and dist[best] > 2)
                or dist[best] > math.ceil(0.55 * len(best))
                or any(dist[k] <= dist[best] for k in dist if k != best)
            ):
                continue
            if len(label_part) > 1 and label_part[1].strip():
                continue  # a value in the cell: the line's own rules read it
            span: tuple[int, int] | None = cells[n + 1] if n + 1 < len(cells) else None
            if span is None or _labelish(text[span[0] : span[1]]):
                span = _value_below(page, li, a, b)
            if span is None or span in seen:
                continue
            value = _label_value(page, confidences, _LONG_PROTECTED[best], span, True)
            if value is not None:
                seen.add(span)
                out.append(value)
    return out


# A short label marked by its colon that OCR garbled past the readings of
# `_PROTECTED_LABELS` ("CET: U.S." for CTZ, as near SEX as CTZ), with a country
# after it in its cell: a form asks a country only as a citizenship or a place
# of birth, both protected; it is the citizenship (a place of birth names a
# town first). Only a label read unsure or not shaped as a word of prose (in
# capitals, or capitals after small letters: "CciITz: PHL", CITZ with two of its
# letters read twice), and no label known as read. Its colon may be read as "="
# ("CLEZO= PAK"), and a form that marks its labels with a dash ("CTZ - US")
# has the dash ("crz - US").
_MARKED_WORD = re.compile(r"([A-Za-z0-9|!$}]{2,6})(?:[:=]|[ \t]+[-–—](?=[ \t]))[ \t]*")


def _garbled_marked_countries(
    page: PageText, confidences: Sequence[float], seen: set[tuple[int, int]]
) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    text = page.text
    for line in page.lines:
        out += _garbled_citizenship_words(page, confidences, seen, line.start, line.end)
        cells = _tab_cells(text, line.start, line.end)
        for n, (start, end) in enumerate(cells):
            before = text[cells[n - 1][0] : cells[n - 1][1]] if n else ""
            place = _country_cell(text[start:end], before)
            if place is not None and (start, end) not in seen:
                value = _label_value(page, confidences, place, (start, end), True)
                if value is not None:
                    seen.add((start, end))
                    out.append(value)
                continue
            m = _MARKED_WORD.match(text, start, end)
            if m is None or m.end() >= end or (m.end(), end) in seen:
                continue
            if _pob_misread(m.group(1)) and _PLACE_THEN_COUNTRY.fullmatch(
                text[m.end() : end].strip()
            ):
                value = _label_value(
                    page, confidences, Category.PLACE_OF_BIRTH, (m.end(), end), True
                )
                if value is not None:
                    seen.add((m.end(), end))
                    out.append(value)
                continue
            label = page.word_indices_for_span(m.start(1), m.end(1))
            if (
                not label
                # Read sure, it must be a label as forms print them, in capitals
                # ("CLIZ: MEX" for CITZ, read at 95), or garbled past the shape of
                # any word ("CciITz"), not a word of a sentence ("Travel: Mexico").
                # ... unless one letter off CTZ or CITZ in small case ("crz: US").
                or (
                    confidences[label[0]] >= LOW_CONFIDENCE
                    and _prose_shaped(m.group(1))
                    and not any(_near(_label_key(m.group(1)), k, 1) for k in ("CTZ", "CITZ"))
                )
                or form_labels.single_label(m.group(1)) is not None
                or _label_matches(text[start:end])
                or not _country_value(text[m.end() : end])
            ):
                continue
            value = _label_value(page, confidences, Category.NATIONALITY, (m.end(), end), True)
            if value is not None:
                seen.add((m.end(), end))
                out.append(value)
    return out


# ... or garbled past any reading ("Seles hd  U.S:"): a cell that is a country
# alone is the citizenship, and a place without a digit that ends in a country
# ("Detroit, MI, USA") is the place of birth, when the cell before it is a label
# no rule knows (words, no digit), not a label of another value ("STATE  USA").
_PLACE_THEN_COUNTRY = re.compile(r"[^\d\n]{2,60},[ \t]*([^,\d\n]{2,40})")


def _pob_misread(word: str) -> bool:
    """POB with a letter read into it, or one misread ("PROB: MEMPHIS, TN"); the
    place after it has `_PLACE_THEN_COUNTRY`'s shape (a town and its state or
    country, no number: no address, no date)."""
    key = _label_key(word)
    return (
        key != "POB"
        and key[:1] == "P"
        and key[-1:] == "B"
        and _near(key, "POB", 1)
        and form_labels.single_label(word) is None
    )


def _prose_shaped(word: str) -> bool:
    """A word as prose writes it: small letters, after at most one capital."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.islower() for c in letters[1:]) and not word.isupper()


def _country_cell(cell: str, before: str) -> Category | None:
    label = before.strip()
    if (
        not label
        or any(c.isdigit() for c in label)
        or len(label.split()) > 3
        or form_labels.single_label(label) is not None
        or _label_matches(label)
        or _country_value(label)
    ):
        return None
    if _country_value(cell):
        return Category.NATIONALITY
    place = _PLACE_THEN_COUNTRY.fullmatch(cell.strip())
    if place is not None and _country_value(place.group(1)):
        return Category.PLACE_OF_BIRTH
    return None


# ... and without its colon, anywhere on a line, when the word OCR was unsure of
# is two edits from CTZ or CITZ ("POB: LAREDO, TX CIA US."): the country after
# it, one to three words, is the citizenship.
_CITIZENSHIP_KEYS = ("CTZ", "CITZ")


def _garbled_citizenship_words(
    page: PageText, confidences: Sequence[float], seen: set[tuple[int, int]], start: int, end: int
) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    text = page.text
    tokens = list(_TOKEN.finditer(text, start, end))
    for k, t in enumerate(tokens[:-1]):
        key = re.sub(r"[^A-Z]", "", _fold(t.group()))
        idx = page.word_indices_for_span(t.start(), t.end())
        if (
            not idx
            or confidences[idx[0]] >= LOW_CONFIDENCE
            # A label in capitals as printed, no mark of a value ("£ODZ," a town).
            or re.fullmatch(r"[A-Z0-9|!$]{2,5}", t.group()) is None
            or not 2 <= len(key) <= 5
            or key in _NOT_LABELS
            or form_labels.single_label(t.group()) is not None
            or not any(_near(key, c, 2) for c in _CITIZENSHIP_KEYS)
            or any(_near(key, k2, 1) for k2 in _LABEL_KEYS if k2 not in _CITIZENSHIP_KEYS)
        ):
            continue
        for n in (3, 2, 1):
            run = tokens[k + 1 : k + 1 + n]
            if len(run) < n or "\t" in text[run[0].start() : run[-1].end()]:
                continue
            span = (run[0].start(), run[-1].end())
            if span in seen or not _country_value(text[span[0] : span[1]]):
                continue
            out += _nationality_at(page, confidences, seen, span)
            break
    return out


# Countries as a form's cell holds them: a name ("Mexico", "El Salvador"), a code
# ("MEX", "SLV") or the United States as officers write it ("U.S.", "USA").
_US_FORMS = frozenset({"US", "USA", "UNITEDSTATES", "UNITEDSTATESOFAMERICA", "AMERICA"})
_S_DIGITS = str.maketrans("85$§", "SSSS")


def _country_value(cell: str) -> bool:
    bare = cell.strip().strip(_NAME_EDGE)
    if not bare or len(bare.split()) > 4:
        return False
    # "U8." is "U.S." with its S read as the digit it looks like.
    key = re.sub(r"[^A-Z]", "", _plain(bare.translate(_S_DIGITS)).upper())
    if key in _US_FORMS or (bare.isupper() and bare.isalpha() and bare in _ALPHA3):
        return True
    return _plain(bare) in _PLAIN_COUNTRY_SET


def _garbled_cell(page: PageText, confidences: Sequence[float], start: int, end: int) -> bool:
    """One short word OCR was unsure of, no value code ("cir4", "PO}")."""
    idx = page.word_indices_for_span(start, end)
    if len(idx) != 1 or confidences[idx[0]] >= LOW_CONFIDENCE:
        return False
    word = page.words[idx[0]].text
    return len(word) <= 6 and re.sub(r"[^A-Za-z0-9]", "", word).upper() not in _NOT_LABELS


def _cut_value_on(
    page: PageText, li: int, label_start: int, start: int, end: int
) -> tuple[int, int] | None:
    """The rest of the value `start:end` on the next line, when the next column cut
    it: that line is one short cell, right under the label and value, starting
    between the label's left edge and the value's, and no label."""
    text = page.text
    line = page.lines[li]
    if end >= line.end or text[end] != "\t" or start >= end or li + 1 >= len(page.lines):
        return None
    nxt = page.lines[li + 1]
    label = page.boxes_for_span(label_start, start)
    value = page.boxes_for_span(start, end)
    if not label or not value or nxt.end_word <= nxt.first_word:
        return None
    height = max(1.0, value[0].height)
    after = page.word_indices_for_span(end + 1, line.end)
    column_end = page.words[after[0]].rect.x0 if after else math.inf
    # The next line's cells under this label's column: those left of it belong
    # to another column ("ALIAS /" over a garbled "NICKNAME" beside the wrapped
    # "(Podlaskie), Poland"), and a row of the grid starts under the label.
    cells: list[tuple[int, int]] = []
    for a, b in _tab_cells(text, nxt.start, nxt.end):
        idx = page.word_indices_for_span(a, b)
        x0 = page.words[idx[0]].rect.x0 if idx else math.inf
        if idx and label[0].x0 - height <= x0 < column_end:
            cells.append((a, b))
    if len(cells) != 1:
        return None
    cell = text[cells[0][0] : cells[0][1]]
    first = page.words[page.word_indices_for_span(*cells[0])[0]].rect
    if (
        len(cell.split()) > 3
        or _labelish(cell)
        or form_labels.header_cell(cell.strip().rstrip(_LABEL_PUNCT)) is not None
        or not label[0].x0 - height <= first.x0 <= value[0].x0 + height
        or nxt.rect.y0 - line.rect.y1 > height
    ):
        return None
    return cells[0]


# A value cut after a hyphen at the end of a line goes on at the start of the
# next: "A# 279-665-" over "754. He identified ..." (the A-number recognizer
# reads it too, but the label's value must not end at the line either).
_HYPHEN_CONTINUATION = re.compile(r"\n[ \t]*([0-9A-Za-z]+(?:-[0-9A-Za-z]+)*)")


def _wrapped_on(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    if end <= start or text[end - 1] != "-":
        return span
    m = _HYPHEN_CONTINUATION.match(text, end)
    return (start, m.end(1)) if m else span


# A country OCR misread after a cue that says what it is ("a citizen of
# Hondvras", "born in Guatemaia"): no gazetteer knows the reading, but it is
# a few edits from a country's name (one per five letters, at most two). Only
# words OCR was unsure of; a word it read with confidence is as printed.
_COUNTRY_CUE = re.compile(
    r"(?i)\b(?:(?P<nat>citizen|national|subject)|(?P<pob>born|native))[ \t\n]+(?:of|in)"
    r"[ \t\n]+(?:the[ \t\n]+)?"
)
_COUNTRY_NAMES = tuple(
    sorted(
        {
            n
            for c in pycountry.countries
            for n in (c.name, getattr(c, "common_name", None))
            if n and not any(ch in n for ch in ",()")
        }
    )
)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _plain_letters(text: str) -> str:
    """The letters of `text`, plain (`_plain`)."""
    return "".join(c for c in _plain(text) if c.isalpha())


_PLAIN_COUNTRIES = tuple((_plain(n), n) for n in _COUNTRY_NAMES)
_PLAIN_COUNTRY_SET = frozenset(p_ for p_, _ in _PLAIN_COUNTRIES)


def _misread_countries(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    text = page.text
    for m in _COUNTRY_CUE.finditer(text):
        first = page.word_indices_for_span(m.end(), m.end() + 1)
        if not first:
            continue
        i = first[0]
        for n in (1, 2, 3):
            idx = list(range(i, min(i + n, len(page.words))))
            if len(idx) < n or page.words[idx[-1]].line != page.words[i].line:
                break
            start = max(m.end(), page.word_starts[i])
            end = page.word_starts[idx[-1]] + len(page.words[idx[-1]].text)
            while end > start and not text[end - 1].isalnum():
                end -= 1
            reading = text[start:end]
            low = min(confidences[k] for k in idx)
            if low >= LOW_CONFIDENCE or not reading or "\t" in reading:
                continue
            plain = _plain(reading)
            allowed = min(2, max(1, len(plain) // 5))
            near = {name for p_, name in _PLAIN_COUNTRIES if _near(plain, p_, allowed)}
            if len(near) != 1:
                continue
            category = Category.NATIONALITY if m.group("nat") else Category.PLACE_OF_BIRTH
            out.append(
                UncertainValue(
                    category, start, end, page.boxes_for_span(start, end), low / 100.0, True
                )
            )
            break
    for m in _BORN_IN_STATE.finditer(text):
        start, end = m.start("v"), m.end("v")
        v = _doubtful_at(page, confidences, Category.PLACE_OF_BIRTH, start, end)
        if v is not None:
            out.append(v)
    return (
        out
        + _country_misreadings(page, confidences)
        + _garbled_towns(page, confidences)
        + _demonyms_before_national(page, confidences)
    )


# A person's nationality before "national" or "citizen" ("she is a Vi ietnamese
# national": a word split, a letter doubled): whatever stands between the article
# and the noun is what the person is a national of, however OCR read it. One or
# two words, capitalised as a demonym is (a "senior citizen" is no nationality),
# one of them read unsure; a sure reading is the recognizers' to judge.
_BEFORE_NATIONAL = re.compile(
    r"(?i:\b(?:is|was|are|were|be|being|as)[ \t\n]+an?[ \t\n]+)"
    r"(?P<v>[A-Z][^\s\d]{0,19}(?:[ \t][^\s\d]{1,20})?)[ \t\n]+(?i:(?:national|citizen)s?)\b"
)


def _demonyms_before_national(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    for m in _BEFORE_NATIONAL.finditer(page.text):
        found = _doubtful_at(page, confidences, Category.NATIONALITY, m.start("v"), m.end("v"))
        if found is not None and found.doubtful:
            out.append(found)
    return out


# A birthplace in prose whose town OCR garbled past any name's shape ("BORN IN
# £ODZ, POLAND" for Łódź: a mark for its first letter), while the country after
# its comma reads clean: the recognizer's place starts at a capital, and took
# the country alone. Up to three words OCR was unsure of between the cue and a
# comma before a country's name (or a state's code) are the town.
_TOWN_BEFORE_COUNTRY = re.compile(
    r"(?i)\b(?:born|native)[ \t\n]+(?:in|of)[ \t\n]+(?:the[ \t\n]+)?"
    r"(?P<town>[^\s,]+(?:[ \t\n]+[^\s,]+){0,2}),[ \t]*(?:\n[ \t]*)?"
    r"(?P<country>[^\W\d_][^\W\d_.'-]*(?:[ \t][^\W\d_]+){0,2})"
    # ... or a region between them ("Le6n, Guanajuato, Mexico")
    r"(?:,[ \t]*(?:\n[ \t]*)?(?P<after>[^\W\d_][^\W\d_.'-]*(?:[ \t][^\W\d_]+){0,2}))?"
)


def _country_end(m: re.Match[str], group: str) -> int | None:
    """End of the longest run of the group's words that names a country ("EL
    SALVADOR"), or of a state's code ("Gary, IN"); None when they name neither."""
    words = m.group(group).split()
    country = next(
        (k for k in range(len(words), 0, -1) if _plain(" ".join(words[:k])) in _PLAIN_COUNTRY_SET),
        1 if words[0] in _US_STATES else 0,
    )
    return m.start(group) + len(" ".join(words[:country])) if country else None


def _garbled_towns(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    text = page.text
    for m in _TOWN_BEFORE_COUNTRY.finditer(text):
        town = page.word_indices_for_span(m.start("town"), m.end("town"))
        if not town:
            continue
        end = _country_end(m, "country")
        if end is None and m.group("after"):
            # A region between town and country, read sure or not: OCR may split
            # its word ("Mato polskie" for Małopolskie), and recognizers then
            # end the place before it.
            end = _country_end(m, "after")
        elif min(confidences[k] for k in town) >= LOW_CONFIDENCE:
            continue  # town and country read sure: detection's
        if end is None:
            continue
        low = min(confidences[k] for k in page.word_indices_for_span(m.start("town"), end))
        out.append(_doubtful(page, Category.PLACE_OF_BIRTH, m.start("town"), end, low))
    return out


# A birthplace in prose with its US state's code ("born in Gary, IN."): the code
# is part of the place, though "IN" and "OR" are words too.
_BORN_IN_STATE = re.compile(
    r"\b(?:born|Born|BORN)[ \t\n]+(?:in|IN)[ \t\n]+"
    r"(?P<v>[A-Z][A-Za-z.'-]+(?:[ \t][A-Z][A-Za-z.'-]+){0,3},[ \t]*[A-Z]{2})(?![A-Za-z])"
)


# A country the page names ("a citizen of Mexico") read one letter off where it is
# named again ("the Consulate General of Mexice"): a one-word name of five letters
# or more, capitalised as printed, on an OCR word, one edit from the name.
_SINGLE_COUNTRIES = {p_: n for p_, n in _PLAIN_COUNTRIES if " " not in n and len(p_) >= 5}
_CAPITAL_WORD = re.compile(r"(?<![\w-])[A-Z][A-Za-z0-9]{3,}(?![\w-])")


def _country_misreadings(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    words = list(_CAPITAL_WORD.finditer(page.text))
    named = {_plain(m.group()) for m in words} & set(_SINGLE_COUNTRIES)
    return _misread_words(page, confidences, words, named)


def _misread_words(
    page: PageText, confidences: Sequence[float], words: Sequence[re.Match[str]], named: set[str]
) -> list[UncertainValue]:
    """OCR words one edit from one of `named` (and no country as read); two edits
    for a word of nine letters or more read unsure ("Eouadocian")."""
    out: list[UncertainValue] = []
    if not named:
        return out
    for m in words:
        plain = _plain(m.group())
        if plain in _SINGLE_COUNTRIES or plain in named:
            continue
        low = _span_low(page, confidences, m.start(), m.end())
        allowed = 2 if len(plain) >= 9 and low < LOW_CONFIDENCE else 1
        if low < 100.0 and any(_near(plain, n, allowed) for n in named):
            out.append(_doubtful(page, Category.NATIONALITY, m.start(), m.end(), low))
    return out


# ... and a nationality the document names in one word ("Guatemalan", a demonym
# no country list holds) read one letter off on a scan where it comes again ("is
# a Guatemaian national", read sure): words of six letters or more.
_NATIONALITY_WORD = re.compile(r"[A-Z][a-z]{5,}")


def nationality_misreadings(
    page: PageText, confidences: Sequence[float], found: Iterable[str]
) -> list[UncertainValue]:
    """OCR words of `page` one letter off a nationality found in the document."""
    if len(confidences) != len(page.words):
        return []
    named = {_plain(t) for t in found if _NATIONALITY_WORD.fullmatch(t.strip())}
    words = list(_CAPITAL_WORD.finditer(page.text))
    return _misread_words(page, confidences, words, named)


# ... and a demonym OCR read as two words ("is a Mexic: an national"), read sure
# or not: two words of one line whose letters together are a demonym of six
# letters or more, the first capitalised, neither a demonym alone.
_SPLIT_DEMONYM_MIN_LETTERS = 6


@functools.lru_cache(maxsize=4)
def _letter_keys(entries: tuple[str, ...]) -> frozenset[str]:
    keys = (_plain_letters(e) for e in entries)
    return frozenset(k for k in keys if len(k) >= _SPLIT_DEMONYM_MIN_LETTERS)


def split_demonyms(
    page: PageText, confidences: Sequence[float], demonyms: tuple[str, ...]
) -> list[UncertainValue]:
    """Pairs of OCR words of `page` that are one demonym of `demonyms` split."""
    if len(confidences) != len(page.words) or not demonyms:
        return []
    keys = _letter_keys(demonyms)
    letters = [_plain_letters(w.text) for w in page.words]
    out: list[UncertainValue] = []
    for i in range(len(page.words) - 1):
        first, second = page.words[i], page.words[i + 1]
        joined = letters[i] + letters[i + 1]
        if (
            first.line != second.line
            or not first.text[:1].isupper()
            or joined not in keys
            or letters[i] in keys
            or letters[i + 1] in keys
            or min(confidences[i], confidences[i + 1]) >= 100.0
        ):
            continue
        start = page.word_starts[i]
        end = page.word_starts[i + 1] + len(second.text.rstrip(_PHRASE_WORD_EDGE))
        low = min(confidences[i], confidences[i + 1])
        out.append(_doubtful(page, Category.NATIONALITY, start, end, low))
    return out


# ... and a demonym OCR read with its capital as the small letter of the same
# shape ("born in Valencia, Venezuela (venezuelan)."): a word of five letters or
# more whose first letter is one of those, a demonym once that letter is a
# capital. (Others, "polish" for Polish, are words of their own.)
_SAME_SHAPE_SMALL = "cosuvwxz"
_SMALL_CASE_WORD = re.compile(rf"(?<![\w-])[{_SAME_SHAPE_SMALL}][a-z]{{4,}}(?![\w-])")


def small_case_demonyms(
    page: PageText, confidences: Sequence[float], demonyms: tuple[str, ...]
) -> list[UncertainValue]:
    """OCR words of `page` that are a demonym of `demonyms` but for their first
    letter, read as its small twin."""
    if len(confidences) != len(page.words) or not demonyms:
        return []
    keys = _capitalised(demonyms)
    out: list[UncertainValue] = []
    for m in _SMALL_CASE_WORD.finditer(page.text):
        if m.group()[0].upper() + m.group()[1:] not in keys:
            continue
        v = _doubtful_at(page, confidences, Category.NATIONALITY, m.start(), m.end())
        if v is not None:
            out.append(v)
    return out


# A language whose name has apostrophes (Q'anjob'al, K'iche'), one read as a
# small l, a bar or a digit, lost, or with a space after it ("conducted in
# Qlanjob'al", "Q' anjob'al"): the language recognizer knows only the name as
# written, and no other word is spelt so.
_APOSTROPHE_READ = "['’`´lI1|!i]?"


def _as_written(name: str) -> str:
    return name.casefold().replace("’", "'")


@functools.lru_cache(maxsize=4)
def _apostrophe_languages(
    languages: tuple[str, ...],
) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """The readings of the languages with apostrophes, and every language as
    written (`_as_written`); built once per gazetteer, not per page."""
    names = sorted((n for n in languages if "'" in n or "’" in n), key=len, reverse=True)
    if not names:
        return None

    # Inside a name, a space may be read after the apostrophe too ("Q' anjob'al").
    def reading(name: str) -> str:
        return "".join(
            (_APOSTROPHE_READ + ("[ ]?" if k + 1 < len(name) else ""))
            if c in "'’"
            else re.escape(c)
            for k, c in enumerate(name)
        )

    readings = (reading(name) for name in names)
    pattern = re.compile(rf"(?<![\w'’])(?:{'|'.join(readings)})(?![\w'’])", re.IGNORECASE)
    return pattern, frozenset(map(_as_written, languages))


def misread_languages(
    page: PageText, confidences: Sequence[float], languages: tuple[str, ...]
) -> list[UncertainValue]:
    """OCR words of `page` that read a language of `languages` whose apostrophes
    OCR read as another glyph or lost (not the name as written: the recognizer's)."""
    built = _apostrophe_languages(languages)
    if len(confidences) != len(page.words) or built is None:
        return []
    pattern, written = built
    out: list[UncertainValue] = []
    for m in pattern.finditer(page.text):
        if _as_written(m.group()) in written:
            continue
        v = _doubtful_at(page, confidences, Category.LANGUAGE, m.start(), m.end())
        if v is not None:
            out.append(v)
    return out


@functools.lru_cache(maxsize=4)
def _capitalised(entries: tuple[str, ...]) -> frozenset[str]:
    return frozenset(e for e in entries if e[:1].isupper() and e[1:].islower())


def _span_low(page: PageText, confidences: Sequence[float], start: int, end: int) -> float:
    """The lowest confidence of the words text[start:end] touches (100: none, or
    text-layer words only)."""
    return min((confidences[k] for k in page.word_indices_for_span(start, end)), default=100.0)


# Identifiers whose OCR reading no recognizer knows, found on OCR pages only.
# A VIN has no I, O or Q, so where OCR reads one it read a 1 or a 0
# ("JTDTOMY1990052807"), and a space OCR put inside it ("2C3XJ 09N58T444221")
# is none: up to three pieces on a line, 17 characters when folded, with a
# valid check digit or right after "VIN". An A-number after an "A" prefix whose
# digits OCR grouped unevenly ("A 2123 45678"): eight or nine digits in groups.
_VIN_FOLD = str.maketrans("OoQqIil", "000011" + "1")
_VIN_CHARS = re.compile(r"[A-HJ-NPR-Z0-9]{17}")
# A VIN's serial, its last characters, is digits on most vehicles.
_VIN_MIN_DIGITS = 4
_PIECE_PUNCT = "().,;:"
_VIN_SPECKS = "$§'`’"
_VIN_NEAR = re.compile(r"[A-HJ-NPR-Z0-9]{16,18}")
_VIN_CUE = re.compile(r"(?i)\bV\.?I\.?N\.?\W{0,3}$")
# A speck between the groups reads as a mark ("A 294'196 179", "A 245 165) 734").
_A_DIGIT_GROUP = r"\d+(?:[ -]|['`.,)] ?)"
_A_SPACED = re.compile(rf"(?<![\w#/-])A[ -]?((?:{_A_DIGIT_GROUP}){{1,3}}\d+)(?![\w-])")
# ... or with its "A" ending the line and its digits opening the next.
_A_WRAPPED = re.compile(rf"(?<![\w#/-])A[ \t]*\n[ \t]*((?:{_A_DIGIT_GROUP}){{0,3}}\d+)(?![\w-])")
# An Illinois licence or ID number (a letter and 11 digits, 4-4-4) with a space
# OCR put inside a group ("J170-1 124-2100"): exactly one space, and the shape
# whole once it is gone.
_DL_SPACED = re.compile(r"(?<![\w-])([A-Z][\d-]{2,13} [\d-]{1,13})(?![\w-])")
_DL_SHAPE = re.compile(r"[A-Z]\d{3}-?\d{4}-?\d{4}")
# Its letter O read as a zero ("0929-9796-0687"): grouped 4-4-4, or twelve
# digits in a row right after an ID or licence cue ("ID#: 057070222219").
# After such a cue, its letter read as the digit it looks like ("DL # - 2441-4821-7994":
# Z as 2; S as 5, B as 8, G as 6, I or L as 1).
_DL_ZERO = re.compile(
    # "$" and "§" are an "S" as OCR prints it ("IL DL no. $313 0105 0380").
    r"(?<![\w-])(?P<lead>[0125689$§])"
    r"(?:\d{3}(?P<sep>[- ])\d{4}(?P=sep)\d{4}|(?P<bare>\d{11}))(?![\w-])"
    # Its letter lost, after a cue: 3-4-4 ("DRIVER'S LIC. NO. 746 1645 0478").
    r"|(?<![\w-])(?P<lost>\d{3}(?P<sep2>[- ])\d{4}(?P=sep2)\d{4})(?![\w-])"
    # A speck read as one more glyph before it, after a cue ("IL DL no. 7Z809-...").
    r"|(?<![\w-])(?P<plus>[0-9A-Za-z][A-Z]\d{3}(?P<sep3>[- ])\d{4}(?P=sep3)\d{4})(?![\w-])"
)
_DL_CUE = re.compile(r"(?i)\b(?:ID|DL|LIC|LICENSE|LICENCE|TVDL)(?:\W{0,3}(?:NO|#)\.?)?\W{0,6}$")
# Its letter read in small case ("p688-5371-9479" for D688-...): grouped 4-4-4 as
# printed, a shape no other number on a report has.
_DL_SMALL = re.compile(r"(?<![\w-])[a-z]\d{3}-\d{4}-\d{4}(?![\w-])")
# ... or a zero among its digits read as the letter O ("BO3869208504" for
# B03869208504): the shape whole once that one O is a zero.
_DL_LETTER_O = re.compile(r"(?<![\w-])[A-Z]([\dO]{3}(-?)[\dO]{4}\2[\dO]{4})(?![\w-])")
# An A-number right after words that name one ("A-number as", "ALIEN REG",
# "alien registration no.", "A#", "A-FILE"), on the line or at the start of the
# next, whose "A" OCR dropped ("213322363.") or read as a digit or letter
# ("A# 4268135441"), or whose groups it spaced or specked ("ALIEN REG 268 135 441"):
# eight to ten digits (nine, or eight for an old number, and one more when the
# "A" was read as a digit), in up to four groups.
_A_CUE = re.compile(
    # "NUMBER" may carry a thin mark OCR read inside it ("A-Numiber:").
    r"(?i)(?<![\w-])(?:A[ \t]?-?[ \t]?(?:#|NO\b\.?|NU[MN][il1|!]?[B8]ER\b|FILE\b)"
    # "A#" with its "#" read as a thin letter or mark ("bore Ai 067-676-787.", "Af"):
    # only before the A-number's own printed shape, three dashed groups of three.
    rf"|A{_A_HASH_READ}(?=[ \t]+\d{{3}}-\d{{3}}-\d{{3}}(?![\w-]|[.,]\d))"
    r"|ALIEN(?:[ \t]+REG(?:ISTRATION)?\b\.?)?(?:[ \t]*(?:NO\b\.?|#|NUMBER\b))?)"
    r"(?:[ \t]*[:#=—–-])*[ \t]*(?:(?:is|as|of|was|reads?)\b)?[ \t]*\n?[ \t]*"
)
# An IR number after its label with the "I." read as "L", "1" or "T" ("LR. # -
# 66531493", "TRNO. 38948028"), which no label rule knows.
# Its "R" in small case and "No" in title case ("Tr No - 906419") too, "no." in
# prose ("assigned IR no. §22373."), a speck read before it ("TLR. #:"), and a
# first 5 read "§" or "$", and its "I" read as two letters ("LLR. # - 6337923").
_IR_MISREAD = re.compile(
    r"(?<![\w.])[TL]?[IL1l|T]\.?[Rr]\.?[ \t]*(?:#|[Nn][OoQ0Cc]\b[.,]?)[ \t]*(?:[:#-][ \t]*)*"
    r"(?P<n>[§$]\d{5,8}|\d{6,9})(?![\w-])"
)
# An SSN after the short label "SOC" as OCR reads it ("Soc: 600461183", "S0C # -
# 563 75 4665", "$OC:", "soc -"): marked by a colon, "#" or a dash, nine digits, 3-2-4.
_SSN_MISREAD = re.compile(
    r"(?<![\w.])[Ss$5][Oo0][Cc]\.?[ \t]*(?:#|N[Oo]\b\.?)?[ \t]*[:#-][ \t]*(?:[:#-][ \t]*)*"
    r"(?P<n>\d{3}[ =-]?\d{2}[ =-]?\d{4})(?![\w-])"
)
# A state ID (SID) after its cue with its "IL" read "1L" and a space OCR put
# among the digits ("SID 1L8034581 1.", "SID 1L91290565."), or both its letters
# read "1" ("STATE ID (SID): 1169310187"): eight to ten digits.
_SID_MISREAD = re.compile(
    r"\bSID\b\)?[ \t]*(?:#|NO\b\.?)?[ \t]*[:#-]*[ \t]*"
    r"(?P<n>[1lI|!][L1][ \t]?(?=(?:\d[ \t]?){8,10}(?![\w-]))\d+(?:[ \t]\d+)?)"
)
# An FBI number after its label misread ("PBI#: 419442025", "EB1 #"): seven to
# ten letters and digits, five or more of them digits.
_FBI_MISREAD = re.compile(
    r"(?<![\w.])[FPE]\.?B\.?[I1l|]\.?[ \t]*(?:#|NO\b\.?)?[ \t]*[:#-]*[ \t]*"
    # its letters may be read in small case ("5627652Dx5")
    r"(?P<n>(?=(?:[A-Za-z]*\d){5})[0-9A-Za-z]{7,10})(?![\w-])"
)
# The bare Illinois SID ("IL" and 8 digits, which nothing else on a report
# shares; see police.SidNumberRecognizer) with its "I" read as a digit or bar
# ("1L69340045"): uncued, so on one word alone, the mark and "L" in capitals.
_SID_BARE_MISREAD = re.compile(r"(?<![\w-])(?P<n>[1l|!]L\d{8})(?![\w-])")
# A visa foil number after its cue with letters read for its digits
# ("VISA FOIL NO. PI15S3511" for P1153511, "visa foil noe PLLosoi1."): no visa's
# shape as read. Three digits at least, or one in a word OCR was unsure of.
_VISA_MISREAD = re.compile(
    r"(?i:\bVISA(?:[ \t]+FOIL)?[ \t]*(?:#|NO[a-z]?\b\.?))[ \t]*[:#-]*[ \t]*"
    r"(?P<n>(?=(?:[A-Za-z§$|!]*\d))[A-Za-z0-9§$|!]{7,10})(?=[.,;:]?(?:\s|$))"
)
# An FBI number (UCN) whose label OCR garbled past reading ("Les 4094638SD8" for
# "FBI NO."): six or seven digits, two capitals and a digit, a shape no other
# number on a report has. On OCR words only, as every rule here.
_FBI_BARE = re.compile(r"(?<![\w-])(?P<n>\d{6,7}[A-Z]{2}\d)(?![\w-])")
# A phone's "+1" with its 1 read as a letter or a mark ("+E" at a line's end, the
# number on the next; "+! 331-290-4363"): detection's phone starts at the area
# code, and the "+1" would stay printed. The whole, "+" to the last digit.
_MISREAD_PLUS_ONE = re.compile(
    r"(?<!\S)(?P<n>\+[^\s\d+][ \t]*(?:\n[ \t]*)?\(?[2-9]\d{2}\)?[-. ]?\d{3}[-. ]?\d{4})(?![\w-])"
)
# A CB number after its label with the "#" read as a letter ("CBH 34827375"), or
# "CB NO." with its space lost, a speck read in it or its O lost ("CBINO,", "CBN.").
_CB_MISREAD = re.compile(
    r"(?<![\w.])CB(?:[Hf¥t]|[I1l|]?N[O0]?[.,:]?)[ \t]*(?:[:#-][ \t]*)*(?P<n>\d{8})(?![\w-])"
)
# ... or with a space OCR put among its eight digits ("(CB 182021 13)").
_CB_SPLIT = re.compile(
    r"(?<![\w.])CB[ \t]*(?:#|NO\b\.?)?[ \t]*(?:[:#-][ \t]*)*"
    r"(?P<n>(?=(?:\d[ \t]?){8}(?![ \t]?\d))\d+[ \t]\d+)(?![\w-])"
)
_CUED_NUMBERS = (
    (_IR_MISREAD, Category.IR_NUMBER),
    (_CB_MISREAD, Category.CB_NUMBER),
    (_CB_SPLIT, Category.CB_NUMBER),
    (_FBI_BARE, Category.FBI_NUMBER),
    (_VISA_MISREAD, Category.VISA),
    (_SID_MISREAD, Category.SID_NUMBER),
    (_SID_BARE_MISREAD, Category.SID_NUMBER),
    (_FBI_MISREAD, Category.FBI_NUMBER),
    (_SSN_MISREAD, Category.SSN),
    (_MISREAD_PLUS_ONE, Category.PHONE),
)
_A_CUED_VALUE = re.compile(
    r"[A-Za-z#]?[ \t]?-?(?P<digits>\d+(?:(?:[ -]|['`.,] ?)\d+){0,3})(?![\w-]|[.,]\d)"
)


def _doubtful(
    page: PageText, category: Category, start: int, end: int, low: float
) -> UncertainValue:
    """An identifier OCR read at confidence `low` (0-100) at `start:end`."""
    return UncertainValue(
        category, start, end, page.boxes_for_span(start, end), low / 100.0, low < LOW_CONFIDENCE
    )


def _doubtful_at(
    page: PageText, confidences: Sequence[float], category: Category, start: int, end: int
) -> UncertainValue | None:
    """`_doubtful` for the words at `start:end`, when OCR read any of them (a
    text-layer word has confidence 100 and is detection's, not OCR's)."""
    low = _span_low(page, confidences, start, end)
    return _doubtful(page, category, start, end, low) if low < 100.0 else None


def _identifiers(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    text = page.text
    for line in page.lines:
        idx = range(line.first_word, line.end_word)
        for i in idx:
            for n in (1, 2, 3):
                j = i + n
                if j > line.end_word:
                    break
                start = page.word_starts[i]
                end = page.word_starts[j - 1] + len(page.words[j - 1].text)
                piece = text[start:end]
                if "\t" in piece or min(confidences[k] for k in range(i, j)) >= 100.0:
                    continue
                while start < end and text[start] in _PIECE_PUNCT:
                    start += 1
                while end > start and text[end - 1] in _PIECE_PUNCT:
                    end -= 1
                raw = text[start:end].replace(" ", "")
                # A speck inside it read as a mark ("KNADFATMIEW$858969"): one, dropped.
                marks = [c for c in raw if c in _VIN_SPECKS]
                if len(marks) == 1:
                    raw = raw.replace(marks[0], "")
                if not 16 <= len(raw) <= 18 or not raw.isalnum():
                    continue
                vin = raw.upper().translate(_VIN_FOLD)
                if vin.isdigit() or vin.isalpha():
                    continue
                cued = _VIN_CUE.search(text, max(0, start - 12), start) is not None
                if not cued and sum(ch.isdigit() for ch in raw) < _VIN_MIN_DIGITS:
                    # Words whose O's and I's fold to digits ("ARREDONDO SANDOVAL")
                    # pass the check digit one time in eleven: uncued, digits as read.
                    continue
                if _VIN_CHARS.fullmatch(vin):
                    if not (cued or identity.vin_check_digit_ok(vin)):
                        continue
                # Right after "VIN", a glyph OCR added or lost ("VIN 1G14 FHLXY8CY229069").
                elif not (cued and _VIN_NEAR.fullmatch(vin)):
                    continue
                low = min(confidences[k] for k in range(i, j))
                out.append(_doubtful(page, Category.VEHICLE, start, end, low))
                break  # the shortest reading from this word
        segment = text[line.start : line.end]
        for m in _DL_SPACED.finditer(segment):
            if not _DL_SHAPE.fullmatch(m.group(1).replace(" ", "")):
                continue
            start, end = line.start + m.start(1), line.start + m.end(1)
            found = _doubtful_at(page, confidences, Category.DRIVERS_LICENSE, start, end)
            if found is not None:
                out.append(found)
        for m in _DL_SMALL.finditer(segment):
            start, end = line.start + m.start(), line.start + m.end()
            found = _doubtful_at(page, confidences, Category.DRIVERS_LICENSE, start, end)
            if found is not None:
                out.append(found)
        for m in _DL_LETTER_O.finditer(segment):
            if m.group(1).count("O") != 1:
                continue
            start, end = line.start + m.start(), line.start + m.end()
            found = _doubtful_at(page, confidences, Category.DRIVERS_LICENSE, start, end)
            if found is not None:
                out.append(found)
        for m in _DL_ZERO.finditer(segment):
            start, end = line.start + m.start(), line.start + m.end()
            # The cue may end the line before ("driver's license" / "no. $923-...").
            # "$375-9264-9878": an S read as "$", dashed as printed, needs no cue.
            dashed_s = m.group("lead") in ("$", "§") and m.group("sep") == "-"
            if (
                (m.group("bare") or m.group("lead") != "0")
                and not dashed_s
                and _DL_CUE.search(text, max(0, start - 12), start) is None
            ):
                continue
            found = _doubtful_at(page, confidences, Category.DRIVERS_LICENSE, start, end)
            if found is not None:
                out.append(found)
        for m in _A_SPACED.finditer(segment):
            digits = re.sub(r"\D", "", m.group(1))
            if len(digits) not in (8, 9) or len(set(digits)) <= 1:
                continue
            start, end = line.start + m.start(), line.start + m.end()
            found = _doubtful_at(page, confidences, Category.A_NUMBER, start, end)
            if found is not None:
                out.append(found)
    # "... bears the number A" / "215.2997-022..": the "A" ends its line, the digits
    # open the next, a speck read as one more digit at most.
    for m in _A_WRAPPED.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if len(digits) not in (8, 9, 10) or len(set(digits)) <= 1:
            continue
        found = _doubtful_at(page, confidences, Category.A_NUMBER, m.start(), m.end())
        if found is not None:
            out.append(found)
    out += _cued_a_numbers(page, confidences)
    out += _split_birth_dates(page, confidences)
    out += _dates_beside_their_age(page, confidences)
    out += _garbled_plates(page, confidences)
    for pattern, category in _CUED_NUMBERS:
        for m in pattern.finditer(text):
            labelled = _doubtful_at(page, confidences, category, m.start("n"), m.end("n"))
            if (
                labelled is not None
                and category is Category.VISA
                and not labelled.doubtful
                and sum(c.isdigit() for c in m.group("n")) < 3
            ):
                continue  # read with confidence: a word, not a garbled number
            if labelled is not None:
                out.append(labelled)
    out += _split_contacts(page, confidences)
    out += _smt_without_dash(page, confidences)
    out += _wrapped_phones(page, confidences)
    out += _bare_phone_cells(page, confidences)
    out += _garbled_addresses(page, confidences)
    return out


# A date of birth with a space OCR put inside it ("DOB 12-OCT-1 961,", "DOB
# 09/1 2/1989", "DOB 18 -FEB 1998", "DOB 26-dUL 1972"), or wrapped at a line's end
# ("(DOB 12-20-" over "1975),"): no date as read, so no recognizer's. After a DOB
# cue, two or three pieces that are one date once the spaces go: day, month (in
# digits or three letters, of any case) and year, or year, month and day.
_SPLIT_DATE_CUE = re.compile(
    r"(?i)(?:\bDOB|\bD\.O\.B\.?|\bDATE OF BIRTH|\bborn on)[ \t]*[:.-]?[ \t]*(?=\d)"
)
_DATE_PIECE = re.compile(r"[0-9A-Za-z/.,-]{1,11}")


def _date_parts(text: str) -> bool:
    parts = [p for p in re.split(r"[\s/.,-]+", re.sub(r"(?<=\d)\s+(?=\d)", "", text)) if p]
    if len(parts) != 3:
        return False
    if re.fullmatch(r"(?:19|20)\d\d", parts[0]):
        parts = parts[::-1]  # ISO: year, month, day
    first, second, year = parts

    def day(p: str) -> bool:
        return re.fullmatch(r"\d{1,2}", p) is not None and 1 <= int(p) <= 31

    def month(p: str) -> bool:
        return (p.isdigit() and len(p) <= 2 and 1 <= int(p) <= 12) or (p.isalpha() and len(p) == 3)

    # Day and month either way round: "12-20-1975" as the US writes it, "18 FEB".
    return ((day(first) and month(second)) or (month(first) and day(second))) and (
        re.fullmatch(r"(?:19|20)\d\d", year) is not None
    )


# A date with an AGE beside it that it is the age at ("EASE bee ere  27 Feb 2001 :
# AGE 24", its DATE OF BIRTH label garbled past reading): a date of birth. An
# arrest's or a report's date and the age of its subject add up to decades on.
_DATE_THEN_AGE = re.compile(
    rf"(?P<n>{_DATE.pattern})[ \t:;|]*\bAGE\b[ \t]*[:.]?[ \t]*(?P<age>\d{{1,3}})(?!\d)"
)


def _dates_beside_their_age(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    for m in _DATE_THEN_AGE.finditer(page.text):
        years = _YEAR.findall(m.group("n"))
        if len(years) == 1 and _age_fits_birth_year(int(years[0]), int(m.group("age"))):
            found = _doubtful_at(page, confidences, Category.DATE_OF_BIRTH, *m.span("n"))
            if found is not None:
                out.append(found)
    return out


def _split_birth_dates(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    text = page.text
    for cue in _SPLIT_DATE_CUE.finditer(text):
        pieces: list[re.Match[str]] = []
        at = cue.end()
        while len(pieces) < 3:
            piece = _DATE_PIECE.match(text, at)
            if piece is None:
                break
            pieces.append(piece)
            gap = re.match(r" |[ \t]*\n[ \t]*", text[piece.end() : piece.end() + 8])
            if gap is None:
                break
            at = piece.end() + gap.end()
        # The longest run of pieces that is a date; one piece alone is detection's.
        for last in range(len(pieces), 1, -1):
            start, end = cue.end(), pieces[last - 1].end()
            while end > start and text[end - 1] in ".,;:-)":
                end -= 1
            if _date_parts(text[start:end]):
                found = _doubtful_at(page, confidences, Category.DATE_OF_BIRTH, start, end)
                if found is not None:
                    out.append(found)
                break
    return out


# A phone number wrapped at a line's end with a dash OCR read as "=" ("630-=" over
# "760-7111.", "1=331=" over "688-8459"): the area code (and a leading 1), then
# the rest at the start of the next line.
_WRAPPED_PHONE = re.compile(
    r"(?<![\w.=-])(?:1[-=.])?\(?\d{3}\)?(?=[-=.]*=)[-=.]{1,3}[ \t]*\n[ \t]*\d{3}[-=.]\d{4}(?![\w-])"
    r"|(?<![\w.=-])(?:1[-=.])?\(?\d{3}\)?[-.]{1,2}[ \t]*\n[ \t]*\d{3}=\d{4}(?![\w-])"
    # ... or wrapped before its last four digits ("1=312-366-=" over "0034").
    r"|(?<![\w.=-])(?:1[-=.])?\(?\d{3}\)?[-=.]\d{3}(?=[-=.]*=)[-=.]{1,3}[ \t]*\n[ \t]*"
    r"\d{4}(?![\w-])"
)


# A phone with its area code's "(" lost to a speck or a border ("suo 847)
# 543-6023"), a dot read as a comma, or wrapped after its area code in parentheses ("PH (708)" over
# "404-3687"): no phone as read, for a recognizer reads a line at a time.
_PHONE_PAREN_LOST = re.compile(
    r"(?<![\w(])\d{3}\)[ \t]?\d{3}[-.]\d{4}(?![\w-])"
    # ... or a dot between its groups read as a comma ("630,860.1825.").
    r"|(?<![\w.,-])\d{3}(?:,\d{3}[-.]|[-.]\d{3},)\d{4}(?![\w-])"
    r"|(?<![\w(])\(\d{3}\)[ \t]*\n[ \t]*\d{3}[-.]\d{4}(?![\w-])"
)


# Ten digits run together as a phone number is dialled (area code and exchange
# from 2-9), alone in a cell, after a short label in capitals no form knows
# ("PHE: 7794522277") or after a short garbled word ("cone 3122566181"), when the
# cell before it is no label as read: OCR garbled its label ("oe  2245642651",
# "Araceli Lujan  cone  3122566181"). Detection asks a phone cue before ten bare
# digits (event and report numbers have ten too); a number under a known label
# of another kind ("EVENT #") is left to detection.
_BARE_PHONE_CELL = re.compile(
    r"(?:(?P<label>[A-Z]{2,6}):[ \t]*|[a-z]{1,5}[ \t]+)?(?P<n>[2-9]\d{2}[2-9]\d{6})[.,;]?"
)
_NUMBER_LABEL_MARK = re.compile(r"#|\bN[O0]\b|:\s*$", re.IGNORECASE)


def _bare_phone_cells(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    text = page.text
    for line in page.lines:
        cells = _tab_cells(text, line.start, line.end)
        for n, (start, end) in enumerate(cells):
            part = text[start:end]
            prior = text[cells[n - 1][0] : cells[n - 1][1]] if n else ""
            m = _BARE_PHONE_CELL.fullmatch(part.strip())
            if m is None:
                continue
            label = m.group("label")
            if label is not None and form_labels.single_label(label) is not None:
                continue
            if prior.strip() and (
                form_labels.single_label(prior.strip()) is not None
                or _label_matches(prior)
                or _NUMBER_LABEL_MARK.search(prior) is not None
            ):
                continue
            offset = start + len(part) - len(part.lstrip()) + m.start("n")
            found = _doubtful_at(
                page, confidences, Category.PHONE, offset, offset + len(m.group("n"))
            )
            if found is not None:
                out.append(found)
    return out


def _wrapped_phones(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    for m in [*_WRAPPED_PHONE.finditer(page.text), *_PHONE_PAREN_LOST.finditer(page.text)]:
        found = _doubtful_at(page, confidences, Category.PHONE, m.start(), m.end())
        if found is not None:
            out.append(found)
    return out


# An address in prose with a comma OCR read as a full stop after the street
# ("4672 N. Kildare Ave. Chicago, IL 60634"), so it ends there for detection, a
# semicolon after its unit ("Unit 3;"), a speck after its state ("FRANKLIN PARK,
# IL, 60131", a city in capitals as typed reports print it), its direction "S"
# read as a 5 or a sign ("10762 5 Ridgeway Ave"), its "Pl" read "PI", or with its
# state garbled ("!L",
# "Apt" over "204, Chicago, Ik 60616."): a house number, the street and its type,
# a unit, a city, a state and a ZIP code, over at most one line break. Only such
# readings (a plain address is detection's, with its role).
_US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
    "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
_GAP = r"(?:[ \t]+(?:\n[ \t]*)?|[ \t]*\n[ \t]*)"
_GARBLED_ADDRESS = re.compile(
    rf"(?<![\w.,-])\d{{1,6}}{_GAP}(?:(?P<dir>[NSEW5$§])\.?{_GAP})?(?:[A-Z\d][\w'-]*{_GAP}){{1,3}}?"
    r"(?P<type>(?i:ave|avenue|st|street|rd|road|blvd|dr|drive|pl|ct|ln|pkwy|way|ter|hwy)|PI)"
    r"(?P<stop>[.,]?)"
    rf"(?:{_GAP}(?i:apt|unit|ste|#)\.?(?:{_GAP})?#?\w{{1,5}}(?P<unit>[.,;]?))?"
    rf"{_GAP}(?P<city>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?|[A-Z]{{3,}}(?:[ \t]+[A-Z]{{3,}})?),"
    rf"{_GAP}(?P<state>[A-Z!|1][A-Za-z])(?P<speck>[,.]?){_GAP}\d{{5}}(?![\w-])"
)


def _garbled_addresses(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    for m in _GARBLED_ADDRESS.finditer(page.text):
        # Garbled: a full stop after the street, a semicolon after the unit, a
        # speck after the state ("PARK, IL, 60131"), or the state itself.
        if (
            m.group("stop") != "."
            and m.group("type") != "PI"
            and m.group("unit") != ";"
            and not m.group("speck")
            and m.group("dir") not in ("5", "$", "§")
            and m.group("state") in _US_STATES
        ):
            continue
        found = _doubtful_at(page, confidences, Category.ADDRESS, m.start(), m.end())
        if found is not None:
            out.append(found)
    return out


# A scar, mark or tattoo whose " - " before the description OCR lost ("SMT: TAT R
# SHOULDER FEATHER", "TAT L CALF SCRIPT 'LOYALTY' Arabic, LEP"), so the item ends
# at its place for detection: the code and place, then up to four words in
# capitals, to the cell's end, a word in small letters, a label, a list's comma
# or semicolon, or the next item.
_SMT_PLACE = re.compile(rf"(?<![\w-]){person_attrs.SMT_PLACE}")
_SMT_NEXT = re.compile(person_attrs.SMT_START)
_SMT_DESC_WORD = re.compile(r"[A-Z0-9'\"“”&./!?]*[A-Z][A-Z0-9'\"“”&./!?]*[,;]?")


def _smt_without_dash(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    text = page.text
    for line in page.lines:
        segment = text[line.start : line.end]
        for m in _SMT_PLACE.finditer(segment):
            at, end, words = m.end(), m.end(), 0
            # The gap OCR left where the dash was may read as a column's ("TAT R
            # SHOULDER  FEATHER"): then the description is the whole next cell.
            gap = segment[at : at + 1] == "\t"
            while words < 4 and at < len(segment) and (segment[at] == " " or (gap and not words)):
                token = re.match(r"[^ \t]+", segment[at + 1 :])
                if token is None or _SMT_NEXT.match(segment, at + 1) is not None:
                    break
                word = token.group()
                if _SMT_DESC_WORD.fullmatch(word) is None or _is_label_cell(word):
                    break
                at += 1 + len(word)
                end, words = at - (word[-1] in ",;"), words + 1
                if word[-1] in ",;":
                    break
            if words == 0 or (gap and segment[end:].split("\t", 1)[0].strip()):
                continue
            found = _doubtful_at(
                page, confidences, Category.PHYSICAL_MARKS, line.start + m.start(), line.start + end
            )
            if found is not None:
                out.append(found)
    return out


# A phone number or an e-mail address with a space OCR put inside it
# ("630.450.61 13", "(224)899-98 12", "+1 3 12-367-5907", "dariuspaulauskas
# @icloud.com", "RMACARAEG3 9@PROTON . ME"): whole once the spaces are gone.
_PHONE_SHAPE = re.compile(r"(?:\+?1[.-]?)?(?:\(\d{3}\)|\d{3}[.-]?)\d{3}[.-]?\d{4}")
_EMAIL_SHAPE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_CONTACT_EDGE = "\"'`,;:[]{}<>"


def _split_contacts(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    for line in page.lines:
        for i in range(line.first_word, line.end_word):
            word = page.words[i].text
            at = word.find("@")
            if "@" in word:
                if _EMAIL_SHAPE.fullmatch(word.strip(_CONTACT_EDGE + ".()")) is not None:
                    continue  # read whole: detection's
                # From the word with "@" (or the one before, when OCR split its
                # name off it) to the first word that ends the domain.
                first = i - 1 if at < 3 and i > line.first_word else i
            elif not any(c.isdigit() for c in word) or (
                i + 1 < line.end_word and "@" in page.words[i + 1].text
            ):
                continue
            else:
                first = i
            for j in range(i + 1, min(first + 5, line.end_word) + 1):
                span = _contact_span(page, confidences, first, j)
                if span is not None:
                    out.append(span)
                    break
    return out


def _contact_span(
    page: PageText, confidences: Sequence[float], i: int, j: int
) -> UncertainValue | None:
    """Words i..j-1 as one phone number or e-mail address, if they read as one."""
    text = page.text
    start = page.word_starts[i]
    end = page.word_starts[j - 1] + len(page.words[j - 1].text)
    if j - i < 2 or "\t" in text[start:end] or "\n" in text[start:end]:
        return None
    low = min(confidences[k] for k in range(i, j))
    if low >= 100.0:
        return None
    while start < end and (
        text[start] in _CONTACT_EDGE or (text[start] == "(" and ")" not in text[start:end])
    ):
        start += 1
    while end > start and (
        text[end - 1] in _CONTACT_EDGE + "."
        or (text[end - 1] == ")" and "(" not in text[start:end])
    ):
        end -= 1
    joined = text[start:end].replace(" ", "")
    if "@" in joined:
        if _EMAIL_SHAPE.fullmatch(joined) is None:
            return None
        return _doubtful(page, Category.EMAIL, start, end, low)
    # The space OCR put inside a group of digits (between two digits), and any
    # speck it read there as a mark ("708 365 :2533"). An 8 read as a mark or a
    # letter at the start of a spaced number ("&72 828 7956", "e72 722 1334").
    read = text[start:end]
    if re.fullmatch(r"[&eB]\d{2} \d{3} \d{4}", read):
        read = "8" + read[1:]
    digits = re.sub(r"(?<=\d)[ :;'`]+(?=\d)", "", read)
    if re.search(r"\d[ :;'`]*[ ][ :;'`]*\d", read) is None:
        return None
    if _PHONE_SHAPE.fullmatch(digits) is None:
        return None
    return _doubtful(page, Category.PHONE, start, end, low)


# A licence plate after a plate cue ("plate", "registration", "LP#" and its
# reading "LPH"), as OCR garbles it: a space inside a group ("PR 941 50"), a
# mark for a speck ("717) 0257"), a letter in small print ("Dd 01692"), "$" or
# "§" for S, "€" for C, "Q" or "O" for a zero among the digits. Whole once folded: one to
# three letters then digits (three or more), five to eight characters; or
# three digits and four.
_PLATE_CUE_OCR = re.compile(
    r"(?i)(?:\bplates?\b|\bLP[ \t]?[#H]|\bregistration\b|\bREG\b\.?)"
    r"(?:[ \t]*(?:#|no\b\.?|number\b))?[ \t]*[:#=-]*[ \t]*"
)
_PLATE_TOKEN = re.compile(r"[^\s]+")
_PLATE_FOLD = str.maketrans({"$": "S", "§": "S", "€": "C"})
_PLATE_DIGIT_FOLD = str.maketrans({"O": "0", "Q": "0", "D": "0"})
_PLATE_MARKS = ")(|!'`.,;:"
_STATE_CODES = frozenset({"IL", "IN", "WI", "MI", "IA", "MO", "OH", "KY", "MN", "TX", "FL", "CA"})


def _plate_shape(tokens: Sequence[str]) -> bool:
    raw = "".join(
        t.strip(_PLATE_MARKS) if k else t.rstrip(_PLATE_MARKS) for k, t in enumerate(tokens)
    )
    raw = raw.translate(_PLATE_FOLD).upper()
    m = re.fullmatch(r"([A-Z]{0,3})([0-9OQD]{3,7})", raw)
    if m is None or not 5 <= len(raw) <= 8:
        return False
    digits = m.group(2).translate(_PLATE_DIGIT_FOLD)
    return digits.isdigit() and sum(c.isdigit() for c in m.group(2)) >= 3


def _garbled_plates(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    out: list[UncertainValue] = []
    text = page.text
    for cue in _PLATE_CUE_OCR.finditer(text):
        if "alien" in text[max(0, cue.start() - 40) : cue.start()].lower():
            continue  # "alien registration no.": an A-number
        line_end = text.find("\n", cue.end())
        line_end = len(text) if line_end < 0 else line_end
        tab = text.find("\t", cue.end(), line_end)
        tokens = list(_PLATE_TOKEN.finditer(text, cue.end(), tab if tab >= 0 else line_end))[:4]
        if not tokens:
            continue
        firsts = [0]
        if tokens[0].group().strip("/()-") in _STATE_CODES:
            firsts.append(1)
        for first in firsts:
            for last in range(min(first + 3, len(tokens)), first, -1):
                run = tokens[first:last]
                if not _plate_shape([t.group() for t in run]):
                    continue
                start = run[0].start()
                end = run[-1].end()
                while end > start and text[end - 1] in _PLATE_MARKS:
                    end -= 1
                v = _doubtful_at(page, confidences, Category.VEHICLE, start, end)
                if v is not None:
                    out.append(v)
                break
    return out


def _cued_a_numbers(page: PageText, confidences: Sequence[float]) -> list[UncertainValue]:
    """A-numbers right after an A-number cue, as OCR garbles them (see `_A_CUE`)."""
    out: list[UncertainValue] = []
    text = page.text
    for cue in _A_CUE.finditer(text):
        m = _A_CUED_VALUE.match(text, cue.end())
        digits = re.sub(r"\D", "", m.group("digits")) if m is not None else ""
        if m is None or "\n" in m.group() or not 8 <= len(digits) <= 10 or len(set(digits)) <= 1:
            garbled = _garbled_after_cue(page, confidences, cue.end())
            if garbled is not None:
                out.append(garbled)
            continue
        found = _doubtful_at(page, confidences, Category.A_NUMBER, m.start(), m.end())
        if found is not None:
            out.append(found)
    return out


# An A-number after its cue that OCR garbled past its digits' count ("alien
# registration no. A 2138683) Tis" for A 273 837 717): its "A", then the words
# OCR was unsure of up to three, with five digits among them at least.
_A_GARBLED_WORDS = 3
_A_GARBLED_DIGITS = 5


def _garbled_after_cue(
    page: PageText, confidences: Sequence[float], at: int
) -> UncertainValue | None:
    text = page.text
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    tab = text.find("\t", at, line_end)
    tokens = list(_TOKEN.finditer(text, at, tab if tab >= 0 else line_end))
    prefix: int | None = None
    if tokens and re.fullmatch(r"A[#:-]?", tokens[0].group()):
        prefix = tokens[0].start()
        tokens = tokens[1:]
    if prefix is not None:
        shaped = _a_misread_groups(page, confidences, tokens)
        if shaped is not None:
            return _doubtful(page, Category.A_NUMBER, prefix, shaped[0], shaped[1])
    taken: list[re.Match[str]] = []
    low = 100.0
    for t in tokens[:_A_GARBLED_WORDS]:
        conf = _span_low(page, confidences, t.start(), t.end())
        if conf >= LOW_CONFIDENCE:
            break
        taken.append(t)
        low = min(low, conf)
    if sum(c.isdigit() for t in taken for c in t.group()) < _A_GARBLED_DIGITS:
        return None
    start = prefix if prefix is not None else taken[0].start()
    end = taken[-1].end()
    while end > start and text[end - 1] in _PIECE_PUNCT:
        end -= 1
    return _doubtful(page, Category.A_NUMBER, start, end, low)


# Or its groups whole but one digit read as a letter ("A 267 573 P29,"), read
# sure or not: after the "A", two or three groups of two to four letters and
# digits, eight or nine characters in all, every one a digit but one.
_A_GROUP = re.compile(r"[0-9A-Z]{2,4}")


def _a_misread_groups(
    page: PageText, confidences: Sequence[float], tokens: list[re.Match[str]]
) -> tuple[int, float] | None:
    """The end and lowest confidence of an A-number's spaced groups after its
    "A" with one digit read as a letter, or None."""
    text = page.text
    groups: list[tuple[int, str]] = []
    for t in tokens[:3]:
        end = t.end()
        while end > t.start() and text[end - 1] in _PIECE_PUNCT:
            end -= 1
        core = text[t.start() : end]
        if not _A_GROUP.fullmatch(core) or not any(c.isdigit() for c in core):
            break
        groups.append((end, core))
        if end < t.end():
            break  # punctuation closes the number
    chars = "".join(core for _, core in groups)
    digits = sum(c.isdigit() for c in chars)
    if len(groups) < 2 or len(chars) not in (8, 9) or digits != len(chars) - 1:
        return None
    end = groups[-1][0]
    low = _span_low(page, confidences, tokens[0].start(), end)
    return (end, low) if low < 100.0 else None


def _colon_speck(page: PageText, confidences: Sequence[float], start: int, end: int) -> int | None:
    """The end of a one-word value that OCR was unsure of and read with a colon
    after it ("TTALY:"), when the word is no label: a colon there makes a cell
    look like the next label (`_labelish`), and the value would be lost."""
    idx = page.word_indices_for_span(start, end)
    if len(idx) != 1 or confidences[idx[0]] >= LOW_CONFIDENCE:
        return None
    word = page.words[idx[0]].text
    bare = word.rstrip(":")
    if (
        word == bare
        or len(bare) < 3
        or not bare.isalpha()
        or form_labels.single_label(word) is not None
        or _label_matches(bare)
        or any(_near(_label_key(bare), k, 1) for k in _LABEL_KEYS)
    ):
        return None
    # The colon's share of the word's box holds the end of the last letter.
    return page.word_starts[idx[0]] + len(word)


def _value_below(
    page: PageText, li: int, label_start: int, label_end: int
) -> tuple[int, int] | None:
    """The words on the next line that sit under a label with nothing after it."""
    if li + 1 >= len(page.lines):
        return None
    boxes = page.boxes_for_span(label_start, label_end)
    if not boxes:
        return None
    label = boxes[0]
    nxt = page.lines[li + 1]
    if nxt.rect.y0 - label.y1 > 3 * max(1.0, label.height):
        return None
    chosen = [
        i
        for i in range(nxt.first_word, nxt.end_word)
        if page.words[i].rect.x1 > label.x0 - 2
        and page.words[i].rect.x0 < label.x0 + 4 * label.width
    ]
    if not chosen:
        return None
    # Contiguous in the text: from the first chosen word to the end of the last.
    start = page.word_starts[chosen[0]]
    end = page.word_starts[chosen[-1]] + len(page.words[chosen[-1]].text)
    if "\t" in page.text[start:end]:
        end = start + page.text[start:end].index("\t")
    return (start, end)


# -- names as OCR misreads them ------------------------------------------------------------

# A name detection found (in the text layer, or read well elsewhere) comes out
# of OCR with its accents dropped or garbled where it is printed small:
# "Peña" as "Pefia" or "Pena", "Villaseñor" as "Villasefior", "Nicolás" as
# "Nicol4s", "Almánzar" as "Almanzar". Both sides are compared folded
# (`_name_key`): accents dropped, "fi" and "ñ" alike, glyphs OCR confuses made
# one. A reading is that name only when something says OCR changed it: the
# name is accented, the reading has a digit or mark among its letters, or OCR
# was unsure of it. Names of three letters or fewer are not searched for.
_NAME_FOLD = str.maketrans({"4": "a", "0": "o", "1": "l", "i": "l", "|": "l", "!": "l",
                            "5": "s", "$": "s", "8": "b", "2": "z"})  # fmt: skip
_NAME_EDGE = "\"'`.,;:()[]{}"
_POSSESSIVE = re.compile(r"['’`]s$", re.IGNORECASE)


def _name_key(word: str) -> str:
    plain = _plain(word).replace("fi", "n").replace("rn", "m")
    return plain.translate(_NAME_FOLD)


def _name_parts(text: str) -> list[str]:
    """The words of a name, and the pieces of a hyphenated one."""
    parts: list[str] = []
    for token in re.split(r"[\s,]+", text):
        token = _POSSESSIVE.sub("", token.strip(_NAME_EDGE))
        if not token:
            continue
        parts.append(token)
        if "-" in token:
            parts += [p for p in token.split("-") if p]
    return parts


@dataclass(frozen=True, slots=True)
class KnownReading:
    """An OCR word that reads a value found elsewhere (a name, a number): the
    span in PageText.text and the index of the value (in the list given) it
    reads."""

    start: int
    end: int
    known: int
    score: float


# A number found in the document, read again with a digit lost in a garbled word
# ("cps6119528" for "CB#86119528" in a continuation page's header, its "B#8"
# read as "ps"): six digits or more in a row that stand inside a known number
# of seven digits or more; all of it only glued to a letter or digit
# ("cps86119528"), where propagation, which wants whole words, does not look
# (a number read whole and apart is detection's). Its category and role are
# the known number's.
_KNOWN_NUMBER_MIN_DIGITS = 7
_READ_DIGITS_MIN = 6
_DIGIT_RUN = re.compile(rf"\d{{{_READ_DIGITS_MIN},}}")


def number_readings(
    page: PageText, confidences: Sequence[float], numbers: Sequence[str]
) -> list[KnownReading]:
    """OCR words of `page` that read part of one of `numbers` (the whole word,
    marks at its ends left out; `KnownReading.known` indexes `numbers`)."""
    out: list[KnownReading] = []
    if len(confidences) != len(page.words):
        return out
    known = [(n, re.sub(r"\D", "", v)) for n, v in enumerate(numbers)]
    known = [(n, digits) for n, digits in known if len(digits) >= _KNOWN_NUMBER_MIN_DIGITS]
    if not known:
        return out
    for i, word in enumerate(page.words):
        if confidences[i] >= 100.0:
            continue
        hit = next(
            (
                n
                for run in _DIGIT_RUN.finditer(word.text)
                for n, digits in known
                if run.group() in digits and (run.group() != digits or _glued(run))
            ),
            None,
        )
        if hit is None:
            continue
        body = word.text.strip(_NUMBER_WORD_EDGE)
        start = page.word_starts[i] + word.text.index(body)
        out.append(KnownReading(start, start + len(body), hit, confidences[i] / 100.0))
    return out


_NUMBER_WORD_EDGE = "\"'“”‘’()[]{}.,;:"


def _glued(run: re.Match[str]) -> bool:
    word, start, end = run.string, run.start(), run.end()
    return (start > 0 and word[start - 1].isalnum()) or (end < len(word) and word[end].isalnum())


# A long name OCR was unsure of may differ from it by one letter that no fold
# makes alike ("Dumitreacu" for Dumitrescu, "s" read as "a"): with seven letters
# or more and the same first letter, one other letter is no other word a report
# would print, and the reading is that name.
_ONE_OFF_MIN_LETTERS = 7


def _one_letter_off(
    piece: str, keys: Mapping[str, tuple[int, bool, bool]]
) -> tuple[int, bool, bool] | None:
    key = _name_key(piece)
    if len(key) < _ONE_OFF_MIN_LETTERS or not piece[:1].isupper():
        return None
    for known, hit in keys.items():
        if (
            len(known) == len(key)
            and known[0] == key[0]
            and sum(a != b for a, b in zip(known, key, strict=True)) == 1
        ):
            return (hit[0], True, hit[2])  # changed by OCR, as a mark would say
    return None


# A status phrase read with its letters in order but its spacing or marks garbled
# ("previou: sly removed" for "previously removed", "nolegal status"): no phrase
# as read, so no recognizer's. Phrases of eight letters or more, read in a span at
# most a few marks longer than the phrase, no digit in it, whole words at both
# ends (an article glued to its start goes with it); wording about criminal
# parole is the recognizer's to judge (its guard).
_PHRASE_MIN_LETTERS = 8
_PHRASE_EXTRA_MARKS = 4
# ... or with one letter read as another OCR confuses it with at a scan's
# resolution ("A REPUGEE." for A REFUGEE, "PERMAMENT"): only these pairs, so that an English
# word one letter from a phrase ("departed", "deported") is not taken for it.
# Phrases of seven letters or more; nor "a" for "o", for that reason.
_CONFUSED_LETTERS = frozenset(
    frozenset(pair)
    for pair in ("fp", "ef", "pr", "oq", "oc", "ce", "cg", "il", "it", "lt", "uv", "mn")
)
_CONFUSED_MIN_LETTERS = 7


def garbled_phrases(
    page: PageText, confidences: Sequence[float], phrases: Sequence[str]
) -> list[tuple[int, int]]:
    """Spans of page.text where OCR read one of `phrases` garbled (see above)."""
    if len(confidences) != len(page.words) or not phrases:
        return []
    text = page.text
    out = _phrases_in(page, confidences, phrases, *_letter_stream(text, fold_rn=False))
    if "rn" in text:  # else the folded stream is the same one
        out += _phrases_in(page, confidences, phrases, *_letter_stream(text, fold_rn=True))
    out += _phrases_words_off(page, confidences, phrases)
    return sorted(set(out))


# ... or with a letter of one or more of its words misread, any letter for any,
# where OCR said it was unsure of that word ("has fo legal statue." for "no legal
# status"): each such word one letter off its own, of the same length, read below
# LOW_CONFIDENCE, and at least one word as written, so that a sure reading of
# other words ("to legal status") stays what it says. Phrases of two words or
# more and _PHRASE_MIN_LETTERS letters or more.
_PHRASE_WORD_EDGE = "\"'`.,;:()[]{}"


def _phrase_word(text: str) -> str:
    return "".join(c for c in _plain(text.strip(_PHRASE_WORD_EDGE)) if c.isalpha() or c == "-")


@functools.lru_cache(maxsize=4)
def _phrases_by_word(
    phrases: tuple[str, ...],
) -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """Each phrase of two words or more, by each of its words: (its words, where).
    Built once per gazetteer, not per page."""
    by_word: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for phrase in phrases:
        key = tuple(_phrase_word(w) for w in phrase.split())
        if len(key) < 2 or sum(len(w) for w in key) < _PHRASE_MIN_LETTERS:
            continue
        for at, word in enumerate(key):
            by_word.setdefault(word, []).append((key, at))
    return by_word


def _phrases_words_off(
    page: PageText, confidences: Sequence[float], phrases: Sequence[str]
) -> list[tuple[int, int]]:
    # Each phrase is looked up by the words it has as written: one must be.
    by_word = _phrases_by_word(tuple(phrases))
    read = [_phrase_word(w.text) for w in page.words]
    found: set[tuple[int, int]] = set()  # (first word, last word)
    for i, word in enumerate(read):
        for key, at in by_word.get(word, ()):
            first = i - at
            if first < 0 or first + len(key) > len(read):
                continue
            got = read[first : first + len(key)]
            if got != list(key) and all(
                r == want
                or (
                    confidences[first + k] < LOW_CONFIDENCE
                    and len(r) == len(want)
                    and sum(a != b for a, b in zip(r, want, strict=True)) == 1
                )
                for k, (r, want) in enumerate(zip(got, key, strict=True))
            ):
                found.add((first, first + len(key) - 1))
    out: list[tuple[int, int]] = []
    for first, last in sorted(found):
        head, tail = page.words[first].text, page.words[last].text
        start = page.word_starts[first] + len(head) - len(head.lstrip(_PHRASE_WORD_EDGE))
        end = page.word_starts[last] + len(tail.rstrip(_PHRASE_WORD_EDGE))
        out.append((start, end))
    return out


def _letter_stream(text: str, *, fold_rn: bool) -> tuple[str, list[tuple[int, int]]]:
    """The letters of `text` folded plain, each with the span it was read from;
    with `fold_rn`, "rn" is read as the "m" OCR so often splits ("irnmigration")."""
    stream: list[str] = []
    where: list[tuple[int, int]] = []
    k = 0
    while k < len(text):
        c = text[k]
        if fold_rn and c == "r" and text[k + 1 : k + 2] == "n":
            stream.append("m")
            where.append((k, k + 2))
            k += 2
            continue
        if c.isalpha():
            for folded in _plain(c):
                stream.append(folded)
                where.append((k, k + 1))
        k += 1
    return "".join(stream), where


def _key_readings(letters: str, key: str) -> list[int]:
    """Where `key` stands in `letters`: as it is (keys of _PHRASE_MIN_LETTERS or
    more), or with one letter confused (_CONFUSED_LETTERS). One letter off leaves
    one half of the key whole, so each half is looked for and the rest compared."""
    found: set[int] = set()
    if len(key) >= _PHRASE_MIN_LETTERS:
        at = letters.find(key)
        while at >= 0:
            found.add(at)
            at = letters.find(key, at + 1)
    half = len(key) // 2
    for piece, offset in ((key[:half], 0), (key[half:], half)):
        at = letters.find(piece)
        while at >= 0:
            begin = at - offset
            read = letters[begin : begin + len(key)] if begin >= 0 else ""
            if len(read) == len(key) and _one_confused_letter(read, key):
                found.add(begin)
            at = letters.find(piece, at + 1)
    return sorted(found)


def _one_confused_letter(read: str, key: str) -> bool:
    differ = [(a, b) for a, b in zip(read, key, strict=True) if a != b]
    return len(differ) == 1 and frozenset(differ[0]) in _CONFUSED_LETTERS


def _phrases_in(
    page: PageText,
    confidences: Sequence[float],
    phrases: Sequence[str],
    letters: str,
    where: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    text = page.text
    out: list[tuple[int, int]] = []
    for phrase in phrases:
        key = _plain_letters(phrase)
        if len(key) < _CONFUSED_MIN_LETTERS or "parole" in key:
            continue
        for at in _key_readings(letters, key):
            start, end = where[at][0], where[at + len(key) - 1][1]
            # The article OCR glued to the phrase ("HE IS ALAWFUL PERMANENT
            # RESIDENT", "ATPS HOLDER") goes with it.
            if (
                start > 0
                and text[start - 1] in "Aa"
                and (start < 2 or not text[start - 2].isalnum())
            ):
                start -= 1
            read = text[start:end]
            if (
                (start > 0 and text[start - 1].isalnum())
                or (end < len(text) and text[end].isalnum())
                or len(read) > len(phrase) + _PHRASE_EXTRA_MARKS
                or any(c.isdigit() for c in read)
                or " ".join(read.split()).casefold() == phrase.casefold()
            ):
                continue
            words = page.word_indices_for_span(start, end)
            if words and min(confidences[k] for k in words) < 100.0:
                out.append((start, end))
    return out


def name_readings(
    page: PageText, confidences: Sequence[float], names: Sequence[str]
) -> list[KnownReading]:
    """OCR words of `page` that read one of `names` as OCR misreads it (OCR words
    only: a word read with confidence 100 is a text-layer word)."""
    out: list[KnownReading] = []
    if len(confidences) != len(page.words) or not names:
        return out
    keys: dict[str, tuple[int, bool, bool]] = {}
    for n, name in enumerate(names):
        for part in _name_parts(name):
            letters = sum(c.isalpha() for c in part)
            if letters < 4 or not part[0].isalpha():
                continue
            accented = _plain(part) != part.casefold()
            keys.setdefault(_name_key(part), (n, accented, part[0] == "I"))
    if not keys:
        return out
    for i, word in enumerate(page.words):
        conf = confidences[i]
        if conf >= 100.0:
            continue
        start = page.word_starts[i]
        raw = word.text
        lead = len(raw) - len(raw.lstrip(_NAME_EDGE))
        body = _POSSESSIVE.sub("", raw.strip(_NAME_EDGE))
        if sum(c.isalpha() for c in body) < 3:
            continue
        pieces = [(0, body)]
        if "-" in body:
            at = 0
            for piece in body.split("-"):
                pieces.append((at, piece))
                at += len(piece) + 1
        for offset, piece in pieces:
            hit = keys.get(_name_key(piece)) if piece else None
            if hit is None and conf < LOW_CONFIDENCE:
                hit = _one_letter_off(piece, keys)
            if (
                hit is None
                and conf < LOW_CONFIDENCE
                and piece[:1] == "t"
                and len(piece) >= _ONE_OFF_MIN_LETTERS
            ):
                # A capital I read as a small t, unsure ("tbrahim" for Ibrahim):
                # one letter off, as long a name as `_one_letter_off` asks.
                hit = keys.get(_name_key("I" + piece[1:]))
                hit = hit if hit is not None and hit[2] else None
            if hit is None:
                continue
            garbled = any(not c.isalpha() and c != "-" for c in piece)
            # A capital I read as a small l ("lyer" for Iyer): no name starts so.
            garbled = garbled or (hit[2] and piece[0] == "l")
            if not (hit[1] or garbled or conf < LOW_CONFIDENCE):
                continue
            s = start + lead + offset
            out.append(KnownReading(s, s + len(piece), hit[0], conf / 100.0))
            break
    return out
