"""Open an untrusted upload as a PDF, or refuse it with a domain error.

Nothing here reads text: this module only decides whether the bytes are a PDF
that MuPDF can read *as written*, i.e. without guessing. A document MuPDF had to
repair is refused, because a reconstructed cross-reference table can hold more,
fewer or other objects than a conforming reader would see, and the redaction is
only proven for the document we actually looked at.
"""

from __future__ import annotations

from typing import Any

import pymupdf

from app.redaction.errors import (
    CorruptPdf,
    EmptyFile,
    EncryptedPdf,
    NoPages,
    NotAPdf,
    TooManyPages,
)

# The PDF spec puts "%PDF-" at byte 0, but readers (and real scanners) accept
# junk before it; Acrobat looks at the first 1024 bytes, and so do we.
HEADER_WINDOW = 1024
PDF_MAGIC = b"%PDF-"


# Every MuPDF exception below is replaced by a fixed-message domain error
# "from None": MuPDF messages can quote the file (an unknown keyword, a name),
# and a chained cause ends up in tracebacks and logs.


def _quiet_mupdf() -> None:
    # MuPDF prints its errors and warnings to stderr by default. Those lines are
    # not our logs and can quote bits of the untrusted file (object contents,
    # font names), so they are switched off; the warnings still accumulate in
    # MuPDF's buffer for anyone who asks (TOOLS.mupdf_warnings()).
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)


def open_untrusted_pdf(untrusted_pdf: bytes, *, max_pages: int) -> pymupdf.Document:
    """Open `untrusted_pdf` and check it can be processed; the caller closes it.

    Raises EmptyFile, NotAPdf, CorruptPdf, EncryptedPdf, NoPages or TooManyPages.
    On success every page has been loaded once, annotations and form fields
    have been baked into the page content (`_bake_annotations`), and optional
    content (layers) has been dissolved so that everything on a page shows
    (`reveal_optional_content`).
    """
    if not untrusted_pdf:
        raise EmptyFile()
    if PDF_MAGIC not in untrusted_pdf[:HEADER_WINDOW]:
        raise NotAPdf()

    _quiet_mupdf()
    try:
        # filetype="pdf" forces the PDF parser: without it MuPDF sniffs the
        # content and would happily open an XPS, EPUB or image that merely
        # contains "%PDF-" near the start.
        doc = pymupdf.open(stream=untrusted_pdf, filetype="pdf")
    except Exception:  # MuPDF raises a zoo of types for broken files
        raise CorruptPdf() from None

    try:
        _check(doc, max_pages=max_pages)
        _bake_annotations(doc)
        return reveal_optional_content(doc)
    except BaseException:
        if not doc.is_closed:
            doc.close()
        raise


def _check(doc: Any, *, max_pages: int) -> None:
    if not doc.is_pdf:
        raise NotAPdf()
    if doc.needs_pass:
        # A user password is needed to read the content: we will not guess it.
        #
        # A PDF encrypted with an *empty* user password (an owner password only,
        # i.e. "permissions" such as no-copy or no-print) is opened by MuPDF
        # without asking and reads like any other: needs_pass is 0 and
        # is_encrypted is already False here. Such restrictions are advisory, not
        # access control, and records systems emit them routinely, so we process
        # those documents; the redactor saves its output without encryption.
        raise EncryptedPdf()
    if doc.is_encrypted:
        # Encrypted and still locked after MuPDF tried the empty password.
        raise EncryptedPdf()
    if doc.is_repaired:
        # Truncated, damaged, or with a cross-reference table that does not
        # match the file (a PDF cut in half lands here: no startxref, xref
        # rebuilt by scanning). Refused: see the module docstring.
        raise CorruptPdf()

    try:
        pages = doc.page_count
    except Exception:
        raise CorruptPdf() from None
    if pages == 0:
        raise NoPages(pages=0)
    if pages > max_pages:
        raise TooManyPages(pages=pages)

    for number in range(pages):
        try:
            page = doc.load_page(number)
            keys = doc.xref_get_keys(page.xref) if page.xref else ()
            page_type = doc.xref_get_key(page.xref, "Type")[1] if page.xref else "null"
        except Exception:
            raise CorruptPdf(pages=pages) from None
        # MuPDF "loads" whatever object the page tree points at, even a number:
        # a page must at least be a dictionary, typed /Page when it says a type.
        if not keys or page_type not in ("/Page", "null"):
            raise CorruptPdf(pages=pages)
        # Loading a page can make MuPDF repair the file lazily (a broken object
        # offset is only found when the object is read).
        if doc.is_repaired:
            raise CorruptPdf(pages=pages)


def _bake_annotations(doc: Any) -> None:
    """Turn what annotations and form fields *show* into ordinary page content.

    Why: a filled-in form field or a free-text note is part of the page a reader
    sees, but it is not page text, so detection would not read it and the
    redactor, which drops all annotations from its output, would silently lose
    it. Baked, it is page content like the rest: detected, redacted where
    needed, and kept where released. What annotations do not show (a sticky
    note's text, a link's target, hidden annotations) is not baked, and
    disappears with the annotations in the redactor's output.
    """
    has_annots = any(doc.load_page(n).first_annot is not None for n in range(doc.page_count))
    has_widgets = any(doc.load_page(n).first_widget is not None for n in range(doc.page_count))
    if not (has_annots or has_widgets):
        return
    try:
        doc.bake(annots=True, widgets=True)
    except Exception:
        raise CorruptPdf(pages=doc.page_count) from None


def reveal_optional_content(doc: Any) -> Any:
    """Return `doc` with optional content (layers) dissolved: everything shows.

    Why: MuPDF's text extraction honours layer visibility, so text on a layer
    that is off by default is invisible to detection, while pdfminer, pypdf and
    any other extractor pull it out regardless. Switching the layers on is not
    enough: a visibility expression can also *hide* content when a layer is on
    (/VE [/Not ...], /P /AllOff). So /OCProperties is dropped from the catalog;
    MuPDF then treats every /OC reference as visible, and detection, redaction,
    verification and the reader of the output all see the same, complete page.

    MuPDF reads the layer state once, when the document is opened, so the
    document is serialised and opened again (only when it has layers at all).
    """
    cat = doc.pdf_catalog()
    if doc.xref_get_key(cat, "OCProperties")[0] == "null":
        return doc
    doc.xref_set_key(cat, "OCProperties", "null")
    try:
        again = pymupdf.open(stream=doc.tobytes(), filetype="pdf")
    except Exception:
        raise CorruptPdf() from None
    finally:
        doc.close()
    if again.is_repaired or again.needs_pass:
        again.close()
        raise CorruptPdf()
    return again
