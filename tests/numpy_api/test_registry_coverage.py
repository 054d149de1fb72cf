"""Every registry entry has a property test that names it."""

from __future__ import annotations

from pathlib import Path

from shapelint.numpy_api import REGISTRY


def test_every_registered_name_is_tested() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py"))
    missing = sorted(name for name in REGISTRY if f'"{name}"' not in text and f"'{name}'" not in text)
    assert not missing, f"no property test names {missing}"
