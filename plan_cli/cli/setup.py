"""plan schema and plan init: setting a plan up for editors and for a new force."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plan_cli.basics.errors import UsageError
from plan_cli.basics.wording import plural
from plan_cli.cli.terminal import print_json, stderr


def schema() -> None:
    """Print the plan file's JSON Schema (draft 2020-12), for editors and validators.

    The repository keeps a copy in plan.schema.json; a plan file's first line
    '# yaml-language-server: $schema=../plan.schema.json' lets VS Code and other
    editors complete and check it as you type.

    Example: plan schema > plan.schema.json
    """
    from plan_cli.plan.json_schema import json_schema

    print_json(json_schema())


def init(
    path: Annotated[
        Path,
        typer.Argument(metavar="PATH", help="Where to write the new plan; missing directories are created."),
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Overwrite PATH if it exists (without it, an existing PATH is refused)."
        ),
    ] = False,
    force_name: Annotated[
        str | None,
        typer.Option(
            "--force-name",
            metavar="NAME",
            help="The new plan's force, e.g. 'Wessex Constabulary'. Default: a placeholder to replace.",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="PLAN",
            show_default=False,
            help="Copy the recommendations, rounds and bodies of this plan instead of the shipped catalogue.",
        ),
    ] = None,
) -> None:
    """Start a plan for a force: every recommendation and evidence requirement it answers, no responses.

    The recommendations, their deadlines, addressees and the NPCC template's
    evidence requirements come from the catalogue shipped with plan; with
    --from PLAN they are copied from that plan instead (with its rounds). The
    first round is declared and every evidence item starts with no updates
    (not-started); comments in the file show how to write the first one.
    Missing directories are created. An existing PATH is refused (exit 1)
    unless --force is given. A '$schema' line is written when a
    plan.schema.json is found at or above PATH's directory.

    Example: plan init data/plan.yaml --force-name 'Wessex Constabulary'
    """
    if force_name is not None and not force_name.strip():
        raise UsageError(
            "--force-name is empty; give the force's name, e.g. --force-name 'Wessex Constabulary'"
        )
    from plan_cli.basics.atomic_write import write_document
    from plan_cli.editing.scaffold import catalogue_plan_yaml, schema_reference, starting_plan_yaml
    from plan_cli.reading.loader import load_plan, parse_plan

    schema = schema_reference(path)
    if source is not None:
        copied = load_plan(source).plan
        text = starting_plan_yaml(copied, force_name, schema)
    else:
        from plan_cli.plan.catalogue import load_catalogue

        text = catalogue_plan_yaml(load_catalogue(), force_name, schema)
    started = parse_plan(text, str(path)).plan  # what we write must be a plan that 'plan check' accepts
    make_parents(path)
    write_document(path, text.encode("utf-8"), force=force)
    stderr().print(
        f"{path}: wrote a starting plan for {force_name or 'a new force'}: "
        f"{plural(len(started.recommendations), 'recommendation')}, "
        f"{plural(len(started.items), 'evidence item')}, no updates yet. "
        f"Fill in the force's responses, then run: plan check --plan {path}",
    )


def make_parents(path: Path) -> None:
    """Create the directories ``path`` needs; raise WriteError when one cannot be made."""
    from plan_cli.basics.errors import WriteError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WriteError(path, f"'{path.parent}' is not a directory") from None
    except OSError as error:
        raise WriteError(path, f"cannot create '{path.parent}' ({error.strerror or error})") from None
