"""TAB (ECHR judgments) through our detection under the federal policy.

Each judgment's text is typeset into a PDF (Letter pages, 10 pt Helvetica,
paragraphs as in the JSON, words wrapped at spaces), and the real engine reads
it back: `open_untrusted_pdf` -> `extract_pages` -> `Detector.detect` ->
`Policy.decide_all`. The characters the engine reads are aligned with the JSON
text (whitespace aside, they are the same characters in the same order), so
every finding the policy decides `redact` covers a set of the JSON's offsets.

A mention counts as removed when every letter and digit of it is covered,
except words that carry no identity of their own: a leading honorific of a
PERSON mention ("Mr", "Mrs", "Ms", "Dr"...: TAB includes it in the span, the
service leaves it readable on purpose), and in a DEM mention the articles and
"national(s)"/"citizen(s)" ("a Swedish national" is removed when "Swedish"
is). A mention "partly" removed has at least one of those characters covered.

Scored: PERSON, LOC, DEM and CODE mentions whose identifier_type is DIRECT or
QUASI, and every nationality mention (a DEM mention that names a country or
its demonym, see nationalities.py), whatever its identifier_type.
"""

from __future__ import annotations

import difflib
import json
import re
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pymupdf

from app.redaction import consistency
from app.redaction.detection import Detector
from app.redaction.pdf_input import open_untrusted_pdf
from app.redaction.pdf_text import extract_pages
from app.redaction.policy import Policy
from app.redaction.types import Action
from benchmarks.nationalities import is_nationality

TYPES = ("PERSON", "LOC", "DEM", "CODE")
NATIONALITY = "nationality (all DEM)"
MASKED = frozenset({"DIRECT", "QUASI"})
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "judge", "sir", "lord", "lady"}
)

DEM_FILLER = frozenset({"a", "an", "the", "national", "nationals", "citizen", "citizens"})

PAGE_W, PAGE_H = 612.0, 792.0
MARGIN = 54.0
FONT_SIZE = 10.0
LEADING = 13.0
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


def load_tab(directory: Path, limit: int) -> list[dict[str, Any]]:
    """The dev subset first, then train, up to `limit` documents."""
    docs: list[dict[str, Any]] = []
    for name in ("echr_dev_subset.json", "echr_train_subset.json"):
        path = directory / name
        if path.is_file():
            docs.extend(json.loads(path.read_text(encoding="utf-8")))
    return docs[:limit]


@dataclass(slots=True)
class TypesetDoc:
    pdf: bytes
    # (character as typeset, offset in the JSON text), in reading order.
    chars: list[tuple[str, int]] = field(default_factory=list)


def _printable(font: pymupdf.Font, ch: str) -> str:
    if font.has_glyph(ord(ch)):
        return ch
    alt = unicodedata.normalize("NFKC", ch)
    if alt and all(font.has_glyph(ord(a)) for a in alt):
        return alt
    return "?"


def typeset(text: str) -> TypesetDoc:
    """A PDF of `text`, and where each of its characters came from."""
    font = pymupdf.Font("helv")
    doc = pymupdf.open()
    out = TypesetDoc(b"")
    width = PAGE_W - 2 * MARGIN
    space = font.text_length(" ", fontsize=FONT_SIZE)
    page: Any = None
    writer: Any = None
    y = PAGE_H

    def new_line() -> None:
        nonlocal page, writer, y
        y += LEADING
        if page is None or y > PAGE_H - MARGIN:
            if page is not None:
                writer.write_text(page)
            page = doc.new_page(width=PAGE_W, height=PAGE_H)
            writer = pymupdf.TextWriter(page.rect)
            y = MARGIN + FONT_SIZE

    offset = 0
    for paragraph in text.split("\n"):
        words: list[tuple[str, list[tuple[str, int]]]] = []
        pos = 0
        for token in paragraph.split(" "):
            if token:
                chars = [
                    (p, offset + pos + i)
                    for i, ch in enumerate(token)
                    for p in _printable(font, ch)
                ]
                word = "".join(c for c, _ in chars)
                if word.strip():
                    words.append((word, chars))
            pos += len(token) + 1
        offset += len(paragraph) + 1
        if not words:
            y += LEADING / 2
            continue
        new_line()
        x = MARGIN
        for word, chars in words:
            w = font.text_length(word, fontsize=FONT_SIZE)
            if x > MARGIN and x + w > MARGIN + width:
                new_line()
                x = MARGIN
            writer.append((x, y), word, font=font, fontsize=FONT_SIZE)
            out.chars.extend(chars)
            x += w + space
    if page is not None:
        writer.write_text(page)
    else:
        doc.new_page(width=PAGE_W, height=PAGE_H)
    out.pdf = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return out


