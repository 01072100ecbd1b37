"""Fixtures shared by the tests: the three texts and the course tables, loaded once per module.

Module scope, so a test that changes its copy cannot leak into another module's tests.
"""

import pytest

from coursekit.corpus import load_sources
from coursekit.datasets import load_table


@pytest.fixture(scope="module")
def sources():
    return load_sources()


@pytest.fixture(scope="module")
def quotes():
    return load_table("quotes")


@pytest.fixture(scope="module")
def corrections():
    return load_table("corrections")


@pytest.fixture(scope="module")
def timeline():
    return load_table("timeline")


@pytest.fixture(scope="module")
def places():
    return load_table("places")


@pytest.fixture(scope="module")
def chain():
    return load_table("chain")


@pytest.fixture(scope="module")
def reasons():
    return load_table("reasons")


@pytest.fixture(scope="module")
def funding():
    return load_table("funding")


@pytest.fixture(scope="module")
def lexicon_table():
    return load_table("lexicon")
