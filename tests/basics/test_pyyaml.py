"""PyYAML imported without compiling its pure-Python reader's pattern, and working as before."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from plan_cli.basics.pyyaml import yaml


def test_the_reader_pattern_is_compiled_only_when_used() -> None:
    script = (
        "import re; compile = re.compile\n"
        "import plan_cli.reading.yaml_compose, yaml.reader\n"
        "assert re.compile is compile\n"
        "print(yaml.reader.Reader.NON_PRINTABLE._compiled)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout == "None\n"


def test_the_pure_python_reader_still_refuses_a_control_character() -> None:
    with pytest.raises(yaml.reader.ReaderError, match="#x0007"):
        yaml.reader.Reader("title: a\x07b\n")
    assert yaml.safe_load("title: ok\n") == {"title": "ok"}
    assert isinstance(yaml.reader.Reader.NON_PRINTABLE.search("\x07"), re.Match)
