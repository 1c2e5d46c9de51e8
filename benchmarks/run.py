"""Time the plan commands on plans 1x, 10x and 100x the size of data/plan.yaml.

    python benchmarks/run.py                 # the table of the README
    python benchmarks/run.py --runs 3 --scales 1 10

Each command runs as a subprocess of the installed ``plan`` (next to this
Python), output thrown away, after plan_cli is compiled to bytecode as pip
compiles an installed package, and once unmeasured first (as a user's second
run: compiled templates are then in the cache). Each is timed against the floor
any Typer + Rich command stands on, ``python -c "import typer, rich.console"``,
in pairs: floor, command, floor, command ... --runs times, so a machine that
slows down or speeds up during the run moves both. The unmeasured run also
leaves the plan's validated values in the cache, as any read does; a few
commands are then timed once more with PLAN_NO_CACHE=1, the cost of the
first read of a plan file just edited. The table shows the median
time and the median of the pairs' ratios. The targets:

* at 1x, ``plan status``, ``plan outstanding --json`` and ``plan check`` within
  1.0x the floor, ``plan deps`` and ``plan deadlines`` within 1.1x;
* at 100x, every command within 12x the floor;
* time grows no faster than linearly with size.

Then hostile inputs: those of tests/bad/ at full size (an alias bomb, nesting
20,000 deep, a 20 MB value and a 50 MB file) for plan check, with their time
and peak memory, and two nearly identical 99,000-character updates of one item
for plan status. This is a script, not a test: timings are checked by a person,
not by CI.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TODAY = "2026-11-28"
COMMANDS: dict[str, list[str]] = {
    "plan status": ["status"],
    "plan outstanding --json": ["outstanding", "--json"],
    "plan check": ["check"],
    "plan deps": ["deps"],
    "plan deadlines": ["deadlines"],
    "plan report": ["report"],
    "plan draft": ["draft", "--round", "March 2027 Update", "--due", "2027-03-27"],
    "plan export --format html": ["export", "--format", "html"],
}
FLOOR = [sys.executable, "-c", "import typer, rich.console"]
FLOOR_LABEL = "python -c 'import typer, rich.console'"
TARGETS_AT_1X = {
    "plan status": 1.0,
    "plan outstanding --json": 1.0,
    "plan check": 1.0,
    "plan deps": 1.1,
    "plan deadlines": 1.1,
}
TARGET_AT_100X = 12.0
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "PLAN_TODAY": TODAY, "PLAN_FILE": ""}


def run_once(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """Run ``argv``; return (wall seconds, exit code, peak memory of the child in KiB)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        argv, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, child.returncode, usage.ru_maxrss


def best_of(argv: list[str], runs: int, cwd: Path) -> tuple[float, int, int]:
    """The fastest of ``runs`` runs (the least disturbed by the rest of the machine)."""
    results = [run_once(argv, cwd) for _ in range(runs)]
    return min(results)


class Paired:
    """A command timed against the floor in pairs: its median time and the median of the ratios."""

    def __init__(self, argv: list[str], runs: int, cwd: Path, env: dict[str, str] | None = None) -> None:
        run_once(argv, cwd, env)  # unmeasured: as a second run, with the plan and templates cached
        times, ratios, self.code = [], [], 0
        for _ in range(runs):
            floor, _, _ = run_once(FLOOR, cwd)
            seconds, code, _ = run_once(argv, cwd, env)
            times.append(seconds)
            ratios.append(seconds / floor)
            self.code = self.code or code
        self.seconds = statistics.median(times)
        self.ratio = statistics.median(ratios)
        self.spread = (min(ratios), max(ratios))


def command_exists(plan: str, name: str, cwd: Path) -> bool:
    """True when ``plan NAME --help`` works: a command still being written is skipped, not failed."""
    result = subprocess.run([plan, name, "--help"], cwd=cwd, env=ENV, capture_output=True)
    return result.returncode == 0


