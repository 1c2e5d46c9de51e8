"""YAML text to plain values, each problem located at file:line:col with a field path.

The document is composed into nodes (libyaml's C parser where installed) and
the nodes are turned into plain values (see :mod:`yaml_values`), so that
duplicate keys and aliases are caught and no YAML tag can construct anything
but plain data; then the values are validated against the schema. Only the
loader and a message that needs a position (see :class:`SourceMap`) come here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from plan_cli.basics.errors import FieldParts, InvalidPlanError, Problem
from plan_cli.basics.pyyaml import yaml
from plan_cli.reading.source_map import SourceMap
from plan_cli.reading.validation import validate
from plan_cli.reading.yaml_problems import (
    node_kind,
    node_position,
    position,
    reader_problem,
    scan_events,
    yaml_problem,
)
from plan_cli.reading.yaml_values import MAX_DEPTH, TAG, Converter

MAX_ALIAS_PROBLEMS = 10

_STR, _SEQ, _MAP = TAG + "str", TAG + "seq", TAG + "map"
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
    converter = Converter(source, check_aliases="*" in text)
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


def _elsewhere(converter: Converter, data: Any, source: SourceMap) -> list[Problem]:
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


def valid_values(text: str, path: str = "<plan>") -> tuple[Any, SourceMap]:
    """Return the plan's plain values and SourceMap; raise InvalidPlanError with every problem found."""
    data, source = compose_plan(text, path)
    errors = [f for f in validate(data, source.written.get) if f.severity == "error"]
    if errors:
        raise InvalidPlanError([source.problem(f) for f in errors])
    return data, source


def compose_root(text: str) -> yaml.Node | None:
    """The composed node tree of ``text``, a plan already read without problems: for positions only."""
    return yaml.compose(text, Loader=_Loader)
