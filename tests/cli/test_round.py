"""The update round end to end: open it, draft by owner, fill in, apply, publish.

The cycle runs on a copy of data/plan.yaml with the declared March 2027 round
taken out, --today pinned; the plan file may change only by added lines and
its title line.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_cli.cli.app import app
from plan_cli.reading.loader import load_plan

from ..conftest import FIXTURES, PLAN_FILE

ENV = {"COLUMNS": "80", "NO_COLOR": "1", "PLAN_FILE": "", "PLAN_TODAY": "2026-11-30"}
DECLARED = (
    "  # Not in the published plan: declared by the plan team to prepare the next update\n"
    "  # (plan draft). The published plan gives no date for it; add due: once the NPCC sets one.\n"
    "  - id: march-2027\n    title: March 2027 Update\n"
)


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def run(*args: str) -> Result:
    result = CliRunner(env=ENV).invoke(app, list(args), catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


def warnings(plan: tuple[str, ...]) -> list[str]:
    """The warnings plan check gives, failing the test unless the plan is valid."""
    result = run("check", *plan)
    assert result.code == 0, result.err
    return [line for line in result.err.splitlines() if ": warning: " in line]


def ok(*args: str) -> str:
    result = run(*args)
    assert result.code == 0, result.err
    return result.out


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    text = PLAN_FILE.read_text(encoding="utf-8")
    assert DECLARED in text
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(DECLARED, ""), encoding="utf-8")
    return path


def fill(path: Path, answers: dict[str, tuple[str, str]], crlf: bool = False) -> None:
    """Fill in a draft as a person would: status typed after the colon, text wrapped below the marker."""
    text = path.read_text(encoding="utf-8")
    for item_id, (status, reply) in answers.items():
        text = text.replace(f"Status ({item_id}):\n", f"Status ({item_id}): {status}\n", 1)
        wrapped = "\n".join(
            segment.strip() for line in reply.split("\n") for segment in re.findall(r".{1,30}(?:\s|$)", line)
        )
        text = text.replace(
            f"Text ({item_id}), below this line:\n\n",
            f"Text ({item_id}), below this line:\n\n\n{wrapped}\n\n\n",
            1,
        )
    text += "\nThanks,\nThe office of the Chief Constable\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    path.write_bytes(text.encode("utf-8"))


def flat(text: str) -> str:
    """Output with its line wrapping undone, for phrases that may wrap at 80 columns."""
    return " ".join(text.split())


def listed_items(draft: str) -> list[str]:
    return re.findall(r"^Status \(([\d.]+)\):", draft, flags=re.MULTILINE)


def only_added_and_title(before: str, after: str) -> list[str]:
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    changed = []
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            changed.extend(before.splitlines()[i1:i2])
    return changed


def test_the_whole_round(plan_file: Path, tmp_path: Path) -> None:
    start = plan_file.read_text(encoding="utf-8")
    plan = ("--plan", str(plan_file))
    known = len(warnings(plan))  # the published plan's own, e.g. references to rows it lacks

    opened = ok("round", "open", "March 2027 Update", "--due", "2027-03-27", *plan)
    assert "Opened the March 2027 Update (march-2027), due 27 Mar 2027: 29 items to answer" in opened
    assert len(warnings(plan)) == known

    a, b = tmp_path / "a.md", tmp_path / "b.md"
    ok("draft", "--owner", "pccs", "--output", str(a), *plan)
    ok("draft", "--owner", "Chief Constables", "--output", str(b), *plan)
    pccs = listed_items(a.read_text(encoding="utf-8"))
    chiefs = listed_items(b.read_text(encoding="utf-8"))
    assert pccs == ["16.1", "25.1", "25.2", "25.3"]
    assert len(chiefs) == 29 and set(pccs) <= set(chiefs)  # jointly owned items are in both drafts
    outstanding_chiefs = json.loads(ok("outstanding", "--owner", "Chief Constables", "--json", *plan))
    assert [entry["id"] for entry in outstanding_chiefs] == chiefs

    fill(a, {
        "16.1": ("In progress", "Refresher training for the Paladin cohort ran on 26 June 2026: 25 staff."),
        "25.1": ("blocked", 'NSIP evaluation awaited from Probation; "funding" is # unclear.'),
        "25.2": ("complete", "- Agreed with neighbouring forces\n- Reviewed in October"),
    })  # fmt: skip
    fill(b, {
        "7.1": ("blocked", "Minerva: no solution yet."),
        "7.2": ("in progress", "Bespoke codes still in use in NICHE."),
        "10.1": ("in-progress", "2,900 of 3,391 (86%) have completed the e-learning."),
        "10.2": ("IN PROGRESS", "As 10.1. Le café – naïve ✓"),
        "14.5": ("complete", "Done."),
    }, crlf=True)  # fmt: skip
    applied = ok("apply", str(a), str(b), *plan)
    assert "Wrote 8 replies to the March 2027 Update" in flat(applied) and "8 of 29 items answered" in flat(
        applied
    )
    assert "25.1   blocked      NSIP evaluation awaited from Probation" in applied
    assert len(warnings(plan)) == known
    again = ok("apply", str(a), str(b), *plan)
    assert (
        again.startswith("Nothing to change")
        and "already holds every reply in" in flat(again)
        and "(8 replies)" in flat(again)
    )

    reloaded = load_plan(plan_file).plan
    assert reloaded.item("25.1").update_for("march-2027").text == (
        'NSIP evaluation awaited from Probation; "funding" is # unclear.'
    )
    assert reloaded.item("25.2").update_for("march-2027").text == (
        "- Agreed with neighbouring forces\n- Reviewed in October"
    )
    assert reloaded.item("10.2").update_for("march-2027").text == "As 10.1. Le café – naïve ✓"

    status = ok("status", *plan)
    assert (
        "Open round: March 2027 Update: open, 8 of 29 items answered, due 27 Mar 2027, 117 days left"
        in flat(status)
    )
    assert re.search(r"Chief Constables\s+8 of 29 answered, 21 to come", status)
    assert re.search(r"Police and Crime Commissioners\s+3 of 4 answered, 1 to come", status)
    record = json.loads(ok("status", "--json", *plan))["open_round"]
    assert (record["id"], record["state"], record["answered"], record["asked"]) == (
        "march-2027",
        "open",
        8,
        29,
    )
    assert {o["owner"]: (o["answered"], o["asked"]) for o in record["owners"]} == {
        "Chief Constables": (8, 29),  # the PCCs' items are jointly owned
        "Police and Crime Commissioners": (3, 4),
    }
    deadlines = json.loads(ok("deadlines", "--json", *plan))
    (due,) = [d for d in deadlines if d["kind"] == "round" and d["ref"] == "march-2027"]
    assert due["state"] != "done"
    assert "    March 2027 Update :milestone, round4, 2027-03-27, 0d" in ok("report", *plan)  # not done
    deps = {d["id"]: d["rounds_since"] for d in json.loads(ok("deps", "--json", *plan))}
    assert deps["college-stalking-app"] == 0  # raised in March 2026; the open round is no round since
    unanswered = json.loads(ok("outstanding", "--unanswered", "--json", *plan))
    assert len(unanswered) == 21 and "7.1" not in {entry["id"] for entry in unanswered}

    rest = tmp_path / "rest.md"
    ok("draft", "--output", str(rest), *plan)
    remaining = listed_items(rest.read_text(encoding="utf-8"))
    assert remaining == [entry["id"] for entry in unanswered]
    by_owner = rest.read_text(encoding="utf-8").split("## Items by owner\n")[1].split("\n## ")[0]
    groups = dict(re.findall(r"^- \*\*(.+?):\*\* (.+)$", by_owner, flags=re.MULTILINE))
    for owner, ids in groups.items():
        listed = json.loads(ok("outstanding", "--unanswered", "--owner", owner, "--json", *plan))
        assert ids.split(", ") == [entry["id"] for entry in listed], (
            owner
        )  # the draft groups as outstanding does
    assert set(groups) == {"Chief Constables", "Police and Crime Commissioners"}
    fill(rest, {item_id: ("in progress", f"Position for {item_id} unchanged.") for item_id in remaining})
    assert "Wrote 21 replies" in ok("apply", str(rest), *plan)
    assert "March 2027 Update: answered, 29 of 29 items answered" in flat(ok("status", *plan))
    assert len(warnings(plan)) == known

    published = ok("round", "publish", "march-2027", "--date", "2027-03-20", *plan, "--today", "2027-03-20")
    assert "Published the March 2027 Update on 20 Mar 2027." in flat(published)
    assert "Title: Police Stalking Action Plan (March 2027 Update)" in flat(published)
    assert len(warnings(plan)) == known
    assert "    March 2027 Update :done, milestone, round4, 2027-03-27, 0d" in ok("report", *plan)
    deps = {d["id"]: d["rounds_since"] for d in json.loads(ok("deps", "--json", *plan))}
    assert deps["college-stalking-app"] == 1
    html = ok("export", "--format", "html", *plan)
    assert re.search(r"<th[^>]*>March 2027 Update", html)

    end = plan_file.read_text(encoding="utf-8")
    assert only_added_and_title(start, end) == ["title: Police Stalking Action Plan (March 2026 Update)"]
    assert "title: Police Stalking Action Plan (March 2027 Update)" in end.splitlines()


def test_bad_replies_write_nothing_and_say_where(plan_file: Path, tmp_path: Path) -> None:
    plan = ("--plan", str(plan_file))
    ok("round", "open", "March 2027 Update", "--due", "2027-03-27", *plan)
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    ok("draft", "--owner", "pccs", "--output", str(a), *plan)
    ok("draft", "--owner", "Chief Constables", "--output", str(b), *plan)
    fill(a, {"16.1": ("waiting", "Done."), "25.1": ("blocked", "Waiting on Probation.")})
    text = (
        b.read_text(encoding="utf-8")
        .replace("Status (7.2):", "Status (7.9):")
        .replace("Text (7.2), below", "Text (7.9), below")
        .replace("End of text (7.2)", "End of text (7.9)")
    )
    b.write_text(text, encoding="utf-8")
    fill(b, {"25.1": ("blocked", "Waiting on someone else."), "7.9": ("complete", "Done.")})
    before = plan_file.read_bytes()
    result = run("apply", str(a), str(b), *plan)
    assert result.code == 1 and plan_file.read_bytes() == before
    lines = result.err.splitlines()
    assert any(
        re.match(rf"{re.escape(str(a))}:\d+: item 16\.1: 'waiting' is not a status", line) for line in lines
    )
    assert any(
        re.match(rf"{re.escape(str(b))}:\d+: item 7\.9: there is no item 7\.9 in the plan", line)
        for line in lines
    )
    assert any(
        re.match(
            rf"{re.escape(str(b))}:\d+: item 25\.1: answered again with a different text than at {re.escape(str(a))}:\d+",
            line,
        )
        for line in lines
    )
    assert lines[-1] == f"3 problems in the drafts; nothing was written to {plan_file}."


def test_a_reply_differing_from_the_plan_needs_force(plan_file: Path, tmp_path: Path) -> None:
    plan = ("--plan", str(plan_file))
    ok("round", "open", "March 2027 Update", "--due", "2027-03-27", *plan)
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    ok("draft", "--owner", "pccs", "--output", str(first), *plan)
    ok("draft", "--owner", "pccs", "--output", str(second), *plan)
    fill(first, {"16.1": ("in progress", "First answer.")})
    fill(second, {"16.1": ("complete", "Second answer.")})
    ok("apply", str(first), *plan)
    refused = run("apply", str(second), *plan)
    assert (
        refused.code == 1
        and "item 16.1: the plan already has a different update in the March 2027 Update" in flat(refused.err)
    )
    dry = ok("apply", str(second), "--force", "--dry-run", *plan)
    assert "-            status: in-progress\n-            text: First answer.\n" in dry
    assert "+            status: complete\n+            text: Second answer.\n" in dry
    assert load_plan(plan_file).plan.item("16.1").update_for("march-2027").text == "First answer."
    assert "(replaced)" in ok("apply", str(second), "--force", *plan)
    assert load_plan(plan_file).plan.item("16.1").update_for("march-2027").text == "Second answer."
    everything = tmp_path / "all.md"
    ok("draft", "--all", "--owner", "pccs", "--output", str(everything), *plan)
    assert "Status (16.1): complete" in everything.read_text(encoding="utf-8")
    assert ok("apply", str(everything), *plan).startswith("Nothing to change")


def test_round_commands_refuse_clearly(plan_file: Path) -> None:
    plan = ("--plan", str(plan_file))
    ok("round", "open", "March 2027 Update", "--due", "2027-03-27", *plan)
    again = run("round", "open", "March 2027 Update", *plan)
    assert again.code == 1 and "already declares the March 2027 Update (march-2027)" in flat(again.err)
    another = run("round", "open", "March 2028 Update", *plan)
    assert another.code == 1 and "the March 2027 Update is still open (0 of 29 items answered)" in flat(
        another.err
    )
    unknown = run("round", "publish", "march-2030", *plan)
    assert (
        unknown.code == 2
        and "no round 'march-2030' is declared in the plan; did you mean march-2027? declared rounds are: initial"
        in flat(unknown.err)
    )
    early = run("round", "publish", "march-2027", *plan)
    assert early.code == 1 and "29 items of the March 2027 Update have no update yet" in flat(early.err)
    ok("round", "publish", "march-2027", "--force", "--date", "2027-03-20", *plan, "--today", "2027-03-20")
    twice = run("round", "publish", "march-2027", *plan)
    assert twice.code == 1 and "already published on 2027-03-20" in flat(twice.err)
    # A refusal is no usage mistake: it says what to do, without the usage line a wrong option gets.
    for refused in (again, another, early, twice):
        assert refused.err.startswith("error: ") and "Usage:" not in refused.err
    assert "Usage: plan round publish" in unknown.err


def test_check_warns_when_the_title_names_another_round(plan_file: Path) -> None:
    text = plan_file.read_text(encoding="utf-8").replace(
        "title: Police Stalking Action Plan (March 2026 Update)",
        "title: Police Stalking Action Plan (March 2025 Update)",
    )
    plan_file.write_text(text, encoding="utf-8")
    result = run("check", "--plan", str(plan_file))
    assert result.code == 0
    assert (
        "the title names the March 2025 Update, but the latest published round is the March 2026 Update"
        in result.err
    )


def changed_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` has that ``before`` lacks, and those it lost, marked + and -."""
    return [
        line.rstrip("\n")
        for line in difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True))
        if line[:2] in ("+ ", "- ")
    ]


