"""Read a source file as Python does and write a fixed one back without disturbing it.

The text is decoded with the file's PEP 263 encoding (a `# -*- coding: ... -*-`
cookie, a UTF-8 BOM, else UTF-8), and nothing else is changed: line endings
stay as they are (`\\r\\n` is never translated), so columns and the fixed
file match the bytes on disk. The BOM is not part of `text` (columns count
from the first real character) but is written back, as are the encoding and
the file's permissions.

Only regular files are read (a fifo or a device named on the command line is
refused, not waited on), and at most `MAX_BYTES`.

Writing is atomic: a temporary file in the same folder, with the original's
mode, owner and extended attributes, replaces the original, so an
interrupted fix never leaves half a file. A file with several hard links, or
whose owner or attributes the temporary file cannot get, is rewritten in
place instead (the same inode keeps them all). Nothing is written if the
file changed on disk since it was read (the user saved an edit meanwhile)
or if it is read-only: both are reported.

Every failure is a `SourceError` whose message is meant for the user
(`cannot read: Permission denied`), never a traceback.
"""

from __future__ import annotations

import ast
import errno
import hashlib
import io
import os
import stat
import tempfile
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO, cast

from .errors import SourceError  # noqa: F401 (a file that cannot be read, decoded or written)

# Far larger than any source file (the standard library's largest is 0.7 MB).
MAX_BYTES = 32 * 1024 * 1024
# Non-blocking (where the system has it): opening a fifo must not wait for a writer.
READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)



@dataclass(frozen=True)
class SourceFile:
    """A decoded source; `path` is None for stdin, `mode` the permission bits to keep.

    `digest` is the sha256 of the bytes read, to tell whether the file changed before a fix is written.
    """

    display: str
    text: str
    encoding: str
    path: Path | None = None
    mode: int | None = None
    digest: str | None = None

    def encode(self, text: str) -> bytes:
        """`text` in the file's encoding (with its BOM, if it had one)."""
        try:
            return text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            raise SourceError(
                f"cannot write {exc.object[exc.start:exc.end]!r} in the file's encoding {self.encoding}"
            ) from None


class Undecodable(SourceError):
    """Source bytes Python cannot decode: a syntax error for Python, so SL000 at its position with its words."""

    def __init__(self, message: str, row: int, column: int) -> None:
        super().__init__(f"cannot decode (line {row}): {message}")
        self.message, self.row, self.column = message, row, column


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
            raise _undecodable(data, f"cannot decode: {exc}") from None
        encoding = "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        raise _undecodable(
            data, f"cannot decode as {encoding}: byte {data[exc.start]:#04x} at line {row} is not valid {encoding}"
        ) from None
    except LookupError as exc:  # pragma: no cover - detect_encoding already checks the codec
        raise SourceError(f"cannot decode: {exc}") from None


