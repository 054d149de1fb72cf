"""A results cache: the findings of a file text, so unchanged files are not analyzed again.

An entry is keyed by the shapelint version, a fingerprint of shapelint's own
code (so an edited rule is never answered from the cache while the version
number stays the same during development), the file's name and sha256 and
everything else that changes the findings (the enabled codes). Entries are
JSON files in `.shapelint_cache/` under the current folder. A corrupt or
unreadable entry is a miss; a cache that cannot be written is no cache. It is
not pruned: delete the folder to empty it.

Findings that depend on other files (a notebook's helper modules) have those
files' names and texts in the key too (`checking.SourceKind.dependencies`).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .findings import Edit, Finding, Fix, Note, Position

FOLDER = ".shapelint_cache"


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def _fix(data: dict[str, Any] | None) -> Fix | None:
    if data is None:
        return None
    edits = tuple(Edit(e["content"], Position(**e["start"]), Position(**e["end"])) for e in data["edits"])
    return Fix(applicability=data["applicability"], message=data["message"], edits=edits)


def _note(data: dict[str, Any]) -> Note:
    location = data.get("location")
    return Note(data["message"], data.get("filename"), data.get("cell"), Position(**location) if location else None)


def _finding(data: dict[str, Any]) -> Finding:
    """The inverse of dataclasses.asdict for a Finding."""
    return Finding(
        **{
            **data,
            "start": Position(**data["start"]),
            "end": Position(**data["end"]),
            "notes": tuple(_note(n) for n in data["notes"]),
            "fix": _fix(data["fix"]),
        }
    )


class Cache:
    """Findings by key in `folder`; `get` never raises, `put` never fails loudly."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @staticmethod
    def key(text: str, *parts: str) -> str:
        digest = hashlib.sha256()
        for part in (__version__, _code_fingerprint(), *parts, text):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / __version__ / f"{key}.json"

    def get(self, key: str) -> list[Finding] | None:
        try:
            with self._entry(key).open(encoding="utf-8") as fh:
                return [_finding(item) for item in json.load(fh)]
        except Exception:  # a missing or corrupt entry is a miss, whatever is wrong with it
            return None

    def put(self, key: str, findings: list[Finding]) -> None:
        entry = self._entry(key)
        try:
            if not self.folder.is_dir():
                self._create()
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump([asdict(f) for f in findings], fh)
            # Workers of --jobs may write the same entry: os.replace makes the last one win whole.
            os.replace(tmp, entry)
        except OSError:
            try:
                os.unlink(tmp)
            except OSError:
                pass

    def _create(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        # Tell backup tools and git to leave it alone, as ruff's cache does.
        (self.folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n")
        (self.folder / ".gitignore").write_text("*\n")
