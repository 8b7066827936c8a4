"""Candidates: what a detection source proposes before overlaps are settled."""

from __future__ import annotations

from dataclasses import dataclass

from app.redaction.types import Category, Role

# Evidence strength, used to settle overlapping candidates.
P_MODEL = 1  # spaCy NER: good on prose, poor on capitals and form fragments
P_PATTERN = 2  # a recognizer's pattern or a cue phrase
P_LABEL = 3  # the form says what the value is


# Facts of the incident, not of a person: charges, when and where, the case and
# star numbers, the bond, and photos (decided by the policy as a whole).
INCIDENT_CATEGORIES = frozenset(
    {
        Category.CHARGE,
        Category.ARREST_DATE,
        Category.ARREST_LOCATION,
        Category.RD_NUMBER,
        Category.STAR_NUMBER,
        Category.BOND,
        Category.PHOTO,
    }
)
# Categories that belong to a person, and so take their owner's role.
PERSONAL_ATTRIBUTES = frozenset(Category) - INCIDENT_CATEGORIES - {Category.PERSON}


@dataclass(frozen=True, slots=True)
class Candidate:
    category: Category
    role: Role
    page: int
    start: int
    end: int
    score: float
    detector: str
    priority: int
    # True when the role came from the label of a generic form field ("NAME"),
    # which a section header or a cue on the same row may override.
    weak_role: bool = False
    # Part of a wrapped table cell, not a value of its own (see Finding.fragment).
    fragment: bool = False
