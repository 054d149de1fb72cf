"""numpydoc and scikit-learn docstring sections: the shapes of parameters and return values.

Reads the `Parameters`, `Other Parameters` and `Returns` sections
(`name : type` lines) and finds the shape in the type, in every spelling
these projects use:

    X : ndarray of shape (n_samples, n_features)
    y : array-like of shape (n_samples,) or (n_samples, n_outputs)
    X : {array-like, sparse matrix}, shape (n_samples, n_features)
    image : (M, N) ndarray
    image : ([P,] M, N) ndarray            # an optional leading axis
    out : 2-D array
    X : :py:class:`ndarray <numpy.ndarray>` of shape `(N, M)`

A type that may be something other than an array (`int or ndarray`, `list
of arrays`) gives no declaration: the value is not known to be an array.
Not handled: shapes named by a variable (`of shape weight_shape`), the
Google and reST docstring styles.
"""

from __future__ import annotations

import re
from itertools import product

from ._dims import parse_tuple
from ._spec import AnyLength, Declaration, Dim

_SECTION_PARAMS = ("parameters", "other parameters")
_SECTION_RETURNS = ("returns", "yields")
_ENTRY = re.compile(r"^(\*{0,2}[A-Za-z_]\w*(?:\s*,\s*\*{0,2}[A-Za-z_]\w*)*)\s*:\s*(.*)$")
_ROLE = re.compile(r":[\w:]+:`([^`<]*?)\s*(?:<[^>]*>)?`")
_ARRAY_HEAD = re.compile(
    r"^(?:\{[^}]*\}|(?:numpy\.|np\.)?ndarray|numpy arrays?|array[-_ ]like|arrays?|matrix|sparse matrix|(?:\d)-?d\s+(?:nd)?array)(?=\W|$)|^(?=shape\b)",
    re.IGNORECASE,
)
_RANK = re.compile(r"^(\d)-?d\b", re.IGNORECASE)
_NOT_ARRAY = re.compile(
    r"\b(?:int|float|bool|str|tuple|list|dict|callable|scalar|number|sequence|iterable|object|generator|function|"
    r"dataframe|series|instance|estimator|string)s?\b",
    re.IGNORECASE,
)


def docstring_sections(doc: str) -> dict[str, list[tuple[str, str]]]:
    """Section name (lower case) -> its `(names, type)` entries, in order."""
    lines = doc.expandtabs().splitlines()
    sections: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] | None = None
    indent: int | None = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if stripped and following and set(following) == {"-"} and len(following) >= 3:
            current = sections.setdefault(stripped.lower(), [])
            indent = None
            continue
        if current is None or not stripped or set(stripped) == {"-"}:
            continue
        here = len(line) - len(line.lstrip())
        if indent is None:
            indent = here
        if here != indent:
            continue
        match = _ENTRY.match(stripped)
        current.append((match.group(1), match.group(2)) if match else ("", stripped))
    return sections


def _alternatives(inner: str) -> list[tuple[Dim, ...]] | None:
    """`[P,] M, N` -> (M, N) and (P, M, N): numpydoc's optional axes in brackets."""
    pieces = re.split(r"(\[[^\[\]]*\])", inner)
    choices: list[list[str]] = []
    for piece in pieces:
        if piece.startswith("["):
            choices.append(["", piece[1:-1]])
        elif piece:
            choices.append([piece])
    out = []
    for combination in product(*choices):
        text = ",".join(part.strip().strip(",") for part in combination if part.strip().strip(","))
        dims = parse_tuple(text) if text else ()
        if dims is None:
            return None
        out.append(dims)
    return out


# `int`, `float, optional`, `int or float`, `positive int`: a Python number, never None.
_SCALAR = re.compile(
    r"^(?:(?:positive|non-negative|nonnegative|unsigned|strictly positive)\s+)?(int|integer|float|scalar|number|int or float|float or int)"
    r"(?:\s*,\s*optional)?(?:\s*[,(]?\s*default\s*[:=]?\s*[-+]?[\d.e]+\)?)?\.?$",
    re.IGNORECASE,
)
# A parenthesized note on the dtype after the array (`2-D array (integer or float)`).
_DTYPE_NOTE = re.compile(
    r"\s*\((?:\s*(?:integer|int|float|floating|bool|boolean|complex|u?int\d*|float\d*|or|and|,|point|type|dtype)\s*)+\)",
    re.IGNORECASE,
)


