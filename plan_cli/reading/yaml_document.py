"""A YAML file to plain values, each problem located at file:line:col: for any YAML file, not only a plan.

The document is composed into nodes (libyaml's C parser where installed) and
the nodes are turned into plain values (see :mod:`yaml_values`), so that
duplicate keys and aliases are caught, no YAML tag can construct anything but
plain data, and every value keeps its place in the file. What the values
must be is the caller's business: the plan loader validates them as a plan
(see :mod:`yaml_compose`), ``plan national --same`` as a mapping of ids.
Every message is about the file read, in the words of a :class:`Wording`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from plan_cli.basics.errors import FieldParts, InvalidFileError, Problem
from plan_cli.basics.pyyaml import yaml
from plan_cli.reading.source_map import SourceMap
from plan_cli.reading.yaml_problems import (
    EventScan,
    Wording,
    node_kind,
    node_position,
    position,
    reader_problem,
    scan_events,
    yaml_problem,
)
from plan_cli.reading.yaml_values import MAX_DEPTH, TAG, Converter

__all__ = ["Document", "Wording", "compose_root", "read_document", "read_mapping"]

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


class Document(NamedTuple):
    """A YAML document read into plain values, with where each sits and what was wrong in it.

    ``problems`` are about single values (a duplicate key, a tag, a control
    character …), each located; ``failed_at`` holds their field paths, so a
    caller checking the rest can keep clear of them. ``partial`` is True when
    an alias was refused or nesting went too deep: the values then miss more
    than the places named.
    """

    data: Any
    source: SourceMap
    problems: list[Problem]
    failed_at: list[FieldParts]
    partial: bool


def read_document(
    text: str,
    path: str,
    wording: Wording,
    place_of: Callable[[Any, FieldParts], str] | None = None,
) -> Document | None:
    """Return the YAML document in ``text`` as plain values, or None when it holds none (empty, comments only).

    Raise InvalidFileError when the text is not YAML at all (a syntax error, a
    control character, a stray byte-order mark, nesting past the parser's
    limit); problems with single values come back in the Document, each
    located, and named by ``place_of`` (the field path otherwise).
    """
    source = SourceMap(path)
    stray = text.find("\ufeff")
    if stray >= 0:
        line, column = position(text, stray)
        raise InvalidFileError(
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
        raise InvalidFileError([reader_problem(error, path, text, wording)]) from None
    except yaml.MarkedYAMLError as error:
        if "exceeded maximum nesting depth" in str(error):  # libyaml's own limit (1000 levels)
            raise InvalidFileError(
                _scan(text, path, wording).too_deep or [yaml_problem(error, path, text, wording)]
            ) from None
        raise InvalidFileError([yaml_problem(error, path, text, wording)]) from None
    except yaml.YAMLError as error:
        raise InvalidFileError([Problem(f"is not valid YAML: {error}", path=path)]) from None
    except RecursionError:  # the pure-Python composer recurses once per level
        raise InvalidFileError(
            _scan(text, path, wording).too_deep
            or [Problem(f"is nested too deeply (more than {MAX_DEPTH} levels)", path=path)]
        ) from None
    if node is None:
        return None
    converter = Converter(source, wording, check_aliases="*" in text)
    data = converter.value(node, (), 0)
    source.root = node
    source.data = data
    if place_of is not None:
        converter.name_places(data, place_of)
    if converter.aliased:
        # The composed tree shares the anchored node, so the alias's own place is lost; the
        # event stream still has it. (Only read on this error path.)
        converter.problems.extend(_scan(text, path, wording).aliases)
    partial = converter.aliased or converter.too_deep
    return Document(data, source, converter.problems, converter.failed_at, partial)


def read_mapping(
    text: str, path: str, wording: Wording, empty: str, example: str
) -> tuple[dict[str, Any], SourceMap]:
    """Return the mapping a YAML file holds and where its values sit; raise InvalidFileError with every problem.

    ``empty`` is the message for a file with nothing in it; ``example`` shows
    the mapping the file should hold, for a file holding a list or a single value.
    """
    document = read_document(text, path, wording)
    if document is None:
        raise InvalidFileError([Problem(empty, path=path, line=1, column=1)])
    if document.problems:
        raise InvalidFileError(document.problems)
    if not isinstance(document.data, dict):
        root = document.source.root
        line, column = node_position(root) if root is not None else (None, None)
        kind = node_kind(root) if root is not None else "a single value"
        raise InvalidFileError(
            [Problem(f"must be a mapping, e.g. {example}; not {kind}", path=path, line=line, column=column)]
        )
    return document.data, document.source


def compose_root(text: str) -> yaml.Node | None:
    """The composed node tree of ``text``, a file already read without problems: for positions only."""
    return yaml.compose(text, Loader=_Loader)


def _scan(text: str, path: str, wording: Wording) -> EventScan:
    """Walk the event stream for what the composed tree cannot tell (see :func:`scan_events`)."""
    return scan_events(text, path, _Loader, MAX_DEPTH, MAX_ALIAS_PROBLEMS, wording)