def test_round_due_rename_and_cancel_change_only_their_lines(plan_file: Path) -> None:
    plan = ("--plan", str(plan_file))
    ok("round", "open", "Dec 2026", *plan)
    before = plan_file.read_text(encoding="utf-8")
    assert "Dec 2026 is now due 31 Jan 2027" in flat(ok("round", "due", "dec-2026", "2027-01-31", *plan))
    assert changed_lines(before, plan_file.read_text(encoding="utf-8")) == ["+     due: 2027-01-31"]
    renamed = ok("round", "rename", "dec-2026", "December 2026 Update", *plan)
    assert "Renamed the round dec-2026 to December 2026 Update (was Dec 2026)" in flat(renamed)
    assert changed_lines(before, plan_file.read_text(encoding="utf-8")) == [
        "-     title: Dec 2026",
        "+     title: December 2026 Update",
        "+     due: 2027-01-31",
    ]
    assert "Cancelled the December 2026 Update (dec-2026)" in flat(ok("round", "cancel", "dec-2026", *plan))
    assert changed_lines(before, plan_file.read_text(encoding="utf-8")) == [
        "-   - id: dec-2026",
        "-     title: Dec 2026",
    ]


def test_a_title_unlike_the_others_is_warned_about(plan_file: Path) -> None:
    opened = run("round", "open", "Dec 2026", "--plan", str(plan_file))
    assert opened.code == 0
    assert (
        "warning: the title 'Dec 2026' is not like the plan's other rounds (e.g. 'March 2026 Update')"
        in flat(opened.err)
    )
    assert "plan round rename dec-2026 'NEW TITLE'" in flat(opened.err)


