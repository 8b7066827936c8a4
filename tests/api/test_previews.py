"""Staff preview and review (issue 5): preview, page images, marked PDF, release with changes.

The report is the shared REPORT_LINES (tests/conftest.py). Under federal_immigration
the arrestee's name is proposed twice: in the NAME line ("GARCIA-LOPEZ, Juan Carlos")
and alone in the narrative ("GARCIA-LOPEZ"); the charge and the officer are kept.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.keys import KeyRole, KeyStore
from app.previews import PreviewStore
from app.redaction import redactor
from app.redaction.types import RedactionMark
from tests.api.conftest import Fresh
from tests.conftest import (
    FEDERAL_WITHHELD,
    REPORT_LINES,
    UPLOAD_NAME,
    LogCapture,
    key_header,
    pdfminer_text,
    post_redaction,
    squash,
)
from tests.pdfs import make_pdf

NAME_LINE = "GARCIA-LOPEZ, Juan Carlos"
SURNAME = "GARCIA-LOPEZ"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def reviewer(api_keys: dict[str, str]) -> dict[str, str]:
    return key_header(api_keys["reviewer"])


def preview(
    client: TestClient,
    pdf: bytes,
    headers: dict[str, str],
    *,
    requester_type: str = "federal_immigration",
    **fields: str,
) -> Any:
    return client.post(
        "/v1/redactions/preview",
        data={"requester_type": requester_type, **fields},
        files={"file": (UPLOAD_NAME, pdf, "application/pdf")},
        headers=headers,
    )


def release(
    client: TestClient,
    preview_id: str,
    headers: dict[str, str],
    changes: list[dict[str, Any]] | None = None,
    *,
    accept: str | None = None,
    **extra: Any,
) -> Any:
    h = dict(headers)
    if accept:
        h["Accept"] = accept
    body = {"changes": changes or [], **extra}
    return client.post(f"/v1/previews/{preview_id}/release", json=body, headers=h)


def made(client: TestClient, pdf: bytes, headers: dict[str, str], **fields: str) -> dict[str, Any]:
    r = preview(client, pdf, headers, **fields)
    assert r.status_code == 200, r.text
    return dict(r.json())


def item(body: dict[str, Any], text: str) -> dict[str, Any]:
    found = [i for i in body["items"] if i["text"] == text]
    assert len(found) == 1, (text, [i["text"] for i in body["items"]])
    return found[0]


def document(r: Any) -> bytes:
    assert r.status_code == 200, r.text
    return base64.b64decode(r.json()["document"])


def mentions(pdf: bytes, value: str) -> int:
    return squash(pdfminer_text(pdf)).count(squash(value))


def boxes_of(record: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (r["page"], tuple(r["bbox"]), r["category"], r["role"], r["code"], r["detector"])
        for r in record["redactions"]
    ]


# -- the preview ------------------------------------------------------------------------


def test_preview_lists_every_decision_with_its_text(
    client: TestClient, report_pdf: bytes, reviewer: dict[str, str]
) -> None:
    r = preview(client, report_pdf, reviewer, request_id="FOIA-2026-0001")
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    body = r.json()
    assert body["pages"] == 1
    assert body["withheld"] is False
    assert body["policy"]["id"] == "federal_immigration"
    assert body["request"]["request_id"] == "FOIA-2026-0001"
    pid = body["preview_id"]
    assert len(pid) >= 32
    assert body["page_images"] == [f"/v1/previews/{pid}/pages/1.png"]
    assert body["marked_pdf"] == f"/v1/previews/{pid}/marked.pdf"
    assert body["release"] == f"/v1/previews/{pid}/release"
    items = body["items"]
    assert [i["item"] for i in items] == list(range(1, len(items) + 1))
    for i in items:
        assert set(i) == {
            "item",
            "page",
            "bbox",
            "boxes",
            "category",
            "role",
            "text",
            "detector",
            "score",
            "rule",
            "code",
            "basis",
            "action",
        }
        assert i["action"] in ("redact", "keep")
        assert i["code"] if i["action"] == "redact" else i["code"] == ""
    texts = {i["text"]: i for i in items}
    for value in ("212-345-678", "jgarcia.lopez@example.com", "03/14/1991"):
        assert texts[value]["action"] == "redact"
    assert texts["212-345-678"]["category"] == "A_NUMBER"
    assert texts["212-345-678"]["code"] == "MCC 2-173-030"
    assert texts["212-345-678"]["basis"]
    assert texts["212-345-678"]["rule"] == "A_NUMBER"
    assert texts["J. Smith"] | {"bbox": None, "boxes": None, "score": None} == {
        **texts["J. Smith"],
        "bbox": None,
        "boxes": None,
        "score": None,
        "category": "PERSON",
        "role": "officer",
        "action": "keep",
        "rule": "PERSON/officer",
    }
    assert [i["action"] for i in items if "RETAIL THEFT" in i["text"]] == ["keep"]
    redacted = [i for i in items if i["action"] == "redact"]
    counts: dict[str, int] = {}
    for i in redacted:
        counts[i["category"]] = counts.get(i["category"], 0) + 1
    assert body["counts"] == dict(sorted(counts.items()))
    assert sum(body["kept"].values()) == len(items) - len(redacted)
    # The same body again, while the preview lasts.
    again = client.get(f"/v1/previews/{pid}", headers=reviewer)
    assert again.status_code == 200
    assert again.json() == body


def test_preview_equals_the_redaction_without_changes(
    client: TestClient, report_pdf: bytes, reviewer: dict[str, str]
) -> None:
    body = made(client, report_pdf, reviewer)
    direct = post_redaction(client, report_pdf)
    assert direct.status_code == 200, direct.text
    direct_audit = direct.json()["audit"]
    # What the preview proposes is what POST /v1/redactions removes, box for box.
    proposed = [
        (i["page"], tuple(b), i["category"], i["role"], i["code"], i["detector"])
        for i in body["items"]
        if i["action"] == "redact"
        for b in i["boxes"]
    ]
    assert proposed == boxes_of(direct_audit)
    assert body["counts"] == dict(sorted(direct_audit["counts"].items()))
    # Released unchanged, it is the same document with the same audit content.
    released = release(client, body["preview_id"], reviewer)
    audit = released.json()["audit"]
    assert boxes_of(audit) == boxes_of(direct_audit)
    assert audit["counts"] == direct_audit["counts"]
    assert audit["verification"] == direct_audit["verification"]
    assert audit["policy"] == direct_audit["policy"]
    assert audit["input"] == direct_audit["input"]
    assert document(released) == base64.b64decode(direct.json()["document"])
    assert audit["operation"] == "POST /v1/previews/{preview_id}/release"
    assert audit["review"] == {
        "preview_id": body["preview_id"],
        "previewed_by": "test-reviewer",
        "reviewer": "test-reviewer",
        "changes": [],
    }
    # A released preview is gone.
    assert client.get(f"/v1/previews/{body['preview_id']}", headers=reviewer).status_code == 404
    again = release(client, body["preview_id"], reviewer)
    assert again.status_code == 404
    assert again.json()["error"]["code"] == "preview_not_found"


def test_release_answers_like_redactions_in_both_forms(
    client: TestClient, report_pdf: bytes, reviewer: dict[str, str]
) -> None:
    body = made(client, report_pdf, reviewer)
    r = release(client, body["preview_id"], reviewer, accept="application/pdf")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-")
    audit_id = r.headers["x-audit-id"]
    assert r.headers["content-disposition"] == f'attachment; filename="redacted-{audit_id}.pdf"'
    record = client.get(f"/v1/audit/{audit_id}").json()
    assert record["status"] == "completed"
    assert record["output"]["bytes"] == len(r.content)
    for value in FEDERAL_WITHHELD:
        assert mentions(r.content, value) == 0, value


def test_preview_is_audited_without_text(
    client: TestClient, report_pdf: bytes, reviewer: dict[str, str]
) -> None:
    r = preview(client, report_pdf, reviewer)
    record = client.get(f"/v1/audit/{r.headers['x-audit-id']}").json()
    body = r.json()
    assert record["operation"] == "POST /v1/redactions/preview"
    assert record["status"] == "completed"
    assert record["actor"] == "test-reviewer"
    assert record["output"] is None
    assert record["redactions"] == []
    assert record["counts"] == body["counts"]
    assert record["subject"]["preview_id"] == body["preview_id"]
    assert record["subject"]["proposed_redactions"] == sum(body["counts"].values())
    text = json.dumps(record).casefold()
    for i in body["items"]:
        if len(i["text"]) >= 5:  # "34" is in any hash
            assert i["text"].casefold() not in text


# -- page images and the marked PDF ----------------------------------------------------


def test_page_image_draws_the_proposal(
    client: TestClient, report_pdf: bytes, reviewer: dict[str, str]
) -> None:
    body = made(client, report_pdf, reviewer)
    r = client.get(body["page_images"][0], headers=reviewer)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "image/png"
    assert r.headers["cache-control"] == "no-store"
    assert r.content.startswith(PNG_MAGIC)
    drawn = pymupdf.Pixmap(r.content)
    assert (drawn.width, drawn.height) == (918, 1188)  # US letter at the default zoom 1.5
    small = client.get(body["page_images"][0], params={"zoom": 1}, headers=reviewer)
    plain = pymupdf.Pixmap(small.content)
    assert (plain.width, plain.height) == (612, 792)
    # Each redact box is outlined in colour: the page itself is black on white.
    target = item(body, "212-345-678")
    x0, y0, x1, _ = target["bbox"]
    row = int(y0)
    colours = {plain.pixel(x, row) for x in range(int(x0), int(x1) + 1)}
    assert any(len(set(c)) > 1 for c in colours), colours
    assert client.get(f"/v1/previews/{body['preview_id']}/pages/2.png", headers=reviewer).json()[
        "error"
    ]["code"] == ("page_not_found")
    bad = client.get(body["page_images"][0], params={"zoom": 40}, headers=reviewer)
    assert bad.status_code == 422


def test_marked_pdf_has_unapplied_redaction_annotations(
    client: TestClient, report_pdf: bytes, reviewer: dict[str, str]
) -> None:
    body = made(client, report_pdf, reviewer)
    r = client.get(body["marked_pdf"], headers=reviewer)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["cache-control"] == "no-store"
    doc = pymupdf.open(stream=r.content, filetype="pdf")
    try:
        page = doc[0]  # annotations are bound to a page object that must stay alive
        annots = [(a.type[1], a.info["content"]) for a in page.annots()]
        redacts = [note for kind, note in annots if kind == "Redact"]
        kept = [note for kind, note in annots if kind == "Square"]
        expected = [b for i in body["items"] if i["action"] == "redact" for b in i["boxes"]]
        assert len(redacts) == len(expected)
        assert len(kept) == sum(len(i["boxes"]) for i in body["items"] if i["action"] == "keep")
        a_number = item(body, "212-345-678")
        assert f"#{a_number['item']} MCC 2-173-030: A_NUMBER (arrestee), rule A_NUMBER" in redacts
        # Not applied: the original text is all still there, to review.
        text = page.get_text()
        for value in FEDERAL_WITHHELD:
            assert squash(value) in squash(text), value
    finally:
        doc.close()


# -- reviewer changes -------------------------------------------------------------------


def test_reviewer_removes_one_mention(
    client: TestClient, report_pdf: bytes, reviewer: dict[str, str]
) -> None:
    body = made(client, report_pdf, reviewer)
    narrative = item(body, SURNAME)
    r = release(
        client,
        body["preview_id"],
        reviewer,
        [
            {
                "change": "remove",
                "item": narrative["item"],
                "justification": "Named in a press release.",
            }
        ],
    )
    pdf = document(r)
    # The released mention is back; the NAME line's is still removed.
    assert mentions(pdf, SURNAME) == 1
    assert mentions(pdf, "Juan Carlos") == 0
    assert "GARCIA-LOPEZ was observed" in pdfminer_text(pdf)
    audit = r.json()["audit"]
    assert audit["verification"]["residual_strings"] == 0
    assert tuple(narrative["boxes"][0]) not in {tuple(x["bbox"]) for x in audit["redactions"]}
    assert audit["counts"]["PERSON"] == body["counts"]["PERSON"] - 1
    assert audit["review"]["changes"] == [
        {
            "change": "remove",
            "located_by": "item",
            "item": narrative["item"],
            "category": "PERSON",
            "role": narrative["role"],
            "reviewer": "test-reviewer",
            "justification": "Named in a press release.",
            "boxes": [{"page": 1, "bbox": narrative["boxes"][0]}],
        }
    ]
    assert SURNAME.casefold() not in json.dumps(audit).casefold()


def test_removing_the_full_name_keeps_other_mentions_covered(
    client: TestClient, report_pdf: bytes, reviewer: dict[str, str]
) -> None:
    """The released "GARCIA-LOPEZ, Juan Carlos" contains the still-withheld "GARCIA-LOPEZ":
    it may be read once (in the released name), and no more."""
    body = made(client, report_pdf, reviewer)
    name = item(body, NAME_LINE)
    r = release(
        client,
        body["preview_id"],
        reviewer,
        [{"change": "remove", "item": name["item"], "justification": "Court-ordered release."}],
    )
    pdf = document(r)
    assert mentions(pdf, NAME_LINE) == 1
    assert mentions(pdf, SURNAME) == 1  # the narrative's is still under its box
    assert "observed concealing" in pdfminer_text(pdf)


def test_a_failed_verification_after_review_releases_nothing(
    client: TestClient,
    report_pdf: bytes,
    reviewer: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reviewer released the NAME line; a fault leaves the narrative's mention unburnt.
    The string is then readable more often than released: verification fails closed."""
    body = made(client, report_pdf, reviewer)
    name = item(body, NAME_LINE)
    narrative_y = item(body, SURNAME)["bbox"][1]
    burn = redactor.redact_pdf

    def faulty(doc: Any, marks: list[RedactionMark], *args: Any, **kwargs: Any) -> bytes:
        return burn(doc, [m for m in marks if m.rect.y0 < narrative_y - 1], *args, **kwargs)

    monkeypatch.setattr(redactor, "redact_pdf", faulty)
    changes = [{"change": "remove", "item": name["item"], "justification": "Court order."}]
    r = release(client, body["preview_id"], reviewer, changes, accept="application/pdf")
    assert r.status_code == 500
    assert r.json()["error"]["code"] == "verification_failed"
    assert SURNAME not in r.text
    record = client.get(f"/v1/audit/{r.headers['x-audit-id']}").json()
    assert record["status"] == "failed_verification"
    assert record["output"] is None
    assert record["operation"] == "POST /v1/previews/{preview_id}/release"
    assert record["review"]["changes"][0]["justification"] == "Court order."
    assert record["verification"]["residual_strings"] > 0
    monkeypatch.undo()
    # The preview stays, so the release can be tried again.
    assert document(release(client, body["preview_id"], reviewer, changes))


