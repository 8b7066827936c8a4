"""One document's work in a child process of its own, forked from the service.

Why: PyMuPDF keeps the GIL through every call, and some calls take seconds
(saving a 500-page document with garbage collection takes about 3.6 s). Run in
a thread of the service's process, such a call stalls the event loop, and with
it `/healthz` and every other request. In a forked child the service's thread
only waits on a pipe, which releases the GIL. A crash inside MuPDF on a hostile
file, or the kernel's OOM killer, ends the child and not the service: the
request fails closed (`RedactionFailed`, no document).

Fork, not spawn: the child starts with the model, the analyzer and the current
policies already in memory, shared copy-on-write with the service (the service
froze them out of the cyclic collector at startup, so the child does not copy
them by walking them). The child runs the work it was given (a closure is
fine: nothing but the result crosses the pipe), pickles the result or the
domain error, writes it and leaves with `os._exit`, so nothing of the service
(atexit hooks, buffered output, database connections) runs twice.

Only the calling thread exists in the child. The work must therefore not need
a lock another thread of the service might hold: the document work here uses
the model, PyMuPDF, Tesseract and the standard library, never the database.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import pickle
import select
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from app.redaction.errors import ProcessingTimeout, RedactionFailed, RedactorError

_T = TypeVar("_T")
_A = TypeVar("_A")
# Read the child's answer in pieces of this size.
_CHUNK = 1 << 20


def available() -> bool:
    """Whether this platform can fork (POSIX)."""
    return hasattr(os, "fork")


def run_forked(work: Callable[[], _T], *, timeout: float) -> _T:
    """`work()` in a forked child; its result, or its domain error raised here.

    Fails closed: a child that dies, answers nothing or answers garbage gives
    `RedactionFailed`; one still running `timeout` seconds after it started is
    killed and gives `ProcessingTimeout`. Any other exception in the child also
    becomes `RedactionFailed` (its text may quote the document).
    """
    return Forked(work, timeout=timeout).result()


def map_forked(work: Callable[[_A], _T], items: Sequence[_A], *, timeout: float) -> list[_T]:
    """`[work(item) for item in items]`, the first item here and each other in a child.

    For splitting one document's work over the cores. Only call it from a
    process with no other threads (the document's own child, run_forked): a
    fork copies just the calling thread. If any part fails, the children still
    running are killed and the first error in item order is raised.
    """
    children = [Forked(functools.partial(work, item), timeout=timeout) for item in items[1:]]
    try:
        first = work(items[0])
    except BaseException:
        for child in children:
            child.kill()
        raise
    results = [first]
    try:
        for child in children:
            results.append(child.result())
    except BaseException:
        for child in children:
            child.kill()
        raise
    return results


@dataclass(frozen=True, slots=True)
class FanOut:
    """One document's per-page work spread over `parts` processes.

    `map(work, items)` is `[work(group) for group in groups(items)]`: runs of
    whole items (pages) in order, the first run here and the others in forked
    children (`map_forked`). Only for use inside a document's own process (no
    other thread). A run is never shorter than `min_items`: below that a fork
    costs more than it saves, and the work stays here in one piece.

    `window`: when set, longer inputs are mapped a window of `window` items at a
    time, each window split over the processes as above (so a child is forked
    per window and run, and `map`'s groups are those of each window in turn).
    Why: a forked child copies the memory it touches, and a child that walked
    the words of 250 pages of a long report held some 90 MiB of them at once
    (peak PSS 840 MiB on 500 pages, against 752 in one process); a child that
    takes a window's share holds a window's share, and leaves.
    """

    parts: int
    timeout: float
    min_items: int = 2
    window: int | None = None

    def groups(self, items: Sequence[_A]) -> list[Sequence[_A]]:
        parts = max(1, min(self.parts, len(items) // self.min_items))
        size, extra = divmod(len(items), parts)
        out: list[Sequence[_A]] = []
        start = 0
        for k in range(parts):
            end = start + size + (1 if k < extra else 0)
            out.append(items[start:end])
            start = end
        return out

    def start(self, work: Callable[[], _T]) -> Forked[_T]:
        """`work()` started in a child; `.result()` waits for it."""
        return Forked(work, timeout=self.timeout)

    def map(self, work: Callable[[Sequence[_A]], _T], items: Sequence[_A]) -> list[_T]:
        step = self.window or len(items) or 1
        out: list[_T] = []
        for start in range(0, len(items), step):
            groups = self.groups(items[start : start + step])
            if len(groups) == 1:
                out.append(work(groups[0]))
            else:
                out.extend(map_forked(work, groups, timeout=self.timeout))
        return out or [work(items)]


class Forked(Generic[_T]):
    """A forked child running `work()`; `result()` waits for its answer."""

    def __init__(self, work: Callable[[], _T], *, timeout: float) -> None:
        self._deadline = time.monotonic() + timeout
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child; its effects are tested from outside
            os.close(read_fd)
            _child(work, write_fd)
        os.close(write_fd)
        self._pid = pid
        self._fd: int | None = read_fd

    def result(self) -> _T:
        if self._fd is None:
            raise RedactionFailed()
        try:
            data = _read_all(self._fd, self._pid, deadline=self._deadline)
        finally:
            self.kill()
        try:
            answer = pickle.loads(data)
        except Exception:
            raise RedactionFailed() from None
        return cast(_T, _unpack(answer))

    def kill(self) -> None:
        """Close the pipe and reap the child, killing it if it is still there."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            _reap(self._pid)


def _let_go_of_sockets(keep: int) -> None:
    """Point every socket the child inherited at /dev/null.

    Why: a socket open in two processes is closed only when both close it. The
    service closes a client's keep-alive connection while a long document is
    redacted; if this child still held it, the client would see no FIN and a
    load balancer could send its next request into a socket nobody reads. The
    fd numbers stay valid (dup2 onto /dev/null, never a bare close): a socket
    object of the service that is collected in the child then closes /dev/null,
    not a pipe this child opened since under the same number. stdin, stdout and
    stderr stay (logs may go to a socket). Linux only (/proc); elsewhere a no-op.
    """
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in fds:
            if fd <= 2 or fd in (keep, devnull):
                continue
            try:
                target = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                continue
            if target.startswith("socket:"):
                os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def _child(work: Callable[[], Any], write_fd: int) -> None:  # pragma: no cover
    code = 0
    try:
        # What the parent built before the fork is the parent's: the child's
        # cyclic collector must not walk it, for each object it walks writes to
        # the object's header and so copies its memory page (a child of a long
        # document's process would copy every page's words the parent holds).
        gc.freeze()
        _let_go_of_sockets(keep=write_fd)
        # The service's handlers (uvicorn's graceful shutdown) are not the child's:
        # on SIGTERM it stops, and the service answers the request as failed.
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        answer: tuple[Any, ...]
        try:
            answer = ("ok", work())
        except RedactorError as exc:
            # Rebuilt by class and state in the service: the classes' __init__
            # take keyword arguments, which plain exception pickling would lose.
            answer = ("error", type(exc), exc.args, dict(vars(exc)))
        except BaseException:
            answer = ("failed",)
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(write_fd, view) :]
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _read_all(fd: int, pid: int, *, deadline: float) -> bytes:
    chunks: list[bytes] = []
    # poll, not select: a busy service has file descriptors past select's 1024.
    waiting = select.poll()
    waiting.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            _kill(pid)
            raise ProcessingTimeout()
        if not waiting.poll(max(1, int(remaining * 1000))):
            continue
        chunk = os.read(fd, _CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _reap(pid: int) -> None:
    """Wait for the child, killing it first if it is still there (never a zombie)."""
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            # It closed its end without leaving: the answer is read, or it is not
            # coming. Either way it has nothing more to give.
            _kill(pid)
            os.waitpid(pid, 0)


def _unpack(answer: Any) -> Any:
    if not isinstance(answer, tuple) or not answer:
        raise RedactionFailed()
    if answer[0] == "ok" and len(answer) == 2:
        return answer[1]
    if answer[0] == "error" and len(answer) == 4:
        cls, args, state = answer[1], answer[2], answer[3]
        if isinstance(cls, type) and issubclass(cls, RedactorError) and isinstance(state, dict):
            exc = cls.__new__(cls)
            exc.args = tuple(args)
            exc.__dict__.update(state)
            raise exc
    raise RedactionFailed()
