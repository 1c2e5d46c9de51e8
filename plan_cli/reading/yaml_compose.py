"""A plan file's YAML to plain values, then checked as a plan: every problem at file:line:col with a field path.

The YAML is read as any YAML file is (see :mod:`yaml_document`), in a plan
file's words; then the values are validated against the schema. Where the
YAML itself went wrong, the field problems elsewhere in the file are
reported too, so one run says both. Only the loader and a message that needs
a position (see :class:`SourceMap`) come here.
"""

from __future__ import annotations

from typing import Any

from plan_cli.basics.errors import FieldParts, InvalidFileError, InvalidPlanError, Problem
from plan_cli.reading.places import place_of
from plan_cli.reading.source_map import SourceMap
from plan_cli.reading.validation import validate
from plan_cli.reading.yaml_document import MAX_ALIAS_PROBLEMS, Document, Wording, compose_root, read_document
from plan_cli.reading.yaml_problems import node_kind, node_position

__all__ = ["MAX_ALIAS_PROBLEMS", "PLAN_WORDING", "compose_plan", "compose_root", "valid_values"]

PLAN_WORDING = Wording(
    noun="plan file",
    document="plan",
    key="field",
    nested_example=", e.g. 'updates:' then the rounds indented below",
)
"""How messages about a plan file's YAML name the file and what it holds."""


def compose_plan(text: str, path: str = "<plan>") -> tuple[Any, SourceMap]:
    """Return the YAML document as plain values and its SourceMap; raise InvalidPlanError for bad YAML."""
    try:
        document = read_document(text, path, PLAN_WORDING, place_of)
    except InvalidFileError as error:
        raise InvalidPlanError(error.problems) from None
    if document is None:
        raise InvalidPlanError(
            [
                Problem(
                    "is empty; a plan starts with title:, force:, bodies:, rounds: and "
                    "recommendations: (see: plan help format)",
                    path=path,
                    line=1,
                    column=1,
                )
            ]
        )
    data, source = document.data, document.source
    if document.problems:
        raise InvalidPlanError(document.problems + _elsewhere(document))
    if not isinstance(data, dict):
        assert source.root is not None
        line, column = node_position(source.root)
        raise InvalidPlanError(
            [
                Problem(
                    f"the plan must be a mapping of fields (title:, force: …), not {node_kind(source.root)}",
                    path=path,
                    line=line,
                    column=column,
                )
            ]
        )
    return data, source


def _elsewhere(document: Document) -> list[Problem]:
    """The field problems away from where the YAML itself went wrong, so one run reports both.

    Not where an alias was refused (its value is missing, not wrong) or the
    nesting went too deep (the wrong file, most likely), and nothing at or under
    a place the YAML problems already name.
    """
    data, source = document.data, document.source
    if document.partial or not isinstance(data, dict):
        return []
    spoilt = document.failed_at

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
