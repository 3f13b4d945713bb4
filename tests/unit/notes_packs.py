"""Budget monitor workbooks and packs built for the notes tests (monthly returns of one table)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from memberpack.importers import import_files
from memberpack.store.pack import Pack


def budget_workbook(path: Path, month: int, placements: tuple[float, float, float], *,
                    fieldwork: bool = True) -> Path:
    """The ``Summary`` sheet of a month's budget monitor; External Placements is row 3 (B3:D3)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    for row in (["Service Area", "Current Budget £m", "Full Year Projection £m", f"Month {month} Variance £m"],
                ["Children & Families"],
                ["External Placements", *placements],
                *([["Fieldwork", 9.1, 9.8, 0.7]] if fieldwork else [])):
        ws.append(row)
    wb.save(path)
    return path


def cli_pack(folder: Path) -> Path:
    """A pack made on the command line from the Month 6 return (``p.mpack``)."""
    from memberpack.cli import main  # noqa: PLC0415

    path = folder / "p.mpack"
    assert main(["import", str(path), str(budget_workbook(folder / "m6.xlsx", 6, (38.4, 48.8, 10.4)))]) == 0
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    """``memberpack ARGV``: its exit status and what it printed, stripped."""
    from memberpack.cli import main  # noqa: PLC0415

    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out.strip(), err.strip()


def month6_pack(folder: Path, name: str = "clerk.mpack") -> Path:
    """A pack holding the Month 6 return: External Placements budget £38.4m, variance £10.4m."""
    path = folder / name
    with Pack.create(path, title="Scrutiny briefing", meeting_date="12/12/2023") as pack:
        import_files(pack, [budget_workbook(folder / f"m6_{name}.xlsx", 6, (38.4, 48.8, 10.4))])
    return path


def import_month7(pack: Pack, folder: Path) -> None:
    """Next month's return of the same table: the variance is now £11.1m."""
    import_files(pack, [budget_workbook(folder / "m7.xlsx", 7, (38.4, 49.5, 11.1))])
