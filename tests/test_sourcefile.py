"""Reading sources as Python does, and writing fixes back without disturbing the file."""

from __future__ import annotations

import io
import os
import re
import stat

import pytest

from shapelint.checking import CheckOptions, check_paths
from shapelint.findings import Edit, Finding, Fix, Position
from shapelint.sourcefile import SourceError, Undecodable, decode, read_source, read_stream, write_source


def lint_bugs(text: str, filename: str) -> list[Finding]:
    """A finding per `BUG`, with a safe fix to `OK`."""
    found = []
    for row, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        for m in re.finditer("BUG", line):
            start, end = Position(row, m.start() + 1), Position(row, m.end() + 1)
            found.append(Finding("SL001", "rank-1-array", "warning", "bug", filename, start, end, row,
                                 fix=Fix("safe", "use OK", (Edit("OK", start, end),))))
    return found


def fix_file(path, **options):
    return check_paths([str(path)], CheckOptions(fix=True, cache=False, linter=lint_bugs, **options))


def test_crlf_is_kept_through_a_fix(tmp_path):
    path = tmp_path / "crlf.py"
    path.write_bytes(b"a = 1\r\nb = BUG\r\nc = 2\r\n")
    result = fix_file(path)
    assert path.read_bytes() == b"a = 1\r\nb = OK\r\nc = 2\r\n"
    assert result.fixed == 1 and result.exit_code() == 0


def test_bom_is_kept_and_not_part_of_the_text(tmp_path):
    path = tmp_path / "bom.py"
    path.write_bytes(b"\xef\xbb\xbfx = BUG\n")
    source = read_source(path, "bom.py")
    assert source.text == "x = BUG\n" and source.encoding == "utf-8-sig"
    fix_file(path)
    assert path.read_bytes() == b"\xef\xbb\xbfx = OK\n"


def test_latin1_coding_cookie(tmp_path):
    path = tmp_path / "latin.py"
    path.write_bytes(b"# -*- coding: latin-1 -*-\nname = 'Jos\xe9'  # BUG\n")
    assert read_source(path, "latin.py").text.endswith("'José'  # BUG\n")
    fix_file(path)
    assert path.read_bytes() == b"# -*- coding: latin-1 -*-\nname = 'Jos\xe9'  # OK\n"


def test_a_fix_that_the_encoding_cannot_hold_is_an_error_and_the_file_is_unchanged(tmp_path):
    path = tmp_path / "latin.py"
    original = b"# coding: latin-1\nx = 1\n"
    path.write_bytes(original)
    with pytest.raises(SourceError, match="cannot write '€' in the file's encoding iso-8859-1"):
        write_source(read_source(path, "latin.py"), "# coding: latin-1\nx = '€'\n")
    assert path.read_bytes() == original
    assert os.listdir(tmp_path) == ["latin.py"]


def test_file_mode_is_kept_after_a_fix(tmp_path):
    path = tmp_path / "script.py"
    path.write_text("x = BUG\n")
    path.chmod(0o751)
    fix_file(path)
    assert path.read_text() == "x = OK\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert os.listdir(tmp_path) == ["script.py"]  # no temporary file left


def test_a_symlink_is_written_through(tmp_path):
    real = tmp_path / "real.py"
    real.write_text("x = BUG\n")
    (tmp_path / "link.py").symlink_to(real)
    fix_file(tmp_path / "link.py")
    assert (tmp_path / "link.py").is_symlink() and real.read_text() == "x = OK\n"


def test_binary_file_is_a_per_file_error_and_the_others_are_checked(tmp_path):
    (tmp_path / "a.py").write_bytes(b"\x00\x01binary")
    (tmp_path / "b.py").write_text("x = BUG\n")
    result = check_paths([str(tmp_path)], CheckOptions(cache=False, linter=lint_bugs, jobs=1))
    assert result.messages == [f"{tmp_path}/a.py: error: binary file (it contains a NUL byte), not checked"]
    assert [f.filename for f in result.findings] == [f"{tmp_path}/b.py"]
    assert result.exit_code() == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_a_per_file_error(tmp_path):
    path = tmp_path / "secret.py"
    path.write_text("x = 1\n")
    path.chmod(0)
    try:
        result = check_paths([str(path)], CheckOptions(cache=False, linter=lint_bugs))
    finally:
        path.chmod(0o644)
    assert result.messages == [f"{path}: error: cannot read: Permission denied"]
    assert result.exit_code() == 2


def test_read_errors_are_messages_not_tracebacks(tmp_path, monkeypatch):
    # Also run as root, which the chmod test above cannot fail for.
    path = tmp_path / "x.py"
    path.write_text("x = 1\n")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("shapelint.sourcefile.os.open", denied)
    with pytest.raises(SourceError, match="^cannot read: Permission denied$"):
        read_source(path, "x.py")


@pytest.mark.parametrize(
    "data, row, message",
    [
        (b"x = '\xff'\n", 1, "(unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"),
        (b"# ok\n\nx = '\xe9'\n", 3, "(unicode error) 'utf-8' codec can't decode byte 0xe9 in position 0: unexpected end of data"),
        (b"# coding: klingon\nx = 1\n", 1, "unknown encoding: klingon"),
    ],
)
def test_undecodable_source_is_what_python_says(data, row, message):
    """Python reads undecodable bytes as a syntax error: its words and row (checking makes it SL000)."""
    with pytest.raises(Undecodable) as info:
        decode(data)
    assert (info.value.message, info.value.row) == (message, row)
    assert str(info.value) == f"cannot decode (line {row}): {message}"


def test_stdin_is_decoded_like_a_file():
    source = read_stream(io.BytesIO(b"\xef\xbb\xbfx = 1\r\n"), "-")
    assert (source.text, source.encoding, source.path) == ("x = 1\r\n", "utf-8-sig", None)
    assert source.encode("y = 2\r\n") == b"\xef\xbb\xbfy = 2\r\n"
