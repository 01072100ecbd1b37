"""The rights timeline, driven from Python as a student drives it; and the data rule behind it."""

import csv
import io
import re
from html import unescape
from pathlib import Path

import pytest

from coursekit.charts import MIMETYPE
from coursekit.charts.rights import kind_label
from coursekit.datasets import SCHEMAS, load_table
from coursekit.errors import CourseError, DataError
from coursekit.tables import EVENT_KINDS
from coursekit.widgets import RightsTimeline

DATA = Path(__file__).resolve().parents[1] / "data"
COUNT = re.compile(r"(\d+) events? in (\d+) countr(?:y|ies)")


def counted(explorer) -> tuple[int, int]:
    match = COUNT.search(explorer.count.value)
    assert match, explorer.count.value
    return int(match.group(1)), int(match.group(2))


def plotted_points(explorer) -> int:
    (figure_output, description) = explorer.output.outputs
    assert "Figure:" in description["data"]["text/html"]
    figure = figure_output["data"][MIMETYPE]
    return sum(len(trace["x"]) for trace in figure["data"] if trace.get("customdata"))


@pytest.fixture(scope="module")
def kinded(timeline):
    return timeline[timeline["kind"].notna()]


def test_it_opens_on_every_event_with_a_kind_and_labelled_boxes(timeline, kinded):
    explorer = RightsTimeline(timeline)
    assert next(iter(explorer.country_boxes)) == "Kazakhstan"
    assert set(explorer.country_boxes) == set(kinded["country"])
    assert list(explorer.kind_boxes) == [k for k in EVENT_KINDS if k in set(kinded["kind"])]
    assert [b.description for b in explorer.kind_boxes.values()] == [kind_label(k) for k in explorer.kind_boxes]
    assert [b.description for b in explorer.country_boxes.values()] == list(explorer.country_boxes)
    assert explorer.years.description == "Years"
    assert len(explorer.events) == len(kinded) == plotted_points(explorer)
    assert counted(explorer) == (len(kinded), kinded["country"].nunique())


def test_unticking_a_kind_and_a_country_changes_the_events(timeline, kinded):
    explorer = RightsTimeline(timeline)
    explorer.kind_boxes["law"].value = False
    assert "law" not in set(explorer.events["kind"])
    assert len(explorer.events) == (kinded["kind"] != "law").sum() == plotted_points(explorer)
    explorer.country_boxes["Russia"].value = False
    expected = kinded[(kinded["kind"] != "law") & (kinded["country"] != "Russia")]
    assert len(explorer.events) == len(expected) == counted(explorer)[0]
    explorer.kind_boxes["law"].value = True
    explorer.country_boxes["Russia"].value = True
    assert len(explorer.events) == len(kinded)


def test_laws_in_four_countries_as_the_lesson_opens_it(timeline, kinded):
    countries = ["Kazakhstan", "Russia", "Georgia", "Kyrgyzstan"]
    explorer = RightsTimeline(timeline, countries=countries, kinds="law")
    expected = kinded[kinded["country"].isin(countries) & (kinded["kind"] == "law")]
    assert counted(explorer) == (len(expected), expected["country"].nunique())
    assert set(explorer.events["kind"]) == {"law"}


def test_the_years_narrow_the_events(timeline, kinded):
    explorer = RightsTimeline(timeline)
    explorer.years.value = (2020, 2023)
    years = explorer.events["date_start"].dt.year
    assert years.between(2020, 2023).all()
    assert len(explorer.events) == kinded["date_start"].dt.year.between(2020, 2023).sum() == plotted_points(explorer)
    assert "2020 to 2023" in explorer.count.value and explorer.chart.title.endswith("2020 to 2023")


def test_no_country_or_no_kind_gives_advice_and_no_chart(timeline):
    explorer = RightsTimeline(timeline)
    for box in explorer.country_boxes.values():
        box.value = False
    assert explorer.events.empty and explorer.chart is None and explorer.output.outputs == ()
    assert "Tick at least one country" in explorer.count.value and explorer.table.value == ""
    explorer.country_boxes["Georgia"].value = True
    assert set(explorer.events["country"]) == {"Georgia"}
    for box in explorer.kind_boxes.values():
        box.value = False
    assert explorer.chart is None and "Tick at least one kind" in explorer.count.value


def test_a_country_with_no_events_of_that_kind_gets_advice(timeline):
    explorer = RightsTimeline(timeline, countries="Uzbekistan", kinds="attack")
    assert explorer.events.empty and explorer.chart is None and explorer.output.outputs == ()
    assert "No event in Uzbekistan" in explorer.count.value and "ticked kind (attack)" in explorer.count.value
    explorer.kind_boxes["law"].value = True  # and it recovers
    assert counted(explorer) == (1, 1)


