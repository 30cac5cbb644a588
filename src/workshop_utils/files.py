"""Writing a file safely: whoever reads it sees the old content or the new, never half of either.

A crash, a full disk or a second writer in the middle of a save must not leave a torn answers
file, result file or ``grades.csv``. So every such write goes to a temporary file in the same
folder (the same file system, so the final rename is atomic), is flushed to disk, and only then
replaces the target with ``os.replace``. On any failure the temporary file is removed and the old
target is left as it was.

The kernel side imports this module too (saved answers, the chart bundle cache): standard library
only, nothing heavy.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO


def _new_temporary(path: Path) -> tuple[int, Path]:
    """A fresh file beside ``path``, created with the usual permission bits (0666 less the umask), so
    the target does not become private just because it was written safely."""
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


@contextlib.contextmanager
def replacing(path: str | os.PathLike, text: bool = True, encoding: str = "utf-8",
              newline: str | None = None) -> Iterator[IO]:
    """``with replacing(path) as handle:`` write to ``handle``; ``path`` is replaced when the block ends.

    An exception in the block (or while saving) leaves ``path`` untouched and no temporary file.
    The new file keeps the permission bits of the file it replaces.
    """
    path = Path(path)
    fd, tmp = _new_temporary(path)
    try:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(fd if os.chmod in os.supports_fd else tmp, stat.S_IMODE(os.stat(path).st_mode))
        handle = os.fdopen(fd, "w" if text else "wb", **({"encoding": encoding, "newline": newline} if text else {}))
        fd = -1  # the handle owns it now
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if fd != -1:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text``, atomically (see :func:`replacing`)."""
    with replacing(path, encoding=encoding) as handle:
        handle.write(text)


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Replace ``path`` with ``data``, atomically (see :func:`replacing`)."""
    with replacing(path, text=False) as handle:
        handle.write(data)
