"""The redaction log: pages appended to a redacted document that account for each box.

Like a Vaughn index, it lists every redaction by page, category and code, and
spells out the legal basis once per code, so that a requester can see what kind
of information was withheld where, and under which law, and appeal. It lists
exactly the audit record's `redactions` (one line per box, in the same order),
so the two always agree. It is built from scratch from codes, categories and
the policy's own words: no byte of the document and never the removed text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pymupdf

from app.redaction.notice import wrap_text
from app.redaction.redactor import serialise_clean

LETTER = (612.0, 792.0)
_MARGIN = 72.0
_FONT = "helv"
_BOLD = "hebo"
_SIZE = 9.0
_LEADING = 12.0
# Column x positions of the table: No., page, category, code.
_COLUMNS = (_MARGIN, _MARGIN + 40.0, _MARGIN + 90.0, _MARGIN + 260.0)
TITLE = "REDACTION LOG"


@dataclass(frozen=True, slots=True)
class LogEntry:
    page: int  # 1-based page of the record
    category: str
    code: str
    basis: str


class _Writer:
    """Lays out lines top-down, starting a new page when one is full."""

    def __init__(self, doc: pymupdf.Document, heading: str) -> None:
        self.doc = doc
        self.heading = heading
        self.page: pymupdf.Page | None = None
        self.y = 0.0

    def new_page(self) -> None:
        self.page = self.doc.new_page(width=LETTER[0], height=LETTER[1])
        self.y = _MARGIN
        if self.doc.page_count > 1:
            self.text(_MARGIN, f"{self.heading} (continued)", font=_BOLD, size=11)
            self.y += 6

    def room(self, height: float) -> None:
        if self.page is None or self.y + height > LETTER[1] - _MARGIN:
            self.new_page()

    def text(self, x: float, line: str, *, font: str = _FONT, size: float = _SIZE) -> None:
        assert self.page is not None
        self.page.insert_text((x, self.y + size), line, fontsize=size, fontname=font)

    def line(self, text: str, *, font: str = _FONT, size: float = _SIZE) -> None:
        self.room(size * 1.4)
        self.text(_MARGIN, text, font=font, size=size)
        self.y += max(_LEADING, size * 1.4)

    def paragraph(self, text: str, *, font: str = _FONT, size: float = _SIZE) -> None:
        for part in wrap_text(text, font=font, size=size, width=LETTER[0] - 2 * _MARGIN):
            self.line(part, font=font, size=size)

    def row(self, cells: Sequence[str], *, font: str = _FONT) -> None:
        self.room(_LEADING)
        for x, cell in zip(_COLUMNS, cells, strict=True):
            self.text(x, cell, font=font)
        self.y += _LEADING


def log_pdf(
    entries: Sequence[LogEntry], *, policy_id: str, policy_version: int, record_pages: int
) -> bytes:
    """The log as a PDF of its own (US letter), to be appended to the redacted record."""
    doc = pymupdf.open()
    try:
        w = _Writer(doc, TITLE)
        w.new_page()
        w.line(TITLE, font=_BOLD, size=16)
        w.y += 4
        pages = sorted({e.page for e in entries})
        count = "1 redaction" if len(entries) == 1 else f"{len(entries)} redactions"
        where = f"on {len(pages)} of the {record_pages} pages of the record" if entries else ""
        w.paragraph(
            f"This log accounts for every redaction in the record above: {count} {where}. "
            "Each line is one redaction box: the page it is on, the kind of information "
            "withheld and the code printed on the box. The legal basis of each code "
            "follows the list. The withheld information itself is not shown. "
            f"Redaction policy: {policy_id}, version {policy_version}."
        )
        w.y += 8
        w.row(["No.", "Page", "Category", "Code"], font=_BOLD)
        for n, e in enumerate(entries, 1):
            w.row([str(n), str(e.page), e.category, e.code])
        if not entries:
            w.line("No information was redacted.")
        bases: dict[str, list[str]] = {}
        for e in entries:
            known = bases.setdefault(e.code, [])
            if e.basis not in known:
                known.append(e.basis)
        if bases:
            w.y += 10
            w.line("Legal basis", font=_BOLD, size=12)
            for code, texts in bases.items():
                w.y += 2
                w.line(code, font=_BOLD)
                for text in texts:
                    w.paragraph(text)
        return serialise_clean(doc)
    finally:
        doc.close()


def append_log(document: bytes, log: bytes) -> tuple[bytes, int]:
    """`document` with the pages of `log` after its own; and how many pages were added.

    Saved the way the redactor saves: from scratch, no metadata, no history.
    """
    out = pymupdf.open(stream=document, filetype="pdf")
    extra = pymupdf.open(stream=log, filetype="pdf")
    try:
        added = int(extra.page_count)
        out.insert_pdf(extra, links=False, annots=False, widgets=False, final=True)
        return serialise_clean(out), added
    finally:
        extra.close()
        out.close()
