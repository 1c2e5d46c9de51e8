"""What went wrong in a YAML file, located and said so a person can fix it.

Used only once something is wrong: turning the parser's complaints into
advice (tabs, a second document, an invisible character pasted in), and a
walk over the event stream for what the composed tree cannot tell.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from plan_cli.basics.errors import FieldParts, Problem, format_field_path
from plan_cli.basics.pyyaml import yaml

INVISIBLE = re.compile("[\u00a0\u200b\u200c\u200d\u2060\ufeff]")
INVISIBLE_NAMES = {
    "\u00a0": "a non-breaking space (U+00A0)",
    "\u200b": "a zero-width space (U+200B)",
    "\u200c": "a zero-width non-joiner (U+200C)",
    "\u200d": "a zero-width joiner (U+200D)",
    "\u2060": "a word joiner (U+2060)",
    "\ufeff": "a byte-order mark (U+FEFF)",
}


class Wording(NamedTuple):
    """How the messages about one kind of YAML file name it and what it holds.

    ``noun`` follows "a" ("is not allowed in a plan file"), ``document`` is what
    the file holds one of ("keep one plan per file"), ``key`` what each key of a
    mapping names ("each field may appear once"), and ``nested_example`` ends the
    advice about a line indented under ``{}`` or ``[]`` with an example.
    """

    noun: str = "YAML file"
    document: str = "document"
    key: str = "key"
    nested_example: str = ""


def position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def reader_problem(error: yaml.reader.ReaderError, path: str, text: str, wording: Wording) -> Problem:
    line, column = position(text, error.position)
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return Problem(
        f"the control character U+{code:04X} is not allowed in a {wording.noun}; delete it "
        "(it often comes with text pasted from another program)",
        path=path,
        line=line,
        column=column,
    )


class EventScan:
    """What a walk over the YAML event stream found: aliases and over-deep nesting, located."""

    __slots__ = ("aliases", "too_deep")

    def __init__(self) -> None:
        self.aliases: list[Problem] = []
        self.too_deep: list[Problem] = []


def scan_events(
    text: str, path: str, loader: type, max_depth: int, max_aliases: int, wording: Wording
) -> EventScan:
    """Walk the parser's events (no composing, no recursion) for what the node tree cannot tell.

    Used only once something is wrong: an alias's own position (the composed tree
    shares the anchored node) and the first place nesting goes deeper than
    max_depth (where composing itself gives up).
    """
    found = EventScan()
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
        for event in yaml.parse(text, Loader=loader):
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
                if alias_count == max_aliases + 1:
                    more = problem(event, "more aliases")
                elif alias_count <= max_aliases:
                    found.aliases.append(
                        problem(
                            event,
                            f"the alias *{event.anchor} is not supported in a {wording.noun}; "
                            f"anchors and aliases (&name, *name) hide what each {wording.key} says: "
                            "write the value out in full",
                        )
                    )
            if len(frames) > max_depth:
                found.too_deep.append(problem(event, f"is nested too deeply (more than {max_depth} levels)"))
                break
            if isinstance(event, yaml.CollectionStartEvent):
                frames.append([isinstance(event, yaml.MappingStartEvent), 0, True])
            else:
                finished()
    except yaml.MarkedYAMLError as error:
        # libyaml gives up at 1000 levels, sometimes before emitting the events that reach max_depth
        if not found.too_deep and "exceeded maximum nesting depth" in str(error) and error.problem_mark:
            mark = error.problem_mark
            found.too_deep.append(
                Problem(
                    f"is nested too deeply (more than {max_depth} levels)",
                    format_field_path(parts()),
                    path,
                    mark.line + 1,
                    mark.column + 1,
                )
            )
    except yaml.YAMLError:
        pass  # the caller already has the parser's own message
    if more is not None:
        extra = alias_count - max_aliases
        found.aliases.append(
            more._replace(message=f"{extra} more alias{'es' if extra != 1 else ''} from here on, not listed")
        )
    return found


def shorten(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def node_position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "a single value"


def yaml_problem(error: yaml.MarkedYAMLError, path: str, text: str, wording: Wording) -> Problem:
    mark = error.problem_mark or error.context_mark
    message = error.problem or error.context or "is not valid YAML"
    if error.context and error.problem:
        message = f"{error.problem} ({error.context})"
    if "'\\t'" in message or (mark is not None and text[mark.index : mark.index + 1] == "\t"):
        message += "; indent with spaces, not tabs"
    elif "expected a single document" in message:
        message = (
            "the file holds more than one YAML document (a second '---'); "
            f"keep one {wording.document} per file"
        )
    elif mark is not None and after_empty_collection(text, mark.line):
        message += (
            "; the line above ends in {} or [] (an empty value), so nothing can be indented under it: "
            "remove the {} or [] to put entries under it" + wording.nested_example
        )
    elif "mapping values are not allowed" in message:
        message += (
            "; a line reads as 'key: value' where it should not: check this line's indentation "
            "against the line above, and put text that contains ': ' in quotes"
        )
    elif "found duplicate anchor" in message or "found undefined alias" in message:
        message += f"; anchors and aliases are not supported in a {wording.noun}"
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    if mark is not None:
        invisible = invisible_near(text, mark.line)
        if invisible is not None:
            (line, column), char = invisible
            message = (
                f"{INVISIBLE_NAMES[char]} here, which YAML does not read as a space; "
                f"retype it as an ordinary space (YAML's own complaint at line {mark.line + 1}: {message})"
            )
    return Problem(f"invalid YAML: {message}", path=path, line=line, column=column)


def after_empty_collection(text: str, line_index: int) -> bool:
    """True when the 0-based line of a YAML error is indented under a line ending in ``{}`` or ``[]``.

    The likeliest mistake after ``plan init``: a round indented under ``updates: {}``.
    """
    lines = text.splitlines()
    if not 0 <= line_index < len(lines):
        return False
    here = lines[line_index]
    indent = len(here) - len(here.lstrip(" "))
    for index in range(line_index - 1, -1, -1):
        above = lines[index].split(" #", 1)[0].rstrip()
        if not above.strip():
            continue
        above_indent = len(above) - len(above.lstrip(" "))
        return above.endswith(("{}", "[]")) and indent > above_indent
    return False


def invisible_near(text: str, line_index: int) -> tuple[tuple[int, int], str] | None:
    """The first invisible character on the 0-based line of a YAML error or the line before.

    A non-breaking space pasted between a key's colon and its value, or into the
    indentation, turns the line into something else and YAML complains there or
    on the next line; pointing at the character is what helps.
    """
    lines = text.splitlines()
    for index in (line_index, line_index - 1):
        if 0 <= index < len(lines):
            found = INVISIBLE.search(lines[index])
            if found:
                return (index + 1, found.start() + 1), found.group()
    return None
