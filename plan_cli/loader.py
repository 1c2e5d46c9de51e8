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
from .errors import FieldParts, Finding, InvalidPlanError, Problem, format_field_path
from .model import Plan
from .pyyaml import yaml
from .schema import validate

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
MAX_ALIAS_PROBLEMS = 10
_INVISIBLE = re.compile("[\u00a0\u200b\u200c\u200d\u2060\ufeff]")
_NBSP_KEY = re.compile(r"[^\s:]+:\u00a0")
_KEY_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_NULLS = {"", "~", "null", "Null", "NULL"}
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
_INVISIBLE_NAMES = {
    "\u00a0": "a non-breaking space (U+00A0)",
    "\u200b": "a zero-width space (U+200B)",
    "\u200c": "a zero-width non-joiner (U+200C)",
    "\u200d": "a zero-width joiner (U+200D)",
    "\u2060": "a word joiner (U+2060)",
    "\ufeff": "a byte-order mark (U+FEFF)",
}


class SourceMap:
    """Where each value of a plan file sits, found on demand: field path to (line, column), 1-based.

    Only a message reads a position, so none is worked out while loading: the
    composed YAML tree is kept and walked down a field path when one is asked
    for. ``written`` keeps how each plainly written number, date or boolean
    was spelt, for "quote it" advice.
    """

    __slots__ = ("path", "root", "written")
    path: str
    root: yaml.Node | None
    written: dict[FieldParts, str]

    def __init__(
        self, path: str, root: yaml.Node | None = None, written: dict[FieldParts, str] | None = None
    ) -> None:
        self.path = path
        self.root = root
        self.written = {} if written is None else written

    def locate(self, parts: FieldParts, at_key: bool = False) -> tuple[int, int] | None:
        """The position of the value (or its key) at ``parts``, or of its nearest located parent."""
        node = self.root
        if node is None:
            return None
        key: yaml.Node | None = None
        for part in parts:
            found = _child(node, part)
            if found is None:
                return _mark(node)
            key, node = found
        if at_key and key is not None:
            return _mark(key)
        return _mark(node)

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
        )


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    """The (key node, value node) at ``part`` of a mapping or list node, or None if it has none there."""
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                return key_node, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


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
                raise _file_error(
                    label,
                    f"is {size / 1024 / 1024:.1f} MB; a plan file may be at most "
                    f"{MAX_FILE_BYTES // 1024 // 1024} MB. Is this the right file?",
                )
            raw = file.read()
    except FileNotFoundError:
        raise _file_error(label, "no such file; give the plan with --plan PATH or set PLAN_FILE") from None
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
        line, column = _position(text, stray)
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
        raise InvalidPlanError([_reader_problem(error, path, text)]) from None
    except yaml.MarkedYAMLError as error:
        if "exceeded maximum nesting depth" in str(error):  # libyaml's own limit (1000 levels)
            raise InvalidPlanError(
                _scan_events(text, path).too_deep or [_yaml_problem(error, path, text)]
            ) from None
        raise InvalidPlanError([_yaml_problem(error, path, text)]) from None
    except yaml.YAMLError as error:
        raise InvalidPlanError([Problem(f"is not valid YAML: {error}", path=path)]) from None
    except RecursionError:  # the pure-Python composer recurses once per level
        raise InvalidPlanError(
            _scan_events(text, path).too_deep
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
    if converter.aliased:
        # The composed tree shares the anchored node, so the alias's own place is lost; the
        # event stream still has it. (Only read on this error path.)
        converter.problems.extend(_scan_events(text, path).aliases)
    if converter.problems:
        raise InvalidPlanError(converter.problems)
    if not isinstance(data, dict):
        line, column = _mark(node)
        raise InvalidPlanError(
            [
                Problem(
                    f"the plan must be a mapping of fields (title:, force: …), not {_kind(node)}",
                    path=path,
                    line=line,
                    column=column,
                )
            ]
        )
    return data, source


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _reader_problem(error: yaml.reader.ReaderError, path: str, text: str) -> Problem:
    line, column = _position(text, error.position)
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return Problem(
        f"the control character U+{code:04X} is not allowed in a plan file; delete it "
        "(it often comes with text pasted from another program)",
        path=path,
        line=line,
        column=column,
    )


class _EventScan:
    """What a walk over the YAML event stream found: aliases and over-deep nesting, located."""

    __slots__ = ("aliases", "too_deep")

    def __init__(self) -> None:
        self.aliases: list[Problem] = []
        self.too_deep: list[Problem] = []


def _scan_events(text: str, path: str) -> _EventScan:
    """Walk the parser's events (no composing, no recursion) for what the node tree cannot tell.

    Used only once something is wrong: an alias's own position (the composed tree
    shares the anchored node) and the first place nesting goes deeper than
    MAX_DEPTH (where composing itself gives up).
    """
    found = _EventScan()
    frames: list[list[Any]] = []  # [is_mapping, index or key, expecting a key]
    alias_count = 0
    more: Problem | None = None

    def parts() -> FieldParts:
        return tuple(("?" if frame[2] else frame[1]) if frame[0] else frame[1] for frame in frames)

    def finished() -> None:
        if frames:
            frame = frames[-1]
            if frame[0]:
                frame[2] = not frame[2]
            else:
                frame[1] += 1

    def problem(event: yaml.Event, message: str) -> Problem:
        mark = event.start_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return Problem(message, format_field_path(parts()), path, line, column)

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.CollectionEndEvent)):
                frames.pop()
                finished()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue  # stream and document events
            if frames and frames[-1][0] and frames[-1][2] and isinstance(event, yaml.ScalarEvent):
                frames[-1][1] = event.value  # a plain key: the path's next part
                frames[-1][2] = False
                continue
            if isinstance(event, yaml.AliasEvent):
                alias_count += 1
                if alias_count == MAX_ALIAS_PROBLEMS + 1:
                    more = problem(event, "more aliases")
                elif alias_count <= MAX_ALIAS_PROBLEMS:
                    found.aliases.append(
                        problem(
                            event,
                            f"the alias *{event.anchor} is not supported in a plan file; "
                            "anchors and aliases (&name, *name) hide what each field says: "
                            "write the value out in full",
                        )
                    )
            if len(frames) > MAX_DEPTH:
                found.too_deep.append(problem(event, f"is nested too deeply (more than {MAX_DEPTH} levels)"))
                break
            if isinstance(event, yaml.CollectionStartEvent):
                frames.append([isinstance(event, yaml.MappingStartEvent), 0, True])
            else:
                finished()
    except yaml.MarkedYAMLError as error:
        # libyaml gives up at 1000 levels, sometimes before emitting the events that reach MAX_DEPTH
        if not found.too_deep and "exceeded maximum nesting depth" in str(error) and error.problem_mark:
            mark = error.problem_mark
            found.too_deep.append(
                Problem(
                    f"is nested too deeply (more than {MAX_DEPTH} levels)",
                    format_field_path(parts()),
                    path,
                    mark.line + 1,
                    mark.column + 1,
                )
            )
    except yaml.YAMLError:
        pass  # the caller already has the parser's own message
    if more is not None:
        extra = alias_count - MAX_ALIAS_PROBLEMS
        found.aliases.append(
            more._replace(message=f"{extra} more alias{'es' if extra != 1 else ''} from here on, not listed")
        )
    return found


