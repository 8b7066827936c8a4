"""Builders of small, real PDFs for tests.

Every builder returns the bytes of a PDF made with PyMuPDF (or, for the broken
ones, written by hand), and is deterministic: the same call gives the same
bytes, so a test failure can be reproduced and a PDF written to disk for a look.

Geometry used by `make_pdf` (PyMuPDF page space: origin top-left, y down):
- US letter pages (612 x 792 pt), text in Helvetica;
- the first baseline sits at `MARGIN + fontsize`, each next line `LEADING` lower
  (or `1.4 * fontsize` if that is larger);
- a "\\t" in a line moves to the next tab stop, `TAB_STOPS`, which makes a
  column gap far wider than a word gap.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from typing import Any

import pymupdf

MARGIN = 72.0
LEADING = 14.0
TAB_STOPS = (72.0, 312.0, 452.0)
LETTER = (612.0, 792.0)

# Where `make_pdf_with_image_and_text` draws its photo, and the text lines above it.
PHOTO_RECT = pymupdf.Rect(300, 200, 460, 400)
PHOTO_TEXT_LINES = (
    "ARREST REPORT",
    "NAME: GARCIA-LOPEZ, Juan Carlos",
    "DOB: 03/14/1991",
    "Officer: P.O. J. Smith #1234",
)

# Fixed file identifier so that saving twice gives the same bytes.
_SAVE_OPTS: dict[str, Any] = {"garbage": 3, "deflate": True, "no_new_id": True}


def _tobytes(doc: Any, **extra: Any) -> bytes:
    data = doc.tobytes(**{**_SAVE_OPTS, **extra})
    doc.close()
    return bytes(data)


def _normalize_pages(pages: Sequence[Sequence[str]] | Sequence[str]) -> list[list[str]]:
    # A flat list of strings is one page of lines; a list of lists is many pages.
    if all(isinstance(p, str) for p in pages):
        return [[str(p) for p in pages]]
    return [list(p) for p in pages]


def baseline(line_no: int, *, fontsize: float = 10) -> float:
    """The y of the baseline of the `line_no`-th (0-based) line drawn by `make_pdf`."""
    leading = max(LEADING, 1.4 * fontsize)
    return MARGIN + fontsize + line_no * leading


def draw_lines(
    page: Any,
    lines: Sequence[str],
    *,
    fontsize: float = 10,
    fontname: str = "helv",
    render_mode: int = 0,
    color: tuple[float, float, float] = (0, 0, 0),
    first_line: int = 0,
    oc: int = 0,
) -> None:
    """Draw `lines` top-down on a page (unrotated page space), honouring tab stops."""
    for i, line in enumerate(lines):
        y = baseline(first_line + i, fontsize=fontsize)
        for col, part in enumerate(line.split("\t")):
            if not part:
                continue
            x = TAB_STOPS[min(col, len(TAB_STOPS) - 1)]
            page.insert_text(
                (x, y),
                part,
                fontsize=fontsize,
                fontname=fontname,
                render_mode=render_mode,
                color=color,
                oc=oc,
            )


def make_pdf(
    pages: Sequence[Sequence[str]] | Sequence[str],
    *,
    fontsize: float = 10,
    fontname: str = "helv",
    rotation: int = 0,
    metadata: dict[str, str] | None = None,
) -> bytes:
    """A text PDF: each page a list of lines (a flat list of strings is one page).

    `rotation` sets /Rotate on every page; the text is drawn in unrotated page
    space, so on screen it appears turned with the page.
    """
    doc = pymupdf.open()
    for lines in _normalize_pages(pages):
        page = doc.new_page(width=LETTER[0], height=LETTER[1])
        draw_lines(page, lines, fontsize=fontsize, fontname=fontname)
        if rotation:
            page.set_rotation(rotation)
    if metadata is not None:
        doc.set_metadata(metadata)
    return _tobytes(doc)


def make_unicode_pdf(lines: Sequence[str], *, fontsize: float = 10) -> bytes:
    """One page of lines (tabs as in `make_pdf`) in an embedded font that has the
    letters insert_text's base-14 encoding lacks ("ł", "ő", "ș")."""
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    writer = pymupdf.TextWriter(page.rect)
    font = pymupdf.Font("helv")
    for i, line in enumerate(lines):
        for col, part in enumerate(line.split("\t")):
            if part:
                x = TAB_STOPS[min(col, len(TAB_STOPS) - 1)]
                writer.append(
                    (x, baseline(i, fontsize=fontsize)), part, font=font, fontsize=fontsize
                )
    writer.write_text(page)
    return _tobytes(doc)


