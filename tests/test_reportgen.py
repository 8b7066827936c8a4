"""Checks on the synthetic report generator: the truth must be exactly what the PDF shows."""

from __future__ import annotations

import itertools
import json
import random
import re
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from tests.reportgen import JUVENILE_RATE, LAYOUTS, GeneratedReport, generate_report, plan
from tests.reportgen import pools as P
from tests.reportgen.__main__ import main
from tests.reportgen.case import COUNTRY_WEIGHTS, Val, build_case
from tests.reportgen.formats import A_NUMBER_PROSE
from tests.reportgen.labels import CATEGORIES, RELEASED_TO_ALL, ROLES, label
from tests.reportgen.render import Doc, text_width

SEEDS = (3, 11, 29)
CORPUS = range(48)  # seeds drawn whole (layout, juvenile, rotation): the variety checks
# (category, role) -> (federal_immigration, public), as every shared sample JSON labels them.
SAMPLE_TABLE = {
    ("AGE", "arrestee"): ("withhold", "release"),
    ("AGENCY", "none"): ("release", "release"),
    ("ALIAS", "arrestee"): ("withhold", "release"),
    ("ARREST_DATE", "none"): ("release", "release"),
    ("ARREST_LOCATION", "none"): ("release", "release"),
    ("A_NUMBER", "arrestee"): ("withhold", "withhold"),
    ("BOND", "none"): ("withhold", "release"),
    ("CB_NUMBER", "arrestee"): ("withhold", "release"),
    ("CB_NUMBER", "co_arrestee"): ("withhold", "release"),
    ("CHARGE", "none"): ("release", "release"),
    ("CONSULAR_ID", "arrestee"): ("withhold", "withhold"),
    ("COUNTRY_OF_CITIZENSHIP", "arrestee"): ("withhold", "withhold"),
    ("COUNTRY_OF_CITIZENSHIP", "relative"): ("withhold", "withhold"),
    ("DATE_OF_BIRTH", "arrestee"): ("withhold", "withhold"),
    ("DATE_OF_BIRTH", "co_arrestee"): ("withhold", "withhold"),
    ("DATE_OF_BIRTH", "relative"): ("withhold", "withhold"),
    ("DATE_OF_BIRTH", "victim"): ("withhold", "withhold"),
    ("DATE_OF_BIRTH", "witness"): ("withhold", "withhold"),
    ("DRIVERS_LICENSE", "arrestee"): ("withhold", "withhold"),
    ("EMAIL", "arrestee"): ("withhold", "withhold"),
    ("EMPLOYER", "arrestee"): ("withhold", "withhold"),
    ("FBI_NUMBER", "arrestee"): ("withhold", "withhold"),
    ("HOME_ADDRESS", "arrestee"): ("withhold", "release"),
    ("HOME_ADDRESS", "co_arrestee"): ("withhold", "release"),
    ("HOME_ADDRESS", "relative"): ("withhold", "withhold"),
    ("HOME_ADDRESS", "victim"): ("withhold", "withhold"),
    ("HOME_ADDRESS", "witness"): ("withhold", "withhold"),
    ("IMMIGRATION_STATUS", "arrestee"): ("withhold", "withhold"),
    ("IR_NUMBER", "arrestee"): ("withhold", "withhold"),
    ("LANGUAGE", "arrestee"): ("withhold", "release"),
    ("NATIONALITY", "arrestee"): ("withhold", "withhold"),
    ("OFFICER_NAME", "officer"): ("release", "release"),
    ("PASSPORT_NUMBER", "arrestee"): ("withhold", "withhold"),
    ("PERSON_NAME", "arrestee"): ("withhold", "release"),
    ("PERSON_NAME", "co_arrestee"): ("withhold", "release"),
    ("PERSON_NAME", "relative"): ("withhold", "withhold"),
    ("PERSON_NAME", "victim"): ("withhold", "withhold"),
    ("PERSON_NAME", "witness"): ("withhold", "withhold"),
    ("PHONE", "arrestee"): ("withhold", "withhold"),
    ("PHONE", "relative"): ("withhold", "withhold"),
    ("PHONE", "victim"): ("withhold", "withhold"),
    ("PHONE", "witness"): ("withhold", "withhold"),
    ("PLACE_OF_BIRTH", "arrestee"): ("withhold", "withhold"),
    ("RD_NUMBER", "none"): ("release", "release"),
    ("SID", "arrestee"): ("withhold", "withhold"),
    ("SSN", "arrestee"): ("withhold", "withhold"),
    ("STAR_NUMBER", "officer"): ("release", "release"),
    ("TATTOOS", "arrestee"): ("withhold", "release"),
    ("TVDL", "arrestee"): ("withhold", "withhold"),
    ("VEHICLE_PLATE", "arrestee"): ("withhold", "withhold"),
    ("VIN", "arrestee"): ("withhold", "withhold"),
    ("VISA_NUMBER", "arrestee"): ("withhold", "withhold"),
}
# Pairs the samples do not show but the generator prints, labelled by the README's rules (names,
# addresses, age, alias and tattoos released to the public for arrestees and co-arrestees only;
# everything about a person withheld from the federal immigration requester).
GENERATED_TABLE = {
    ("AGE", "co_arrestee"): ("withhold", "release"),
    ("AGE", "victim"): ("withhold", "withhold"),
    ("AGE", "witness"): ("withhold", "withhold"),
    ("ALIAS", "co_arrestee"): ("withhold", "release"),
    ("IMMIGRATION_STATUS", "relative"): ("withhold", "withhold"),
    ("PHONE", "co_arrestee"): ("withhold", "withhold"),
    ("TATTOOS", "co_arrestee"): ("withhold", "release"),
}


