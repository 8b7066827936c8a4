"""The real service in process, for the benchmarks: a temporary SQLite audit store
and an admin key made before startup (so no first-start key is printed)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def service_client(name: str) -> Iterator[Any]:
    """A TestClient on `create_app`, sending an admin key: a benchmark both redacts
    and reads the audit records."""
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.db import Database
    from app.keys import KeyRole, KeyStore
    from app.main import create_app

    with tempfile.TemporaryDirectory(prefix=f"{name}-") as tmp:
        settings = Settings(database_url=f"sqlite:///{tmp}/audit.db", log_level="WARNING")
        database = Database(settings.database_url)
        database.create_all()
        _, secret = KeyStore(database).create(
            name=f"{name}-benchmark", role=KeyRole.ADMIN, created_by="benchmark"
        )
        database.dispose()
        with TestClient(create_app(settings), headers={"X-API-Key": secret}) as client:
            yield client
