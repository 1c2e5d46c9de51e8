"""One writer at a time: an exclusive lock on a plan file for the length of an edit.

The lock is a small file beside the plan (``.plan.yaml.lock`` for
``plan.yaml``), locked with ``flock`` (POSIX) or ``msvcrt.locking`` (Windows),
so the operating system releases it when the process ends, however it ends.
The holder writes who it is into the file, so a command that has waited can
say who holds it. The lock file is left in place: removing it would let two
writers lock two different files.
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from plan_cli.basics.errors import PlanToolError

WAIT_SECONDS = 5.0
"""How long an edit waits for another to finish before giving up (env PLAN_LOCK_WAIT overrides)."""

_POLL_SECONDS = 0.05
_HOLDER_BYTES = 400


class LockError(PlanToolError):
    """Another command is editing the plan and did not finish in time (exit 1); nothing was written."""

    exit_code = 1


def lock_path(plan: Path) -> Path:
    """Return the lock file of the plan file ``plan``: a hidden file beside the real file."""
    real = Path(os.path.realpath(plan))
    return real.with_name(f".{real.name}.lock")


def _wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("PLAN_LOCK_WAIT", WAIT_SECONDS)))
    except ValueError:
        return WAIT_SECONDS


@contextlib.contextmanager
def plan_lock(plan: Path, command: str) -> Iterator[None]:
    """Hold the exclusive lock on ``plan`` while the block runs; raise LockError if it stays taken.

    ``command`` (e.g. ``plan apply``) is written into the lock file so that a
    command kept waiting can name the holder.
    """
    path = lock_path(plan)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags, 0o644)
    except OSError as error:
        raise LockError(
            f"{plan}: cannot lock it for the edit: {path} cannot be opened ({error.strerror or error}); "
            "the plan's folder must be writable"
        ) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise LockError(f"{plan}: cannot lock it for the edit: {path} is not a regular file; remove it")
        _acquire(descriptor, plan, path)
        _write_holder(descriptor, command)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(descriptor, 0)
            _release(descriptor)
    finally:
        os.close(descriptor)


def _acquire(descriptor: int, plan: Path, path: Path) -> None:
    deadline = time.monotonic() + _wait_seconds()
    while True:
        if _try_lock(descriptor):
            return
        if time.monotonic() >= deadline:
            holder = _read_holder(descriptor)
            raise LockError(
                f"{plan}: another command is editing it ({holder or 'holder unknown'}); nothing was written. "
                f"Run this again when it has finished (the lock is {path})."
            )
        time.sleep(_POLL_SECONDS)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        try:
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(descriptor: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(descriptor: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(descriptor, fcntl.LOCK_UN)


def _write_holder(descriptor: int, command: str) -> None:
    holder = f"{command}, process {os.getpid()} on {socket.gethostname()}"
    with contextlib.suppress(OSError):
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, holder.encode("utf-8", "replace")[:_HOLDER_BYTES], 0)


def _read_holder(descriptor: int) -> str:
    try:
        data = os.pread(descriptor, _HOLDER_BYTES, 0)
    except OSError:
        return ""
    text = data.decode("utf-8", "replace")
    return "".join(ch if ch.isprintable() else " " for ch in text).strip()
