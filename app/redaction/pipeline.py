"""The whole pipeline: open & check -> words -> detect -> decide -> redact -> verify.

`RedactionEngine.redact` is the one entry point for the API, a worker or a CLI.
It returns a document only when verification passed; every other path raises a
`RedactorError` subclass and returns nothing.
"""

from __future__ import annotations

import functools
import gc
import logging
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, TypeVar

import app
from app.redaction import (
    consistency,
    isolation,
    notice,
    preview_render,
    redactor,
    review,
    second_reading,
    verification,
)
from app.redaction.candidates import Candidate
from app.redaction.detection import Detection, Detector
from app.redaction.errors import RedactionFailed, RedactorError, VerificationFailed
from app.redaction.isolation import FanOut
from app.redaction.limits import Limits, check_time, enforced, precheck
from app.redaction.ocr import (
    Tesseract,
    garbled_phrases,
    misread_languages,
    name_readings,
    nationality_misreadings,
    number_readings,
    small_case_demonyms,
    split_demonyms,
    uncertain_label_values,
)
from app.redaction.pdf_input import open_untrusted_pdf
from app.redaction.pdf_text import DocumentText, read_document, read_text_layers
from app.redaction.policy import Policy, PolicySet
from app.redaction.recognizers.immigration import status_extent
from app.redaction.redaction_log import LogEntry, append_log, log_pdf
from app.redaction.types import (
    Action,
    Category,
    Decision,
    Finding,
    PageText,
    Rect,
    Role,
    VerificationReport,
    marks_for,
)
from app.redaction.warm_up import warm_up_pdf


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
class PageReading:
    """How one page was read, for the audit record: text layer or OCR. Never the text."""

    page: int  # 1-based
    ocr: bool
    rotation: int | None = None  # degrees turned to read upright (OCR only)
    confidence: float | None = None  # mean OCR word confidence, 0-100 (OCR only)


def page_readings(read: DocumentText) -> tuple[PageReading, ...]:
    out = []
    for i in range(len(read.pages)):
        info = read.ocr.get(i)
        if info is None:
            out.append(PageReading(page=i + 1, ocr=False))
        else:
            out.append(
                PageReading(
                    page=i + 1,
                    ocr=True,
                    rotation=info.rotation,
                    confidence=info.mean_confidence,
                )
            )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class LogSummary:
    """The redaction log appended to a document: its pages and lines, and who asked."""

    pages: int
    entries: int
    requested_by: Literal["policy", "request"]


@dataclass(frozen=True, slots=True)
class RedactionOutcome:
    status: Literal["completed", "withheld"]
    document: bytes
    pages: int
    policy: PolicyRef
    redactions: tuple[AuditRedaction, ...]
    counts: Mapping[str, int]
    verification: VerificationReport
    log: LogSummary | None = None
    reading: tuple[PageReading, ...] = ()


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


def decide(
    pages: Sequence[PageText], findings: Sequence[Finding], policy: Policy
) -> list[Decision]:
    """The policy's decision on every finding, and on every other mention of what it redacts.

    The one place decisions are made: a redaction, a dry run and a preview agree.
    """
    return consistency.complete(pages, policy.decide_all(findings))


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


log = logging.getLogger(__name__)

_T = TypeVar("_T")
# How long past its own time limit a document's child process may run before it
# is killed (it checks the limit itself between pages and stages).
_CHILD_GRACE_SECONDS = 30.0
# Longer documents are read in one process: each process of a fan-out holds its
# share of the pages' analysis besides what the document's process holds, and a
# 500-page report spread over two went past 800 MiB (benchmarks/speed.py). Their
# time per page is about what a short document's is anyway.
FAN_OUT_MAX_PAGES = 100
# ... but each page's own work (the models, the recognizers, verification's
# reading) is still spread, a window of this many pages at a time: a child
# forked per window holds only its share of that window (isolation.FanOut).
FAN_OUT_WINDOW = 40

# Young collections run after this many new container objects (Python's default
# is 700). A redaction makes hundreds of thousands of short-lived ones (MuPDF's
# per-glyph dictionaries, boxes): at 700 the collector runs hundreds of times
# per document.
_GC_GEN0_THRESHOLD = 10_000


