"""Getting the course to a class: launch links, the generated contents table, Binder's pins."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest

from coursekit import contents, links, pins
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


@pytest.mark.parametrize("hub", ["hub.example.edu", "ftp://hub.example.edu", "https://"])
def test_a_hub_address_without_https_is_refused(hub, capsys):
    assert links.main(["--hub", hub, "--root", str(ROOT)]) == 2
    assert "must start with https://" in capsys.readouterr().err


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
        if lesson.name.startswith("00-"):
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


def test_a_package_the_lock_does_not_pin_stops_the_environment_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\ndependencies = ['nbformat>=5']\n", encoding="utf-8")
    (tmp_path / "constraints.txt").write_text("nbformat==5.10.4\n", encoding="utf-8")
    with pytest.raises(CourseError, match=r"constraints.txt does not pin .*jsonschema.*make lock"):
        pins.environment_yml(tmp_path)


def test_the_environment_file_check_reports_a_stale_file(tmp_path, capsys):
    for name in ("pyproject.toml", "constraints.txt"):
        (tmp_path / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "environment.yml").write_text("name: old\n", encoding="utf-8")
    assert pins.main(["--check", "--root", str(tmp_path)]) == 1
    assert "stale" in capsys.readouterr().err
    assert pins.main(["--root", str(tmp_path)]) == 0
    assert pins.main(["--check", "--root", str(tmp_path)]) == 0
