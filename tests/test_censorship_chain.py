"""The censorship chain explorer: its logic, its controls, and the advice it gives for bad input.

Each test drives the widgets as a student would (set a value, click a button) and checks what
update() recomputed: the chain, the summary, the stage cards and the figure in the output area.
"""

from __future__ import annotations

import pandas as pd
import pytest

from coursekit.charts import MIMETYPE
from coursekit.charts.chain import NO_RECORD, cases, complete_chain
from coursekit.errors import CourseError
from coursekit.tables import STAGES
from coursekit.widgets import CensorshipChain
from coursekit.widgets.censorship_chain import ALL_STAGES, summarise

WELCOME = "Welcome to the USA, 2019–2020"
LIGHTYEAR = "Lightyear, 2022"
UNDER_LAW = "A queer-themed film under the December 2025 law"
HIJAB = "A film with a woman in a hijab, 2020"


def figure_json(explorer: CensorshipChain) -> dict:
    (figure,) = [o["data"][MIMETYPE] for o in explorer.figure.outputs if MIMETYPE in o["data"]]
    return figure


def test_opens_on_the_first_case_with_every_stage(chain):
    explorer = CensorshipChain(chain)
    assert explorer.case.value == cases(chain)[0]
    assert explorer.stage.value == ALL_STAGES
    assert list(explorer.chain["stage"]) == list(STAGES)
    assert explorer.details.value.count("coursekit-chain-card") == len(STAGES)
    assert explorer.chart is not None and figure_json(explorer)["layout"]["title"]["text"].endswith(cases(chain)[0])


def test_controls_have_labels(chain):
    explorer = CensorshipChain(chain)
    assert (explorer.case.description, explorer.stage.description) == ("Case", "Stage")
    assert explorer.next_stage.description.startswith("Next stage")


def test_choosing_another_case_recomputes_everything(chain):
    explorer = CensorshipChain(chain, case=WELCOME)
    before = (explorer.summary.value, explorer.details.value, figure_json(explorer))
    explorer.case.value = LIGHTYEAR
    assert "was stopped at screening and audience" in explorer.summary.value
    assert "6+" in explorer.details.value
    after = (explorer.summary.value, explorer.details.value, figure_json(explorer))
    assert all(b != a for b, a in zip(before, after))
    assert LIGHTYEAR in figure_json(explorer)["layout"]["title"]["text"]


def test_choosing_a_stage_shows_that_stage_only_and_shades_it(chain):
    explorer = CensorshipChain(chain, case=LIGHTYEAR)
    explorer.stage.value = "screening"
    assert explorer.details.value.count("coursekit-chain-card") == 1
    assert "<b>Screening</b>" in explorer.details.value and "blocked" in explorer.details.value
    (shape,) = figure_json(explorer)["layout"]["shapes"]
    assert shape["x0"] < STAGES.index("screening") < shape["x1"]


def test_next_stage_steps_through_the_chain_and_back_to_all(chain):
    explorer = CensorshipChain(chain, case=WELCOME)
    seen = []
    for _ in range(len(STAGES) + 1):
        explorer.next_stage.click()
        seen.append(explorer.stage.value)
    assert seen == [*STAGES, ALL_STAGES]


def test_a_stage_without_a_source_is_unknown_and_says_so(chain):
    explorer = CensorshipChain(chain, case=HIJAB)
    missing = explorer.chain[explorer.chain["kind"] == "no_record"]
    assert set(missing["stage"]) == {"law", "funding", "rating", "audience"}
    assert (missing["outcome"] == "unknown").all()
    assert explorer.details.value.count(NO_RECORD) == 4
    assert "No source found for law, funding, rating and audience." in explorer.summary.value


def test_stated_rules_are_told_as_what_would_happen_never_as_events(chain):
    explorer = CensorshipChain(chain, case=UNDER_LAW)
    assert "would be narrowed" in explorer.summary.value and "not events" in explorer.summary.value
    assert " was " not in explorer.summary.value
    assert explorer.details.value.count("stated rule: what would happen, not an event") == len(STAGES)
    labels = [t for trace in figure_json(explorer)["data"] for t in trace.get("text", [])]
    assert len(labels) == len(STAGES) and all(t.endswith("(would)") for t in labels)