def parse_scalar(text: str) -> str | None:
    """"int" or "float" where a numpydoc type line declares a Python number (not None, not an array)."""
    match = _SCALAR.match(_ROLE.sub(r"\1", text).replace("`", "").strip())
    if match is None:
        return None
    return "int" if match.group(1).lower() in ("int", "integer") else "float"


def parse_type(text: str) -> Declaration | None:
    """The declaration a numpydoc type line makes, or None if it does not declare an array."""
    text = _DTYPE_NOTE.sub("", _ROLE.sub(r"\1", text).replace("`", "")).strip()
    optional = bool(re.search(r"\boptional\b|default\s*[=:]?\s*None\b|\bor None\b|None\s*,|,\s*None\b", text))
    shapes: list[tuple[Dim, ...]] = []
    rest = text
    # `(M, N) ndarray`, and alternatives before the type: `(M, N) or (L, M, N) array`.
    while leading := re.match(r"^(?:or\s+)?\(([^()]*)\)\s*", rest):
        alternatives = _alternatives(leading.group(1))
        if alternatives is None:
            return None
        shapes.extend(alternatives)
        rest = rest[leading.end() :]
    head = _ARRAY_HEAD.match(rest)
    if head is None:
        return None
    kind = head.group(0).lower()
    rank = _RANK.match(kind)
    if rank:
        shapes.append((AnyLength(),) * int(rank.group(1)))
    clause = re.search(r"\bshape\s*[=:]?\s*(\([^()]*\)(?:\s*,?\s*or\s*\([^()]*\))*)", rest)
    if clause:
        for inner in re.findall(r"\(([^()]*)\)", clause.group(1)):
            alternatives = _alternatives(inner)
            if alternatives is None:
                return None
            shapes.extend(alternatives)
        rest = rest[: clause.start()] + rest[clause.end() :]
    elif re.search(r"\bshape\b", rest):
        return None  # a shape we cannot read (`of shape weight_shape`): claim nothing
    sparse = "sparse" in kind or "sparse" in rest.lower()
    array_like = "like" in kind or "{" in kind or not kind
    # Alternatives that are not arrays (`ndarray or tuple`, `list of arrays`): no claim.
    tail = re.sub(r"\b(?:of|with|same)\b.*?(?=\bor\b|,|$)", "", rest[head.end() :])
    if re.search(r"\bor\b", tail) and _NOT_ARRAY.search(tail):
        return None
    if "{" in kind and _NOT_ARRAY.search(kind):
        return None
    return Declaration(tuple(dict.fromkeys(shapes)), ndarray=not (array_like or sparse), sparse=sparse, optional=optional)


def parse_docstring(
    doc: str,
) -> tuple[dict[str, Declaration], tuple[Declaration | None, ...], dict[str, str]]:
    """Parameter declarations by name, one declaration (or None) per returned value, and the Python-number parameters."""
    sections = docstring_sections(doc)
    params: dict[str, Declaration] = {}
    scalars: dict[str, str] = {}
    for section in _SECTION_PARAMS:
        for names, type_text in sections.get(section, ()):
            declaration = parse_type(type_text) if names else None
            number = parse_scalar(type_text) if names else None
            if number is not None:
                for name in names.split(","):
                    scalars[name.strip()] = number
            if declaration is None:
                continue
            for name in names.split(","):
                params[name.strip().lstrip("*")] = declaration
    returns: list[Declaration | None] = []
    for names, type_text in sections.get("returns", ()):
        # `name : type`, or a bare type line (unnamed return value).
        text = type_text if names else type_text
        if not names and not type_text:
            continue
        declaration = parse_type(text if names else type_text)
        count = len(names.split(",")) if names else 1
        returns.extend([declaration] * count)
    return params, tuple(returns), scalars
