"""An output named like the pack it comes from (a slip on the command line, or the pack through a link
or another spelling of its folder) is refused in one line, the pack and the workbooks byte for byte as
they were: ``notes export PACK PACK`` had replaced every table and note with the notes file."""

import pytest
from openpyxl import Workbook

from memberpack.cli.main import main
from memberpack.model.annotations import SHARED, Annotation
from memberpack.model.observation import Dataset, Observation
from memberpack.store import annotation_store
from memberpack.store.pack import Pack


@pytest.fixture
def folder(tmp_path, monkeypatch):
    pack = tmp_path / "p.json"   # a pack may have any name
    with Pack.create(pack) as opened:
        opened.add_dataset(Dataset("Budget", "b.xlsx", "0" * 64, "M6", "A1:B2"),
                           [Observation("Fieldwork", "Budget £m", 9_100_000.0, "GBP", "9.1", sheet="M6", cell="B2")])
        annotation_store.save(opened, Annotation("a shared note", visibility=SHARED))
    wb = Workbook()
    for row in (("Indicator", "Q1"), ("Children looked after", 227)):
        wb.active.append(list(row))
    wb.save(tmp_path / "good.xlsx")
    (tmp_path / "linked").symlink_to(tmp_path)
    monkeypatch.setenv("MEMBERPACK_PASSPHRASE", "correct horse battery staple")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("argv, said", [
    (["notes", "export", "p.json", "p.json"], "notes file"),
    (["notes", "export", "p.json", "./linked/p.json"], "notes file"),
    (["export", "p.json", "-o", "p.json"], "JSON data"),
    (["export", "linked/p.json", "-o", "p.json"], "JSON data"),
    (["protect", "p.json", "-o", "linked/p.json"], "protected copy"),
    (["import", "p.json", "good.xlsx", "--report", "p.json"], "the pack"),
    (["import", "p.json", "good.xlsx", "--report", "linked/good.xlsx"], "a file being imported"),
])
def test_an_output_in_place_of_the_pack_is_refused(folder, capsys, argv, said):
    before = {p: p.read_bytes() for p in (folder / "p.json", folder / "good.xlsx")}
    capsys.readouterr()
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and said in err, err
    assert {p: p.read_bytes() for p in before} == before


def test_a_link_to_the_pack_named_as_the_output_is_replaced_not_followed(folder):
    (folder / "notes.json").symlink_to(folder / "p.json")
    before = (folder / "p.json").read_bytes()
    assert main(["notes", "export", "p.json", "notes.json"]) == 0
    assert not (folder / "notes.json").is_symlink() and (folder / "p.json").read_bytes() == before
