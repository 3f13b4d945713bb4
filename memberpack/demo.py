"""Building the demo pack from the sample workbooks bundled in ``samples/``.

The samples are imported one file at a time in name order, so the Month 5 budget monitor becomes the
earlier version of the Month 6 one and the app can show what changed. A few notes are added so the
notes panel and the PDF have something to show. The pack is written to a temporary file and renamed
at the end: a failure leaves no file behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from memberpack.assets import sample
from memberpack.errors import PackError
from memberpack.importers import import_files
from memberpack.importers.layout import TableLayout
from memberpack.model.annotations import NOTE, OBSERVATION, PRIVATE, QUESTION, SHARED, Annotation, Target
from memberpack.model.observation import BREAKDOWN, BUDGET_MONITOR, Observation
from memberpack.store import annotation_store
from memberpack.store.pack import Pack

DEMO_META = {
    "committee": "Scrutiny Committee – Children and Families",
    "meeting_date": "12/12/2023",
    "classification": "Public",
    "title": "Children's services briefing pack",
}
SAMPLE_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".ods", ".csv")
# Corrections an officer would make in the import wizard, for the two DSG tables whose layout the
# importer does not detect by itself: the "£m" sits in the label column's header, and the 2020/21 table
# has a year row then a "£" units row above its figures (tests/unit/test_demo.py names what is misread).
LAYOUT_HINTS: dict[str, tuple[TableLayout, ...]] = {
    "03_dsg_blocks.xlsx": (
        TableLayout(sheet="DSG 2023-24", first_row=5, header_rows=(5,), label_column="A", first_column="A",
                    last_column="I", last_row=10, unit="£m", kind=BUDGET_MONITOR),
        TableLayout(sheet="DSG 2020-21", first_row=1, header_rows=(1,), units_row=2, label_column="A",
                    first_column="A", last_column="B", last_row=7, unit="£", kind=BREAKDOWN),
    ),
}

# (file prefix, row label, words in the measure, kind, visibility, author, body)
DEMO_NOTES = (
    ("01_", "External Placements", "variance", NOTE, SHARED, "Cllr Demo (Chair)",
     "External Placements is £10.4m over budget at Month 6, £0.3m worse than at Month 5. Residential "
     "(£5.6m) and unregistered placements (£3.4m) account for most of it: see the breakdown."),
    ("03_", "High Needs", "carry forward", QUESTION, SHARED, "Cllr Demo (Chair)",
     "The High Needs Block is forecast to overspend by £15.1m this year, taking its deficit to £44.9m by "
     "31 March 2024. What does the refreshed Deficit Management Plan do to close the gap, and when will "
     "the committee see it?"),
    ("01_", "SEND Transport", "variance", NOTE, PRIVATE, "Cllr Demo (Chair)",
     "Ask before the meeting whether the SEND Transport KPI dashboard (numbers travelling, cost by type) "
     "is ready yet."),
)

Progress = Callable[[int, int, str], None]


def sample_files() -> list[Path]:
    """The bundled sample workbooks, in name order (their names start with a number)."""
    folder = sample()
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SAMPLE_SUFFIXES)


def _find(pack: Pack, prefix: str, label: str, measure_words: str) -> tuple[str, Observation]:
    """The dataset key and figure a demo note is about, looked up in the imported tables."""
    for ds in pack.datasets():
        if not ds.source_file.startswith(prefix):
            continue
        for obs in pack.observations(ds.id):
            if obs.label == label and measure_words in obs.measure.lower() and obs.value is not None:
                return ds.key, obs
    raise PackError(f"demo pack: no figure {label!r} / {measure_words!r} in the sample {prefix}*")


def add_demo_notes(pack: Pack) -> None:
    """The demo's notes: a shared note, a question for officers and a private note."""
    for prefix, label, words, kind, visibility, author, body in DEMO_NOTES:
        key, obs = _find(pack, prefix, label, words)
        target = Target(type=OBSERVATION, dataset_key=key, label=obs.label, section=obs.section,
                        measure=obs.measure, period=obs.period, value=obs.value, display=obs.display)
        annotation_store.save(pack, Annotation(body=body, target=target, kind=kind, visibility=visibility,
                                               author=author))


def build_demo(out: str | Path, *, progress: Progress | None = None) -> Path:
    """Create ``out`` as a pack holding every sample workbook; refuses to overwrite a file."""
    out = Path(out)
    if out.exists():
        raise PackError(f"{out}: a file of that name already exists; choose a new name for the demo pack")
    tmp = out.with_name(out.name + ".part")
    tmp.unlink(missing_ok=True)
    files = sample_files()
    try:
        with Pack.create(tmp, **DEMO_META) as pack:
            for i, path in enumerate(files):
                if progress:
                    progress(i, len(files), f"Importing {path.name}")
                import_files(pack, [path], layouts=LAYOUT_HINTS.get(path.name, ()))
            add_demo_notes(pack)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    if progress:
        progress(len(files), len(files), "Done")
    return out
