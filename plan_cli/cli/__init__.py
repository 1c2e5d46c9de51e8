"""The command line: parses options, calls the core, prints, maps errors to exit codes.

This package is the only part of plan that knows Typer or prints. ``app``
holds the app and its table of commands, ``options`` the shared options,
``terminal`` the toolkit for output; every other module is one command or
family of commands: argument handling and display only.
"""

from plan_cli.cli.app import main

__all__ = ["main"]
