"""How the CLI prints: plain to pipes and under NO_COLOR, Rich's colours on a terminal, the same words."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_cli.cli.app import app, app_for
from plan_cli.cli.styled import Styled
from plan_cli.cli.terminal import MAX_WIDTH, Screen, print_columns, print_fields, terminal_width, wants_colour

from ..conftest import PLAN_FILE

# The colour switches of the machine running the tests are cleared (None unsets a variable).
ENV: dict[str, str | None] = {
    "COLUMNS": "80",
    "PLAN_TODAY": "2026-11-28",
    "PLAN_FILE": str(PLAN_FILE),
    "TERM": "xterm-256color",
    "NO_COLOR": None,
    "FORCE_COLOR": None,
    "TTY_COMPATIBLE": None,
}
ANSI = re.compile(r"\x1b\[[0-9;]*m")
COMMANDS = [["status"], ["outstanding"], ["show", "14.3"], ["show", "7"], ["deps", "--all"], ["deadlines"]]


def run(args: list[str], **env: str | None) -> str:
    result = CliRunner(env={**ENV, **env}).invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_colour_and_plain_output_say_the_same(args: list[str]) -> None:
    """Colour is drawn by Rich, plain text written directly: the words and lines must agree."""
    plain = run(args, NO_COLOR="1")
    coloured = run(args, FORCE_COLOR="1")
    assert ANSI.search(coloured), "FORCE_COLOR should colour the output"
    assert not ANSI.search(plain)
    assert [line.rstrip() for line in ANSI.sub("", coloured).splitlines()] == plain.splitlines()


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_plain_lines_never_end_in_spaces(args: list[str]) -> None:
    out = run(args, NO_COLOR="1")
    assert all(line == line.rstrip() for line in out.splitlines())
    assert max(len(line) for line in out.splitlines()) <= 80


def test_no_color_wins_over_force_color() -> None:
    assert not ANSI.search(run(["status"], NO_COLOR="1", FORCE_COLOR="1"))


class FakeStream(io.StringIO):
    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


@pytest.mark.parametrize(
    ("environ", "terminal", "colour"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),
        ({"TERM": "dumb"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": ""}, True, False),
        ({"TTY_COMPATIBLE": "1"}, False, True),
        ({"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_follows_rich_rules(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], terminal: bool, colour: bool
) -> None:
    for name in ("NO_COLOR", "TERM", "FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert wants_colour(FakeStream(terminal)) is colour


def test_width_is_columns_else_80_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert terminal_width() == 100
    monkeypatch.delenv("COLUMNS")
    monkeypatch.setattr("os.get_terminal_size", lambda descriptor: (_ for _ in ()).throw(OSError()))
    assert terminal_width() == 80


def test_screen_wraps_plain_lines_and_leaves_no_wrap_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "20")
    stream = FakeStream(terminal=True)
    screen = Screen(stream)
    screen.print(Styled("Waiting on others: 11 open dependencies", style="bold"))
    screen.print(Styled("  minerva-niche   2 items   ", no_wrap=True))
    screen.print()
    assert stream.getvalue() == "Waiting on others:\n11 open dependencies\n  minerva-niche   2 items\n\n"


def test_messages_are_never_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "20")
    stream = FakeStream(terminal=False)
    Screen(stream, wrap=False).print("data/plan.yaml:120:7: recommendations[4].items[1].status: wrong")
    assert stream.getvalue().count("\n") == 1


def test_only_the_named_command_is_built() -> None:
    narrowed = app_for(["status", "--plan", "x.yaml"])
    assert [info.callback.__name__ for info in narrowed.registered_commands] == ["status"]  # type: ignore[union-attr]
    assert app_for(["dependencies"]).registered_commands[0].name == "dependencies"
    assert app_for(["deadlines"]).registered_commands[0].name == "deadlines"
    assert len(app.registered_commands) > 10  # the app itself is untouched


@pytest.mark.parametrize("args", [[], ["--help"], ["-h", "status"], ["statu"]])
def test_help_and_mistakes_get_the_whole_app(args: list[str]) -> None:
    assert app_for(args) is app


def test_completion_gets_the_whole_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_PLAN_COMPLETE", "complete_bash")
    assert app_for(["status"]) is app


def test_the_console_script_runs_a_narrowed_command() -> None:
    """main() end to end: the one built command still parses its options and reports errors."""
    script = "import sys; from plan_cli.cli import main; sys.argv[0] = 'plan'; main()"
    base = [sys.executable, "-c", script]
    env = {name: value for name, value in {**ENV, "NO_COLOR": "1"}.items() if value is not None}
    ok = subprocess.run([*base, "status", "--plan", str(PLAN_FILE)], capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("Police Stalking Action Plan (March 2026 Update)\n")
    wrong = subprocess.run([*base, "status", "--bogus"], capture_output=True, text=True, env=env)
    assert wrong.returncode == 2
    assert "Usage: plan status [OPTIONS]" in wrong.stderr
    assert wrong.stderr.startswith("error: no such option: --bogus\n")


def test_deliver_writes_bytes_to_a_pipe_and_refuses_them_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    from plan_cli.basics.errors import UsageError
    from plan_cli.cli.terminal import deliver

    deliver(b"PK\x03\x04binary", None, False, "the document")
    assert capfdbinary.readouterr().out == b"PK\x03\x04binary"
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(UsageError, match="binary file; write it with --output FILE"):
        deliver(b"PK\x03\x04binary", None, False, "the document")


@pytest.mark.parametrize("args", [["status"], ["deps", "--all"], ["deadlines"], ["outstanding", "--json"]])
def test_plain_output_never_imports_rich(args: list[str]) -> None:
    """Rich costs a quarter of a command's start-up: piped output is written without it."""
    script = (
        "import sys, atexit\n"
        "atexit.register(lambda: sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith('rich')))))\n"
        "from plan_cli.cli import main; sys.argv[0] = 'plan'; main()"
    )
    env = {name: value for name, value in {**ENV, "NO_COLOR": "1"}.items() if value is not None}
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout and done.stderr.endswith("[]")


