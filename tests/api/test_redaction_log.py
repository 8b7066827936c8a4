"""The redaction log (issue 5): pages appended to the document, asked for by the request
or by the policy, that list each redaction by page, category and code and spell out the
legal basis once per code, never the removed text; the audit record and the log agree."""

from __future__ import annotations

import base64
from typing import Any

import pymupdf
import yaml
from fastapi.testclient import TestClient

from app.redaction.redaction_log import LogEntry, log_pdf
from tests.api.conftest import Fresh
from tests.conftest import (
    FEDERAL_WITHHELD,
    REPORT_LINES,
    key_header,
    pdfminer_text,
    post_redaction,
    squash,
)
from tests.pdfs import make_pdf

# x of each column of the log's table (app/redaction/redaction_log.py): No., page,
# category, code.
_COLUMNS = (72.0, 112.0, 162.0, 332.0)


def log_rows(pdf: bytes, first_page: int) -> list[tuple[int, int, str, str]]:
    """The table of the log: (No., page, category, code), read back from the PDF."""
    rows: list[tuple[int, int, str, str]] = []
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        for page in doc.pages(first_page):
            lines: dict[int, list[tuple[float, str]]] = {}
            for x0, _y0, _x1, y1, word, *_ in page.get_text("words"):
                lines.setdefault(round(y1), []).append((x0, word))
            for y in sorted(lines):
                words = sorted(lines[y])
                cells = [
                    " ".join(
                        w
                        for x, w in words
                        if start - 1 <= x < (_COLUMNS[i + 1] - 1 if i + 1 < 4 else 1e9)
                    )
                    for i, start in enumerate(_COLUMNS)
                ]
                if cells[0].isdigit() and cells[1].isdigit() and all(cells):
                    rows.append((int(cells[0]), int(cells[1]), cells[2], cells[3]))
    finally:
        doc.close()
    return rows


def page_texts(pdf: bytes) -> list[str]:
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        return [page.get_text() for page in doc]
    finally:
        doc.close()


def check_log(pdf: bytes, audit: dict[str, Any], record_pages: int) -> None:
    """The log after the record's pages agrees with the audit record, line for line."""
    texts = page_texts(pdf)
    info = audit["redaction_log"]
    assert len(texts) == record_pages + info["pages"]
    assert texts[record_pages].startswith("REDACTION LOG")
    expected = [
        (n, r["page"], r["category"], r["code"]) for n, r in enumerate(audit["redactions"], 1)
    ]
    assert log_rows(pdf, record_pages) == expected
    assert info["entries"] == len(expected)
    log_text = "\n".join(texts[record_pages:])
    # The legal basis of each code, spelled out once.
    bases: dict[str, set[str]] = {}
    for r in audit["redactions"]:
        bases.setdefault(r["code"], set()).add(r["basis"])
    after = log_text.split("Legal basis", 1)[1]
    for code, texts_of_code in bases.items():
        assert sum(1 for line in after.splitlines() if line.strip() == code) == 1, code
        for basis in texts_of_code:
            assert squash(basis) in squash(after), basis
    # Never the removed text (read by an extractor that is not PyMuPDF too).
    assert audit["verification"]["residual_strings"] == 0
    assert audit["verification"]["text_under_boxes"] == 0


def test_the_request_asks_for_a_log(client: TestClient, report_pdf: bytes) -> None:
    r = post_redaction(client, report_pdf, redaction_log="true")
    assert r.status_code == 200, r.text
    audit = r.json()["audit"]
    pdf = base64.b64decode(r.json()["document"])
    assert audit["request"]["redaction_log"] is True
    assert audit["redaction_log"] == {
        "pages": 1,
        "entries": len(audit["redactions"]),
        "requested_by": "request",
    }
    check_log(pdf, audit, record_pages=1)
    everything = squash(pdfminer_text(pdf))
    for value in FEDERAL_WITHHELD:
        assert squash(value) not in everything, value
    log_page = page_texts(pdf)[1]
    assert "federal_immigration, version 1" in " ".join(log_page.split())
    assert "MCC 2-173-030" in log_page
    assert "A_NUMBER" in log_page


