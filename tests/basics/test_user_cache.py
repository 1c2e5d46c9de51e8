"""The user's cache: used only when every folder from its root down is safe; entries read without blocking.

These run as root, as CI does: "another user" is uid 65534 (nobody), made by os.chown.
"""

from __future__ import annotations

import os
import signal
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from plan_cli.basics.user_cache import cache_folder, is_private, make_private, read_entry

NOBODY = 65534


@pytest.fixture(autouse=True)
def never_hangs() -> Iterator[None]:
    """Fail, rather than hang the suite, if anything waits on a FIFO."""

    def stuck(signum: int, frame: object) -> None:
        raise AssertionError("blocked on a cache entry")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder named by XDG_CACHE_HOME, the user's own."""
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("PLAN_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A folder a link might point to, with a file in it that must be neither changed nor deleted."""
    folder = tmp_path / "victim"
    folder.mkdir()
    (folder / "precious").write_text("keep me")
    return folder


def folder_of(kind: str = "plans") -> Path:
    folder = cache_folder(kind)
    assert folder is not None
    return folder


def test_the_cache_is_made_owner_only_and_is_then_private(base: Path) -> None:
    folder = folder_of()
    assert not is_private(folder)
    assert make_private(folder)
    assert is_private(folder)
    for made in (base / "plan", folder):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700


def test_plan_no_cache_means_no_folder(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAN_NO_CACHE", "1")
    assert cache_folder("plans") is None


def test_a_root_another_user_made_is_neither_read_nor_written(base: Path) -> None:
    (base / "plan").mkdir(mode=0o700)
    os.chown(base / "plan", NOBODY, NOBODY)
    folder = folder_of()
    assert not make_private(folder)
    assert not is_private(folder)
    assert not folder.exists()


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777])
def test_a_root_others_may_write_is_not_used(base: Path, mode: int) -> None:
    folder = folder_of()
    assert make_private(folder)
    (base / "plan").chmod(mode)
    assert not is_private(folder)
    assert not make_private(folder)


def test_a_kind_folder_others_may_write_is_not_used(base: Path) -> None:
    folder = folder_of()
    assert make_private(folder)
    folder.chmod(0o777)
    assert not is_private(folder)


def test_a_link_in_place_of_the_root_is_never_followed(base: Path, victim: Path) -> None:
    (base / "plan").symlink_to(victim, target_is_directory=True)
    folder = folder_of()
    assert not make_private(folder)
    assert not is_private(folder)
    assert sorted(p.name for p in victim.iterdir()) == ["precious"], "nothing made through the link"


def test_a_link_in_place_of_the_kind_folder_is_never_followed(base: Path, victim: Path) -> None:
    (base / "plan").mkdir(mode=0o700)
    (base / "plan" / "plans").symlink_to(victim, target_is_directory=True)
    folder = folder_of()
    assert not make_private(folder)
    assert not is_private(folder)


def test_a_shared_sticky_folder_is_fine_while_the_root_is_the_users_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp: anyone may add, no one may remove another's
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    monkeypatch.delenv("PLAN_NO_CACHE", raising=False)
    folder = folder_of()
    assert make_private(folder) and is_private(folder)


def test_a_shared_folder_that_is_not_sticky_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # anyone could swap plan/ for their own
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    monkeypatch.delenv("PLAN_NO_CACHE", raising=False)
    folder = folder_of()
    assert not make_private(folder)
    assert not (shared / "plan").exists()


def test_a_cache_folder_in_a_folder_another_user_owns_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o755)
    os.chown(theirs, NOBODY, NOBODY)
    monkeypatch.setenv("XDG_CACHE_HOME", str(theirs))
    folder = folder_of()
    assert not make_private(folder)


def test_an_entry_is_read_only_if_it_is_a_regular_file(tmp_path: Path, victim: Path) -> None:
    entry = tmp_path / "entry"
    entry.write_bytes(b"kept")
    assert read_entry(entry) == b"kept"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert read_entry(fifo) is None  # opened without blocking: no writer is waited for
    link = tmp_path / "link"
    link.symlink_to(victim / "precious")
    assert read_entry(link) is None
    assert read_entry(tmp_path / "gone") is None
    assert read_entry(Path("/dev/zero")) is None
