"""Matching imported labels to the catalogue, and falling back to "other" rather than guessing."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from memberpack.model.metrics import (
    ABBREVIATIONS, CATALOGUE, DOMAINS, VOCABULARY, match_metric, mentions_catalogue, words)


@pytest.mark.parametrize("label, measure, unit, expected", [
    ("Children Looked After", None, "count", "cla_count"),
    ("CLA", None, "count", "cla_count"),
    ("Rate of Children Looked After per 10,000", None, "per_10000", "cla_rate_per_10k"),
    ("% of care leavers aged 19-21 in education, employment or training (EO)", None, "percent",
     "care_leavers_eet_pct"),
    ("% of EHCPs issued within 20 weeks", None, "percent", "ehcp_20wk_pct"),
    ("External Placements", "Current Budget £m", "GBP", "fin_budget_current"),
    ("External Placements", "Month 6 Variance £m", "GBP", "fin_variance"),
    ("Fieldwork", "Full Year Projection £m", "GBP", "fin_forecast_outturn"),
    ("Children in need", None, "count", "cin_count"),
    ("Schools judged Inadequate", None, "percent", "schools_inadequate_pct"),
    ("Requires Improvement", "Primary: number of schools", "count", "school_ofsted_dist"),
    # seed 001 T001-14: about domestic abuse, though it names early help and families
    ("The number of children and families open to Early Help and CSC where domestic abuse is the predominant "
     "factor EO (note: figures currently do not include Early Help)", "Q3", "count", "da_open_cases"),
])
def test_labels_land_on_one_metric(label, measure, unit, expected):
    assert match_metric(label, measure, unit).id == expected


@pytest.mark.parametrize("label", ["Widgets sold", "Number of things", ""])
def test_unknown_labels_fall_back_to_other(label):
    assert match_metric(label, None, "count").id == "other"


def test_catalogue_covers_every_domain_with_polarity():
    assert {m.domain for m in CATALOGUE} == set(DOMAINS)
    assert len({m.id for m in CATALOGUE}) == len(CATALOGUE)
    assert all(m.polarity in ("higher_is_better", "lower_is_better", "neutral") for m in CATALOGUE)


_PIECES = st.sampled_from(sorted(VOCABULARY) + [w + "s" for w in sorted(VOCABULARY)] + list(ABBREVIATIONS)
                          + ["line", "Numbers", "rates", "ss", "&", ",", " ", "-", "'", "£k", "12", "1,2", "É"])


@given(st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=8).map("".join))
def test_the_quick_vocabulary_test_agrees_with_the_words_of_a_label(text):
    assert mentions_catalogue(text) == bool(words(text) & VOCABULARY)