def settle_heap() -> None:
    """Keep the garbage collector off what lives as long as the process; call it
    once the engine is built (the service's startup, a job worker's).

    The models, gazetteers and policies loaded with the engine are hundreds of
    thousands of objects that every full collection would walk again, several
    times per redaction (about a tenth of its CPU time). `gc.freeze` moves them
    to the permanent generation: they are still freed by reference counting,
    only no longer scanned for cycles. Young collections are made rarer too
    (`_GC_GEN0_THRESHOLD`). Nothing a redaction outputs depends on either.
    """
    gc.collect()
    gc.freeze()
    gen0, gen1, gen2 = gc.get_threshold()
    if 0 < gen0 < _GC_GEN0_THRESHOLD:
        gc.set_threshold(_GC_GEN0_THRESHOLD, gen1, gen2)


# Identifiers a scan may read again with a digit lost (`ocr.number_readings`).
_NUMBER_CATEGORIES = frozenset(
    {
        Category.A_NUMBER,
        Category.CB_NUMBER,
        Category.CONSULAR_ID,
        Category.DRIVERS_LICENSE,
        Category.FBI_NUMBER,
        Category.IR_NUMBER,
        Category.PASSPORT,
        Category.PHONE,
        Category.RD_NUMBER,
        Category.SID_NUMBER,
        Category.SSN,
        Category.STATE_ID,
        Category.VISA,
    }
)


def _ocr_finding(
    page: PageText,
    category: Category,
    role: Role,
    start: int,
    end: int,
    score: float,
    detector: str,
    boxes: tuple[Rect, ...] | None = None,
) -> Finding:
    """A finding that only an OCR page's reading gave, at page.text[start:end]."""
    return Finding(
        category=category,
        role=role,
        page=page.index,
        start=start,
        end=end,
        boxes=page.boxes_for_span(start, end) if boxes is None else boxes,
        score=score,
        detector=detector,
        text=page.text[start:end],
    )


