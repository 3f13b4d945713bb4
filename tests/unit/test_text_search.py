"""A long table's filter finds text in a whole column at once, never across two cells."""

from __future__ import annotations

from memberpack.model.blocks import Texts
from memberpack.model.text_search import blank, containing, could_be_a_number, joined, lowered


def flags(texts: Texts, needle: str) -> list[bool]:
    return containing(texts, needle).tolist()


def test_a_match_is_within_one_cell_and_case_is_ignored():
    texts = lowered(Texts.of(["Service 42", "ab", "cd", "", "ABCD", "42"]))
    assert flags(texts, "service 42") == [True, False, False, False, False, False]
    assert flags(texts, "bc") == [False, False, False, False, True, False]   # "ab" + "cd" is no match
    assert flags(texts, "42") == [True, False, False, False, False, True]
    assert flags(texts, "") == [True] * 6
    assert flags(texts, "abcde") == [False] * 6


def test_texts_not_in_ascii_are_lowered_cell_by_cell():
    texts = lowered(Texts.of(["İstanbul £5", "ÉCOLE", "x"]))
    assert flags(texts, "école") == [False, True, False]
    assert flags(texts, "£5") == [True, False, False]
    assert flags(texts, "x") == [False, False, True]


def test_parts_are_joined_in_order_and_blank_cells_match_nothing():
    texts = joined([lowered(Texts.of(["a1", "b2"])), blank(2), lowered(Texts.of(["c3"]))])
    assert len(texts) == 5
    assert flags(texts, "3") == [False, False, False, False, True]
    assert flags(texts, "b") == [False, True, False, False, False]


def test_only_a_needle_a_figure_could_hold_asks_for_figures_written_out():
    assert could_be_a_number("1,234.5") and could_be_a_number("(12%)") and could_be_a_number("1e-05")
    assert not could_be_a_number("service") and not could_be_a_number("42 x")
