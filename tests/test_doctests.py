"""The `>>>` examples in shapelint's docstrings run, and say what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import shapelint


def _modules_with_examples() -> list[str]:
    names = ["shapelint"]
    for info in pkgutil.walk_packages(shapelint.__path__, "shapelint."):
        spec = importlib.util.find_spec(info.name)
        origin = spec.origin if spec is not None else None
        if origin and origin.endswith(".py") and ">>>" in open(origin, encoding="utf-8").read():
            names.append(info.name)
    return names


@pytest.mark.parametrize("name", _modules_with_examples())
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0 or name == "shapelint.rules._base"


def test_the_examples_are_found() -> None:
    assert len(_modules_with_examples()) >= 3