def _expected(chars: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """The typeset characters as the engine normalizes them (NFKC, no spaces)."""
    seq: list[tuple[str, int]] = []
    for ch, off in chars:
        for n in unicodedata.normalize("NFKC", ch):
            if n.isspace() or n in _INVISIBLE or unicodedata.category(n) == "Cc":
                continue
            seq.append((n, off))
    return seq


@dataclass(frozen=True, slots=True)
class Mention:
    doc_id: str
    entity_type: str
    identifier_type: str
    start: int
    end: int
    text: str
    nationality: bool


@dataclass(slots=True)
class TabDocResult:
    doc_id: str
    pages: int
    seconds: float
    aligned: bool  # the engine read exactly the typeset characters
    mentions: list[tuple[Mention, bool, bool]]  # (mention, fully removed, partly removed)


def mentions_of(doc: dict[str, Any]) -> list[Mention]:
    seen: set[tuple[int, int, str]] = set()
    out: list[Mention] = []
    for annotator in doc["annotations"].values():
        for m in annotator["entity_mentions"]:
            key = (int(m["start_offset"]), int(m["end_offset"]), str(m["entity_type"]))
            if key in seen:
                continue
            seen.add(key)
            out.append(
                Mention(
                    str(doc["doc_id"]),
                    str(m["entity_type"]),
                    str(m["identifier_type"]),
                    key[0],
                    key[1],
                    str(m["span_text"]),
                    m["entity_type"] == "DEM" and is_nationality(str(m["span_text"])),
                )
            )
    return out


def _required(text: str, m: Mention) -> list[int]:
    """Offsets of the mention that must be covered: its letters and digits."""
    offsets = [i for i in range(m.start, m.end) if text[i].isalnum()]
    if m.entity_type == "PERSON":
        first = text[m.start : m.end].split(maxsplit=1)
        if len(first) == 2 and first[0].strip(".").casefold() in HONORIFICS:
            skip = m.start + len(first[0])
            offsets = [i for i in offsets if i >= skip]
    elif m.entity_type == "DEM":
        for word in re.finditer(r"\w+", text[m.start : m.end]):
            if word.group().casefold() in DEM_FILLER:
                lo, hi = m.start + word.start(), m.start + word.end()
                offsets = [i for i in offsets if not lo <= i < hi]
    return offsets


def score_tab_document(doc: dict[str, Any], detector: Detector, policy: Policy) -> TabDocResult:
    text: str = doc["text"]
    typed = typeset(text)
    started = time.perf_counter()
    pdf = open_untrusted_pdf(typed.pdf, max_pages=10_000)
    try:
        pages = extract_pages(pdf)
        detection = detector.detect(pages)
    finally:
        pdf.close()
    # As the engine decides: the policy, then the consistency pass.
    decisions = consistency.complete(pages, policy.decide_all(detection.findings))
    seconds = time.perf_counter() - started

    # The engine's non-space characters, in its reading order.
    read: list[tuple[str, int, int]] = [
        (ch, page.index, i) for page in pages for i, ch in enumerate(page.text) if not ch.isspace()
    ]
    expected = _expected(typed.chars)
    to_offset: dict[tuple[int, int], int] = {}
    aligned = len(read) == len(expected) and all(
        r[0] == e[0] for r, e in zip(read, expected, strict=True)
    )
    if aligned:
        for (_, p, i), (_, off) in zip(read, expected, strict=True):
            to_offset[(p, i)] = off
    else:
        matcher = difflib.SequenceMatcher(
            None, "".join(r[0] for r in read), "".join(e[0] for e in expected), autojunk=False
        )
        for a, b, size in matcher.get_matching_blocks():
            for k in range(size):
                _, p, i = read[a + k]
                to_offset[(p, i)] = expected[b + k][1]

    covered: set[int] = set()
    for d in decisions:
        if d.action is not Action.REDACT:
            continue
        f = d.finding
        for i in range(f.start, f.end):
            mapped = to_offset.get((f.page, i))
            if mapped is not None:
                covered.add(mapped)

    results: list[tuple[Mention, bool, bool]] = []
    for m in mentions_of(doc):
        need = _required(text, m)
        if not need:
            continue
        hit = [i in covered for i in need]
        results.append((m, all(hit), any(hit)))
    return TabDocResult(str(doc["doc_id"]), len(pages), seconds, aligned, results)


@dataclass(frozen=True, slots=True)
class TabRow:
    name: str
    mentions: int
    removed: int
    partly: int

    @property
    def recall(self) -> float:
        return self.removed / self.mentions if self.mentions else float("nan")

    @property
    def partial_recall(self) -> float:
        return self.partly / self.mentions if self.mentions else float("nan")


def summarize_tab(results: Sequence[TabDocResult]) -> list[TabRow]:
    rows: list[TabRow] = []
    groups: list[tuple[str, Any]] = [
        (
            f"{t} (DIRECT+QUASI)",
            lambda m, t=t: m.entity_type == t and m.identifier_type in MASKED,
        )
        for t in TYPES
    ]
    groups.append((NATIONALITY, lambda m: m.nationality))
    for name, keep in groups:
        picked = [(full, part) for r in results for m, full, part in r.mentions if keep(m)]
        rows.append(TabRow(name, len(picked), sum(f for f, _ in picked), sum(p for _, p in picked)))
    return rows
