"""The shape-spec grammar shared by jaxtyping strings and numpydoc shape tuples.

jaxtyping writes axes separated by spaces (`"batch 1"`, `"*batch n"`,
`"#n"`, `"_"`, `"..."`, `"n+1"`); numpydoc writes a tuple
(`(n_samples, n_features)`, `(N,)`). One function turns one axis's text into
a `Dim`, so both read the same way.

>>> parse_jaxtyping("*batch n+1 #c _ 3")
(AnyAxes(), Computed(text='n+1'), Broadcastable(name='c'), AnyLength(), Fixed(value=3))
"""

from __future__ import annotations

import re

from ._spec import AnyAxes, AnyLength, Broadcastable, Computed, Dim, Fixed, Named

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_EXPRESSION = re.compile(r"[A-Za-z0-9_+\-*/ ()]+\Z")


def parse_dim(text: str) -> Dim | None:
    """One axis; None where the text is not an axis at all (the whole declaration is then ignored)."""
    text = text.strip().strip("`").strip()
    if not text:
        return None
    if text in ("...", "…") or text.startswith("*"):
        return AnyAxes()
    if text.startswith("#"):
        rest = text[1:]
        return Broadcastable(rest) if _NAME.match(rest) and rest != "_" else AnyLength()
    if text.isdigit():
        return Fixed(int(text))
    if "=" in text:
        # skimage's `C=3`: the named axis has length 3.
        _, _, value = text.partition("=")
        return Fixed(int(value)) if value.strip().isdigit() else AnyLength()
    if text.startswith("_") and _NAME.match(text):
        return AnyLength()  # jaxtyping: `_` and `_name` are not checked
    if _NAME.match(text):
        return Named(text)
    if _EXPRESSION.match(text) and re.search(r"[A-Za-z_]", text):
        return Computed(text.replace(" ", ""))
    return None


def parse_jaxtyping(spec: str) -> tuple[Dim, ...] | None:
    """A jaxtyping shape string; None if some axis does not read as one."""
    dims: list[Dim] = []
    for word in spec.split():
        dim = parse_dim(word)
        if dim is None:
            return None
        dims.append(dim)
    if sum(isinstance(d, AnyAxes) for d in dims) > 1:
        return None  # jaxtyping allows one variadic axis
    return tuple(dims)


def parse_tuple(inner: str) -> tuple[Dim, ...] | None:
    """The inside of a numpydoc shape tuple: `n_samples, n_features` or `N,`."""
    parts = [p for p in inner.split(",")]
    if parts and not parts[-1].strip():
        parts = parts[:-1]
    dims: list[Dim] = []
    for part in parts:
        dim = parse_dim(part)
        if dim is None:
            return None
        dims.append(dim)
    return tuple(dims)
