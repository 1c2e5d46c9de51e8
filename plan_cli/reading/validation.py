"""Plain plan data checked against the declaration in :mod:`plan_cli.plan.schema`.

The loader turns YAML into plain Python values; :func:`validate` reports
every problem with its field path (shapes first, then cross-references), and
:mod:`plan_cli.reading.build` then turns checked values into model objects.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from plan_cli.basics.errors import FieldParts, Finding
from plan_cli.plan.model import parse_fuzzy_date
from plan_cli.plan.schema import (
    PLAN,
    STATUS,
    Boolean,
    Choice,
    ExactDate,
    Field,
    FuzzyDateSpec,
    Integer,
    ListOf,
    MapOf,
    Number,
    Obj,
    Spec,
    Text,
)
from plan_cli.plan.status_words import read_status
from plan_cli.reading.places import ordinal

ScalarSource = Callable[[FieldParts], "str | None"]


def validate(data: Any, scalar_source: ScalarSource | None = None) -> list[Finding]:
    """Return every problem in plain plan data: shapes, then cross-references, in one pass.

    A shape problem in one place does not hide a cross-reference problem in
    another (a status typo and an undeclared round are both reported); entries
    too broken to cross-check are skipped. ``scalar_source`` gives the text a
    non-string scalar was written as, so a message can say "quote it" for
    ``7.10`` read as a number.
    """
    checker = _Checker(scalar_source or (lambda parts: None))
    if isinstance(data, dict):
        checker.round_ids = (
            {
                r["id"]
                for r in data.get("rounds") or ()
                if isinstance(r, dict) and isinstance(r.get("id"), str)
            }
            if isinstance(data.get("rounds"), list)
            else set()
        )
    checker.check(PLAN, data, ())
    if isinstance(data, dict):
        _check_references(data, checker.findings)
    return checker.findings


class _Checker:
    def __init__(self, scalar_source: ScalarSource) -> None:
        self.findings: list[Finding] = []
        self.source = scalar_source
        self.round_ids: set[str] = set()

    def fail(self, parts: FieldParts, message: str, at_key: bool = False) -> None:
        self.findings.append(Finding(parts, message, at_key))

    def wrong_type(self, spec: Spec, value: Any, parts: FieldParts) -> None:
        written = self.source(parts)
        if isinstance(spec, (Text, Choice)) and written is not None:
            what = _describe(value)
            self.fail(parts, f"'{written}' was read as {what}; quote it to keep it as text: \"{written}\"")
            return
        self.fail(parts, f"expected {spec.noun}, got {_describe(value)}")

    def check(self, spec: Spec, value: Any, parts: FieldParts) -> None:
        if isinstance(spec, Obj):
            self.check_object(spec, value, parts)
        elif isinstance(spec, ListOf):
            if not isinstance(value, list):
                self.wrong_type(spec, value, parts)
                return
            for index, element in enumerate(value):
                self.check(spec.item, element, (*parts, index))
        elif isinstance(spec, MapOf):
            if not isinstance(value, dict):
                self.wrong_type(spec, value, parts)
                return
            for key, element in value.items():
                self.check(spec.value, element, (*parts, key))
        else:
            self.check_scalar(spec, value, parts)

    def check_object(self, spec: Obj, value: Any, parts: FieldParts) -> None:
        if not isinstance(value, dict):
            self.wrong_type(spec, value, parts)
            return
        for key in value:
            if key not in spec.fields:
                message = _unknown_field(key, spec.fields)
                if spec.name == "EvidenceItem" and key in self.round_ids:
                    message = (
                        f"'{key}' is a round, not a field of the item; indent it under updates: "
                        "(further in than updates:), and take away any {} after updates:"
                    )
                self.fail((*parts, key), message, at_key=True)
        for name, declared in spec.fields.items():
            if name in value:
                if value[name] is None and spec.name == "EvidenceItem" and name == "updates":
                    self.fail(
                        (*parts, name),
                        "is empty; put each round's update indented under it, or write updates: {} "
                        "until the first response",
                    )
                elif value[name] is None and not declared.required:
                    self.fail((*parts, name), f"is empty; give {declared.spec.noun} or remove the line")
                else:
                    self.check(declared.spec, value[name], (*parts, name))
            elif declared.required:
                self.fail((*parts, name), f"is missing; {_required_hint(spec, name)}")
        if spec.exactly_one_of:
            present = [name for name in spec.exactly_one_of if name in value]
            if len(present) != 1:
                names = " or ".join(spec.exactly_one_of)
                verb = "both" if present else "neither"
                self.fail(parts, f"has {verb} of {names}; give exactly one")

    def check_scalar(self, spec: Spec, value: Any, parts: FieldParts) -> None:
        if isinstance(spec, Text):
            if not isinstance(value, str):
                self.wrong_type(spec, value, parts)
            elif not value.strip():
                self.fail(parts, "is empty; give the text or remove the line")
            elif spec.pattern and not re.fullmatch(spec.pattern, value):
                self.fail(parts, f"'{value}' is not valid here; expected {spec.pattern_hint or spec.pattern}")
        elif isinstance(spec, Choice):
            if not isinstance(value, str):
                self.wrong_type(spec, value, parts)
            elif value not in spec.values:
                self.fail(parts, _not_a_choice(value, spec))
        elif isinstance(spec, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                self.wrong_type(spec, value, parts)
        elif isinstance(spec, Number):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.wrong_type(spec, value, parts)
        elif isinstance(spec, Boolean):
            if not isinstance(value, bool):
                self.wrong_type(spec, value, parts)
        elif isinstance(spec, ExactDate):
            self.check_exact_date(value, parts)
        elif isinstance(spec, FuzzyDateSpec):
            self.check_fuzzy_date(value, parts)

    def check_exact_date(self, value: Any, parts: FieldParts) -> None:
        if isinstance(value, date):
            return
        if isinstance(value, str):
            try:
                date.fromisoformat(value)
            except ValueError as error:
                self.fail(parts, _date_problem(value, error))
            else:
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    self.fail(parts, f"'{value}' is not a date; write it as YYYY-MM-DD")
            return
        self.wrong_type(ExactDate(), value, parts)

    def check_fuzzy_date(self, value: Any, parts: FieldParts) -> None:
        if isinstance(value, bool) or not isinstance(value, (str, date, int)):
            self.wrong_type(FuzzyDateSpec(), value, parts)
            return
        try:
            parse_fuzzy_date(value)
        except ValueError as error:
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                self.fail(parts, _date_problem(value, error))
            else:
                self.fail(parts, str(error))


def _date_problem(value: str, error: ValueError) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"'{value}' is not a real date ({error}); check the day and month"
    return f"'{value}' is not a date; write it as YYYY-MM-DD (a date like 06/04/26 is ambiguous)"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def _unknown_field(key: Any, fields: Mapping[str, Field]) -> str:
    names = list(fields)
    hint = _suggest(str(key), names)
    return f"unknown field '{key}'; {hint}fields here are: {', '.join(names)}"


def _not_a_choice(value: str, spec: Choice) -> str:
    if spec is STATUS:
        return _not_a_status(value, spec)
    hint = _suggest(value, list(spec.values))
    return f"'{value}' is not a {spec.what}; {hint}use one of {', '.join(spec.values)}"


def _not_a_status(value: str, spec: Choice) -> str:
    """A status the plan cannot hold: the plan's spelling where the vocabulary knows the word, else a hint."""
    reading = read_status(value)
    if reading.status is not None:
        return (
            f"'{value}' is not a status; write {reading.status.value}, the plan's word for it "
            f"(the statuses are {', '.join(spec.values)})"
        )
    if reading.could_be:
        options = " or ".join(status.value for status in reading.could_be)
        return f"'{value}' is not a status and could mean {options}; write the one you mean"
    near = read_status(reading.near).status if reading.near else None
    hint = f"did you mean '{near.value}'? " if near else _suggest(value, list(spec.values))
    return f"'{value}' is not a {spec.what}; {hint}use one of {', '.join(spec.values)}"


