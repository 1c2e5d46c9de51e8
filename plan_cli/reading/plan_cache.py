"""Validated plans kept in the user's cache folder, so an unchanged plan file is not parsed again.

Most of reading a plan is composing its YAML and checking every value: three
quarters of a second for a plan 100 times the size of a force's. Once a plan
file has been read without problems, what that produced (its plain values,
and how plainly written numbers and dates were spelt) is kept in the user's
cache folder (see :mod:`user_cache`), one entry per plan file, and the next
read of the same bytes takes it from there. Where each value sits is kept
beside it the first time a later read needs a position for a message, and
read only when one does.

An entry is trusted only as far as it can be checked:

* it is used only for the same bytes read by the same code: its key is a
  digest of the plan file and of what read it (this tool's version and
  modules, PyYAML's files, Python's version);
* it carries a digest of its own contents, so a damaged entry is no entry;
* only a plan without problems is kept, so every message about a broken plan
  is the parser's own.

Nothing is written but in the user's private cache folder; a cache that
cannot be read or written is skipped without a word.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from plan_cli import __version__
from plan_cli.basics.errors import FieldParts
from plan_cli.basics.user_cache import cache_folder, is_private, make_private, read_entry
from plan_cli.reading.source_map import Place, SourceMap

_MAGIC = b"plan-cli validated values 1\n"
_PLACES_MAGIC = b"plan-cli places 1\n"
_DIGEST_SIZE = 32
_SUFFIX = ".values"
_PLACES_SUFFIX = ".places"
MAX_ENTRIES = 64
"""Plan files kept at most (a national roll-up reads 43 plans); the oldest written go first."""

Kept = tuple[dict[str, Any], dict[FieldParts, str]]


class Entry:
    """The cache's entry for one plan file of exactly the bytes read: its values and its places."""

    def __init__(self, path: Path | str, raw: bytes) -> None:
        self.values_file: Path | None = None
        self.places_file: Path | None = None
        folder = cache_folder("plans")
        if folder is not None:
            name = _hash(os.path.realpath(path).encode("utf-8", "surrogateescape")).hex()
            self.values_file = folder / (name + _SUFFIX)
            self.places_file = folder / (name + _PLACES_SUFFIX)
        self.raw = raw
        self._key: bytes | None = None

    @property
    def key(self) -> bytes:
        """The digest of the plan file's bytes and of the code that reads them."""
        if self._key is None:
            global _code
            if _code is None:
                _code = _code_fingerprint()
            self._key = _hash(_code, self.raw)
        return self._key

    def values(self) -> Kept | None:
        """The plain values and spellings kept for these bytes, or None."""
        payload = self._payload(self.values_file, _MAGIC)
        if payload is None:
            return None
        try:
            data, written, dates = marshal.loads(payload)
            for parts in dates:
                *above, last = parts
                container = data
                for part in above:
                    container = container[part]
                container[last] = date.fromisoformat(container[last])
        except Exception:  # not what keep() writes: no entry
            return None
        if not isinstance(data, dict) or not isinstance(written, dict):
            return None
        return data, written

    def places(self) -> dict[FieldParts, Place] | None:
        """Each value's place in the file, kept for these bytes, or None."""
        payload = self._payload(self.places_file, _PLACES_MAGIC)
        if payload is None:
            return None
        try:
            places = marshal.loads(payload)
        except Exception:
            return None
        return places if isinstance(places, dict) else None

    def keep(self, source: SourceMap) -> None:
        """Keep the values read from these bytes (in ``source``), if the cache folder can be written.

        Places are not worked out for this: they are kept when a message first
        needs one on a later read (see :meth:`keep_places`).
        """
        if not isinstance(source.data, dict):
            return
        dates = source.dates
        try:
            values = marshal.dumps((_dates_as_text(source.data, dates), source.written, dates))
        except ValueError:  # a value marshal cannot keep: read it afresh each time
            return
        if self._write(self.values_file, _MAGIC, values) and self.values_file is not None:
            _prune(self.values_file.parent)

    def keep_places(self, places: dict[FieldParts, Place]) -> None:
        """Keep each value's place in the file, for the next message about these bytes."""
        try:
            payload = marshal.dumps(places)
        except ValueError:
            return
        self._write(self.places_file, _PLACES_MAGIC, payload)

    def _write(self, file: Path | None, magic: bytes, payload: bytes) -> bool:
        """Write one entry file (header, digest, payload) atomically; False if it could not be."""
        if file is None or not make_private(file.parent):
            return False
        from plan_cli.basics.atomic_write import write_document
        from plan_cli.basics.errors import WriteError

        try:
            write_document(file, magic + self.key + _hash(payload) + payload, force=True)
        except (OSError, WriteError):
            return False
        return True

    def _payload(self, file: Path | None, magic: bytes) -> memoryview | None:
        """The contents of ``file`` after its header, if it is an entry for these bytes, whole."""
        if file is None or not is_private(file.parent):
            return None
        blob = read_entry(file)
        header = len(magic) + 2 * _DIGEST_SIZE
        if blob is None or not blob.startswith(magic) or len(blob) < header:
            return None
        key, digest = blob[len(magic) : header - _DIGEST_SIZE], blob[header - _DIGEST_SIZE : header]
        payload = memoryview(blob)[header:]
        if key != self.key or _hash(payload) != digest:
            return None
        return payload


