"""The validated-plan cache: the same plan from it as from parsing, and nothing wrong ever taken from it."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from benchmarks.plan_dumper import dump_plan
from plan_cli.basics.errors import InvalidPlanError
from plan_cli.reading import plan_cache, yaml_compose
from plan_cli.reading.build import build_plan
from plan_cli.reading.loader import LoadedPlan, load_plan, parse_plan

from ..conftest import PLAN_FILE
from .test_loader_properties import plan_data


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own; the plans folder inside it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("PLAN_NO_CACHE", raising=False)
    return tmp_path / "cache" / "plan" / "plans"


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    """A copy of the real plan in a folder of its own."""
    folder = tmp_path / "force"
    folder.mkdir()
    path = folder / "plan.yaml"
    path.write_bytes(PLAN_FILE.read_bytes())
    return path


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths parsed from YAML (not taken from the cache), in order."""
    parsed: list[str] = []
    parse = yaml_compose.valid_values

    def counted(text: str, path: str = "<plan>") -> Any:
        parsed.append(path)
        return parse(text, path)

    monkeypatch.setattr(yaml_compose, "valid_values", counted)
    return parsed


def entries(cache: Path) -> list[str]:
    """The names of the values entries (each with a places entry beside it)."""
    return sorted(p.name for p in cache.glob("*.values")) if cache.exists() else []


