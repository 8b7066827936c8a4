"""The page as a reader sees it, for reasoning about layout.

`PageText` boxes are in unrotated page space, the space redaction needs. On a
page turned by 90 or 270 degrees that space runs sideways: words of one line
share an x and advance in y. Form and table reading ("the value right of its
label", "the cell under the header") is about what a reader sees, so it runs on
a view whose boxes are turned upright. The view keeps the same text and word
order, so offsets into it are offsets into the page; boxes for redaction still
come from the page itself.
"""

from __future__ import annotations

from dataclasses import replace

from app.redaction.types import Line, PageText, Rect, Word


def upright_view(page: PageText) -> PageText:
    dx = dy = 0.0
    for line in page.lines:
        if line.end_word - line.first_word < 2:
            continue
        first, last = page.words[line.first_word], page.words[line.end_word - 1]
        dx += last.rect.x0 - first.rect.x0
        dy += last.rect.y0 - first.rect.y0
    if abs(dy) <= abs(dx) or len(page.lines) < 2:
        return page  # upright (or too little text to tell)
    # Text runs along y. Lines follow one another along x, in reading order.
    along = dy > 0
    down = page.lines[-1].rect.x0 >= page.lines[0].rect.x0
    width, height = page.width, page.height

    def turn(r: Rect) -> Rect:
        x0, x1 = (r.y0, r.y1) if along else (height - r.y1, height - r.y0)
        y0, y1 = (r.x0, r.x1) if down else (width - r.x1, width - r.x0)
        return Rect(x0, y0, x1, y1)

    words = tuple(
        Word(w.text, turn(w.rect), tuple(turn(c) for c in w.char_rects), w.line) for w in page.words
    )
    lines = tuple(
        Line(turn(ln.rect), ln.first_word, ln.end_word, ln.start, ln.end) for ln in page.lines
    )
    return replace(
        page,
        width=height,
        height=width,
        words=words,
        lines=lines,
        images=tuple(turn(r) for r in page.images),
    )
