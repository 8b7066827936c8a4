"""Every bad input: a stable code, no document, no document text, an audit record, and
the server still serves a good request afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from tests.conftest import REPORT_LINES, UPLOAD_NAME, post_redaction
from tests.pdfs import (
    make_encrypted_pdf,
    make_pdf,
    many_pages_pdf,
    truncated_pdf,
    zero_page_pdf,
)

# Words from the documents sent below; none may come back in an error body.
DOCUMENT_WORDS = ("GARCIA", "Juan", "Carlos", "Tegucigalpa", "cut short", "212-345-678")


def _refused(
    client: TestClient,
    response: Any,
    *,
    status: int,
    code: str,
    requester_type: str | None = "federal_immigration",
) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}, "an error carries no document"
    assert body["error"]["code"] == code
    assert "document" not in body
    for word in (*DOCUMENT_WORDS, UPLOAD_NAME):
        assert word.casefold() not in response.text.casefold(), word
    audit_id = response.headers["x-audit-id"]
    record = client.get(f"/v1/audit/{audit_id}").json()
    assert record["status"] == "refused"
    assert record["error"] == {"code": code}
    assert record["output"] is None
    assert record["redactions"] == []
    assert record["request"]["requester_type"] == requester_type
    return dict(record)


@pytest.fixture
def still_serves(client: TestClient) -> Iterator[None]:
    yield
    good = post_redaction(client, make_pdf(REPORT_LINES), accept="application/pdf")
    assert good.status_code == 200, good.text
    assert good.content.startswith(b"%PDF")


CASES: list[tuple[str, Callable[[], bytes], int, str]] = [
    ("not a pdf", lambda: b"NAME: GARCIA-LOPEZ, Juan Carlos\nA# 212-345-678\n", 415, "not_a_pdf"),
    ("html", lambda: b"<html><body>GARCIA-LOPEZ</body></html>", 415, "not_a_pdf"),
    ("truncated", truncated_pdf, 422, "corrupt_pdf"),
    ("encrypted", make_encrypted_pdf, 422, "encrypted_pdf"),
    ("zero pages", zero_page_pdf, 422, "no_pages"),
    ("empty file", lambda: b"", 422, "empty_file"),
    ("too many pages", lambda: many_pages_pdf(501), 413, "too_many_pages"),
    # An image-only page (a scan) is read with OCR now: tests/redaction/test_ocr.py.
]


@pytest.mark.usefixtures("still_serves")
@pytest.mark.parametrize("accept", [None, "application/pdf"])
@pytest.mark.parametrize(("name", "make", "status", "code"), CASES, ids=[c[0] for c in CASES])
def test_bad_document(
    client: TestClient,
    name: str,
    make: Callable[[], bytes],
    status: int,
    code: str,
    accept: str | None,
) -> None:
    data = make()
    record = _refused(client, post_redaction(client, data, accept=accept), status=status, code=code)
    assert record["input"]["bytes"] == len(data)


@pytest.mark.usefixtures("still_serves")
def test_unknown_requester_type(client: TestClient, report_pdf: bytes) -> None:
    r = post_redaction(client, report_pdf, requester_type="tabloid", accept="application/pdf")
    record = _refused(
        client, r, status=422, code="unknown_requester_type", requester_type="tabloid"
    )
    assert r.json()["error"]["message"] == "The requester type has no redaction policy."
    assert record["policy"] is None


@pytest.mark.usefixtures("still_serves")
def test_missing_file(client: TestClient) -> None:
    r = post_redaction(client, None, request_id="FOIA-9")
    record = _refused(client, r, status=422, code="invalid_request")
    assert r.json()["error"]["fields"] == ["file"]
    assert record["request"]["request_id"] == "FOIA-9"


@pytest.mark.usefixtures("still_serves")
def test_missing_requester_type(client: TestClient, report_pdf: bytes) -> None:
    r = post_redaction(client, report_pdf, requester_type=None)
    _refused(client, r, status=422, code="invalid_request", requester_type=None)
    assert r.json()["error"]["fields"] == ["requester_type"]
    assert "requester_type" in r.json()["error"]["message"]


@pytest.mark.usefixtures("still_serves")
def test_not_multipart(client: TestClient) -> None:
    r = client.post("/v1/redactions", json={"requester_type": "public", "file": "GARCIA"})
    _refused(client, r, status=422, code="invalid_request", requester_type=None)


def _padded_pdf(size: int) -> bytes:
    """A valid report PDF of exactly `size` bytes: an unused, uncompressed stream pads it."""
    import random

    import pymupdf

    def build(payload: int) -> bytes:
        doc = pymupdf.open(stream=make_pdf(REPORT_LINES), filetype="pdf")
        xref = doc.get_new_xref()
        doc.update_object(xref, "<<>>")
        doc.update_stream(xref, random.Random(0).randbytes(payload), compress=False)
        data = bytes(doc.tobytes(garbage=0, deflate=False, no_new_id=True))
        doc.close()
        return data

    guess = build(size - 4096)
    exact = build(size - 4096 + size - len(guess))
    assert len(exact) == size
    return exact


@pytest.mark.usefixtures("still_serves")
@pytest.mark.parametrize(
    ("size", "declared"),
    [
        (1024 * 1024 + 1, True),  # just over: the file is read and counted
        (3 * 1024 * 1024, True),  # far over: refused from Content-Length, body not read
        (3 * 1024 * 1024, False),  # far over, chunked (no Content-Length): reading stops
    ],
    ids=["just-over", "content-length", "chunked"],
)
def test_file_too_large(
    client: TestClient, swap_settings: Callable[..., Settings], size: int, declared: bool
) -> None:
    swap_settings(max_upload_mb=1)
    data = _padded_pdf(size)
    if declared:
        r = post_redaction(client, data, accept="application/pdf")
        requester_type = "federal_immigration" if size < 2 * 1024 * 1024 else None
    else:
        boundary = "testboundary7d2f"
        head = (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="requester_type"\r\n\r\n'
            f"public\r\n--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{UPLOAD_NAME}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        tail = f"\r\n--{boundary}--\r\n".encode()

        def chunks() -> Iterator[bytes]:
            yield head
            for i in range(0, len(data), 64 * 1024):
                yield data[i : i + 64 * 1024]
            yield tail

        r = client.post(
            "/v1/redactions",
            content=chunks(),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        requester_type = None
    assert "content-length" not in r.request.headers or declared
    record = _refused(client, r, status=413, code="file_too_large", requester_type=requester_type)
    assert record["input"]["sha256"] is None


def test_size_limit_allows_a_file_just_under(
    client: TestClient, swap_settings: Callable[..., Settings]
) -> None:
    swap_settings(max_upload_mb=1)
    r = post_redaction(client, _padded_pdf(1024 * 1024 - 10))
    assert r.status_code == 200, r.text


def test_unknown_route_and_method_are_json(client: TestClient) -> None:
    r = client.get("/v1/nothing-here")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"
    r = client.get("/v1/redactions")
    assert r.status_code == 405
    assert r.json()["error"]["code"] == "method_not_allowed"