def every_path(value: Any, parts: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every field path in plain plan data, and one step past each (which locates at its parent)."""
    found = [parts, (*parts, "no such field"), (*parts, 9999)]
    if isinstance(value, dict):
        for key, child in value.items():
            found += every_path(child, (*parts, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += every_path(child, (*parts, index))
    return found


def same(first: LoadedPlan, second: LoadedPlan) -> None:
    assert second.plan == first.plan
    assert second.source.data == first.source.data
    assert second.source.written == first.source.written


def test_a_plan_read_again_comes_from_the_cache_the_same(
    cache: Path, plan_path: Path, parses: list[str]
) -> None:
    first = load_plan(plan_path)
    assert len(entries(cache)) == 1
    second = load_plan(plan_path)
    assert parses == [str(plan_path)]  # parsed once, then taken from the cache
    same(first, second)
    assert not list(plan_path.parent.glob("*[!l]"))  # nothing beside the plan (only plan.yaml)


def test_positions_come_from_the_cache_as_the_parser_finds_them(
    cache: Path, plan_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from plan_cli.reading import loader

    first = load_plan(plan_path)
    assert not list(cache.glob("*.places"))  # a first read works out no places it was not asked for
    composed = load_plan(plan_path)
    assert composed.source.locate(("title",)) == (7, 8)  # composed now, and the places kept
    assert len(list(cache.glob("*.places"))) == 1
    monkeypatch.setattr(loader, "_compose_root", None)  # the YAML is not composed again
    second = load_plan(plan_path)
    assert len(parses) == 1
    for parts in every_path(first.source.data):
        for at_key in (False, True):
            assert second.source.locate(parts, at_key) == first.source.locate(parts, at_key), parts
    assert second.source.locate(("title",)) == (7, 8)
    assert second.source.locate(("title",), at_key=True) == (7, 1)


@pytest.mark.parametrize("damage", [b"", b"plan-cli places 1\n" + bytes(64)], ids=["empty", "wrong key"])
def test_without_kept_places_positions_are_found_by_composing(
    cache: Path, plan_path: Path, parses: list[str], damage: bytes
) -> None:
    first = load_plan(plan_path)
    load_plan(plan_path).source.locate(("title",))
    (places,) = cache.glob("*.places")
    places.write_bytes(damage)
    second = load_plan(plan_path)
    assert len(parses) == 1
    parts = ("recommendations", 3, "items", 1, "updates", 0, "text")
    assert second.source.locate(parts) == first.source.locate(parts)
    assert second.source.root is not None  # composed, since the places could not be used


def test_a_changed_byte_is_read_afresh(cache: Path, plan_path: Path, parses: list[str]) -> None:
    load_plan(plan_path)
    text = plan_path.read_text(encoding="utf-8")
    plan_path.write_text(text.replace("\ntitle: ", "\ntitle: X", 1), encoding="utf-8")
    changed = load_plan(plan_path)
    assert len(parses) == 2
    assert changed.plan.title.startswith("X")
    assert entries(cache) == entries(cache)[:1]  # one entry per plan file, replaced


def test_the_same_plan_by_new_code_is_read_afresh(
    cache: Path, plan_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_plan(plan_path)
    monkeypatch.setattr(plan_cache, "_code", b"another version of the reading code")
    load_plan(plan_path)
    assert len(parses) == 2


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="cut short"),
        pytest.param(lambda b: b[:-10] + bytes([b[-10] ^ 1]) + b[-9:], id="one bit flipped"),
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b"not an entry at all", id="something else"),
    ],
)
def test_a_damaged_entry_is_no_entry(cache: Path, plan_path: Path, parses: list[str], damage: Any) -> None:
    first = load_plan(plan_path)
    (entry,) = cache.glob("*.values")
    entry.write_bytes(damage(entry.read_bytes()))
    same(first, load_plan(plan_path))
    assert len(parses) == 2


def test_an_entry_that_is_not_what_keep_writes_is_no_entry(
    cache: Path, plan_path: Path, parses: list[str]
) -> None:
    import marshal

    first = load_plan(plan_path)
    (entry,) = cache.glob("*.values")
    key = plan_cache.Entry(plan_path, plan_path.read_bytes()).key
    for payload in [marshal.dumps(["a list", {}, []]), marshal.dumps(({}, {}, [("nowhere", 3)]))]:
        entry.write_bytes(plan_cache._MAGIC + key + plan_cache._hash(payload) + payload)
        same(first, load_plan(plan_path))
    assert len(parses) == 3


def test_a_plan_with_problems_is_never_kept(cache: Path, plan_path: Path) -> None:
    plan_path.write_text(plan_path.read_text(encoding="utf-8").replace("title: ", "titel: ", 1))
    for _ in range(2):
        with pytest.raises(InvalidPlanError) as raised:
            load_plan(plan_path)
        assert "titel" in str(raised.value.problems)
    assert entries(cache) == []


def test_a_cache_folder_others_may_write_is_neither_read_nor_written(
    cache: Path, plan_path: Path, parses: list[str]
) -> None:
    load_plan(plan_path)
    cache.chmod(0o777)
    load_plan(plan_path)
    other = plan_path.with_name("other.yaml")
    other.write_bytes(plan_path.read_bytes())
    load_plan(other)
    assert len(parses) == 3
    assert len(entries(cache)) == 1


def test_plan_no_cache_turns_it_off(
    cache: Path, plan_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAN_NO_CACHE", "1")
    load_plan(plan_path)
    load_plan(plan_path)
    assert len(parses) == 2
    assert not cache.parent.exists()


def test_a_fifo_in_an_entrys_place_is_neither_read_nor_replaced(
    cache: Path, plan_path: Path, parses: list[str]
) -> None:
    load_plan(plan_path)
    (entry,) = cache.glob("*.values")
    entry.unlink()
    os.mkfifo(entry)
    load_plan(plan_path)  # would block if the FIFO were opened for reading
    assert len(parses) == 2
    assert entry.is_fifo()


def test_the_oldest_entries_go_beyond_the_limit(
    cache: Path, plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan_cache, "MAX_ENTRIES", 2)
    paths = [plan_path.with_name(f"plan-{n}.yaml") for n in range(4)]
    for n, path in enumerate(paths):
        path.write_bytes(plan_path.read_bytes())
        load_plan(path)
        load_plan(path).source.locate(("title",))  # and its places
        entry = plan_cache.Entry(path, b"")
        assert entry.values_file is not None
        os.utime(entry.values_file, ns=(n + 1, n + 1))  # the order of writing, whatever the clock's grain
    kept = [plan_cache.Entry(path, b"") for path in paths[2:]]
    assert sorted(cache.iterdir()) == sorted(f for e in kept for f in (e.values_file, e.places_file))


def test_a_plan_from_the_cache_is_read_without_pyyaml(cache: Path, plan_path: Path) -> None:
    script = (
        "import sys\n"
        "from plan_cli.reading.loader import load_plan\n"
        f"plan = load_plan({str(plan_path)!r}).plan\n"
        "print(len(plan.items), 'yaml' in sys.modules)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache.parent.parent)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
        ).stdout
        for _ in range(2)
    ]
    assert runs == ["33 True\n", "33 False\n"]


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=plan_data())
def test_every_valid_plan_comes_back_from_the_cache_unchanged(
    data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        monkeypatch.setenv("XDG_CACHE_HOME", folder)
        path = Path(folder, "plan.yaml")
        path.write_text(dump_plan(build_plan(data)), encoding="utf-8")
        parsed = parse_plan(path.read_text(encoding="utf-8"), str(path))
        first, second = load_plan(path), load_plan(path)
        assert len(list(Path(folder, "plan", "plans").glob("*.values"))) == 1
        same(parsed, first)
        same(parsed, second)
        for loaded in (second, load_plan(path)):  # composed for a position, then from the kept places
            for parts in every_path(parsed.source.data):
                assert loaded.source.locate(parts, at_key=True) == parsed.source.locate(parts, at_key=True)
                assert loaded.source.locate(parts) == parsed.source.locate(parts)


def test_a_cache_that_cannot_be_made_is_skipped_without_a_word(
    tmp_path: Path, plan_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not a folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    first, second = load_plan(plan_path), load_plan(plan_path)
    same(first, second)
    assert len(parses) == 2
    assert blocker.read_text(encoding="utf-8").startswith("a file")
