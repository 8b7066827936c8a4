"""Name shapes inside labelled values (persons.names_in), table-driven."""

from __future__ import annotations

import pytest

from app.redaction import persons


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("GARCIA, Juan (CB 123)", ["GARCIA, Juan"]),
        ("WITNESS GOMEZ, Ana", ["GOMEZ, Ana"]),  # the row's type cell ran into the name
        ("DULCE MARIA BECERRA DE LA TORRE PH (847)300-8637", ["DULCE MARIA BECERRA DE LA TORRE"]),
        # No "LAST, First" after all: the words before the comma are the name, and
        # the relation before it is not.
        ("HUSBAND GREGORY PRESCOTT, WHO WILL ATTEND THE BOND HEARING.", ["GREGORY PRESCOTT"]),
        ("THE VICTIM, WHO WAS INJURED", []),
        # The first label in capitals ends the name, even before a month that may
        # be a given name ("JAN").
        ("KHOURY, ABDELRAHMAN DOB JAN. 4, 1975 CB# 32532447", ["KHOURY, ABDELRAHMAN"]),
        ("KEBEDE, HIWOT SELAM DOB 30-MAR-1987", ["KEBEDE, HIWOT SELAM"]),
        # A relation before a long name is no word of it: it took the last name's
        # place ("Wife Ingrid Heidy Funes Pérez", and "Ajanel" was left).
        (
            "Wife Ingrid Heidy Funes Pérez Ajanel at (331) 967-8232.",
            ["Ingrid Heidy Funes Pérez Ajanel"],
        ),
        ("Brother RUIZ, Juan", ["RUIZ, Juan"]),
        # A whole cell "LAST. First": the comma read as a full stop on a scan.
        ("COSTIGAN. Brendan", ["COSTIGAN. Brendan"]),
        ("O'NEIL-RUIZ. Ana Maria", ["O'NEIL-RUIZ. Ana Maria"]),
        (
            "Ingrid Heidy Funes Pérez Ajanel (WIFE) (331) 967-8232",
            ["Ingrid Heidy Funes Pérez Ajanel"],
        ),
        # A street after its house number, a town and state before a ZIP code: no
        # name, though each has a name's shape (a value under a heading on a scan).
        ("HUDA ADDR 7035 S. LARAMIE AVE, BERWYN, IL 60402", []),
        ("MANSOUR, HUDA ADDR 7035 S. LARAMIE AVE, BERWYN, IL 60402", ["MANSOUR, HUDA"]),
        ("S. LARAMIE, seen at 7035 W. Cermak", ["S. LARAMIE"]),  # no number before it
    ],
)
def test_names_in_a_value(value: str, names: list[str]) -> None:
    assert [value[a:b] for a, b in persons.names_in(value)] == names


@pytest.mark.parametrize(
    ("piece", "expected"),
    [("Cuevas", True), ("DE LA TORRE", True), ("CONTACT", False), ("the rest", False)],
)
def test_a_wrapped_piece_of_a_name(piece: str, expected: bool) -> None:
    assert persons.is_name_piece(piece) is expected


@pytest.mark.parametrize(
    "value", ["WITNESS. Brendan", "UNKNOWN. Refused", "COSTIGAN. Brendan left the scene."]
)
def test_a_full_stop_is_no_comma_after_a_form_word_or_in_prose(value: str) -> None:
    assert not any(value[a:b].startswith(value.split(".")[0]) for a, b in persons.names_in(value))


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("R/Os Ofc. L. WOJTOWICZ (Star #1322) and Det. Black", ["L. WOJTOWICZ", "Black"]),
        # The name may start the next line after its title ...
        ("BILINGUAL OFFICER\nS. SOBCZAK arrived", ["S. SOBCZAK"]),
        ("R/O\nJan Kowalski #1234", ["Jan Kowalski"]),
        # ... but a title ending a header row, as a scan's rows are read, has no
        # name in the form word that starts the row of values under it.
        ("ZONE/BEAT\tR/O\nNov. 23, 2020\t19:19", []),
        ("ARRESTING OFFICER\nDISTRICT 012", []),
    ],
)
def test_an_officers_name_after_a_title(text: str, names: list[str]) -> None:
    assert [text[c.start : c.end] for c in persons.officer_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("CO-ARRESTEE:\tZHENG, Bo\tAKA: Peewee", "ZHENG, Bo"),
        # A scan's header row read as one line: the next label is no name.
        ("#\tCO-ARRESTEE\tBOOKING#\tAKA\tD.O.B.", None),
    ],
)
def test_a_role_cue_takes_no_form_word_for_a_name(text: str, name: str | None) -> None:
    found = {text[c.start : c.end] for c in persons.role_cues(text)}
    assert found == ({name} if name else set())
