"""What shapelint knows of numpy: shape rules keyed by qualified name.

One module per family; importing this package fills `REGISTRY`.
"""

from . import _builtins, _creation, _indexing, _manipulation, _products, _reductions, _ufuncs  # noqa: F401
from ._indexing import index_result
from ._args import as_array
from ._registry import REGISTRY, CallArgs, ShapeError, shape_rule

__all__ = ["REGISTRY", "CallArgs", "ShapeError", "as_array", "index_result", "shape_rule"]
