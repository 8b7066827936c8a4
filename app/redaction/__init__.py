"""The redaction pipeline: plain Python over bytes and dataclasses.

Nothing in this package imports FastAPI or SQLAlchemy, so it runs the same from
the API, a worker, a CLI or a test.
"""
