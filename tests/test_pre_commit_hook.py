"""The plan-check pre-commit hook: its manifest, its entry as pre-commit runs it, and for real."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from plan_cli.cli.app import app

from .conftest import MINIMAL_FILE, ROOT

MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def hook() -> dict[str, object]:
    (only,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(only, dict)
    return only


def test_manifest_offers_plan_check_on_plan_files() -> None:
    offered = hook()
    assert offered["id"] == "plan-check"
    assert offered["language"] == "python"
    files = re.compile(str(offered["files"]))
    for name in ("data/plan.yaml", "plan.yml", "forces/durham/plan.yaml"):
        assert files.search(name), name
    for name in ("data/other.yaml", "myplan.yaml", "data/plan.yaml.bak", ".pre-commit-hooks.yaml"):
        assert not files.search(name), name


def test_entry_is_the_installed_console_script() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    program, *_ = shlex.split(str(hook()["entry"]))
    assert scripts[program] == "plan_cli.cli:main"


def run_entry(*files: str, args: tuple[str, ...] = ()) -> tuple[int, str]:
    """Run the hook's entry as pre-commit does: entry, then the hook's args, then the staged files."""
    _, *entry = shlex.split(str(hook()["entry"]))
    env = {"COLUMNS": "80", "NO_COLOR": "1", "PLAN_FILE": ""}
    result = CliRunner(env=env).invoke(app, [*entry, *args, *files], catch_exceptions=False)
    return result.exit_code, result.stderr


def test_entry_passes_valid_plans_and_fails_on_any_invalid_one(tmp_path: Path) -> None:
    broken = tmp_path / "plan.yaml"
    broken.write_text(MINIMAL_FILE.read_text().replace("status: blocked", "status: finished"))
    assert run_entry(str(MINIMAL_FILE))[0] == 0
    code, err = run_entry(str(MINIMAL_FILE), str(broken), args=("--strict",))
    assert code == 1
    assert f"{broken}:39:21:" in err and f"{MINIMAL_FILE}: valid plan" in err


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_hook_blocks_a_commit_of_an_invalid_plan_in_a_throwaway_repo(tmp_path: Path) -> None:
    head = git(ROOT, "rev-parse", "HEAD")
    if head.returncode != 0:
        pytest.skip("the project is not a git checkout")
    if git(ROOT, "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml").returncode != 0:
        pytest.skip(".pre-commit-hooks.yaml is not committed yet")
    repo = tmp_path / "force"
    (repo / "data").mkdir(parents=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PLAN_FILE": "", "NO_COLOR": "1"}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t")
    env.update(GIT_COMMITTER_EMAIL="t@example.org")
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.stdout.strip()}\n    hooks:\n      - id: plan-check\n"
    )
    install = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert install.returncode == 0, install.stderr

    def commit(text: str) -> subprocess.CompletedProcess[str]:
        (repo / "data" / "plan.yaml").write_text(text)
        subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
        return subprocess.run(
            ["git", "commit", "-q", "-m", "plan"], cwd=repo, env=env, capture_output=True, text=True
        )

    bad = commit(MINIMAL_FILE.read_text().replace("status: blocked", "status: finished"))
    assert bad.returncode != 0
    assert "data/plan.yaml:39:21: item 7.1, March 2025 Update, status" in bad.stdout + bad.stderr
    assert git(repo, "rev-parse", "--verify", "HEAD").returncode != 0  # nothing was committed
    good = commit(MINIMAL_FILE.read_text())
    assert good.returncode == 0, good.stdout + good.stderr
    assert "plan check" in good.stdout + good.stderr
