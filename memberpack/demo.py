"""Building the demo pack from the sample workbooks bundled in ``samples/``.

The samples are imported one file at a time in name order, so the Month 5 budget monitor becomes the
earlier version of the Month 6 one and the app can show what changed. A few notes are added so the
notes panel and the PDF have something to show. North Somerset (LA 802, E06000024), whose
scorecards the samples copy, is set as our authority and its statistical-neighbour workbook is
read, so the scorecards and the children-looked-after statistics compare the same council. The pack is written to a temporary file and renamed
at the end: a failure leaves no file behind.
"""

from __future__ import annotations

from pathlib import Path

from memberpack.analysis.annotation_targets import observation_target
from memberpack.assets import sample
from memberpack.errors import PackError
from memberpack.importers import import_files
from memberpack.importers.neighbours import read_neighbours
from memberpack.model.areas import known_authority
from memberpack.model.front_matter import recommendations_text
from memberpack.model.annotations import NOTE, PRIVATE, QUESTION, SHARED, Annotation
from memberpack.model.observation import Dataset, Observation
from memberpack.store import annotation_store, comparators
from memberpack.store.pack import Pack

DEMO_META = {
    "committee": "Scrutiny Committee – Children and Families",
    "meeting_date": "12/12/2023",
    "classification": "Public",
    "title": "Children's services briefing pack",
    # the committee paper's front matter (illustrative names and contact details)
    "council": "Somerset Council",
    "agenda_item": "7",
    "report_title": "Children's services: budget and performance, Month 6 2023/24",
    "author": "Alex Morgan, Finance Business Partner",
    "contact_name": "Sam Patel, Democratic Services Officer",
    "contact_email": "democratic.services@somerset.example",
    "contact_phone": "01823 000000",
    "purpose": "To give members the Month 6 budget position and the latest performance of children's services, "
               "so the committee can scrutinise them and ask officers about the main risks.",
    "recommendations": recommendations_text([
        "That the committee notes the forecast overspend of £12.4m at Month 6.",
        "That the committee asks officers to report back on the High Needs Block deficit management plan.",
        "That the committee agrees the questions for officers in the annex.",
    ]),
    "alternative_formats": "This document is available in other formats, such as large print, easy read or "
                           "another language, on request: contact Democratic Services.",
}
SAMPLE_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".ods", ".csv")
DEMO_AUTHORITY = "802"                            # North Somerset, the council of the sample scorecards
NEIGHBOUR_SAMPLE = "statistical_neighbours.xlsx"  # read as the neighbour list, not imported as a table
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


def sample_files() -> list[Path]:
    """The bundled sample workbooks, in name order (their names start with a number); an open
    statistics file's ``.meta.csv`` is read with it, and the neighbour workbook is not a table."""
    folder = sample()
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SAMPLE_SUFFIXES
                  and not p.name.endswith(".meta.csv") and p.name != NEIGHBOUR_SAMPLE)


def _find(pack: Pack, prefix: str, label: str, measure_words: str) -> tuple[Dataset, Observation]:
    """The table and figure a demo note is about, looked up in the imported tables."""
    for ds in pack.datasets():
        if not ds.source_file.startswith(prefix):
            continue
        for obs in pack.observations(ds.id):
            if obs.label == label and measure_words in obs.measure.lower() and obs.value is not None:
                return ds, obs
    raise PackError(f"demo pack: no figure {label!r} / {measure_words!r} in the sample {prefix}*")


def add_demo_notes(pack: Pack) -> None:
    """The demo's notes: a shared note, a question for officers and a private note."""
    for prefix, label, words, kind, visibility, author, body in DEMO_NOTES:
        ds, obs = _find(pack, prefix, label, words)
        annotation_store.save(pack, Annotation(body=body, target=observation_target(ds, obs), kind=kind,
                                               visibility=visibility, author=author))


def build_demo(out: str | Path) -> Path:
    """Create ``out`` as a pack holding every sample workbook; refuses to overwrite a file."""
    out = Path(out)
    if out.exists():
        raise PackError(f"{out}: a file of that name already exists; choose a new name for the demo pack")
    with Pack.creating(out, **DEMO_META) as pack:   # put in place only once it is whole
        for path in sample_files():
            import_files(pack, [path])
        add_demo_notes(pack)
        ours = known_authority(DEMO_AUTHORITY)
        comparators.set_authority(pack, ours)
        comparators.save_neighbours(pack, comparators.name_from_statistics(
            pack, read_neighbours(sample(NEIGHBOUR_SAMPLE), ours)))
    return out
