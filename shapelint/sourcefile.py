"""Read a source file as Python does and write a fixed one back without disturbing it.

The text is decoded with the file's PEP 263 encoding (a `# -*- coding: ... -*-`
cookie, a UTF-8 BOM, else UTF-8), and nothing else is changed: line endings
stay as they are (`\\r\\n` is never translated), so columns and the fixed
file match the bytes on disk. The BOM is not part of `text` (columns count
from the first real character) but is written back, as are the encoding and
the file's permissions. Writing is atomic: a temporary file in the same
folder replaces the original, so an interrupted fix never leaves half a file.

Every failure is a `SourceError` whose message is meant for the user
(`cannot read: Permission denied`), never a traceback.
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


class SourceError(Exception):
    """A file that cannot be read, decoded, written or analyzed, for a reason the user can act on.

    Not a shapelint bug: the message says why (`too deeply nested to analyze`).
    """


@dataclass(frozen=True)
class SourceFile:
    """A decoded source; `path` is None for stdin, `mode` the permission bits to keep."""

    display: str
    text: str
    encoding: str
    path: Path | None = None
    mode: int | None = None

    def encode(self, text: str) -> bytes:
        """`text` in the file's encoding (with its BOM, if it had one)."""
        try:
            return text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            raise SourceError(
                f"cannot write {exc.object[exc.start:exc.end]!r} in the file's encoding {self.encoding}"
            ) from None


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of source bytes; the encoding is `utf-8-sig` when there is a BOM."""
    if b"\x00" in data:
        raise SourceError("binary file (it contains a NUL byte), not checked")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        # "invalid or missing encoding declaration" only means the first lines are not
        # UTF-8: decoding them says which byte, which helps more.
        if "unknown encoding" in str(exc) or _is_utf8(data):
            raise SourceError(f"cannot decode: {exc}") from None
        encoding = "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"cannot decode as {encoding}: byte {data[exc.start]:#04x} at line {row} is not valid {encoding}"
        ) from None
    except LookupError as exc:  # pragma: no cover - detect_encoding already checks the codec
        raise SourceError(f"cannot decode: {exc}") from None


def read_source(path: Path, display: str) -> SourceFile:
    try:
        data = path.read_bytes()
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    text, encoding = decode(data)
    return SourceFile(display=display, text=text, encoding=encoding, path=path, mode=mode)


def read_stream(stream: BinaryIO, display: str) -> SourceFile:
    """A source read from stdin (or any binary stream; a text stream is read through its bytes)."""
    text, encoding = decode(getattr(stream, "buffer", stream).read())
    return SourceFile(display=display, text=text, encoding=encoding)


def write_source(source: SourceFile, text: str) -> None:
    """Replace the file of `source` by `text`, atomically, keeping its encoding, BOM and mode."""
    if source.path is None:
        raise SourceError("cannot write back a source that has no file")
    data = source.encode(text)
    # Write through a symlink to its target rather than replacing the link by a file.
    target = Path(os.path.realpath(source.path))
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".shapelint-tmp")
    except OSError as exc:
        raise SourceError(f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        if source.mode is not None:
            os.chmod(tmp, source.mode)
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise SourceError(f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