def test_accounts_are_flagged_as_one_persons_word(chain):
    explorer = CensorshipChain(chain, case=WELCOME)
    assert "account of people involved" in explorer.summary.value
    assert "21+" in explorer.details.value and "one person's account" in explorer.details.value


def test_sources_are_linked_in_the_cards(chain):
    explorer = CensorshipChain(chain, case=LIGHTYEAR)
    for url in chain.loc[chain["case"] == LIGHTYEAR, "source_url"]:
        assert f"href='{url}'" in explorer.details.value


def test_no_case_chosen_gives_advice_and_no_figure(chain):
    explorer = CensorshipChain(chain, case=WELCOME)
    explorer.case.value = None
    assert "Choose a case" in explorer.summary.value
    assert explorer.details.value == "" and explorer.figure.outputs == () and explorer.chart is None
    assert explorer.chain.empty


def test_unknown_case_gives_advice_naming_it_and_no_traceback(chain):
    explorer = CensorshipChain(chain, case="Borat, 2006")
    assert explorer.case.value is None
    assert "no case called “Borat, 2006”" in explorer.summary.value
    assert f"{len(cases(chain))} cases" in explorer.summary.value
    assert explorer.figure.outputs == ()
    explorer.case.value = LIGHTYEAR  # choosing from the menu replaces the bad name
    assert "Borat" not in explorer.summary.value and explorer.chart is not None


def test_unknown_stage_falls_back_to_all_stages_and_says_so(chain):
    explorer = CensorshipChain(chain, case=WELCOME, stage="money")
    assert explorer.stage.value == ALL_STAGES
    assert "no stage called “money”" in explorer.summary.value
    explorer.stage.value = "law"
    assert "money" not in explorer.summary.value


def test_a_table_that_lacks_the_chosen_case_gives_advice(chain):
    explorer = CensorshipChain(chain, case=LIGHTYEAR)
    explorer.table = chain[chain["case"] != LIGHTYEAR]
    explorer.update()
    assert "There is no case called 'Lightyear, 2022'" in explorer.summary.value
    assert explorer.chart is None


def test_user_text_is_escaped(chain):
    explorer = CensorshipChain(chain, case="<script>alert(1)</script>")
    assert "<script>" not in explorer.summary.value and "&lt;script&gt;" in explorer.summary.value


# --------------------------------------------------------------------------------------------
# summarise(), on small hand-made chains


def chain_of(outcomes: dict[str, tuple[str, str]], case: str = "Case X") -> pd.DataFrame:
    """A table with the given {stage: (outcome, kind)} rows, completed to five stages."""
    rows = [{"case": case, "stage": s, "outcome": o, "kind": k, "what": "w", "who_says": "x"}
            for s, (o, k) in outcomes.items()]
    return complete_chain(pd.DataFrame(rows), case)


def test_summary_names_where_a_film_was_stopped_and_what_it_passed():
    text = summarise(chain_of({"law": ("passed", "event"), "rating": ("passed", "event"),
                               "screening": ("blocked", "event")}))
    assert text.startswith("<b>Case X</b> was stopped at screening, though it had passed law and rating.")
    assert "No source found for funding and audience." in text


def test_summary_of_a_film_nothing_stopped():
    text = summarise(chain_of({"funding": ("passed", "event")}))
    assert text.startswith("Nothing in the sources stopped or narrowed <b>Case X</b>")


def test_summary_of_open_questions():
    text = summarise(chain_of({"funding": ("unknown", "stated_rule"), "rating": ("restricted", "stated_rule")}))
    assert "would be narrowed at rating" in text and "The sources leave funding open." in text


def test_a_table_that_is_not_the_chain_gets_a_sentence(chain):
    with pytest.raises(CourseError, match="lacks kind"):
        CensorshipChain(chain.drop(columns=["kind"]))
    with pytest.raises(CourseError, match="no rows"):
        CensorshipChain(chain.iloc[0:0])
