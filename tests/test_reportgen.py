"""Checks on the synthetic report generator: the truth must be exactly what the PDF shows."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from tests.reportgen import LAYOUTS, GeneratedReport, generate_report
from tests.reportgen.__main__ import main
from tests.reportgen.labels import RELEASED_TO_ALL, label

SEEDS = (3, 11, 29)
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


@cache
def report(seed: int, layout: str | None = None, juvenile: bool | None = None) -> GeneratedReport:
    return generate_report(seed, layout=layout, juvenile=juvenile)


def all_reports() -> Iterator[GeneratedReport]:
    for name in sorted(LAYOUTS):
        for seed in SEEDS:
            yield report(seed, name)


def norm(text: str) -> str:
    return " ".join(text.split())


Line = tuple[float, float, list[tuple[str, float]]]  # (y0, y1, [(char, x-centre)])


@cache
def page_lines(pdf: bytes) -> list[list[Line]]:
    """Every text line of every page: its vertical extent and its characters' x-centres."""
    pages = []
    for page in pymupdf.open(stream=pdf, filetype="pdf"):
        lines = []
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                chars = [
                    (ch["c"], (ch["bbox"][0] + ch["bbox"][2]) / 2)
                    for span in line["spans"]
                    for ch in span["chars"]
                ]
                y0, y1 = line["bbox"][1], line["bbox"][3]
                lines.append((y0, y1, chars))
        pages.append(lines)
    return pages


def text_in_box(lines: list[Line], box: list[float]) -> str:
    """The characters whose centre lies in the box (a truth box is tight, so no neighbours)."""
    x0, y0, x1, y1 = box
    out: list[str] = []
    for ly0, ly1, chars in lines:
        if y0 < (ly0 + ly1) / 2 < y1:
            out.extend(c for c, cx in chars if x0 < cx < x1)
    return "".join(out)


def check_boxes(rep: GeneratedReport) -> list[str]:
    """Every value is printed verbatim at its boxes: each occurrence is one box per line."""
    errors = []
    pages = page_lines(rep.pdf)
    for v in rep.truth["values"]:
        want = norm(v["value"])
        acc = ""
        for page, *rect in v["boxes"]:
            got = norm(text_in_box(pages[int(page) - 1], rect))
            acc = norm(f"{acc} {got}")
            if acc == want:
                acc = ""
            elif not want.startswith(acc):
                errors.append(f"{v['category']} {want!r}: box on p{page} holds {got!r}")
                acc = ""
        if acc:
            errors.append(f"{v['category']} {want!r}: boxes end with a partial {acc!r}")
    return errors


def check_coverage(rep: GeneratedReport) -> list[str]:
    """A withheld value printed anywhere else in the document is inside some truth box."""
    errors = []
    boxes: dict[int, list[list[float]]] = {}
    for v in rep.truth["values"]:
        for page, *rect in v["boxes"]:
            boxes.setdefault(int(page), []).append(rect)
    for v in rep.truth["values"]:
        if "withhold" not in (v["federal_immigration"], v["public"]) or len(v["value"]) < 4:
            continue
        if v["category"] == "AGE" or v["category"] in RELEASED_TO_ALL:
            continue  # short numbers recur by chance; dates and agencies recur in letterheads
        pattern = re.compile(r"(?<!\w)" + re.escape(v["value"]) + r"(?!\w)", re.IGNORECASE)
        for page_no, lines in enumerate(page_lines(rep.pdf), 1):
            for ly0, ly1, chars in lines:
                text = "".join(c for c, _ in chars)
                for m in pattern.finditer(text):
                    cy = (ly0 + ly1) / 2
                    for c, cx in chars[m.start() : m.end()]:
                        if c != " " and not any(
                            b[0] < cx < b[2] and b[1] < cy < b[3] for b in boxes.get(page_no, [])
                        ):
                            errors.append(f"untagged {v['category']} {v['value']!r} p{page_no}")
                            break
    return errors


def test_truth_has_the_samples_shape() -> None:
    for rep in all_reports():
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
        assert t["scanned"] is False and t["rotated_page"] is None
        assert t["pages"] == len(pymupdf.open(stream=rep.pdf, filetype="pdf"))
        for v in t["values"]:
            assert set(v) == {"category", "value", "role", "federal_immigration", "public", "boxes"}
            assert v["boxes"], v
            for page, x0, y0, x1, y1 in v["boxes"]:
                assert isinstance(page, int)
                assert 1 <= page <= t["pages"] and 0 <= x0 < x1 <= 612 and 0 <= y0 < y1 <= 792
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


def test_label_table_matches_the_samples() -> None:
    for (category, role), expected in SAMPLE_TABLE.items():
        assert label(category, role, juvenile=False) == expected, (category, role)
    assert label("PERSON_NAME", "victim", juvenile=False) == ("withhold", "withhold")
    assert label("AGENCY", "none", juvenile=True) == ("release", "release")
    assert label("OFFICER_NAME", "officer", juvenile=True) == ("withhold", "withhold")


def test_values_are_labelled_by_the_table() -> None:
    for rep in all_reports():
        juvenile = rep.truth["juvenile"]
        for v in rep.truth["values"]:
            got = (v["federal_immigration"], v["public"])
            assert got == label(v["category"], v["role"], juvenile=juvenile)
            if not juvenile and (v["category"], v["role"]) in SAMPLE_TABLE:
                assert got == SAMPLE_TABLE[(v["category"], v["role"])]


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
    a = generate_report(17)
    b = generate_report(17)
    assert a.pdf == b.pdf and a.truth == b.truth
    assert generate_report(18).pdf != a.pdf


def test_layouts_are_distinct_and_drawn_from_the_seed() -> None:
    assert len(LAYOUTS) >= 4
    drawn = {generate_report(seed).truth["family"] for seed in range(12)}
    assert len(drawn) >= 4
    for name in LAYOUTS:
        assert report(SEEDS[0], name).truth["family"] == name
    with pytest.raises(ValueError):
        generate_report(1, layout="nope")


def test_variety_across_reports() -> None:
    values = [v for rep in all_reports() for v in rep.truth["values"]]
    categories = {v["category"] for v in values}
    assert {"PERSON_NAME", "OFFICER_NAME", "DATE_OF_BIRTH", "CHARGE", "CB_NUMBER"} <= categories
    assert len(categories) >= 25
    assert any(not v["value"].isascii() for v in values), "accented names must round-trip"
    assert any(len(v["boxes"]) > 1 for v in values), "values repeat"
    multiline = [
        v for v in values if len({(b[0], b[2]) for b in v["boxes"]}) > 1 and " " in v["value"]
    ]
    assert multiline, "some values wrap across lines"
    assert any(rep.truth["pages"] > 1 for rep in all_reports())


def test_cli_writes_a_sample_directory(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path), "--n", "3", "--seed", "4"]) == 0
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert [d["doc_id"] for d in manifest["documents"]] == ["0001", "0002", "0003"]
    for d in manifest["documents"]:
        truth: dict[str, Any] = json.loads((tmp_path / f"{d['doc_id']}.json").read_text())
        assert truth["doc_id"] == d["doc_id"]
        assert (tmp_path / f"{d['doc_id']}.pdf").read_bytes()[:5] == b"%PDF-"
        assert len(truth["values"]) == d["n_values"]