def test_cancel_with_replies_needs_force_and_names_what_it_drops(plan_file: Path, tmp_path: Path) -> None:
    plan = ("--plan", str(plan_file))
    ok("round", "open", "March 2027 Update", *plan)
    before = plan_file.read_text(encoding="utf-8")
    draft = tmp_path / "draft.md"
    ok("draft", "--output", str(draft), *plan)
    fill(draft, {"7.1": ("in progress", "Under way.")})
    ok("apply", str(draft), *plan)
    refused = run("round", "cancel", "march-2027", *plan)
    assert refused.code == 1 and "already has 1 reply (7.1)" in flat(refused.err) and "--force" in refused.err
    cancelled = run("round", "cancel", "march-2027", "--force", *plan)
    assert cancelled.code == 0 and "Dropped the reply of item 7.1." in cancelled.err
    assert plan_file.read_text(encoding="utf-8") == before.replace(
        "  - id: march-2027\n    title: March 2027 Update\n", ""
    )


def test_only_the_open_round_is_renamed_or_cancelled(plan_file: Path) -> None:
    plan = ("--plan", str(plan_file))
    reported = run("round", "rename", "march-2026", "Spring 2026 Update", *plan)
    assert reported.code == 1
    assert "not the open round (no round is open); rename only the open round" in flat(reported.err)
    ok("round", "publish", "march-2026", "--date", "2026-03-31", *plan)
    published = run("round", "cancel", "march-2026", *plan)
    assert published.code == 1 and "published on 2026-03-31" in published.err
    assert "part of the record" in flat(published.err)


