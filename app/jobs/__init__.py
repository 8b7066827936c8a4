"""Bulk jobs: many PDFs redacted in the background, on Celery workers or a local pool.

No FastAPI here: `app/api/jobs.py` is the thin HTTP layer. `store.py` keeps the
durable state (tables `jobs` and `job_documents` in the audit database),
`worker.py` redacts one job document (the same code in a Celery worker and in
the embedded process pool), `celery_app.py` is the Celery application
(`celery -A app.jobs.celery_app worker`), `service.py` accepts jobs and hands
their documents to the queue.
"""