@cache
def report(seed: int, layout: str | None = None, juvenile: bool | None = None) -> GeneratedReport:
    return generate_report(seed, layout=layout, juvenile=juvenile)


def all_reports() -> Iterator[GeneratedReport]:
    for name in sorted(LAYOUTS):
        for seed in SEEDS:
            yield report(seed, name)


def corpus() -> Iterator[GeneratedReport]:
    for seed in CORPUS:
        yield report(seed)


@cache
def rotated_seeds() -> tuple[int, ...]:
    """The first seeds that rotate a page: two turned 90 degrees and two turned 270."""
    found: dict[int, list[int]] = {90: [], 270: []}
    seed = 0
    while min(len(v) for v in found.values()) < 2:
        angle = plan(seed)[0].rotation
        if angle and len(found[angle]) < 2:
            found[angle].append(seed)
        seed += 1
    return (*found[90], *found[270])


def norm(text: str) -> str:
    return " ".join(text.split())


Char = tuple[str, float, float]  # (character, x-centre, y-centre)


@cache
def page_lines(pdf: bytes) -> list[list[list[Char]]]:
    """Every text line of every page as its characters with their centres. On a rotated page
    lines run vertically; the coordinates are those of the unrotated page, as PyMuPDF gives."""
    pages = []
    for page in pymupdf.open(stream=pdf, filetype="pdf"):
        lines = []
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                lines.append(
                    [
                        (
                            ch["c"],
                            (ch["bbox"][0] + ch["bbox"][2]) / 2,
                            (ch["bbox"][1] + ch["bbox"][3]) / 2,
                        )
                        for span in line["spans"]
                        for ch in span["chars"]
                    ]
                )
        pages.append(lines)
    return pages


def inside(cx: float, cy: float, box: Sequence[float]) -> bool:
    return box[0] < cx < box[2] and box[1] < cy < box[3]


def text_in_box(lines: list[list[Char]], box: list[float]) -> str:
    """The characters whose centre lies in the box (a truth box is tight, so no neighbours)."""
    return "".join(c for line in lines for c, cx, cy in line if inside(cx, cy, box))


def squash(text: str) -> str:
    return "".join(text.split())


