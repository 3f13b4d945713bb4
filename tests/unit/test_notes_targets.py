"""Notes follow their figure into next month's return and say when it changed."""

import re

import pytest
from notes_packs import budget_workbook, import_month7, month6_pack

from memberpack.analysis.annotation_targets import (
    TargetResolver, find_figures, measure_role, observation_target, resolve,
)
from memberpack.errors import NotesError
from memberpack.importers import import_files
from memberpack.model.annotations import DATASET, QUESTION, Annotation, Target
from memberpack.store import annotation_store
from memberpack.store.pack import Pack


def _note_on(pack, label, measure=None, period=None, **fields):
    (figure,) = find_figures(pack, label, measure=measure, period=period)
    note = Annotation(body="Why so high?", target=observation_target(*figure), kind=QUESTION, **fields)
    annotation_store.save(pack, note)
    return note


def test_note_finds_its_figure_and_is_flagged_when_next_month_changes_it(tmp_path):
    with Pack.open(month6_pack(tmp_path)) as pack:
        variance = _note_on(pack, "External Placements", "variance")
        budget = _note_on(pack, "External Placements", "budget")
        assert variance.target.value == 10_400_000 and variance.target.measure == "Month 6 Variance £m"
        now = resolve(pack, variance)
        assert (now.stale, now.flag, now.observation.cell, now.now_text) == (False, None, "D3", "£10.4m")

        import_month7(pack, tmp_path)
        moved = resolve(pack, annotation_store.get(pack, variance.uid))
        assert moved.observation.measure == "Month 7 Variance £m" and moved.observation.cell == "D3"
        assert moved.observation.value == 11_100_000 and moved.dataset.version == 2
        assert moved.stale and (moved.was_text, moved.now_text) == ("£10.4m", "£11.1m")
        assert moved.flag == "figure changed: was £10.4m, now £11.1m"
        same = resolve(pack, budget)
        assert not same.stale and same.observation.value == 38_400_000 and same.dataset.version == 2


def _quarters(folder, text):
    """A quarterly CSV return; the table key comes from the file name, which stays the same."""
    folder.mkdir()
    path = folder / "kpi.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_period_columns_match_exactly_not_by_role(tmp_path):
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [_quarters(tmp_path / "q2", "Indicator,Q1,Q2\nChildren Looked After,227,221\n")])
        on_q1 = _note_on(pack, "Children Looked After", "Q1")
        on_q2 = _note_on(pack, "Children Looked After", period="Q2")
        import_files(pack, [_quarters(tmp_path / "q3", "Indicator,Q1,Q2,Q3\nChildren Looked After,227,230,240\n")])
        resolver = TargetResolver(pack)
        first, second = resolver.resolve(on_q1), resolver.resolve(on_q2)
        assert (first.stale, first.observation.cell) == (False, "B2")
        assert (second.stale, second.observation.cell, second.flag) == (
            True, "C2", "figure changed: was 221, now 230")


def test_a_figure_gone_from_the_return_is_flagged_with_its_old_value(tmp_path):
    with Pack.open(month6_pack(tmp_path)) as pack:
        note = _note_on(pack, "Fieldwork", "variance")
        import_files(pack, [budget_workbook(tmp_path / "m7.xlsx", 7, (38.4, 49.5, 11.1), fieldwork=False)])
        result = resolve(pack, note)
    assert result.missing and result.observation is None
    assert result.flag == "figure no longer in the pack; it was £0.7m"  # its table's scale (display 0.7), not £700k


def test_special_value_that_becomes_a_number_is_a_change(tmp_path):
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [_quarters(tmp_path / "sep", "Indicator,Sep\nCare leavers in EET,DNA\n")])
        note = _note_on(pack, "Care leavers in EET")
        assert resolve(pack, note).stale is False
        import_files(pack, [_quarters(tmp_path / "oct", "Indicator,Sep\nCare leavers in EET,54%\n")])
        assert resolve(pack, note).flag == "figure changed: was DNA, now 54%"


