"""PyYAML, imported without the cost of a pattern only its pure-Python reader uses.

``yaml.reader`` compiles, at import, a regular expression over the whole of
Unicode that finds characters YAML does not allow: a tenth of a command's
start-up. Only the pure-Python :class:`yaml.reader.Reader` uses it; libyaml's
loader checks the text in C. So while PyYAML is first imported, the patterns
``yaml.reader`` compiles are made lazily: each is compiled, by :func:`re.compile`
as before, the first time it is used. Everything else is PyYAML as installed.
"""

from __future__ import annotations

import re
import sys
from typing import Any


class _LazyPattern:
    """A compiled pattern that is compiled the first time one of its methods is used."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: Any, flags: Any) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[Any] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return getattr(self._compiled, name)


def _import_pyyaml() -> None:
    if "yaml" in sys.modules:
        return
    compile_now = re.compile

    def compile_for(pattern: Any, flags: Any = 0) -> Any:
        if sys._getframe(1).f_globals.get("__name__") == "yaml.reader":
            return _LazyPattern(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_for
    try:
        import yaml  # noqa: F401
    finally:
        re.compile = compile_now


_import_pyyaml()

import yaml as yaml  # noqa: E402
