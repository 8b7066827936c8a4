"""What detection found on the second OCR reading of a scan, added to the first's.

A scanned page is read twice (`ocr.ocr_pages_twice`): binarized with Sauvola's
adaptive threshold, and with Otsu's global one. Detection runs on each
reading as a whole document (a page's labels, sentences and the names found
elsewhere all count), and the second reading's findings on scanned pages are
added where the first reading found nothing of that category, or gave the
value another role than the second one names: a value is withheld when either
reading shows it, and under the stricter of the two readings' roles.
Redacting the union fails towards removing: a misread that hid a value in
one reading rarely hides it in the other. Whether the record is a juvenile's
stays the first reading's call (see `merged`).

An added finding keeps the second reading's boxes (where its words were
read), grown to take in the first reading's words that lie mostly inside
them: verification reads the first reading's text outside the boxes, and a
word read there half-covered would be a leak it reports. Its span is that of
those first-reading words, or an empty span where the first reading read
nothing there (the span only orders and matches decisions; the boxes are
what is burnt in).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from app.redaction.detection import Detection
from app.redaction.types import Category, Finding, PageText, Rect, Role

# A second-reading finding is the first's when this share of each of its boxes'
# area lies inside the first reading's boxes of the same category on that page.
_ALREADY_FOUND = 0.6
# A first-reading word is taken into an added finding when this share of its
# box lies inside the finding's boxes.
_WORD_INSIDE = 0.5


def merged(
    first: Detection,
    second: Detection,
    pages: Sequence[PageText],
    scanned: Collection[int],
) -> Detection:
    """`first` plus the findings of `second` on `scanned` pages that `first` lacks.

    `pages`: the first reading's pages (the document as the redactor and
    verification see it); `scanned`: the indices of the pages read twice.
    """
    by_place: dict[tuple[int, Category], list[tuple[Role, Rect]]] = {}
    for f in first.findings:
        by_place.setdefault((f.page, f.category), []).extend((f.role, b) for b in f.boxes)
    added: list[Finding] = []
    for f in second.findings:
        if f.page not in scanned or not f.boxes:
            continue
        # A value the second reading gives a role, found by the first with
        # another ("STEPFATHER - BATTLE, DeShawn", where the first read "BATTLE."
        # and took it for the arrestee's surname): added, and the stricter of
        # the two decisions is burnt in.
        known = [
            box
            for role, box in by_place.get((f.page, f.category), [])
            if f.role is Role.UNKNOWN or role is f.role
        ]
        # Box by box, not by the boxes' whole area: a value the first reading
        # found short ("TPS holder" where a speck glued to it hid the "a" that
        # ends the line above) is mostly inside by area, its small box outside.
        # And word by word: a value the first reading found short at its end
        # ("1044 W. 55TH ST" where the second read on to "APT IN") is most of
        # its one box, but its last words, read the first time too, went to no
        # finding.
        words = _first_reading_words(f, pages[f.page])
        if all(_share_inside((box,), known) >= _ALREADY_FOUND for box in f.boxes) and all(
            _share_inside((pages[f.page].words[i].rect,), known) >= _ALREADY_FOUND for i in words
        ):
            continue
        finding = _on_first_reading(f, pages[f.page], words)
        added.append(finding)
        # Two second-reading findings of one value (a label rule's and a
        # recognizer's) add it once.
        by_place.setdefault((f.page, f.category), []).extend(
            (finding.role, b) for b in finding.boxes
        )
    if not added:
        return first
    # Whether the record is a juvenile's stays the first reading's call. The
    # binarized reading misreads small digits more often ("19" as "13", "48"
    # as "a8"), and taking its sign too withheld six adults' reports whole in
    # 60 (seed 14141) against one; the first reading already fails closed on
    # a garbled age (detection._is_juvenile).
    return replace(first, findings=(*first.findings, *added))


def _share_inside(boxes: Sequence[Rect], others: Sequence[Rect]) -> float:
    """Share of the boxes' area covered by `others` (overlaps among `others`
    are not double counted within one box: each box is sampled on a grid)."""
    total = sum(b.area for b in boxes)
    if total <= 0 or not others:
        return 0.0
    covered = 0.0
    for b in boxes:
        near = [o for o in others if o.intersect(b) is not None]
        if not near:
            continue
        covered += b.area * _grid_share(b, near)
    return covered / total


_GRID = 8


def _grid_share(box: Rect, others: Sequence[Rect]) -> float:
    """Share of `box`'s grid points (8 x 8 cell centres) inside any of `others`."""
    inside = 0
    for i in range(_GRID):
        x = box.x0 + (i + 0.5) * box.width / _GRID
        for j in range(_GRID):
            y = box.y0 + (j + 0.5) * box.height / _GRID
            if any(o.x0 <= x <= o.x1 and o.y0 <= y <= o.y1 for o in others):
                inside += 1
    return inside / (_GRID * _GRID)


def _first_reading_words(f: Finding, page: PageText) -> list[int]:
    """The first reading's words that lie mostly inside the finding's boxes."""
    return [
        i
        for i, w in enumerate(page.words)
        if w.rect.area > 0
        and any(w.rect.intersect(b) is not None for b in f.boxes)
        and _share_inside((w.rect,), f.boxes) >= _WORD_INSIDE
    ]


def _on_first_reading(f: Finding, page: PageText, words: Sequence[int]) -> Finding:
    """The second reading's finding placed on the first reading's page, over
    its `words` (`_first_reading_words`)."""
    boxes = list(f.boxes)
    if words:
        start = page.word_starts[words[0]]
        last = words[-1]
        end = page.word_starts[last] + len(page.words[last].text)
        boxes = _grown(boxes, [page.words[i].rect for i in words])
    else:
        # Nothing read there the first time: an empty span before the first
        # word below the box's top, so that it sorts in reading order.
        top = f.boxes[0].y0
        at = next((i for i, w in enumerate(page.words) if w.rect.y0 >= top), None)
        start = end = page.word_starts[at] if at is not None else len(page.text)
    return replace(
        f,
        start=start,
        end=end,
        boxes=tuple(boxes),
        detector=f"second_reading:{f.detector}",
    )


def _grown(boxes: list[Rect], words: Sequence[Rect]) -> list[Rect]:
    """Each box grown to take in the words that overlap it most."""
    out = list(boxes)
    for w in words:
        k = max(range(len(out)), key=lambda n: _overlap(out[n], w))
        out[k] = out[k].union(w)
    return out


def _overlap(a: Rect, b: Rect) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0