def check_boxes(rep: GeneratedReport) -> list[str]:
    """Every value is printed verbatim at its boxes: each occurrence is one box per line. A
    value broken inside a token ("Navarro-" / "Diaz") joins without a space, so the parts are
    compared with white space removed, and each part must be a piece of the value."""
    errors = []
    pages = page_lines(rep.pdf)
    for v in rep.truth["values"]:
        want = squash(v["value"])
        acc = ""
        for page, *rect in v["boxes"]:
            got = text_in_box(pages[int(page) - 1], rect)
            if not got.strip() or norm(got) not in norm(v["value"]):
                errors.append(f"{v['category']} {v['value']!r}: box on p{page} holds {got!r}")
                continue
            acc += squash(got)
            if acc == want:
                acc = ""
            elif not want.startswith(acc):
                errors.append(f"{v['category']} {v['value']!r}: box on p{page} holds {got!r}")
                acc = ""
        if acc:
            errors.append(f"{v['category']} {v['value']!r}: boxes end with a partial {acc!r}")
    return errors


def check_coverage(rep: GeneratedReport) -> list[str]:
    """A withheld value printed anywhere else in the document is inside some truth box."""
    errors = []
    boxes: dict[int, list[list[float]]] = {}
    for v in rep.truth["values"]:
        for page, *rect in v["boxes"]:
            boxes.setdefault(int(page), []).append(rect)
    texts = [
        [("".join(c for c, _, _ in chars), chars) for chars in lines]
        for lines in page_lines(rep.pdf)
    ]
    lowered = [[text.lower() for text, _ in lines] for lines in texts]
    for v in rep.truth["values"]:
        if "withhold" not in (v["federal_immigration"], v["public"]) or len(v["value"]) < 4:
            continue
        if v["category"] == "AGE" or v["category"] in RELEASED_TO_ALL:
            continue  # short numbers recur by chance; dates and agencies recur in letterheads
        want = v["value"].lower()
        pattern = re.compile(r"(?<!\w)" + re.escape(v["value"]) + r"(?!\w)", re.IGNORECASE)
        for page_no, lines in enumerate(texts, 1):
            for (text, chars), low in zip(lines, lowered[page_no - 1], strict=True):
                if want not in low:
                    continue
                for m in pattern.finditer(text):
                    for c, cx, cy in chars[m.start() : m.end()]:
                        if c != " " and not any(inside(cx, cy, b) for b in boxes.get(page_no, [])):
                            errors.append(f"untagged {v['category']} {v['value']!r} p{page_no}")
                            break
    return errors


def test_truth_has_the_samples_shape() -> None:
    for rep in [*all_reports(), *(report(s) for s in rotated_seeds())]:
        t = rep.truth
        assert set(t) == {
            "doc_id",
            "family",
            "pages",
            "scanned",
            "juvenile",
            "rotated_page",
            "values",
        }
        doc = pymupdf.open(stream=rep.pdf, filetype="pdf")
        assert t["scanned"] is False
        assert t["rotated_page"] is None or 1 <= t["rotated_page"] <= t["pages"]
        assert t["pages"] == len(doc)
        for v in t["values"]:
            assert set(v) == {"category", "value", "role", "federal_immigration", "public", "boxes"}
            assert v["boxes"], v
            for page, x0, y0, x1, y1 in v["boxes"]:
                assert isinstance(page, int)
                assert 1 <= page <= t["pages"]
                media = doc[page - 1].mediabox  # the unrotated page: landscape if rotated
                assert 0 <= x0 < x1 <= media.width and 0 <= y0 < y1 <= media.height
        keys = [(v["category"], v["value"], v["role"]) for v in t["values"]]
        assert len(keys) == len(set(keys))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_value_is_printed_at_its_boxes(layout: str) -> None:
    for seed in SEEDS:
        assert check_boxes(report(seed, layout)) == []


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_withheld_values_are_not_printed_outside_the_truth(layout: str) -> None:
    for seed in SEEDS:
        assert check_coverage(report(seed, layout)) == []


