"""Canonical forms and salted hashes of answers, so expected values need not be written down.

Two answers that a teacher would count as the same (`"Calvert"` and `" calvert "`, `12` and
`12.0`, `["a", "b"]` and `("b", "a")`) have the same canonical form. A question bank stores
`digest(qid, expected)` instead of the expected value; to write one, run for example
`python -c 'from coursekit.checks.digest import digest; print(digest("q3", 2019))'`.
"""

from __future__ import annotations

import hashlib
import math
import numbers
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray

# Curly quotes and dashes typed or pasted by students count as their plain forms.
PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", " ": " "})
SEPARATOR = "\x1f"
DIGEST_LENGTH = 20


def canonical(value: Any, *, ordered: bool = False) -> str:
    """The form in which two equivalent answers are equal (collections ignore order unless `ordered`)."""
    if isinstance(value, (bool, np.bool_)):
        return f"bool:{bool(value)}"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            return ""
        return str(int(number)) if number.is_integer() else f"{number:.6g}"
    if isinstance(value, str):
        return " ".join(value.translate(PLAIN).casefold().split()).strip(" .")
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray, ExtensionArray)):
        items = [canonical(item) for item in value]
        return SEPARATOR.join(items if ordered and not isinstance(value, (set, frozenset)) else sorted(items))
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    return str(value)


def digest(qid: str, value: Any, *, ordered: bool = False) -> str:
    """A salted hash of `value`'s canonical form, for the question `qid`."""
    text = f"coursekit{SEPARATOR}{qid}{SEPARATOR}{canonical(value, ordered=ordered)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]
