"""The output formats of the document commands, in one table each: name -> producer.

Adding a format touches only this module: the command that offers it, its
help and its ``--format`` choices all come from the table. A producer takes
the plan, ``today`` and an optional user template, and returns text (str) or
bytes (a binary document); what it needs is imported when it runs, so a
command pays only for the format asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from plan_cli.basics.errors import UsageError
from plan_cli.plan.model import Plan

if TYPE_CHECKING:
    from plan_cli.documents.briefing import Asked

Producer = Callable[[Plan, date, Path | None], "str | bytes"]


class Format(NamedTuple):
    """One output format: its name on the command line, what it is, and how it is made.

    ``fragment`` makes the content-only variant that ``--fragment`` asks for
    (a page body to paste into a website), when the format has one.
    """

    name: str
    description: str
    produce: Producer
    template: str | None = None  # the shipped template it renders, when it is templated
    fragment: Producer | None = None
    fragment_template: str | None = None
    raw: Producer | None = None  # the same with the text untouched (--raw), where it is otherwise guarded


def rendered(shipped: str) -> Producer:
    """Return a producer that renders ``shipped`` (or the user's template) with the template context."""

    def produce(plan: Plan, today: date, template: Path | None) -> str:
        from plan_cli.documents.render import render_document
        from plan_cli.documents.template_context import template_context

        return render_document(template_context(plan, today), shipped, template)

    return produce


def _untemplated(name: str, build: Callable[[Plan, date], str | bytes]) -> Producer:
    def produce(plan: Plan, today: date, template: Path | None) -> str | bytes:
        if template is not None:
            raise UsageError(f"--format {name} is built without a template; drop --template")
        return build(plan, today)

    return produce


def _csv(plan: Plan, today: date) -> str:
    from plan_cli.documents.export import plan_csv

    return plan_csv(plan, today)


def _raw_csv(plan: Plan, today: date) -> str:
    from plan_cli.documents.export import plan_csv

    return plan_csv(plan, today, raw=True)


def _json(plan: Plan, today: date) -> str:
    from plan_cli.documents.export import plan_json

    return plan_json(plan, today)


def _plan_docx(plan: Plan, today: date) -> bytes:
    from plan_cli.documents.docx import plan_docx
    from plan_cli.documents.template_context import template_context

    return plan_docx(template_context(plan, today))


EXPORTS: dict[str, Format] = {
    entry.name: entry
    for entry in (
        Format("md", "the plan in the published layout, as Markdown", rendered("plan.md.j2"), "plan.md.j2"),
        Format(
            "html",
            "the published layout as a standalone HTML page (--fragment: only its content, to paste)",
            rendered("plan.html.j2"),
            "plan.html.j2",
            fragment=rendered("plan.fragment.html.j2"),
            fragment_template="plan.fragment.html.j2",
        ),
        Format("docx", "the published layout as a landscape Word table", _untemplated("docx", _plan_docx)),
        Format(
            "csv",
            "one row per evidence item, a column per round",
            _untemplated("csv", _csv),
            raw=_untemplated("csv", _raw_csv),
        ),
        Format("json", "everything, for programs", _untemplated("json", _json)),
    )
}

ReportProducer = Callable[[Plan, date, "Path | None", "Asked | None"], "str | bytes"]


class ReportFormat(NamedTuple):
    """An output format of ``plan report``: made from the plan, ``today``, a template, and what was asked.

    ``asked`` (the filters of ``plan report``, and ``--brief``) adds the
    briefing of the items selected; None for the whole plan's report.
    """

    name: str
    description: str
    produce: ReportProducer
    template: str | None = None


def _report_context(plan: Plan, today: date, asked: Asked | None) -> dict[str, Any]:
    from plan_cli.documents.briefing import briefing
    from plan_cli.documents.template_context import template_context

    context = template_context(plan, today)
    if asked is not None:
        context["briefing"] = briefing(plan, today, asked)
    return context


def rendered_report(shipped: str) -> ReportProducer:
    """Return a producer that renders ``shipped`` (or the user's template) with the report's context."""

    def produce(plan: Plan, today: date, template: Path | None, asked: Asked | None = None) -> str:
        from plan_cli.documents.render import render_document

        return render_document(_report_context(plan, today, asked), shipped, template)

    return produce


def _report_docx_asked(plan: Plan, today: date, template: Path | None, asked: Asked | None = None) -> bytes:
    if template is not None:
        raise UsageError("--format docx is built without a template; drop --template")
    from plan_cli.documents.docx import report_docx

    return report_docx(_report_context(plan, today, asked))


REPORTS: dict[str, ReportFormat] = {
    entry.name: entry
    for entry in (
        ReportFormat(
            "md", "the progress report as Markdown", rendered_report("report.md.j2"), "report.md.j2"
        ),
        ReportFormat(
            "html",
            "the progress report as a standalone HTML page, its charts drawn inline (for e-mail and print)",
            rendered_report("report.html.j2"),
            "report.html.j2",
        ),
        ReportFormat("docx", "the progress report as a Word document", _report_docx_asked),
    )
}


DraftProducer = Callable[[dict[str, Any], "Path | None"], "str | bytes"]


class DraftFormat(NamedTuple):
    """An output format of ``plan draft``: made from the draft context and an optional user template."""

    name: str
    description: str
    produce: DraftProducer
    template: str | None = None


def _draft_md(context: dict[str, Any], template: Path | None) -> str:
    from plan_cli.documents.render import render_document

    return render_document(context, "draft.md.j2", template)


def _draft_docx(context: dict[str, Any], template: Path | None) -> bytes:
    from plan_cli.documents.draft_docx import draft_docx

    if template is not None:
        raise UsageError("--format docx is built without a template; drop --template")
    return draft_docx(context)


DRAFTS: dict[str, DraftFormat] = {
    entry.name: entry
    for entry in (
        DraftFormat("md", "the reply form as Markdown, to fill in any text editor", _draft_md, "draft.md.j2"),
        DraftFormat("docx", "the reply form as a Word document: a table per item to fill", _draft_docx),
    )
}


DatedProducer = Callable[[Plan, date, "str | None"], "str | bytes"]


class DatedFormat(NamedTuple):
    """An output format of ``plan deadlines``: made from the plan, ``today`` and the --owner asked for."""

    name: str
    description: str
    produce: DatedProducer


def _deadlines_ics(plan: Plan, today: date, owner: str | None) -> str:
    from plan_cli.documents.ics import deadlines_ics
    from plan_cli.questions.deadlines import owned_deadlines

    return deadlines_ics(plan, owned_deadlines(plan, today, owner), today).decode("utf-8")


DEADLINES: dict[str, DatedFormat] = {
    entry.name: entry
    for entry in (
        DatedFormat("ics", "an iCalendar file: an all-day event per entry, to subscribe to", _deadlines_ics),
    )
}