def test_corpus_boxes_and_coverage() -> None:
    """The same two checks on whole seeds: every feature a seed can draw, in any layout."""
    for rep in corpus():
        assert check_boxes(rep) == [], rep.truth["doc_id"]
        assert check_coverage(rep) == [], rep.truth["doc_id"]


def test_rotated_pages_read_upright_with_boxes_in_unrotated_space() -> None:
    angles = set()
    for seed in rotated_seeds():
        angle = plan(seed)[0].rotation
        for layout in (None, "typed_arrest_report", "cpd_arrest_form"):
            rep = report(seed, layout)
            n = rep.truth["rotated_page"]
            assert n is not None
            doc = pymupdf.open(stream=rep.pdf, filetype="pdf")
            page = doc[n - 1]
            angles.add(page.rotation)
            assert page.rotation == angle
            # a viewer shows the page as laid out (portrait); the media box is landscape
            assert (page.rect.width, page.rect.height) == (612, 792)
            assert (page.mediabox.width, page.mediabox.height) == (792, 612)
            assert [p.rotation for i, p in enumerate(doc, 1) if i != n] == [0] * (len(doc) - 1)
            # text runs along the unrotated page's y axis, and left to right once rotated
            turn = page.rotation_matrix
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    dx, dy = line["dir"]
                    assert abs(dx) < 1e-6 and abs(abs(dy) - 1) < 1e-6, line["dir"]
                    shown = pymupdf.Point(dx, dy) * turn - pymupdf.Point(0, 0) * turn
                    assert abs(shown.x - 1) < 1e-6 and abs(shown.y) < 1e-6
            assert check_boxes(rep) == []
            assert check_coverage(rep) == []
            # the boxes are where PyMuPDF's own search finds the values on the rotated page
            lines = page_lines(rep.pdf)[n - 1]
            checked = 0
            for v in rep.truth["values"]:
                whole = [
                    pymupdf.Rect(b[1:])
                    for b in v["boxes"]
                    if b[0] == n and norm(text_in_box(lines, b[1:])) == norm(v["value"])
                ]
                if len(v["value"]) < 5 or not whole:
                    continue
                hits = page.search_for(v["value"])
                for box in whole:
                    assert any(abs(h & box) > 0.6 * abs(box) for h in hits), (v, box, hits)
                    checked += 1
            assert checked >= 5
    assert angles == {90, 270}


def test_juveniles_and_rotated_pages_are_drawn_at_their_rates() -> None:
    plans = [plan(seed)[0] for seed in range(4000)]
    juvenile = sum(p.juvenile for p in plans) / len(plans)
    rotated = sum(bool(p.rotation) for p in plans) / len(plans)
    assert JUVENILE_RATE == 0.10 and 0.085 <= juvenile <= 0.115
    assert 0.10 <= rotated <= 0.15  # about 1 in 8
    assert {p.rotation for p in plans} == {0, 90, 270}
    assert {p.layout for p in plans} == set(LAYOUTS)
    for seed in CORPUS:
        truth = report(seed).truth
        assert truth["juvenile"] == plans[seed].juvenile
        assert (truth["rotated_page"] is not None) == bool(plans[seed].rotation)


def value_spans(rep: GeneratedReport) -> Iterator[tuple[str, float, str]]:
    """(category, font size, font name) of every span character inside a value's box."""
    boxes: dict[int, list[tuple[str, list[float]]]] = {}
    for v in rep.truth["values"]:
        for page, *rect in v["boxes"]:
            boxes.setdefault(page, []).append((v["category"], rect))
    for page_no, page in enumerate(pymupdf.open(stream=rep.pdf, filetype="pdf"), 1):
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    for ch in span["chars"]:
                        cx = (ch["bbox"][0] + ch["bbox"][2]) / 2
                        cy = (ch["bbox"][1] + ch["bbox"][3]) / 2
                        for category, box in boxes.get(page_no, []):
                            if inside(cx, cy, box):
                                yield category, span["size"], span["font"]
                                break


