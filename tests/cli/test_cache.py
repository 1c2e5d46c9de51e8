"""What read commands do with the user's cache when someone else has been at it: skip it, never hang.

Run as root, as CI does: "another user" is uid 65534 (nobody), made by os.chown.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import MINIMAL_FILE
from .runner import run

NOBODY = 65534


class Hung(BaseException):
    """Raised when a command has waited too long: not an Exception, so no ``except Exception`` swallows it."""


@pytest.fixture(autouse=True)
def never_hangs() -> Iterator[None]:
    """Fail, rather than hang the suite, if a command waits on a FIFO."""

    def stuck(signum: int, frame: object) -> None:
        raise Hung("the command blocked on a cache entry")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def tree(folder: Path) -> dict[str, str]:
    """Every path under ``folder`` with what it is (a link's target, a file's text)."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[name] = path.read_text()
        else:
            found[name] = "folder"
    return found


def test_a_shared_folder_where_another_user_made_plan_with_links_is_skipped(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious").write_text("keep me")
    theirs = shared / "plan"
    theirs.mkdir()
    (theirs / "plans").symlink_to(victim, target_is_directory=True)
    (theirs / "templates").symlink_to(victim, target_is_directory=True)
    theirs.chmod(0o777)
    os.lchown(theirs / "plans", NOBODY, NOBODY)
    os.lchown(theirs / "templates", NOBODY, NOBODY)
    os.chown(theirs, NOBODY, NOBODY)
    before_shared, before_victim = tree(shared), tree(victim)
    env = {"XDG_CACHE_HOME": str(shared)}
    for _ in range(2):
        for command in (["status"], ["check"], ["report"]):
            code, out, err = run(*command, "--plan", str(MINIMAL_FILE), env=env)
            assert code == 0, err
            assert out or command == ["check"]
    assert tree(victim) == before_victim, "nothing written or deleted through the links"
    assert tree(shared) == before_shared


def test_fifos_in_the_cache_never_hang_a_command(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(MINIMAL_FILE.read_bytes())
    first = run("report", "--plan", str(plan), env=env)
    assert first[0] == 0, first[2]
    kept = [path for kind in ("templates", "plans") for path in (tmp_path / "plan" / kind).iterdir()]
    assert any(path.parent.name == "templates" for path in kept)
    assert any(path.parent.name == "plans" for path in kept)
    for path in kept:
        path.unlink()
        os.mkfifo(path)
    again = run("report", "--plan", str(plan), env=env)  # a blocking open would wait here for ever
    assert again == first