def _undecodable(data: bytes, fallback: str) -> SourceError:
    """What Python says of bytes it cannot decode (it reads them as a syntax error), else `fallback`."""
    try:
        compile(data, "<source>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as error:
        return Undecodable(error.msg, error.lineno or 1, error.offset or 1)
    except Exception:  # out of stack, or anything else: the plain message
        pass
    return SourceError(fallback)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a fifo"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def _read_bounded(fd: int) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file open at `fd` (at most MAX_BYTES), and its stat."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(f"{_kind(info.st_mode)}, not a regular file: not read")
    if info.st_size > MAX_BYTES:
        raise SourceError(f"too large to check ({info.st_size / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB)")
    chunks, size = [], 0
    while size <= MAX_BYTES:  # st_size may lie (/proc files say 0): read until the end, bounded
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > MAX_BYTES:
        raise SourceError(f"too large to check (over {MAX_BYTES // 2**20} MB)")
    return b"".join(chunks), info


def read_source(path: Path, display: str) -> SourceFile:
    try:
        # The fstat in _read_bounded refuses a fifo or a device before anything is read.
        fd = os.open(path, READ_FLAGS)
    except OSError as exc:
        raise SourceError(f"cannot read: {_reason(exc)}") from None
    try:
        data, info = _read_bounded(fd)
    except OSError as exc:
        raise SourceError(f"cannot read: {_reason(exc)}") from None
    finally:
        os.close(fd)
    text, encoding = decode(data)
    mode = stat.S_IMODE(info.st_mode)
    return SourceFile(display, text, encoding, path, mode, hashlib.sha256(data).hexdigest())


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link that loops"
    return exc.strerror or str(exc)


def read_stream(stream: BinaryIO | TextIO, display: str) -> SourceFile:
    """A source read from stdin (or any binary stream; a text stream is read through its bytes)."""
    data = cast(BinaryIO, getattr(stream, "buffer", stream)).read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise SourceError(f"too large to check (over {MAX_BYTES // 2**20} MB)")
    text, encoding = decode(data)
    return SourceFile(display=display, text=text, encoding=encoding)


def write_source(source: SourceFile, text: str) -> None:
    """Replace the file of `source` by `text`, keeping its encoding, BOM, mode, owner, links and attributes.

    Raises SourceError, writing nothing, if the file changed since it was read or is read-only.
    """
    if source.path is None:
        raise SourceError("cannot write back a source that has no file")
    data = source.encode(text)
    # Write through a symlink to its target rather than replacing the link by a file.
    target = Path(os.path.realpath(source.path))
    try:
        fd = os.open(target, READ_FLAGS)
        try:
            current, info = _read_bounded(fd)
        finally:
            os.close(fd)
    except (OSError, SourceError) as exc:
        reason = _reason(exc) if isinstance(exc, OSError) else str(exc)
        raise SourceError(f"not fixed: cannot read it again before writing ({reason})") from None
    if source.digest is not None and hashlib.sha256(current).hexdigest() != source.digest:
        raise SourceError("not fixed: the file changed on disk while it was being checked; run again")
    if not os.access(target, os.W_OK) or not info.st_mode & 0o222:
        raise SourceError("not fixed: the file is read-only")
    try:
        if info.st_nlink > 1 or not _replace(target, data, info):
            _write_in_place(target, data)
    except OSError as exc:
        raise SourceError(f"cannot write: {_reason(exc)}") from None


def _replace(target: Path, data: bytes, info: os.stat_result) -> bool:
    """Atomically replace `target` by `data`; False (nothing done) if the copy cannot keep owner or attributes."""
    # The temporary name stays short: a long file name plus a prefix and suffix could exceed NAME_MAX.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:32]}.", suffix=".shapelint-tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(info.st_mode))
        if not _same_owner(tmp, info) or not _copy_xattrs(target, tmp):
            _remove(tmp)
            return False
        os.replace(tmp, target)
        return True
    except BaseException:
        _remove(tmp)
        raise


def _same_owner(tmp: str, info: os.stat_result) -> bool:
    made = os.stat(tmp)
    if (made.st_uid, made.st_gid) == (info.st_uid, info.st_gid):
        return True
    try:
        os.chown(tmp, info.st_uid, info.st_gid)
    except OSError:
        return False
    # chown clears set-user-ID bits: give the mode back.
    os.chmod(tmp, stat.S_IMODE(info.st_mode))
    return True


def _copy_xattrs(source: Path, tmp: str) -> bool:
    listxattr = getattr(os, "listxattr", None)
    if listxattr is None:  # pragma: no cover - not Linux
        return True
    try:
        names = listxattr(source)
    except OSError as exc:
        return exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP)
    try:
        for name in names:
            os.setxattr(tmp, name, os.getxattr(source, name))
    except OSError:
        return False
    return True


def _write_in_place(target: Path, data: bytes) -> None:
    """Rewrite the file itself: the same inode keeps its links, owner and attributes (not atomic)."""
    with open(target, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


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
