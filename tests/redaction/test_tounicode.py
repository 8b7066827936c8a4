"""The ToUnicode check: a font proven honest code by code spares its pages the copy and the
second reading; any other font leaves the page to the glyph-by-glyph comparison.

The shortcut may only ever answer "no lie" where the full comparison would too: every case
below is checked against `tounicode_lies` without the per-document font verdicts.
"""

from __future__ import annotations

from collections.abc import Container

import pymupdf
import pytest

from app.redaction import pdf_text
from app.redaction.pdf_text import _honest_fonts, read_document, tounicode_lies
from tests.hostile.generators import LINES, _winansi_font_with_cmap, lying_tounicode
from tests.pdfs import LETTER, MARGIN, assemble, baseline

# Every letter and digit, mapped to itself: what an honest producer writes.
HONEST = {ord(c): c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"}


def _pdf(cmaps: list[dict[int, str] | str], pages: int = 1) -> bytes:
    """Helvetica (WinAnsi) report lines on each page, one font per cmap (a dict, or a
    CMap body), the page's lines shared out between the fonts."""
    n_fonts = len(cmaps)
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    font_refs = []
    for cmap in cmaps:
        body = (cmap if isinstance(cmap, str) else _winansi_font_with_cmap(cmap)).encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream")
        objects.append(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
            b"/Encoding /WinAnsiEncoding /ToUnicode %d 0 R >>" % (len(objects) - 1 + 1)
        )
        font_refs.append(len(objects))
    fonts = " ".join(f"/F{i} {ref} 0 R" for i, ref in enumerate(font_refs))
    kids = []
    for _ in range(pages):
        content = ["BT"]
        for i, line in enumerate(LINES):
            text = line.replace("\t", "    ").replace("(", "\\(").replace(")", "\\)")
            content.append(f"/F{i % n_fonts} 10 Tf")
            content.append(f"1 0 0 1 {MARGIN} {LETTER[1] - baseline(i)} Tm ({text}) Tj")
        content.append("ET")
        body = "\n".join(content).encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream")
        objects.append(
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {LETTER[0]} {LETTER[1]}] "
                f"/Resources << /Font << {fonts} >> >> /Contents {len(objects)} 0 R >>"
            ).encode()
        )
        kids.append(len(objects))
    objects[1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {pages} >>"
    ).encode()
    return assemble(objects)


def _multi_char_cmap() -> str:
    """ "A" reads as "AX": one code that spills a second character."""
    body = _winansi_font_with_cmap(HONEST)
    return body.replace("<41> <0041>", "<41> <00410058>")


def _same_name_in_a_form() -> bytes:
    """Two fonts named /F0 Helvetica: the page's (honest) and a form's (lying, all of
    the name line)."""
    honest = _winansi_font_with_cmap(HONEST).encode()
    lying = _winansi_font_with_cmap({**HONEST, **{ord(c): "x" for c in NAME_CHARS}}).encode()
    page = f"BT /F0 10 Tf 1 0 0 1 {MARGIN} 700 Tm (CHICAGO POLICE) Tj ET /X0 Do".encode()
    form = f"BT /F0 10 Tf 1 0 0 1 {MARGIN} 680 Tm (NAME: GARCIA-LOPEZ, Juan) Tj ET".encode()

    def stream(body: bytes, extra: bytes = b"") -> bytes:
        return b"<< %s/Length %d >>\nstream\n" % (extra, len(body)) + body + b"\nendstream"

    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding "
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F0 5 0 R >> /XObject << /X0 7 0 R >> >> >>",
            stream(page),
            font + b"/ToUnicode 6 0 R >>",
            stream(honest),
            stream(
                form,
                b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                b"/Resources << /Font << /F0 8 0 R >> >> ",
            ),
            font + b"/ToUnicode 9 0 R >>",
            stream(lying),
        ]
    )


NAME_CHARS = "GARCIALOPEZJuan"

CASES: dict[str, bytes] = {
    "honest": _pdf([HONEST]),
    "no letters mapped": _pdf([{0x2D: "-"}]),
    "one lying letter": _pdf([{**HONEST, ord("A"): "B"}]),
    "lying": lying_tounicode(),
    "honest and lying fonts": _pdf([HONEST, {**HONEST, **{ord(c): "x" for c in "AEIOU"}}]),
    "a code that reads as two characters": _pdf([_multi_char_cmap()]),
    "two fonts of one name": _same_name_in_a_form(),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_shortcut_agrees_with_the_full_comparison(case: str) -> None:
    doc = pymupdf.open(stream=CASES[case], filetype="pdf")
    try:
        page = doc[0]
        assert tounicode_lies(page, {}) == tounicode_lies(page)
    finally:
        doc.close()


@pytest.mark.parametrize(
    ("case", "honest"),
    [
        ("honest", True),
        ("no letters mapped", True),
        ("one lying letter", False),
        ("lying", False),
        ("a code that reads as two characters", False),
        # Which copy is which cannot be told: both are left to the full comparison.
        ("two fonts of one name", False),
    ],
)
def test_font_verdicts(case: str, honest: bool) -> None:
    doc = pymupdf.open(stream=CASES[case], filetype="pdf")
    try:
        assert set(_honest_fonts(doc[0]).values()) == {honest}
    finally:
        doc.close()


def test_a_lying_map_is_still_found_with_the_shortcut() -> None:
    # Three pages: the font is proven (not honest), and every page is compared.
    doc = pymupdf.open(stream=_pdf([{**HONEST, ord("A"): "B", ord("E"): "F"}], 3), filetype="pdf")
    try:
        verdicts: dict[int, bool] = {}
        assert [tounicode_lies(page, verdicts) for page in doc] == [
            tounicode_lies(page) for page in doc
        ]
        assert verdicts and not any(verdicts.values())
    finally:
        doc.close()


def _count_proofs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    prove = pdf_text._honest_fonts

    def counting(page: pymupdf.Page, known: Container[int] = ()) -> dict[int, bool]:
        calls.append(page.number)
        return prove(page, known)

    monkeypatch.setattr(pdf_text, "_honest_fonts", counting)
    return calls


def test_honest_fonts_are_proven_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_proofs(monkeypatch)
    doc = pymupdf.open(stream=_pdf([HONEST], pages=5), filetype="pdf")
    try:
        read = read_document(doc, None)  # no OCR engine: a page sent to OCR would raise
    finally:
        doc.close()
    assert calls == [0]
    assert len(read.pages) == 5 and "GARCIA-LOPEZ" in read.pages[4].text


def test_a_proof_that_would_not_pay_is_not_made(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two fonts on the last page of two: the page is compared glyph by glyph.
    calls = _count_proofs(monkeypatch)
    doc = pymupdf.open(stream=_pdf([HONEST, HONEST], pages=2), filetype="pdf")
    try:
        verdicts: dict[int, bool] = {}
        assert not tounicode_lies(doc[1], verdicts)
        lying = pymupdf.open(stream=CASES["lying"], filetype="pdf")
        assert tounicode_lies(lying[0], verdicts)  # one page left: compared, and found
        lying.close()
    finally:
        doc.close()
    assert calls == [] and verdicts == {}
