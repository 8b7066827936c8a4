"""A corpus of hostile and broken PDFs, one generator per case.

Every generator is deterministic and returns the bytes of one PDF that carries
the arrest-report lines below, hidden, disguised or wrapped in something a
redaction service must survive. The values in `WITHHELD` are personal data the
federal_immigration policy withholds: whatever the service returns, none of
them may be readable in it.
"""

from __future__ import annotations

import functools
import io
import os
import tempfile
import zlib
from collections.abc import Callable, Sequence

import pymupdf

from tests.pdfs import LETTER, MARGIN, assemble, baseline, broken_xref_pdf, draw_lines

NAME = "GARCIA-LOPEZ, Juan Carlos"
LINES = [
    "CHICAGO POLICE DEPARTMENT\tARREST REPORT",
    "CB# 19283746\tRD# JA123456",
    f"NAME: {NAME}",
    "A# 212-345-678",
    "POB: Guadalajara, Mexico",
    "CHARGE: 720 ILCS 5/16-25(a)(1) RETAIL THEFT",
    "NARRATIVE: GARCIA-LOPEZ was observed concealing merchandise at the store.",
]
# Withheld under federal_immigration; never readable in an output.
WITHHELD = ["GARCIA-LOPEZ", "Juan Carlos", "212-345-678", "Guadalajara"]
# The line index of the name, and of the A-number, in LINES (for covering boxes).
NAME_LINE = 2
ANUMBER_LINE = 3


def _save(doc: pymupdf.Document, **extra: object) -> bytes:
    data = doc.tobytes(**{"garbage": 3, "deflate": True, "no_new_id": True, **extra})
    doc.close()
    return bytes(data)


def _report(lines: Sequence[str] = LINES) -> tuple[pymupdf.Document, pymupdf.Page]:
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    draw_lines(page, lines)
    return doc, page


def _set_resource(doc: pymupdf.Document, page: pymupdf.Page, key: str, value: str) -> None:
    """Set /Resources/`key` of `page`, whether its /Resources is direct or indirect."""
    kind, ref = doc.xref_get_key(page.xref, "Resources")
    if kind == "xref":
        doc.xref_set_key(int(ref.split()[0]), key, value)
    else:
        doc.xref_set_key(page.xref, f"Resources/{key}", value)


def _line_rect(line: int, text: str, *, x: float = MARGIN, fontsize: float = 10) -> pymupdf.Rect:
    """The box of `text` drawn by draw_lines on `line` (Helvetica), a little padded."""
    y = baseline(line, fontsize=fontsize)
    width = pymupdf.get_text_length(text, fontname="helv", fontsize=fontsize)
    return pymupdf.Rect(x - 1, y - fontsize, x + width + 1, y + 0.3 * fontsize)


# -- active content and containers ---------------------------------------------------------


def javascript_and_launch() -> bytes:
    """Document JavaScript (names tree, OpenAction) and Launch actions on the page."""
    doc, page = _report()
    js = doc.get_new_xref()
    doc.update_object(js, f"<</S/JavaScript/JS(app.alert\\('{NAME}'\\);)>>")
    launch = doc.get_new_xref()
    doc.update_object(launch, "<</S/Launch/F(cmd.exe)/Win<</F(cmd.exe)/P(/c calc)>>>>")
    names = doc.get_new_xref()
    doc.update_object(names, f"<</Names[(init) {js} 0 R]>>")
    cat = doc.pdf_catalog()
    doc.xref_set_key(cat, "Names/JavaScript", f"{names} 0 R")
    doc.xref_set_key(cat, "OpenAction", f"{launch} 0 R")
    doc.xref_set_key(cat, "AA", f"<</WC {js} 0 R>>")
    doc.xref_set_key(page.xref, "AA", f"<</O {launch} 0 R/C {js} 0 R>>")
    # A link annotation whose action launches a program.
    annot = doc.get_new_xref()
    doc.update_object(
        annot, f"<</Type/Annot/Subtype/Link/Rect[72 600 200 620]/Border[0 0 0]/A {launch} 0 R>>"
    )
    doc.xref_set_key(page.xref, "Annots", f"[{annot} 0 R]")
    return _save(doc)


def embedded_files() -> bytes:
    """An attachment in the names tree and a file-attachment annotation, both naming him."""
    doc, page = _report()
    doc.embfile_add(
        "garcia-lopez.txt", f"Statement of {NAME}, A# 212-345-678".encode(), filename="x.txt"
    )
    page.add_file_annot(
        pymupdf.Point(500, 100), f"Booking photo of {NAME}".encode(), "photo.txt", desc=NAME
    )
    return _save(doc)


