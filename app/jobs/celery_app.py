"""The Celery application: `celery -A app.jobs.celery_app worker`.

Redis (`REDACTOR_BROKER_URL`) is the broker; there is no result backend, since
the job state and results are in the audit database (app/jobs/store.py).

Delivery is at least once, and the task is idempotent per document:

- `task_acks_late`: a task is acknowledged only after it returned, so a worker
  that dies mid-document leaves the message unacknowledged.
- `task_reject_on_worker_lost`: a pool child killed mid-task (OOM killer, SIGKILL)
  puts its message back on the queue at once instead of failing it.
- `visibility_timeout` (`REDACTOR_JOB_VISIBILITY_TIMEOUT_S`): when the whole
  worker died, Redis hands the unacknowledged message to another worker after
  this many seconds. It must exceed the longest document's processing time.
- `worker_prefetch_multiplier = 1`: a worker reserves only as many tasks as it
  has processes, so a dead worker strands as few as possible.

Each worker process builds the heavy objects once (`worker_process_init`), from
the same settings as the API, offline. A pool process started later (after one
died) does the same before it reports for work, hence `worker_proc_alive_timeout`.
The delivery settings themselves are in app/jobs/queue.py (`make_celery`), shared
with the API, which only sends.
"""

from __future__ import annotations

import base64
import logging
from typing import Any

from celery import Task, signals
from sqlalchemy.exc import SQLAlchemyError

from app.config import Settings
from app.jobs.queue import TASK_NAME, make_celery
from app.jobs.worker import Runtime, build_runtime, configure_worker_logging, process_document
from app.redaction.errors import AuditUnavailable, NotReady

logger = logging.getLogger("app.jobs")

RETRY_DELAY_S = 5


settings = Settings()
celery_app = make_celery(settings)
_runtime: Runtime | None = None


def runtime() -> Runtime:
    """This process's heavy objects (built at process start; lazily for the solo pool)."""
    global _runtime
    if _runtime is None:
        configure_worker_logging(settings)
        _runtime = build_runtime(settings)
        logger.info("job worker ready: database %s", _runtime.database.backend)
    return _runtime


@signals.worker_process_init.connect  # type: ignore[untyped-decorator]
def _load_heavy_objects(**_: Any) -> None:
    runtime()


@signals.worker_process_shutdown.connect  # type: ignore[untyped-decorator]
def _close(**_: Any) -> None:
    global _runtime
    if _runtime is not None:
        _runtime.close()
        _runtime = None


@celery_app.task(  # type: ignore[untyped-decorator]
    name=TASK_NAME,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,
)
def process_document_task(self: Task, job_id: str, n: int, pdf_b64: str) -> str:
    try:
        untrusted_pdf = base64.b64decode(pdf_b64, validate=True)
    except ValueError:
        logger.error("job %s document %d: task payload is not base64", job_id, n)
        return "skipped"
    try:
        return process_document(runtime(), job_id, n, untrusted_pdf)
    except (AuditUnavailable, NotReady, SQLAlchemyError) as exc:
        # The database is away: try again later. The document's attempts count
        # bounds the retries (job_attempts_exhausted).
        logger.warning("job %s document %d: %s, retrying", job_id, n, type(exc).__name__)
        raise self.retry(countdown=RETRY_DELAY_S) from None
