"""Training and evaluation data for the arrest-report NER, built from generated reports.

A generated report (`tests.reportgen.generate_report`) records every value it printed together
with the boxes it drew it in. The detector does not see boxes, it sees `PageText.text` (words
regrouped into lines by `app.redaction.pdf_text`). The gold PERSON spans of a page are therefore
found through geometry, not by searching for the value's text: every character of the page text
whose box centre falls inside one of a person value's boxes belongs to that value. This finds
each printed mention once, in every form the generator used ("LAST, First", all caps, surname
alone, a name broken over two lines or wrapped inside a table cell), and never labels the same
letters where they only happen to occur inside something else (a street, an e-mail address).

Characters of one value that are separated only by spaces or a line break form one span, so
"TERESA\\nSZCZEPANSKI" is one entity; a name wrapped inside a table cell, whose second line comes
after other cells in reading order, gives two spans.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pymupdf

from app.redaction.pdf_text import extract_pages
from app.redaction.types import PageText
from tests.reportgen import generate_report

# Truth categories whose values are people's names.
NAME_CATEGORIES = frozenset({"PERSON_NAME", "OFFICER_NAME"})
ALIAS_CATEGORY = "ALIAS"
# Truth categories whose values are street addresses. The stock model often calls an address an
# ORG or a PERSON; those predictions are not rehearsed (see train.py).
ADDRESS_CATEGORIES = frozenset({"HOME_ADDRESS", "ARREST_LOCATION"})

# Half a point of slack around a truth box: boxes and glyph boxes come from different code.
_SLACK = 0.5

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class PageExample:
    """One page of a generated report, with its gold spans as offsets into `text`."""

    seed: int
    page: int  # 0-based
    family: str
    text: str
    persons: tuple[Span, ...]  # PERSON_NAME and OFFICER_NAME mentions
    aliases: tuple[Span, ...]  # ALIAS mentions ("Flaco"), kept apart so callers choose
    addresses: tuple[Span, ...]  # home addresses and places of arrest
    # Each person value of the page (its truth category and text) with the spans that print it,
    # for recall by value and by token.
    values: tuple[tuple[str, str, tuple[Span, ...]], ...] = field(default=())


def _covered_chars(page: PageText, boxes: Sequence[Sequence[float]]) -> list[int]:
    """Offsets of the page-text characters whose box centre lies in one of `boxes`."""
    out: list[int] = []
    for i, word in enumerate(page.words):
        ws = page.word_starts[i]
        for j, r in enumerate(word.char_rects):
            cx = (r.x0 + r.x1) / 2
            cy = (r.y0 + r.y1) / 2
            for b in boxes:
                if b[1] - _SLACK <= cx <= b[3] + _SLACK and b[2] - _SLACK <= cy <= b[4] + _SLACK:
                    out.append(ws + j)
                    break
    return out


def _runs(text: str, chars: Iterable[int]) -> list[Span]:
    """Group character offsets into spans, bridging gaps of spaces and line breaks only."""
    spans: list[Span] = []
    for c in sorted(set(chars)):
        if spans:
            s, e = spans[-1]
            gap = text[e:c]
            if c == e or (gap and all(ch in " \n" for ch in gap) and len(gap) <= 2):
                spans[-1] = (s, c + 1)
                continue
        spans.append((c, c + 1))
    return spans


def _merge(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Union of overlapping spans ("PAPADOPOULOS" inside "PAPADOPOULOS, VASILIKI")."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)


def report_pages(seed: int) -> list[PageExample]:
    """The pages of generated report `seed`, as the detector reads them, with gold spans."""
    report = generate_report(seed)
    with pymupdf.open(stream=report.pdf) as doc:
        pages = extract_pages(doc)
    out: list[PageExample] = []
    for page in pages:
        persons: list[Span] = []
        aliases: list[Span] = []
        addresses: list[Span] = []
        values: list[tuple[str, str, tuple[Span, ...]]] = []
        for value in report.truth["values"]:
            category = value["category"]
            boxes = [b for b in value["boxes"] if int(b[0]) == page.index + 1]
            if not boxes:
                continue
            if category in NAME_CATEGORIES or category == ALIAS_CATEGORY:
                spans = _runs(page.text, _covered_chars(page, boxes))
                (persons if category in NAME_CATEGORIES else aliases).extend(spans)
                if spans:
                    values.append((category, str(value["value"]), tuple(spans)))
            elif category in ADDRESS_CATEGORIES:
                addresses.extend(_runs(page.text, _covered_chars(page, boxes)))
        out.append(
            PageExample(
                seed=seed,
                page=page.index,
                family=str(report.truth["family"]),
                text=page.text,
                persons=_merge(persons),
                aliases=_merge(aliases),
                addresses=_merge(addresses),
                values=tuple(values),
            )
        )
    return out


def pages_for(seeds: Iterable[int], processes: int = 1) -> Iterator[PageExample]:
    """The pages of each report, in seed order; generated in `processes` worker processes."""
    if processes <= 1:
        for seed in seeds:
            yield from report_pages(seed)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=processes) as pool:
        for pages in pool.map(report_pages, seeds, chunksize=8):
            yield from pages


# -- chunks --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of whole lines of a page with the spans inside it, offsets relative to `text`."""

    text: str
    persons: tuple[Span, ...]
    aliases: tuple[Span, ...]
    addresses: tuple[Span, ...]


