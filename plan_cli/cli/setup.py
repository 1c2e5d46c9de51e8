"""plan schema and plan init: setting a plan up for editors and for a new force."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from ..wording import plural
from .options import PlanOption, open_plan
from .terminal import print_json, stderr


def schema() -> None:
    """Print the plan file's JSON Schema (draft 2020-12), for editors and validators.

    The repository keeps a copy in plan.schema.json; a plan file's first line
    '# yaml-language-server: $schema=../plan.schema.json' lets VS Code and other
    editors complete and check it as you type.

    Example: plan schema > plan.schema.json
    """
    from ..json_schema import json_schema

    print_json(json_schema())


def init(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="Where to write the new plan; must not exist yet.")
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite PATH if it exists.")] = False,
    force_name: Annotated[
        str | None,
        typer.Option(
            "--force-name",
            metavar="NAME",
            help="The new plan's force, e.g. 'Durham Constabulary'. Default: a placeholder to replace.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
) -> None:
    """Start a plan for another force: the current plan's recommendations and evidence requirements, no responses.

    The recommendations come from the --plan file (or data/plan.yaml). Every
    evidence item starts with no updates (not-started); comments in the file
    say what to fill in. Refuses to overwrite an existing file (exit 1).

    Example: plan init durham.yaml --force-name 'Durham Constabulary'
    """
    if force_name is not None and not force_name.strip():
        raise UsageError(
            "--force-name is empty; give the force's name, e.g. --force-name 'Durham Constabulary'"
        )
    from ..loader import parse_plan
    from ..scaffold import starting_plan_yaml
    from ..writer import write_document

    source = open_plan(plan).plan
    text = starting_plan_yaml(source, force_name)
    parse_plan(text, str(path))  # what we write must be a plan that 'plan check' accepts
    write_document(path, text.encode("utf-8"), force=force)
    stderr().print(
        f"{path}: wrote a starting plan for {force_name or 'a new force'}: "
        f"{plural(len(source.recommendations), 'recommendation')}, "
        f"{plural(len(source.items), 'evidence item')}, no updates yet. "
        f"Fill in the force's responses, then run: plan check --plan {path}",
    )