def test_values_are_printed_between_8_and_12_pt_in_varied_fonts() -> None:
    doc_sizes = []
    fonts: set[str] = set()
    varied_within = 0
    for rep in corpus():
        sizes = set()
        for category, size, fontname in value_spans(rep):
            assert 8 - 1e-3 <= size <= 12 + 1e-3, (rep.truth["doc_id"], category, size)
            sizes.add(round(size, 1))
            fonts.add(fontname.split("-")[0])
        doc_sizes.append(sizes)
        varied_within += len(sizes) >= 3  # form cells, tables and narrative differ
    everything = set().union(*doc_sizes)
    assert len(everything) >= 8 and min(everything) == 8.0 and max(everything) >= 11.5
    assert len({max(s) for s in doc_sizes}) >= 5, "the main size varies per document"
    assert varied_within >= len(doc_sizes) // 2, "and per block within a document"
    assert {"NimbusSans", "NimbusRoman", "NimbusMonoPS"} <= fonts  # Helvetica, Times, Courier


def test_typewriter_report_is_courier_all_caps_with_abbreviations() -> None:
    labels: set[str] = set()
    for seed in (*SEEDS, 5, 38):
        rep = report(seed, "typed_arrest_report")
        doc = pymupdf.open(stream=rep.pdf, filetype="pdf")
        for page in doc:
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        assert span["font"].startswith("NimbusMonoPS"), span["font"]
                        assert 8 <= span["size"] <= 12
            text = page.get_text()
            assert text == text.upper() and text.isascii()
            labels |= set(
                re.findall(r"(?<!\w)(DOB|POB|CTZ|CITZ|A#|SMT|EMPL|SS#|DL#|LANG)(?!\w)", text)
            )
        for v in rep.truth["values"]:
            assert v["value"] == v["value"].upper() and v["value"].isascii(), v
    assert {"DOB", "POB", "A#", "SMT", "EMPL", "LANG"} <= labels
    assert labels & {"CTZ", "CITZ"}


def co_arrestee_rows(rep: GeneratedReport) -> int:
    """Rows of the largest co-arrestee table: names in one column, each beside its CB number
    in another column of the same row."""
    firsts: dict[tuple[str, str], list[float]] = {}
    for v in rep.truth["values"]:
        if v["role"] == "co_arrestee" and v["category"] in ("PERSON_NAME", "CB_NUMBER"):
            for box in v["boxes"]:
                firsts.setdefault((v["category"], v["value"]), box)
                break
    names = [(k[1], b) for k, b in firsts.items() if k[0] == "PERSON_NAME"]
    cbs = [b for k, b in firsts.items() if k[0] == "CB_NUMBER"]
    columns: dict[tuple[int, int, int], int] = {}
    for _name, nb in names:
        for cb in cbs:
            same_row = cb[0] == nb[0] and abs((cb[2] + cb[4]) / 2 - (nb[2] + nb[4]) / 2) < 4
            if same_row and cb[1] > nb[3]:
                key = (int(nb[0]), round(nb[1]), round(cb[1]))
                columns[key] = columns.get(key, 0) + 1
    return max(columns.values(), default=0)


def test_co_arrestee_tables_have_several_rows() -> None:
    rows = []
    wrapped_in_cell = 0
    for rep in corpus():
        people = {v["value"] for v in rep.truth["values"] if v["category"] == "CB_NUMBER"}
        n = co_arrestee_rows(rep)
        if n:
            rows.append(n)
            assert n <= len(people) - 1 <= 4
        for v in rep.truth["values"]:
            if v["role"] == "co_arrestee" and v["category"] in ("PERSON_NAME", "HOME_ADDRESS"):
                b = v["boxes"]
                # a line break inside the value, in the same cell (same left edge, next line)
                wrapped_in_cell += any(
                    p[0] == q[0] and abs(p[1] - q[1]) < 1 and q[2] > p[2]
                    for p, q in itertools.pairwise(b)
                )
    assert len([n for n in rows if n >= 2]) >= 4, rows
    assert max(rows) >= 3
    assert wrapped_in_cell >= 3


