"""The quote comparer, driven from Python as a student would drive it in the browser."""

import re
from html import unescape

import pytest

from coursekit.corpus import WHITESPACE
from coursekit.errors import CourseError
from coursekit.widgets import QuoteComparer
from coursekit.widgets.quote_comparer import NOT_A_QUOTE, changed_tokens, highlight


@pytest.fixture
def comparer(sources, quotes):
    return QuoteComparer(sources, quotes)


def columns(comparer) -> list[str]:
    """The HTML of each source's column, in order."""
    return re.split(r"(?=<div class='coursekit-comparer-column')", comparer.columns.value)[1:]


def marked(column: str, tag: str) -> list[str]:
    """The words marked with `tag` in a column's quotation, without their text cue."""
    quote = re.search(r"<p class='coursekit-comparer-quote'[^>]*>(.*?)</p>", column).group(1)
    return [unescape(m) for m in re.findall(rf"\[[−+]&nbsp;<{tag}>(.*?)</{tag}>\]", quote)]


def context(column: str) -> str:
    html = re.search(r"<p class='coursekit-comparer-context'[^>]*><i>In context:</i> (.*?)</p>", column).group(1)
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_the_diff_marks_exactly_the_differing_words(comparer):
    comparer.select("heterosexual-films")
    calvert, review = columns(comparer)
    assert "calvert" in calvert[:300] and "review" in review[:300]
    assert marked(calvert, "del") == ["‘", "’", "?"]
    assert marked(review, "ins") == ["."]
    assert "3 differences between calvert and review" in comparer.status.value


def test_a_changed_capital_is_a_difference(comparer):
    comparer.select("quiet-reaction")
    calvert, review = columns(comparer)
    assert marked(calvert, "del") == ["the"]
    assert marked(review, "ins") == ["The", "."]


def test_versions_with_the_same_words_have_no_marks(comparer):
    comparer.select("no-prospects")
    assert "have the same words" in comparer.status.value
    assert "<del" not in comparer.columns.value and "<ins" not in comparer.columns.value
    assert "How to read the marks" not in comparer.columns.value


def test_changed_tokens_compare_words_and_punctuation():
    assert changed_tokens("a b c d", "a x c d") == ({1}, {1})
    assert changed_tokens("we don't stop", "we don’t stop") == (set(), set())  # typography is not wording
    assert changed_tokens("line\nbreak", "line break") == (set(), set())
    assert changed_tokens("one two", "one two three") == (set(), {2})


def test_highlight_gives_each_run_a_text_cue_not_colour_alone():
    html = highlight("keep these two words", {1, 2}, "del")
    assert html.startswith("keep <span") and "[−&nbsp;<del>these two</del>]</span> words" in html
    assert "[+&nbsp;<ins>x</ins>]" in highlight("x", {0}, "ins")
    assert highlight("a <b>", set()) == "a &lt;b&gt;"


def test_a_quote_in_one_source_says_it_appears_nowhere_else(comparer):
    comparer.select("klassiki-carol")
    assert [v.source_id for v in comparer.versions] == ["klassiki"]
    assert len(columns(comparer)) == 1
    assert "appears only in <b>klassiki</b>" in comparer.status.value
    assert "no other text has these words" in comparer.status.value


def test_nothing_selected_asks_for_a_choice(comparer):
    comparer.quote.value = None
    assert comparer.versions == []
    assert comparer.columns.value == ""
    assert "Pick a quote" in comparer.status.value


def test_an_unknown_quote_says_so_and_a_choice_clears_it(comparer):
    comparer.select("no-such-quote")
    assert comparer.quote.value is None and comparer.columns.value == ""
    assert "There is no quote “no-such-quote”" in comparer.status.value
    comparer.quote.value = "heterosexual-films"
    assert "There is no quote" not in comparer.status.value
    assert len(columns(comparer)) == 2


def test_a_quote_whose_offset_no_longer_matches_says_so(sources, quotes):
    broken = quotes.copy()
    broken.loc[broken["quote_id"] == "klassiki-carol", "offset"] += 7
    comparer = QuoteComparer(sources, broken, quote="klassiki-carol")
    assert comparer.columns.value == ""
    assert "should start at character" in comparer.status.value
    assert "coursekit.computed" in comparer.status.value


def test_a_broken_version_leaves_the_other_versions_shown(sources, quotes):
    broken = quotes.copy()
    broken.loc[broken["quote_id"] == "review-heterosexual-films", "offset"] += 1
    comparer = QuoteComparer(sources, broken, quote="heterosexual-films")
    assert [v.source_id for v in comparer.versions] == ["calvert"]
    assert "review-heterosexual-films" in comparer.status.value


def test_the_context_window_shows_that_many_characters_either_side(comparer, sources):
    comparer.select("calvert-one-actor")
    text = sources.set_index("source_id").loc["calvert", "text"]
    version = comparer.versions[0]
    end = version.offset + len(version.text)
    fold = lambda s: WHITESPACE.sub(" ", s)
    comparer.context.value = 100
    expected = "…" + fold(text[version.offset - 100:version.offset]) + version.text + fold(text[end:end + 100]) + "…"
    assert context(columns(comparer)[0]) == expected
    comparer.context.value = 0
    assert context(columns(comparer)[0]) == version.text


def test_narration_printed_as_a_quote_is_found_in_the_text_it_came_from(comparer):
    comparer.select("review-almaty-november")
    assert [(v.source_id, v.presentation) for v in comparer.versions] == [
        ("calvert", NOT_A_QUOTE), ("review", "narration_as_quote")]
    calvert, review = columns(comparer)
    assert "the journalist&#x27;s own narration, outside any quotation marks" in calvert
    assert "Narration printed as a quote" in review
    assert "the director says." in context(calvert)
    assert "the director expressed" in context(review)


def test_each_column_names_how_its_text_presents_the_words(comparer):
    comparer.select("klassiki-statues-come-and-go")
    assert "as Aliya&#x27;s" in comparer.columns.value  # a character's line, not the director's
    comparer.select("klassiki-carol")
    assert "Interview answer" in comparer.columns.value and "klassiki (interview)" in comparer.columns.value


def test_choices_are_grouped_by_same_as_with_readable_labels(comparer, quotes):
    keys = [key for _, key in comparer.quote.options]
    assert len(keys) == len(set(keys)) == quotes["same_as"].nunique() + quotes["same_as"].isna().sum()
    for group in quotes["same_as"].dropna().unique():
        assert group in keys
        assert not any(quote_id in keys for quote_id in quotes[quotes["same_as"] == group]["quote_id"])
    labels = [label for label, _ in comparer.quote.options]
    assert all("\n" not in label and len(label) <= 100 for label in labels)
    assert labels[0].startswith("calvert + review: ")  # quotations in several texts come first


def test_a_quote_id_selects_its_group(comparer):
    comparer.select("review-no-prospects")
    assert comparer.quote.value == "no-prospects"
    assert [v.source_id for v in comparer.versions] == ["calvert", "review"]  # the earlier text first


def test_choosing_in_the_dropdown_updates_the_columns(comparer):
    comparer.quote.value = "klassiki-carol"
    before = comparer.columns.value
    comparer.quote.value = "heterosexual-films"
    assert comparer.columns.value != before and len(columns(comparer)) == 2


def test_an_empty_or_wrong_quotes_table_gets_a_sentence(sources, quotes):
    with pytest.raises(CourseError, match="no rows"):
        QuoteComparer(sources, quotes.iloc[0:0])
    with pytest.raises(CourseError, match="lacks same_as"):
        QuoteComparer(sources, quotes.drop(columns=["same_as"]))
