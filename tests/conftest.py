"""Fixtures shared by the tests: the texts, the course tables and an exercise's reference answers,
loaded once per module.

Module scope, so a test that changes its copy cannot leak into another module's tests.
"""

import pytest
from answers import solution_answers

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


@pytest.fixture(scope="module")
def right(request):
    """The master notebook's answers, by question id, for the exercise of a test_exercise_NN.py module."""
    return solution_answers(request.module.__name__.removeprefix("test_exercise_"))
