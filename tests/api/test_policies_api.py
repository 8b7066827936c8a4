"""/v1/policies as a product, through the API on SQLite and PostgreSQL stores: versions,
publishing (and the engine using the new version at once), diffs, validation, the
protected-category confirmation, dry runs, declined requests and court orders."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

import yaml
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.api.conftest import Fresh
from tests.conftest import (
    FEDERAL_WITHHELD,
    REPORT_LINES,
    UPLOAD_NAME,
    LogCapture,
    pdfminer_text,
    post_redaction,
    squash,
)
from tests.pdfs import make_pdf

SHIPPED = ["court_order", "data_subject", "federal_immigration", "law_enforcement", "public"]


def current_content(client: TestClient, fresh: Fresh, policy_id: str) -> dict[str, Any]:
    r = client.get(f"/v1/policies/{policy_id}", headers=fresh.auth("policy_officer"))
    assert r.status_code == 200, r.text
    return dict(yaml.safe_load(r.json()["content"]))


def proposal(data: dict[str, Any], version: int, **rules: dict[str, Any]) -> str:
    data = json.loads(json.dumps(data))
    data["version"] = version
    for category, fields in rules.items():
        for rule in data["rules"]:
            if rule["category"] == category and "role" not in rule:
                rule.update(fields)
    return yaml.safe_dump(data, sort_keys=False)


def put(client: TestClient, fresh: Fresh, policy_id: str, content: Any, **body: Any) -> Any:
    return client.put(
        f"/v1/policies/{policy_id}",
        json={"content": content, **body},
        headers=fresh.auth("policy_officer"),
    )


def redact(client: TestClient, fresh: Fresh, requester_type: str, **fields: str) -> Any:
    return client.post(
        "/v1/redactions",
        data={"requester_type": requester_type, **fields},
        files={"file": (UPLOAD_NAME, make_pdf(REPORT_LINES), "application/pdf")},
        headers=fresh.auth("records_system"),
    )


def audit_record(client: TestClient, fresh: Fresh, audit_id: str) -> dict[str, Any]:
    r = client.get(f"/v1/audit/{audit_id}", headers=fresh.auth("auditor"))
    assert r.status_code == 200, r.text
    return dict(r.json())


# -- reading -----------------------------------------------------------------------------


def test_read_the_seeded_policies(client: TestClient, fresh: Fresh) -> None:
    auth = fresh.auth("auditor")
    listed = client.get("/v1/policies", headers=auth).json()
    assert [p["id"] for p in listed] == SHIPPED
    assert {p["version"] for p in listed} == {1}
    detail = client.get("/v1/policies/court_order", headers=auth).json()
    assert detail["author"] == "seed" and "court_order.yaml" in detail["reason"]
    assert detail["request"]["reference"]["when_missing"] == "refuse"
    assert detail["request"]["named_release"] is True
    assert hashlib.sha256(detail["content"].encode()).hexdigest() == detail["sha256"]
    versions = client.get("/v1/policies/public/versions", headers=auth).json()
    assert [(v["version"], v["author"]) for v in versions] == [(1, "seed")]
    assert (
        client.get("/v1/policies/public/versions/1", headers=auth).json()
        == client.get("/v1/policies/public", headers=auth).json()
    )
    schema = client.get("/v1/policies/schema", headers=auth).json()
    assert schema["title"] == "Redaction policy" and "rules" in schema["properties"]
    for path, code in [
        ("/v1/policies/tabloid", "policy_not_found"),
        ("/v1/policies/tabloid/versions", "policy_not_found"),
        ("/v1/policies/public/versions/7", "policy_version_not_found"),
        ("/v1/policies/public/diff", "policy_version_not_found"),  # no version before 1
    ]:
        r = client.get(path, headers=auth)
        assert (r.status_code, r.json()["error"]["code"]) == (404, code), path


# -- publishing --------------------------------------------------------------------------


def test_a_published_version_is_used_for_the_next_request(
    client: TestClient, app: FastAPI, fresh: Fresh
) -> None:
    before = redact(client, fresh, "public")
    assert before.status_code == 200, before.text
    assert before.json()["audit"]["policy"]["version"] == 1
    assert "RETAIL THEFT" in pdfminer_text(base64.b64decode(before.json()["document"]))

    content = proposal(
        current_content(client, fresh, "public"),
        2,
        CHARGE={"action": "redact", "code": "7(1)(d)(i)", "basis": "Pending proceedings"},
    )
    r = put(client, fresh, "public", content, reason="Charges withheld while the case is pending")
    assert r.status_code == 200, r.text
    v2 = r.json()
    assert (v2["version"], v2["author"]) == (2, fresh.name("policy_officer"))
    assert v2["reason"] == "Charges withheld while the case is pending"
    assert v2["sha256"] == hashlib.sha256(content.encode()).hexdigest()
    assert v2["content"] == content
    change = audit_record(client, fresh, r.headers["x-audit-id"])
    assert change["operation"] == "PUT /v1/policies/{policy_id}"
    assert change["actor"] == fresh.name("policy_officer")
    assert change["policy"] == {"id": "public", "version": 2, "sha256": v2["sha256"]}
    assert app.state.policies.get("public").version == 2
    assert app.state.engine.policies.get("public").version == 2

    after = redact(client, fresh, "public", request_id="FOIA-2026-0001")
    assert after.status_code == 200, after.text
    audit = after.json()["audit"]
    assert audit["policy"] == {"id": "public", "version": 2, "sha256": v2["sha256"]}
    assert audit["actor"] == fresh.name("records_system")
    assert "CHARGE" in audit["counts"]
    assert "RETAIL THEFT" not in pdfminer_text(base64.b64decode(after.json()["document"]))
    # Every audit record's policy version can be fetched, old ones included.
    for record in (before.json()["audit"], audit):
        ref = record["policy"]
        fetched = client.get(
            f"/v1/policies/{ref['id']}/versions/{ref['version']}", headers=fresh.auth("auditor")
        ).json()
        assert fetched["sha256"] == ref["sha256"]
        assert hashlib.sha256(fetched["content"].encode()).hexdigest() == ref["sha256"]
    versions = client.get("/v1/policies/public/versions", headers=fresh.auth("auditor")).json()
    assert [v["version"] for v in versions] == [1, 2]


def test_diff_between_versions(client: TestClient, fresh: Fresh) -> None:
    data = current_content(client, fresh, "federal_immigration")
    content = proposal(
        data,
        2,
        BOND={"action": "keep", "code": "", "basis": "Bond is public under 2.15(a)(vi)"},
    )
    assert put(client, fresh, "federal_immigration", content, reason="Bond").status_code == 200
    auth = fresh.auth("policy_officer")
    default = client.get("/v1/policies/federal_immigration/diff", headers=auth)
    explicit = client.get("/v1/policies/federal_immigration/diff?from=1&to=2", headers=auth)
    assert default.status_code == 200, default.text
    assert default.json() == explicit.json()
    body = default.json()
    assert (body["id"], body["from"], body["to"]) == ("federal_immigration", 1, 2)
    (rule,) = body["changes"]["rules"]
    assert rule["rule"] == "BOND" and rule["change"] == "changed"
    assert {f["field"]: [f["before"], f["after"]] for f in rule["fields"]} == {
        "action": ["redact", "keep"],
        "code": ["MCC 2-173-020", ""],
        "basis": [
            "Welcoming City Ordinance 2-173-020; TRUST Act 15(h): custody and release details",
            "Bond is public under 2.15(a)(vi)",
        ],
    }
    assert rule["summary"].startswith("~ BOND: action 'redact' -> 'keep'")
    assert {"category": "BOND", "role": "unknown", "before": "redact", "after": "keep"} in body[
        "changes"
    ]["effects"]
    backwards = client.get("/v1/policies/federal_immigration/diff?from=2&to=1", headers=auth)
    assert backwards.json()["changes"]["rules"][0]["fields"][0]["before"] == "keep"
    assert client.get("/v1/policies/federal_immigration/diff?from=1&to=5", headers=auth).json()[
        "error"
    ]["code"] == ("policy_version_not_found")


def test_validation_names_fields_and_says_what_is_wrong(client: TestClient, fresh: Fresh) -> None:
    data = current_content(client, fresh, "public")
    good = proposal(data, 2)
    charge = next(i for i, r in enumerate(data["rules"]) if r["category"] == "CHARGE")
    ssn = next(i for i, r in enumerate(data["rules"]) if r["category"] == "SSN")
    cases: list[tuple[Any, set[str]]] = [
        (proposal(data, 2, CHARGE={"action": "shred"}), {f"rules.{charge}.action"}),
        (proposal(data, 2, CHARGE={"category": "CHARGES"}), {f"rules.{charge}.category"}),
        (proposal(data, 2, SSN={"code": ""}), {f"rules.{ssn}"}),  # redact without a code
        (good + "retention_days: 30\n", {"retention_days"}),
        (good.replace("id: public", "id: other"), {"id"}),
        (proposal(data, 1), {"version"}),
        (proposal(data, 5), {"version"}),
        ("id: public\nversion: [2\n", {"(top level)"}),
        ({**yaml.safe_load(good), "default": {"action": "keep"}}, {"default.action"}),
    ]
    for content, fields in cases:
        r = client.post(
            "/v1/policies/public/validate",
            json={"content": content},
            headers=fresh.auth("policy_officer"),
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["valid"] is False
        got = {p["field"] for p in body["problems"]}
        assert fields <= got, (fields, body["problems"])
        assert all(p["message"] for p in body["problems"])
        assert (body["current_version"], body["next_version"]) == (1, 2)
    ok = client.post(
        "/v1/policies/public/validate", json={"content": good}, headers=fresh.auth("admin")
    ).json()
    assert ok == {
        "valid": True,
        "problems": [],
        "current_version": 1,
        "next_version": 2,
        "weakens": [],
        "changes": {"settings": [], "rules": [], "effects": [], "summary": []},
    }
    # Publishing an invalid document: 422 with the same details; nothing is stored.
    r = put(client, fresh, "public", proposal(data, 2, CHARGE={"action": "shred"}), reason="x y z")
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "policy_invalid"
    assert error["details"][0]["field"] == f"rules.{charge}.action"
    assert "shred" not in json.dumps(error)
    no_reason = put(client, fresh, "public", good)
    assert no_reason.status_code == 422
    assert [d["field"] for d in no_reason.json()["error"]["details"]] == ["reason"]
    stale = put(client, fresh, "public", proposal(data, 1), reason="stale copy")
    assert (stale.status_code, stale.json()["error"]["code"]) == (409, "policy_version_conflict")
    assert put(client, fresh, "tabloid", good, reason="new").status_code == 404
    assert client.get("/v1/policies/public", headers=fresh.auth("auditor")).json()["version"] == 1


def test_weakening_a_protected_category_needs_confirmation(
    client: TestClient, fresh: Fresh
) -> None:
    data = current_content(client, fresh, "federal_immigration")
    content = proposal(data, 2, NATIONALITY={"action": "keep", "code": "", "basis": "Treaty"})
    check = client.post(
        "/v1/policies/federal_immigration/validate",
        json={"content": content},
        headers=fresh.auth("policy_officer"),
    ).json()
    assert check["valid"] is False
    assert [p["field"] for p in check["problems"]] == ["confirm_weakening"]
    (weak,) = check["weakens"]
    assert weak["category"] == "NATIONALITY" and weak["confirmed"] is False
    assert "unknown" in weak["roles"] and "arrestee" in weak["roles"]

    refused = put(client, fresh, "federal_immigration", content, reason="Treaty obligation")
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "confirmation_required"
    assert refused.json()["error"]["details"][0]["field"] == "confirm_weakening"

    confirmed = put(
        client,
        fresh,
        "federal_immigration",
        content,
        reason="Treaty obligation",
        confirm_weakening=["NATIONALITY"],
    )
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["confirmed_weakening"] == ["NATIONALITY"]
    versions = client.get(
        "/v1/policies/federal_immigration/versions", headers=fresh.auth("auditor")
    ).json()
    assert [v["confirmed_weakening"] for v in versions] == [[], ["NATIONALITY"]]
    # Not protected: the arrestee's own record may release it without a confirmation.
    subject = current_content(client, fresh, "data_subject")
    open_ = proposal(subject, 2, NATIONALITY={"action": "keep", "code": "", "basis": "Own"})
    assert put(client, fresh, "data_subject", open_, reason="Own data").status_code == 200


# -- dry runs ----------------------------------------------------------------------------


def test_dry_run_compares_without_returning_text(
    client: TestClient, fresh: Fresh, app_log: LogCapture
) -> None:
    data = current_content(client, fresh, "federal_immigration")
    content = proposal(
        data,
        2,
        DATE_OF_BIRTH={"action": "keep", "code": "", "basis": "Released"},
        NATIONALITY={"action": "keep", "code": "", "basis": "Released"},
    )
    r = client.post(
        "/v1/policies/federal_immigration/dry-run",
        data={"content": content},
        files={"file": (UPLOAD_NAME, make_pdf(REPORT_LINES), "application/pdf")},
        headers=fresh.auth("policy_officer"),
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["id"] == "federal_immigration" and body["pages"] == 1
    assert body["juvenile"] is False
    assert (body["current"]["version"], body["proposed"]["version"]) == (1, 2)
    assert body["current"]["counts"]["DATE_OF_BIRTH"] >= 1
    assert "DATE_OF_BIRTH" not in body["proposed"]["counts"]
    assert body["proposed"]["redacted_values"] < body["current"]["redacted_values"]
    changed = {c["category"] for c in body["changes"]}
    assert changed == {"DATE_OF_BIRTH"}  # nothing in this report is a NATIONALITY
    change = body["changes"][0]
    assert change["page"] == 1 and len(change["boxes"][0]) == 4
    assert change["current"]["action"] == "redact" and change["current"]["code"]
    assert change["proposed"] == {"action": "keep", "code": "", "rule": "DATE_OF_BIRTH"}
    assert [w["category"] for w in body["weakens"]] == ["NATIONALITY"]
    # Categories, rules, pages and boxes: never the document's text, nor in the log.
    for value in (*FEDERAL_WITHHELD, "GARCIA", "RETAIL THEFT", UPLOAD_NAME):
        assert squash(value) not in squash(r.text), value
        assert value.casefold() not in app_log.text.casefold(), value
    record = audit_record(client, fresh, r.headers["x-audit-id"])
    assert record["operation"] == "POST /v1/policies/{policy_id}/dry-run"
    assert record["actor"] == fresh.name("policy_officer")
    assert record["input"]["pages"] == 1 and record["output"] is None
    # A dry run publishes nothing.
    assert current_content(client, fresh, "federal_immigration")["version"] == 1
    invalid = client.post(
        "/v1/policies/federal_immigration/dry-run",
        data={"content": content.replace("action: keep", "action: shred", 1)},
        files={"file": (UPLOAD_NAME, make_pdf(REPORT_LINES), "application/pdf")},
        headers=fresh.auth("policy_officer"),
    )
    assert invalid.status_code == 422
    assert invalid.json()["error"]["code"] == "policy_invalid"


# -- declined requests -------------------------------------------------------------------


def _declining(content: str) -> str:
    """The shipped federal file with its documented decline option switched on."""
    block = re.search(r"^# request:\n(?:#   .*\n)+", content, re.MULTILINE)
    assert block is not None
    on = re.sub(r"^# ?", "", block.group(0), flags=re.MULTILINE)
    return content.replace(block.group(0), on).replace("version: 1\n", "version: 2\n", 1)


def test_federal_request_declined_without_a_warrant(client: TestClient, fresh: Fresh) -> None:
    shipped = client.get("/v1/policies/federal_immigration", headers=fresh.auth("auditor"))
    content = _declining(shipped.json()["content"])
    r = put(client, fresh, "federal_immigration", content, reason="Decline without a warrant")
    assert r.status_code == 200, r.text

    declined = client.post(
        "/v1/redactions",
        data={"requester_type": "federal_immigration", "request_id": "ICE-77"},
        files={"file": (UPLOAD_NAME, make_pdf(REPORT_LINES), "application/pdf")},
        headers={"Accept": "application/pdf", **fresh.auth("records_system")},
    )
    assert declined.status_code == 451
    assert declined.headers["content-type"] == "application/json"
    assert declined.json()["error"]["code"] == "request_declined"
    assert b"%PDF" not in declined.content
    record = audit_record(client, fresh, declined.headers["x-audit-id"])
    assert record["status"] == "declined"
    assert record["output"] is None and record["redactions"] == []
    assert record["error"] == {"code": "request_declined"}
    assert record["policy"]["version"] == 2
    assert record["request"]["request_id"] == "ICE-77"
    assert record["actor"] == fresh.name("records_system")
    assert record["input"]["sha256"]

    warrant = redact(client, fresh, "federal_immigration", reference="1:26-mj-00042 (N.D. Ill.)")
    assert warrant.status_code == 200, warrant.text
    audit = warrant.json()["audit"]
    assert audit["status"] == "completed"
    assert audit["request"]["reference"] == "1:26-mj-00042 (N.D. Ill.)"
    text = squash(pdfminer_text(base64.b64decode(warrant.json()["document"])))
    for value in FEDERAL_WITHHELD:
        assert squash(value) not in text  # still stripped under the rules


def test_federal_as_shipped_strips_and_records_a_reference(client: TestClient) -> None:
    r = post_redaction(client, make_pdf(REPORT_LINES), reference="I-200 #123")
    assert r.status_code == 200, r.text
    assert r.json()["audit"]["request"]["reference"] == "I-200 #123"


# -- court orders, other agencies --------------------------------------------------------


def test_court_order_requires_a_reference(client: TestClient) -> None:
    pdf = make_pdf(REPORT_LINES)
    for fields in ({}, {"reference": "   "}, {"release": "CHARGE"}):
        r = post_redaction(client, pdf, requester_type="court_order", **fields)
        assert r.status_code == 422, r.text
        assert r.json()["error"]["code"] == "reference_required"
        record = client.get(f"/v1/audit/{r.headers['x-audit-id']}").json()
        assert record["status"] == "refused"
        assert record["error"] == {"code": "reference_required"}
        assert record["policy"]["id"] == "court_order"


def test_court_order_releases_what_it_names(client: TestClient) -> None:
    pdf = make_pdf(REPORT_LINES)
    nothing = post_redaction(client, pdf, requester_type="court_order", reference="2026-CR-0042")
    assert nothing.status_code == 200, nothing.text
    text = squash(pdfminer_text(base64.b64decode(nothing.json()["document"])))
    for value in ("GARCIA-LOPEZ", "RETAIL THEFT", "03/14/1991", "Tegucigalpa"):
        assert squash(value) not in text, value
    named = post_redaction(
        client,
        pdf,
        requester_type="court_order",
        reference="2026-CR-0042",
        release="PERSON/arrestee, CHARGE",
    )
    assert named.status_code == 200, named.text
    audit = named.json()["audit"]
    assert audit["request"]["reference"] == "2026-CR-0042"
    assert audit["request"]["release"] == "PERSON/arrestee, CHARGE"
    text = squash(pdfminer_text(base64.b64decode(named.json()["document"])))
    assert squash("GARCIA-LOPEZ") in text and squash("RETAIL THEFT") in text
    for value in ("03/14/1991", "212-345-678", "Tegucigalpa", "jgarcia.lopez@example.com"):
        assert squash(value) not in text, value


def test_release_errors(client: TestClient) -> None:
    pdf = make_pdf(REPORT_LINES)
    bad = post_redaction(
        client, pdf, requester_type="court_order", reference="x", release="PERSONS"
    )
    assert (bad.status_code, bad.json()["error"]["code"]) == (422, "invalid_release")
    public = post_redaction(client, pdf, requester_type="public", release="NATIONALITY")
    assert (public.status_code, public.json()["error"]["code"]) == (422, "release_not_allowed")


def test_law_enforcement_never_gets_citizenship_or_origin(client: TestClient) -> None:
    r = post_redaction(client, make_pdf(REPORT_LINES), requester_type="law_enforcement")
    assert r.status_code == 200, r.text
    text = squash(pdfminer_text(base64.b64decode(r.json()["document"])))
    for value in ("GARCIA-LOPEZ", "03/14/1991", "RETAIL THEFT"):
        assert squash(value) in text, value
    for value in ("212-345-678", "Tegucigalpa", "Honduras"):
        assert squash(value) not in text, value
    assert {b["code"] for b in r.json()["audit"]["redactions"]} == {"MCC 2-173-030"}