def make_placed_pdf(
    cells: Sequence[tuple[float, float, str] | tuple[float, float, str, float]],
    *,
    fontsize: float = 9,
) -> bytes:
    """One page with each text at its own (x, baseline y), in its own size if it
    gives one (labels printed smaller than values): form grids and tables."""
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    for x, y, text, *size in cells:
        page.insert_text((x, y), text, fontsize=size[0] if size else fontsize, fontname="helv")
    return _tobytes(doc)


def make_landscape_rotated_pdf(lines: Sequence[str], *, rotation: int = 90) -> bytes:
    """A page with /Rotate `rotation` whose text reads upright on screen.

    This is what a scanner or a "print landscape" driver produces: portrait
    media, rotated for display, content drawn turned the other way. Text is
    placed in the *displayed* (rotated) space and converted to unrotated page
    space with `derotation_matrix`, which is the space PyMuPDF wants for input.
    """
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    page.set_rotation(rotation)
    for i, line in enumerate(lines):
        shown = pymupdf.Point(MARGIN, baseline(i))
        page.insert_text(shown * page.derotation_matrix, line, fontsize=10, rotate=rotation)
    return _tobytes(doc)


def make_encrypted_pdf(
    *, user_password: str = "user-secret", owner_password: str = "owner"
) -> bytes:
    """AES-256 encrypted. With an empty `user_password` it opens without one."""
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    draw_lines(page, ["CONFIDENTIAL ARREST REPORT", "NAME: GARCIA-LOPEZ, Juan Carlos"])
    return _tobytes(
        doc,
        encryption=pymupdf.PDF_ENCRYPT_AES_256,
        user_pw=user_password,
        owner_pw=owner_password,
        permissions=pymupdf.PDF_PERM_PRINT,
    )


def make_owner_password_pdf() -> bytes:
    """Encrypted with an owner password only: anyone can open and read it."""
    return make_encrypted_pdf(user_password="")


def _text_pixmap(lines: Sequence[str], *, zoom: float = 2.0) -> Any:
    """Render text lines to a grey pixmap (the "scan" of a page)."""
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    draw_lines(page, lines, fontsize=12)
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), colorspace=pymupdf.csGRAY)
    doc.close()
    return pix


def make_image_only_pdf(lines: Sequence[str] = PHOTO_TEXT_LINES) -> bytes:
    """One page carrying only a raster image of text (a scan), no text layer."""
    pix = _text_pixmap(lines)
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    page.insert_image(page.rect, pixmap=pix)
    return _tobytes(doc)


def make_scan_with_ocr_layer_pdf(lines: Sequence[str] = PHOTO_TEXT_LINES) -> bytes:
    """A scan with an invisible OCR text layer (render mode 3) over the image."""
    pix = _text_pixmap(lines)
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    page.insert_image(page.rect, pixmap=pix)
    draw_lines(page, lines, fontsize=12, render_mode=3)
    return _tobytes(doc)


def make_vector_text_pdf() -> bytes:
    """A page whose "text" is only vector outlines: no text layer, many curves."""
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    shape = page.new_shape()
    # Letter-like strokes: a row of small circles and arcs, as outlined glyphs are.
    for i in range(40):
        x = 72 + i * 11
        shape.draw_circle((x, 100), 4)
        shape.draw_bezier((x - 4, 120), (x - 2, 110), (x + 2, 130), (x + 4, 120))
    shape.finish(color=(0, 0, 0), fill=None, width=0.8)
    shape.commit()
    return _tobytes(doc)


def make_blank_pdf(*, with_border: bool = False) -> bytes:
    """A truly blank page, optionally with a plain rectangular frame (no text)."""
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    if with_border:
        page.draw_rect(pymupdf.Rect(36, 36, 576, 756), color=(0, 0, 0), width=1)
    return _tobytes(doc)