def xfa_form() -> bytes:
    """An AcroForm whose XFA packet (XML data outside the page) holds the values."""
    doc, _page = _report()
    xml = (
        "<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'><xfa:datasets "
        "xmlns:xfa='http://www.xfa.org/schema/xfa-data/1.0/'><xfa:data><report>"
        f"<name>{NAME}</name><anumber>212-345-678</anumber><pob>Guadalajara</pob>"
        "</report></xfa:data></xfa:datasets></xdp:xdp>"
    )
    stream = doc.get_new_xref()
    doc.update_object(stream, "<<>>")
    doc.update_stream(stream, xml.encode())
    form = doc.get_new_xref()
    doc.update_object(form, f"<</Fields[]/XFA[(datasets) {stream} 0 R]/NeedsRendering true>>")
    doc.xref_set_key(doc.pdf_catalog(), "AcroForm", f"{form} 0 R")
    return _save(doc)


def incremental_update() -> bytes:
    """A report whose name line was replaced in an incremental update.

    The first revision (still in the file, after the new one's objects are
    ignored by a reader) says the name; the current one says "WITHDRAWN". An
    output that kept the old content stream would leak the old revision.
    """
    doc, _page = _report()
    first = _save(doc)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "report.pdf")
        with open(path, "wb") as fh:
            fh.write(first)
        doc = pymupdf.open(path)
        page = doc[0]
        lines = [line for line in LINES if "GARCIA" not in line and "212-" not in line]
        lines = [line.replace("Guadalajara, Mexico", "WITHDRAWN") for line in lines]
        new_content = doc.get_new_xref()
        doc.update_object(new_content, "<<>>")
        page_doc = pymupdf.open()
        scratch = page_doc.new_page(width=LETTER[0], height=LETTER[1])
        draw_lines(scratch, lines)
        content = b"".join(page_doc.xref_stream(x) or b"" for x in scratch.get_contents())
        fonts = page_doc.xref_get_key(scratch.xref, "Resources")
        page_doc.close()
        doc.update_stream(new_content, content)
        doc.xref_set_key(page.xref, "Contents", f"{new_content} 0 R")
        if fonts[0] == "dict":
            doc.xref_set_key(page.xref, "Resources", fonts[1])
        doc.save(path, incremental=True, encryption=pymupdf.PDF_ENCRYPT_KEEP)
        doc.close()
        with open(path, "rb") as fh:
            return fh.read()


# -- text a reader does not see ------------------------------------------------------------


def optional_content_off() -> bytes:
    """The personal data on an optional-content layer that is off by default."""
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    ocg = doc.add_ocg("hidden", on=False)
    draw_lines(page, LINES[:2])
    draw_lines(page, LINES[2:], first_line=2, oc=ocg)
    return _save(doc)


def white_text() -> bytes:
    """The personal data in white type on the white page."""
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    draw_lines(page, LINES[:2])
    draw_lines(page, LINES[2:], first_line=2, color=(1, 1, 1))
    return _save(doc)


# Words that lie under `text_under_black_box`'s boxes and are not personal data:
# hidden text all the same, so they must go too.
UNDER_BOX_OTHER = "RETAIL THEFT"


def text_under_black_box() -> bytes:
    """An old, bad redaction: black rectangles drawn over text that is still there."""
    doc, page = _report()
    name_at = MARGIN + pymupdf.get_text_length("NAME: ", fontname="helv", fontsize=10)
    charge = LINES[5]
    theft_at = MARGIN + pymupdf.get_text_length(
        charge[: charge.index(UNDER_BOX_OTHER)], fontname="helv", fontsize=10
    )
    for rect in (
        _line_rect(NAME_LINE, NAME, x=name_at),
        _line_rect(5, UNDER_BOX_OTHER, x=theft_at),
    ):
        page.draw_rect(rect, color=None, fill=(0, 0, 0), width=0)
    return _save(doc)


def tiny_and_clipped_text() -> bytes:
    """The name at 1 pt, and the A-number drawn inside a clip path that hides it."""
    doc = pymupdf.open()
    page = doc.new_page(width=LETTER[0], height=LETTER[1])
    draw_lines(page, LINES[:2] + LINES[4:6])
    page.insert_text((MARGIN, 300), f"NAME: {NAME}", fontsize=1)
    # A clip to an empty rectangle: nothing drawn inside it shows.
    # (insert_text above made Helvetica the page's /helv font resource.)
    clip = "q 0 0 0 0 re W n BT /helv 10 Tf 72 320 Td (A# 212-345-678 POB: Guadalajara) Tj ET Q"
    xref = doc.get_new_xref()
    doc.update_object(xref, "<<>>")
    doc.update_stream(xref, clip.encode())
    contents = page.get_contents()
    refs = " ".join(f"{x} 0 R" for x in [*contents, xref])
    doc.xref_set_key(page.xref, "Contents", f"[{refs}]")
    return _save(doc)


