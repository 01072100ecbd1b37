"""The project's wiring: dependencies declared once, the two commands, CI, the README's promises."""

import importlib
import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from coursekit.checks import Manual

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def requirement_names(requirements):
    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower() for r in requirements}


def test_runtime_and_test_dependencies_are_declared():
    runtime = requirement_names(PYPROJECT["project"]["dependencies"])
    # pytest and nbval are for students too: they check a whole exercise with pytest --nbval-lax.
    assert {"jupyterlab", "ipywidgets", "pandas", "plotly", "pytest", "nbval"} <= runtime
    test_extra = requirement_names(PYPROJECT["project"]["optional-dependencies"]["test"])
    assert {"pytest-xdist", "playwright"} <= test_extra


def environment_pins():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    (pip,) = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    return conda, pip


def test_environment_yml_gives_python_and_pip_then_installs_this_repository_last():
    conda, pip = environment_pins()
    assert sorted(re.split(r"[=<>]", d)[0] for d in conda) == ["pip", "python"]
    assert pip[-1] == "-e ."
    python = next(d for d in conda if d.startswith("python"))
    minimum = re.search(r">=\s*(\d+\.\d+)", PYPROJECT["project"]["requires-python"]).group(1)
    assert tuple(map(int, python.split("=")[1].split("."))) >= tuple(map(int, minimum.split(".")))


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the installed packages are Binder's set only on Python 3.11")
def test_environment_yml_pins_everything_the_course_needs_at_run_time():
    """Follow the installed packages' requirements from pyproject.toml's, on Binder's platform."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    from coursekit.pins import BINDER_MARKERS, direct_requirements, stored_pins

    pinned = {canonicalize_name(line.split("==")[0]) for line in stored_pins(ROOT)[:-1]}
    seen, queue = set(), [(canonicalize_name(r.name), frozenset(r.extras)) for r in direct_requirements(ROOT)]
    while queue:
        name, extras = queue.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        for text in importlib.metadata.distribution(name).requires or []:
            requirement = Requirement(text)
            if not requirement.marker or any(requirement.marker.evaluate({**BINDER_MARKERS, "extra": e}) for e in ("", *extras)):
                queue.append((canonicalize_name(requirement.name), frozenset(requirement.extras)))
    missing = sorted({name for name, _ in seen} - pinned)
    assert not missing, f"environment.yml does not pin {missing}: run `make lock`"


def test_readme_opens_with_the_two_commands():
    top = README[: README.index("\n## ", README.index("make test"))]
    assert "make lab" in top and "make test" in top


def test_binder_and_github_links_use_the_configured_repository():
    slug = PYPROJECT["tool"]["coursekit"]["github"]
    links = re.findall(r"https://mybinder\.org/v2/gh/([^/]+/[^/]+)/", README)
    assert links, "the README has no Binder link"
    assert set(links) == {slug}
    repositories = re.findall(r"github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?[\"/)\s]", README)
    assert set(repositories) <= {slug}, "a GitHub address in the README is not the configured repository"


def dry_run(target):
    """The commands `make TARGET` would run, as a fresh shell would see them (not a sub-make)."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    result = subprocess.run(["make", "-n", "--no-print-directory", target], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True)
    return result.stdout


def test_make_lab_opens_lesson_00():
    command = dry_run("lab").splitlines()[-1]
    opened = re.search(r"--LabApp.default_url=/lab/tree/(\S+)", command).group(1)
    assert "jupyter lab" in command and "--ServerApp.root_dir=." in command
    assert opened.startswith("notebooks/00-") and (ROOT / opened).is_file()


def test_make_test_runs_the_suite_with_xdist_by_file():
    command = dry_run("test").splitlines()[-1]
    assert "pytest" in command and "--dist loadfile" in command


def test_ci_installs_debian_chromium_and_runs_make_test():
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    assert any("apt-get install" in c and "chromium" in c for c in commands)
    assert not any("playwright install" in c for c in commands)
    assert commands[-1] == "make test"


def test_every_declared_column_is_documented_in_the_data_readme():
    from coursekit.datasets import SCHEMAS

    documented = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for schema in SCHEMAS.values():
        assert f"`{schema.file.split('/')[-1]}`" in documented, f"data/README.md does not describe {schema.file}"
        for column in schema.columns:
            assert f"| `{column.name}` |" in documented, f"data/README.md does not document {schema.name}.{column.name}"


def test_the_lock_pins_every_declared_dependency():
    pinned = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", line)
        if match:
            pinned[match.group(1).lower().replace("_", "-")] = match.group(2)
    declared = PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["test"]
    missing = sorted(requirement_names(declared) - set(pinned))
    assert not missing, f"constraints.txt does not pin {missing}: run `make lock`"


def test_both_installers_honour_the_lock():
    script = (ROOT / "scripts" / "install-venv.sh").read_text(encoding="utf-8")
    installs = [line for line in script.splitlines() if " install " in line and "-e " in line]
    assert len(installs) == 2 and all("-c constraints.txt" in line for line in installs)


def test_the_readme_counts_the_tables_correctly():
    """The README's sentence about the tables states their sizes; they must be the tables' own."""
    from coursekit.datasets import load_table

    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    stated = {
        "timeline": r"a timeline of (\d+) events",
        "quotes": r"(\d+) located quotations",
        "glossary": r"a glossary of (\d+) terms",
        "corrections": r"(\d+) corrections to the texts",
        "funding": r"(\d+) sources of money",
        "reasons": r"(\d+) of Aliya's reasons",
        "lexicon": r"a keyword lexicon of (\d+) entries",
    }
    for table, pattern in stated.items():
        match = re.search(pattern, text)
        assert match, f"the README no longer says how many rows {table}.csv has ({pattern!r})"
        assert int(match.group(1)) == len(load_table(table)), f"the README's count for {table}.csv is stale"
    cases = re.search(r"(\d+) cases of films", text)
    assert cases and int(cases.group(1)) == load_table("chain")["case"].nunique()


def test_the_readme_describes_the_exercises_as_they_are():
    banks = [importlib.import_module(f"coursekit.questions.ex{p.name[:2]}").QUESTIONS
             for p in sorted((ROOT / "solutions").glob("*.ipynb"))]
    sizes = [len(b) for b in banks]
    totals = [sum(q.points for q in b) for b in banks]
    manual = {sum(q.points for q in b if isinstance(q, Manual)) for b in banks}
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert len(manual) == 1
    assert (f"There are {len(banks)} exercises, one per lesson from 01, each of {min(sizes)} to {max(sizes)} "
            f"questions worth {min(totals)} to {max(totals)} points, of which {manual.pop()} points per exercise "
            "go to a free-text question that the teacher marks") in readme
