"""GET /v1/audit/verify and GET /v1/audit (export), on SQLite and on PostgreSQL.

The tampering tests change the stored rows with plain SQL, as someone with access
to the database (not to the service) would, and expect the endpoint to name the
first record that no longer verifies.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.audit_csv import COLUMNS
from app.schemas import AuditDraft, AuditRecord
from tests.api.conftest import Fresh


def _draft(n: int, **request: str | None) -> AuditDraft:
    refused = n % 3 == 2
    return AuditDraft.model_validate(
        {
            "status": "refused" if refused else "completed",
            "request": {
                "request_id": f"FOIA-2026-{n:04d}",
                "requester_type": "public",
                "requester": "Tribune",
                **request,
            },
            "input": {"sha256": "ab" * 32, "bytes": 1000 + n, "pages": 2},
            "policy": {"id": "public", "version": 1, "sha256": "cd" * 32},
            "redactions": []
            if refused
            else [
                {
                    "page": 1,
                    "bbox": (72.0, 140.0 + n, 188.0, 155.0 + n),
                    "category": "DATE_OF_BIRTH",
                    "code": "7(1)(b)",
                    "basis": "5 ILCS 140/7(1)(b)",
                    "detector": "dob",
                    "score": 0.95,
                }
            ],
            "counts": {} if refused else {"DATE_OF_BIRTH": 1, "PHONE": n},
            "error": {"code": "not_a_pdf"} if refused else None,
            "duration_ms": 10 + n,
            "actor": "test-records_system",
            "operation": "POST /v1/redactions",
        }
    )


def _start(fresh: Fresh, n: int) -> list[AuditRecord]:
    """An empty audit store (the PostgreSQL schema is shared by the session), then n records."""
    with fresh.database.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_records"))
    return [fresh.audit.append(_draft(i)) for i in range(n)]


def _verify(client: TestClient, fresh: Fresh) -> dict[str, Any]:
    r = client.get("/v1/audit/verify", headers=fresh.auth("auditor"))
    assert r.status_code == 200, r.text
    return dict(r.json())


def _seq(fresh: Fresh, record: AuditRecord) -> int:
    with fresh.database.engine.connect() as conn:
        seq = conn.execute(
            text("SELECT seq FROM audit_records WHERE hash = :h"), {"h": record.hash}
        ).scalar_one()
    return int(seq)


# -- verify -----------------------------------------------------------------------------


def test_verify_an_intact_chain(client: TestClient, fresh: Fresh) -> None:
    _start(fresh, 5)
    assert _verify(client, fresh) == {"ok": True, "checked": 5, "first_broken": None}


def test_verify_an_empty_store(client: TestClient, fresh: Fresh) -> None:
    _start(fresh, 0)
    assert _verify(client, fresh) == {"ok": True, "checked": 0, "first_broken": None}


def test_verify_names_an_edited_record(client: TestClient, fresh: Fresh) -> None:
    records = _start(fresh, 5)
    target = records[2]
    # Lower a count inside the stored JSON, with the database's own JSON functions.
    if fresh.database.backend == "sqlite":
        sql = "UPDATE audit_records SET record = json_set(record, '$.counts.PHONE', 0) "
    else:
        sql = (
            "UPDATE audit_records SET record = "
            "jsonb_set(record::jsonb, '{counts,PHONE}', '0'::jsonb)::json "
        )
    with fresh.database.engine.begin() as conn:
        changed = conn.execute(text(sql + "WHERE hash = :h"), {"h": target.hash}).rowcount
    assert changed == 1
    report = _verify(client, fresh)
    assert report["ok"] is False
    assert report["checked"] == 3
    assert report["first_broken"] == {"id": target.id, "seq": _seq(fresh, target)}


def test_verify_names_a_record_whose_status_column_was_changed(
    client: TestClient, fresh: Fresh
) -> None:
    """Exports filter on the indexed columns: hiding a refusal by editing the column alone
    (the hashed JSON untouched) must be caught too."""
    records = _start(fresh, 5)
    target = records[2]
    assert target.status == "refused"
    with fresh.database.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_records SET status = 'completed' WHERE hash = :h"),
            {"h": target.hash},
        )
    report = _verify(client, fresh)
    assert report["ok"] is False
    assert report["first_broken"] == {"id": target.id, "seq": _seq(fresh, target)}


def test_verify_names_the_record_after_a_deleted_one(client: TestClient, fresh: Fresh) -> None:
    records = _start(fresh, 5)
    follower_seq = _seq(fresh, records[2])
    with fresh.database.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_records WHERE hash = :h"), {"h": records[1].hash})
    report = _verify(client, fresh)
    assert report["ok"] is False
    assert report["checked"] == 2
    assert report["first_broken"] == {"id": records[2].id, "seq": follower_seq}


def test_verify_is_not_taken_for_a_record_id(client: TestClient, fresh_sqlite: Fresh) -> None:
    """/verify is declared before /{audit_id}: it must not answer audit_not_found."""
    _start(fresh_sqlite, 1)
    r = client.get("/v1/audit/verify", headers=fresh_sqlite.auth("auditor"))
    assert r.status_code == 200
    assert r.json()["checked"] == 1


# -- export -----------------------------------------------------------------------------


def _export(client: TestClient, fresh: Fresh, url: str, **headers: str) -> Any:
    r = client.get(url, headers={**fresh.auth("auditor"), **headers})
    assert r.status_code == 200, r.text
    return r


def test_export_pages_follow_next_links(client: TestClient, fresh: Fresh) -> None:
    records = _start(fresh, 7)
    seen: list[str] = []
    url: str | None = "/v1/audit?limit=3"
    pages = 0
    while url is not None:
        r = _export(client, fresh, url)
        body = r.json()
        seen.extend(rec["id"] for rec in body["records"])
        pages += 1
        if body["next"] is not None:
            assert r.headers["link"] == f'<{body["next"]}>; rel="next"'
            assert r.headers["x-next-cursor"] == body["next_cursor"]
            assert "limit=3" in body["next"]
        else:
            assert body["next_cursor"] is None
            assert "link" not in r.headers
        # A record appended mid-export lands on a later page, never repeats an earlier one.
        if pages == 1:
            records.append(fresh.audit.append(_draft(7)))
        url = body["next"]
    assert pages == 3
    assert seen == [rec.id for rec in records]
    # Records are returned exactly as stored: each still hashes to itself.
    r = _export(client, fresh, "/v1/audit?limit=1000")
    assert [AuditRecord.model_validate(x) for x in r.json()["records"]] == records


def test_export_filters(client: TestClient, fresh: Fresh) -> None:
    records = _start(fresh, 6)
    other = fresh.audit.append(
        _draft(6, requester_type="federal_immigration", request_id="ICE-REQ-77")
    )

    def ids(query: str) -> list[str]:
        return [x["id"] for x in _export(client, fresh, f"/v1/audit?{query}").json()["records"]]

    assert ids("requester_type=federal_immigration") == [other.id]
    assert ids("request_id=FOIA-2026-0003") == [records[3].id]
    assert ids("status=refused") == [r.id for r in records if r.status == "refused"]
    cut = records[3].created_at
    from_q = {"from": cut.isoformat()}
    to_q = {"to": cut.isoformat()}
    r = client.get("/v1/audit", params=from_q, headers=fresh.auth("auditor"))
    assert [x["id"] for x in r.json()["records"]] == [x.id for x in [*records[3:], other]]
    r = client.get("/v1/audit", params=to_q, headers=fresh.auth("auditor"))
    assert [x["id"] for x in r.json()["records"]] == [x.id for x in records[:3]]
    # A time without an offset is UTC.
    naive = (cut + timedelta(microseconds=1)).replace(tzinfo=None).isoformat()
    r = client.get("/v1/audit", params={"to": naive}, headers=fresh.auth("auditor"))
    assert [x["id"] for x in r.json()["records"]] == [x.id for x in records[:4]]
    both = "requester_type=public&status=completed&limit=2"
    assert ids(both) == [r.id for r in records if r.status == "completed"][:2]


def _csv_rows(body: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(body))
    return list(reader.fieldnames or []), list(reader)


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ("format=csv", "application/json"),
        ("", "text/csv"),
        ("", "application/json;q=0.5, text/csv"),
    ],
)
def test_export_as_csv(client: TestClient, fresh: Fresh, query: str, accept: str) -> None:
    records = _start(fresh, 3)
    r = _export(client, fresh, f"/v1/audit?{query}", accept=accept)
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    header, rows = _csv_rows(r.text)
    assert header == COLUMNS
    assert [row["id"] for row in rows] == [rec.id for rec in records]
    first, refused = rows[1], rows[2]
    assert first["status"] == "completed"
    assert first["policy_id"] == "public" and first["policy_version"] == "1"
    assert first["request_id"] == "FOIA-2026-0001"
    assert first["count_DATE_OF_BIRTH"] == "1" and first["count_PHONE"] == "1"
    assert first["count_A_NUMBER"] == "0"
    assert first["redactions"] == "1"
    assert first["hash"] == records[1].hash and first["prev_hash"] == records[0].hash
    assert refused["status"] == "refused" and refused["error_code"] == "not_a_pdf"
    assert refused["count_PHONE"] == "0" and refused["output_sha256"] == ""


def test_csv_pages_share_one_header_and_link_on(client: TestClient, fresh: Fresh) -> None:
    records = _start(fresh, 3)
    first = _export(client, fresh, "/v1/audit?format=csv&limit=2")
    link = first.headers["link"]
    assert link.endswith('>; rel="next"') and "format=csv" in link
    second = _export(client, fresh, link[1 : link.index(">")])
    assert "link" not in second.headers
    h1, rows1 = _csv_rows(first.text)
    h2, rows2 = _csv_rows(second.text)
    assert h1 == h2 == COLUMNS
    assert [r["id"] for r in rows1 + rows2] == [rec.id for rec in records]


def test_csv_neutralizes_spreadsheet_formulas(client: TestClient, fresh: Fresh) -> None:
    _start(fresh, 0)
    fresh.audit.append(_draft(0, request_id='=HYPERLINK("http://x.test","y")', requester="+1"))
    r = _export(client, fresh, "/v1/audit?format=csv")
    _, rows = _csv_rows(r.text)
    assert rows[0]["request_id"] == '\'=HYPERLINK("http://x.test","y")'
    assert rows[0]["requester"] == "'+1"
    # JSON carries the value as stored.
    r = _export(client, fresh, "/v1/audit")
    assert r.json()["records"][0]["request"]["request_id"].startswith("=HYPERLINK")


def test_json_is_the_default(client: TestClient, fresh_sqlite: Fresh) -> None:
    _start(fresh_sqlite, 1)
    for accept in ("*/*", "application/json", "text/csv;q=0.5, application/json"):
        r = _export(client, fresh_sqlite, "/v1/audit", accept=accept)
        assert r.headers["content-type"] == "application/json", accept
        assert len(r.json()["records"]) == 1
    r = _export(client, fresh_sqlite, "/v1/audit?format=json", accept="text/csv")
    assert r.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    "query",
    ["cursor=abc", "cursor=-1", "limit=0", "limit=1001", "from=yesterday", "status=ok"],
)
def test_export_rejects_malformed_parameters(
    client: TestClient, fresh_sqlite: Fresh, query: str
) -> None:
    r = client.get(f"/v1/audit?{query}", headers=fresh_sqlite.auth("auditor"))
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "invalid_request"


def test_a_nul_in_a_filter_is_invalid_request(client: TestClient, fresh: Fresh) -> None:
    """PostgreSQL cannot compare a string holding NUL: refused before the query, not 503."""
    _start(fresh, 1)
    for name in ("request_id", "requester_type"):
        r = client.get("/v1/audit", params={name: "a\x00b"}, headers=fresh.auth("auditor"))
        assert r.status_code == 422, (name, r.text)


def test_bounds_at_the_edge_of_the_calendar(client: TestClient, fresh: Fresh) -> None:
    """Year 1 east of UTC and year 9999 west of it have no UTC time: all records match."""
    records = _start(fresh, 2)
    params = {"from": "0001-01-01T00:00:00+05:00", "to": "9999-12-31T23:59:59-05:00"}
    r = client.get("/v1/audit", params=params, headers=fresh.auth("auditor"))
    assert r.status_code == 200, r.text
    assert [x["id"] for x in r.json()["records"]] == [x.id for x in records]


@pytest.mark.parametrize("role", ["records_system", "reviewer", "policy_officer"])
@pytest.mark.parametrize("path", ["/v1/audit", "/v1/audit?format=csv", "/v1/audit/verify"])
def test_only_auditors(client: TestClient, fresh_sqlite: Fresh, role: str, path: str) -> None:
    _start(fresh_sqlite, 1)
    r = client.get(path, headers=fresh_sqlite.auth(role), params={})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden"
    assert "FOIA-2026" not in r.text


def test_audit_store_down_is_503(client: TestClient, fresh_sqlite: Fresh) -> None:
    with fresh_sqlite.database.engine.begin() as conn:
        conn.execute(text("DROP TABLE audit_records"))
    for path in ("/v1/audit", "/v1/audit/verify"):
        r = client.get(path, headers=fresh_sqlite.auth("auditor"))
        assert r.status_code == 503, path
        assert r.json()["error"]["code"] == "audit_unavailable"


def test_export_documented(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    export = spec["paths"]["/v1/audit"]["get"]
    assert {"application/json", "text/csv"} <= set(export["responses"]["200"]["content"])
    params = {p["name"] for p in export["parameters"]}
    assert params >= {"from", "to", "requester_type", "request_id", "limit", "cursor", "format"}
    verify = spec["paths"]["/v1/audit/verify"]["get"]
    ref = verify["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/AuditChainReport")
    assert json.dumps(export).count("ErrorBody") >= 4