class RedactionEngine:
    def __init__(
        self,
        detector: Detector,
        policies: PolicySet,
        *,
        max_pages: int,
        ocr: Tesseract | None = None,
        limits: Limits | None = None,
        isolate: bool = False,
        fan_out: int = 1,
    ) -> None:
        self.detector = detector
        self.policies = policies
        self.max_pages = max_pages
        # Per-document limits (time, pixels, decompressed bytes, objects, page size);
        # max_pages above stays the one page limit.
        self.limits = limits or Limits(max_pages=max_pages)
        # None: Tesseract was not found at startup; scans are refused (ocr_unavailable).
        self.ocr = ocr
        # PyMuPDF is not thread-safe; one document at a time per engine. Scale
        # out with processes, not threads.
        self._lock = threading.Lock()
        # Each document in a forked child of its own (isolation.py): the caller's
        # process keeps the GIL free, and a crash in MuPDF is the child's.
        self.isolate = isolate and isolation.available()
        # Inside that child (one thread, so it may fork again), the pages' own
        # detection work is spread over this many processes.
        self.fan_out = fan_out
        # True while warm_up runs in the engine's own process, which may have
        # other threads: nothing may fork there.
        self._warming = False

    def engine_info(self) -> dict[str, str]:
        return {
            "service": app.__version__,
            "spacy_model": self.detector.model_info,
            "presidio": self.detector.presidio_version,
            "ocr": self.ocr.info if self.ocr is not None else "unavailable",
        }

    def _read(self, doc: Any) -> DocumentText:
        """Every page's words: the text layer, and OCR where the page is (partly) a scan."""
        return read_document(doc, self.ocr)

    def _fan_out(self, pages: int, *, windowed: bool = False) -> FanOut | None:
        """How detection and verification spread pages over processes: only in a
        document's own child, which has no other thread (a fork copies only the
        calling thread), and only up to FAN_OUT_MAX_PAGES pages; or, `windowed`,
        for work each page does alone (`Detector.detect`'s per-page candidates,
        verification's reading), past that too in windows of FAN_OUT_WINDOW pages."""
        if self._warming or not self.isolate or self.fan_out < 2:
            return None
        if pages <= FAN_OUT_MAX_PAGES:
            return FanOut(self.fan_out, timeout=self._child_timeout)
        if windowed:
            return FanOut(self.fan_out, timeout=self._child_timeout, window=FAN_OUT_WINDOW)
        return None

    @property
    def _child_timeout(self) -> float:
        """When a process forked for a document (or part of one) is killed."""
        return self.limits.max_seconds + _CHILD_GRACE_SECONDS

    def _read_and_detect(self, doc: Any) -> tuple[DocumentText, Detection]:
        """`_read`, then `_detect`; with a fan-out, each process reads its own run
        of pages too, and sends back their PageText with their candidates.

        Why: the document's process read every page before the other process
        started, about a tenth of a text page's time on one core while the
        other waited. A page's text and candidates depend on that page alone, so
        the runs give what one process gives, file for file
        (`tests/redaction/test_speed_paths.py`). A PageText costs about 1.3 ms
        to pickle and 1.4 ms to unpickle (`pdf_text._pickle_by_fields`), against
        about 9 ms to read.

        A run with a page that needs OCR stops there: the document is then read
        as before, here, where OCR is batched (and the OCR pages' extra findings
        need the whole document). If that page is in another run, this run's
        detection was spent for nothing; next to the OCR it is small.
        """
        fan_out = self._fan_out(doc.page_count)
        groups = fan_out.groups(range(doc.page_count)) if fan_out is not None else []
        if fan_out is not None and len(groups) > 1:
            # The other runs start first; this process takes the first run.
            others = [fan_out.start(functools.partial(self._read_run, doc, g)) for g in groups[1:]]
            try:
                runs = [self._read_run(doc, groups[0])]
                if runs[0] is not None:
                    runs += [other.result() for other in others]  # raises a run's error
            finally:
                for other in others:
                    other.kill()  # a run no longer waited for (OCR here, or an error)
            if all(run is not None for run in runs):
                pages = [page for run in runs if run is not None for page in run[0]]
                found = [c for run in runs if run is not None for c in run[1]]
                read = DocumentText(pages, {})
                return read, self._with_ocr_findings(read, self.detector.detect_from(pages, found))
        read = self._read(doc)
        return read, self._detect(read)

    def _read_run(
        self, doc: Any, numbers: Sequence[int]
    ) -> tuple[list[PageText], list[Candidate]] | None:
        """These pages' text and own candidates; None when one of them needs OCR."""
        pages = read_text_layers(doc, numbers)
        if pages is None:
            return None
        return pages, self.detector.pages_candidates(pages)

    def _detect(self, read: DocumentText) -> Detection:
        """Detection, plus doubtful OCR values next to protected labels (as the label
        says); on a document with scans read twice, what either reading shows."""
        if read.second is None:
            return self._detect_reading(read, self._fan_out(len(read.pages), windowed=True))
        fan_out = self._fan_out(len(read.pages))
        second = read.second
        if fan_out is None:
            detection = self._detect_reading(read, None)
            check_time()
            other = self._detect_reading(second, None)
        else:
            # The two readings side by side, one process each, rather than each
            # split over both in turn: what spans pages (seams, propagation,
            # roles) and the OCR extras are serial in a reading, and now overlap.
            # Measured on ten scanned pages through the service: 3.6-3.7 -> 3.4-3.5 s
            # a page, the outputs byte for byte the same.
            other_run = fan_out.start(functools.partial(self._detect_reading, second, None))
            try:
                detection = self._detect_reading(read, None)
                other = other_run.result()  # raises the child's error
            finally:
                other_run.kill()
        return second_reading.merged(detection, other, read.pages, second.ocr.keys())

    def _detect_reading(self, read: DocumentText, fan_out: FanOut | None) -> Detection:
        return self._with_ocr_findings(read, self.detector.detect(read.pages, fan_out=fan_out))

    def _with_ocr_findings(self, read: DocumentText, detection: Detection) -> Detection:
        """`detection` plus what only OCR pages need: names and one-word nationalities
        found anywhere, searched for as OCR misreads them, status phrases whose
        spacing OCR garbled, and doubtful values next to protected labels."""
        extra: list[Finding] = []
        # Names found anywhere, searched for on OCR pages as OCR misreads them.
        persons = [
            f for f in detection.findings if f.category is Category.PERSON and not f.fragment
        ]
        names = [f.text for f in persons]
        nationals = {f.text for f in detection.findings if f.category is Category.NATIONALITY}
        numbers = [f for f in detection.findings if f.category in _NUMBER_CATEGORIES]
        for index, info in read.ocr.items():
            page = read.pages[index]
            for r in name_readings(page, info.confidences, names):
                role = persons[r.known].role
                extra.append(
                    _ocr_finding(page, Category.PERSON, role, r.start, r.end, r.score, "ocr_name")
                )
            # Numbers found anywhere, read again with a digit lost in a garbled word.
            for r in number_readings(page, info.confidences, [f.text for f in numbers]):
                known = numbers[r.known]
                extra.append(
                    _ocr_finding(
                        page, known.category, known.role, r.start, r.end, r.score, "ocr_number"
                    )
                )
            for s, e in garbled_phrases(page, info.confidences, self.detector.status_phrases):
                start, end = status_extent(page.text, s, e)
                extra.append(
                    _ocr_finding(
                        page,
                        Category.IMMIGRATION_STATUS,
                        Role.UNKNOWN,
                        start,
                        end,
                        0.8,
                        "ocr_phrase",
                    )
                )
            found = uncertain_label_values(page, info.confidences)
            found += nationality_misreadings(page, info.confidences, nationals)
            found += split_demonyms(page, info.confidences, self.detector.demonyms)
            found += small_case_demonyms(page, info.confidences, self.detector.demonyms)
            found += misread_languages(page, info.confidences, self.detector.languages)
            for v in found:
                detector = "ocr_low_confidence" if v.doubtful else "ocr_label_value"
                extra.append(
                    _ocr_finding(
                        page, v.category, Role.UNKNOWN, v.start, v.end, v.score, detector, v.boxes
                    )
                )
        if not extra:
            return detection
        return replace(detection, findings=(*detection.findings, *extra))

    def warm_up(self) -> None:
        """Redact a small made-up report here, in the engine's own process, once,
        before the first request (and before `settle_heap`).

        Why: with `isolate` every document runs in a child forked from this
        process, and what a redaction builds on first use (warm_up.py) would
        otherwise be built again, and thrown away, in every child. Outputs do
        not change: those caches hold no result, only how to compute one (a
        test compares the outputs with and without a warm-up). A failure here
        is not the service's: the first request meets it again and fails closed.
        """
        policies = self.policies.all()
        if not policies:
            return
        limits = replace(self.limits, max_pages=self.max_pages)
        with self._lock:
            self._warming = True
            try:
                # One policy is enough: the others differ only in their tables.
                self._document_work(
                    warm_up_pdf(), lambda doc: self._redact(doc, policies[0]), limits
                )
            except RedactorError as exc:
                # Only the stable code: the made-up report holds no one's data,
                # but no error text goes to a log.
                log.warning("warm-up redaction failed (%s); the service starts cold", exc.code)
            finally:
                self._warming = False

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

        def work(doc: Any) -> Plan:
            read, detection = self._read_and_detect(doc)
            pages = read.pages
            return Plan(
                pages=len(pages),
                juvenile=detection.juvenile,
                decisions=tuple(_planned(decide(pages, detection.findings, p)) for p in policies),
            )

        return self._on_document(untrusted_pdf, work)

    def _on_document(self, untrusted_pdf: bytes, work: Callable[[Any], _T]) -> _T:
        """Open the untrusted PDF, run `work` on it under the engine's lock, close it.

        Anything unexpected inside PyMuPDF or detection becomes RedactionFailed
        with no document: the exception text may quote the document, so it is
        dropped.
        """
        limits = replace(self.limits, max_pages=self.max_pages)
        # The clock starts once this document has the engine, not while it waits.
        with self._lock:
            if not self.isolate:
                return self._document_work(untrusted_pdf, work, limits)
            # The child enforces the limits itself; the kill is the backstop for
            # a call into MuPDF or Tesseract that never comes back.
            return isolation.run_forked(
                lambda: self._document_work(untrusted_pdf, work, limits),
                timeout=self._child_timeout,
            )

    def _document_work(self, untrusted_pdf: bytes, work: Callable[[Any], _T], limits: Limits) -> _T:
        with enforced(limits):
            try:
                # Structure first (objects, streams, images, page sizes), on the raw
                # file: before MuPDF bakes annotations or renders anything.
                precheck(untrusted_pdf, limits)
                doc = open_untrusted_pdf(untrusted_pdf, max_pages=self.max_pages)
                try:
                    check_time()
                    result = work(doc)
                    # Work that ran past the limit is not returned: fail closed.
                    check_time()
                    return result
                finally:
                    doc.close()
            except RedactorError:
                raise
            except Exception:
                raise RedactionFailed() from None

    def redact_with(
        self, untrusted_pdf: bytes, policy: Policy, *, redaction_log: bool = False
    ) -> RedactionOutcome:
        """Redact under this policy (a stored version, or one a request narrowed).

        `redaction_log`: the request asks for a redaction log (the policy may too).
        """
        return self._on_document(
            untrusted_pdf, lambda doc: self._redact(doc, policy, redaction_log=redaction_log)
        )

    def propose(self, untrusted_pdf: bytes, policy: Policy) -> review.Proposal:
        """What `redact_with` would do to this document, decision by decision; nothing burnt in."""

        def work(doc: Any) -> review.Proposal:
            read, detection = self._read_and_detect(doc)
            pages = read.pages
            decisions = () if detection.juvenile else decide(pages, detection.findings, policy)
            return review.Proposal(
                pages=len(pages),
                juvenile=detection.juvenile,
                page_sizes=tuple((p.width, p.height) for p in pages),
                decisions=tuple(decisions),
            )

        return self._on_document(untrusted_pdf, work)

    def release(
        self,
        untrusted_pdf: bytes,
        policy: Policy,
        proposal: review.Proposal,
        changes: Sequence[review.ReviewChange],
        *,
        redaction_log: bool = False,
    ) -> tuple[RedactionOutcome, review.Review]:
        """Burn in a proposal with a reviewer's changes, verified like any redaction.

        Nothing is detected again: what the reviewer saw is what is applied.
        """

        def work(doc: Any) -> tuple[RedactionOutcome, review.Review]:
            read = self._read(doc)
            pages = read.pages
            reviewed = review.apply_changes(proposal, pages, policy, changes)
            if proposal.juvenile:
                return _withheld(policy, len(pages)), reviewed
            outcome = self._burn_in(
                doc,
                pages,
                policy,
                list(reviewed.decisions),
                redaction_log=redaction_log,
                released_on_review=reviewed.released,
                read=read,
            )
            return outcome, reviewed

        return self._on_document(untrusted_pdf, work)

    def preview_png(
        self, untrusted_pdf: bytes, proposal: review.Proposal, page_index: int, zoom: float
    ) -> bytes:
        """One page of the original with the proposal drawn on it (PNG)."""
        return self._on_document(
            untrusted_pdf, lambda doc: preview_render.page_png(doc, proposal, page_index, zoom)
        )

    def preview_marked_pdf(self, untrusted_pdf: bytes, proposal: review.Proposal) -> bytes:
        """The original with the proposal as unapplied redaction annotations."""
        return self._on_document(
            untrusted_pdf, lambda doc: preview_render.marked_pdf(doc, proposal)
        )

    def _redact(self, doc: Any, policy: Policy, *, redaction_log: bool = False) -> RedactionOutcome:
        read, detection = self._read_and_detect(doc)
        pages = read.pages
        if detection.juvenile:
            return replace(_withheld(policy, len(pages)), reading=page_readings(read))
        decisions = decide(pages, detection.findings, policy)
        return self._burn_in(doc, pages, policy, decisions, redaction_log=redaction_log, read=read)

    def _burn_in(
        self,
        doc: Any,
        pages: Sequence[PageText],
        policy: Policy,
        decisions: Sequence[Decision],
        *,
        redaction_log: bool = False,
        released_on_review: Sequence[str] = (),
        read: DocumentText | None = None,
    ) -> RedactionOutcome:
        """Burn the decisions in, append the log if asked, verify; or raise, returning nothing.

        `released_on_review`: texts a reviewer released on purpose; they, and withheld
        strings inside them, are checked by count (review.released_residuals).
        """
        n_pages = len(pages)
        marks = marks_for(decisions)
        output = redactor.redact_pdf(doc, marks)
        redacted = [d for d in decisions if d.action is Action.REDACT]
        entries = _audit_entries(redacted)
        log = None
        if policy.redaction_log or redaction_log:
            output, log_pages = append_log(
                output,
                log_pdf(
                    [LogEntry(e.page, e.category, e.code, e.basis) for e in entries],
                    policy_id=policy.id,
                    policy_version=policy.version,
                    record_pages=n_pages,
                ),
            )
            log = LogSummary(
                pages=log_pages,
                entries=len(entries),
                requested_by="policy" if policy.redaction_log else "request",
            )
        withheld = [d.finding.text for d in redacted if not d.finding.fragment]
        released = [d.finding.text for d in decisions if d.action is Action.KEEP]
        released += released_on_review
        ocr_pages = [pages[i] for i in sorted(read.ocr)] if read is not None else []
        report = verification.verify_redacted(
            output,
            marks,
            [t for t in withheld if t],
            [t for t in released if t],
            ocr=self.ocr,
            ocr_pages=ocr_pages,
            fan_out=self._fan_out(len(pages), windowed=True),
        )
        if released_on_review:
            extra = review.released_residuals(output, pages, decisions, released_on_review)
            report = replace(report, residual_strings=report.residual_strings + extra)
        if not report.passed:
            raise VerificationFailed(
                pages=n_pages,
                residual_strings=report.residual_strings,
                text_under_boxes=report.text_under_boxes,
            )
        return RedactionOutcome(
            status="completed",
            document=output,
            pages=n_pages,
            policy=policy_ref(policy),
            redactions=tuple(entries),
            counts=dict(Counter(d.finding.category.value for d in redacted)),
            verification=report,
            log=log,
            reading=page_readings(read) if read is not None else (),
        )


def _withheld(policy: Policy, n_pages: int) -> RedactionOutcome:
    """A juvenile arrestee's record: a one-page notice instead of the record."""
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