def test_reviewer_adds_a_rectangle(
    client: TestClient, report_pdf: bytes, reviewer: dict[str, str]
) -> None:
    body = made(client, report_pdf, reviewer)
    charge = next(i for i in body["items"] if "RETAIL THEFT" in i["text"])
    assert charge["action"] == "keep"
    x0, y0, x1, y1 = charge["bbox"]
    rect = [x0 - 0.5, y0 - 0.5, x1 + 0.5, y1 + 0.5]
    change = {
        "change": "add",
        "category": "CHARGE",
        "page": 1,
        "rect": rect,
        "justification": "Charge identifies a sealed juvenile co-defendant.",
    }
    r = release(client, body["preview_id"], reviewer, [change])
    pdf = document(r)
    assert mentions(pdf, "RETAIL THEFT") == 0
    audit = r.json()["audit"]
    added = [x for x in audit["redactions"] if x["detector"] == "reviewer"]
    assert [(x["page"], x["bbox"], x["category"]) for x in added] == [(1, rect, "CHARGE")]
    # federal_immigration keeps charges: the added box gets the policy's default code.
    assert added[0]["code"] == "5 ILCS 805/15(h)"
    assert audit["counts"]["CHARGE"] == 1
    assert audit["review"]["changes"] == [
        {
            "change": "add",
            "located_by": "rect",
            "item": None,
            "category": "CHARGE",
            "role": None,
            "reviewer": "test-reviewer",
            "justification": "Charge identifies a sealed juvenile co-defendant.",
            "boxes": [{"page": 1, "bbox": rect}],
        }
    ]


