"""Composed YAML nodes turned into plain values, each one's place recorded, nothing but plain data allowed.

Duplicate keys, aliases, tags, invisible and control characters in keys and
values, and values too long or nested too deep are each reported where they
are, so one run of the loader reports them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from plan_cli.basics.controls import describe, effect, first_control, visible
from plan_cli.basics.errors import FieldParts, Problem, format_field_path
from plan_cli.basics.pyyaml import yaml
from plan_cli.reading.source_map import SourceMap
from plan_cli.reading.yaml_problems import INVISIBLE, INVISIBLE_NAMES, Wording, node_position, shorten

TAG = "tag:yaml.org,2002:"
MAX_DEPTH = 64
MAX_SCALAR_CHARS = 100_000
_NBSP_KEY = re.compile(r"[^\s:]+:\u00a0")
_KEYTAGS = {TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_NULLS = {"", "~", "null", "Null", "NULL"}
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")


def _is_name(key: yaml.Node) -> bool:
    """True for a key the converter takes as a field's name (it reports every other)."""
    return (
        isinstance(key, yaml.ScalarNode)
        and key.tag in _KEYTAGS
        and not INVISIBLE.search(key.value)
        and first_control(key.value) < 0
    )


def _control_message(where: str, char: str) -> str:
    return f"{where} {describe(char)}, {effect(char)}; delete it (it often comes with text pasted from another program)"


class Converter:
    """Turns composed YAML nodes into plain values, recording each one's position."""

    def __init__(self, source: SourceMap, wording: Wording, check_aliases: bool = True) -> None:
        self.source = source
        self.wording = wording
        self.problems: list[Problem] = []
        self.failed_at: list[FieldParts] = []
        self.too_deep = False
        self.check_aliases = check_aliases  # no '*' in the text, no alias: skip the bookkeeping
        self.aliased = False
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, node: yaml.Node, parts: FieldParts, message: str) -> None:
        line, column = node_position(node)
        self.problems.append(Problem(message, format_field_path(parts), self.source.path, line, column))
        self.failed_at.append(parts)

    def name_places(self, data: Any, place_of: Callable[[Any, FieldParts], str]) -> None:
        """Name each problem's place as a person would (``place_of``), now that the whole document is read."""
        for index, parts in enumerate(self.failed_at):
            self.problems[index] = self.problems[index]._replace(place=place_of(data, parts))

    def value(self, node: yaml.Node, parts: FieldParts, depth: int) -> Any:
        if self.check_aliases:
            if id(node) in self.seen:  # an alias: never follow it (a bomb or a cycle)
                self.aliased = True
                return None
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.too_deep = True
            self.fail(node, parts, f"is nested too deeply (more than {MAX_DEPTH} levels)")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, parts, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != TAG + "seq":
                self.fail(
                    node, parts, f"the tag {node.tag} is not allowed in a {self.wording.noun}; remove it"
                )
                return None
            return [self.value(child, (*parts, index), depth + 1) for index, child in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node, parts)

    def mapping(self, node: yaml.MappingNode, parts: FieldParts, depth: int) -> dict[Any, Any] | None:
        if node.tag != TAG + "map":
            self.fail(node, parts, f"the tag {node.tag} is not allowed in a {self.wording.noun}; remove it")
            return None
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == TAG + "merge":
                self.fail(
                    key_node,
                    parts,
                    "keys must be plain names (merge keys '<<' and complex keys "
                    f"are not supported in a {self.wording.noun})",
                )
                continue
            if key_node.tag not in _KEYTAGS:
                self.fail(
                    key_node,
                    parts,
                    f"the tag {key_node.tag} is not allowed in a {self.wording.noun}; remove it",
                )
                continue
            # A key is a name as written: `2025:` or `yes:` is the name "2025" or "yes",
            # never the number or the boolean YAML would make of it.
            key: str = key_node.value
            invisible = INVISIBLE.search(key)
            if invisible:
                self.fail(
                    key_node,
                    parts,
                    f"the key '{key.strip()}' contains "
                    f"{INVISIBLE_NAMES[invisible.group()]}; retype it with ordinary spaces",
                )
                continue
            child = (*parts, key)
            control = first_control(key)
            if control >= 0:
                self.fail(
                    key_node, parts, _control_message(f"the key '{visible(key)}' contains", key[control])
                )
                continue
            if key in result:
                first = next(k for k, _ in node.value if _is_name(k) and k.value == key)
                self.fail(
                    key_node,
                    child,
                    f"duplicate key '{key}' (first at line {node_position(first)[0]}); each {self.wording.key} may appear once",
                )
                continue
            result[key] = self.value(value_node, child, depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode, parts: FieldParts) -> Any:
        tag = node.tag
        if len(node.value) > MAX_SCALAR_CHARS:
            self.fail(
                node,
                parts,
                f"is {len(node.value):,} characters long; a value may be at most {MAX_SCALAR_CHARS:,} "
                "(was something pasted in by mistake?)",
            )
            return None
        if tag == TAG + "str":
            control = first_control(node.value)
            if control >= 0:
                self.fail(node, parts, _control_message(f"character {control + 1} is", node.value[control]))
                return None
            if parts and isinstance(parts[-1], int) and not node.style and _NBSP_KEY.match(node.value):
                self.fail(
                    node,
                    parts,
                    f"'{node.value[:40]}' looks like a field, but the space after its ':' is a "
                    "non-breaking space (U+00A0); retype it as an ordinary space",
                )
            return node.value
        if tag == TAG + "null":
            if node.value not in _NULLS:
                self.fail(node, parts, f"'{node.value}' is not a valid null; remove the !!null tag")
            return None
        if tag in (TAG + "int", TAG + "float", TAG + "bool", TAG + "timestamp"):
            if not node.style:  # written plainly: remember how, for "quote it" advice
                self.source.written[parts] = node.value
            return self.typed_scalar(node, parts)
        self.fail(node, parts, f"the tag {tag} is not allowed in a {self.wording.noun}; remove it")
        return None

    def typed_scalar(self, node: yaml.ScalarNode, parts: FieldParts) -> Any:
        tag = node.tag.removeprefix(TAG)
        if tag == "timestamp":
            if not _TIMESTAMP.match(node.value):  # only an explicit !!timestamp gets here unmatched
                self.fail(node, parts, f"'{node.value}' is not a valid timestamp; remove the !!timestamp tag")
                return None
            try:
                if len(node.value) != 10:
                    return node.value
                day = date.fromisoformat(node.value)
                self.source.dates.append(parts)
                return day
            except ValueError:
                return node.value  # impossible dates are reported, located, by validation
        try:
            if tag == "int":
                return self.constructor.construct_yaml_int(node)
            if tag == "float":
                return self.constructor.construct_yaml_float(node)
            return self.constructor.construct_yaml_bool(node)
        except (ValueError, TypeError, KeyError):
            self.fail(node, parts, f"'{shorten(node.value)}' is not a valid {tag}; quote it if it is text")
            return None
