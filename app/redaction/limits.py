"""Per-document resource limits: wall time, pages, pixels, decompressed data, objects.

A hostile PDF can cost far more than its size: a 50 KiB stream that inflates
to gigabytes, a 100,000 x 100,000 pixel image, a page 5 km wide that OCR would
render, or a million tiny objects. Each is refused with its own stable code
before MuPDF is asked to do the expensive thing, and everything else runs
under a wall-time limit checked between pages and stages.

Memory is bounded by what a document may ask MuPDF to build (decompressed
stream bytes, image and render pixels, object count) rather than by measuring
RSS: the checks run before the allocation, and they are deterministic.

The limits in force for the document being processed live in a context
variable (`enforced`), so deep loops (per page, per object) can check the
deadline without every signature carrying it.
"""

from __future__ import annotations

import base64
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import pymupdf

from app.redaction.errors import (
    CorruptPdf,
    DocumentTooComplex,
    ImageTooLarge,
    PageTooLarge,
    ProcessingTimeout,
    RedactorError,
)

_MIB = 1024 * 1024
# Inflated in steps of this size, so a bomb is stopped one step past the limit.
_STEP = 4 * _MIB
# LZW and RunLength streams are decoded by MuPDF itself, which cannot be told
# to stop early; one may expand a few thousand times, so only raw streams this
# many times smaller than the remaining budget are decoded at all.
_UNBOUNDED_RATIO = 4096
_INFLATE = frozenset({"/FlateDecode", "/Fl"})
_HEX = frozenset({"/ASCIIHexDecode", "/AHx"})
_A85 = frozenset({"/ASCII85Decode", "/A85"})
# How often (objects) the structure scan looks at the clock.
_CLOCK_EVERY = 256


@dataclass(frozen=True, slots=True)
class Limits:
    max_pages: int = 500
    max_seconds: float = 1800.0
    max_image_pixels: int = 150_000_000
    max_decompressed_bytes: int = 1024 * _MIB
    max_objects: int = 500_000
    max_page_side: float = 14_400.0

    @classmethod
    def from_settings(cls, settings: Any) -> Limits:
        return cls(
            max_pages=int(settings.max_pages),
            max_seconds=float(settings.max_processing_seconds),
            max_image_pixels=int(settings.max_image_pixels),
            max_decompressed_bytes=int(settings.max_decompressed_mb) * _MIB,
            max_objects=int(settings.max_objects),
            max_page_side=float(settings.max_page_side_pt),
        )


_ACTIVE: ContextVar[tuple[Limits, float] | None] = ContextVar("redaction_limits", default=None)


@contextmanager
def enforced(limits: Limits) -> Iterator[None]:
    """Apply `limits` to the work done inside; the clock starts now."""
    token = _ACTIVE.set((limits, time.monotonic() + limits.max_seconds))
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def current() -> Limits:
    active = _ACTIVE.get()
    return active[0] if active is not None else Limits()


def check_time() -> None:
    """Raise ProcessingTimeout when the document's wall time is used up."""
    active = _ACTIVE.get()
    if active is not None and time.monotonic() > active[1]:
        raise ProcessingTimeout()


def pdf_pixels(rect: Any, dpi: float) -> float:
    """Pixels of `rect` (points) rendered at `dpi`."""
    return float(abs(rect.width) * abs(rect.height)) * (dpi / 72.0) ** 2


def check_pixels(pixels: float) -> None:
    if pixels > current().max_image_pixels:
        raise ImageTooLarge()


def _filters(doc: Any, xref: int) -> list[str]:
    kind, value = doc.xref_get_key(xref, "Filter")
    if kind == "name":
        return [value]
    if kind == "array":
        return [f"/{part}" for part in value.strip("[] ").replace("/", " ").split()]
    return []


