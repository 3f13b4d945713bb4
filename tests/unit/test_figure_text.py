"""Screen and paper print a figure alike: a bare negative in a £m column reads (0.2) in both."""

from awkward_workbooks import write_xlsx
from pypdf import PdfReader

from memberpack.export.pdf import export_pdf
from memberpack.importers import import_files
from memberpack.model.display import figure_text
from memberpack.store.pack import Pack


def test_bare_negative_money_prints_in_brackets_in_the_pdf(tmp_path):
    book = write_xlsx(tmp_path / "budget.xlsx", {"Summary": [
        ["Service Area", "Current Budget £m", "Month 6 Variance £m"],
        ["Prevention Services", 9.5, -0.2],
        ["Fieldwork", 9.1, 0.7],
    ]})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [book])
        (ds,) = pack.datasets()
        prevention = next(o for o in pack.observations(ds.id) if o.label == "Prevention Services"
                          and "Variance" in o.measure)
        assert (prevention.display, figure_text(prevention)) == ("-0.2", "(0.2)")
        export_pdf(pack, tmp_path / "b.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages)
    assert "Prevention Services 9.5 (0.2)" in " ".join(text.split())


def test_a_year_in_a_metadata_row_prints_as_a_year_and_a_count_keeps_its_comma(tmp_path):
    book = write_xlsx(tmp_path / "births.xlsx", {"Births": [
        ["Live births by area, 2023"],
        [],
        ["Area", "Live births", "Low birth weight"],
        ["Cardiff", 3921, 240],
        ["Swansea", 2025, 151],
        ["Wrexham", 1298, 77],
        [],
        ["Metadata", "Value"],
        ["Last update", 2023],
        ["Next update", 2025],
    ]})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [book])
        export_pdf(pack, tmp_path / "b.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages).split())
    assert "Next update 2025" in text and "2,025" in text   # Swansea's births keep their comma
