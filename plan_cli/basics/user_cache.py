"""The user's cache folder: where a read command may keep what only saves time.

Compiled templates and validated plans are kept under ``$XDG_CACHE_HOME/plan``
(else ``~/.cache/plan``), never beside the plan or in the repository.
``PLAN_NO_CACHE=1`` turns the cache off: every run then does all the work itself.

Nothing is read from or written to the cache unless every folder from the
cache's root down is safe (see :func:`is_private`): in a shared folder where
someone else made ``plan/``, or put a link in its place, the cache is skipped
without a word, so nothing is ever written or deleted through a link. An
entry is read only if it is a regular file, opened without following a link
and without blocking, so a FIFO in the cache cannot hang a command.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

NO_CACHE = "PLAN_NO_CACHE"
_ROOT = "plan"


def cache_folder(kind: str) -> Path | None:
    """The folder for one kind of cached thing ("templates", "plans"), or None when there is none.

    None when ``PLAN_NO_CACHE`` is set (to anything but "" or "0") or there is no
    home folder to put it in. A relative ``XDG_CACHE_HOME`` is ignored, as the
    XDG rules say.
    """
    if os.environ.get(NO_CACHE, "") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:
            return None
    return Path(base) / _ROOT / kind


def is_private(folder: Path) -> bool:
    """True when ``folder`` (one :func:`cache_folder` gave) and every folder above it in the cache are safe.

    Safe: the cache's own folders (``plan/`` and ``plan/<kind>/``) are folders,
    not links, of this user's that no one else may write to. The folder they
    sit in (``$XDG_CACHE_HOME``, which the user chose, so it may be a link) must
    be this user's or the system's, and either closed to others' writing or
    sticky (as ``/tmp`` is), so no one else can swap ``plan/`` for their own.
    """
    root = folder.parent
    if root.name != _ROOT:
        return False
    try:
        base = os.stat(root.parent)
    except OSError:
        return False
    if not _holds_safely(base):
        return False
    return all(_owned_folder(path) for path in (root, folder))


def make_private(folder: Path) -> bool:
    """Create ``folder`` (one :func:`cache_folder` gave) and the cache's root, owner-only, as need be.

    True when it then exists and is safe (see :func:`is_private`); nothing is
    made through a link or inside a folder that is not safe.
    """
    root = folder.parent
    if root.name != _ROOT:
        return False
    try:
        root.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _holds_safely(os.stat(root.parent)):
            return False
        for path in (root, folder):
            if path is folder and not _owned_folder(root):
                return False
            with contextlib.suppress(FileExistsError):  # a link in the way "exists": never made through
                os.mkdir(path, 0o700)
    except OSError:
        return False
    return is_private(folder)


def read_entry(entry: Path) -> bytes | None:
    """The bytes of a cache entry, if it is a regular file; None for anything else.

    Opened without following a link and without blocking: a FIFO or a device
    put in the cache is neither waited on nor read.
    """
    try:
        descriptor = os.open(entry, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        found = os.fstat(descriptor)
        if not stat.S_ISREG(found.st_mode):
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read()
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _holds_safely(found: os.stat_result) -> bool:
    """True for the folder the cache's root sits in: the user's or the system's, closed to others or sticky."""
    if not stat.S_ISDIR(found.st_mode) or found.st_uid not in (os.getuid(), 0):
        return False
    return not found.st_mode & 0o022 or bool(found.st_mode & stat.S_ISVTX)


def _owned_folder(path: Path) -> bool:
    """True when ``path`` is a folder itself (not a link to one) of this user's that no one else may write to."""
    try:
        found = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(found.st_mode) and found.st_uid == os.getuid() and not found.st_mode & 0o022
