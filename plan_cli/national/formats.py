"""The national roll-up's output formats, in one table: name -> producer.

Like :mod:`plan_cli.documents.formats`: adding a format of ``plan national``
touches only this table; its ``--format`` choices and help come from it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from plan_cli.basics.errors import UsageError

if TYPE_CHECKING:
    from plan_cli.national.force_figures import RollUp

RollUpProducer = Callable[["RollUp", Path | None], str | bytes]


class RollUpFormat(NamedTuple):
    """One output format of the national roll-up: like :class:`plan_cli.documents.formats.Format`, made from many plans' figures."""

    name: str
    description: str
    produce: RollUpProducer
    template: str | None = None


def rendered_roll_up(shipped: str) -> RollUpProducer:
    """Return a producer that renders ``shipped`` (or the user's template) with the roll-up's context."""

    def produce(roll: RollUp, template: Path | None) -> str:
        from plan_cli.documents.render import render_document
        from plan_cli.national.report_data import national_context

        return render_document(national_context(roll), shipped, template)

    return produce


def _roll_up_json(roll: RollUp, template: Path | None) -> str:
    if template is not None:
        raise UsageError("--format json is built without a template; drop --template")
    from plan_cli.national.report_data import national_json

    return national_json(roll)


def _roll_up_docx(roll: RollUp, template: Path | None) -> bytes:
    if template is not None:
        raise UsageError("--format docx is built without a template; drop --template")
    from plan_cli.national.docx import national_docx
    from plan_cli.national.report_data import national_context

    return national_docx(national_context(roll))


NATIONAL: dict[str, RollUpFormat] = {
    entry.name: entry
    for entry in (
        RollUpFormat("md", "the roll-up as Markdown", rendered_roll_up("national.md.j2"), "national.md.j2"),
        RollUpFormat(
            "html",
            "the roll-up as a standalone HTML page",
            rendered_roll_up("national.html.j2"),
            "national.html.j2",
        ),
        RollUpFormat(
            "csv",
            "a row per recommendation and item: forces by status, forces with no answer",
            rendered_roll_up("national.csv.j2"),
            "national.csv.j2",
        ),
        RollUpFormat(
            "forces-csv",
            "a row per force: its latest round, items by status, and its missing answers on one line",
            rendered_roll_up("national-forces.csv.j2"),
            "national-forces.csv.j2",
        ),
        RollUpFormat(
            "docx",
            "the roll-up as a Word document, the map and half-year shares in shaded cells",
            _roll_up_docx,
        ),
        RollUpFormat("json", "everything, for programs (as --json)", _roll_up_json),
    )
}
