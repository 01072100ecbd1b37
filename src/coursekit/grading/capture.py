"""Hand a student's answer from the grading kernel to the grader as plain data.

The grader never scores inside the student's kernel: code in an answer cell can redefine `check`,
patch the checks or edit the scratch copy of the tables they compare with. Instead each check cell
of the exercise becomes `capture("q3", answer)`, which publishes the answer as JSON (`freeze`);
the grader rebuilds it (`thaw`) and scores it in its own process against the real course data.
A student who forges what `capture` sends can only send a value, and a value earns points only by
being right.

JSON, not pickle: unpickling lets the sender run code in the receiver, and the sender here is
whatever a student wrote. So only the kinds of value the questions ask for are rebuilt (numbers,
text, collections, pandas and numpy objects, plotly figures, course charts); anything else becomes
a stand-in that carries only its type's name, which the checks describe as a wrong kind of answer.
"""

from __future__ import annotations

import json
import math
import numbers
from typing import Any

MIMETYPE = "application/vnd.coursekit.answer+json"
MAX_BYTES = 16_000_000  # a frozen answer larger than this is not sent (no exercise needs 1 MB)
MAX_ITEMS = 1_000_000  # nor a table or array of more values than this
MAX_DEPTH = 12


class Unreadable(Exception):
    """A captured answer the grader cannot rebuild; the message says why, for the feedback."""


def capture(qid: str, value: Any) -> None:
    """Publish `value` as the answer to `qid` (runs in the grading kernel, in place of a check)."""
    from IPython.display import publish_display_data

    publish_display_data({MIMETYPE: {"qid": str(qid), "answer": frozen_within_limit(value)}})


def frozen_within_limit(value: Any) -> dict:
    """`freeze(value)`, or a note of its size when it is too large to send."""
    items = getattr(value, "size", 0)
    if isinstance(items, int) and items > MAX_ITEMS:  # a huge table: not worth describing item by item
        return {"t": "too-large", "type": _type_name(value), "items": items}
    frozen = freeze(value)
    size = len(json.dumps(frozen, ensure_ascii=False, allow_nan=False))
    if size > MAX_BYTES:
        return {"t": "too-large", "type": _type_name(value), "bytes": size}
    return frozen


def freeze(value: Any, depth: int = 0) -> dict:
    """A JSON-safe, tagged description of `value` from which `thaw` rebuilds it. Never raises."""
    try:
        return _freeze(value, depth)
    except Exception:  # noqa: BLE001 - a value that cannot be described is "some other kind of thing"
        return {"t": "other", "type": _type_name(value)}


def _freeze(value: Any, depth: int) -> dict:
    import numpy as np
    import pandas as pd
    from pandas.api.extensions import ExtensionArray
    from plotly.basedatatypes import BaseFigure

    from ..charts import Chart

    if depth > MAX_DEPTH:
        return {"t": "other", "type": _type_name(value)}
    if value is None:
        return {"t": "none"}
    if value is Ellipsis:
        return {"t": "ellipsis"}
    if value is pd.NA:
        return {"t": "na"}
    if value is pd.NaT:
        return {"t": "nat"}
    if isinstance(value, (bool, np.bool_)):
        return {"t": "bool", "v": bool(value)}
    if isinstance(value, numbers.Integral):
        return {"t": "int", "v": str(int(value))}
    if isinstance(value, numbers.Real):
        number = float(value)
        return {"t": "float", "v": number if math.isfinite(number) else repr(number)}
    if isinstance(value, str):
        return {"t": "str", "v": str(value)}
    if isinstance(value, pd.Timestamp):
        return {"t": "timestamp", "v": value.isoformat()}
    if isinstance(value, Chart):
        return {"t": "chart", "figure": _freeze(value.figure, depth + 1), "description": str(value.description)}
    if isinstance(value, BaseFigure):
        return {"t": "figure", "json": value.to_json()}
    if isinstance(value, pd.DataFrame):
        return {"t": "frame", "columns": _freeze(value.columns, depth + 1), "index": _freeze(value.index, depth + 1),
                "data": [_column(value.iloc[:, i], depth) for i in range(value.shape[1])]}
    if isinstance(value, pd.Series):
        return {"t": "series", "name": _freeze(value.name, depth + 1), "index": _freeze(value.index, depth + 1),
                **_column(value, depth)}
    if isinstance(value, pd.MultiIndex):
        return {"t": "multiindex", "names": [_freeze(n, depth + 1) for n in value.names],
                "levels": [_column(value.get_level_values(i), depth) for i in range(value.nlevels)]}
    if isinstance(value, pd.Index):
        return {"t": "index", "name": _freeze(value.name, depth + 1), **_column(value, depth)}
    if isinstance(value, np.ndarray) and value.ndim != 1:
        return {"t": "ndarray", "shape": list(value.shape), "dtype": str(value.dtype),
                "items": [_freeze(item, depth + 1) for item in value.ravel().tolist()]}
    if isinstance(value, (np.ndarray, ExtensionArray)):
        return {"t": "array", "numpy": isinstance(value, np.ndarray), **_column(value, depth)}
    if isinstance(value, (list, tuple, set, frozenset)):
        return {"t": type(value).__name__ if type(value) in (list, tuple, set, frozenset) else "list",
                "items": [_freeze(item, depth + 1) for item in value]}
    if isinstance(value, dict):
        return {"t": "dict", "items": [[_freeze(k, depth + 1), _freeze(v, depth + 1)] for k, v in value.items()]}
    return {"t": "other", "type": _type_name(value)}