def test_table_and_pack_targets(tmp_path):
    with Pack.open(month6_pack(tmp_path)) as pack:
        (table,) = pack.datasets()
        on_table = resolve(pack, Annotation("Whole table", Target(type=DATASET, dataset_key=table.key)))
        assert on_table.dataset.id == table.id and not on_table.missing
        lost = resolve(pack, Annotation("Old table", Target(type=DATASET, dataset_key="Gone/Gone")))
        assert lost.missing and lost.flag == "table no longer in the pack"
        assert resolve(pack, Annotation("Pack")).flag is None


def test_measure_role_ignores_period_and_unit_words():
    assert measure_role("Month 6 Variance £m") == measure_role("Month 7 Variance £000") == "variance"
    assert measure_role("Movement From Month 5 £m") == measure_role("Movement from Month 6 £m")
    assert measure_role("Q1 2023/24") == measure_role("Sep") == ""
    assert measure_role("Current Budget £m") != measure_role("Full Year Projection £m")


def test_find_figures_prefers_exact_labels_and_narrows_by_column(tmp_path):
    with Pack.open(month6_pack(tmp_path)) as pack:
        assert len(find_figures(pack, "external placements")) == 3
        ((_, obs),) = find_figures(pack, "External Placements", measure="projection")
        assert (obs.cell, obs.value) == ("C3", 48_800_000)
        assert find_figures(pack, "Placements", measure="nothing like it") == []


def test_period_words_pick_the_period_not_a_longer_one(tmp_path):
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [_quarters(tmp_path / "m", "Service,Month 1,Month 10,Month 11\nFostering,1,10,11\n")])
        assert [o.cell for _, o in find_figures(pack, "Fostering", period="month 1")] == ["B2"]
        assert [o.cell for _, o in find_figures(pack, "Fostering", period="M11")] == ["D2"]


def test_answer_keeps_the_question_in_history_and_ids_may_be_prefixes(tmp_path):
    with Pack.open(month6_pack(tmp_path)) as pack:
        note = _note_on(pack, "Fieldwork", "variance")
        answered = note.edited(status="answered", answer="Agency social workers.")
        assert answered.modified_at > note.modified_at  # strictly later, even within the same second
        annotation_store.save(pack, answered)
        assert annotation_store.find(pack, note.uid[:6].upper()).answer == "Agency social workers."
        assert [h["status"] for h in annotation_store.history(pack, note.uid)] == ["open"]
        with pytest.raises(NotesError, match="no note with id zz"):
            annotation_store.find(pack, "zz")


def test_a_question_on_a_figure_the_export_does_not_print_is_under_its_table(tmp_path, capsys):
    """An open-statistics table prints only how we compare, not every area's figures: a question on one
    of them was linked from the annex to a row never printed, and the PDF export failed with a
    reportlab ValueError (an undefined destination). It is now printed under its table and linked there."""
    from memberpack.cli import main
    from memberpack.model.observation import OPEN_STATISTICS, Dataset, Observation

    path = tmp_path / "p.mpack"
    with Pack.create(path) as pack:
        pack.add_dataset(Dataset("Looked after rates", "cla.csv", "0" * 64, "cla.csv", "A1:C3", kind=OPEN_STATISTICS,
                                 domain="social_care"),
                         [Observation("Somerset", "Rate per 10,000", 53.7, "per_10000", "53.7", period="2022/23",
                                      cell="C2", row=1, col=2, area="933"),
                          Observation("Devon", "Rate per 10,000", 48.0, "per_10000", "48.0", period="2022/23",
                                      cell="C3", row=2, col=2, area="878")])
        _note_on(pack, "Devon", "Rate", visibility="shared")
    assert main(["export", str(path), "-o", str(tmp_path / "out.pdf")]) == 0, capsys.readouterr().err
    assert main(["export", str(path), "-o", str(tmp_path / "out.html")]) == 0
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    (linked,) = set(re.findall(r'href="#(note_[\w]+)"', html))   # from the annex
    assert f'<div class="note" id="{linked}">' in html and "Members’ notes on this table" in html
