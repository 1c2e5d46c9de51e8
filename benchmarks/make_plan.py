"""Write a synthetic, valid plan N times the size of data/plan.yaml.

    python benchmarks/make_plan.py --scale 100 --output /tmp/plan-100x.yaml

The plan has the real plan's shape, copied N times: the same bodies and
rounds; N copies of every recommendation (renumbered), evidence item,
dependency, milestone and measure; every update in the same rounds with the
same status. Text is the real text with each word replaced by another word of
the same length (one substitution table per copy, from a fixed seed), so
lengths, paragraphs and how alike two rounds' updates are stay as published,
and the output is the same on every run. Owner texts, part labels and dates are
kept, so --owner and deadlines behave as on the real plan.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.plan_dumper import dump_plan  # noqa: E402
from plan_cli.plan.model import Dependency, EvidenceItem, Plan, Recommendation  # noqa: E402
from plan_cli.reading.loader import load_plan  # noqa: E402

SEED = 20260406
_WORD = re.compile(r"[A-Za-z]+")
_ITEM_REF = re.compile(r"\b(\d{1,2})\.(\d{1,2})\b")


class Rewriter:
    """Replaces each word by another of the same length, consistently within one copy."""

    def __init__(self, vocabulary: dict[int, list[str]], rng: random.Random, numbers: dict[str, int]) -> None:
        self.vocabulary = vocabulary
        self.rng = rng
        self.numbers = numbers  # recommendation number in the real plan -> in this copy
        self.table: dict[str, str] = {}

    def reference(self, match: re.Match[str]) -> str:
        number = self.numbers.get(match.group(1))
        return f"{number}.{match.group(2)}" if number is not None else match.group()

    def word(self, match: re.Match[str]) -> str:
        word = match.group()
        if word not in self.table:
            choices = self.vocabulary.get(len(word))
            self.table[word] = self.rng.choice(choices) if choices else word
        return self.table[word]

    def __call__(self, text: str | None) -> str | None:
        if text is None:
            return None
        return _ITEM_REF.sub(self.reference, _WORD.sub(self.word, text))  # "ref 25.1" follows the renumbering


def vocabulary_of(plan: Plan) -> dict[int, list[str]]:
    """The real plan's words, by length (sorted, so the seed decides everything)."""
    words: set[str] = set()
    for rec in plan.recommendations:
        words.update(_WORD.findall(rec.text))
        for item in rec.items:
            words.update(_WORD.findall(item.evidence or ""))
            for update in item.updates:
                words.update(_WORD.findall(update.full_text))
    by_length: dict[int, list[str]] = {}
    for word in sorted(words):
        by_length.setdefault(len(word), []).append(word)
    return by_length


def scaled(plan: Plan, scale: int, seed: int = SEED) -> Plan:
    """Return ``plan`` with ``scale`` rewritten copies of its recommendations and dependencies."""
    rng = random.Random(seed)
    vocabulary = vocabulary_of(plan)
    recommendations: list[Recommendation] = []
    dependencies: list[Dependency] = []
    number = 0
    for copy in range(scale):
        numbers = {str(rec.number): number + 1 + index for index, rec in enumerate(plan.recommendations)}
        text = Rewriter(vocabulary, rng, numbers)
        suffix = f"-{copy}" if copy else ""
        for dep in plan.dependencies:
            dependencies.append(
                dep._replace(id=dep.id + suffix, title=text(dep.title), notes=text(dep.notes))
            )
        for rec in plan.recommendations:
            number += 1
            items = tuple(_item(item, number, text, suffix) for item in rec.items)
            recommendations.append(rec._replace(number=number, text=text(rec.text) or rec.text, items=items))
    return plan._replace(recommendations=tuple(recommendations), dependencies=tuple(dependencies))


def _item(item: EvidenceItem, number: int, text: Rewriter, suffix: str) -> EvidenceItem:
    _, n = item.id.split(".")
    return item._replace(
        id=f"{number}.{n}",
        recommendation=number,
        evidence=text(item.evidence),
        depends_on=tuple(dep + suffix for dep in item.depends_on),
        milestones=tuple(m._replace(text=text(m.text) or m.text) for m in item.milestones),
        updates=tuple(
            update._replace(
                text=text(update.text),
                parts=tuple(part._replace(text=text(part.text) or part.text) for part in update.parts),
            )
            for update in item.updates
        ),
    )


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments and write the scaled plan."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", type=int, required=True, help="how many times the real plan (1, 10, 100 …)"
    )
    parser.add_argument("--output", type=Path, required=True, help="the file to write")
    parser.add_argument("--source", type=Path, default=ROOT / "data" / "plan.yaml", help="the plan to scale")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be 1 or more")
    plan = scaled(load_plan(args.source).plan, args.scale, args.seed)
    args.output.write_text(dump_plan(plan), encoding="utf-8")
    items = sum(len(rec.items) for rec in plan.recommendations)
    print(
        f"{args.output}: {args.scale}x {args.source.name}: {len(plan.recommendations)} recommendations, "
        f"{items} evidence items, {len(plan.dependencies)} dependencies, "
        f"{args.output.stat().st_size / 1024:.0f} KiB",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