def test_each_a_number_format_appears() -> None:
    seen: dict[str, set[int]] = {k: set() for k in A_NUMBER_PROSE}
    for seed in CORPUS:
        rep = report(seed)
        text = " ".join(p.get_text() for p in pymupdf.open(stream=rep.pdf, filetype="pdf"))
        text = " ".join(re.sub(r"-\s*\n\s*", "-", text).split())
        for v in rep.truth["values"]:
            if v["category"] != "A_NUMBER":
                continue
            d = re.sub(r"\D", "", v["value"])
            a, b, c = d[:3], d[3:6], d[6:]
            printed = {  # how it is printed -> the part that is the truth value
                "A212345678": (rf"(?<![\w#-])A{d}(?!\w)", f"A{d}"),
                "A# 212-345-678": (rf"A# {a}-{b}-{c}(?!\w)", f"{a}-{b}-{c}"),
                "A-Number: 212345678": (rf"A-Number: {d}(?!\w)", d),
                "alien registration no. A 212 345 678": (
                    rf"alien registration no\. A {a} {b} {c}(?!\w)",
                    f"A {a} {b} {c}",
                ),
                "A 212 345 678": (rf"(?<!no\. )(?<![\w-])A {a} {b} {c}(?!\w)", f"A {a} {b} {c}"),
                "A-212-345-678": (rf"(?<![\w-])A-{a}-{b}-{c}(?!\w)", f"A-{a}-{b}-{c}"),
            }
            for key, (pattern, value) in printed.items():
                if v["value"].upper() == value.upper() and re.search(pattern, text, re.I):
                    seen[key].add(seed)
    assert all(len(seeds) >= 2 for seeds in seen.values()), seen


def test_hyphenated_name_breaks_at_the_line_end() -> None:
    """ "Navarro-" ends one line and "Diaz" starts the next: one value, two boxes."""
    name = Val("PERSON_NAME", "arrestee", "Navarro-Diaz")
    filler = "The arrestee was identified at the scene as Mr."
    doc = Doc(hyphenate=True)
    doc.new_page()
    width = text_width(f"{filler} Navarro-", "helv", 10) + 3  # "Diaz," does not fit
    doc.para([filler, " ", name, ", who stated that he lives nearby."], 72, 72 + width, "helv", 10)
    pdf = doc.finish(title="t")
    rep = GeneratedReport(
        pdf=pdf,
        truth={
            "values": [
                {
                    "category": "PERSON_NAME",
                    "value": name.text,
                    "boxes": doc.boxes[("PERSON_NAME", name.text, "arrestee")],
                }
            ]
        },
    )
    boxes = rep.truth["values"][0]["boxes"]
    lines = page_lines(pdf)[0]
    assert [text_in_box(lines, b[1:]) for b in boxes] == ["Navarro-", "Diaz"]
    assert check_boxes(rep) == []
    assert boxes[1][2] > boxes[0][4] and boxes[1][1] == 72  # next line, at the margin
    # without hyphenation the whole name moves to the next line
    plain = Doc()
    plain.new_page()
    plain.para(
        [filler, " ", name, ", who stated that he lives nearby."], 72, 72 + width, "helv", 10
    )
    assert len(plain.boxes[("PERSON_NAME", name.text, "arrestee")]) == 1


def test_values_break_across_lines_in_the_corpus() -> None:
    """Some values of the corpus are broken after a hyphen at a line end, and the parts join
    without a space (check_boxes holds them to that)."""
    split_after_hyphen = 0
    for rep in corpus():
        lines = page_lines(rep.pdf)
        for v in rep.truth["values"]:
            for a, b in zip(v["boxes"], v["boxes"][1:], strict=False):
                head = text_in_box(lines[a[0] - 1], a[1:])
                tail = text_in_box(lines[b[0] - 1], b[1:])
                if head.endswith("-") and (head + tail) in v["value"]:
                    split_after_hyphen += 1
    assert split_after_hyphen >= 5