def _dates_as_text(data: Any, dates: list[FieldParts]) -> Any:
    """``data`` with the dates at ``dates`` written as ISO text: only the containers above them copied."""
    copied: dict[FieldParts, Any] = {(): dict(data) if dates else data}
    for parts in dates:
        container = copied[()]
        for end in range(1, len(parts)):
            above = parts[:end]
            if above not in copied:
                inner = container[parts[end - 1]]
                copied[above] = container[parts[end - 1]] = inner.copy()
            container = copied[above]
        container[parts[-1]] = container[parts[-1]].isoformat()
    return copied[()]


def _prune(folder: Path) -> None:
    """Remove the oldest entries (values and places) beyond MAX_ENTRIES."""
    try:
        entries = [
            e for e in os.scandir(folder) if e.name.endswith(_SUFFIX) and e.is_file(follow_symlinks=False)
        ]
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime_ns)
        for old in entries[: len(entries) - MAX_ENTRIES]:
            os.unlink(old.path)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(old.path.removesuffix(_SUFFIX) + _PLACES_SUFFIX)
    except OSError:
        return


_code: bytes | None = None


def _code_fingerprint() -> bytes:
    """What identifies the reading code: versions, and the name, size and time of each module file.

    Every module of this package and its subpackages and every file of PyYAML's counts, so an
    upgrade, or an edit to an installed-for-development copy, is a new read.
    """
    described = [f"{__version__}|{sys.version}|{marshal.version}"]
    package = Path(__file__).parent.parent
    folders = [package, *(entry for entry in sorted(package.iterdir()) if (entry / "__init__.py").is_file())]
    yaml = sys.modules.get("yaml")
    if yaml is not None and yaml.__file__:
        folders.append(Path(yaml.__file__).parent)
    else:
        from importlib.util import find_spec

        spec = find_spec("yaml")
        if spec is not None and spec.origin:
            folders.append(Path(spec.origin).parent)
    for folder in folders:
        try:
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                if entry.is_file():
                    found = entry.stat()
                    described.append(f"{entry.path}|{found.st_size}|{found.st_mtime_ns}")
        except OSError:
            described.append(f"{folder}|unreadable")
    return _hash("\n".join(described).encode("utf-8", "surrogateescape"))


def _hash(*parts: bytes | memoryview) -> bytes:
    """A 32-byte BLAKE2b digest of ``parts`` one after another (not copied into one)."""
    try:
        from _blake2 import blake2b  # hashlib's own BLAKE2, without hashlib's OpenSSL import (4 ms)
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    digest = blake2b(digest_size=_DIGEST_SIZE)
    for part in parts:
        digest.update(part)
    return digest.digest()
