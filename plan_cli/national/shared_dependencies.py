"""Open dependencies that several forces wait on: grouped by id, party, or ids a mapping file joins.

A supplier's change to a records system shared by many forces is one party's
delivery holding all of them up (a plan may say "this remains the position
for all forces on that system"). Pure functions,
apart from reading the mapping file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple

from plan_cli.basics.errors import InvalidFileError, Problem
from plan_cli.basics.files import FileKind, Unreadable, read_text

MAPPING_FILE = FileKind("mapping file", 4 * 1024 * 1024, "the YAML file itself")
"""How ``--same`` is read (see :mod:`plan_cli.basics.files`): a few lines of ids, far under its limit."""


class WaitingOn(NamedTuple):
    """One force's open dependency, with what it holds up and since when."""

    force: str
    id: str
    title: str
    party: str
    raised: str
    raised_due: date | None
    age_days: int | None
    blocking: tuple[str, ...]


class DependencyGroup(NamedTuple):
    """Open dependencies of several forces that are the same thing (same id, party or mapped id)."""

    ids: tuple[str, ...]
    parties: tuple[str, ...]
    waits: tuple[WaitingOn, ...]

    @property
    def forces(self) -> tuple[str, ...]:
        """The forces waiting, in roll-up order, each once."""
        return tuple(dict.fromkeys(wait.force for wait in self.waits))

    @property
    def blocking_count(self) -> int:
        """How many items, across all the forces, the group holds up."""
        return sum(len(wait.blocking) for wait in self.waits)

    @property
    def longest_wait(self) -> WaitingOn | None:
        """The wait that has lasted longest (None when no raising round has a due date)."""
        dated = [wait for wait in self.waits if wait.age_days is not None]
        return max(dated, key=lambda wait: wait.age_days or 0) if dated else None


def party_key(party: str) -> str:
    """The form in which two parties are the same: case and spacing ignored."""
    return " ".join(party.casefold().split())


def group_dependencies(waits: Sequence[WaitingOn], same: dict[str, str]) -> list[DependencyGroup]:
    """Return the open dependencies grouped across forces, most forces first.

    Two dependencies are in one group when they have the same id (after
    ``same`` maps an id to the one it is the same thing as) or the same party;
    the grouping is transitive. Groups are ordered by how many forces wait,
    then how many items they hold up, then the longest wait.
    """
    parent = list(range(len(waits)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first_by_key: dict[tuple[str, str], int] = {}
    for index, wait in enumerate(waits):
        for key in (("id", same.get(wait.id, wait.id)), ("party", party_key(wait.party))):
            other = first_by_key.setdefault(key, index)
            parent[root(index)] = root(other)
    members: dict[int, list[WaitingOn]] = {}
    for index, wait in enumerate(waits):
        members.setdefault(root(index), []).append(wait)
    groups = [
        DependencyGroup(
            ids=tuple(dict.fromkeys(wait.id for wait in group)),
            parties=tuple(dict.fromkeys(wait.party for wait in group)),
            waits=tuple(group),
        )
        for group in members.values()
    ]

    def order(group: DependencyGroup) -> tuple[int, int, int]:
        longest = group.longest_wait
        return (-len(group.forces), -group.blocking_count, -(longest.age_days or 0) if longest else 0)

    return sorted(groups, key=order)


_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def read_same_dependencies(path: Path) -> dict[str, str]:
    """Return the mapping file's ids, each mapped to the id it is the same dependency as.

    The file is YAML: each key is a dependency id, its value a list of the
    other ids (in other forces' plans) that name the same thing::

        records-system-change: [rms-change, records-system-flag]

    Raise InvalidFileError, located at file:line:col, when the file cannot be
    read, is not such a mapping, or lists an id under two keys: every message
    about this file, none about plans.
    """
    from plan_cli.reading.yaml_document import Wording, read_mapping  # PyYAML: only when there is a file

    label = str(path)
    try:
        text = read_text(path, MAPPING_FILE)
    except Unreadable as error:
        raise InvalidFileError(
            [Problem(error.reason, path=label, line=error.line, column=error.column)]
        ) from None
    data, source = read_mapping(
        text,
        label,
        Wording(noun="mapping file", document="mapping", key="id"),
        empty="is empty; write each id with the ids that are the same, e.g. a: [b, c]",
        example="a: [b, c] (each id with the ids that are the same)",
    )
    same: dict[str, str] = {}
    problems: list[Problem] = []

    def problem(parts: tuple[str | int, ...], message: str) -> None:
        where = source.locate(parts)
        line, column = where if where else (None, None)
        problems.append(Problem(message, path=label, line=line, column=column))

    for key, value in data.items():
        if not isinstance(key, str) or not _ID.fullmatch(key):
            problem((key,), f"'{key}' is not a dependency id; write ids as in the plans")
            continue
        others = value if isinstance(value, list) else [value]
        for index, other in enumerate(others):
            parts: tuple[str | int, ...] = (key, index) if isinstance(value, list) else (key,)
            if not isinstance(other, str) or not _ID.fullmatch(other):
                problem(parts, f"'{other}' is not a dependency id; list the ids that are the same as {key}")
            elif other in same and same[other] != key:
                problem(parts, f"'{other}' is already the same as {same[other]}; list each id under one key")
            else:
                same[other] = key
        same.setdefault(key, key)
    if problems:
        raise InvalidFileError(problems)
    return same
