"""Reviewer changes and the verification of what a reviewer released (app/redaction/review.py).

No model: the pages are real (extracted from a PDF made here), the decisions are made
by hand, and the output is burnt in by the real redactor.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pymupdf
import pytest

from app.config import PROJECT_ROOT
from app.redaction import redactor
from app.redaction.errors import ReviewChangeRejected
from app.redaction.pdf_input import open_untrusted_pdf
from app.redaction.pdf_text import extract_pages
from app.redaction.policy import PolicySet, load_policies
from app.redaction.propagation import fold
from app.redaction.review import (
    AddRedaction,
    Proposal,
    RemoveItem,
    apply_changes,
    released_residuals,
    token_pattern,
)
from app.redaction.types import (
    Action,
    Category,
    Decision,
    Finding,
    PageText,
    Rect,
    Role,
    marks_for,
)
from tests.pdfs import make_pdf

LINES = [
    "NAME: GARCIA-LOPEZ, Juan Carlos",
    "CHARGE: RETAIL THEFT",
    "NARRATIVE: GARCIA-LOPEZ was observed at the store.",
    "Officer Smith and officer SMITH arrived.",
]
PDF = make_pdf(LINES)


@pytest.fixture(scope="module")
def policies() -> PolicySet:
    return load_policies(PROJECT_ROOT / "redaction_policies")


@pytest.fixture
def pages() -> Iterator[list[PageText]]:
    doc = open_untrusted_pdf(PDF, max_pages=10)
    try:
        yield extract_pages(doc)
    finally:
        doc.close()


def mention(pages: Sequence[PageText], value: str, nth: int = 0) -> Finding:
    page = pages[0]
    matches = list(token_pattern(value).finditer(fold(page.text)))
    m = matches[nth]
    return Finding(
        category=Category.PERSON,
        role=Role.ARRESTEE,
        page=0,
        start=m.start(),
        end=m.end(),
        boxes=page.boxes_for_span(m.start(), m.end()),
        score=0.9,
        detector="test",
        text=page.text[m.start() : m.end()],
    )


def redact(finding: Finding) -> Decision:
    return Decision(finding, Action.REDACT, "7(1)(c)", "Privacy", "PERSON")


def keep(finding: Finding) -> Decision:
    return Decision(finding, Action.KEEP, "", "Released", "CHARGE")


def proposal(decisions: Sequence[Decision], juvenile: bool = False) -> Proposal:
    return Proposal(
        pages=1, juvenile=juvenile, page_sizes=((612.0, 792.0),), decisions=tuple(decisions)
    )


def burn(decisions: Sequence[Decision]) -> bytes:
    doc = open_untrusted_pdf(PDF, max_pages=10)
    try:
        extract_pages(doc)
        return redactor.redact_pdf(doc, marks_for(decisions))
    finally:
        doc.close()


@pytest.mark.parametrize(
    ("value", "text", "found"),
    [
        ("garcia-lopez", "NAME: GARCIA-LOPEZ, Juan", True),
        ("Juan Carlos", "Juan\nCarlos", True),  # across a line break
        ("Maria", "MARÍA", True),  # accents and case ignored
        ("Smith", "Smithson", False),  # whole tokens only
        ("1234", "#12345", False),
    ],
)
def test_token_pattern(value: str, text: str, found: bool) -> None:
    assert bool(token_pattern(value).search(fold(text))) is found


def test_remove_releases_one_item(pages: list[PageText], policies: PolicySet) -> None:
    name, narrative = mention(pages, "GARCIA-LOPEZ"), mention(pages, "GARCIA-LOPEZ", 1)
    p = proposal([redact(name), redact(narrative)])
    review = apply_changes(p, pages, policies.get("public"), [RemoveItem(2, "why")])
    assert [d.finding for d in review.decisions] == [name]
    assert review.released == ("GARCIA-LOPEZ",)
    (change,) = review.changes
    assert (change.change, change.item, change.category) == ("remove", 2, Category.PERSON)
    assert change.boxes == tuple((0, b) for b in narrative.boxes)


def test_add_text_boxes_every_mention(pages: list[PageText], policies: PolicySet) -> None:
    add = AddRedaction(Category.PERSON, Role.OFFICER, "why", text="smith")
    review = apply_changes(proposal([]), pages, policies.get("public"), [add])
    assert [d.finding.text for d in review.decisions] == ["Smith", "SMITH"]
    assert {d.rule for d in review.decisions} == {"reviewer"}
    assert {d.finding.detector for d in review.decisions} == {"reviewer"}
    # public keeps officers' names: an added box takes the policy's default code.
    assert {d.code for d in review.decisions} == {policies.get("public").default.code}
    assert review.changes[0].located_by == "text"
    assert len(review.changes[0].boxes) == 2


def test_add_rect_is_clipped_to_the_page(pages: list[PageText], policies: PolicySet) -> None:
    add = AddRedaction(
        Category.CHARGE, Role.UNKNOWN, "why", page=0, rect=Rect(-20.0, 80.0, 900.0, 95.0)
    )
    review = apply_changes(proposal([]), pages, policies.get("public"), [add])
    (decision,) = review.decisions
    assert decision.finding.boxes == (Rect(0.0, 80.0, 612.0, 95.0),)
    assert decision.finding.fragment  # an area: verified by its box, not a string
    assert decision.action is Action.REDACT


def test_problems_are_named_without_the_text(pages: list[PageText], policies: PolicySet) -> None:
    charge = keep(mention(pages, "RETAIL THEFT"))
    name = redact(mention(pages, "GARCIA-LOPEZ"))
    changes = [
        RemoveItem(1, "why"),  # kept
        RemoveItem(3, "why"),  # no such item
        RemoveItem(2, "why"),
        RemoveItem(2, "why"),  # twice
        AddRedaction(Category.PHONE, Role.UNKNOWN, "why", text="Zebediah"),
        AddRedaction(Category.PHONE, Role.UNKNOWN, "why", page=3, rect=Rect(1, 1, 2, 2)),
        AddRedaction(Category.PHONE, Role.UNKNOWN, "why", page=0, rect=Rect(5, 5, 1, 1)),
        AddRedaction(Category.PHONE, Role.UNKNOWN, "why", page=0, rect=Rect(700, 5, 800, 9)),
        AddRedaction(Category.PHONE, Role.UNKNOWN, "why", page=0, text="Smith"),
        AddRedaction(Category.PHONE, Role.UNKNOWN, "why", text=" -- "),
    ]
    with pytest.raises(ReviewChangeRejected) as caught:
        apply_changes(proposal([charge, name]), pages, policies.get("public"), changes)
    problems = caught.value.problems
    assert [p.field for p in problems] == [
        "changes.0.item",
        "changes.1.item",
        "changes.3.item",
        "changes.4.text",
        "changes.5.page",
        "changes.6.rect",
        "changes.7.rect",
        "changes.8",
        "changes.9.text",
    ]
    assert all("Zebediah" not in p.message for p in problems)
    assert caught.value.code == "invalid_change"


def test_a_withheld_record_takes_no_changes(pages: list[PageText], policies: PolicySet) -> None:
    with pytest.raises(ReviewChangeRejected):
        apply_changes(
            proposal([], juvenile=True), pages, policies.get("public"), [RemoveItem(1, "why")]
        )
    assert (
        apply_changes(proposal([], juvenile=True), pages, policies.get("public"), []).changes == ()
    )


def test_released_mentions_are_counted(pages: list[PageText]) -> None:
    """The reviewer released the NAME line's surname; the narrative's stays redacted."""
    name, narrative = mention(pages, "GARCIA-LOPEZ"), mention(pages, "GARCIA-LOPEZ", 1)
    final = [redact(narrative)]
    good = burn(final)
    assert released_residuals(good, pages, final, ["GARCIA-LOPEZ"]) == 0
    # Had the narrative's box not been burnt in, the surname is read twice: once too often.
    assert released_residuals(PDF, pages, final, ["GARCIA-LOPEZ"]) == 1
    # With nothing released there is nothing to count (the ordinary check applies).
    assert released_residuals(PDF, pages, final, []) == 0
    assert name.text == "GARCIA-LOPEZ"


def test_withheld_strings_inside_a_released_one_are_counted(pages: list[PageText]) -> None:
    """Released: "GARCIA-LOPEZ, Juan Carlos". Withheld: the narrative's "GARCIA-LOPEZ"."""
    page = pages[0]
    start = fold(page.text).index("garcia-lopez, juan carlos")
    full = Finding(
        Category.PERSON,
        Role.ARRESTEE,
        0,
        start,
        start + 25,
        page.boxes_for_span(start, start + 25),
        0.9,
        "test",
        page.text[start : start + 25],
    )
    narrative = mention(pages, "GARCIA-LOPEZ", 1)
    final = [redact(narrative)]
    assert released_residuals(burn(final), pages, final, [full.text]) == 0
    assert released_residuals(PDF, pages, final, [full.text]) == 1


def test_a_released_string_on_an_appended_page_is_counted(pages: list[PageText]) -> None:
    final = [redact(mention(pages, "GARCIA-LOPEZ", 1))]
    out = pymupdf.open(stream=burn(final), filetype="pdf")
    extra = out.new_page()
    extra.insert_text((72, 72), "Log: GARCIA-LOPEZ")
    data = out.tobytes()
    out.close()
    assert released_residuals(data, pages, final, ["GARCIA-LOPEZ"]) == 1
