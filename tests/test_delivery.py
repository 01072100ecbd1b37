"""Getting the course to a class: launch links, the generated contents table, Binder's pins."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest

from coursekit import contents, housekeeping, links, pins
from coursekit.errors import CourseError

ROOT = Path(__file__).resolve().parents[1]
SLUG = links.repository_slug(ROOT)
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_binder_link_builds_the_repository_and_opens_the_notebook_in_jupyterlab():
    url = urlsplit(links.binder_url(SLUG, "notebooks/03-Who-Decides-What-Is-Shown.ipynb"))
    assert (url.scheme, url.netloc, url.path) == ("https", "mybinder.org", f"/v2/gh/{SLUG}/HEAD")
    assert parse_qs(url.query) == {"urlpath": ["lab/tree/notebooks/03-Who-Decides-What-Is-Shown.ipynb"]}


def test_an_nbgitpuller_link_pulls_the_course_and_opens_the_notebook_inside_the_clone():
    url = urlsplit(links.nbgitpuller_url("https://hub.example.edu/", SLUG, "exercises/03-Who-Decides-What-Is-Shown.ipynb"))
    assert (url.netloc, url.path) == ("hub.example.edu", "/hub/user-redirect/git-pull")
    query = parse_qs(url.query)
    folder = SLUG.split("/")[1]
    assert query == {
        "repo": [f"https://github.com/{SLUG}"],
        "branch": ["main"],
        "urlpath": [f"lab/tree/{folder}/exercises/03-Who-Decides-What-Is-Shown.ipynb?autodecode"],
    }


@pytest.mark.parametrize("hub, problem", [
    ("hub.example.edu", "must start with http:// or https://"),
    ("ftp://hub.example.edu", "must start with http:// or https://"),
    ("https://", "must start with http:// or https://"),
    ("https://hub.example.edu/?next=/hub", "without '?…' or '#…'"),
])
def test_a_hub_address_that_cannot_make_a_link_is_refused(hub, problem, capsys):
    assert links.main(["--hub", hub, "--root", str(ROOT)]) == 2
    assert problem in capsys.readouterr().err


@pytest.mark.parametrize("copied", [
    "https://uni.edu/jupyter", "https://uni.edu/jupyter/", "https://uni.edu/jupyter/hub/home",
    "https://uni.edu/jupyter/user/ana/lab/tree/notes", " https://uni.edu/jupyter/hub/ ",
])
def test_a_hub_address_copied_from_the_browser_gives_the_hubs_own_address(copied):
    assert links.hub_base(copied) == "https://uni.edu/jupyter"
    assert links.nbgitpuller_url(copied, SLUG, "x.ipynb").startswith("https://uni.edu/jupyter/hub/user-redirect/git-pull?")


def test_the_link_table_has_one_working_link_per_lesson_and_exercise(capsys):
    assert links.main(["--hub", "https://hub.example.edu", "--root", str(ROOT)]) == 0
    table = capsys.readouterr().out
    opened = re.findall(r"urlpath=lab%2Ftree%2F[^%]+%2F(\w+)%2F([\w-]+\.ipynb)", table)
    expected = sorted((p.parent.name, p.name) for folder in ("notebooks", "exercises") for p in (ROOT / folder).glob("*.ipynb"))
    assert sorted(opened) == expected


@pytest.mark.parametrize("config, problem", [
    ("[project]\nname = 'x'\n", "does not name the course's repository"),
    ("[tool.coursekit]\ngithub = 'not a slug'\n", "not an owner/name pair"),
])
def test_a_missing_or_malformed_repository_slug_is_named(tmp_path, config, problem):
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    with pytest.raises(CourseError, match=problem):
        links.repository_slug(tmp_path)


def test_every_binder_link_in_the_readme_opens_a_notebook_that_exists():
    paths = re.findall(r"https://mybinder\.org/v2/gh/[^)\s]+?urlpath=lab/tree/([^)\s]+)", README)
    assert len(paths) >= 2 * len(LESSONS) - 1, "the README should launch every lesson and exercise"
    for path in paths:
        assert (ROOT / path).is_file(), f"the README launches {path}, which does not exist"


def test_the_contents_table_has_each_lesson_with_its_own_time_and_the_exercise_points():
    table_rows = {row.number: row for row in contents.rows(ROOT)}
    assert sorted(table_rows) == [p.name[:2] for p in LESSONS]
    for lesson in LESSONS:
        row = table_rows[lesson.name[:2]]
        header = nbformat.read(lesson, as_version=4).cells[1].source
        assert f"**Time:** {row.minutes} minutes" in header
        assert f"**Themes:** {row.themes}" in header
        if not (ROOT / "solutions" / lesson.name).is_file():
            assert row.exercise is None and row.points is None
            continue
        bank = importlib.import_module(f"coursekit.questions.ex{row.number}").QUESTIONS
        assert row.points[0] == sum(q.points for q in bank)
        assert row.exercise == f"exercises/{lesson.name}"


def test_a_lesson_without_its_themes_line_is_named(tmp_path):
    (tmp_path / "notebooks").mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("nav"),
                                         nbformat.v4.new_markdown_cell("# A lesson\n\n**Time:** 60 minutes.")])
    nbformat.write(nb, tmp_path / "notebooks" / "00-A-Lesson.ipynb")
    with pytest.raises(CourseError, match=r"00-A-Lesson.ipynb has no '\*\*Themes:\*\*' line"):
        contents.rows(tmp_path)


def test_make_tidy_names_a_lesson_without_its_themes_line_instead_of_crashing(tmp_path, capsys):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "solutions").mkdir()
    (tmp_path / "README.md").write_text(f"# T\n{contents.BEGIN}\n{contents.END}\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(f"[tool.coursekit]\ngithub = '{SLUG}'\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A lesson\n\n**Time:** 60 minutes.")])
    nbformat.write(nb, tmp_path / "notebooks" / "00-A-Lesson.ipynb")
    assert housekeeping.main(["--root", str(tmp_path), "--check"]) == 2
    assert "00-A-Lesson.ipynb has no '**Themes:**' line" in capsys.readouterr().err


def test_a_notebook_outside_the_naming_scheme_is_not_a_lesson(tmp_path):
    (tmp_path / "notebooks").mkdir()
    for name in ("00-Start.ipynb", "Untitled.ipynb", "01-Next-Copy1 (1).ipynb"):
        (tmp_path / "notebooks" / name).write_text("{}", encoding="utf-8")
    assert [p.name for p in housekeeping.course_notebooks(tmp_path)] == ["00-Start.ipynb"]


def test_a_readme_without_the_contents_markers_is_refused():
    with pytest.raises(CourseError, match="markers for generated text"):
        contents.with_contents("# Title\n\n## Lessons\n", "| table |")


def test_the_contents_markers_keep_the_rest_of_the_readme():
    text = f"# T\n\nbefore\n{contents.BEGIN}\nold\n{contents.END}\nafter\n"
    assert contents.with_contents(text, "new") == f"# T\n\nbefore\n{contents.BEGIN}\nnew\n{contents.END}\nafter\n"


def test_the_lock_is_read_for_binders_platform_not_this_machines(tmp_path):
    lock = tmp_path / "constraints.txt"
    lock.write_text(
        "numpy==2.4.6 ; python_full_version < '3.12'\n"
        "numpy==2.5.5 ; python_full_version >= '3.12'\n"
        "colorama==0.4.6 ; sys_platform == 'win32'\n"
        "    # via pytest\n"
        "Jinja2==3.1.6\n",
        encoding="utf-8",
    )
    assert pins.locked_versions(lock) == {"numpy": "2.4.6", "jinja2": "3.1.6"}


def course_copy(tmp_path: Path) -> Path:
    for name in ("pyproject.toml", "constraints.txt", "environment.yml"):
        (tmp_path / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_the_stored_environment_file_agrees_with_the_lock():
    assert pins.problems(ROOT) == []
    assert pins.main(["--check", "--root", str(ROOT)]) == 0


@pytest.mark.parametrize("change, problem", [
    (lambda t: t.replace("      - pandas==", "      - pandas==0.0.1  # was "), "pandas==0.0.1 differs from the lock"),
    (lambda t: "\n".join(line for line in t.splitlines() if "- plotly==" not in line) + "\n", "plotly (declared in pyproject.toml) is not pinned"),
    (lambda t: t.replace("      - -e .\n", ""), "the last pip line must be `-e .`"),
    (lambda t: t.replace("      - -e .\n", "      - -e .\n      - rich>=13\n"), "the last pip line must be `-e .`"),
])
def test_the_environment_file_check_names_what_is_wrong(tmp_path, capsys, change, problem):
    root = course_copy(tmp_path)
    path = root / "environment.yml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert any(problem in p for p in pins.problems(root)), pins.problems(root)
    assert pins.main(["--check", "--root", str(root)]) == 1
    assert "run `make lock`" in capsys.readouterr().err


def test_the_written_file_passes_its_own_check(tmp_path):
    root = course_copy(tmp_path)
    direct = {r.name for r in pins.direct_requirements(root)}
    locked = pins.locked_versions(root / "constraints.txt")
    chosen = {name: locked[name] for name in direct}
    (root / "environment.yml").write_text(pins.environment_yml(chosen, direct), encoding="utf-8")
    assert pins.problems(root) == []