def vector_text() -> bytes:
    """The report with every glyph drawn as a vector outline: no text layer at all."""
    doc, page = _report()
    svg = page.get_svg_image(text_as_path=True)
    doc.close()
    src = pymupdf.open(stream=svg.encode(), filetype="svg")
    pdf = src.convert_to_pdf()
    src.close()
    return bytes(pdf)


def _winansi_font_with_cmap(cmap: dict[int, str]) -> str:
    """A ToUnicode CMap body that maps single-byte codes to the given characters."""
    entries = "\n".join(f"<{code:02X}> <{ord(ch):04X}>" for code, ch in sorted(cmap.items()))
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(cmap)} beginbfchar\n{entries}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    )


def lying_tounicode() -> bytes:
    """Helvetica text whose ToUnicode map says other letters than the glyphs show.

    On screen: the report. Extracted: every letter and digit shifted (G -> T,
    2 -> 7), so a name detector reads nonsense while a reader sees the name.
    """
    shift = {}
    for lo, hi in (("A", "Z"), ("a", "z"), ("0", "9")):
        n = ord(hi) - ord(lo) + 1
        for i in range(n):
            shift[ord(lo) + i] = chr(ord(lo) + (i + 13) % n)
    content = ["BT /F1 10 Tf"]
    for i, line in enumerate(LINES):
        text = line.replace("\t", "    ").replace("(", "\\(").replace(")", "\\)")
        content.append(f"1 0 0 1 {MARGIN} {LETTER[1] - baseline(i)} Tm ({text}) Tj")
    content.append("ET")
    body = "\n".join(content).encode()
    cmap = _winansi_font_with_cmap(shift).encode()
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
            b"/Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
            b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        ]
    )


def type3_font() -> bytes:
    """The name set in a Type3 font: each glyph a small filled box, with a ToUnicode map."""
    text = f"NAME: {NAME} A# 212-345-678"
    chars = sorted(set(text))
    codes = {ch: 33 + i for i, ch in enumerate(chars)}
    procs = []
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"",  # page, below
        b"",  # font, below
        b"",  # content, below
        b"",  # ToUnicode, below
    ]
    for ch in chars:
        glyph = b"600 0 0 0 500 700 d1 50 0 400 700 re f" if ch != " " else b"300 0 d0"
        objects.append(b"<< /Length %d >>\nstream\n" % len(glyph) + glyph + b"\nendstream")
        procs.append((ch, len(objects)))
    names = " ".join(f"/g{codes[ch]} {num} 0 R" for ch, num in procs)
    first, last = min(codes.values()), max(codes.values())
    widths = " ".join("600" for _ in range(first, last + 1))
    diffs = " ".join(f"/g{code}" for code in range(first, last + 1))
    objects[3] = (
        f"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 600 700] "
        f"/FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << {names} >> "
        f"/Encoding << /Type /Encoding /Differences [{first} {diffs}] >> "
        f"/FirstChar {first} /LastChar {last} /Widths [{widths}] /ToUnicode 6 0 R >>"
    ).encode()
    encoded = "".join(f"\\{codes[ch]:03o}" for ch in text)
    body = (
        f"BT /F1 10 Tf 72 700 Td (CHICAGO POLICE DEPARTMENT ARREST REPORT) Tj ET "
        f"BT /T3 10 Tf 72 680 Td ({encoded}) Tj ET"
    ).encode()
    objects[2] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << "
        b"/F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> /T3 4 0 R >> >> "
        b"/Contents 5 0 R >>"
    )
    objects[4] = b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream"
    cmap = _winansi_font_with_cmap({code: ch for ch, code in codes.items()}).encode()
    objects[5] = b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"
    return assemble(objects)


# -- resource exhaustion -------------------------------------------------------------------


@functools.cache
def _zeros_deflated(megabytes: int) -> bytes:
    packer = zlib.compressobj(9)
    chunk = bytes(1024 * 1024)
    out = [packer.compress(chunk) for _ in range(megabytes)]
    out.append(packer.flush())
    return b"".join(out)


def decompression_bomb() -> bytes:
    """A 1.1 MiB content stream that inflates to 1,100 MiB (beyond the default limit)."""
    bomb = _zeros_deflated(1100)
    return _with_stream(bomb, b"/Filter /FlateDecode")


def decompression_bomb_ascii85() -> bytes:
    """The same bomb wrapped in ASCII85 (a filter chain must not hide it)."""
    import base64

    bomb = base64.a85encode(_zeros_deflated(1100), wrapcol=80) + b"~>"
    return _with_stream(bomb, b"/Filter [/ASCII85Decode /FlateDecode]")