def test_reviewer_adds_a_text_everywhere(client: TestClient, reviewer: dict[str, str]) -> None:
    pdf = make_pdf(
        [
            *REPORT_LINES,
            "WITNESS STATEMENT: store clerk Smith saw the theft; smith called 911.",
        ]
    )
    body = made(client, pdf, reviewer)
    change = {
        "change": "add",
        "category": "PERSON",
        "role": "witness",
        "text": "smith",
        "justification": "Clerk shares the officer's surname; withhold both.",
    }
    r = release(client, body["preview_id"], reviewer, [change])
    out = document(r)
    assert mentions(out, "Smith") == 0
    audit = r.json()["audit"]
    added = [x for x in audit["redactions"] if x["detector"] == "reviewer"]
    assert len(added) == 3  # the officer's line, and twice in the statement
    assert {x["role"] for x in added} == {"witness"}
    change_info = audit["review"]["changes"][0]
    assert change_info["located_by"] == "text"
    assert len(change_info["boxes"]) == 3
    assert "smith" not in json.dumps(audit).casefold()


def test_invalid_changes_are_refused_and_named(
    client: TestClient, report_pdf: bytes, reviewer: dict[str, str]
) -> None:
    body = made(client, report_pdf, reviewer)
    kept = next(i for i in body["items"] if i["action"] == "keep")
    changes = [
        {"change": "remove", "item": kept["item"], "justification": "x" * 5},
        {"change": "remove", "item": 999, "justification": "x" * 5},
        {"change": "add", "category": "PHONE", "text": "Zebediah Quux", "justification": "xyz"},
        {
            "change": "add",
            "category": "PHONE",
            "page": 7,
            "rect": [1, 1, 9, 9],
            "justification": "xyz",
        },
        {"change": "add", "category": "PHONE", "page": 1, "justification": "xyz"},
    ]
    r = release(client, body["preview_id"], reviewer, changes)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "invalid_change"
    assert [d["field"] for d in error["details"]] == [
        "changes.0.item",
        "changes.1.item",
        "changes.2.text",
        "changes.3.page",
        "changes.4",
    ]
    assert "Zebediah" not in r.text
    record = client.get(f"/v1/audit/{r.headers['x-audit-id']}").json()
    assert record["status"] == "refused"
    assert record["error"] == {"code": "invalid_change"}
    assert "zebediah" not in json.dumps(record).casefold()
    # Malformed bodies are refused by validation, naming fields only.
    bad = release(client, body["preview_id"], reviewer, [{"change": "remove", "item": 1}])
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "invalid_request"
    # Nothing was released: the preview is still there.
    assert client.get(f"/v1/previews/{body['preview_id']}", headers=reviewer).status_code == 200