def _required_hint(spec: Obj, name: str) -> str:
    if spec.name == "EvidenceItem" and name == "updates":
        return "add updates: with each round's update (updates: {} before the first response)"
    return f"every {spec.name or 'entry'} needs {name}:"


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The entries of a list that are mappings, with their indexes: what can be cross-checked."""
    return (
        [(i, entry) for i, entry in enumerate(value) if isinstance(entry, dict)]
        if isinstance(value, list)
        else []
    )


def _strings(value: Any) -> list[tuple[int, str]]:
    return (
        [(i, entry) for i, entry in enumerate(value) if isinstance(entry, str)]
        if isinstance(value, list)
        else []
    )


def _check_references(data: dict[str, Any], findings: list[Finding]) -> None:
    """Cross-check ids, rounds, owners and dependencies, skipping what is too broken to check."""
    shape_problems = {f.parts for f in findings}

    def fail(parts: FieldParts, message: str, at_key: bool = False) -> None:
        if parts not in shape_problems:
            findings.append(Finding(parts, message, at_key))

    def unique(kind: str, entries: Any, key: str, parts: FieldParts, of: type = str) -> list[Any] | None:
        """The entries' values of ``key``, duplicates reported; None unless every entry has a usable one."""
        seen: dict[Any, int] = {}
        complete = isinstance(entries, list)
        for index, entry in enumerate(entries if isinstance(entries, list) else ()):
            value = entry.get(key) if isinstance(entry, dict) else None
            if not isinstance(value, of) or isinstance(value, bool):
                complete = False
                continue
            if value in seen:
                fail(
                    (*parts, index, key),
                    f"duplicate {kind} '{value}' (the {ordinal(seen[value] + 1)} entry has it too)",
                )
            else:
                seen[value] = index
        return list(seen) if complete else None

    body_names = set(unique("body", data.get("bodies"), "name", ("bodies",)) or ())
    round_ids = unique("round id", data.get("rounds"), "id", ("rounds",)) or []
    dependency_list = unique("dependency id", data.get("dependencies") or [], "id", ("dependencies",))
    dependency_ids = dependency_list or []
    dependencies = data.get("dependencies") or []
    unique("recommendation number", data.get("recommendations"), "number", ("recommendations",), of=int)

    def known_round(value: Any, parts: FieldParts, at_key: bool = False) -> None:
        if isinstance(value, str) and round_ids and value not in round_ids:
            fail(
                parts,
                f"'{value}' is not a declared round; {_suggest(value, round_ids)}"
                f"declared rounds are: {', '.join(round_ids)} (declare new rounds under rounds:)",
                at_key,
            )

    def known_owners(owners: Any, parts: FieldParts) -> None:
        if not body_names:
            return
        split = _split_at_commas(owners, body_names)
        for index, owner in _strings(owners):
            if index in split:
                if split[index]:
                    fail(
                        (*parts, index),
                        f"'{owner}' is not one of the bodies: with the entries after it, it is "
                        f"'{split[index]}', which YAML split at its commas; write it in quotes: "
                        f'"{split[index]}"',
                    )
            elif owner not in body_names:
                fail(
                    (*parts, index),
                    f"'{owner}' is not one of the bodies; "
                    f"{_suggest(owner, sorted(body_names))}bodies are: {', '.join(sorted(body_names))}",
                )

    for index, dep in _dicts(dependencies):
        known_round(dep.get("raised"), ("dependencies", index, "raised"))

    item_ids: dict[str, tuple[int | None, int]] = {}
    for r_index, rec in _dicts(data.get("recommendations")):
        rec_parts: FieldParts = ("recommendations", r_index)
        number = rec.get("number")
        if isinstance(number, bool) or not isinstance(number, int):
            number = None
        known_owners(rec.get("owners"), (*rec_parts, "owners"))
        for i_index, item in _dicts(rec.get("items")):
            parts: FieldParts = (*rec_parts, "items", i_index)
            item_id = item.get("id")
            if isinstance(item_id, str):
                if item_id in item_ids:
                    first_rec, first_index = item_ids[item_id]
                    where = (
                        f"recommendation {first_rec}" if first_rec is not None else "another recommendation"
                    )
                    fail(
                        (*parts, "id"),
                        f"duplicate item id '{item_id}' (the {ordinal(first_index + 1)} item of {where} has it too)",
                    )
                else:
                    item_ids[item_id] = (number, i_index)
                if number is not None and item_id.split(".")[0] != str(number):
                    fail(
                        (*parts, "id"),
                        f"item '{item_id}' does not belong to recommendation {number}; "
                        f"its id must start with '{number}.'",
                    )
            if "owners" in item:
                known_owners(item["owners"], (*parts, "owners"))
            if ("owner" in item) != ("owners" in item):
                fail(parts, "give owner and owners together (the published text and the bodies it names)")
            for d_index, dep_id in _strings(item.get("depends_on")):
                if dependency_list is not None and dep_id not in dependency_ids:
                    fail(
                        (*parts, "depends_on", d_index),
                        f"'{dep_id}' is not a dependency; "
                        f"{_suggest(dep_id, dependency_ids)}dependencies are: {', '.join(dependency_ids) or 'none'}",
                    )
            for key in ("milestones", "measures"):
                for m_index, entry in _dicts(item.get(key)):
                    known_round(entry.get("raised"), (*parts, key, m_index, "raised"))
            updates = item.get("updates")
            if isinstance(updates, dict):
                for round_id in updates:
                    known_round(round_id, (*parts, "updates", round_id), at_key=True)


def _split_at_commas(owners: Any, body_names: set[str]) -> dict[int, str]:
    """Return the owners entries that are one body's name split at its commas (a flow list unquoted).

    The first entry of each such run maps to the whole name, the others to "".
    """
    entries = owners if isinstance(owners, list) else []
    found: dict[int, str] = {}
    for start in range(len(entries)):
        for end in range(start + 2, len(entries) + 1):
            run = entries[start:end]
            joined = ", ".join(run) if all(isinstance(e, str) for e in run) else ""
            if start not in found and joined and joined in body_names and run[0] not in body_names:
                found.update({index: "" for index in range(start + 1, end)} | {start: joined})
    return found
