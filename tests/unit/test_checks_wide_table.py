"""`check` on a wide budget table: REVISED BUDGET / FORECAST / VARIANCE over the same sub-columns."""

from openpyxl import Workbook

from memberpack.cli import main


def _wide(path, care_leavers_net_variance):
    wb = Workbook()
    ws = wb.active
    ws.title = "Appendix 1"
    ws.append(["Children's Services Forecast Year End position"])
    ws.append([])
    ws.append(["CHILDREN & YOUNG PEOPLE", "REVISED BUDGET", None, "FORECAST", None, "VARIANCE", None])
    ws.merge_cells("B3:C3")
    ws.merge_cells("D3:E3")
    ws.merge_cells("F3:G3")
    ws.append([None] + ["Expenditure £", "Net £"] * 3)
    # seed 001 T001-12 rows (expenditure and net only); Care Leavers' net is £1 out in the seed (rounding)
    ws.append(["Children Looked After", 10655546, 10364960, 11513919, 11060667, 858373, 695707])
    ws.append(["Care Leavers and Refugees", 434026, 185234, 460537, 56350, 26511, care_leavers_net_variance])
    wb.save(path)
    return path


def test_each_sub_column_is_checked_against_its_own_budget_and_forecast(tmp_path, capsys):
    good = tmp_path / "good.mpack"
    assert main(["import", str(good), str(_wide(tmp_path / "good.xlsx", -128883))]) == 0
    capsys.readouterr()
    assert main(["check", str(good)]) == 0, capsys.readouterr().out
    bad = tmp_path / "bad.mpack"
    assert main(["import", str(bad), str(_wide(tmp_path / "bad.xlsx", -100000))]) == 0
    capsys.readouterr()
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out == ["bad.xlsx Appendix 1!G6: Care Leavers and Refugees: variance -100000 but projection - "
                   "budget is -128,884"], out