def test_juvenile_preview_releases_the_notice(client: TestClient, reviewer: dict[str, str]) -> None:
    juvenile = make_pdf(
        [
            "CHICAGO POLICE DEPARTMENT\tARREST REPORT",
            "NAME: MORALES, Daniel",
            "DOB: 06/02/2010\tAGE: 15",
            "CHARGE: 720 ILCS 5/21-1 CRIMINAL DAMAGE TO PROPERTY",
        ]
    )
    body = made(client, juvenile, reviewer)
    assert body["withheld"] is True
    assert body["items"] == []
    change = {"change": "add", "category": "CHARGE", "text": "CRIMINAL", "justification": "abc"}
    refused = release(client, body["preview_id"], reviewer, [change])
    assert refused.status_code == 422
    r = release(client, body["preview_id"], reviewer)
    assert r.json()["audit"]["status"] == "withheld"
    assert "MORALES" not in pdfminer_text(document(r))


# -- who may see a preview, and for how long --------------------------------------------


@pytest.mark.parametrize("role", ["records_system", "policy_officer", "auditor"])
def test_roles_without_preview_get_403(
    client: TestClient,
    report_pdf: bytes,
    api_keys: dict[str, str],
    reviewer: dict[str, str],
    role: str,
) -> None:
    headers = key_header(api_keys[role])
    r = preview(client, report_pdf, headers)
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden"
    assert "items" not in r.text
    body = made(client, report_pdf, reviewer)
    for url in (f"/v1/previews/{body['preview_id']}", body["page_images"][0], body["marked_pdf"]):
        got = client.get(url, headers=headers)
        assert got.status_code == 403, url
    assert release(client, body["preview_id"], headers).status_code == 403
    # Still there for its reviewer.
    assert client.get(f"/v1/previews/{body['preview_id']}", headers=reviewer).status_code == 200


