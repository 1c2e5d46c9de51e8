"""Time plan import on long and hostile sources, as ratios to the start-up floor.

    python benchmarks/importing.py             # 5 pairs a cell
    python benchmarks/importing.py --runs 3

Each source is imported by the installed ``plan`` as a subprocess, paired with
the floor ``python -c "import typer, rich.console"`` (see benchmarks/run.py).
The targets: time grows no faster than linearly with the rows of a TSV or CSV
source and with the distinct owners of a table (8x the rows within 12x the
time), and a hostile page (400 nested tables, 100,000 unclosed <b>) imports or
is refused within 20x the floor. This is a script, not a test: a person reads
the numbers.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from run import ENV, FLOOR, FLOOR_LABEL, Paired, run_once

GROWTH_LIMIT = 12.0
HOSTILE_LIMIT = 20.0


def tab_separated(rows: int, owners: bool = False) -> bytes:
    """A published-style TSV of ``rows`` items, 500 to a recommendation; with ``owners``, one owner a row."""
    lines = [
        "Rec. No.\tRecommendation\tEvidence requirements\tRecommendation Owner\tInitial Action Plan Response"
    ]
    for index in range(rows):
        number, item = 7 + index // 500, index % 500 + 1
        first = item == 1
        owner = f"Owner {index} of the county" if owners else "Chief Constables"
        lines.append(
            f"{number if first else ''}\t{f'Recommendation {number}.' if first else ''}\t"
            f"{number}.{item} Evidence for {number}.{item}.\t{owner}\tResponse to {number}.{item}."
        )
    return ("\n".join(lines) + "\n").encode()


def comma_separated(rows: int) -> bytes:
    """The same rows as CSV."""
    out = io.StringIO()
    writer = csv.writer(out)
    for line in tab_separated(rows).decode().splitlines():
        writer.writerow(line.split("\t"))
    return out.getvalue().encode()


def nested_tables() -> bytes:
    return ("<table><tr><td>" * 400 + "deep" + "</td></tr></table>" * 400).encode()


def unclosed_bold() -> bytes:
    return (
        "<table><tr><th>Rec No.</th><th>Recommendation</th></tr><tr><td>7</td><td>" + "<b>x" * 100_000
    ).encode()


def main(argv: list[str] | None = None) -> None:
    """Write the sources, time each import and print the ratios and verdicts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--plan", default=str(Path(sys.executable).with_name("plan")))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="plan-import-bench-") as folder:
        work = Path(folder)
        floors = [run_once(FLOOR, work)[0] for _ in range(args.runs)]
        print(f"start-up of {FLOOR_LABEL}: {statistics.median(floors) * 1000:.0f} ms (median of {args.runs})")

        def ratio(name: str, data: bytes) -> float:
            source = work / name
            source.write_bytes(data)
            argv = [args.plan, "import", str(source), "--force-name", "Test Police", "--output", "-"]
            timed = Paired(argv, args.runs, work, ENV)
            print(f"  {name:<24} {timed.seconds * 1000:8.0f} ms  {timed.ratio:6.2f}x  exit {timed.code}")
            return timed.ratio

        growth: list[tuple[str, Callable[[int], bytes], int]] = [
            ("tsv", tab_separated, 2_000),
            ("csv", comma_separated, 2_000),
            ("owners", lambda rows: tab_separated(rows, owners=True), 250),
        ]
        verdicts = []
        for label, write, small in growth:
            suffix = "csv" if label == "csv" else "txt"
            low = ratio(f"{label}-{small}.{suffix}", write(small))
            high = ratio(f"{label}-{small * 8}.{suffix}", write(small * 8))
            verdicts.append((f"{label}: 8x the rows", high / low, GROWTH_LIMIT))
        for name, data in (("nested.html", nested_tables()), ("bold.html", unclosed_bold())):
            verdicts.append((name, ratio(name, data), HOSTILE_LIMIT))
        print()
        for label, value, limit in verdicts:
            print(
                f"  {label:<24} {value:6.2f}x  (target within {limit:.0f}x): {'met' if value <= limit else 'NOT met'}"
            )


if __name__ == "__main__":
    main()