def test_countries_of_origin_follow_chicago_weights() -> None:
    codes = {c.code for c in P.COUNTRIES}
    assert set(COUNTRY_WEIGHTS) <= codes
    listed = "MEX POL IND PHL CHN GTM ECU HND COL VEN UKR NGA ETH KOR VNM PAK SLV HTI CUB DOM"
    assert set(listed.split()) <= set(COUNTRY_WEIGHTS)
    ranked = sorted(COUNTRY_WEIGHTS, key=COUNTRY_WEIGHTS.__getitem__, reverse=True)
    assert ranked[0] == "MEX" and COUNTRY_WEIGHTS["MEX"] > 5 * COUNTRY_WEIGHTS[ranked[1]]
    assert set(ranked[1:6]) <= {"POL", "IND", "PHL", "CHN", "GTM", "VEN"}
    drawn: dict[str, int] = {}
    for seed in range(600):
        case = build_case(random.Random(seed), chicago=True, juvenile=False)
        if not case.us_born:
            drawn[case.country.code] = drawn.get(case.country.code, 0) + 1
    total = sum(drawn.values())
    assert 0.35 <= drawn["MEX"] / total <= 0.55
    assert drawn["MEX"] > 4 * max(n for code, n in drawn.items() if code != "MEX")
    assert len(drawn) >= 20


def test_label_table_matches_the_samples() -> None:
    for (category, role), expected in SAMPLE_TABLE.items():
        assert label(category, role, juvenile=False) == expected, (category, role)
    for (category, role), expected in GENERATED_TABLE.items():
        assert label(category, role, juvenile=False) == expected, (category, role)
    assert label("PERSON_NAME", "victim", juvenile=False) == ("withhold", "withhold")
    assert label("AGENCY", "none", juvenile=True) == ("release", "release")
    assert label("OFFICER_NAME", "officer", juvenile=True) == ("withhold", "withhold")


def test_label_table_follows_the_readme_for_every_pair() -> None:
    for category in CATEGORIES:
        for role in ROLES:
            fed, public = label(category, role, juvenile=False)
            # "Names and home addresses are released to the public only for arrestees and
            # co-arrestees."
            if category in ("PERSON_NAME", "HOME_ADDRESS"):
                assert (public == "release") == (role in ("arrestee", "co_arrestee"))
            # "The public policy withholds IR numbers too."
            if category == "IR_NUMBER":
                assert public == "withhold"
            # a juvenile's record is withheld whole, but for the agency's name
            expected = "release" if category == "AGENCY" else "withhold"
            assert label(category, role, juvenile=True) == (expected, expected)
            if category in RELEASED_TO_ALL:
                assert (fed, public) == ("release", "release")
            else:
                assert fed == "withhold"


def test_values_are_labelled_by_the_table() -> None:
    known = {**SAMPLE_TABLE, **GENERATED_TABLE}
    for rep in [*all_reports(), *corpus()]:
        juvenile = rep.truth["juvenile"]
        for v in rep.truth["values"]:
            got = (v["federal_immigration"], v["public"])
            assert got == label(v["category"], v["role"], juvenile=juvenile)
            if not juvenile:
                assert got == known[(v["category"], v["role"])], (v["category"], v["role"])


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_juvenile_reports_are_flagged_and_withheld(layout: str) -> None:
    rep = report(5, layout, True)
    assert rep.truth["juvenile"] is True
    ages = [
        int(v["value"])
        for v in rep.truth["values"]
        if v["category"] == "AGE" and v["role"] == "arrestee"
    ]
    assert ages and all(a < 18 for a in ages)
    for v in rep.truth["values"]:
        expected = "release" if v["category"] == "AGENCY" else "withhold"
        assert v["federal_immigration"] == v["public"] == expected, v
    assert check_boxes(rep) == []
    adult = report(5, layout, False)
    assert adult.truth["juvenile"] is False
    assert all(
        int(v["value"]) >= 18
        for v in adult.truth["values"]
        if v["category"] == "AGE" and v["role"] == "arrestee"
    )