def test_a_ticked_country_with_nothing_shown_is_named(timeline):
    explorer = RightsTimeline(timeline, countries=["Russia", "Uzbekistan"], kinds="court_ruling")
    assert counted(explorer) == (len(explorer.events), 1)
    assert "nothing of these kinds in Uzbekistan" in explorer.count.value


def test_an_unknown_country_or_kind_from_python_is_a_sentence_not_a_traceback(timeline):
    with pytest.raises(CourseError, match="No events have the country 'Narnia'; choose from: Kazakhstan"):
        RightsTimeline(timeline, countries=["Russia", "Narnia"])
    with pytest.raises(CourseError, match="No events have the kind 'ban'"):
        RightsTimeline(timeline, kinds="ban")
    assert CourseError("x")._render_traceback_() == ["CourseError: x"]


def test_a_table_without_kinds_or_columns_gets_a_sentence(timeline):
    with pytest.raises(CourseError, match="none of these rows has one"):
        RightsTimeline(timeline[timeline["kind"].isna()])
    with pytest.raises(CourseError, match="lacks kind"):
        RightsTimeline(timeline.drop(columns=["kind"]))


def test_the_list_gives_each_event_with_its_source_and_escapes_text(timeline, kinded):
    explorer = RightsTimeline(timeline, countries="Kazakhstan")
    table = unescape(explorer.table.value)
    for event in explorer.events.itertuples():
        assert f"href='{event.source_url}'" in table and event.source_title in table and event.event in table
    assert table.count("<tr>") == len(explorer.events) + 1
    events = kinded.head(2).copy()
    events.loc[events.index[0], "event"] = "<script>alert(1)</script>"
    assert "&lt;script&gt;" in RightsTimeline(events).table.value


def test_the_list_stops_at_max_rows_and_says_so(timeline, kinded):
    explorer = RightsTimeline(timeline, max_rows=4)
    assert explorer.table.value.count("<tr>") == 4 + 1
    assert f"{len(kinded) - 4} more not shown" in explorer.table.value


def test_the_parts_carry_the_css_classes_the_browser_test_uses(timeline):
    explorer = RightsTimeline(timeline)
    assert "coursekit-rights-explorer" in explorer.widget._dom_classes
    assert "coursekit-rights-country-kazakhstan" in explorer.country_boxes["Kazakhstan"]._dom_classes
    assert "coursekit-rights-kind-court_ruling" in explorer.kind_boxes["court_ruling"]._dom_classes
    for part in ("years", "count", "table"):
        assert f"coursekit-rights-{part}" in getattr(explorer, part)._dom_classes
    assert "coursekit-rights-chart" in explorer.output._dom_classes
    assert explorer._repr_mimebundle_() == explorer.widget._repr_mimebundle_()


# The data rule: lesson 04 compares every queer-rights event, so each must say what kind it is.


def test_every_queer_rights_row_has_a_kind(timeline):
    queer = timeline[timeline["theme"] == "queer_rights"]
    assert len(queer) >= 20 and queer["kind"].notna().all()


def write_timeline(rows: list[dict[str, str]], position: int) -> int:
    """Write `rows` to timeline.csv here; return the line where row `position` starts."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    line = 0
    for i, row in enumerate(rows):
        if i == position:
            line = out.getvalue().count("\n") + 1
        writer.writerow(row)
    Path("timeline.csv").write_text(out.getvalue(), encoding="utf-8")
    return line


def test_a_queer_rights_row_without_a_kind_is_refused_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_DATA", str(DATA))
    monkeypatch.chdir(tmp_path)
    with (DATA / "timeline.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    position = next(i for i, r in enumerate(rows) if r["theme"] == "queer_rights" and i > 5)
    rows[position]["kind"] = ""
    line = write_timeline(rows, position)
    with pytest.raises(DataError) as info:
        load_table(Path("timeline.csv"), schema=SCHEMAS["timeline"])
    assert (info.value.file, info.value.line, info.value.column) == ("timeline.csv", line, "kind")
    assert "every row with theme queer_rights needs a kind" in str(info.value)
    assert "use one of: law, bill" in str(info.value)
    rows[position]["theme"] = "politics"  # the same row under another theme may go without one
    write_timeline(rows, position)
    assert len(load_table(Path("timeline.csv"), schema=SCHEMAS["timeline"])) == len(rows)
