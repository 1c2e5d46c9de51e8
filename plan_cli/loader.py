"""YAML to model, with every problem located at file:line:col and a field path.

Reading is safe YAML only: the document is composed into nodes (libyaml's
C parser where installed), and the nodes are turned into plain values here,
so that every value keeps its place in the file, duplicate keys and aliases
are caught, and no YAML tag can construct anything but plain data.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from .build import build_plan
from .controls import describe, effect, first_control, visible
from .errors import FieldParts, InvalidPlanError, Problem, format_field_path
from .model import Plan
from .places import place_of
from .pyyaml import yaml
from .source_map import SourceMap
from .validation import validate
from .yaml_problems import (
    INVISIBLE,
    INVISIBLE_NAMES,
    node_kind,
    node_position,
    position,
    reader_problem,
    scan_events,
    shorten,
    yaml_problem,
)

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
# First characters for which YAML 1.1 may read a plain scalar as something other than text.
_TYPED_FIRST = frozenset(key for key in yaml.SafeLoader.yaml_implicit_resolvers if key)
_FAST = None not in yaml.SafeLoader.yaml_implicit_resolvers and not yaml.SafeLoader.yaml_path_resolvers
_PLAIN_TAGS: dict[str, str] = {}
_pyyaml_resolve: Callable[..., str] = yaml.resolver.Resolver.resolve


class _FastResolve:
    """Resolves tags exactly as yaml.SafeLoader does, without its per-node cost.

    The composer asks for every node's tag; PyYAML answers by trying regular
    expressions, which was the largest cost of loading a national-scale plan.
    Text that cannot start a number, date, boolean or null is text at once, and
    the answer for short plain values (keys, statuses, ids) is remembered.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if not _FAST:
            return _pyyaml_resolve(self, kind, value, implicit)
        if kind is yaml.ScalarNode:
            if not implicit[0] or (value and value[0] not in _TYPED_FIRST):
                return _STR
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = _pyyaml_resolve(self, kind, value, implicit)
                if len(value) <= 40 and len(_PLAIN_TAGS) < 10_000:
                    _PLAIN_TAGS[value] = tag
            return tag
        return _SEQ if kind is yaml.SequenceNode else _MAP


