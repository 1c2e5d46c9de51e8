"""The templates, the catalogue and the manual pages ship inside the package, not read from the source tree.

Builds a wheel from a copy of the project (so nothing is written into the
work tree; the help pages stay links into docs/, as in git), checks the
templates and pages are inside it, installs it (without dependencies, into a
folder of its own) and runs ``plan report``, ``plan init`` and ``plan help``
from another directory with that folder first on the path. Takes a few seconds: the wheel is
built with pip in an isolated build environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from plan_cli.cli.help import TOPICS
from plan_cli.documents.render import SHIPPED

from .conftest import PLAN_FILE, ROOT

GOLDEN_REPORT = Path(__file__).parent / "golden" / "report.md"


def pip(*args: str, cwd: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.slow
def test_wheel_ships_the_templates_and_catalogue_and_runs_from_it(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("plan_cli", "templates", "docs"):  # links kept: the help pages are links into docs/
        shutil.copytree(
            ROOT / name, source / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
        )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)

    pip("wheel", ".", "--no-deps", "-w", str(tmp_path / "dist"), cwd=source)
    (wheel,) = (tmp_path / "dist").glob("plan_cli-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"plan_cli/templates/{name}" for name in SHIPPED} <= names
    assert {f"plan_cli/cli/help_pages/{page_name}" for page_name in TOPICS.values()} <= names
    assert {
        "plan_cli/plan/catalogue.yaml",
        "plan_cli/importer/structure.py",
        "plan_cli/cli/importing.py",
    } <= names

    site = tmp_path / "site"
    pip("install", "--no-deps", "--target", str(site), str(wheel), cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import sys, plan_cli\n"
        f"assert plan_cli.__file__.startswith({str(site)!r}), plan_cli.__file__\n"
        "from plan_cli.cli import main\n"
        "sys.argv = ['plan', *sys.argv[1:]]\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site), "PLAN_FILE": "", "NO_COLOR": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-P",
            "-c",
            code,
            "report",
            "--plan",
            str(PLAN_FILE.resolve()),
            "--today",
            "2026-11-28",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == GOLDEN_REPORT.read_bytes()

    started = subprocess.run(
        [sys.executable, "-P", "-c", code, "init", "new.yaml", "--force-name", "Wessex Constabulary"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
    )
    assert started.returncode == 0, started.stderr.decode()
    assert "14 recommendations, 33 evidence items" in started.stderr.decode()

    for topic, page_name in TOPICS.items():
        page = subprocess.run(
            [sys.executable, "-P", "-c", code, "help", topic], cwd=elsewhere, env=env, capture_output=True
        )
        assert page.returncode == 0, page.stderr.decode()
        assert page.stdout == (ROOT / "docs" / page_name).read_bytes()