def _column(values: Any, depth: int) -> dict:
    """The items and dtype of a one-dimensional pandas or numpy container."""
    import pandas as pd

    dtype = values.dtype
    spec: Any = str(dtype)
    if isinstance(dtype, pd.CategoricalDtype):
        spec = {"categories": _freeze(dtype.categories, depth + 1), "ordered": bool(dtype.ordered)}
    return {"dtype": spec, "items": [_freeze(item, depth + 1) for item in list(values)]}


def _type_name(value: Any) -> str:
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


def thaw(frozen: Any) -> Any:
    """The value `freeze` described; raises Unreadable for a description it cannot trust."""
    try:
        return _thaw(frozen, 0)
    except Unreadable:
        raise
    except Exception as error:  # noqa: BLE001 - a malformed description is the sender's fault, said plainly
        raise Unreadable(f"the grader could not read this answer back ({type(error).__name__}).") from None


class Opaque:
    """Stands for an answer of a kind no question asks for; only its type's name came across."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


def _opaque(type_name: str) -> Opaque:
    name = str(type_name).rsplit(".", 1)[-1][:60] or "object"
    return type(name, (Opaque,), {})()


def _thaw(frozen: Any, depth: int) -> Any:
    import numpy as np
    import pandas as pd
    import plotly.io

    from ..charts import Chart

    if depth > MAX_DEPTH + 2 or not isinstance(frozen, dict):
        raise Unreadable("the grader could not read this answer back (malformed).")
    tag = frozen.get("t")
    simple = {"none": None, "ellipsis": Ellipsis, "na": pd.NA, "nat": pd.NaT}
    if tag in simple:
        return simple[tag]
    if tag == "bool":
        return bool(frozen["v"])
    if tag == "int":
        digits = str(frozen["v"])
        if len(digits) > 400:
            raise Unreadable("the answer is a whole number too long to read back.")
        return int(digits)
    if tag == "float":
        return float(frozen["v"])
    if tag == "str":
        return str(frozen["v"])
    if tag == "timestamp":
        return pd.Timestamp(str(frozen["v"]))
    if tag == "figure":
        return plotly.io.from_json(str(frozen["json"]), skip_invalid=True)
    if tag == "chart":
        return Chart(_thaw(frozen["figure"], depth + 1), str(frozen["description"]))
    if tag in ("list", "tuple", "set", "frozenset"):
        items = [_thaw(item, depth + 1) for item in frozen["items"]]
        return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[tag](items)
    if tag == "dict":
        return {_thaw(k, depth + 1): _thaw(v, depth + 1) for k, v in frozen["items"]}
    if tag == "index":
        return pd.Index(_values(frozen, depth), name=_thaw(frozen["name"], depth + 1))
    if tag == "multiindex":
        levels = [_values(level, depth) for level in frozen["levels"]]
        names = [_thaw(n, depth + 1) for n in frozen["names"]]
        return pd.MultiIndex.from_arrays(levels, names=names)
    if tag == "series":
        return pd.Series(_values(frozen, depth), index=_thaw(frozen["index"], depth + 1),
                         name=_thaw(frozen["name"], depth + 1))
    if tag == "frame":
        columns = _thaw(frozen["columns"], depth + 1)
        index = _thaw(frozen["index"], depth + 1)
        data = {i: pd.Series(_values(column, depth), index=index) for i, column in enumerate(frozen["data"])}
        frame = pd.DataFrame(data, index=index)
        frame.columns = columns
        return frame
    if tag == "array":
        values = _values(frozen, depth)
        return np.asarray(values) if frozen.get("numpy") else pd.array(values)
    if tag == "ndarray":
        items = [_thaw(item, depth + 1) for item in frozen["items"]]
        array = np.array(items, dtype=object).reshape([int(n) for n in frozen["shape"]])
        return _typed(array, str(frozen["dtype"]))
    if tag == "other":
        return _opaque(frozen.get("type", "object"))
    if tag == "too-large" and "items" in frozen:
        raise Unreadable(f"the answer ({frozen.get('type', 'a value')}) holds {int(frozen['items']):,} values, "
                         "too many to grade: no question needs more than a few hundred.")
    if tag == "too-large":
        raise Unreadable(f"the answer ({frozen.get('type', 'a value')}) is too large to grade: "
                         f"about {int(frozen.get('bytes', 0)) // 1_000_000} MB once written out.")
    raise Unreadable("the grader could not read this answer back (unknown kind).")


def _values(frozen: dict, depth: int) -> Any:
    """A pandas array of a container's items, with its dtype restored where pandas can."""
    import pandas as pd

    items = [_thaw(item, depth + 1) for item in frozen["items"]]
    spec = frozen.get("dtype")
    if isinstance(spec, dict):
        categories = _thaw(spec["categories"], depth + 1)
        return pd.Categorical(items, categories=categories, ordered=bool(spec.get("ordered")))
    return _typed(items, str(spec))


def _typed(items: Any, dtype: str) -> Any:
    import numpy as np
    import pandas as pd

    try:
        return pd.array(items, dtype=dtype) if not isinstance(items, np.ndarray) else items.astype(dtype)
    except Exception:  # noqa: BLE001 - an exotic dtype: the items as they are still say what was given
        return pd.array(items, dtype=object) if not isinstance(items, np.ndarray) else items