class _PythonLoader(_FastResolve, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader (where libyaml is not installed)."""


try:

    class _CLoader(_FastResolve, yaml.CSafeLoader):
        """libyaml's safe loader."""

    _Loader: type = _CLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = _PythonLoader

MAX_DEPTH = 64
# A plan is ~100 KB; a national collation (43 forces) ~5 MB; 100x the real plan 9.4 MB. Anything far
# larger is the wrong file, and a value longer than any published cell is a paste gone wrong.
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_SCALAR_CHARS = 100_000
_TOO_LARGE = f"a plan file may be at most {MAX_FILE_BYTES // 1024 // 1024} MB. Is this the right file?"
MAX_ALIAS_PROBLEMS = 10
_NBSP_KEY = re.compile(r"[^\s:]+:\u00a0")
_KEY_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_NULLS = {"", "~", "null", "Null", "NULL"}
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")


class LoadedPlan(NamedTuple):
    """A validated plan with the map of where its values sit in the file."""

    plan: Plan
    source: SourceMap


def load_plan(path: Path | str) -> LoadedPlan:
    """Read, validate and build the plan at ``path``; raise InvalidPlanError with every problem."""
    return parse_plan(read_plan_text(path), str(path))


def read_plan_text(path: Path | str) -> str:
    """Return the file's text (UTF-8, optional byte-order mark); raise InvalidPlanError if unreadable."""
    label = str(path)
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise _file_error(label, f"is {size / 1024 / 1024:.1f} MB; {_TOO_LARGE}")
            # A pipe or a device says nothing of its size (or 0): read no more than one byte too many.
            raw = file.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                raise _file_error(label, f"holds more than {MAX_FILE_BYTES // 1024 // 1024} MB; {_TOO_LARGE}")
    except FileNotFoundError:
        raise _file_error(
            label, "the plan file is missing (no such file); check the path, or give it with --plan PATH"
        ) from None
    except IsADirectoryError:
        raise _file_error(label, "is a directory, not a plan file; give the YAML file itself") from None
    except PermissionError:
        raise _file_error(label, "cannot be read (permission denied); check the file's permissions") from None
    except OSError as error:
        raise _file_error(label, f"cannot be read ({error.strerror or error})") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidPlanError(
            [Problem("is saved as UTF-16; save it as UTF-8 (in most editors: Save As, Encoding)", path=label)]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise InvalidPlanError(
            [
                Problem(
                    f"is not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); "
                    "save the file as UTF-8",
                    path=label,
                    line=line,
                    column=column,
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def _elsewhere(converter: _Converter, data: Any, source: SourceMap) -> list[Problem]:
    """The field problems away from where the YAML itself went wrong, so one run reports both.

    Not where an alias was refused (its value is missing, not wrong) or the
    nesting went too deep (the wrong file, most likely), and nothing at or under
    a place the YAML problems already name.
    """
    if converter.aliased or converter.too_deep or not isinstance(data, dict):
        return []
    spoilt = converter.failed_at

    def clear(parts: FieldParts) -> bool:
        return not any(parts[: len(bad)] == bad for bad in spoilt)

    return [
        source.problem(f)
        for f in validate(data, source.written.get)
        if f.severity == "error" and clear(f.parts)
    ]


def _file_error(path: str, message: str) -> InvalidPlanError:
    return InvalidPlanError([Problem(message, path=path)])


def parse_plan(text: str, path: str = "<plan>") -> LoadedPlan:
    """Validate and build a plan from YAML text; raise InvalidPlanError with every problem found."""
    # Loading allocates a few objects per value and frees none, so the cyclic garbage
    # collector only rescans a growing heap: off, loading a 100x plan takes a quarter the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        data, source = compose_plan(text, path)
        findings = validate(data, source.written.get)
        errors = [f for f in findings if f.severity == "error"]
        if errors:
            raise InvalidPlanError([source.problem(f) for f in errors])
        return LoadedPlan(build_plan(data), source)
    finally:
        if collecting:
            gc.enable()


def compose_plan(text: str, path: str = "<plan>") -> tuple[Any, SourceMap]:
    """Return the YAML document as plain values and its SourceMap; raise InvalidPlanError for bad YAML."""
    source = SourceMap(path)
    stray = text.find("\ufeff")
    if stray >= 0:
        line, column = position(text, stray)
        raise InvalidPlanError(
            [
                Problem(
                    "a byte-order mark (U+FEFF) in the middle of the file; delete it",
                    path=path,
                    line=line,
                    column=column,
                )
            ]
        )
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as error:
        raise InvalidPlanError([reader_problem(error, path, text)]) from None
    except yaml.MarkedYAMLError as error:
        if "exceeded maximum nesting depth" in str(error):  # libyaml's own limit (1000 levels)
            raise InvalidPlanError(
                scan_events(text, path, _Loader, MAX_DEPTH, MAX_ALIAS_PROBLEMS).too_deep
                or [yaml_problem(error, path, text)]
            ) from None
        raise InvalidPlanError([yaml_problem(error, path, text)]) from None
    except yaml.YAMLError as error:
        raise InvalidPlanError([Problem(f"is not valid YAML: {error}", path=path)]) from None
    except RecursionError:  # the pure-Python composer recurses once per level
        raise InvalidPlanError(
            scan_events(text, path, _Loader, MAX_DEPTH, MAX_ALIAS_PROBLEMS).too_deep
            or [Problem(f"is nested too deeply (more than {MAX_DEPTH} levels)", path=path)]
        ) from None
    if node is None:
        raise InvalidPlanError(
            [
                Problem(
                    "is empty; a plan starts with title:, force:, bodies:, rounds: and "
                    "recommendations: (see docs/format.md)",
                    path=path,
                    line=1,
                    column=1,
                )
            ]
        )
    converter = _Converter(source, check_aliases="*" in text)
    data = converter.value(node, (), 0)
    source.root = node
    source.data = data
    converter.name_places(data)
    if converter.aliased:
        # The composed tree shares the anchored node, so the alias's own place is lost; the
        # event stream still has it. (Only read on this error path.)
        converter.problems.extend(scan_events(text, path, _Loader, MAX_DEPTH, MAX_ALIAS_PROBLEMS).aliases)
    if converter.problems:
        raise InvalidPlanError(converter.problems + _elsewhere(converter, data, source))
    if not isinstance(data, dict):
        line, column = node_position(node)
        raise InvalidPlanError(
            [
                Problem(
                    f"the plan must be a mapping of fields (title:, force: …), not {node_kind(node)}",
                    path=path,
                    line=line,
                    column=column,
                )
            ]
        )
    return data, source


def _is_name(key: yaml.Node) -> bool:
    """True for a key the converter takes as a field's name (it reports every other)."""
    return (
        isinstance(key, yaml.ScalarNode)
        and key.tag in _KEY_TAGS
        and not INVISIBLE.search(key.value)
        and first_control(key.value) < 0
    )


def _control_message(where: str, char: str) -> str:
    return f"{where} {describe(char)}, {effect(char)}; delete it (it often comes with text pasted from another program)"


class _Converter:
    """Turns composed YAML nodes into plain values, recording each one's position."""

    def __init__(self, source: SourceMap, check_aliases: bool = True) -> None:
        self.source = source
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

    def name_places(self, data: Any) -> None:
        """Name each problem's place as a person would, now that the whole document is read."""
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
            if node.tag != _TAG + "seq":
                self.fail(node, parts, f"the tag {node.tag} is not allowed in a plan file; remove it")
                return None
            return [self.value(child, (*parts, index), depth + 1) for index, child in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node, parts)

    def mapping(self, node: yaml.MappingNode, parts: FieldParts, depth: int) -> dict[Any, Any] | None:
        if node.tag != _TAG + "map":
            self.fail(node, parts, f"the tag {node.tag} is not allowed in a plan file; remove it")
            return None
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _TAG + "merge":
                self.fail(
                    key_node,
                    parts,
                    "keys must be plain names (merge keys '<<' and complex keys "
                    "are not supported in a plan file)",
                )
                continue
            if key_node.tag not in _KEY_TAGS:
                self.fail(key_node, parts, f"the tag {key_node.tag} is not allowed in a plan file; remove it")
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
                    f"duplicate key '{key}' (first at line {node_position(first)[0]}); each field may appear once",
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
        if tag == _TAG + "str":
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
        if tag == _TAG + "null":
            if node.value not in _NULLS:
                self.fail(node, parts, f"'{node.value}' is not a valid null; remove the !!null tag")
            return None
        if tag in (_TAG + "int", _TAG + "float", _TAG + "bool", _TAG + "timestamp"):
            if not node.style:  # written plainly: remember how, for "quote it" advice
                self.source.written[parts] = node.value
            return self.typed_scalar(node, parts)
        self.fail(node, parts, f"the tag {tag} is not allowed in a plan file; remove it")
        return None

    def typed_scalar(self, node: yaml.ScalarNode, parts: FieldParts) -> Any:
        tag = node.tag.removeprefix(_TAG)
        if tag == "timestamp":
            if not _TIMESTAMP.match(node.value):  # only an explicit !!timestamp gets here unmatched
                self.fail(node, parts, f"'{node.value}' is not a valid timestamp; remove the !!timestamp tag")
                return None
            try:
                return date.fromisoformat(node.value) if len(node.value) == 10 else node.value
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