def test_a_preview_belongs_to_its_key(
    client: TestClient, fresh_sqlite: Fresh, report_pdf: bytes
) -> None:
    _, other = KeyStore(fresh_sqlite.database).create(
        name="second-reviewer", role=KeyRole.REVIEWER, created_by="tests"
    )
    body = made(client, report_pdf, fresh_sqlite.auth("reviewer"))
    url = f"/v1/previews/{body['preview_id']}"
    assert client.get(url, headers=key_header(other)).json()["error"]["code"] == (
        "preview_not_found"
    )
    assert release(client, body["preview_id"], key_header(other)).status_code == 404
    # An admin may see every preview.
    assert client.get(url, headers=fresh_sqlite.auth("admin")).status_code == 200


@pytest.fixture
def clock(app: FastAPI, client: TestClient) -> Iterator[list[float]]:
    """A preview store on a clock the test moves, with a 60 s time to live."""
    now = [1000.0]
    saved = app.state.preview_store
    app.state.preview_store = PreviewStore(60, 8, clock=lambda: now[0])
    try:
        yield now
    finally:
        app.state.preview_store = saved


def test_previews_expire(
    client: TestClient,
    app: FastAPI,
    report_pdf: bytes,
    reviewer: dict[str, str],
    clock: list[float],
) -> None:
    body = made(client, report_pdf, reviewer)
    url = f"/v1/previews/{body['preview_id']}"
    clock[0] += 59
    assert client.get(url, headers=reviewer).status_code == 200
    assert len(app.state.preview_store) == 1
    clock[0] += 2
    for r in (
        client.get(url, headers=reviewer),
        client.get(body["page_images"][0], headers=reviewer),
        client.get(body["marked_pdf"], headers=reviewer),
        release(client, body["preview_id"], reviewer),
    ):
        assert r.status_code == 404
        assert r.json()["error"]["code"] == "preview_not_found"
    # Deleted, not merely hidden: the upload is no longer held.
    assert len(app.state.preview_store) == 0


