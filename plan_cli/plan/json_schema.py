"""The plan file's JSON Schema (draft 2020-12), generated from the declaration in :mod:`plan_cli.plan.schema`.

Editors read it to complete and check a plan file as it is typed.
"""

from __future__ import annotations

from typing import Any, assert_never

from plan_cli.plan.schema import (
    PLAN,
    Boolean,
    Choice,
    ExactDate,
    FuzzyDateSpec,
    Integer,
    ListOf,
    MapOf,
    Number,
    Obj,
    Spec,
    Text,
)


def json_schema() -> dict[str, Any]:
    """Return the plan file's JSON Schema (draft 2020-12), generated from :data:`PLAN`."""
    definitions: dict[str, Any] = {}
    root = _schema_of(PLAN, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Generated from plan_cli/plan/schema.py; regenerate with: plan schema > plan.schema.json",
        "title": "Police stalking action plan (NPCC template)",
        **{k: v for k, v in definitions[root["$ref"].rsplit("/", 1)[1]].items()},
        "$defs": {k: v for k, v in definitions.items() if k != PLAN.name},
    }


def _schema_of(spec: Spec, definitions: dict[str, Any]) -> dict[str, Any]:
    if isinstance(spec, Obj):
        if spec.name not in definitions:
            definitions[spec.name] = {}
            properties = {}
            for name, declared in spec.fields.items():
                properties[name] = {
                    **_schema_of(declared.spec, definitions),
                    "description": declared.description,
                }
            body: dict[str, Any] = {
                "type": "object",
                "description": spec.description,
                "properties": properties,
                "additionalProperties": False,
            }
            required = [name for name, declared in spec.fields.items() if declared.required]
            if required:
                body["required"] = required
            if spec.exactly_one_of:
                body["oneOf"] = [{"required": [name]} for name in spec.exactly_one_of]
            definitions[spec.name] = body
        return {"$ref": f"#/$defs/{spec.name}"}
    if isinstance(spec, ListOf):
        return {"type": "array", "items": _schema_of(spec.item, definitions)}
    if isinstance(spec, MapOf):
        out: dict[str, Any] = {"type": "object", "additionalProperties": _schema_of(spec.value, definitions)}
        if spec.key_pattern:
            out["propertyNames"] = {"pattern": f"^{spec.key_pattern}$"}
        return out
    if isinstance(spec, Text):
        text: dict[str, Any] = {"type": "string", "minLength": 1}
        if spec.pattern:
            text["pattern"] = f"^{spec.pattern}$"
        return text
    if isinstance(spec, Choice):
        return {"type": "string", "enum": list(spec.values)}
    if isinstance(spec, Integer):
        return {"type": "integer"}
    if isinstance(spec, Number):
        return {"type": "number"}
    if isinstance(spec, Boolean):
        return {"type": "boolean"}
    if isinstance(spec, ExactDate):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if isinstance(spec, FuzzyDateSpec):
        return {
            "anyOf": [
                {
                    "type": "string",
                    "pattern": r"^(\d{4}(-\d{2}(-\d{2})?|-Q[1-4])?|(Spring|Summer|Autumn|Winter) \d{4}|unknown)$",
                },
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
        }
    assert_never(spec)
