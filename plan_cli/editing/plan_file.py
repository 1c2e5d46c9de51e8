"""The plan file read for an edit and written back: exactly, atomically, and only if nobody changed it meanwhile."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from plan_cli.basics.errors import InvalidPlanError, PlanToolError, WriteError
from plan_cli.plan.model import Plan
from plan_cli.reading.loader import parse_plan, plan_text, read_plan_bytes


class EditError(PlanToolError):
    """An edit of the plan file cannot be made safely (exit 1); the message says why and what to do."""

    exit_code = 1


class PlanText(NamedTuple):
    """A plan file as read for editing: its path, its exact bytes and its text."""

    path: Path
    raw: bytes
    text: str

    @property
    def newline(self) -> str:
        """The file's line ending: CRLF where the file uses it, else LF."""
        return "\r\n" if "\r\n" in self.text else "\n"


def read_plan_for_edit(path: Path | str) -> PlanText:
    """Read the plan file at ``path`` (UTF-8, optional byte-order mark) for editing.

    Read as every command reads a plan (see :func:`plan_cli.reading.loader.read_plan_bytes`):
    InvalidPlanError, with the loader's own message, when it cannot be read or
    is not UTF-8; EditError when it is not a regular file (a device) to write back.
    """
    target = Path(path)
    raw = read_plan_bytes(target)
    text = plan_text(raw, str(target))
    if not Path(os.path.realpath(target)).is_file():
        raise EditError(f"{target}: is not a regular file; plan edits only rewrite a regular file")
    return PlanText(target, raw, text)


def save_plan(original: PlanText, new_text: str) -> None:
    """Write ``new_text`` over the plan file atomically, keeping its byte-order mark.

    Refused (EditError, nothing written) when the file changed on disk since it
    was read, or when the new text does not pass the loader.
    """
    check_plan_text(new_text, str(original.path))
    from plan_cli.basics.atomic_write import write_document

    real = Path(os.path.realpath(original.path))
    try:
        current = real.read_bytes()
    except OSError as error:
        raise WriteError(original.path, f"cannot be read again before writing ({error.strerror})") from None
    if current != original.raw:
        raise EditError(
            f"{original.path}: changed on disk while plan was working on it; nothing written. "
            "Run the command again on the file as it is now."
        )
    bom = "\ufeff" if original.raw.startswith(b"\xef\xbb\xbf") else ""
    write_document(real, (bom + new_text).encode("utf-8"), force=True)


def check_plan_text(text: str, path: str) -> Plan:
    """Return the plan ``text`` holds; raise EditError saying why if the loader refuses it."""
    try:
        return parse_plan(text, path).plan
    except InvalidPlanError as error:
        raise EditError(
            "the edited plan would not load, so nothing was written:\n" + "\n".join(map(str, error.problems))
        ) from None
