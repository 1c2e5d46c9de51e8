"""Time ``plan national`` on 43 synthetic force plans, each the size and shape of data/plan.yaml.

    python benchmarks/national.py                 # best of 10
    python benchmarks/national.py --runs 3 --forces 43 --keep /tmp/forces

Each force's plan is the real plan with its own force name, its own round
ids, titles and due dates (three cadences: the real plan's, numbered rounds,
spring/autumn reviews), its text rewritten word for word by a table of its
own, about one status in five changed, about one item in twenty left out
and one latest update in ten dropped (so some forces give no answer), and
half its dependency ids its own (the other half, and every party, shared).
The output is the same on every run.

The roll-up is timed as a subprocess of the installed ``plan`` (best of
--runs, output thrown away), as a ratio to the start-up of
``python -c "import typer, rich.console"`` measured in the same run; its peak
memory as a ratio to that of ``plan status`` on one of the plans. Targets:
43 plans within 10x the start-up, memory within 4x one plan's.

``--parallel`` also times the roll-up with its plans loaded in this process
against worker processes (one per core), in turns: the measurement on which
``plan national`` loads plans in processes (see plan_cli.national.rollup.loading_workers). This is a script, not a test: a person reads the numbers.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
sys.path.insert(0, str(BENCHMARKS))
sys.path.insert(0, str(ROOT))

from make_plan import SEED, Rewriter, vocabulary_of  # noqa: E402
from run import ENV, compile_bytecode  # noqa: E402

from plan_cli.plan.model import EvidenceItem, Plan, Round, Status  # noqa: E402

TODAY = "2026-11-28"
SUFFIXES = ("Police", "Constabulary", "Police Service")
STATUSES = tuple(Status)


def cadence(plan: Plan, index: int) -> dict[str, Round]:
    """The real plan's round ids, each mapped to this force's round: its id, title and due date."""
    shift = timedelta(days=index % 17)
    rounds = {}
    for position, declared in enumerate(plan.rounds, start=1):
        if index % 3 == 0:
            new_id, title = declared.id, declared.title
        elif index % 3 == 1:
            new_id, title = f"r{position}", f"Round {position} Return"
        else:
            season = "Spring" if position % 2 else "Autumn"
            year = 2024 + (position + 1) // 2
            new_id, title = f"{season.lower()}-{year}", f"{season} {year} Review"
        due = declared.due + shift if declared.due else None
        rounds[declared.id] = Round(new_id, title, due)
    return rounds


def force_plan(plan: Plan, index: int, vocabulary: dict[int, list[str]]) -> Plan:
    """The ``index``th synthetic force's plan (see the module docstring)."""
    rng = random.Random(SEED + index)
    numbers = {str(rec.number): rec.number for rec in plan.recommendations}
    text = Rewriter(vocabulary, rng, numbers)
    rounds = cadence(plan, index)
    own_ids = {dep.id: f"{dep.id}-{index}" if rng.random() < 0.5 else dep.id for dep in plan.dependencies}
    dependencies = tuple(
        dep._replace(id=own_ids[dep.id], title=text(dep.title) or dep.title, raised=rounds[dep.raised].id)
        for dep in plan.dependencies
    )
    recommendations = []
    for rec in plan.recommendations:
        kept = [item for item in rec.items if rng.random() >= 0.05] or list(rec.items[:1])
        items = tuple(_item(item, rng, text, rounds, own_ids) for item in kept)
        recommendations.append(rec._replace(text=text(rec.text) or rec.text, items=items))
    name = f"Synthetic {index + 1:02d} {SUFFIXES[index % len(SUFFIXES)]}"
    return plan._replace(
        force=name,
        title=text(plan.title) or plan.title,
        rounds=tuple(rounds[declared.id] for declared in plan.rounds),
        recommendations=tuple(recommendations),
        dependencies=dependencies,
    )


def _item(
    item: EvidenceItem, rng: random.Random, text: Rewriter, rounds: dict[str, Round], own_ids: dict[str, str]
) -> EvidenceItem:
    updates = list(item.updates)
    if len(updates) > 1 and rng.random() < 0.1:
        updates.pop()
    changed = []
    for update in updates:
        status = rng.choice(STATUSES) if rng.random() < 0.2 else update.status
        changed.append(
            update._replace(
                round=rounds[update.round].id,
                status=status,
                text=text(update.text),
                parts=tuple(part._replace(text=text(part.text) or part.text) for part in update.parts),
            )
        )
    return item._replace(
        evidence=text(item.evidence),
        updates=tuple(changed),
        depends_on=tuple(own_ids[dep] for dep in item.depends_on),
        milestones=tuple(
            m._replace(text=text(m.text) or m.text, raised=rounds[m.raised].id) for m in item.milestones
        ),
        measures=tuple(m._replace(raised=rounds[m.raised].id) for m in item.measures),
    )


