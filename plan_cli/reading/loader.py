"""YAML to model, with every problem located at file:line:col and a field path.

The file is read as every file a person names is (see :mod:`plan_cli.basics.files`:
its limit, UTF-8 or a message naming the encoding, nothing that would block).
Reading is safe YAML only: the document is composed into nodes (libyaml's
C parser where installed), and the nodes are turned into plain values (see
:mod:`yaml_compose`), so that every value keeps its place in the file,
duplicate keys and aliases are caught, and no YAML tag can construct anything
but plain data.

A plan file read before without problems, byte for byte the same, by the same
code, is not parsed again: its values come from the user's cache (see
:mod:`plan_cache`), and its positions are worked out only if a message needs
one.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from plan_cli.basics.errors import InvalidPlanError, Problem
from plan_cli.basics.files import FileKind, Unreadable, decode, read_bytes
from plan_cli.plan.model import Plan
from plan_cli.reading import plan_cache
from plan_cli.reading.build import build_plan
from plan_cli.reading.source_map import SourceMap

# A plan is ~100 KB; a national collation (43 forces) ~5 MB; 100x the real plan 9.4 MB. Anything far
# larger is the wrong file, and a value longer than any published cell is a paste gone wrong.
MAX_FILE_BYTES = 32 * 1024 * 1024
PLAN_FILE = FileKind("plan file", MAX_FILE_BYTES, "the YAML file itself", ", or give it with --plan PATH")
"""How a plan file is read (see :mod:`plan_cli.basics.files`): its limit and the words for it."""


class LoadedPlan(NamedTuple):
    """A validated plan with the map of where its values sit in the file."""

    plan: Plan
    source: SourceMap


def load_plan(path: Path | str) -> LoadedPlan:
    """Read, validate and build the plan at ``path``; raise InvalidPlanError with every problem.

    The values of a file read before, unchanged, come from the cache (see the module docstring).
    """
    label = str(path)
    raw = read_plan_bytes(path)
    entry = plan_cache.Entry(path, raw)
    with _collector_off():
        kept = entry.values()
        if kept is not None:
            data, written = kept
            source = SourceMap(
                label, written=written, compose=lambda: _compose_root(entry, label), places=entry.places
            )
            source.data = data
            return LoadedPlan(build_plan(data), source)
        loaded = parse_plan(plan_text(raw, label), label)
        entry.keep(loaded.source)
    return loaded


def read_plan_bytes(path: Path | str) -> bytes:
    """Return the file's bytes, at most MAX_FILE_BYTES of them; raise InvalidPlanError if unreadable."""
    try:
        return read_bytes(path, PLAN_FILE)
    except Unreadable as error:
        raise InvalidPlanError([Problem(error.reason, path=str(path))]) from None


def plan_text(raw: bytes, label: str) -> str:
    """Return a plan file's bytes as text (UTF-8, optional byte-order mark); raise InvalidPlanError if not."""
    try:
        return decode(raw)
    except Unreadable as error:
        raise InvalidPlanError(
            [Problem(error.reason, path=label, line=error.line, column=error.column)]
        ) from None


def parse_plan(text: str, path: str = "<plan>") -> LoadedPlan:
    """Validate and build a plan from YAML text; raise InvalidPlanError with every problem found."""
    from plan_cli.reading.yaml_compose import valid_values

    with _collector_off():
        data, source = valid_values(text, path)
        return LoadedPlan(build_plan(data), source)


def compose_plan(text: str, path: str = "<plan>") -> tuple[Any, SourceMap]:
    """Return the YAML document as plain values and its SourceMap; raise InvalidPlanError for bad YAML."""
    from plan_cli.reading.yaml_compose import compose_plan as compose

    return compose(text, path)


def _compose_root(entry: plan_cache.Entry, label: str) -> Any:
    """Compose a plan from the cache, for a message's position; keep its places for the next one."""
    from plan_cli.reading.yaml_compose import compose_root

    root = compose_root(plan_text(entry.raw, label))
    entry.keep_places(SourceMap(label, root).places())
    return root


@contextmanager
def _collector_off() -> Iterator[None]:
    """The cyclic garbage collector off while a plan is loaded.

    Loading allocates a few objects per value and frees none, so the collector
    would only rescan a growing heap: off, loading a 100x plan takes a quarter
    the time.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
