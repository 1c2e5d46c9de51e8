"""Reading a file a person names: never more than a limit, whatever kind of file it is.

A regular file says its size; a pipe, a device or ``/dev/zero`` does not (or
says 0), so at most one byte more than the limit is read and a longer stream
is refused too. Why a file cannot be read comes back in words.
"""

from __future__ import annotations

import os
from pathlib import Path


class Unreadable(Exception):
    """A file that could not be read; ``str()`` is why, worded to follow the file's name."""


def read_at_most(path: Path | str, limit: int, too_large: str, missing: str, directory: str) -> bytes:
    """Return the file's bytes; raise Unreadable saying why when it is missing, unreadable or over ``limit``.

    ``too_large`` ends the message for a file over the limit (what the limit
    is for); ``missing`` and ``directory`` are the messages for those cases,
    each saying what to give instead.
    """
    megabytes = limit // 1024 // 1024
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > limit:
                raise Unreadable(f"is {size / 1024 / 1024:.1f} MB; {too_large}")
            data = file.read(limit + 1)
    except FileNotFoundError:
        raise Unreadable(missing) from None
    except IsADirectoryError:
        raise Unreadable(directory) from None
    except PermissionError:
        raise Unreadable("cannot be read (permission denied); check the file's permissions") from None
    except OSError as error:
        raise Unreadable(f"cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise Unreadable(f"holds more than {megabytes} MB; {too_large}")
    return data