def test_fields_wrap_each_value_under_its_column(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    monkeypatch.setenv("NO_COLOR", "1")
    stream = io.StringIO()
    print_fields(
        Screen(stream), [("  What:", Styled("a title that needs two lines")), ("  Party:", Styled(""))], 9
    )
    assert stream.getvalue() == "  What:   a title that needs\n          two lines\n  Party:\n"


# ---- every byte to stdout checked, whatever stdout is ---------------------------------

SCRIPT = "import sys; from plan_cli.cli import main; sys.argv[0] = 'plan'; main()"
PLAIN_ENV = {name: value for name, value in {**ENV, "NO_COLOR": "1"}.items() if value is not None}


def console_script(
    args: list[str], shell_tail: str = "", limit: int | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run ``plan ARGS`` as a separate process, through a shell for redirections (``shell_tail``).

    ``limit`` sets RLIMIT_FSIZE in the child: files it writes may not grow beyond that many bytes.
    """
    import resource
    import shlex

    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    command = " ".join(shlex.quote(part) for part in [sys.executable, "-c", SCRIPT, *args])
    return subprocess.run(
        f"{command} {shell_tail}",
        shell=True,
        capture_output=True,
        encoding=env.get("PYTHONIOENCODING", "utf-8"),
        # Python itself ignores a short write of its bytecode cache: under the limit it would leave broken .pyc files.
        env={**PLAIN_ENV, "PYTHONDONTWRITEBYTECODE": "1", **env},
        preexec_fn=limited,
        timeout=60,
    )


def test_a_file_size_limit_cutting_stdout_short_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    done = console_script(["export", "--format", "html"], f"> {out}", limit=10 * 1024)
    assert done.returncode == 1
    assert re.fullmatch(
        r"error: standard output: only [\d,]+ of [\d,]+ bytes could be written \(File too large\)\n",
        done.stderr,
    )
    assert out.stat().st_size == 10 * 1024


@pytest.mark.parametrize(
    "args",
    [["export", "--format", "json"], ["status"], ["outstanding", "--json"], ["--help"], ["status", "-h"]],
)
def test_a_full_device_is_a_clean_error(args: list[str]) -> None:
    done = console_script(args, "> /dev/full")
    assert done.returncode == 1
    assert done.stderr.startswith("error: standard output: only 0 of ")
    assert done.stderr.endswith("bytes could be written (No space left on device)\n")


@pytest.mark.parametrize("args", [["status"], ["--help"]])
def test_a_closed_stdout_is_a_clean_error(args: list[str]) -> None:
    done = console_script(args, ">&-")
    assert done.returncode == 1
    assert done.stderr == (
        "error: standard output: is closed; run the command with its output redirected, or give --output FILE\n"
    )


def test_a_closed_stdout_does_not_stop_writing_to_output(tmp_path: Path) -> None:
    done = console_script(["report", "--output", str(tmp_path / "r.md")], ">&-")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Police Stalking Action Plan")


def test_a_reader_that_stops_ends_the_command_quietly() -> None:
    done = console_script(["export", "--format", "json"], "| head -c 10")
    assert done.stdout == run(["export", "--format", "json"])[:10]
    assert done.stderr == ""


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_narrow_stdout_encoding_escapes_what_it_cannot_hold(encoding: str, args: list[str]) -> None:
    done = console_script(args, PYTHONIOENCODING=encoding)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    clean = run(args, NO_COLOR="1")
    assert clean.encode(encoding, errors="backslashreplace").decode(encoding) == done.stdout


@pytest.mark.parametrize("columns", ["99999999999999999999", "1000000000"])
@pytest.mark.parametrize("args", [["status"], ["outstanding"], ["deps", "--all"], ["status", "--bogus"]])
def test_a_huge_columns_is_clamped(columns: str, args: list[str]) -> None:
    done = console_script(args, COLUMNS=columns)
    assert "Traceback" not in done.stderr and "Error" not in done.stderr.replace("Error: No such option", "")
    assert done.returncode == (2 if "--bogus" in args else 0), done.stderr
    assert max(map(len, done.stdout.splitlines() or [""])) <= MAX_WIDTH


def test_width_is_at_most_max_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "99999999999999999999")
    assert terminal_width() == MAX_WIDTH


# ---- control characters never reach the terminal raw -------------------------------------

PAYLOAD = "7.1\x1b]0;PWNED\x07\x1b[2J\rdone\u202e"


def test_an_argument_echoed_in_an_error_is_shown_with_escapes() -> None:
    result = CliRunner(env={**ENV, "NO_COLOR": "1"}).invoke(app, ["show", PAYLOAD])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\u202e" not in result.stderr
    assert "7.1\\x1b]0;PWNED\\x07\\x1b[2J\\x0ddone\\u202e" in result.stderr


def test_a_plan_path_in_an_error_is_shown_with_escapes(tmp_path: Path) -> None:
    path = tmp_path / "plan\x1b[2J.yaml"
    for args in (["check", str(path)], ["status", "--plan", str(path)]):
        result = CliRunner(env={**ENV, "NO_COLOR": "1"}).invoke(app, args)
        assert result.exit_code == 1
        assert "\x1b" not in result.stderr and "plan\\x1b[2J.yaml: the plan file is missing" in result.stderr


@pytest.mark.parametrize("colour", [False, True])
def test_screen_shows_controls_as_escapes_in_colour_and_plain(
    monkeypatch: pytest.MonkeyPatch, colour: bool
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR" if colour else "NO_COLOR", "1")
    stream = FakeStream(terminal=True)
    screen = Screen(stream)
    line = Styled("status: ")
    line.append("blocked\rcomplete\x08\x1b]0;PWNED\x07", style="red")
    screen.print(line)
    screen.print("plain \x9b2J \u2066")
    text = ANSI.sub("", stream.getvalue())
    assert text == "status: blocked\\x0dcomplete\\x08\\x1b]0;PWNED\\x07\nplain \\x9b2J \\u2066\n"
    assert "\x1b" not in text


def test_columns_show_controls_as_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    stream = FakeStream(terminal=False)
    print_columns(Screen(stream), [("Id", 6, False), ("Text", None, False)], [["7.1", "a\x1b[2Jb"]])
    assert stream.getvalue().splitlines()[1] == "7.1     a\\x1b[2Jb"


def test_a_document_shown_on_a_terminal_shows_controls_as_escapes(
    monkeypatch: pytest.MonkeyPatch, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    from plan_cli.cli.terminal import deliver

    deliver("row\r\n\x1b[2J\n", None, False, "the document")
    assert capfdbinary.readouterr().out == b"row\r\n\x1b[2J\n", "a pipe gets the document as it is"
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    deliver("row\r\n\x1b[2J\n", None, False, "the document")
    assert capfdbinary.readouterr().out == b"row\r\n\\x1b[2J\n"
