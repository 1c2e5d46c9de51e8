"""The stale rule: position remains, only a pointer, or the same text as the round before."""

from __future__ import annotations

import difflib
import json
import random
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_cli.plan.model import Plan
from plan_cli.questions.staleness import (
    EXACT_CHARS,
    PIECE_CHARS,
    SAME_TEXT_RATIO,
    may_be_same,
    same_text,
    says_nothing_new,
    staleness,
)

from ..conftest import FIXTURES, ROOT
from ..factories import item, update


@pytest.mark.parametrize(
    "latest",
    [
        "Position update from March 2025 remains. The Force went live with NICHE in February 2026.",
        "Above position remains. The introduction of MASIP models was lauded.",
        "The above position remains.",
    ],
)
def test_saying_the_position_remains_is_stale(latest: str) -> None:
    found = staleness(
        item(
            "7.1",
            update("initial", "Started."),
            update("march-2025", "Awaited."),
            update("march-2026", latest),
        )
    )
    assert found.stale
    assert found.since == "march-2025"
    assert found.reason == "says the position remains"


@pytest.mark.parametrize(
    "latest",
    ["Update as ref 25.1", "Update addressed within 20.1 above.", "Note position update re rec 20.3."],
)
def test_only_pointing_elsewhere_is_stale(latest: str) -> None:
    found = staleness(
        item("25.2", update("march-2025", "Budget constraints continue."), update("march-2026", latest))
    )
    assert found.stale and found.reason == "only points to another item's update"


@pytest.mark.parametrize(
    "latest",
    [
        "Update as ref 25.1. In addition the Force note the priority area in the VAWG strategy.",
        "Note position update re rec 20.3. In addition Operation Modify remains on the training plan.",
        "For medium and standard victims, the existing process remains.",
        "This remains the position for all NICHE Forces but a new system is live.",
    ],
)
def test_pointing_elsewhere_and_adding_something_is_not_stale(latest: str) -> None:
    assert not staleness(item("25.3", update("march-2025", "Earlier."), update("march-2026", latest))).stale


def test_same_text_as_the_round_before_is_stale() -> None:
    before = (
        "We are exploring ways to replace the Nutshell/SOS App for which a replacement is yet to be found. "
        "Officers continue to have access to immediate support information for victims as previously outlined."
    )
    after = (
        "A replacement for the Nutshell/SOS App remains outstanding. "
        "Officers continue to have access to immediate support information for victims as previously outlined."
    )
    found = staleness(item("14.4", update("march-2025", before), update("march-2026", after)))
    assert not found.stale  # reworded opening sentence on a short text: under the threshold
    repeated = staleness(
        item("14.4", update("march-2025", before), update("march-2026", before.upper() + " "))
    )
    assert repeated.stale and repeated.reason == "repeats the round before"


def test_same_text_threshold_edges() -> None:
    # "x"*k + "y"*(100-k) against "x"*100 has ratio exactly k/100.
    at = round(100 * SAME_TEXT_RATIO)
    base = "x" * 100
    assert same_text("x" * at + "y" * (100 - at), base)
    assert not same_text("x" * (at - 1) + "y" * (101 - at), base)
    assert not same_text("", base)


def test_stale_since_reaches_back_over_several_empty_rounds() -> None:
    found = staleness(
        item(
            "22.1",
            update("initial", "Awaiting the NPCC response."),
            update("march-2025", "The position remains."),
            update("march-2026", "Above position remains."),
        )
    )
    assert found.since == "initial"


def test_an_item_that_never_reported_anything_is_stale_since_its_first_update() -> None:
    found = staleness(
        item("25.2", update("march-2025", "Update as ref 25.1"), update("march-2026", "Update as ref 25.1"))
    )
    assert found.stale and found.since == "march-2025"


def test_new_text_is_not_stale_even_after_stale_rounds() -> None:
    found = staleness(
        item(
            "7.1",
            update("march-2025", "The position remains."),
            update("march-2026", "Minerva delivered a fix."),
        )
    )
    assert not found.stale and found.since is None


def test_complete_items_are_never_stale() -> None:
    done = item(
        "12.3", update("march-2025", "Done."), update("march-2026", "Position remains.", status="complete")
    )
    assert not staleness(done).stale


def test_real_plan_stale_items(real_plan) -> None:
    stale = {i.id: staleness(i).since for i in real_plan.items if staleness(i).stale}
    assert stale["7.1"] == "march-2025"
    assert stale["22.1"] == "march-2025"
    assert stale["14.4"] == "march-2025"  # March 2026 rewords March 2025
    assert "20.4" not in stale  # points to 20.3 but adds a sentence of its own
    assert "14.3" not in stale


