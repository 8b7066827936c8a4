"""End to end, as a records clerk would: /docs in a real browser against a live server.

A uvicorn server is started here on a free loopback port, with its own SQLite audit
store and one key per role. Headless Chromium (Debian's `chromium` and
`chromium-driver` packages, installed by `make browser`, which `make test` runs) opens
/docs, authorizes with the reviewer's key, uploads a sample report to
`POST /v1/redactions/preview`, and reads the proposed redactions in the response;
then it shows page 1 of the preview through `GET /v1/previews/{id}/pages/{n}.png` and
releases it through `POST /v1/previews/{id}/release`.

Selenium drives the system chromedriver (no browser or driver download). Without
Chromium the test is skipped, except under CI, where it must run and so fails.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPORT_LINES, provision_keys
from tests.pdfs import make_pdf

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "samples"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
STARTUP_TIMEOUT = 180.0
STEP_TIMEOUT = 60.0
UVICORN = (
    sys.executable,
    "-m",
    "uvicorn",
    "app.main:app",
    "--host",
    "127.0.0.1",
    "--no-access-log",
)
PREVIEW_OP = "operations-previews-create_preview_v1_redactions_preview_post"
PAGE_OP = "operations-previews-get_page_image_v1_previews__preview_id__pages__page__png_get"
RELEASE_OP = "operations-previews-release_preview_v1_previews__preview_id__release_post"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _need_browser() -> None:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if not missing:
        return
    message = f"{', '.join(missing)} not installed: run `make browser` (Debian chromium)"
    if _in_ci():
        pytest.fail(f"CI=true but {message}")
    pytest.skip(message)


@dataclass(frozen=True)
class Server:
    url: str
    keys: dict[str, str]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/readyz", timeout=2) as r:
            return bool(r.status == 200)
    except OSError:
        return False


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    _need_browser()
    work = tmp_path_factory.mktemp("e2e")
    database_url = f"sqlite:///{work}/audit.db"
    keys = provision_keys(database_url, prefix="e2e")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "REDACTOR_DATABASE_URL": database_url}
    log = (work / "server.log").open("wb")
    proc = subprocess.Popen(
        [*UVICORN, "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not _ready(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(
                    "the server did not start:\n"
                    + (work / "server.log").read_text(errors="replace")[-3000:]
                )
            time.sleep(0.5)
        yield Server(url, keys)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not go online
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,2400",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(STEP_TIMEOUT)
    try:
        yield driver
    finally:
        driver.quit()


def sample() -> tuple[Path, list[str]]:
    """A shared sample report and the values it withholds from a federal agency.

    Without ../shared/samples, a generated report takes its place (never a skip).
    """
    for pdf in sorted(SAMPLES.glob("[0-9]*.pdf")) if SAMPLES.is_dir() else []:
        truth = json.loads(pdf.with_suffix(".json").read_text())
        if truth.get("scanned") or truth.get("juvenile"):
            continue
        values = [
            v["value"]
            for v in truth["values"]
            if v["federal_immigration"] == "withhold" and len(v["value"]) >= 6
        ]
        return pdf, values
    path = Path(os.environ.get("TMPDIR", "/tmp")) / "redactor-e2e-report.pdf"
    path.write_bytes(make_pdf(REPORT_LINES))
    return path, ["212-345-678", "jgarcia.lopez@example.com"]


def _wait(driver: Any, condition: Any, timeout: float = STEP_TIMEOUT) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _open_operation(driver: Any, op_id: str) -> Any:
    from selenium.webdriver.common.by import By

    op = driver.find_element(By.ID, op_id)
    driver.execute_script("arguments[0].scrollIntoView()", op)
    op.find_element(By.CSS_SELECTOR, ".opblock-summary").click()
    button = _wait(driver, lambda _: op.find_element(By.CSS_SELECTOR, "button.try-out__btn"))
    button.click()
    _wait(driver, lambda _: op.find_element(By.CSS_SELECTOR, "button.execute"))
    return op


def _execute(driver: Any, op: Any) -> tuple[str, Any]:
    """Click Execute; the response's status code and the response area."""
    from selenium.webdriver.common.by import By

    op.find_element(By.CSS_SELECTOR, "button.execute").click()
    cell = _wait(
        driver,
        lambda _: op.find_element(
            By.CSS_SELECTOR, ".live-responses-table .response .response-col_status"
        ),
    )
    return cell.text.strip(), op.find_element(By.CSS_SELECTOR, ".live-responses-table .response")


def _fill(op: Any, placeholder: str, value: str) -> None:
    from selenium.webdriver.common.by import By

    field = op.find_element(By.CSS_SELECTOR, f"input[placeholder='{placeholder}']")
    field.clear()
    field.send_keys(value)


def test_a_clerk_previews_a_report_from_the_docs_page(
    server: Server, browser: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = browser
    pdf, withheld = sample()
    try:
        driver.get(f"{server.url}/docs")
        _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock"))
        assert "Arrest-report redaction service" in driver.page_source

        # Authorize with the reviewer's key.
        driver.find_element(By.CSS_SELECTOR, "button.authorize").click()
        field = _wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".modal-ux input"))
        field.send_keys(server.keys["reviewer"])
        driver.find_element(By.CSS_SELECTOR, ".modal-ux .auth-btn-wrapper button.authorize").click()
        driver.find_element(By.CSS_SELECTOR, ".modal-ux button.btn-done").click()

        # Upload the report to the preview endpoint.
        op = _open_operation(driver, PREVIEW_OP)
        op.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(pdf))
        selects = [
            Select(s)
            for s in op.find_elements(By.CSS_SELECTOR, ".parameters-container select, tbody select")
            if "federal_immigration" in s.text
        ]
        assert selects, "no requester_type list on the form"
        selects[0].select_by_visible_text("federal_immigration")
        status, response = _execute(driver, op)
        body_text = response.find_element(By.CSS_SELECTOR, ".response-col_description").text
        assert status == "200", body_text[:2000]
        assert '"preview_id"' in body_text
        assert '"items"' in body_text
        assert '"action": "redact"' in body_text
        # The reviewer sees the original text of what would be removed.
        assert any(value in body_text for value in withheld), body_text[:2000]
        preview_id = json.loads(
            response.find_element(By.CSS_SELECTOR, ".highlight-code pre, pre.microlight").text
        )["preview_id"]

        # Look at page 1 with the proposed boxes drawn.
        op = _open_operation(driver, PAGE_OP)
        _fill(op, "preview_id", preview_id)
        _fill(op, "page", "1")
        status, response = _execute(driver, op)
        assert status == "200"
        image = _wait(driver, lambda _: response.find_element(By.CSS_SELECTOR, "img"))
        assert _wait(
            driver, lambda d: d.execute_script("return arguments[0].naturalWidth", image) > 100
        )

        # Release it as proposed: the response is the redacted document and its audit record.
        op = _open_operation(driver, RELEASE_OP)
        _fill(op, "preview_id", preview_id)
        status, response = _execute(driver, op)
        text = response.find_element(By.CSS_SELECTOR, ".response-col_description").text
        assert status == "200", text[:2000]
        assert '"status": "completed"' in text
        assert '"review"' in text
    except Exception:
        driver.save_screenshot(str(tmp_path / "docs.png"))
        raise