def test_a_publish_date_after_today_is_refused(plan_file: Path) -> None:
    plan = ("--plan", str(plan_file))
    ok("round", "open", "March 2027 Update", *plan)
    future = run("round", "publish", "march-2027", "--force", "--date", "2026-12-25", *plan)
    assert future.code == 1 and "--date 2026-12-25 is after today (2026-11-30)" in flat(future.err)


@pytest.mark.parametrize(
    "title", ["Spring # 2027 Update", "Tab\there 2027 Update", "Quote 'it' \"2027\" Update: x"]
)
def test_publish_keeps_a_round_title_exact_in_the_plan_title(plan_file: Path, title: str) -> None:
    import yaml

    plan = ("--plan", str(plan_file))
    ok("round", "open", title, "--id", "next", *plan)
    ok("round", "publish", "next", "--force", *plan)
    loaded = load_plan(plan_file).plan
    assert loaded.title == f"Police Stalking Action Plan ({title})"
    text = plan_file.read_text(encoding="utf-8")
    pure = yaml.load(text, Loader=yaml.SafeLoader)
    assert pure["title"] == loaded.title and pure["rounds"][-1]["title"] == title
    if hasattr(yaml, "CSafeLoader"):
        assert yaml.load(text, Loader=yaml.CSafeLoader) == pure