def chunks(page: PageExample, max_lines: int) -> list[Chunk]:
    """Cut a page into runs of at most `max_lines` lines, never inside a gold span.

    Short examples make more, smaller updates per epoch than whole pages, and let the batches
    mix layouts; the detector still runs the model over whole pages.
    """
    text = page.text
    all_spans = sorted(page.persons + page.aliases + page.addresses)
    cuts = [0]
    lines_in_chunk = 0
    for i, ch in enumerate(text):
        if ch != "\n":
            continue
        lines_in_chunk += 1
        if lines_in_chunk >= max_lines and not any(s <= i < e for s, e in all_spans):
            cuts.append(i + 1)
            lines_in_chunk = 0
    cuts.append(len(text))
    out: list[Chunk] = []
    for a, b in itertools.pairwise(cuts):
        if b <= a or not text[a:b].strip():
            continue

        def inside(spans: tuple[Span, ...], a: int = a, b: int = b) -> tuple[Span, ...]:
            return tuple((s - a, e - a) for s, e in spans if a <= s and e <= b)

        out.append(
            Chunk(
                text=text[a:b].rstrip("\n"),
                persons=inside(page.persons),
                aliases=inside(page.aliases),
                addresses=inside(page.addresses),
            )
        )
    return out


# -- name substitution ----------------------------------------------------------------------


def _case_like(word: str, model: str) -> str:
    if model.isupper():
        return word.upper()
    if model.islower():
        return word.lower()
    return word


def swap_names(
    chunk: Chunk, given: Sequence[str], surnames: Sequence[str], rng: random.Random
) -> Chunk:
    """The same chunk with every gold name replaced by names from other pools.

    The generator draws names from finite pools, so a model trained only on its reports could
    learn the pools by heart instead of how a name sits in a report. Each word of a gold span is
    replaced, keeping its case, punctuation and line breaks: a word before a comma or last in
    the span becomes a surname, the others given names, one-letter initials stay initials. The
    same original word gets the same replacement throughout the chunk ("DIALLO, KWAME" ...
    "Mr. Diallo").
    """
    import regex

    mapping: dict[str, str] = {}

    def replace_span(span_text: str) -> str:
        words = list(regex.finditer(r"[\p{L}'’]+", span_text))
        comma = span_text.find(",")
        pieces: list[str] = []
        last = 0
        for k, m in enumerate(words):
            w = m.group()
            pieces.append(span_text[last : m.start()])
            last = m.end()
            if len(w) == 1 or w.islower():  # initials and particles ("de la") stay
                pieces.append(w)
                continue
            key = w.casefold()
            if key not in mapping:
                if len(words) == 1 or (comma >= 0 and m.end() <= comma):
                    pool = surnames
                elif comma >= 0 or k == 0:
                    pool = given
                elif k == len(words) - 1:
                    pool = surnames
                else:
                    pool = rng.choice((given, surnames))
                mapping[key] = rng.choice(pool)
            pieces.append(_case_like(mapping[key], w))
        pieces.append(span_text[last:])
        return "".join(pieces)

    persons = set(chunk.persons)
    aliases = set(chunk.aliases)
    marked = sorted(
        [(s, e, "p") for s, e in chunk.persons]
        + [(s, e, "a") for s, e in chunk.aliases]
        + [(s, e, "d") for s, e in chunk.addresses]
    )
    out: list[str] = []
    new: dict[str, list[Span]] = {"p": [], "a": [], "d": []}
    pos = 0
    for s, e, kind in marked:
        if s < pos:  # overlapping kinds: keep the first, drop the other
            continue
        out.append(chunk.text[pos:s])
        start = sum(len(x) for x in out)
        piece = chunk.text[s:e]
        if (s, e) in persons and kind == "p":
            piece = replace_span(piece)
        elif (s, e) in aliases and kind == "a" and " " in piece.strip():
            piece = replace_span(piece)  # an alias that is a full name ("Seamus Gallagher")
        out.append(piece)
        new[kind].append((start, start + len(piece)))
        pos = e
    out.append(chunk.text[pos:])
    return Chunk(
        text="".join(out),
        persons=tuple(new["p"]),
        aliases=tuple(new["a"]),
        addresses=tuple(new["d"]),
    )
