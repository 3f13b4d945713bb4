"""Homelessness pressures and overall absence are worse as they rise: the catalogue knows them, so a
dashboard of rising pressures says what got worse (the old reading matched them to no metric, with
no better direction, and said nothing got worse)."""

from awkward_workbooks import write_xlsx

from memberpack.analysis.headlines import headlines
from memberpack.importers import import_files
from memberpack.model.metrics import LOWER, match_metric
from memberpack.store.pack import Pack


def test_rising_homelessness_pressures_are_told_as_worse(tmp_path):
    rows = [["Housing Options & Homelessness Performance Dashboard 2024/25"], [],
            ["Measure", "Oct-24", "Nov-24"],
            ["Households in temporary accommodation", 497, 512],
            ["Families with children in B&B over 6 weeks", 11, 12],
            ["Homelessness approaches (in month)", 245, 233],
            ["Prevention duty ended - accommodation secured %", 0.5, 0.47],
            ["Rough sleepers (monthly count)", 19, 22],
            ["Average days in temporary accommodation", 236, 242]]
    path = write_xlsx(tmp_path / "h.xlsx", {"Dashboard": rows},
                      formats={"Dashboard": {"B7": "0%", "C7": "0%"}})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        worse = [(i.label, i.display) for i in headlines(pack).worse_kpis]
    assert worse == [("Households in temporary accommodation", "512"),
                     ("Families with children in B&B over 6 weeks", "12"),
                     ("Rough sleepers (monthly count)", "22"),
                     ("Average days in temporary accommodation", "242")]


def test_overall_absence_is_lower_is_better_and_not_staff_sickness():
    assert match_metric("Overall absence %", None, "percent").polarity == LOWER
    assert match_metric("Overall absence %", None, "percent").id == "overall_absence_pct"
    assert match_metric("Staff sickness absence", None, "percent").id == "wf_absence"
    assert match_metric("sess_overall_percent_pa_10_exact", None, "percent").id == "persistent_absence_pct"