def test_no_log_unless_asked(client: TestClient, report_pdf: bytes) -> None:
    for fields in ({}, {"redaction_log": "false"}):
        r = post_redaction(client, report_pdf, **fields)
        assert r.status_code == 200, r.text
        assert r.json()["audit"]["redaction_log"] is None
        assert len(page_texts(base64.b64decode(r.json()["document"]))) == 1


def test_the_policy_asks_for_a_log(client: TestClient, fresh_sqlite: Fresh) -> None:
    fresh = fresh_sqlite
    officer = fresh.auth("policy_officer")
    current = client.get("/v1/policies/public", headers=officer).json()
    data = yaml.safe_load(current["content"])
    data["version"] = 2
    data["redaction_log"] = True
    content = yaml.safe_dump(data, sort_keys=False)
    checked = client.post(
        "/v1/policies/public/validate", json={"content": content}, headers=officer
    )
    assert checked.json()["valid"] is True, checked.text
    assert any("redaction_log" in line for line in checked.json()["changes"]["summary"])
    r = client.put(
        "/v1/policies/public",
        json={"content": content, "reason": "Requesters need the exemptions to appeal."},
        headers=officer,
    )
    assert r.status_code == 200, r.text
    assert r.json()["redaction_log"] is True
    # The request cannot turn it off.
    pdf = make_pdf(REPORT_LINES)
    for fields in ({}, {"redaction_log": "false"}):
        out = client.post(
            "/v1/redactions",
            data={"requester_type": "public", **fields},
            files={"file": ("r.pdf", pdf, "application/pdf")},
            headers=fresh.auth("records_system"),
        )
        assert out.status_code == 200, out.text
        audit = out.json()["audit"]
        assert audit["policy"]["version"] == 2
        assert audit["redaction_log"]["requested_by"] == "policy"
        check_log(base64.b64decode(out.json()["document"]), audit, record_pages=1)


def test_the_log_follows_the_reviewer(client: TestClient, api_keys: dict[str, str]) -> None:
    reviewer = key_header(api_keys["reviewer"])
    pdf = make_pdf([REPORT_LINES, ["CONTINUATION", "GARCIA-LOPEZ was transported."]])
    r = client.post(
        "/v1/redactions/preview",
        data={"requester_type": "federal_immigration", "redaction_log": "true"},
        files={"file": ("r.pdf", pdf, "application/pdf")},
        headers=reviewer,
    )
    body = r.json()
    assert body["redaction_log"] is True
    email = next(i for i in body["items"] if i["category"] == "EMAIL")
    charge = next(i for i in body["items"] if "RETAIL THEFT" in i["text"])
    changes = [
        {"change": "remove", "item": email["item"], "justification": "Agency e-mail."},
        {
            "change": "add",
            "category": "CHARGE",
            "page": 1,
            "rect": charge["bbox"],
            "justification": "Sealed charge.",
        },
    ]
    out = client.post(
        f"/v1/previews/{body['preview_id']}/release", json={"changes": changes}, headers=reviewer
    )
    assert out.status_code == 200, out.text
    audit = out.json()["audit"]
    document = base64.b64decode(out.json()["document"])
    check_log(document, audit, record_pages=2)
    rows = log_rows(document, 2)
    assert "EMAIL" not in {category for _, _, category, _ in rows}
    assert (1, "CHARGE") in {(page, category) for _, page, category, _ in rows}
    assert {page for _, page, _, _ in rows} == {1, 2}


def test_a_long_log_runs_over_pages() -> None:
    entries = [
        LogEntry(page=1 + n // 40, category="PERSON", code="7(1)(c)", basis="Privacy.")
        for n in range(130)
    ]
    pdf = log_pdf(entries, policy_id="public", policy_version=3, record_pages=4)
    texts = page_texts(pdf)
    assert len(texts) >= 3
    assert all("REDACTION LOG (continued)" in t for t in texts[1:])
    rows = log_rows(pdf, 0)
    assert [r[0] for r in rows] == list(range(1, 131))
    assert [r[1] for r in rows] == [e.page for e in entries]
    joined = "\n".join(texts)
    assert joined.count("Privacy.") == 1


def test_an_empty_log_says_so() -> None:
    pdf = log_pdf([], policy_id="public", policy_version=1, record_pages=1)
    assert "No information was redacted." in page_texts(pdf)[0]