def _shorten(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "a single value"


def _yaml_problem(error: yaml.MarkedYAMLError, path: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    message = error.problem or error.context or "is not valid YAML"
    if error.context and error.problem:
        message = f"{error.problem} ({error.context})"
    if "'\\t'" in message or (mark is not None and text[mark.index : mark.index + 1] == "\t"):
        message += "; indent with spaces, not tabs"
    elif "expected a single document" in message:
        message = "the file holds more than one YAML document (a second '---'); keep one plan per file"
    elif "mapping values are not allowed" in message:
        message += (
            "; a line reads as 'key: value' where it should not: check this line's indentation "
            "against the line above, and put text that contains ': ' in quotes"
        )
    elif "found duplicate anchor" in message or "found undefined alias" in message:
        message += "; anchors and aliases are not supported in a plan file"
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    if mark is not None:
        invisible = _invisible_near(text, mark.line)
        if invisible is not None:
            (line, column), char = invisible
            message = (
                f"{_INVISIBLE_NAMES[char]} here, which YAML does not read as a space; "
                f"retype it as an ordinary space (YAML's own complaint at line {mark.line + 1}: {message})"
            )
    return Problem(f"invalid YAML: {message}", path=path, line=line, column=column)


def _invisible_near(text: str, line_index: int) -> tuple[tuple[int, int], str] | None:
    """The first invisible character on the 0-based line of a YAML error or the line before.

    A non-breaking space pasted between a key's colon and its value, or into the
    indentation, turns the line into something else and YAML complains there or
    on the next line; pointing at the character is what helps.
    """
    lines = text.splitlines()
    for index in (line_index, line_index - 1):
        if 0 <= index < len(lines):
            found = _INVISIBLE.search(lines[index])
            if found:
                return (index + 1, found.start() + 1), found.group()
    return None


def _is_name(key: yaml.Node) -> bool:
    """True for a key the converter takes as a field's name (it reports every other)."""
    return isinstance(key, yaml.ScalarNode) and key.tag in _KEY_TAGS and not _INVISIBLE.search(key.value)


class _Converter:
    """Turns composed YAML nodes into plain values, recording each one's position."""

    def __init__(self, source: SourceMap, check_aliases: bool = True) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.check_aliases = check_aliases  # no '*' in the text, no alias: skip the bookkeeping
        self.aliased = False
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, node: yaml.Node, parts: FieldParts, message: str) -> None:
        line, column = _mark(node)
        self.problems.append(Problem(message, format_field_path(parts), self.source.path, line, column))

    def value(self, node: yaml.Node, parts: FieldParts, depth: int) -> Any:
        if self.check_aliases:
            if id(node) in self.seen:  # an alias: never follow it (a bomb or a cycle)
                self.aliased = True
                return None
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
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
            invisible = _INVISIBLE.search(key)
            if invisible:
                self.fail(
                    key_node,
                    parts,
                    f"the key '{key.strip()}' contains "
                    f"{_INVISIBLE_NAMES[invisible.group()]}; retype it with ordinary spaces",
                )
                continue
            child = (*parts, key)
            if key in result:
                first = next(k for k, _ in node.value if _is_name(k) and k.value == key)
                self.fail(
                    key_node,
                    child,
                    f"duplicate key '{key}' (first at line {_mark(first)[0]}); each field may appear once",
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
            self.fail(node, parts, f"'{_shorten(node.value)}' is not a valid {tag}; quote it if it is text")
            return None