def _inflated_size(raw: bytes, budget: int) -> int:
    """Bytes `raw` inflates to, counted only up to just past `budget`."""
    for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):  # zlib header, or bare deflate
        inflater = zlib.decompressobj(wbits)
        total = 0
        data = raw
        try:
            while data and not inflater.eof:
                out = inflater.decompress(data, _STEP)
                total += len(out)
                if total > budget:
                    return total
                data = inflater.unconsumed_tail
        except zlib.error:
            # MuPDF stops where the data breaks, after what it inflated so far.
            if total == 0 and wbits > 0:
                continue
        return total
    return 0


def _decoded_size(raw: bytes, filters: list[str], budget: int) -> int | None:
    """Bytes the filter chain decodes `raw` to (Flate counted up to just past
    `budget`); None for a chain decoded here only by MuPDF (LZW, RunLength...)."""
    data = raw
    for at, name in enumerate(filters):
        try:
            if name in _HEX:
                text = bytes(b for b in data.split(b">")[0] if not chr(b).isspace())
                data = bytes.fromhex(text.decode("ascii") + ("0" if len(text) % 2 else ""))
            elif name in _A85:
                data = base64.a85decode(data.split(b"~>")[0].strip(), ignorechars=b" \t\r\n")
            elif name in _INFLATE and at == len(filters) - 1:
                return _inflated_size(data, budget)
            else:
                return None
        except ValueError:
            # MuPDF stops at the first bad byte too: no more than what it read.
            return len(data)
    return len(data)


def check_structure(doc: Any, limits: Limits) -> None:
    """Refuse a document whose objects, streams, images or pages exceed `limits`.

    Reads stream dictionaries and compressed bytes only; nothing is rendered.
    Image streams are checked by pixel count (MuPDF decodes an image into a
    buffer of its declared size and no more); other streams by the bytes they
    inflate to, all streams of the document together.
    """
    count = int(doc.xref_length()) - 1
    if count > limits.max_objects:
        raise DocumentTooComplex()
    budget = limits.max_decompressed_bytes
    for xref in range(1, count + 1):
        if xref % _CLOCK_EVERY == 0:
            check_time()
        if not doc.xref_is_stream(xref):
            continue
        if doc.xref_get_key(xref, "Subtype") == ("name", "/Image"):
            width = doc.xref_get_key(xref, "Width")[1]
            height = doc.xref_get_key(xref, "Height")[1]
            try:
                pixels = float(width) * float(height)
            except ValueError:
                continue  # MuPDF cannot load it either: nothing gets decoded
            if pixels > limits.max_image_pixels:
                raise ImageTooLarge()
            continue
        raw = doc.xref_stream_raw(xref) or b""
        size = _decoded_size(raw, _filters(doc, xref), budget)
        if size is None:
            if len(raw) * _UNBOUNDED_RATIO > budget:
                raise DocumentTooComplex()
            size = len(doc.xref_stream(xref) or b"")
        budget -= size
        if budget < 0:
            raise DocumentTooComplex()
    for page in doc:
        box = page.mediabox
        if max(abs(box.width), abs(box.height)) > limits.max_page_side:
            raise PageTooLarge()


def precheck(untrusted_pdf: bytes, limits: Limits) -> None:
    """`check_structure` on the raw upload, before anything renders or bakes it.

    A file MuPDF cannot open, or must repair, or that is encrypted, is left to
    `open_untrusted_pdf`, which refuses it with its own code.
    """
    # MuPDF's own messages can quote the file (see pdf_input): off, as there.
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    try:
        doc = pymupdf.open(stream=untrusted_pdf, filetype="pdf")
    except Exception:
        return
    try:
        if doc.needs_pass or doc.is_repaired or doc.page_count > limits.max_pages:
            return
        check_structure(doc, limits)
    except RedactorError:
        raise
    except Exception:
        # An object MuPDF cannot read while scanning: the file is broken. The
        # exception text may quote the file, so it is dropped.
        raise CorruptPdf() from None
    finally:
        doc.close()
