"""Importing a force's published plan: an HTML page, the published text, a .docx or our own CSV.

:func:`import_plan` takes the source's bytes and returns the plan file text
with what was found. The reader is chosen from the content
(:mod:`.sources`), the columns from their headings (:mod:`.structure`), and
the file is written line by line with its ``# source:`` comments
(:mod:`.emit`). Nothing here prints or touches the terminal; the heavy
parsers (selectolax, python-docx) are imported only when a source needs them.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from plan_cli.basics.errors import InvalidPlanError, SourceError
from plan_cli.importer.emit import plan_yaml
from plan_cli.importer.records import ImportedPlan
from plan_cli.importer.sources import read_tables
from plan_cli.importer.structure import structure
from plan_cli.plan.catalogue import load_catalogue
from plan_cli.reading.loader import parse_plan

__all__ = ["Imported", "import_plan"]


class Imported(NamedTuple):
    """The plan file text, what was read to make it, and the kind of source ("html", "docx", ...)."""

    text: str
    plan: ImportedPlan
    kind: str


def import_plan(
    data: bytes,
    name: str,
    force_name: str | None = None,
    table: int | None = None,
    schema: str | None = None,
    today: date | None = None,
    address: str | None = None,
) -> Imported:
    """Return the plan file text for the published plan in ``data``; raise SourceError if it cannot be read.

    ``name`` is the source's file name (for messages and the header);
    The text is checked to load as a plan before it is returned.
    ``force_name`` overrides the force the source names and is needed where it
    names none; ``table`` picks one of several candidate tables (1 = the
    first table of the source); ``schema`` is the ``$schema`` path to write,
    if any; ``today``, the day of the import, is written as the ``published``
    date of each round the source reports (it was published by then; the
    source gives no date), so that the plan's columns are its published ones.
    ``address``, for a page downloaded by its address, is where it came from
    (after redirects), written in a ``# source:`` comment.
    """
    kind, tables = read_tables(data, name)
    found = structure(tables, name, plain=kind == "csv", table_number=table)
    if address is not None:
        found.notes.insert(0, f"downloaded from {address}")
    force = (force_name or "").strip() or found.fields.get("force")
    if not force:
        raise SourceError(
            name,
            "does not name the force; give it with --force-name, e.g. --force-name 'Wessex Constabulary'",
        )
    _owners_from_catalogue(found, name)
    title = found.title or f"{force} action plan"
    where = f", {found.table}" if found.table.startswith("table ") else ""
    described = f"{name} ({_KINDS[kind]}{where})"
    text = plan_yaml(
        found,
        force=force,
        title=title,
        described=described,
        bodies=load_catalogue().bodies,
        schema=schema,
        today=today,
    )
    try:
        parse_plan(text, "the imported plan")
    except InvalidPlanError as error:
        raise SourceError(
            name,
            f"cannot be imported as it stands: {error.problems[0]}; correct the source and import it again",
        ) from None
    return Imported(text, found, kind)


def _owners_from_catalogue(found: ImportedPlan, name: str) -> None:
    """Give a recommendation no row names an owner for the template's addressees, saying so; else refuse."""
    addressees = {rec.number: rec.addressees for rec in load_catalogue().recommendations}
    for rec in found.recommendations:
        if rec.owner:
            continue
        if rec.number not in addressees:
            raise SourceError(
                name, f"recommendation {rec.number} has no owner in any row; give one in its owner column"
            )
        rec.owner = addressees[rec.number]
        rec.notes.append("no owner in the source; the template's addressees")
        for item in rec.items:
            item.owner = item.owner or rec.owner


_KINDS = {"html": "HTML", "docx": "Word document", "pdf": "PDF", "csv": "CSV", "text": "tab-separated text"}
