"""Where each value of a plan file sits, so that any problem found later can name its line and column."""

from __future__ import annotations

from typing import Any

from .errors import FieldParts, Finding, Problem, format_field_path
from .places import place_of


class SourceMap:
    """Where each value of a plan file sits: field path to (line, column), 1-based.

    Filled in while the file is composed, so a plain mutable class (no
    dataclass: that generates code at import); equal when the maps are.
    """

    __slots__ = ("data", "keys", "path", "values", "written")
    data: Any  # the plain values, once composed: to name places in messages (see place_of)
    path: str
    values: dict[FieldParts, tuple[int, int]]
    keys: dict[FieldParts, tuple[int, int]]
    written: dict[FieldParts, str]

    def __init__(
        self,
        path: str,
        values: dict[FieldParts, tuple[int, int]] | None = None,
        keys: dict[FieldParts, tuple[int, int]] | None = None,
        written: dict[FieldParts, str] | None = None,
    ) -> None:
        self.path = path
        self.values = {} if values is None else values
        self.keys = {} if keys is None else keys
        self.written = {} if written is None else written
        self.data = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceMap):
            return NotImplemented
        return (self.path, self.values, self.keys, self.written) == (
            other.path,
            other.values,
            other.keys,
            other.written,
        )

    def locate(self, parts: FieldParts, at_key: bool = False) -> tuple[int, int] | None:
        """The position of the value (or its key) at ``parts``, or of its nearest located parent."""
        if at_key and parts in self.keys:
            return self.keys[parts]
        while True:
            if parts in self.values:
                return self.values[parts]
            if parts in self.keys:
                return self.keys[parts]
            if not parts:
                return None
            parts = parts[:-1]

    def problem(self, finding: Finding) -> Problem:
        """Turn a finding in plain data into a located Problem."""
        where = self.locate(finding.parts, finding.at_key)
        line, column = where if where else (None, None)
        return Problem(
            message=finding.message,
            field=format_field_path(finding.parts),
            path=self.path,
            line=line,
            column=column,
            severity=finding.severity,
            code=finding.code,
            place=place_of(self.data, finding.parts) if self.data is not None else "",
        )
