"""A redacted string is redacted wherever verification would read it."""

from __future__ import annotations

import pymupdf
import pytest

from app.redaction.consistency import complete
from app.redaction.pdf_text import extract_pages
from app.redaction.types import Action, Category, Decision, Finding, PageText, Role
from tests.pdfs import make_pdf


def pages_of(lines: list[list[str]]) -> list[PageText]:
    return extract_pages(pymupdf.open(stream=make_pdf(lines), filetype="pdf"))


def decision(page: PageText, text: str, action: Action = Action.REDACT) -> Decision:
    start = page.text.index(text)
    end = start + len(text)
    finding = Finding(
        Category.LANGUAGE,
        Role.ARRESTEE,
        page.index,
        start,
        end,
        page.boxes_for_span(start, end),
        0.9,
        "test",
        text,
    )
    return Decision(finding, action, "X" if action is Action.REDACT else "", "basis", "rule")


@pytest.mark.parametrize(
    ("lines", "value", "expected"),
    [
        # Other case, other page, a line break inside, a possessive after it.
        ([["LANGUAGE: Fula", "He speaks fula at home."], ["FULA again"]], "Fula", 2),
        ([["ALIAS: Big Lou", "known as Big", "Lou's friend"]], "Big Lou", 1),
        # Not inside a longer word.
        ([["LANGUAGE: Fula", "Fulani and Fulasi are other words."]], "Fula", 0),
    ],
)
def test_every_other_mention_gets_the_same_decision(
    lines: list[list[str]], value: str, expected: int
) -> None:
    pages = pages_of(lines)
    first = decision(pages[0], value)
    added = complete(pages, [first])[1:]
    assert len(added) == expected
    assert all(d.action is Action.REDACT and d.code == "X" for d in added)
    assert all(d.finding.detector == "consistency" and d.finding.boxes for d in added)


def test_a_string_inside_a_released_one_is_left_alone() -> None:
    # "Moreno" withheld for a relative, but part of the arrestee's released name.
    pages = pages_of([["RELATIVE: Moreno", "ARRESTEE: MORENO FAJARDO, Arbey", "Moreno said"]])
    withheld = decision(pages[0], "Moreno")
    released = decision(pages[0], "MORENO FAJARDO, Arbey", Action.KEEP)
    assert complete(pages, [withheld, released]) == [withheld, released]