def main(argv: list[str] | None = None) -> None:
    """Generate the plans, time the commands and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--runs", type=int, default=10, help="runs per measurement; the best is kept")
    parser.add_argument(
        "--plan", default=str(Path(sys.executable).with_name("plan")), help="the plan command"
    )
    parser.add_argument("--skip-hostile", action="store_true", help="skip the hostile-input section")
    parser.add_argument("--write-hostile", nargs=2, metavar=("CASE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write_hostile:
        label, path = args.write_hostile
        Path(path).write_text(hostile_text(label), encoding="utf-8")
        return
    if not Path(args.plan).exists() and shutil.which(args.plan) is None:
        parser.error(f"no plan command at {args.plan}; install it first: pip install -e .")

    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="plan-bench-") as folder:
        work = Path(folder)
        plans = {}
        for scale in args.scales:
            plans[scale] = work / f"plan-{scale}x.yaml"
            # A subprocess, so this script stays small: a child's peak memory counts the parent's
            # at the fork.
            subprocess.run(
                [sys.executable, str(ROOT / "benchmarks" / "make_plan.py"), "--scale", str(scale),
                 "--output", str(plans[scale])],
                check=True,
            )  # fmt: skip

        ENV["XDG_CACHE_HOME"] = str(work / "cache")
        floors = [run_once(FLOOR, work)[0] for _ in range(args.runs)]
        print(
            f"\nstart-up of {FLOOR_LABEL}: {statistics.median(floors) * 1000:.0f} ms (median of {args.runs})"
        )
        print(f"plan: {args.plan}; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
        print(f"each cell: median time (median ratio to the floor, in {args.runs} pairs)\n")

        header = f"{'command':<27}" + "".join(f"{f'{s}x':>17}" for s in args.scales)
        print(header)
        print("-" * len(header))
        results: dict[str, dict[int, Paired]] = {}
        skipped = []
        for label, command in COMMANDS.items():
            if not command_exists(args.plan, command[0], work):
                skipped.append(label)
                continue
            row = f"{label:<27}"
            results[label] = {}
            for scale in args.scales:
                timed = Paired([args.plan, *command, "--plan", str(plans[scale])], args.runs, work)
                results[label][scale] = timed
                flag = "" if timed.code == 0 else f" exit {timed.code}!"
                row += f"{f'{timed.seconds * 1000:.0f} ms ({timed.ratio:.2f}x){flag}':>17}"
            print(row, flush=True)
        for label in skipped:
            print(f"{label:<27}  skipped: the command does not exist yet on this branch")
        print()
        report_targets(results, args.scales)
        first_reads(args.plan, plans, args.runs, work)
        if not args.skip_hostile:
            hostile(args.plan, work, args.runs)


FIRST_READS = ["plan status", "plan check"]


def first_reads(plan: str, plans: dict[int, Path], runs: int, work: Path) -> None:
    """Time a few commands with PLAN_NO_CACHE=1: the first read of a plan file just edited."""
    print("The first read of a plan file (just edited, so not in the cache): PLAN_NO_CACHE=1")
    uncached = {**ENV, "PLAN_NO_CACHE": "1"}
    for label in FIRST_READS:
        row = f"{label:<27}"
        for timed in (
            Paired([plan, *COMMANDS[label], "--plan", str(p)], runs, work, uncached) for p in plans.values()
        ):
            row += f"{f'{timed.seconds * 1000:.0f} ms ({timed.ratio:.2f}x)':>17}"
        print(row, flush=True)
    print()


def compile_bytecode() -> None:
    """Compile plan_cli to bytecode first, as pip does when it installs a package.

    An editable install leaves that to the first run, and where PYTHONDONTWRITEBYTECODE
    is set (as on the development machine) no run ever does it: every start-up would
    then compile the tool's source, while typer and rich come precompiled.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("plan_cli")
    if spec is None or not spec.submodule_search_locations:
        return
    for folder in spec.submodule_search_locations:
        compileall.compile_dir(folder, quiet=1)