def photo_pixmap(width: int = 160, height: int = 200) -> Any:
    """A deterministic, photo-like RGB pixmap: smooth colour gradients, no white or black."""
    samples = bytearray()
    for y in range(height):
        for x in range(width):
            samples += bytes(
                (
                    60 + (x * 140) // max(1, width - 1),
                    60 + (y * 140) // max(1, height - 1),
                    120 + ((x + y) * 60) // max(1, width + height - 2),
                )
            )
    return pymupdf.Pixmap(pymupdf.csRGB, width, height, bytes(samples), False)


def make_pdf_with_image_and_text(
    lines: Sequence[str] = PHOTO_TEXT_LINES,
    *,
    photo_rect: pymupdf.Rect = PHOTO_RECT,
) -> bytes:
    """A text page that also carries a photo-like raster image at `photo_rect`.

    The photo is a 160x200 px gradient drawn 1 px per pt (at the default rect),
    so a test can render the page and check which pixels changed.
    """
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    draw_lines(page, lines)
    pix = photo_pixmap(int(photo_rect.width), int(photo_rect.height))
    page.insert_image(photo_rect, pixmap=pix)
    return _tobytes(doc)


def make_hidden_text_pdf() -> bytes:
    """One page with text that a reader does not see but an extractor does.

    Line 0 is visible. Then: invisible text (render mode 3) on line 1; white text
    on line 2; a line on an optional-content layer that is OFF by default (line 3);
    a line drawn left of the page (x < 0), and one below it (y > page height).
    """
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    draw_lines(page, ["VISIBLE: Officer Report"])
    draw_lines(page, ["INVISIBLE: Rosalind Quetzal"], render_mode=3, first_line=1)
    draw_lines(page, ["WHITE: Bartholomew Ixtapa"], color=(1, 1, 1), first_line=2)
    ocg = doc.add_ocg("hidden-layer", on=False)
    draw_lines(page, ["LAYER: Philomena Zacatecas"], first_line=3, oc=ocg)
    page.insert_text((-300, baseline(4)), "OFFPAGE: Cornelius Tlaxcala", fontsize=10)
    page.insert_text((MARGIN, LETTER[1] + 40), "BELOWPAGE: Wilhelmina Oaxaca", fontsize=10)
    return _tobytes(doc)


HIDDEN_TEXT_VALUES = {
    "invisible": "Rosalind Quetzal",
    "white": "Bartholomew Ixtapa",
    "layer": "Philomena Zacatecas",
    "offpage": "Cornelius Tlaxcala",
    "belowpage": "Wilhelmina Oaxaca",
}

XMP_PACKET = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<dc:creator><rdf:Seq><rdf:li>Xmpname Secretperson</rdf:li></rdf:Seq></dc:creator>"
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
    '<?xpacket end="w"?>'
)

# Values hidden in the non-page parts of `make_pdf_with_extras`.
EXTRAS_VALUES = {
    "metadata": "Metaname Authorperson",
    "xmp": "Xmpname Secretperson",
    "annotation": "Annotname Noteperson",
    "freetext": "Freetextname Boxperson",
    "attachment": "Attachname Fileperson",
    "javascript": "Scriptname Jsperson",
    "form": "Formname Fieldperson",
    "link": "linkname-uriperson",
    "outline": "Bookmarkname Tocperson",
}


