"""``memberpack notes ...`` and the annotations in ``export -o OUT.json``, as a member uses them."""

import json
import shutil

import pytest
from notes_packs import budget_workbook, cli_pack, run

from memberpack.cli import main


@pytest.fixture
def pack(tmp_path, capsys):
    path = cli_pack(tmp_path)
    capsys.readouterr()
    return path


def _add(capsys, pack, *extra):
    status, out, err = run(capsys, "notes", "add", pack, *extra)
    assert status == 0, err
    return out.split()[2]  # "added question 3c1c1de2 on ..."


def test_ambiguous_or_unknown_label_is_one_clear_line(pack, capsys):
    status, _, err = run(capsys, "notes", "add", pack, "--label", "External Placements", "--kind", "question",
                          "--text", "Why?")
    assert status == 1 and len(err.splitlines()) == 1
    assert ("3 figures match 'External Placements'" in err and "Current Budget £m [B3]" in err
            and "Month 6 Variance £m [D3]" in err)
    status, _, err = run(capsys, "notes", "add", pack, "--label", "Extrnal Placements", "--kind", "note",
                          "--text", "x")
    assert status == 1 and "no figure matches label 'Extrnal Placements'; did you mean 'External Placements'?" in err
    status, _, err = run(capsys, "notes", "add", pack, "--label", "Fieldwork", "--measure", "Variance",
                          "--kind", "note", "--text", "  ")
    assert status == 1 and err == "memberpack: --text is empty; write the note, question or answer"
    with pytest.raises(SystemExit) as exc:
        main(["notes", "add", str(pack), "--label", "Fieldwork", "--kind", "gripe", "--text", "x"])
    assert exc.value.code == 2


def test_add_list_answer_and_the_stale_flag_after_next_month(pack, tmp_path, capsys):
    question = _add(capsys, pack, "--label", "external placements", "--measure", "variance", "--kind", "question",
                    "--text", "Why is the variance so high?", "--author", "Cllr Smith")
    _add(capsys, pack, "--label", "Fieldwork", "--measure", "Current Budget", "--kind", "note",
         "--text", "Check agency spend", "--private")
    _add(capsys, pack, "--kind", "concern", "--text", "Pack arrived late")
    status, out, _ = run(capsys, "notes", "list", pack)
    lines = sorted(out.splitlines(), key=lambda line: line.split()[1])  # same second: listed in id order
    assert status == 0 and len(lines) == 3
    assert "  concern   the whole pack: Pack arrived late" in lines[0]
    assert lines[1].endswith("  note      Children & Families · Fieldwork · Current Budget £m (£9.1m) [private]: "
                             "Check agency spend")
    assert lines[2] == (f"{question}  question  Children & Families · External Placements · Month 6 Variance £m "
                        "(£10.4m): Why is the variance so high?")
    assert run(capsys, "notes", "list", pack, "--shared")[1].count("\n") == 1

    assert main(["import", str(pack), str(budget_workbook(tmp_path / "m7.xlsx", 7, (38.4, 49.5, 11.1)))]) == 0
    capsys.readouterr()
    assert run(capsys, "notes", "answer", pack, question[:5], "--text", "Three new residential placements.")[0] == 0
    status, out, _ = run(capsys, "notes", "list", pack, "--stale")
    assert out == (f"{question}  question  Children & Families · External Placements · Month 6 Variance £m "
                   "(£11.1m) [answered] [figure changed: was £10.4m, now £11.1m]: Why is the variance so high? "
                   "| answer: Three new residential placements.")
    assert run(capsys, "notes", "list", pack, "--kind", "concern")[1].count("\n") == 0


def test_notes_on_a_whole_table(pack, capsys):
    _add(capsys, pack, "--dataset", "m6.xlsx", "--kind", "concern", "--text", "No income lines shown")
    assert run(capsys, "notes", "list", pack)[1].endswith(
        "  concern   table Summary/Summary: No income lines shown")
    status, _, err = run(capsys, "notes", "add", pack, "--dataset", "capital", "--kind", "note", "--text", "x")
    assert status == 1 and err.endswith("--dataset 'capital' matches no table; the tables are: Summary/Summary")


