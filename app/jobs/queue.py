"""Sending job documents to Celery (the API side); the worker side is celery_app.py."""

from __future__ import annotations

import base64

from celery import Celery

from app.config import Settings

TASK_NAME = "redactor.jobs.process_document"
QUEUE = "redactor-jobs"


def make_celery(settings: Settings) -> Celery:
    """A Celery app for these settings (the API uses one to send, the worker to run).

    See app/jobs/celery_app.py for why each delivery setting is what it is.
    """
    timeout = settings.job_visibility_timeout_s
    celery = Celery("redactor", broker=settings.broker_url or "memory://", set_as_current=False)
    celery.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        task_default_queue=QUEUE,
        broker_transport_options={
            "visibility_timeout": timeout,
            # Sweep for the unacknowledged tasks of dead workers a few times per timeout
            # (Kombu's default sweeps only every 100 s).
            "unacked_restore_interval": max(1, min(60, timeout // 4)),
            "unacked_restore_throttle": 1,
        },
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=5,
        # A new pool process loads the model in worker_process_init (15 s or more on a
        # busy host) before it reports for work; Celery's default (4 s) would kill it
        # and start another, forever.
        worker_proc_alive_timeout=300,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,  # our log lines keep their own format
    )
    return celery


def send_document(celery: Celery, job_id: str, n: int, untrusted_pdf: bytes) -> None:
    """One task per document; the upload travels in the message, never in the database."""
    celery.send_task(
        TASK_NAME,
        args=[job_id, n, base64.b64encode(untrusted_pdf).decode("ascii")],
        queue=QUEUE,
        # What events, logs and monitors show instead of the base64 upload.
        argsrepr=f"({job_id!r}, {n}, '<pdf>')",
        kwargsrepr="{}",
        retry=True,
        retry_policy={"max_retries": 3, "interval_start": 0, "interval_step": 0.5},
    )