def _with_stream(data: bytes, extra: bytes) -> bytes:
    text = b"BT /F1 10 Tf 72 720 Td (NAME: GARCIA-LOPEZ, Juan Carlos) Tj ET"
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents [5 0 R 6 0 R] >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
            b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream",
        ]
    )


def image_bomb() -> bytes:
    """An image that declares 100,000 x 100,000 pixels (10 gigapixels) in a few KiB."""
    doc, page = _report()
    data = _zeros_deflated(1)
    xref = doc.get_new_xref()
    doc.update_object(
        xref,
        "<</Type/XObject/Subtype/Image/Width 100000/Height 100000/ColorSpace/DeviceGray"
        "/BitsPerComponent 8/Filter/FlateDecode>>",
    )
    doc.update_stream(xref, data, compress=False)
    _set_resource(doc, page, "XObject", f"<</Im1 {xref} 0 R>>")
    extra = doc.get_new_xref()
    doc.update_object(extra, "<<>>")
    doc.update_stream(extra, b"q 100 0 0 100 300 300 cm /Im1 Do Q")
    refs = " ".join(f"{x} 0 R" for x in [*page.get_contents(), extra])
    doc.xref_set_key(page.xref, "Contents", f"[{refs}]")
    return _save(doc)


def huge_page() -> bytes:
    """A page 200,000 pt (2.8 km) square with the report in a corner."""
    doc = pymupdf.open()
    page = doc.new_page(width=200_000, height=200_000)
    draw_lines(page, LINES)
    return _save(doc)


def deeply_nested() -> bytes:
    """A page resource that is an array nested 100,000 levels deep."""
    depth = 100_000
    nested = b"[" * depth + b"]" * depth
    text = b"BT /F1 10 Tf 72 720 Td (NAME: GARCIA-LOPEZ, Juan Carlos) Tj ET"
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Nested 6 0 R "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
            nested,
        ]
    )


def ten_thousand_objects() -> bytes:
    """The report plus 10,000 tiny form XObjects, each drawing one dot on the page."""
    doc, page = _report()
    refs = []
    for i in range(10_000):
        xref = doc.get_new_xref()
        doc.update_object(xref, "<</Type/XObject/Subtype/Form/BBox[0 0 1 1]>>")
        doc.update_stream(xref, b"0 0 1 1 re f", compress=False)
        refs.append(f"/X{i} {xref} 0 R")
    _set_resource(doc, page, "XObject", "<<" + " ".join(refs) + ">>")
    draws = "".join(
        f"q 1 0 0 1 {20 + (i % 100) * 5} {20 + (i // 100) * 2} cm /X{i} Do Q\n"
        for i in range(10_000)
    )
    extra = doc.get_new_xref()
    doc.update_object(extra, "<<>>")
    doc.update_stream(extra, draws.encode())
    contents = " ".join(f"{x} 0 R" for x in [*page.get_contents(), extra])
    doc.xref_set_key(page.xref, "Contents", f"[{contents}]")
    return _save(doc, garbage=0)


# -- file structure ------------------------------------------------------------------------


def broken_xref() -> bytes:
    return broken_xref_pdf()


def linearized() -> bytes:
    """The report saved linearized ("fast web view") by qpdf, through pikepdf."""
    import pikepdf

    doc, _page = _report()
    plain = _save(doc)
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(plain)) as pdf:
        pdf.save(out, linearize=True, deterministic_id=True)
    return out.getvalue()


def pdf_2_0() -> bytes:
    """The report as a PDF 2.0 file (header and catalog /Version)."""
    doc, _page = _report()
    doc.xref_set_key(doc.pdf_catalog(), "Version", "/2.0")
    data = _save(doc)
    # MuPDF writes the header from the catalog's /Version.
    assert data.startswith(b"%PDF-2.0")
    return data


GENERATORS: dict[str, Callable[[], bytes]] = {
    "javascript_and_launch": javascript_and_launch,
    "embedded_files": embedded_files,
    "xfa_form": xfa_form,
    "incremental_update": incremental_update,
    "optional_content_off": optional_content_off,
    "white_text": white_text,
    "text_under_black_box": text_under_black_box,
    "tiny_and_clipped_text": tiny_and_clipped_text,
    "vector_text": vector_text,
    "lying_tounicode": lying_tounicode,
    "type3_font": type3_font,
    "decompression_bomb": decompression_bomb,
    "decompression_bomb_ascii85": decompression_bomb_ascii85,
    "image_bomb": image_bomb,
    "huge_page": huge_page,
    "deeply_nested": deeply_nested,
    "ten_thousand_objects": ten_thousand_objects,
    "broken_xref": broken_xref,
    "linearized": linearized,
    "pdf_2_0": pdf_2_0,
}
