"""``memberpack notes add|list|answer|export|merge``: members' notes and questions on figures."""

from __future__ import annotations

import difflib

from memberpack import settings
from memberpack.analysis.annotation_targets import (
    TargetResolver, find_figures, observation_target, tables_matching,
)
from memberpack.analysis.output_version import PUBLIC, VERSIONS, note_exemptions, output_pack
from memberpack.cli.passphrase import ask_passphrase
from memberpack.errors import NotesError, one_line
from memberpack.export.notes_file import merge_notes_file, write_notes_file
from memberpack.model.annotations import (
    ANSWERED, DATASET, KINDS, PRIVATE, SHARED, Annotation, Target,
)
from memberpack.store import annotation_store, classification
from memberpack.store.classification import PARAGRAPHS
from memberpack.store.pack import Pack

_SHOWN_CANDIDATES = 6


def register(sub) -> None:
    p = sub.add_parser("notes", help="add, list, answer, export and merge members' notes and questions",
                       description="Notes belong to the figure they are about and follow it into next month's return.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add a note, question or concern on a figure",
                             description="Without --label the note is on the table named by --dataset, "
                                         "or on the whole pack.")
    add.add_argument("pack", help="the .mpack file")
    add.add_argument("--label", help="the row label of the figure, e.g. 'External Placements'")
    add.add_argument("--measure", help="words of the column, e.g. 'Variance'")
    add.add_argument("--period", help="the period, e.g. 'Month 6' or 'Q2'")
    add.add_argument("--dataset", help="words of the table's name or source file")
    add.add_argument("--section", help="words of the row's section, where a label repeats, e.g. 'Commissioning'")
    add.add_argument("--kind", choices=KINDS, required=True)
    add.add_argument("--text", required=True, help="the note itself")
    add.add_argument("--private", action="store_true", help="keep it out of shared exports")
    add.add_argument("--author", help="who wrote it (default: the author in settings)")
    add.add_argument("--exempt", type=int, choices=sorted(PARAGRAPHS), metavar="N",
                     help="the note is exempt information, paragraph N (1-7) of Schedule 12A")
    add.set_defaults(run=run_add)

    ls = actions.add_parser("list", help="one line per note: id, kind, figure, and whether the figure changed")
    ls.add_argument("pack", help="the .mpack file")
    ls.add_argument("--kind", choices=KINDS)
    ls.add_argument("--stale", action="store_true", help="only notes whose figure changed or is gone")
    ls.add_argument("--shared", action="store_true", help="leave out private notes")
    ls.add_argument("--version", choices=VERSIONS, default=PUBLIC, dest="output_version",
                    help="public (the default) leaves exempt notes out, as every output does; full lists them, marked")
    ls.set_defaults(run=run_list)

    answer = actions.add_parser("answer", help="record the officers' answer to a question")
    answer.add_argument("pack", help="the .mpack file")
    answer.add_argument("id", help="the note's id, or its first few characters as `notes list` shows")
    answer.add_argument("--text", required=True, help="the answer")
    answer.set_defaults(run=run_answer)

    export = actions.add_parser("export", help="write the notes to a file for the clerk or another member")
    export.add_argument("pack", help="the .mpack file")
    export.add_argument("file", help="the notes file to write (.json)")
    export.add_argument("--include-private", action="store_true", help="include private notes")
    export.add_argument("--version", choices=VERSIONS, default=PUBLIC, dest="output_version",
                        help="public (the default) leaves exempt notes out; full carries them")
    export.set_defaults(run=run_export)

    merge = actions.add_parser("merge", help="merge a member's notes file into the pack",
                               description="Every note is kept once; where a note was edited in two places "
                                           "the newer edit wins and the other is kept in its history.")
    merge.add_argument("pack", help="the .mpack file")
    merge.add_argument("file", help="the notes file to merge")
    merge.set_defaults(run=run_merge)