def test_expired_previews_are_swept_without_a_request(
    client: TestClient,
    app: FastAPI,
    report_pdf: bytes,
    reviewer: dict[str, str],
    clock: list[float],
) -> None:
    made(client, report_pdf, reviewer)
    made(client, report_pdf, reviewer)
    store: PreviewStore = app.state.preview_store
    clock[0] += 61
    assert store.purge() == 2
    assert store.purge() == 0


def test_no_original_text_in_the_audit_store_or_log(
    client: TestClient, fresh_sqlite: Fresh, report_pdf: bytes, tmp_path: Path, app_log: LogCapture
) -> None:
    headers = fresh_sqlite.auth("reviewer")
    body = made(client, report_pdf, headers, request_id="FOIA-2026-0042")
    values = [i["text"] for i in body["items"]]
    for value in FEDERAL_WITHHELD:  # the preview did show them
        assert any(value in text for text in values), value
    client.get(body["page_images"][0], headers=headers)
    client.get(body["marked_pdf"], headers=headers)
    name = item(body, NAME_LINE)
    released = release(
        client,
        body["preview_id"],
        headers,
        [
            {"change": "remove", "item": name["item"], "justification": "Court order 26-CR-1."},
            {"change": "add", "category": "PERSON", "text": "J. Smith", "justification": "abc"},
        ],
        redaction_log=True,
    )
    assert released.status_code == 200, released.text
    fresh_sqlite.database.dispose()
    db = tmp_path / "fresh.db"
    with sqlite3.connect(db) as conn:
        rows = [json.dumps(r) for r in conn.execute("SELECT * FROM audit_records")]
    assert len(rows) >= 2
    stored = "\n".join(rows).casefold()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("fresh.db*")).lower()
    # Values of at least 5 characters: "34" (an age) is in any hash.
    for value in [v for v in [*values, *FEDERAL_WITHHELD, "Smith", UPLOAD_NAME] if len(v) >= 5]:
        assert value.casefold() not in stored, value
        assert value.lower().encode() not in raw, value
        assert value.casefold() not in app_log.text.casefold(), value


def test_a_refused_preview_is_audited(client: TestClient, reviewer: dict[str, str]) -> None:
    r = preview(client, b"not a pdf", reviewer, request_id="FOIA-2026-0007")
    assert r.status_code == 415
    record = client.get(f"/v1/audit/{r.headers['x-audit-id']}").json()
    assert record["operation"] == "POST /v1/redactions/preview"
    assert (record["status"], record["error"]) == ("refused", {"code": "not_a_pdf"})
    assert record["request"]["request_id"] == "FOIA-2026-0007"
    assert record["actor"] == "test-reviewer"
