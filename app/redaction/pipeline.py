"""The whole pipeline: open & check -> words -> detect -> decide -> redact -> verify.

`RedactionEngine.redact` is the one entry point for the API, a worker or a CLI.
It returns a document only when verification passed; every other path raises a
`RedactorError` subclass and returns nothing.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import app
from app.redaction import consistency, notice, redactor, verification
from app.redaction.detection import Detector
from app.redaction.errors import RedactionFailed, RedactorError, VerificationFailed
from app.redaction.pdf_input import open_untrusted_pdf
from app.redaction.pdf_text import extract_pages
from app.redaction.policy import Policy, PolicySet
from app.redaction.types import Action, Decision, VerificationReport, marks_for


@dataclass(frozen=True, slots=True)
class PolicyRef:
    id: str
    version: int
    sha256: str


@dataclass(frozen=True, slots=True)
class AuditRedaction:
    """One box in the audit record: where, what kind, why. Never the text."""

    page: int  # 1-based, as a person counts pages
    bbox: tuple[float, float, float, float]
    category: str
    role: str | None
    code: str
    basis: str
    detector: str
    score: float


@dataclass(frozen=True, slots=True)
class RedactionOutcome:
    status: Literal["completed", "withheld"]
    document: bytes
    pages: int
    policy: PolicyRef
    redactions: tuple[AuditRedaction, ...]
    counts: Mapping[str, int]
    verification: VerificationReport


@dataclass(frozen=True, slots=True)
class PlannedDecision:
    """What one policy would do with one detected value: where, what, why. Never the text."""

    page: int  # 1-based
    boxes: tuple[tuple[float, float, float, float], ...]
    category: str
    role: str | None
    action: str
    code: str
    rule: str


@dataclass(frozen=True, slots=True)
class Plan:
    """A dry run: the decisions each policy would make on one document, nothing burnt in."""

    pages: int
    juvenile: bool
    decisions: tuple[Mapping[tuple[int, int, int, str, str], PlannedDecision], ...]


def policy_ref(policy: Policy) -> PolicyRef:
    return PolicyRef(policy.id, policy.version, policy.sha256)


def _planned(
    decisions: Sequence[Decision],
) -> dict[tuple[int, int, int, str, str], PlannedDecision]:
    out: dict[tuple[int, int, int, str, str], PlannedDecision] = {}
    for d in decisions:
        f = d.finding
        key = (f.page, f.start, f.end, f.category.value, f.role.value)
        out[key] = PlannedDecision(
            page=f.page + 1,
            boxes=tuple(
                (round(b.x0, 2), round(b.y0, 2), round(b.x1, 2), round(b.y1, 2)) for b in f.boxes
            ),
            category=f.category.value,
            role=None if f.role.value == "unknown" else f.role.value,
            action=d.action.value,
            code=d.code,
            rule=d.rule,
        )
    return out


class RedactionEngine:
    def __init__(self, detector: Detector, policies: PolicySet, *, max_pages: int) -> None:
        self.detector = detector
        self.policies = policies
        self.max_pages = max_pages
        # PyMuPDF is not thread-safe; one document at a time per engine. Scale
        # out with processes, not threads.
        self._lock = threading.Lock()

    def engine_info(self) -> dict[str, str]:
        return {
            "service": app.__version__,
            "spacy_model": self.detector.model_info,
            "presidio": self.detector.presidio_version,
        }

    def policy_ref(self, requester_type: str) -> PolicyRef:
        return policy_ref(self.policies.get(requester_type))

    def set_policies(self, policies: PolicySet) -> None:
        """The current versions, after a policy officer published a new one."""
        self.policies = policies

    def redact(self, untrusted_pdf: bytes, requester_type: str) -> RedactionOutcome:
        # Resolve the policy first: an unknown requester type is refused before
        # the document is even parsed.
        return self.redact_with(untrusted_pdf, self.policies.get(requester_type))

    def plan(self, untrusted_pdf: bytes, policies: Sequence[Policy]) -> Plan:
        """Detect once and decide under each policy; burn nothing in, return no document."""
        with self._lock:
            try:
                doc = open_untrusted_pdf(untrusted_pdf, max_pages=self.max_pages)
                try:
                    pages = extract_pages(doc)
                    detection = self.detector.detect(pages)
                finally:
                    doc.close()
                return Plan(
                    pages=len(pages),
                    juvenile=detection.juvenile,
                    decisions=tuple(
                        _planned(consistency.complete(pages, p.decide_all(detection.findings)))
                        for p in policies
                    ),
                )
            except RedactorError:
                raise
            except Exception:
                raise RedactionFailed() from None

    def redact_with(self, untrusted_pdf: bytes, policy: Policy) -> RedactionOutcome:
        """Redact under this policy (a stored version, or one a request narrowed)."""
        with self._lock:
            try:
                return self._redact(untrusted_pdf, policy)
            except RedactorError:
                raise
            except Exception:
                # Anything unexpected inside PyMuPDF or detection: no document.
                # The exception text may quote the document, so it is dropped.
                raise RedactionFailed() from None

    def _redact(self, untrusted_pdf: bytes, policy: Policy) -> RedactionOutcome:
        doc = open_untrusted_pdf(untrusted_pdf, max_pages=self.max_pages)
        try:
            pages = extract_pages(doc)
            n_pages = len(pages)
            detection = self.detector.detect(pages)
            if detection.juvenile:
                rule = policy.document.juvenile
                document = notice.withheld_notice_pdf(
                    policy_id=policy.id,
                    policy_version=policy.version,
                    code=rule.code,
                    basis=rule.basis,
                    pages_withheld=n_pages,
                    request_id=None,
                )
                return RedactionOutcome(
                    status="withheld",
                    document=document,
                    pages=n_pages,
                    policy=policy_ref(policy),
                    redactions=(),
                    counts={"WITHHELD_PAGES": n_pages},
                    verification=VerificationReport(0, 0),
                )
            decisions = consistency.complete(pages, policy.decide_all(detection.findings))
            marks = marks_for(decisions)
            output = redactor.redact_pdf(doc, marks)
        finally:
            doc.close()
        withheld = [
            d.finding.text
            for d in decisions
            if d.action is Action.REDACT and not d.finding.fragment
        ]
        released = [d.finding.text for d in decisions if d.action is Action.KEEP]
        report = verification.verify_redacted(
            output, marks, [t for t in withheld if t], [t for t in released if t]
        )
        if not report.passed:
            raise VerificationFailed(
                pages=n_pages,
                residual_strings=report.residual_strings,
                text_under_boxes=report.text_under_boxes,
            )
        redacted = [d for d in decisions if d.action is Action.REDACT]
        return RedactionOutcome(
            status="completed",
            document=output,
            pages=n_pages,
            policy=policy_ref(policy),
            redactions=tuple(_audit_entries(redacted)),
            counts=dict(Counter(d.finding.category.value for d in redacted)),
            verification=report,
        )


def _audit_entries(decisions: list[Decision]) -> list[AuditRedaction]:
    out = []
    for d in decisions:
        f = d.finding
        for box in f.boxes:
            out.append(
                AuditRedaction(
                    page=f.page + 1,
                    bbox=tuple(round(v, 2) for v in box.as_tuple()),  # type: ignore[arg-type]
                    category=f.category.value,
                    role=None if f.role.value == "unknown" else f.role.value,
                    code=d.code,
                    basis=d.basis,
                    detector=f.detector,
                    score=f.score,
                )
            )
    return out