def _target(pack: Pack, args) -> Target:
    if not args.label:
        if not args.dataset:
            return Target()
        tables = tables_matching(pack, args.dataset)
        if len(tables) != 1:
            names = ", ".join(ds.key for ds in (tables or pack.datasets())[:_SHOWN_CANDIDATES])
            found = f"{len(tables)} tables" if tables else "no table; the tables are"
            raise NotesError(f"{pack.path.name}: --dataset {args.dataset!r} matches {found}: {names}")
        return Target(type=DATASET, dataset_key=tables[0].key)
    figures = find_figures(pack, args.label, measure=args.measure, period=args.period, dataset=args.dataset,
                           section=args.section)
    if len(figures) == 1:
        return observation_target(*figures[0])
    if not figures:
        labels = {o.label for ds in pack.datasets() for o in pack.observations(ds.id)}
        close = difflib.get_close_matches(args.label, sorted(labels), n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        narrowed = (" with that column, period, table or section"
                    if args.measure or args.period or args.dataset or args.section else "")
        raise NotesError(f"{pack.path.name}: no figure matches label {args.label!r}{narrowed}{hint}")
    shown = ", ".join(_candidate(ds, o, figures) for ds, o in figures[:_SHOWN_CANDIDATES])
    more = f"; and {len(figures) - _SHOWN_CANDIDATES} more" if len(figures) > _SHOWN_CANDIDATES else ""
    options = "--section, --measure, --period or --dataset" if len({o.section for _, o in figures}) > 1 \
        else "--measure, --period or --dataset"
    raise NotesError(f"{pack.path.name}: {len(figures)} figures match {args.label!r}; narrow it with "
                     f"{options}: {shown}{more}")


def _candidate(ds, obs, figures) -> str:
    """One matching figure, briefly: its column and cell, with the label, section and table where
    they differ."""
    label = f"{obs.label} · " if len({o.label for _, o in figures}) > 1 else ""
    section = f" in {obs.section}" if obs.section and len({o.section for _, o in figures}) > 1 else ""
    table = f"{ds.name}!" if len({d.key for d, _ in figures}) > 1 else ""
    return f"{label}{obs.measure}{section} [{table}{obs.cell}]"


def _text(text: str) -> str:
    if not text.strip():
        raise NotesError("--text is empty; write the note, question or answer")
    return text.strip()


def run_add(args) -> int:
    args.text = _text(args.text)
    with Pack.open(args.pack, passphrase=ask_passphrase) as pack:
        note = Annotation(body=args.text, target=_target(pack, args), kind=args.kind,
                          visibility=PRIVATE if args.private else SHARED,
                          author=args.author if args.author is not None else str(settings.load().get("author", "")))
        with pack.transaction():
            annotation_store.save(pack, note)
            if args.exempt is not None:
                classification.classify(pack, classification.NOTE, note.uid, args.exempt, by=note.author)
        figure = TargetResolver(pack).resolve(note).figure
    print(f"added {note.kind} {note.uid[:8]} on {figure}")
    return 0


def run_list(args) -> int:
    """The notes, as the version asked for carries them (:func:`output_pack`: exempt notes only in the
    full version, as in every output), with how many the public version leaves out."""
    with Pack.open(args.pack, passphrase=ask_passphrase) as pack, \
            output_pack(pack, args.output_version, include_private=not args.shared) as (view, ov):
        resolver = TargetResolver(view)
        notes = annotation_store.all_notes(view, include_private=not args.shared)
        resolved = [resolver.resolve(n) for n in notes]
        exempt = note_exemptions(view, notes)
    for r in resolved:
        note = r.note
        if (args.kind and note.kind != args.kind) or (args.stale and not r.flag):
            continue
        marks = [m for m in (note.visibility == PRIVATE and "private", note.status == ANSWERED and "answered",
                             note.uid in exempt and f"exempt, paragraph {exempt[note.uid].paragraph}") if m]
        extra = "".join(f" [{m}]" for m in (*marks, *(f for f in [r.flag] if f)))
        answer = f" | answer: {' '.join(note.answer.split())}" if note.answer else ""
        print(f"{note.uid[:8]}  {note.kind:<8}  {r.figure}{extra}: {' '.join(note.body.split())}{answer}")
    if ov.notes_withheld:
        print(f"{ov.notes_withheld:,} exempt note(s) not listed (--version full lists them)")
    return 0


def run_answer(args) -> int:
    with Pack.open(args.pack, passphrase=ask_passphrase) as pack:
        note = annotation_store.find(pack, args.id)
        annotation_store.save(pack, note.edited(status=ANSWERED, answer=_text(args.text)))
    print(f"answered {note.uid[:8]}")
    return 0


def run_export(args) -> int:
    with Pack.open(args.pack, passphrase=ask_passphrase) as pack:
        count = write_notes_file(pack, args.file, include_private=args.include_private,
                                 version=args.output_version)
    print(f"wrote {count} note(s) to {args.file}")
    return 0


def run_merge(args) -> int:
    with Pack.open(args.pack, passphrase=ask_passphrase) as pack:
        summary = merge_notes_file(pack, args.file)
    print(one_line(summary.line(args.file)))
    for skipped in summary.skipped:
        print(one_line(f"  skipped {skipped}"))
    return 0
