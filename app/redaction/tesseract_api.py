"""Tesseract's library in the service's process (tesserocr), when it is the binary's.

Why: each run of the `tesseract` command loads the language model and builds
its network before it reads a line: 0.2 s of CPU on this 2-core machine, and a
scanned page costs six runs or more (two readings of two bands each, the
verification's, the unread ink). Measured on ten scanned pages, both readings
took 2.89 s a page with the command and 2.40 s with the library, and every
word, box and confidence came out the same.

The library is used only when it is the same Tesseract as the binary (same
version, so the readings are the binary's, and the audit record names one
engine); otherwise, or when tesserocr is not installed, `ocr.Tesseract` runs
the command as before. tesserocr is built against Debian's libtesseract (`make
ocr`): its wheels from PyPI carry a Tesseract of their own, which this check
turns away.

One `PyTessBaseAPI` reads one image at a time: they are kept in a pool, made
at startup (so that a document's forked process finds them ready) and one more
whenever every one is busy. Recognition releases the GIL, so bands read in
threads use both cores.
"""

from __future__ import annotations

import os
import queue
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from app.redaction.errors import RedactionFailed

_PGM = re.compile(rb"P5\n(\d+) (\d+)\n255\n")
_VERSION = re.compile(r"tesseract\s+v?(\d+\.\d+(?:\.\d+)?)", re.IGNORECASE)


class TesseractLibrary:
    """A pool of tesserocr APIs for one language."""

    def __init__(self, module: Any, tessdata: str, language: str, version: str) -> None:
        self._module = module
        self._tessdata = tessdata
        self.language = language
        self.version = version
        self._idle: queue.SimpleQueue[Any] = queue.SimpleQueue()

    @classmethod
    def load(cls, language: str, version: str, *, ready: int = 0) -> TesseractLibrary | None:
        """The library, if tesserocr is installed and its Tesseract is `version`
        with `language`; `ready` APIs are made now."""
        # Before the library loads its OpenMP runtime, which reads this once:
        # without it, both readings of a page took 8.6 s instead of 2.4 here, its
        # threads spinning against the other band's (see the `ocr` module doc).
        os.environ["OMP_THREAD_LIMIT"] = "1"
        try:
            import tesserocr  # type: ignore[import-untyped,import-not-found,unused-ignore]

            found = _VERSION.search(str(tesserocr.tesseract_version()))
            tessdata, languages = tesserocr.get_languages()
        except (ImportError, RuntimeError, OSError):
            return None
        if found is None or found.group(1) != version or language not in languages:
            return None
        library = cls(tesserocr, str(tessdata), language, version)
        try:
            for api in [library._new() for _ in range(ready)]:
                library._idle.put(api)
        except RedactionFailed:
            return None
        return library

    def _new(self) -> Any:
        try:
            api = self._module.PyTessBaseAPI(path=self._tessdata, lang=self.language)
        except RuntimeError:
            raise RedactionFailed() from None
        # As the command's `hocr` config sets them, and the character boxes asked for.
        api.SetVariable("hocr_font_info", "0")
        api.SetVariable("hocr_char_boxes", "1")
        return api

    @contextmanager
    def _api(self) -> Iterator[Any]:
        try:
            api = self._idle.get_nowait()
        except queue.Empty:
            api = self._new()
        try:
            yield api
        finally:
            self._idle.put(api)

    def hocr(self, image: bytes, dpi: int, *, psm: int, threshold: int, timeout: float) -> str:
        """What `tesseract stdin stdout --psm P --dpi D -c thresholding_method=T
        -c hocr_char_boxes=1 hocr` prints for the PGM `image` (its page element)."""
        header = _PGM.match(image)
        if header is None:
            raise RedactionFailed()
        width, height = int(header.group(1)), int(header.group(2))
        pixels = image[header.end() :]
        if len(pixels) != width * height:
            raise RedactionFailed()
        with self._api() as api:
            try:
                api.SetPageSegMode(psm)
                api.SetVariable("thresholding_method", str(threshold))
                api.SetImageBytes(pixels, width, height, 1, width)
                api.SetSourceResolution(dpi)
                # A reading that runs into the timeout is cut short, and what was
                # read by then may come back as if it were all: no document.
                started = time.monotonic()
                done = api.Recognize(max(1, int(timeout * 1000)))
                if not done or time.monotonic() - started >= timeout:
                    raise RedactionFailed()
                return str(api.GetHOCRText(0))
            except RuntimeError:
                raise RedactionFailed() from None
            finally:
                api.Clear()
