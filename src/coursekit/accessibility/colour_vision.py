"""How far apart two colours look, with normal vision and with the three kinds of dichromacy.

A palette that looks distinct to the author can merge for a reader with protanopia,
deuteranopia or tritanopia. Each colour is passed through a published simulation of how a
dichromat sees it, converted to CIELAB, and compared by its CIE76 difference (ΔE*ab); any pair a
figure uses together must stay at least `MIN_DELTA_E` apart in every case. Pure arithmetic, no
dependencies, so tests can check it against reference values.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from typing import Any

# Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of Color Vision
# Deficiency", IEEE TVCG 15(6): 1291-1298; the matrices for severity 1.0 (dichromacy), applied to
# linear sRGB, from the authors' supplementary material:
# https://www.inf.ufrgs.br/~oliveira/pubs_files/CVD_Simulation/CVD_Simulation.html
# A simulation is a model of an average dichromat, not of any one reader: the test keeps a margin.
CVD_MATRICES = {
    "protanopia": ((0.152286, 1.052583, -0.204868),
                   (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968),
                     (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779),
                   (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
DEFICIENCIES = tuple(CVD_MATRICES)
# The least CIE76 difference (ΔE*ab in CIELAB, D65) between two colours a figure uses together.
# On the scale of Mokrzycki & Tatoł's survey ("Colour difference ΔE - A survey", Machine Graphics
# & Vision, 2011), as colour-science documents it, an observer sees two different colours above 5:
# https://colour.readthedocs.io/en/v0.4.7/generated/colour.difference.JND_CIE1976.html
# The threshold is twice that, because such judgements are made on large patches side by side, and
# the difference needed grows as marks shrink (Stone, Szafir & Setlur 2014, "An Engineering Model
# for Color Difference as a Function of Size"); chart markers and legend swatches are small and apart.
MIN_DELTA_E = 10.0


def norm_colour(colour: Any) -> str | None:
    """One spelling per colour: lower case, no spaces, `#abc` widened to `#aabbcc`; None for no colour."""
    if not isinstance(colour, str) or not colour.strip():
        return None
    colour = colour.strip().lower().replace(" ", "")
    if re.fullmatch(r"#[0-9a-f]{3}", colour):
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour


def _hex_rgb(colour: str) -> tuple[float, float, float]:
    value = norm_colour(colour) or ""
    if not re.fullmatch(r"#[0-9a-f]{6}", value):
        raise ValueError(f"{colour!r} is not a colour written #RRGGBB")
    return tuple(int(value[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def simulate(colour: str, deficiency: str | None) -> tuple[float, float, float]:
    """The colour (#RRGGBB) as linear sRGB, as a person with `deficiency` sees it (None: as is)."""
    rgb = [_linear(c) for c in _hex_rgb(colour)]
    if deficiency is None:
        return tuple(rgb)  # type: ignore[return-value]
    matrix = CVD_MATRICES[deficiency]
    return tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in matrix)  # type: ignore[return-value]


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """CIELAB (D65 white) of a linear sRGB colour."""
    r, g, b = rgb
    xyz = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b,
           0.2126729 * r + 0.7151522 * g + 0.0721750 * b,
           0.0193339 * r + 0.1191920 * g + 0.9503041 * b)
    white = (0.95047, 1.0, 1.08883)

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = (f(v / w) for v, w in zip(xyz, white))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(first: str, second: str, deficiency: str | None = None) -> float:
    """CIE76 colour difference (ΔE*ab) between two colours, as seen with `deficiency` (None: normal vision)."""
    return math.dist(lab(simulate(first, deficiency)), lab(simulate(second, deficiency)))


def confusable_colours(colours: Iterable[str], minimum: float = MIN_DELTA_E) -> list[str]:
    """Pairs of `colours` closer than `minimum` for normal vision or any simulated deficiency, as sentences."""
    problems = []
    for a, b in itertools.combinations(list(dict.fromkeys(norm_colour(c) for c in colours)), 2):
        for deficiency in (None, *DEFICIENCIES):
            difference = delta_e(a, b, deficiency)
            if difference < minimum:
                problems.append(f"{a} and {b} are only ΔE {difference:.1f} apart "
                                f"{'with ' + deficiency if deficiency else 'for normal vision'} (need {minimum:g})")
    return problems

