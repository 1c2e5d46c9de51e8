"""Where each value of a plan file sits, so that any problem found later can name its line and column."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from plan_cli.basics.errors import FieldParts, Finding, Problem, format_field_path

if TYPE_CHECKING:
    from plan_cli.basics.pyyaml import yaml

Place = tuple[int, int, int, int]
"""A value's line and column, then its key's (0, 0 for a list's element or the document), 1-based."""


class SourceMap:
    """Where each value of a plan file sits, found on demand: field path to (line, column), 1-based.

    Only a message reads a position, so none is worked out while loading: the
    composed YAML tree is kept and walked down a field path when one is asked
    for. A plan whose values came from the cache has no tree: its places come
    from the cache too (``places``), or, failing that, the tree is composed
    (``compose``) when a message first asks. ``written`` keeps how each plainly
    written number, date or boolean was spelt, for "quote it" advice.
    """

    __slots__ = ("_compose", "_kept", "_places", "_root", "data", "dates", "path", "written")
    data: Any  # the plain values, once composed: to name places in messages (see place_of)
    path: str
    written: dict[FieldParts, str]

    def __init__(
        self,
        path: str,
        root: yaml.Node | None = None,
        written: dict[FieldParts, str] | None = None,
        compose: Callable[[], yaml.Node | None] | None = None,
        places: Callable[[], dict[FieldParts, Place] | None] | None = None,
    ) -> None:
        self.path = path
        self._root = root
        self._compose = compose
        self._places = places
        self._kept: dict[FieldParts, Place] | None = None
        self.written = {} if written is None else written
        self.dates: list[FieldParts] = []
        self.data = None

    @property
    def root(self) -> yaml.Node | None:
        """The composed YAML tree, composed now if the values came without one."""
        if self._root is None and self._compose is not None:
            compose, self._compose = self._compose, None
            self._root = compose()
        return self._root

    @root.setter
    def root(self, node: yaml.Node | None) -> None:
        self._root = node

    def locate(self, parts: FieldParts, at_key: bool = False) -> tuple[int, int] | None:
        """The position of the value (or its key) at ``parts``, or of its nearest located parent."""
        if self._root is None and self._places is not None:
            load, self._places = self._places, None
            self._kept = load()
        if self._root is None and self._kept is not None:
            return _locate_in(self._kept, parts, at_key)
        node = self.root
        if node is None:
            return None
        key: yaml.Node | None = None
        for part in parts:
            found = _child(node, part)
            if found is None:
                return _position(node)
            key, node = found
        if at_key and key is not None:
            return _position(key)
        return _position(node)

    def places(self) -> dict[FieldParts, Place]:
        """Every value's place, by field path: what :meth:`locate` finds, for keeping with the values."""
        from plan_cli.basics.pyyaml import yaml

        root = self.root
        if root is None:
            return {}
        found: dict[FieldParts, Place] = {(): (*_position(root), 0, 0)}
        waiting: list[tuple[FieldParts, yaml.Node]] = [((), root)]
        while waiting:
            parts, node = waiting.pop()
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if not isinstance(key_node, yaml.ScalarNode):
                        continue
                    child = (*parts, key_node.value)
                    if child not in found:  # as _child: the first key of that name
                        found[child] = (*_position(value_node), *_position(key_node))
                        waiting.append((child, value_node))
            elif isinstance(node, yaml.SequenceNode):
                for index, value_node in enumerate(node.value):
                    child = (*parts, index)
                    found[child] = (*_position(value_node), 0, 0)
                    waiting.append((child, value_node))
        return found

    def problem(self, finding: Finding) -> Problem:
        """Turn a finding in plain data into a located Problem."""
        from plan_cli.reading.places import place_of  # with the schema: only when there is something to say

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


def _locate_in(places: dict[FieldParts, Place], parts: FieldParts, at_key: bool) -> tuple[int, int] | None:
    """As :meth:`SourceMap.locate`, from kept places: the longest located start of ``parts``."""
    for end in range(len(parts), -1, -1):
        place = places.get(parts[:end])
        if place is not None:
            line, column, key_line, key_column = place
            if at_key and end == len(parts) and key_line:
                return key_line, key_column
            return line, column
    return None


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    """The (key node, value node) at ``part`` of a mapping or list node, or None if it has none there."""
    from plan_cli.basics.pyyaml import yaml

    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                return key_node, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1
