"""A document's work in a forked child: results and domain errors cross, failures fail closed."""

from __future__ import annotations

import os
import signal
import socket
import time
from pathlib import Path

import pytest

from app.redaction import isolation
from app.redaction.errors import ProcessingTimeout, RedactionFailed, VerificationFailed

pytestmark = pytest.mark.skipif(not isolation.available(), reason="needs fork (POSIX)")


def test_the_result_comes_back_from_another_process() -> None:
    # Larger than a pipe's buffer: the service reads while the child writes.
    payload = os.urandom(3_000_000)
    pid, data = isolation.run_forked(lambda: (os.getpid(), payload), timeout=60)
    assert pid != os.getpid()
    assert data == payload


def test_a_domain_error_crosses_with_its_state() -> None:
    def work() -> None:
        raise VerificationFailed(pages=3, residual_strings=2, text_under_boxes=1)

    with pytest.raises(VerificationFailed) as caught:
        isolation.run_forked(work, timeout=60)
    assert caught.value.pages == 3
    assert caught.value.residual_strings == 2
    assert caught.value.text_under_boxes == 1
    assert str(caught.value) == VerificationFailed.message


def test_any_other_exception_is_redaction_failed_without_its_text() -> None:
    def work() -> None:
        raise ValueError("GARCIA, Juan 1234 W Main St")  # text that could be a document's

    with pytest.raises(RedactionFailed) as caught:
        isolation.run_forked(work, timeout=60)
    assert "GARCIA" not in str(caught.value) and "GARCIA" not in repr(caught.value.args)


@pytest.mark.parametrize("how", ["kill", "abort", "exit"])
def test_a_child_that_dies_fails_closed(how: str) -> None:
    def work() -> bytes:
        if how == "kill":  # the OOM killer, or a crash inside MuPDF
            os.kill(os.getpid(), signal.SIGKILL)
        elif how == "abort":
            os.abort()
        else:
            os._exit(0)  # leaves without an answer
        return b"%PDF-never"

    with pytest.raises(RedactionFailed):
        isolation.run_forked(work, timeout=60)


def test_a_child_past_its_time_is_killed_and_reaped(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"

    def work() -> None:
        pid_file.write_text(str(os.getpid()))
        time.sleep(60)

    started = time.monotonic()
    with pytest.raises(ProcessingTimeout):
        isolation.run_forked(work, timeout=1.0)
    assert time.monotonic() - started < 30
    pid = int(pid_file.read_text())
    # Gone, not a zombie: reaped by run_forked.
    assert not Path(f"/proc/{pid}").exists()


def test_map_forked_keeps_order_and_runs_the_rest_elsewhere() -> None:
    here = os.getpid()
    results = isolation.map_forked(lambda n: (n * n, os.getpid()), [1, 2, 3, 4], timeout=60)
    assert [square for square, _ in results] == [1, 4, 9, 16]
    pids = [pid for _, pid in results]
    assert pids[0] == here and here not in pids[1:] and len(set(pids)) == 4


def test_a_windowed_fan_out_maps_each_window_over_its_processes_in_order() -> None:
    here = os.getpid()
    items = list(range(10))
    windowed = isolation.FanOut(2, timeout=60, min_items=1, window=4)
    runs = windowed.map(lambda run: (list(run), os.getpid()), items)
    # Windows of 4, 4 and 2 items, each split in two runs: this process takes
    # the first run of each, a child of its own the second.
    assert [run for run, _ in runs] == [[0, 1], [2, 3], [4, 5], [6, 7], [8], [9]]
    pids = [pid for _, pid in runs]
    assert pids[0::2] == [here] * 3 and here not in pids[1::2] and len(set(pids[1::2])) == 3
    # Without a window: the groups of the whole, as before.
    whole = isolation.FanOut(2, timeout=60).map(lambda run: list(run), items)
    assert whole == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    assert isolation.FanOut(2, timeout=60, window=4).map(lambda run: list(run), []) == [[]]


def test_map_forked_raises_a_part_s_domain_error() -> None:
    def work(n: int) -> int:
        if n == 3:
            raise VerificationFailed(pages=n)
        return n

    with pytest.raises(VerificationFailed) as caught:
        isolation.map_forked(work, [1, 2, 3, 4], timeout=60)
    assert caught.value.pages == 3


def test_map_forked_kills_the_other_parts_when_its_own_part_fails(tmp_path: Path) -> None:
    def work(n: int) -> int:
        if n == 0:
            time.sleep(0.5)  # the others have started and written their pids
            raise RedactionFailed()
        (tmp_path / str(n)).write_text(str(os.getpid()))
        time.sleep(60)
        return n

    started = time.monotonic()
    with pytest.raises(RedactionFailed):
        isolation.map_forked(work, [0, 1, 2], timeout=120)
    assert time.monotonic() - started < 30
    for n in (1, 2):
        assert not Path(f"/proc/{int((tmp_path / str(n)).read_text())}").exists()


def test_the_child_lets_go_of_the_service_s_sockets() -> None:
    # A client connection the service closes must close, even while a child
    # forked before that runs on: the child holds /dev/null where it was.
    ours, peer = socket.socketpair()
    try:
        held = isolation.run_forked(
            lambda: os.readlink(f"/proc/self/fd/{ours.fileno()}"), timeout=60
        )
        assert held == os.devnull
        assert os.readlink(f"/proc/self/fd/{ours.fileno()}").startswith("socket:")

        def close_while_running() -> bytes:
            time.sleep(1.0)  # the service closes its end meanwhile
            return b"done"

        child = isolation.Forked(close_while_running, timeout=60)
        ours.close()
        peer.settimeout(0.5)
        assert peer.recv(1) == b""  # end of stream at once, not when the child ends
        assert child.result() == b"done"
    finally:
        ours.close()
        peer.close()


def test_many_open_files_do_not_stop_the_wait() -> None:
    # The answer's pipe gets a descriptor number past select()'s limit of 1024.
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip("cannot open 1100 files here")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1200), hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        assert isolation.run_forked(lambda: 42, timeout=60) == 42
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
