"""The user's cache folder: where a read command may keep what only saves time.

Compiled templates and validated plans are kept under ``$XDG_CACHE_HOME/plan``
(else ``~/.cache/plan``), never beside the plan or in the repository. A folder
that others could write is neither read nor written, and ``PLAN_NO_CACHE=1``
turns the cache off: every run then does all the work itself.
"""

from __future__ import annotations

import os
from pathlib import Path

NO_CACHE = "PLAN_NO_CACHE"


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
    return Path(base) / "plan" / kind


def is_private(folder: Path) -> bool:
    """True when ``folder`` is a folder of this user's that no one else may write to."""
    try:
        found = folder.stat()
    except OSError:
        return False
    return found.st_uid == os.getuid() and not found.st_mode & 0o022


def make_private(folder: Path) -> bool:
    """Create ``folder`` (owner-only) if need be; True when it exists and is private."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return is_private(folder)