def make_pdf_with_extras(lines: Sequence[str] = PHOTO_TEXT_LINES) -> bytes:
    """A text page plus everything a redactor must strip besides page text.

    Metadata, XMP, a text annotation and a free-text annotation, a link, an
    embedded file, document JavaScript (names tree and OpenAction), page
    additional actions, an AcroForm text field, a bookmark, and a page thumbnail.
    """
    v = EXTRAS_VALUES
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    draw_lines(page, lines)
    doc.set_metadata({"author": v["metadata"], "title": "Arrest report", "subject": v["metadata"]})
    doc.set_xml_metadata(XMP_PACKET)
    page.add_text_annot((500, 72), f"Reviewer note: {v['annotation']}")
    page.add_freetext_annot(pymupdf.Rect(300, 500, 550, 540), v["freetext"], fontsize=10)
    page.insert_link(
        {
            "kind": pymupdf.LINK_URI,
            "from": pymupdf.Rect(72, 600, 200, 620),
            "uri": f"https://records.example/?q={v['link']}",
        }
    )
    doc.embfile_add(
        "notes.txt", f"Attachment about {v['attachment']}".encode(), filename="notes.txt"
    )
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name = "arrestee_name"
    widget.field_value = v["form"]
    widget.rect = pymupdf.Rect(72, 650, 300, 670)
    page.add_widget(widget)
    doc.set_toc([[1, v["outline"], 1]])

    # JavaScript: a names-tree entry and an OpenAction, plus a page open action.
    js = doc.get_new_xref()
    doc.update_object(js, f"<</S/JavaScript/JS(app.alert\\('{v['javascript']}'\\);)>>")
    names = doc.get_new_xref()
    doc.update_object(names, f"<</Names[(init) {js} 0 R]>>")
    cat = doc.pdf_catalog()
    doc.xref_set_key(cat, "Names/JavaScript", f"{names} 0 R")
    doc.xref_set_key(cat, "OpenAction", f"{js} 0 R")
    doc.xref_set_key(cat, "AA", f"<</WC {js} 0 R>>")
    doc.xref_set_key(page.xref, "AA", f"<</O {js} 0 R>>")

    # A page thumbnail: a picture of the page that would survive redaction.
    thumb = page.get_pixmap(matrix=pymupdf.Matrix(0.2, 0.2), colorspace=pymupdf.csGRAY)
    thumb_xref = doc.get_new_xref()
    doc.update_object(
        thumb_xref,
        f"<</Width {thumb.width}/Height {thumb.height}/ColorSpace/DeviceGray/BitsPerComponent 8>>",
    )
    doc.update_stream(thumb_xref, thumb.samples)
    doc.xref_set_key(page.xref, "Thumb", f"{thumb_xref} 0 R")
    return _tobytes(doc)


def assemble(objects: Sequence[bytes], *, root: int = 1) -> bytes:
    """Write a classic PDF (header, objects 1..n, xref table, trailer) with exact offsets."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % num + body + b"\nendobj\n")
    xref_at = out.tell()
    out.write(b"xref\n0 %d\n" % (len(objects) + 1))
    out.write(b"0000000000 65535 f \n")
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref_at)
    return out.getvalue()


def zero_page_pdf() -> bytes:
    """A well-formed PDF (correct xref offsets) whose page tree has /Count 0."""
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
        ]
    )


def minimal_text_pdf() -> bytes:
    """A hand-written one-page PDF with one line of Helvetica text, correct offsets."""
    content = b"BT /F1 12 Tf 72 720 Td (Hand written page) Tj ET"
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        ]
    )


def bad_page_pdf() -> bytes:
    """Offsets are right, but the only page of the tree is not a page dictionary."""
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"42",
        ]
    )


def broken_xref_pdf() -> bytes:
    """A complete PDF whose xref offsets all point to the wrong place (MuPDF repairs it)."""
    good = minimal_text_pdf()
    head, _, tail = good.partition(b"xref\n")
    lines = tail.split(b"\n")
    # Shift every in-use entry by 7 bytes: the table no longer matches the objects.
    fixed = []
    for line in lines:
        if line.endswith(b" n ") and len(line) == 19:
            fixed.append(b"%010d 00000 n " % (int(line[:10]) + 7))
        else:
            fixed.append(line)
    return head + b"xref\n" + b"\n".join(fixed)


def truncated_pdf() -> bytes:
    """A valid multi-page PDF cut in half."""
    data = make_pdf(
        [[f"Page {p} line {i} of a report that was cut short" for i in range(30)] for p in range(4)]
    )
    return data[: len(data) // 2]


def many_pages_pdf(n: int) -> bytes:
    return make_pdf([[f"Page {i + 1}"] for i in range(n)])


def sha256(data: bytes) -> str:
    """Short helper for determinism checks."""
    return hashlib.sha256(data).hexdigest()
