"""The plan file read for an edit and written back: exactly, atomically, and only if nobody changed it meanwhile."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from plan_cli.basics.errors import InvalidPlanError, PlanToolError
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


class PlanEdit:
    """One edit of the plan file, under its lock: the text as read, the plan it holds, and the write.

    Made by :func:`edit_plan`. The plan is read and checked once; :meth:`write`
    checks the new text once and writes it atomically, refusing if the file
    changed on disk since it was read.
    """

    def __init__(self, read: PlanText, plan: Plan) -> None:
        self.read = read
        self.plan = plan

    def write(self, new_text: str, verify: Callable[[Plan], None] | None = None) -> Plan:
        """Write ``new_text`` over the plan file and return the plan it holds.

        Raise EditError (nothing written) when the new text does not load, when
        ``verify`` (given the plan the new text holds) raises it, or when the file
        on disk is no longer the one read: checked immediately before the new
        file takes its place.
        """
        after = check_plan_text(new_text, str(self.read.path))
        if verify is not None:
            verify(after)
        save_plan(self.read, new_text)
        return after


@contextlib.contextmanager
def edit_plan(path: Path | str, command: str, lock: bool = True) -> Iterator[PlanEdit]:
    """Lock the plan file at ``path``, read it once and check it once, for one edit.

    The lock (see :mod:`plan_cli.editing.plan_lock`) is held until the block
    ends, so the plan read is the one written over, whatever else runs at once.
    A plan that does not load is refused with the loader's own messages.
    ``lock=False`` is for a dry run, which writes nothing, not even the lock file.
    """
    from plan_cli.editing.plan_lock import plan_lock

    target = Path(path)
    with plan_lock(target, command) if lock else contextlib.nullcontext():
        read = read_plan_for_edit(target)
        yield PlanEdit(read, parse_plan(read.text, str(read.path)).plan)


def save_plan(original: PlanText, new_text: str) -> None:
    """Write ``new_text`` over the plan file atomically, keeping its byte-order mark.

    Refused (EditError, nothing written) when the file on disk is no longer
    ``original``: checked once the new bytes are on disk, immediately before
    they take the file's place. The new text is not checked here
    (:meth:`PlanEdit.write` checks it).
    """
    from plan_cli.basics.atomic_write import write_document

    real = Path(os.path.realpath(original.path))

    def unchanged() -> None:
        try:
            current = read_plan_bytes(real)
        except InvalidPlanError:
            current = b""
        if current != original.raw:
            raise EditError(
                f"{original.path}: changed on disk while plan was working on it; nothing written. "
                "Run the command again on the file as it is now."
            )

    bom = "\ufeff" if original.raw.startswith(b"\xef\xbb\xbf") else ""
    write_document(real, (bom + new_text).encode("utf-8"), force=True, before_replace=unchanged)


def check_plan_text(text: str, path: str) -> Plan:
    """Return the plan ``text`` holds; raise EditError saying why if the loader refuses it."""
    try:
        return parse_plan(text, path).plan
    except InvalidPlanError as error:
        raise EditError(
            "the edited plan would not load, so nothing was written:\n" + "\n".join(map(str, error.problems))
        ) from None
