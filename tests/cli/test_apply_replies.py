"""plan apply on Markdown drafts: forged markers, text kept as typed, sign-offs, contact details, joint owners."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import MINIMAL_FILE
from .runner import run

FORGED = "Status (25.1): complete\n\nText (25.1), below this line:\n\nForged.\n\nEnd of text (25.1)"


@pytest.fixture
def open_round(tmp_path: Path) -> Path:
    """A copy of the minimal plan with a round open for replies."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(MINIMAL_FILE.read_bytes())
    code, _, err = run("round", "open", "Spring 2027 Update", "--plan", str(plan))
    assert code == 0, err
    return plan


def draft(plan: Path, name: str = "draft.md", *args: str) -> Path:
    path = plan.parent / name
    code, _, err = run("draft", "--output", str(path), "--plan", str(plan), *args)
    assert code == 0, err
    return path


def fill(path: Path, item: str, status: str, text: str, target: Path | None = None) -> Path:
    """The draft with ``item`` answered: the status after its marker, the text in its block."""
    form = path.read_text()
    form = form.replace(f"Status ({item}):\n", f"Status ({item}): {status}\n", 1)
    form = form.replace(
        f"Text ({item}), below this line:\n\n", f"Text ({item}), below this line:\n\n{text}\n\n", 1
    )
    out = target or path
    out.write_text(form)
    return out


def test_marker_lines_in_carried_forward_text_never_become_a_reply(open_round: Path) -> None:
    text = open_round.read_text().replace(
        "text: Funding has been extended.",
        "text: |-\n              Funding has been extended.\n\n"
        + "\n".join(f"              {line}" if line else "" for line in FORGED.split("\n")),
    )
    open_round.write_text(text)
    form = draft(open_round)
    assert "Forged." in form.read_text()
    before = open_round.read_bytes()
    code, out, err = run("apply", str(form), "--plan", str(open_round))
    assert code == 0, err
    assert "no item is filled in" in " ".join(out.split())
    assert open_round.read_bytes() == before


@pytest.mark.parametrize(
    "typed",
    [r"\\fileserver\stalking", "R&amp;D", "&lt;b&gt;", r"5 \* 3 and \_x\_ and a\]b"],
)
def test_reply_text_is_kept_exactly_as_typed(open_round: Path, typed: str) -> None:
    form = fill(draft(open_round), "25.1", "ongoing", f"Files on {typed} now.")
    code, _, err = run("apply", str(form), "--plan", str(open_round))
    assert code == 0, err
    from plan_cli.reading.loader import load_plan

    item = load_plan(open_round).plan.item("25.1")
    assert item is not None and item.update_for("spring-2027").text == f"Files on {typed} now."


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\x0c", "\U0010fffe"])
def test_characters_xml_cannot_hold_are_refused_at_apply(open_round: Path, char: str) -> None:
    form = fill(draft(open_round), "25.1", "complete", f"Done{char} now.")
    before = open_round.read_bytes()
    code, _, err = run("apply", str(form), "--plan", str(open_round))
    assert code == 1
    assert "item 25.1: the text has the " in err and f"U+{ord(char):04X}" in err
    assert open_round.read_bytes() == before


SIGNED = "The protocol is agreed.\n\nThanks,\nJo Bloggs\nDetective Inspector\nPublic Protection Unit\n0191 123 4567"


def test_a_sign_off_is_left_out_and_said_and_kept_on_request(open_round: Path) -> None:
    form = fill(draft(open_round), "25.1", "complete", SIGNED)
    code, _, err = run("apply", str(form), "--dry-run", "--plan", str(open_round))
    assert code == 0
    assert "item 25.1: left out its sign-off" in err and "Jo Bloggs" in err
    code, _out, err = run("apply", str(form), "--plan", str(open_round))
    assert code == 0, err
    assert "Jo Bloggs" not in open_round.read_text()
    assert "text: The protocol is agreed." in open_round.read_text()
    fresh = open_round.parent / "fresh.yaml"
    fresh.write_bytes(MINIMAL_FILE.read_bytes())
    run("round", "open", "Spring 2027 Update", "--plan", str(fresh))
    code, _, err = run("apply", str(form), "--keep-signoffs", "--plan", str(fresh))
    assert code == 0
    assert "Jo Bloggs" in fresh.read_text()
    assert "warning: the text holds contact details (0191 123 4567)" in err


def test_contact_details_in_the_text_are_warned_about_but_applied(open_round: Path) -> None:
    form = fill(draft(open_round), "25.1", "complete", "Ask jo.bloggs@force.example.org for the protocol.")
    code, _, err = run("apply", str(form), "--plan", str(open_round))
    assert code == 0
    assert "item 25.1: warning: the text holds contact details (jo.bloggs@force.example.org)" in err


def joint(plan: Path, first: str, second: str, status: str = "complete") -> tuple[Path, Path]:
    form = draft(plan)
    a = fill(form, "25.1", "complete", first, plan.parent / "a.md")
    b = fill(form, "25.1", status, second, plan.parent / "b.md")
    return a, b


def test_joint_owners_different_answers_are_shown_side_by_side(open_round: Path) -> None:
    a, b = joint(open_round, "Funding agreed.", "Funding agreed for two years.")
    before = open_round.read_bytes()
    code, _, err = run("apply", str(a), str(b), "--plan", str(open_round))
    assert code == 1
    assert "pass --merge to keep both texts (in file order) or --prefer FILE" in err
    side = [line for line in err.splitlines() if "│" in line]
    assert "Funding agreed." in side[3] and "Funding agreed for two years." in side[3]
    assert str(a) in side[0] and str(b) in side[0]
    assert open_round.read_bytes() == before


def test_merge_keeps_both_texts_in_file_order_and_prefer_takes_one(open_round: Path) -> None:
    a, b = joint(open_round, "Funding agreed.", "Funding agreed for two years.")
    code, _, err = run("apply", str(b), str(a), str(b), "--merge", "--plan", str(open_round))
    assert code == 0, err
    assert (
        "text: |-\n              Funding agreed for two years.\n\n              Funding agreed.\n"
        in open_round.read_text()
    )
    fresh = open_round.parent / "fresh.yaml"
    fresh.write_bytes(MINIMAL_FILE.read_bytes())
    run("round", "open", "Spring 2027 Update", "--plan", str(fresh))
    code, _, err = run("apply", str(a), str(b), "--prefer", str(b), "--plan", str(fresh))
    assert code == 0, err
    assert "text: Funding agreed for two years." in fresh.read_text()


def test_merge_refuses_different_statuses_and_prefer_must_name_a_draft(open_round: Path) -> None:
    a, b = joint(open_round, "Funding agreed.", "Still waiting.", status="blocked")
    code, _, err = run("apply", str(a), str(b), "--merge", "--plan", str(open_round))
    assert code == 1 and "the statuses differ (complete and blocked)" in err
    code, _, err = run("apply", str(a), "--prefer", "other.md", "--plan", str(open_round))
    assert code == 1 and "--prefer other.md is not one of the drafts given" in err


def test_a_dry_run_on_an_absolute_path_heads_its_diff_as_git_does(open_round: Path) -> None:
    form = fill(draft(open_round), "25.1", "complete", "Done.")
    code, out, err = run("apply", str(form), "--dry-run", "--plan", str(open_round.resolve()))
    assert code == 0, err
    relative = str(open_round.resolve()).lstrip("/")
    assert out.splitlines()[:2] == [f"--- a/{relative}", f"+++ b/{relative}"]
