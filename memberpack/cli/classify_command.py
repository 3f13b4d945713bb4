"""``memberpack classify PACK --dataset WORDS|--note ID --exempt N [--reason TEXT] | --public``:
exempt information (Schedule 12A paragraphs 1-7) per table and per note."""

from __future__ import annotations

from memberpack import settings
from memberpack.analysis.annotation_targets import tables_matching
from memberpack.analysis.output_version import note_exemptions
from memberpack.cli.passphrase import ask_passphrase
from memberpack.errors import MemberpackError
from memberpack.store import annotation_store, classification
from memberpack.store.classification import PARAGRAPHS
from memberpack.store.pack import Pack


def register(sub) -> None:
    p = sub.add_parser("classify", help="mark a table or note exempt (Schedule 12A paragraph) or public",
                       description="A table's classification holds for every version of it. Without --dataset "
                                   "or --note, lists what is exempt. Paragraphs: "
                                   + "; ".join(f"{n} {text}" for n, text in PARAGRAPHS.items()))
    p.add_argument("pack", help="the .mpack file")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--dataset", metavar="WORDS", help="words of the table's name or source file")
    which.add_argument("--note", metavar="ID", help="a note's id, or its first few characters")
    level = p.add_mutually_exclusive_group()
    level.add_argument("--exempt", type=int, choices=sorted(PARAGRAPHS), metavar="N",
                       help="exempt under paragraph N (1-7) of Schedule 12A")
    level.add_argument("--public", action="store_true", help="public (not exempt)")
    p.add_argument("--reason", default="", help="why it is exempt (kept with the classification)")
    p.add_argument("--by", help="who is classifying (default: the author in settings)")
    p.set_defaults(run=run)


def run(args) -> int:
    if (args.dataset or args.note) and args.exempt is None and not args.public:
        raise MemberpackError("classify: say --exempt N (paragraph 1-7 of Schedule 12A) or --public")
    with Pack.open(args.pack, passphrase=ask_passphrase) as pack:
        if not (args.dataset or args.note):
            return _list(pack)
        if args.dataset:
            tables = tables_matching(pack, args.dataset)
            if len(tables) != 1:
                names = ", ".join(ds.key for ds in (tables or pack.datasets())[:6])
                raise MemberpackError(f"{pack.path.name}: --dataset {args.dataset!r} matches "
                                      f"{len(tables) if tables else 'no'} table(s): {names}")
            kind, key, name = classification.DATASET, tables[0].key, f"table {tables[0].name}"
        else:
            note = annotation_store.find(pack, args.note)
            kind, key, name = classification.NOTE, note.uid, f"note {note.uid[:8]}"
        by = args.by if args.by is not None else str(settings.load().get("author", ""))
        classification.classify(pack, kind, key, None if args.public else args.exempt, reason=args.reason, by=by)
    print(f"{name}: " + ("public" if args.public else f"exempt, paragraph {args.exempt} of Schedule 12A"))
    return 0


def _list(pack: Pack) -> int:
    tables = classification.exemptions(pack, classification.DATASET)
    meta = pack.meta()
    whole = classification.pack_classification(meta) == classification.EXEMPT_PACK
    if whole:
        print(f"the whole pack: {classification.pack_classification_text(meta)}; it has no public version, "
              "whatever its tables and notes say below")
    unclassified = "Exempt (the whole pack)" if whole else "Public"
    for ds in pack.datasets():
        found = tables.get(ds.key)
        print(f"table {ds.name}: " + (f"{found.text()} set by {found.set_by} at {found.set_at}" if found
                                      else unclassified))
    for uid, found in note_exemptions(pack).items():
        print(f"note {uid[:8]}: {found.text()}")
    return 0
