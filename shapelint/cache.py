"""A results cache: the findings of a file text, so unchanged files are not analyzed again.

An entry is keyed by the shapelint version, a fingerprint of shapelint's own
code (so an edited rule is never answered from the cache while the version
number stays the same during development), the file's name and sha256 and
everything else that changes the findings (the enabled codes). Entries are
JSON files in `.shapelint_cache/` under the current folder. It is not
pruned: delete the folder to empty it.

Nothing in it is trusted: an entry is used only if it is a regular file
holding this schema, this shapelint version, the key asked for, the hash of
the source text and well-formed findings of the file asked for, whose own
digest matches (an entry edited by hand or by bit rot is a miss). Anything
else (a corrupt, unreadable or non-regular entry, a cache that cannot be
written) is a miss, and `warning` says what was wrong, for one warning per
run. `--fix` never reads the cache: edits are always computed afresh.

Findings that depend on other files (a notebook's helper modules) have those
files' names and texts in the key too (`checking.SourceKind.dependencies`).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .findings import Edit, Finding, Fix, Note, Position
from .sourcefile import READ_FLAGS

FOLDER = ".shapelint_cache"
SCHEMA = 3
# An entry is the findings of one file: far smaller than this unless it is not an entry.
_MAX_ENTRY_BYTES = 64 * 1024 * 1024


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


def _source_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _findings_hash(key: str, findings: Any) -> str:
    """A digest of the stored findings with their key: an entry edited by hand or by bit rot is a miss."""
    canonical = json.dumps(findings, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(f"{key}\0{canonical}".encode("ascii")).hexdigest()


def _without_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # JSON lets a key appear twice and the last one win: an entry that does so was not written here.
    data = dict(pairs)
    if len(data) != len(pairs):
        raise ValueError("a key appears twice")
    return data


def _valid_finding(data: Any, filename: str) -> bool:
    if not isinstance(data, dict) or data.get("filename") != filename:
        return False
    strings = ("code", "name", "severity", "message")
    positions = [data.get("start"), data.get("end")]
    fix = data.get("fix")
    if fix is not None:
        if not isinstance(fix, dict) or not isinstance(fix.get("edits"), list):
            return False
        for edit in fix["edits"]:
            if not isinstance(edit, dict) or not isinstance(edit.get("content"), str):
                return False
            positions += [edit.get("start"), edit.get("end")]
    return (
        all(isinstance(data.get(name), str) for name in strings)
        and all(isinstance(p, dict) and _is_int(p.get("row")) and _is_int(p.get("column")) for p in positions)
        and _is_int(data.get("noqa_row"))
        and (data.get("cell") is None or _is_int(data.get("cell")))
        and isinstance(data.get("notes"), list)
    )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


class Cache:
    """Findings by key in `folder`; `get` and `put` never raise, `warning` says what went wrong."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.warning: str | None = None

    @staticmethod
    def key(text: str, *parts: str) -> str:
        digest = hashlib.sha256()
        for part in (__version__, _code_fingerprint(), *parts, text):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / __version__ / f"{key}.json"

    def _warn(self, entry: Path, problem: str) -> None:
        if self.warning is None:
            self.warning = f"shapelint: warning: ignoring the cache entry {entry}: {problem}"

    def get(self, key: str, text: str, filename: str) -> list[Finding] | None:
        """The findings stored for `key`, if the entry is sound and is the one for `text` in `filename`."""
        entry = self._entry(key)
        try:
            # Non-blocking: a fifo planted in the cache must not block the run.
            fd = os.open(entry, READ_FLAGS)
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._warn(entry, f"cannot read it ({exc.strerror or exc})")
            return None
        try:
            with os.fdopen(fd, "rb") as fh:
                if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                    self._warn(entry, "not a regular file")
                    return None
                raw = fh.read(_MAX_ENTRY_BYTES)
            data = json.loads(raw, object_pairs_hook=_without_duplicate_keys)
            sound = (
                isinstance(data, dict)
                and data.get("schema") == SCHEMA
                and data.get("version") == __version__
                and data.get("key") == key
                and data.get("source_sha256") == _source_hash(text)
                and isinstance(data.get("findings"), list)
                and data.get("findings_sha256") == _findings_hash(key, data["findings"])
                and all(_valid_finding(item, filename) for item in data["findings"])
            )
            if sound:
                return [_finding(item) for item in data["findings"]]
            self._warn(entry, "it is not a valid entry for this file")
        except Exception as exc:  # whatever is wrong with it, it is a miss
            self._warn(entry, f"it is corrupt ({type(exc).__name__})")
        return None

    def put(self, key: str, text: str, findings: list[Finding]) -> None:
        entry = self._entry(key)
        data = {
            "schema": SCHEMA,
            "version": __version__,
            "key": key,
            "source_sha256": _source_hash(text),
            "findings": [asdict(f) for f in findings],
        }
        data["findings_sha256"] = _findings_hash(key, data["findings"])
        try:
            if not self.folder.is_dir():
                self._create()
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        except OSError as exc:
            self._warn(entry, f"cannot write it ({exc.strerror or exc})")
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh)
            # Workers of --jobs and other runs may write the same entry: os.replace makes the last one win whole.
            os.replace(tmp, entry)
        except (OSError, ValueError) as exc:
            self._warn(entry, f"cannot write it ({getattr(exc, 'strerror', None) or exc})")
            try:
                os.unlink(tmp)
            except OSError:
                pass

    def _create(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        # Tell backup tools and git to leave it alone, as ruff's cache does.
        (self.folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n")
        (self.folder / ".gitignore").write_text("*\n")