def test_opening_a_published_round_again_suggests_nothing_that_fails(plan_file: Path) -> None:
    plan = ("--plan", str(plan_file))
    again = run("round", "open", "March 2026 Update", *plan)
    assert again.code == 1 and "already declares the March 2026 Update" in again.err
    assert "plan draft" not in again.err
    ok("round", "publish", "march-2026", "--date", "2026-03-31", *plan)
    published = run("round", "open", "March 2026 Update", *plan)
    assert "published on 2026-03-31; open the next round under another title" in flat(published.err)


def test_opening_a_round_names_every_owner_with_items_to_answer(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text((FIXTURES / "other-force.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    opened = ok("round", "open", "April 2027 Progress Review", "--due", "2027-04-30", "--plan", str(path))
    hint = opened.split("Next, for each owner: ", 1)[1].splitlines()
    assert hint == [
        "plan draft --owner NAME --output FILE.md; NAME is one of:",
        "  'Chief Officers'",
        "  'Police, Fire and Crime Commissioner'",
        "  'Local Authorities'",
    ], opened


def test_publishing_with_one_item_unanswered_says_it_in_the_singular(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text((FIXTURES / "other-force.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    early = run("round", "publish", "oct-2026", "--plan", str(path))
    assert early.code == 1
    assert "1 item of the October 2026 Progress Review has no update yet (40.1); collect it" in flat(
        early.err
    )


def test_opening_a_round_without_a_title_suggests_the_plans_next_one(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    text = (FIXTURES / "other-force.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    untitled = run("round", "open", "--plan", str(path))
    assert untitled.code == 2 and "Traceback" not in untitled.err
    assert (
        "by this plan's cadence the next is: plan round open 'April 2027 Progress Review' --due 2027-04-30"
        in flat(untitled.err)
    )
    assert path.read_text(encoding="utf-8") == text
    ok("round", "open", "April 2027 Progress Review", "--plan", str(path))
    still_open = run("round", "open", "--plan", str(path))
    assert still_open.code == 1
    assert "the April 2027 Progress Review is still open (0 of " in flat(still_open.err)
    assert flat(still_open.err).endswith("cancel it first: plan round cancel apr-2027")


def test_an_empty_title_is_refused_with_this_plans_names(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text((FIXTURES / "other-force.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    empty = run("round", "open", " ", "--plan", str(path))
    assert empty.code == 2
    assert "the next is: plan round open 'April 2027 Progress Review' --due 2027-04-30" in flat(empty.err)
    ok("round", "open", "April 2027 Progress Review", "--plan", str(path))
    unnamed = run("round", "rename", "apr-2027", "", "--plan", str(path))
    assert unnamed.code == 2
    assert "plan round rename apr-2027 'NEW TITLE'" in flat(unnamed.err)
    assert "Autumn 2027" not in empty.err + unnamed.err


def test_a_round_named_by_the_start_of_its_id_gets_a_did_you_mean(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text((FIXTURES / "other-force.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    ok("round", "open", "April 2027 Progress Review", "--plan", str(path))
    short = run("round", "due", "base", "2027-05-01", "--plan", str(path))
    assert short.code == 2
    assert (
        "no round 'base' is declared in the plan; did you mean baseline? declared rounds are: baseline"
        in flat(short.err)
    )
    ambiguous = run("round", "due", "apr", "2027-05-01", "--plan", str(path))
    assert "did you mean" not in ambiguous.err


def test_publishing_with_force_names_the_items_that_went_out_unanswered(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text((FIXTURES / "other-force.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    forced = ok("round", "publish", "oct-2026", "--force", "--plan", str(path))
    assert "1 item went out with no update in it (40.1)." in flat(forced)


def test_a_round_opened_without_a_due_date_is_offered_the_plans_usual_one(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text((FIXTURES / "other-force.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    opened = ok("round", "open", "April 2027 Progress Review", "--plan", str(path))
    assert "no due date (set one with: plan round due apr-2027 2027-04-30)" in flat(opened)


def test_cancel_force_gives_back_updates_for_an_item_whose_only_reply_it_drops(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    before = (FIXTURES / "quarterly-force.yaml").read_text(encoding="utf-8")
    path.write_text(before, encoding="utf-8")
    plan = ("--plan", str(path), "--today", "2025-11-15")
    draft = tmp_path / "pfcc.md"
    ok("draft", "--owner", "PFCC", "--output", str(draft), *plan)
    fill(draft, {"11.1": ("in progress", "Tender out."), "11.2": ("not started", "Recruitment follows.")})
    ok("apply", str(draft), *plan)
    ok("round", "cancel", "autumn-review", "--force", *plan)
    declared = "  - id: autumn-review\n    title: Autumn Review   # extra review requested by the PFCC; no date published\n"
    assert declared in before
    assert path.read_text(encoding="utf-8") == before.replace(declared, "")
