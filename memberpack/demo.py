"""Building the demo pack from the sample workbooks bundled in ``samples/``."""

from __future__ import annotations

from pathlib import Path

from memberpack.assets import sample
from memberpack.errors import PackError
from memberpack.importers import import_files
from memberpack.store.pack import Pack

DEMO_META = {
    "committee": "Scrutiny Committee – Children and Families",
    "meeting_date": "12/12/2023",
    "classification": "Public",
    "title": "Children's services briefing pack",
}
SAMPLE_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".ods", ".csv")


def sample_files() -> list[Path]:
    """The bundled sample workbooks, in name order (their names start with a number)."""
    folder = sample()
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SAMPLE_SUFFIXES)


def build_demo(out: str | Path) -> Path:
    """Create ``out`` as a pack holding every sample workbook; refuses to overwrite a file."""
    out = Path(out)
    if out.exists():
        raise PackError(f"{out}: a file of that name already exists; choose a new name for the demo pack")
    tmp = out.with_name(out.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        with Pack.create(tmp, **DEMO_META) as pack:
            import_files(pack, sample_files())
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return out
