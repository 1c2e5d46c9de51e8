"""One writer at a time: edits of one plan file at once all land, or say they did not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plan_cli.editing.plan_file import EditError, edit_plan
from plan_cli.editing.plan_lock import LockError, lock_path, plan_lock
from plan_cli.reading.loader import load_plan

from ..cli.test_round import fill
from ..conftest import PLAN_FILE

TODAY = "2026-11-30"
ITEMS = ["7.1", "7.2", "10.1", "12.2", "14.1", "14.3", "25.1", "25.3"]


def plan_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start ``plan ARGS`` as its own process, as a person at another desk would.

    The lock is waited for up to a minute (PLAN_LOCK_WAIT), so that on a loaded
    machine eight queued edits still all land; giving up in time is tested on
    its own with a short wait.
    """
    return subprocess.Popen(
        [sys.executable, "-m", "plan_cli", *args],
        cwd=cwd,
        env={
            **os.environ,
            "PLAN_TODAY": TODAY,
            "NO_COLOR": "1",
            "PLAN_NO_CACHE": "1",
            "PLAN_LOCK_WAIT": "60",
            **(env or {}),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def drafts_for(tmp_path: Path, items: list[str]) -> list[Path]:
    """One filled-in draft per item, each answering only that item."""
    whole = tmp_path / "all.md"
    made = plan_cli("draft", "--all", "--output", str(whole), "--plan", "plan.yaml", cwd=tmp_path)
    assert made.wait(60) == 0, made.stderr.read() if made.stderr else ""
    paths = []
    for item_id in items:
        path = tmp_path / f"reply-{item_id}.md"
        shutil.copy(whole, path)
        fill(path, {item_id: ("in progress", f"Reply for {item_id} from its own desk.")})
        paths.append(path)
    return paths


@pytest.mark.slow
def test_eight_applies_at_once_all_land(tmp_path: Path) -> None:
    shutil.copy(PLAN_FILE, tmp_path / "plan.yaml")
    drafts = drafts_for(tmp_path, ITEMS)
    running = [plan_cli("apply", str(d), "--plan", "plan.yaml", cwd=tmp_path) for d in drafts]
    results = [
        (p.wait(120), p.stdout.read() if p.stdout else "", p.stderr.read() if p.stderr else "")
        for p in running
    ]
    plan = load_plan(tmp_path / "plan.yaml").plan
    for item_id, (code, out, err) in zip(ITEMS, results, strict=True):
        item = plan.item(item_id)
        assert item is not None
        landed = item.update_for("march-2027")
        if code == 0:
            assert "Wrote 1 reply" in out, err
            assert landed is not None and landed.text == f"Reply for {item_id} from its own desk."
        else:
            assert "another command is editing it" in err and landed is None
    assert sum(code == 0 for code, _, _ in results) == len(ITEMS), [r[2] for r in results if r[0]]


@pytest.mark.slow
def test_publish_racing_apply_keeps_both(tmp_path: Path) -> None:
    text = PLAN_FILE.read_text(encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    (draft,) = drafts_for(tmp_path, ["7.1"])
    apply = plan_cli("apply", str(draft), "--plan", "plan.yaml", cwd=tmp_path)
    publish = plan_cli("round", "publish", "march-2027", "--force", "--plan", "plan.yaml", cwd=tmp_path)
    applied, published = apply.wait(60), publish.wait(60)
    assert published == 0
    plan = load_plan(tmp_path / "plan.yaml").plan
    declared = plan.round("march-2027")
    assert declared is not None and declared.published is not None
    item = plan.item("7.1")
    assert item is not None
    if applied == 0:  # apply went first: its reply is in the published round
        assert item.update_for("march-2027") is not None
    else:  # publish went first: apply says the round is closed, and wrote nothing
        err = apply.stderr.read() if apply.stderr else ""
        assert item.update_for("march-2027") is None and "error:" in err and "Traceback" not in err


def test_a_file_changed_during_the_edit_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    shutil.copy(PLAN_FILE, path)
    with edit_plan(path, "plan test") as edit:
        saved_by_editor = edit.read.text.replace("# ", "#  ", 1)
        path.write_text(saved_by_editor, encoding="utf-8")
        with pytest.raises(EditError, match="changed on disk"):
            edit.write(edit.read.text + "\n")
    assert path.read_text(encoding="utf-8") == saved_by_editor


def test_a_held_lock_names_its_holder_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    shutil.copy(PLAN_FILE, path)
    before = path.read_bytes()
    with plan_lock(path, "plan round publish"):
        waiting = plan_cli(
            "round",
            "due",
            "march-2027",
            "2027-03-31",
            "--plan",
            "plan.yaml",
            cwd=tmp_path,
            env={"PLAN_LOCK_WAIT": "0.3"},
        )
        assert waiting.wait(60) == 1
        err = waiting.stderr.read() if waiting.stderr else ""
    assert "another command is editing it (plan round publish, process" in err
    assert f"process {os.getpid()}" in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_the_lock_is_beside_the_real_file_and_released(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    shutil.copy(PLAN_FILE, real)
    link = tmp_path / "plan.yaml"
    link.symlink_to(real)
    assert lock_path(link) == tmp_path / ".real.yaml.lock"
    with plan_lock(link, "first"):
        pass
    with plan_lock(link, "second"):  # released: taken again at once
        pass


def test_a_lock_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    shutil.copy(PLAN_FILE, path)
    os.mkfifo(lock_path(path))
    with pytest.raises(LockError, match="is not a regular file"), plan_lock(path, "plan apply"):
        pass