BEFORE = json.loads((FIXTURES / "staleness-before.json").read_text(encoding="utf-8"))
"""What every update and item of the real plan and of the 10x benchmark plan was judged before
the similarity changed from difflib to rapidfuzz: the judgement must not move."""


def _judgements(plan: Plan) -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = {}
    for each in plan.items:
        state = staleness(each)
        found[each.id] = {
            "stale": [state.stale, state.since, state.reason],
            "updates": [
                says_nothing_new(latest, each.updates[index - 1] if index else None)
                for index, latest in enumerate(each.updates)
            ],
        }
    return found


def test_the_real_plan_is_judged_as_before(real_plan: Plan) -> None:
    assert _judgements(real_plan) == BEFORE["data/plan.yaml"]


def test_the_benchmark_plan_is_judged_as_before(real_plan: Plan) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_plan import scaled
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    assert _judgements(scaled(real_plan, 10)) == BEFORE["benchmark plan 10x"]


def _long_pair(length: int) -> tuple[str, str]:
    """A text of ``length`` characters, and the same with one character in 2,500 changed."""
    words = [
        "the",
        "force",
        "will",
        "review",
        "its",
        "training",
        "for",
        "officers",
        "and",
        "staff",
        "with",
        "partners",
    ]
    pick = random.Random(length).choice
    text = " ".join(pick(words) for _ in range(length // 3))[: length - 1] + "."
    changed = "".join("Z" if index % 2_500 == 1_234 else char for index, char in enumerate(text))
    return text, changed


def test_long_nearly_identical_texts_are_the_same_in_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    from rapidfuzz.distance import LCSseq

    compared: list[tuple[int, int]] = []
    measure = LCSseq.similarity

    def counted(a: str, b: str) -> int:
        compared.append((len(a), len(b)))
        return measure(a, b)

    monkeypatch.setattr(LCSseq, "similarity", counted)
    monkeypatch.setattr("cydifflib.SequenceMatcher", None)  # quadratic: never for long texts
    monkeypatch.setattr("difflib.SequenceMatcher", None)
    same_text.cache_clear()
    text, changed = _long_pair(99_000)
    assert same_text(changed, text)
    assert len(compared) == -(-99_000 // PIECE_CHARS)
    assert all(max(lengths) <= PIECE_CHARS + 1 for lengths in compared)
    assert sum(a for a, _ in compared) == 99_000


def test_long_different_texts_are_not_the_same() -> None:
    text, _ = _long_pair(50_000)
    assert not same_text(text, text[25_000:] + text[:25_000])  # same letters, half of them out of order
    assert not same_text(text, text[:40_000])


@pytest.mark.parametrize("library", ["difflib", "cydifflib"])
def test_texts_up_to_the_exact_length_are_judged_by_difflib(
    library: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first few pairs by the standard library's difflib, the rest by cydifflib: the same ratios."""
    import importlib

    import plan_cli.questions.staleness as module

    matchers = importlib.import_module(library)
    asked: list[int] = []
    matcher = matchers.SequenceMatcher

    def counted(*args: object, **kwargs: object) -> difflib.SequenceMatcher[str]:
        asked.append(1)
        return matcher(*args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(matchers, "SequenceMatcher", counted)
    monkeypatch.setattr(module, "_compared", 0 if library == "difflib" else module._FEW_RATIOS)
    same_text.cache_clear()
    text, changed = _long_pair(EXACT_CHARS)
    assert same_text(changed, text)
    assert asked == [1]
    assert not same_text("Budget constraints continue. " * 20, "Training is under way for all staff. " * 16)
    assert asked == [1]  # a cheaper bound already fell short


TEXTS = st.text(alphabet="ab c.", max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS, st.booleans())
def test_the_cheap_bounds_never_turn_away_a_pair_difflib_would_call_the_same(
    a: str, b: str, counting: bool
) -> None:
    import plan_cli.questions.staleness as module

    saved = module._screened
    module._screened = 0 if counting else module._FEW_PAIRS
    try:
        if a and b and difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SAME_TEXT_RATIO:
            assert may_be_same(a, b)
    finally:
        module._screened = saved


def test_a_small_plan_is_judged_without_importing_rapidfuzz() -> None:
    script = (
        "import sys\n"
        "from plan_cli.reading.loader import load_plan\n"
        "from plan_cli.questions.item_flags import stale_items\n"
        f"assert stale_items(load_plan({str(ROOT / 'data' / 'plan.yaml')!r}).plan)\n"
        "print('rapidfuzz' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout == "False\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abc .\u00e9", max_size=200), st.text(alphabet="abc .\u00e9", max_size=200))
def test_the_compiled_ratio_is_difflibs(a: str, b: str) -> None:
    import cydifflib

    expected = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    assert cydifflib.SequenceMatcher(None, a, b, autojunk=False).ratio() == expected