def report_targets(results: dict[str, dict[int, Paired]], scales: list[int]) -> None:
    """Say which of the targets this run meets."""
    for label, target in TARGETS_AT_1X.items():
        if 1 in results.get(label, {}):
            timed = results[label][1]
            verdict = "met" if timed.ratio <= target else "NOT met"
            low, high = timed.spread
            print(
                f"[{verdict}] {label} at 1x: {timed.ratio:.2f}x the floor (target {target:.1f}x; "
                f"pairs {low:.2f}-{high:.2f}x)"
            )
    if 100 in scales and results:
        slowest = max(results, key=lambda label: results[label][100].ratio)
        worst = results[slowest][100].ratio
        print(
            f"[{'met' if worst <= TARGET_AT_100X else 'NOT met'}] at 100x every command within "
            f"{TARGET_AT_100X:.0f}x the floor (slowest: {slowest}, {worst:.1f}x)"
        )
    if {1, 10, 100} <= set(scales):
        # Linear growth: the cost per extra 1x copy from 10x to 100x is no more than from 1x to 10x
        # (20% allowance for noise), in units of the floor: the paired ratios, which a machine whose
        # speed drifts during the run moves less than the times.
        for label, row in results.items():
            small = (row[10].ratio - row[1].ratio) / 9
            large = (row[100].ratio - row[10].ratio) / 90
            verdict = "met" if large <= small * 1.2 or large < 0.01 else "NOT met"
            print(
                f"[{verdict}] {label}: linear growth: {small:.3f}x the floor per 1x copy up to 10x, "
                f"{large:.3f}x from 10x to 100x"
            )
    print()


def hostile_text(label: str) -> str:
    """The hostile plan text of one case."""
    minimal = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    if label == "alias bomb (billion laughs)":
        return (ROOT / "tests" / "bad" / "billion-laughs.yaml").read_text(encoding="utf-8")
    if label == "nesting 20,000 deep":
        return minimal + "notes: " + "[" * 20_000 + "]" * 20_000 + "\n"
    if label == "a 20 MB value":
        return minimal.replace("title: Test plan", "title: " + "x" * 20_000_000, 1)
    if label == LONG_UPDATES:
        return long_updates(minimal)
    if label == "a 50 MB file (refused by size)":
        return minimal.replace("title: Test plan", "title: " + "x" * 50_000_000, 1)
    raise ValueError(label)


LONG_UPDATES = "two 99,000-character updates"


def long_updates(minimal: str) -> str:
    """The minimal plan with one item's two updates nearly the same 99,000 characters."""
    words = ("the", "force", "will", "review", "its", "training", "for", "officers", "staff")
    text = " ".join(words[(index * 7) % len(words)] for index in range(33_000))[:99_000]
    changed = "".join("Z" if index % 2_500 == 1_234 else char for index, char in enumerate(text))
    minimal = minimal.replace("text: Linked [bold]x[/bold].", f'text: "{text}"')
    return minimal.replace('text: "Awaited from Minerva.\\n\\nSecond para."', f'text: "{changed}"')


HOSTILE = [
    "alias bomb (billion laughs)",
    "nesting 20,000 deep",
    "a 20 MB value",
    "a 50 MB file (refused by size)",
]


def hostile(plan: str, work: Path, runs: int) -> None:
    """Time plan check (and status) on hostile inputs, with peak memory: each must end fast and flat."""
    print(f"{'hostile input to plan check':<34}{'time':>10}{'peak memory':>14}  exit")
    for label in [*HOSTILE, "a 100x plan (for scale)", LONG_UPDATES]:
        if label in (*HOSTILE, LONG_UPDATES):
            path = work / "hostile.yaml"
            # Written by a child: a child's peak memory counts this process's at the fork, so
            # this one must never hold a 50 MB text.
            subprocess.run([sys.executable, __file__, "--write-hostile", label, str(path)], check=True)
        else:
            path = work / "plan-100x.yaml"
            if not path.exists():
                continue
        command = "status" if label == LONG_UPDATES else "check"
        if command == "status":
            print(f"{'hostile input to plan status':<34}{'':>10}{'':>14}")
        seconds, code, peak = best_of([plan, command, "--plan", str(path)], runs, work)
        print(f"{label:<34}{f'{seconds * 1000:.0f} ms':>10}{f'{peak / 1024:.0f} MB':>14}  {code}")


if __name__ == "__main__":
    main()
