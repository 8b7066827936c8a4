"""A value found with its role unknown takes the role of the same value found
with one known role (value_roles.share_roles)."""

from __future__ import annotations

import re

import pymupdf
import pytest

from app.redaction.candidates import P_LABEL, P_PATTERN, Candidate
from app.redaction.pdf_text import extract_pages
from app.redaction.types import Category, PageText, Role
from app.redaction.value_roles import share_roles
from tests.pdfs import make_pdf

A, C, U, V = Role.ARRESTEE, Role.CO_ARRESTEE, Role.UNKNOWN, Role.VICTIM
ADDRESS, CB, NAT = Category.ADDRESS, Category.CB_NUMBER, Category.NATIONALITY
SID = Category.SID_NUMBER

Value = tuple[Category, Role, str]


def candidate(page: PageText, value: Value, *, last: bool = False) -> Candidate:
    """`value` where its words are printed (first or last mention, line breaks
    between its words allowed)."""
    category, role, text = value
    pattern = r"\s+".join(map(re.escape, text.split()))
    found = list(re.finditer(pattern, page.text))
    m = found[-1] if last else found[0]
    priority = P_PATTERN if last else P_LABEL
    return Candidate(category, role, page.index, m.start(), m.end(), 0.9, "test", priority)


@pytest.mark.parametrize(
    ("lines", "known", "mention", "expected"),
    [
        # The same address, printed on one line and then across two.
        (
            ["CO-ARRESTEE 2071 W. Dickens Ave, Chicago, IL 60644", "lived at 2071 W. Dickens",
             "Ave, Chicago, IL 60644, and"],
            [(ADDRESS, C, "2071 W. Dickens Ave, Chicago, IL 60644")],
            "2071 W. Dickens Ave, Chicago, IL 60644", C,
        ),
        # A grid cell wrapped its ZIP code under the phone: the two pieces are one value.
        (
            ["3 WISNIEWSKI 2071 W. Dickens Ave, #2, Chicago, IL (630) 569-6205", "60644",
             "of 2071 W. Dickens Ave, #2, Chicago, IL 60644, was arrested"],
            [(ADDRESS, C, "2071 W. Dickens Ave, #2, Chicago, IL"), (ADDRESS, C, "60644")],
            "2071 W. Dickens Ave, #2, Chicago, IL 60644", C,
        ),
        # A mention that stops short of the known address, keeping its first words.
        (
            ["ADDRESS 4410 N. Kedzie Ave, Chicago, IL 60625", "seen near 4410 N. Kedzie Ave today"],
            [(ADDRESS, A, "4410 N. Kedzie Ave, Chicago, IL 60625")],
            "4410 N. Kedzie Ave", A,
        ),
        # A number, and a number read with more after it in its cell.
        (["CB# 86844952", "WISNIEWSKI (CB 86844952) was"], [(CB, C, "86844952")], "86844952", C),
        (["86844952 Oct.", "(CB 86844952) was"], [(CB, C, "86844952 Oct.")], "86844952", C),
        # Another unit of the same building is another home.
        (
            ["ADDRESS 2071 W. Dickens Ave, #2", "the victim of 2071 W. Dickens Ave, #3"],
            [(ADDRESS, A, "2071 W. Dickens Ave, #2")],
            "2071 W. Dickens Ave, #3", U,
        ),
        # Two known roles printed it (one home): it stays unknown, the strictest.
        (
            ["ARRESTEE 12 Oak St, Elgin", "VICTIM 12 Oak St, Elgin", "at 12 Oak St, Elgin"],
            [(ADDRESS, A, "12 Oak St, Elgin"), (ADDRESS, V, "12 Oak St, Elgin")],
            "12 Oak St, Elgin", U,
        ),
        # Too little of it to name anyone: a house number and a street.
        (
            ["ADDRESS 4410 N. Kedzie Ave, Chicago", "on Kedzie at 4410 N"],
            [(ADDRESS, A, "4410 N. Kedzie Ave, Chicago")],
            "4410 N", U,
        ),
        # No digit: a country names no one owner.
        (["CITIZENSHIP MEXICO", "also from MEXICO"], [(NAT, A, "MEXICO")], "MEXICO", U),
        # Another category with the same digits is not the same value.
        (["CB# 86844952", "SID 86844952"], [(CB, A, "86844952")], (SID, "86844952"), U),
    ],
)  # fmt: skip
def test_an_unknown_mention_takes_the_single_known_role_of_its_value(
    lines: list[str], known: list[Value], mention: str | tuple[Category, str], expected: Role
) -> None:
    page = extract_pages(pymupdf.open(stream=make_pdf(lines), filetype="pdf"))[0]
    category, text = mention if isinstance(mention, tuple) else (known[0][0], mention)
    cands = [candidate(page, value) for value in known]
    cands.append(candidate(page, (category, U, text), last=True))
    out = share_roles([page], cands)
    assert out[-1].role is expected
    assert [c.role for c in out[:-1]] == [role for _, role, _ in known]