def test_same_seed_same_bytes() -> None:
    for seed, layout in ((17, None), (rotated_seeds()[0], None), (17, "typed_arrest_report")):
        a = generate_report(seed, layout=layout)
        b = generate_report(seed, layout=layout)
        assert a.pdf == b.pdf and a.truth == b.truth
    assert generate_report(18).pdf != generate_report(17).pdf


def test_layouts_are_distinct_and_drawn_from_the_seed() -> None:
    assert len(LAYOUTS) >= 6
    drawn = {report(seed).truth["family"] for seed in CORPUS}
    assert drawn == set(LAYOUTS)
    for name in LAYOUTS:
        assert report(SEEDS[0], name).truth["family"] == name
    with pytest.raises(ValueError):
        generate_report(1, layout="nope")


def test_variety_across_reports() -> None:
    values = [v for rep in [*all_reports(), *corpus()] for v in rep.truth["values"]]
    categories = {v["category"] for v in values}
    assert {"PERSON_NAME", "OFFICER_NAME", "DATE_OF_BIRTH", "CHARGE", "CB_NUMBER"} <= categories
    assert set(CATEGORIES) - categories <= {"NATIONALITY"} and len(categories) >= 33
    assert any(not v["value"].isascii() for v in values), "accented names must round-trip"
    assert any(len(v["boxes"]) > 1 for v in values), "values repeat"
    multiline = [
        v for v in values if len({(b[0], b[2]) for b in v["boxes"]}) > 1 and " " in v["value"]
    ]
    assert multiline, "some values wrap across lines"
    assert any(rep.truth["pages"] > 1 for rep in all_reports())

    def printed(category: str) -> set[str]:
        return {v["value"] for v in values if v["category"] == category}

    # several printed formats of each kind of number
    phones = printed("PHONE")
    shapes = {re.sub(r"\d", "9", p) for p in phones}
    assert len(shapes) >= 5, shapes
    ssns = {re.sub(r"\d", "9", v) for v in printed("SSN")}
    assert {"999-99-9999", "999 99 9999", "999999999"} <= ssns
    licences = {re.sub(r"\d", "9", v[1:]) for v in printed("DRIVERS_LICENSE") | printed("TVDL")}
    assert {"999-9999-9999", "999 9999 9999"} <= licences
    statuses = {s.lower() for s in printed("IMMIGRATION_STATUS")}
    assert len(statuses) >= 10
    assert any(" " in t and "TAT" not in t for t in printed("TATTOOS")), "tattoos in prose"
    assert any(t.startswith("TAT") for t in printed("TATTOOS")), "and in SMT style"
    assert any("interpreter" in lang.lower() for lang in printed("LANGUAGE"))
    assert any(any(ch.isdigit() for ch in e) for e in printed("EMPLOYER")), "employer addresses"


def test_passports_visas_and_consular_ids_are_named_in_words() -> None:
    words = {"passport": 0, "i-94 #": 0, "visa foil no.": 0, "matr": 0, "consular": 0}
    for rep in corpus():
        text = " ".join(p.get_text() for p in pymupdf.open(stream=rep.pdf, filetype="pdf"))
        text = " ".join(text.split()).lower()
        for word in words:
            words[word] += word in text
    assert all(n >= 2 for n in words.values()), words


def test_cli_writes_a_sample_directory(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path), "--n", "3", "--seed", "4"]) == 0
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert [d["doc_id"] for d in manifest["documents"]] == ["0001", "0002", "0003"]
    for d in manifest["documents"]:
        truth: dict[str, Any] = json.loads((tmp_path / f"{d['doc_id']}.json").read_text())
        assert truth["doc_id"] == d["doc_id"]
        assert (tmp_path / f"{d['doc_id']}.pdf").read_bytes()[:5] == b"%PDF-"
        assert len(truth["values"]) == d["n_values"]
