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
