"""shapelint: find numpy shape bugs before the code runs.

The public Python API, loaded on first use so that `import shapelint` (and
the command line's start-up) stays cheap:

>>> import shapelint
>>> [f.code for f in shapelint.lint_source("import numpy as np\\nv = np.zeros(3)\\nw = v.T\\n", "x.py")]
['SL001', 'SL002']
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# Public name -> the module that defines it.
_EXPORTS = {
    "lint_source": "shapelint.api",
    "lint_module": "shapelint.api",
    "parse": "shapelint.api",
    "analyze": "shapelint.api",
    "infer_shapes": "shapelint.shapes",
    "lint_notebook": "shapelint.notebook",
    "Finding": "shapelint.findings",
    "Fix": "shapelint.findings",
    "Edit": "shapelint.findings",
    "Note": "shapelint.findings",
    "Position": "shapelint.findings",
    "RULES": "shapelint.rules",
    "SourceError": "shapelint.sourcefile",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'shapelint' has no attribute {name!r}")


__all__ = ["__version__", *_EXPORTS]
