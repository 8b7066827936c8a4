"""No personal data outside the redacted document: not in a log line, an error body, a
response header, the audit store or a temporary file.

The shared samples are redacted under federal_immigration and public through a service
started with `REDACTOR_LOG_LEVEL=DEBUG`, with every logger in the process (the root
included) at DEBUG, plus a preview and release and a set of failing requests (not a
PDF, a corrupt one, one large enough to be spooled to disk, an unknown requester type,
a wrong key, a reviewer change that does not fit). Then every value the ground truth
withholds under either policy is searched for in everything the service left behind.

Only ages (one to three digits, which durations and counts match by chance) are left
out of the search.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.conftest import key_header, provision_keys

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
SAMPLE_IDS = sorted(p.stem for p in SAMPLES.glob("[0-9]*.json")) if SAMPLES.is_dir() else []
POLICIES = ("federal_immigration", "public")

pytestmark = [
    pytest.mark.samples,
    pytest.mark.skipif(not SAMPLE_IDS, reason="../shared/samples is not present"),
]

_STANDARD_ATTRS = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
}


def _normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _found(haystack: str, value: str) -> bool:
    """Whole-token, case- and whitespace-insensitive: '19' is not found in '1994'."""
    needle = re.escape(_normalize(value))
    return re.search(rf"(?<![\w]){needle}(?![\w])", haystack) is not None


def _truth(doc_id: str) -> dict[str, Any]:
    return dict(json.loads((SAMPLES / f"{doc_id}.json").read_text()))


def _withheld(doc_id: str) -> list[str]:
    values = []
    for v in _truth(doc_id)["values"]:
        if "withhold" not in (v["federal_immigration"], v["public"]):
            continue
        if re.fullmatch(r"\d{1,3}", v["value"].strip()):
            continue  # an age: matches durations and counts by chance
        values.append(v["value"])
    return values


def _released_under(doc_id: str, policy: str) -> list[str]:
    return [
        v["value"]
        for v in _truth(doc_id)["values"]
        if v[policy] == "release" and len(v["value"]) >= 6 and v["category"] != "AGENCY"
    ]


@dataclass
class Evidence:
    """Everything the service said or wrote outside the documents it returned."""

    log_lines: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)  # error bodies, audit JSON
    headers: list[str] = field(default_factory=list)
    statuses: list[tuple[str, int]] = field(default_factory=list)


class _AllRecords:
    """Sees every record any logger in the process handles, propagating or not."""

    def __init__(self, sink: list[str]) -> None:
        self.sink = sink
        self.original = logging.Logger.handle

    def __enter__(self) -> None:
        original, sink = self.original, self.sink
        formatter = logging.Formatter()

        def handle(logger: logging.Logger, record: logging.LogRecord) -> None:
            parts = [record.name, record.getMessage()]
            if record.exc_info:
                parts.append(formatter.formatException(record.exc_info))
            if record.exc_text:
                parts.append(record.exc_text)
            if record.stack_info:
                parts.append(record.stack_info)
            parts.extend(
                f"{k}={v!r}" for k, v in record.__dict__.items() if k not in _STANDARD_ATTRS
            )
            sink.append(" | ".join(parts))
            original(logger, record)

        logging.Logger.handle = handle  # type: ignore[method-assign,assignment]

    def __exit__(self, *exc: object) -> None:
        logging.Logger.handle = self.original  # type: ignore[method-assign]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Evidence, Path, Path]]:
    """Start a DEBUG-logging service, send every request, collect what it left behind."""
    base = tmp_path_factory.mktemp("no_pii")
    spool = base / "tmp"
    spool.mkdir()
    db_path = base / "audit.db"
    url = f"sqlite:///{db_path}"
    keys = provision_keys(url, prefix="pii")
    evidence = Evidence()
    loggers = [logging.getLogger(), logging.getLogger("app")]
    levels = [lg.level for lg in loggers]
    saved_tempdir = tempfile.tempdir
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REDACTOR_LOG_LEVEL", "DEBUG")
        mp.setenv("REDACTOR_DATABASE_URL", url)
        # Temporary files of this process and of the Tesseract it starts go here.
        mp.setenv("TMPDIR", str(spool))
        tempfile.tempdir = str(spool)
        settings = Settings()
        assert settings.log_level == "DEBUG"
        try:
            logging.getLogger().setLevel(logging.DEBUG)
            with _AllRecords(evidence.log_lines):
                app = create_app(settings)
                with TestClient(app, headers=key_header(keys["admin"])) as client:
                    assert logging.getLogger("app").getEffectiveLevel() == logging.DEBUG
                    _send_everything(client, keys, evidence)
        finally:
            tempfile.tempdir = saved_tempdir
            for lg, level in zip(loggers, levels, strict=True):
                lg.setLevel(level)
    yield evidence, db_path, spool


def _keep(evidence: Evidence, what: str, r: Any) -> None:
    evidence.statuses.append((what, r.status_code))
    evidence.headers.append(json.dumps(dict(r.headers)))
    if r.status_code >= 300 or r.headers.get("content-type", "").startswith("application/json"):
        evidence.bodies.append(r.text)


def _send_everything(client: TestClient, keys: dict[str, str], evidence: Evidence) -> None:
    pdf_headers = {"Accept": "application/pdf"}
    for doc_id in SAMPLE_IDS:
        pdf = (SAMPLES / f"{doc_id}.pdf").read_bytes()
        # A file name that names the arrestee, as records systems often do.
        name = _withheld(doc_id)[0]
        for policy in POLICIES:
            r = client.post(
                "/v1/redactions",
                data={"requester_type": policy, "request_id": f"FOIA-{doc_id}"},
                files={"file": (f"{name}.pdf", pdf, "application/pdf")},
                headers=pdf_headers,
            )
            _keep(evidence, f"{doc_id}/{policy}", r)
            assert r.status_code == 200, (doc_id, policy, r.text)
            assert r.content.startswith(b"%PDF")
            audit = client.get(f"/v1/audit/{r.headers['x-audit-id']}")
            _keep(evidence, f"{doc_id}/{policy}/audit", audit)

    first = SAMPLE_IDS[0]
    pdf = (SAMPLES / f"{first}.pdf").read_bytes()
    withheld = _withheld(first)
    name = withheld[0]

    # Preview and release, with a reviewer change that names a released value by its text
    # (the text must reach neither the log nor the audit record).
    preview = client.post(
        "/v1/redactions/preview",
        data={"requester_type": "federal_immigration"},
        files={"file": (f"{name}.pdf", pdf, "application/pdf")},
    )
    evidence.statuses.append(("preview", preview.status_code))
    evidence.headers.append(json.dumps(dict(preview.headers)))  # the body holds the text
    assert preview.status_code == 200, preview.text
    preview_id = preview.json()["preview_id"]
    added = _released_under(first, "federal_immigration")[0]
    bad = client.post(
        f"/v1/previews/{preview_id}/release",
        json={
            "changes": [
                {
                    "change": "add",
                    "category": "PERSON",
                    "text": f"{withheld[1]} QXZV",  # not in the document
                    # The justification is the reviewer's own words and is audited as
                    # written; the text is what must not be.
                    "justification": "the arrestee's other name",
                }
            ]
        },
    )
    _keep(evidence, "release with a change that does not fit", bad)
    released = client.post(
        f"/v1/previews/{preview_id}/release",
        json={
            "changes": [
                {
                    "change": "add",
                    "category": "RD_NUMBER",
                    "text": added,
                    "justification": "the reviewer found it",
                }
            ]
        },
        headers=pdf_headers,
    )
    _keep(evidence, "release", released)
    assert released.status_code == 200, released.text

    # Failing requests: each carries personal data in its body or its file name.
    pii_text = " ".join(withheld).encode()
    failing: list[tuple[str, dict[str, str], bytes, dict[str, str]]] = [
        ("not a PDF", {"requester_type": "public"}, b"NAME: " + pii_text, {}),
        ("corrupt PDF", {"requester_type": "public"}, b"%PDF-1.7\n" + pii_text + b"\n%%EOF", {}),
        ("truncated PDF", {"requester_type": "public"}, pdf[: len(pdf) // 3], {}),
        # Over Starlette's 1 MB in-memory spool: this upload is written to a temporary file.
        (
            "large corrupt PDF",
            {"requester_type": "federal_immigration"},
            b"%PDF-1.4\n" + (pii_text + b"\n") * (2_000_000 // (len(pii_text) + 1)),
            {},
        ),
        ("unknown requester type", {"requester_type": "immigration_tip_line"}, pdf, {}),
        ("wrong key", {"requester_type": "public"}, pdf, key_header(f"rdk_{name}")),
        ("no requester type", {}, pdf, {}),
    ]
    for what, data, body, headers in failing:
        r = client.post(
            "/v1/redactions",
            data=data,
            files={"file": (f"{name}.pdf", body, "application/pdf")},
            headers=headers,
        )
        _keep(evidence, what, r)
        assert r.status_code >= 400, what
    # The same failures through the preview endpoint.
    r = client.post(
        "/v1/redactions/preview",
        data={"requester_type": "public"},
        files={"file": (f"{name}.pdf", b"NAME: " + pii_text, "application/pdf")},
    )
    _keep(evidence, "preview of a non-PDF", r)
    assert r.status_code == 415


def _all_values() -> dict[str, list[str]]:
    values = {doc_id: _withheld(doc_id) for doc_id in SAMPLE_IDS}
    # The text the reviewer typed to add a redaction (released by the policy itself).
    values["reviewer-added"] = [_released_under(SAMPLE_IDS[0], "federal_immigration")[0]]
    return values


def _leaks(text: str) -> list[tuple[str, int]]:
    """(sample, index of the value) of each withheld value found; never the value itself."""
    haystack = _normalize(text)
    return [
        (doc_id, i)
        for doc_id, values in _all_values().items()
        for i, value in enumerate(values)
        if _found(haystack, value)
    ]


def test_every_request_was_answered(run: tuple[Evidence, Path, Path]) -> None:
    evidence, _, _ = run
    statuses = dict(evidence.statuses)
    assert statuses["not a PDF"] == 415
    assert statuses["unknown requester type"] == 422
    assert statuses["wrong key"] == 401
    assert statuses["no requester type"] == 422
    assert statuses["release with a change that does not fit"] == 422
    assert statuses["large corrupt PDF"] in (413, 422)
    assert len([s for w, s in evidence.statuses if w.count("/") == 1 and s == 200]) == 2 * len(
        SAMPLE_IDS
    )
    # The capture really saw the service's DEBUG-level and library lines.
    assert any(line.startswith("app.access |") for line in evidence.log_lines)
    assert any(not line.startswith("app") for line in evidence.log_lines)


def test_no_withheld_value_in_any_log_line(run: tuple[Evidence, Path, Path]) -> None:
    evidence, _, _ = run
    assert evidence.log_lines
    leaked = {
        (line.split(" | ", 1)[0], *hit) for line in evidence.log_lines for hit in _leaks(line)
    }
    # Logger name, sample and value index only: the message must not print the values.
    assert not leaked, sorted(leaked)


def test_no_withheld_value_in_any_error_body_header_or_audit_response(
    run: tuple[Evidence, Path, Path],
) -> None:
    evidence, _, _ = run
    assert len(evidence.bodies) > len(SAMPLE_IDS)
    for kind, texts in (("body", evidence.bodies), ("headers", evidence.headers)):
        leaked = {hit for t in texts for hit in _leaks(t)}
        assert not leaked, (kind, sorted(leaked))


def test_no_withheld_value_in_the_audit_store(run: tuple[Evidence, Path, Path]) -> None:
    _, db_path, _ = run
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT * FROM audit_records").fetchall()
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        everything = [
            repr(row) for table in tables for row in conn.execute(f'SELECT * FROM "{table}"')
        ]
    assert len(rows) >= 2 * len(SAMPLE_IDS) + 8
    leaked = {hit for row in rows for hit in _leaks(repr(row))}
    assert not leaked, sorted(leaked)
    leaked = {hit for row in everything for hit in _leaks(row)}
    assert not leaked, sorted(leaked)
    # The raw files too (WAL included): nothing was ever written, even if later changed.
    raw = "".join(
        p.read_bytes().decode("utf-8", errors="replace")
        for p in db_path.parent.glob(db_path.name + "*")
    )
    leaked = {hit for hit in _leaks(raw)}
    assert not leaked, sorted(leaked)


def test_no_temporary_file_is_left(run: tuple[Evidence, Path, Path]) -> None:
    _, _, spool = run
    assert sorted(os.listdir(spool)) == []
