"""coursekit: the plumbing behind the *Welcome to the USA* lessons.

Lessons import from here so that their cells read like sentences; everything that loads,
validates, searches or draws lives in the small modules of this package.
"""

__version__ = "0.1.0"
