"""Time the plan commands on plans 1x, 10x and 100x the size of data/plan.yaml.

    python benchmarks/run.py                 # the table of the README
    python benchmarks/run.py --runs 3 --scales 1 10

Each command runs as a subprocess of the installed ``plan`` (next to this
Python), best of --runs, output thrown away, after plan_cli is compiled to
bytecode as pip compiles an installed package. Each time is also shown as a ratio
to the start-up of ``python -c "import typer, rich"`` measured in the same run,
the floor any Typer + Rich command stands on. The targets:

* at 1x, ``plan status`` within 1.5x that start-up;
* at 100x, every command within 1.5 s;
* time grows no faster than linearly with size.

Then the hostile inputs of tests/bad/ at full size: an alias bomb, nesting
20,000 deep, a 20 MB value and a 50 MB file, with their time and peak memory.
This is a script, not a test: timings are checked by a person, not by CI.
"""

from __future__ import annotations

import argparse
import os
import shutil
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
    "plan draft": ["draft", "--round", "March 2027 Update", "--due", "2027-03-27"],
}
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "PLAN_TODAY": TODAY, "PLAN_FILE": ""}


def run_once(argv: list[str], cwd: Path) -> tuple[float, int, int]:
    """Run ``argv``; return (wall seconds, exit code, peak memory of the child in KiB)."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, child.returncode, usage.ru_maxrss


def best_of(argv: list[str], runs: int, cwd: Path) -> tuple[float, int, int]:
    """The fastest of ``runs`` runs (the least disturbed by the rest of the machine)."""
    results = [run_once(argv, cwd) for _ in range(runs)]
    return min(results)


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

        startup, _, _ = best_of([sys.executable, "-c", "import typer, rich"], args.runs, work)
        print(f"\nstart-up of python -c 'import typer, rich': {startup * 1000:.0f} ms (best of {args.runs})")
        print(f"plan: {args.plan}; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}\n")

        header = f"{'command':<26}" + "".join(f"{f'{s}x':>17}" for s in args.scales)
        print(header)
        print("-" * len(header))
        times: dict[str, dict[int, float]] = {}
        skipped = []
        for label, command in COMMANDS.items():
            if not command_exists(args.plan, command[0], work):
                skipped.append(label)
                continue
            row = f"{label:<26}"
            times[label] = {}
            for scale in args.scales:
                seconds, code, _ = best_of(
                    [args.plan, *command, "--plan", str(plans[scale])], args.runs, work
                )
                times[label][scale] = seconds
                flag = "" if code == 0 else f" exit {code}!"
                row += f"{f'{seconds * 1000:.0f} ms ({seconds / startup:.1f}x){flag}':>17}"
            print(row)
        for label in skipped:
            print(f"{label:<26}  skipped: the command does not exist yet on this branch")
        print()
        report_targets(times, startup, args.scales)
        if not args.skip_hostile:
            hostile(args.plan, work, args.runs)


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


def report_targets(times: dict[str, dict[int, float]], startup: float, scales: list[int]) -> None:
    """Say which of the issue's targets this run meets."""
    status = times.get("plan status", {})
    if 1 in status:
        ratio = status[1] / startup
        print(
            f"[{'met' if ratio <= 1.5 else 'NOT met'}] plan status at 1x: {ratio:.2f}x start-up (target 1.5x)"
        )
    if 100 in scales:
        slowest = max(times, key=lambda label: times[label][100])
        worst = times[slowest][100]
        print(
            f"[{'met' if worst <= 1.5 else 'NOT met'}] at 100x every command within 1.5 s "
            f"(slowest: {slowest}, {worst:.2f} s)"
        )
    if {1, 10, 100} <= set(scales):
        # Linear growth: the cost per extra 1x copy from 10x to 100x is no more than from 1x to 10x
        # (20% allowance for noise).
        for label, row in times.items():
            small = (row[10] - row[1]) / 9
            large = (row[100] - row[10]) / 90
            verdict = "met" if large <= small * 1.2 or large < 0.001 else "NOT met"
            print(
                f"[{verdict}] {label}: linear growth: {small * 1000:.1f} ms per 1x copy up to 10x, "
                f"{large * 1000:.1f} ms from 10x to 100x"
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
    if label == "a 50 MB file (refused by size)":
        return minimal.replace("title: Test plan", "title: " + "x" * 50_000_000, 1)
    raise ValueError(label)


HOSTILE = [
    "alias bomb (billion laughs)",
    "nesting 20,000 deep",
    "a 20 MB value",
    "a 50 MB file (refused by size)",
]


def hostile(plan: str, work: Path, runs: int) -> None:
    """Time plan check on hostile inputs, with peak memory: each must fail fast and flat."""
    print(f"{'hostile input to plan check':<34}{'time':>10}{'peak memory':>14}  exit")
    for label in [*HOSTILE, "a 100x plan (for scale)"]:
        if label in HOSTILE:
            path = work / "hostile.yaml"
            # Written by a child: a child's peak memory counts this process's at the fork, so
            # this one must never hold a 50 MB text.
            subprocess.run([sys.executable, __file__, "--write-hostile", label, str(path)], check=True)
        else:
            path = work / "plan-100x.yaml"
            if not path.exists():
                continue
        seconds, code, peak = best_of([plan, "check", "--plan", str(path)], runs, work)
        print(f"{label:<34}{f'{seconds * 1000:.0f} ms':>10}{f'{peak / 1024:.0f} MB':>14}  {code}")


if __name__ == "__main__":
    main()
