"""Where each value of a plan file sits, so that any problem found later can name its line and column."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .errors import FieldParts, Finding, Problem, format_field_path

if TYPE_CHECKING:
    from .pyyaml import yaml


class SourceMap:
    """Where each value of a plan file sits, found on demand: field path to (line, column), 1-based.

    Only a message reads a position, so none is worked out while loading: the
    composed YAML tree is kept and walked down a field path when one is asked
    for. A plan whose values came from the cache has no tree until a message
    asks for a position; ``compose`` makes it then. ``written`` keeps how each
    plainly written number, date or boolean was spelt, for "quote it" advice.
    """

    __slots__ = ("_compose", "_root", "data", "path", "written")
    data: Any  # the plain values, once composed: to name places in messages (see place_of)
    path: str
    written: dict[FieldParts, str]

    def __init__(
        self,
        path: str,
        root: yaml.Node | None = None,
        written: dict[FieldParts, str] | None = None,
        compose: Callable[[], yaml.Node | None] | None = None,
    ) -> None:
        self.path = path
        self._root = root
        self._compose = compose
        self.written = {} if written is None else written
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

    def problem(self, finding: Finding) -> Problem:
        """Turn a finding in plain data into a located Problem."""
        from .places import place_of  # with the schema: only when there is something to say

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


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    """The (key node, value node) at ``part`` of a mapping or list node, or None if it has none there."""
    from .pyyaml import yaml

    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                return key_node, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1
