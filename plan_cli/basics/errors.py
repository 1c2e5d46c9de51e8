"""The one exception family of plan: every problem the user can act on.

Each error knows where it happened (file, line, column) and, for problems
inside a plan, the field path (``recommendations[4].items[1].status``), so the
CLI can print it the way a compiler would and map it to an exit code.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

FieldParts = tuple[str | int, ...]


WARNING_CODES: dict[str, str] = {
    "dangling-citation": "an update cites an item or recommendation the plan does not contain",
    "done-on-open-dependency": "a complete or superseded item depends on an open dependency",
    "blocked-without-dependency": "a blocked item waits on no open dependency",
    "unused-dependency": "a dependency no item names (item: the dependency's id)",
    "no-latest-update": "an outstanding item has no text in the latest round",
    "title-names-another-round": "the title names a round other than the latest published one (item: title)",
    "round-looks-published": "a past-due round with replies, in a plan that records no published: dates (item: rounds)",
    "unstated-status": "an imported update whose source stated no status still says status: unstated",
    "accepted-not-found": "an accepted warning that no longer occurs",
}
"""Every warning's stable code, with what it is about: what ``accepted:`` entries in a plan name."""


class Finding(NamedTuple):
    """A problem found in plain plan data, before it is given a file location (see LoadedPlan.source).

    A warning has a ``code`` (see :data:`WARNING_CODES`), the ``item`` it is
    about and, for a citation, what it ``cites``: what an ``accepted:`` entry matches.
    """

    parts: FieldParts
    message: str
    at_key: bool = False
    severity: str = "error"
    code: str = ""
    item: str = ""
    cites: str = ""


class Problem(NamedTuple):
    """One located problem in a plan file: an error or a warning."""

    message: str
    field: str = ""
    path: str = ""
    line: int | None = None
    column: int | None = None
    severity: str = "error"
    code: str = ""
    place: str = ""

    def __str__(self) -> str:
        where = self.path
        if where and self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [p for p in (where, self.place or self.field) if p]
        prefix = ": ".join(parts)
        label = "warning: " if self.severity == "warning" else ""
        code = f" [{self.code}]" if self.code else ""
        return f"{prefix}: {label}{self.message}{code}" if prefix else f"{label}{self.message}{code}"


class PlanToolError(Exception):
    """Base of every error plan reports to the user; ``exit_code`` says how it ends."""

    exit_code = 1


class InvalidFileError(PlanToolError):
    """A file a person named cannot be read, or does not hold what it should; every problem located (exit 1)."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @property
    def unreadable(self) -> bool:
        """True when the file itself could not be read (missing, a directory …): there is nothing in it to fix."""
        return all(p.line is None for p in self.problems)


class InvalidPlanError(InvalidFileError):
    """The plan file cannot be read or is not a valid plan (exit 1): 'plan check' says the same."""


class UsageError(PlanToolError):
    """The command line asks for something that cannot be done (exit 2)."""

    exit_code = 2


class RefusalError(PlanToolError):
    """The plan as it stands does not allow what was asked, though it was asked rightly (exit 1).

    Nothing is written; the message says what to do first. Unlike a
    :class:`UsageError` it prints no usage line: the command line was not the
    mistake.
    """

    exit_code = 1


class WriteError(PlanToolError):
    """An output file could not be written, or would overwrite one (exit 1)."""

    exit_code = 1

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = str(path)
        self.reason = message
        super().__init__(f"{path}: {message}")


def format_field_path(parts: tuple[str | int, ...]) -> str:
    """Return ``recommendations[4].items[1].status`` for a key/index tuple."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class TemplateError(PlanToolError):
    """A document template is invalid or failed while rendering; the message names file:line (exit 1)."""

    exit_code = 1


class SourceError(PlanToolError):
    """A published plan cannot be imported; the message names the file and, where known, the line (exit 1)."""

    exit_code = 1

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")