def write_forces(folder: Path, count: int) -> None:
    """Write ``count`` synthetic force plans into ``folder``, each checked to load."""
    from benchmarks.plan_dumper import dump_plan
    from plan_cli.reading.loader import load_plan

    real = load_plan(ROOT / "data" / "plan.yaml").plan
    vocabulary = vocabulary_of(real)
    for index in range(count):
        path = folder / f"force-{index + 1:02d}.yaml"
        path.write_text(dump_plan(force_plan(real, index, vocabulary)), encoding="utf-8")
        load_plan(path)  # raises if the synthetic plan is not valid


class Measured(NamedTuple):
    """The best wall time, CPU time (user + system, children included) and peak memory of a command."""

    wall: float
    cpu: float
    memory: int
    code: int


def measure(argv: list[str], cwd: Path) -> Measured:
    """Run ``argv`` once, output thrown away; return its wall time, CPU time, peak memory and exit code."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    return Measured(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status))


def interleaved(commands: dict[str, list[str]], runs: int, cwd: Path) -> dict[str, Measured]:
    """Run each command ``runs`` times, taking turns, and keep the best of each measure.

    Taking turns spreads the load of a shared machine over all of them, so
    their ratios hold better than when each is timed in a block.
    """
    best: dict[str, Measured] = {}
    for _ in range(runs):
        for label, argv in commands.items():
            found = measure(argv, cwd)
            if label not in best:
                best[label] = found
            else:
                old = best[label]
                best[label] = Measured(
                    min(old.wall, found.wall),
                    min(old.cpu, found.cpu),
                    min(old.memory, found.memory),
                    old.code or found.code,
                )
    return best


SERIAL = (
    "import sys, plan_cli.national.rollup as n; n.PARALLEL_FROM = 10**9; "
    "from plan_cli.cli.app import main; sys.argv[0] = 'plan'; main()"
)


def compare_loading(folder: Path, runs: int) -> None:
    """Time plan national with its plans loaded in one process and in worker processes, in turns."""
    tail = ["national", str(folder), "--json", "--today", TODAY]
    commands = {
        "loading in one process": [sys.executable, "-c", SERIAL, *tail],
        "loading in worker processes": [str(Path(sys.executable).with_name("plan")), *tail],
    }
    walls: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, argv in commands.items():
            walls[label].append(measure(argv, folder).wall)
    for label, times in walls.items():
        times.sort()
        print(
            f"  plan national, {label}: best {times[0] * 1000:.0f} ms, "
            f"median {times[len(times) // 2] * 1000:.0f} ms ({runs} runs in turns)"
        )


def main(argv: list[str] | None = None) -> None:
    """Write the plans, time the roll-up and print the ratios and verdicts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forces", type=int, default=43, help="how many force plans (default 43)")
    parser.add_argument("--runs", type=int, default=10, help="runs per measurement; the best is kept")
    parser.add_argument(
        "--plan", default=str(Path(sys.executable).with_name("plan")), help="the plan command"
    )
    parser.add_argument("--keep", type=Path, help="write the plans into this folder and keep them")
    parser.add_argument("--parallel", action="store_true", help="also time loading in two processes")
    parser.add_argument("--write-forces", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write_forces:
        write_forces(args.write_forces, args.forces)
        return

    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="plan-national-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        # A child writes the plans, so this script stays small: a child's peak memory counts
        # the parent's at the fork.
        subprocess.run(
            [sys.executable, __file__, "--forces", str(args.forces), "--write-forces", str(folder)],
            check=True,
        )
        size = sum(path.stat().st_size for path in folder.glob("*.yaml"))
        one = sorted(folder.glob("*.yaml"))[0]
        commands = {
            "floor": [sys.executable, "-c", "import typer, rich.console"],
            "single": [args.plan, "status", "--plan", str(one), "--today", TODAY],
            "national": [args.plan, "national", str(folder), "--json", "--today", TODAY],
        }
        best = interleaved(commands, args.runs, folder)
        floor, single, national = best["floor"], best["single"], best["national"]
        print(
            f"\n{args.forces} force plans, {size / 1024 / 1024:.1f} MB in all; best of {args.runs}, interleaved"
        )
        print(f"{'':<34}{'wall':>16}{'CPU':>16}{'peak memory':>14}")
        for label, measured in (
            ("python -c 'import typer, rich.console'", floor),
            ("plan status, one plan", single),
            ("plan national --json", national),
        ):
            print(
                f"{label:<34}{f'{measured.wall * 1000:.0f} ms ({measured.wall / floor.wall:.1f}x)':>16}"
                f"{f'{measured.cpu * 1000:.0f} ms ({measured.cpu / floor.cpu:.1f}x)':>16}"
                f"{f'{measured.memory / 1024:.0f} MB':>14}"
                + (f"  exit {measured.code}!" if measured.code else "")
            )
        ratio = national.wall / floor.wall
        memory = national.memory / single.memory
        print(
            f"[{'met' if ratio <= 10 else 'NOT met'}] {args.forces} plans within 10x the start-up: {ratio:.1f}x"
        )
        print(f"[{'met' if memory <= 4 else 'NOT met'}] memory within 4x one plan's: {memory:.1f}x")
        if args.parallel:
            compare_loading(folder, args.runs)


if __name__ == "__main__":
    main()