def test_export_json_carries_notes_with_targets_and_stale_flags(pack, tmp_path, capsys):
    _add(capsys, pack, "--label", "External Placements", "--measure", "Variance", "--kind", "question",
         "--text", "Why?")
    _add(capsys, pack, "--label", "Fieldwork", "--measure", "Variance", "--kind", "note", "--text", "Mine",
         "--private")
    main(["import", str(pack), str(budget_workbook(tmp_path / "m7.xlsx", 7, (38.4, 49.5, 11.1)))])
    assert main(["export", str(pack), "-o", str(tmp_path / "out.json")]) == 0
    (note,) = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["annotations"]
    assert note["target"] | {"value": note["target"]["value"]} == {
        "type": "observation", "dataset_key": "Summary/Summary", "metric_id": note["target"]["metric_id"],
        "label": "External Placements", "section": "Children & Families", "measure": "Month 6 Variance £m",
        "period": "Month 6", "value": 10_400_000, "display": "10.4"}
    assert (note["stale"], note["missing"], note["flag"]) == (True, False, "figure changed: was £10.4m, now £11.1m")
    assert note["current"] == {"file": "m7.xlsx", "sheet": "Summary", "cell": "D3", "measure": "Month 7 Variance £m",
                               "period": "Month 7", "value": 11_100_000, "unit": "GBP", "display": "11.1"}
    assert main(["export", str(pack), "-o", str(tmp_path / "all.json"), "--include-private"]) == 0
    everything = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))["annotations"]
    assert {n["body"]: n["stale"] for n in everything} == {"Why?": True, "Mine": False}


def test_notes_export_and_merge_between_members(pack, tmp_path, capsys):
    member = tmp_path / "member.mpack"
    shutil.copy(pack, member)
    _add(capsys, member, "--label", "Fieldwork", "--measure", "Projection", "--kind", "question", "--text", "Why?")
    _add(capsys, member, "--kind", "note", "--text", "Private thought", "--private")
    assert run(capsys, "notes", "export", member, tmp_path / "n.json") == (0, f"wrote 1 note(s) to {tmp_path / 'n.json'}", "")
    status, out, _ = run(capsys, "notes", "merge", pack, tmp_path / "n.json")
    assert status == 0 and "1 new, 0 updated" in out
    before = pack.read_bytes()
    status, out, _ = run(capsys, "notes", "merge", pack, tmp_path / "n.json")
    assert status == 0 and "0 new, 0 updated, 0 older version(s) kept in history, 1 already in the pack" in out
    assert pack.read_bytes() == before
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    status, _, err = run(capsys, "notes", "merge", pack, tmp_path / "bad.json")
    assert status == 1 and err == "memberpack: bad.json: not a memberpack notes file: it is not valid JSON text (line 1)"
    assert pack.read_bytes() == before


def test_a_negative_figure_is_listed_in_one_pair_of_brackets(tmp_path, capsys):
    """An underspend, (£0.5m), was listed as "Month 6 Variance £m ((£0.5m))"."""
    pack = tmp_path / "u.mpack"
    assert main(["import", str(pack), str(budget_workbook(tmp_path / "m6.xlsx", 6, (38.4, 37.9, -0.5)))]) == 0
    _add(capsys, pack, "--label", "External Placements", "--measure", "variance", "--kind", "question",
         "--text", "Why the underspend?")
    out = run(capsys, "notes", "list", pack)[1]
    assert "External Placements · Month 6 Variance £m, (£0.5m): Why the underspend?" in out and "((" not in out


def test_a_label_repeated_under_two_sections_is_told_apart_by_its_section(tmp_path, capsys):
    """The 2022/23 Month 9 monitor has "Central" under Children's Social Care and under
    Commissioning: the error told the member to narrow it with --measure, --period or --dataset,
    none of which can, and named the two figures only by cell."""
    from memberpack.assets import sample

    pack = tmp_path / "m9.mpack"
    assert main(["import", str(pack), str(sample("11_budget_monitor_m9_2022-23.xlsx"))]) == 0
    capsys.readouterr()
    status, _, err = run(capsys, "notes", "add", pack, "--label", "Central", "--measure", "Variance",
                         "--kind", "question", "--text", "Why?")
    assert status == 1 and "narrow it with --section" in err
    assert "Month 9 Variance £m in Children's Social Care [D15]" in err and "in Commissioning [D20]" in err
    _add(capsys, pack, "--label", "Central", "--measure", "Variance", "--section", "commissioning",
         "--kind", "question", "--text", "Why is Central over?")
    status, out, _ = run(capsys, "notes", "list", pack)
    assert "Commissioning · Central · Month 9 Variance" in out
