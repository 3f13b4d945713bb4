"""``memberpack authority``, ``neighbours`` and ``compare``: our council against England, the
region and its statistical neighbours."""

from __future__ import annotations

from memberpack.analysis.comparison_rows import NEIGHBOURS_HEAD, rank_note, with_a_figure
from memberpack.analysis.comparisons import ENGLAND, NEIGHBOURS, REGION, Comparison, pack_comparisons
from memberpack.analysis.output_version import PUBLIC, VERSIONS, output_pack
from memberpack.errors import MemberpackError
from memberpack.importers.neighbours import read_neighbours
from memberpack.model.areas import LOCAL_AUTHORITY, Area, named_by
from memberpack.model.short_text import shortened
from memberpack.store import comparators
from memberpack.store.comparators import Neighbour, NeighbourList
from memberpack.cli.passphrase import ask_passphrase
from memberpack.store.pack import Pack

_WIDEST_TITLE = 60


def register(sub) -> None:
    p = sub.add_parser("authority", help="set (or show) our authority, the council the pack compares",
                       description="Give the LA number (--la 933), the ONS code or the name; the rest is looked up "
                                   "in imported open statistics or memberpack's own short list.")
    p.add_argument("pack", help="the .mpack file")
    p.add_argument("--la", help="the DfE LA number, e.g. 933")
    p.add_argument("--code", help="the ONS code, e.g. E10000027")
    p.add_argument("--name", help="the authority's name, e.g. Somerset")
    p.add_argument("--region", help="its region, e.g. South West")
    p.set_defaults(run=run_authority)

    p = sub.add_parser("neighbours", help="import our statistical neighbours from the DfE workbook, or enter them",
                       description="With FILE, read the DfE statistical-neighbour workbook; with --la, enter the "
                                   "neighbours' LA numbers by hand; with neither, show the current list.")
    p.add_argument("pack", help="the .mpack file")
    p.add_argument("file", nargs="?", metavar="FILE", help="the statistical-neighbour workbook (.xlsx, .xls, .csv)")
    p.add_argument("--la", action="append", metavar="CODE", help="a neighbour's LA number or name (repeat)")
    p.set_defaults(run=run_neighbours)

    p = sub.add_parser("compare", help="print how our council compares with England, the region and neighbours")
    p.add_argument("pack", help="the .mpack file")
    p.add_argument("--metric", metavar="TEXT", help="only measures whose name contains TEXT")
    p.add_argument("--trend", action="store_true", help="also print each figure's trend over the years")
    p.add_argument("--version", choices=VERSIONS, default=PUBLIC, dest="output_version",
                   help="public (the default) leaves out exempt tables' figures; full compares them too")
    p.set_defaults(run=run_compare)


def run_authority(args) -> int:
    with Pack.open(args.pack, passphrase=ask_passphrase) as pack:
        given = args.la or args.code or args.name
        if not given:
            ours = comparators.authority(pack)
            if ours is None:
                raise MemberpackError(f"{args.pack}: no authority set; set it with --la, --code or --name")
        else:
            found = comparators.lookup(comparators.known_areas(pack), given) or Area(LOCAL_AUTHORITY, "")
            ours = Area(LOCAL_AUTHORITY, args.name or found.name, args.la or found.old_code,
                        args.code or found.new_code, args.region or found.region)
            if not ours.name:
                raise MemberpackError(f"{args.pack}: {given} is not an authority memberpack knows; "
                                      "give its name with --name (and --region)")
            comparators.set_authority(pack, ours)
    print(f"our authority: {ours.describe()}" + (f", {ours.region}" if ours.region else ""))
    return 0


def _given_list(pack: Pack, args, ours: Area) -> NeighbourList:
    """The neighbour list given on the command line (a workbook, or ``--la`` codes), each neighbour
    named and coded from imported statistics where they have it."""
    if args.file:
        return comparators.name_from_statistics(pack, read_neighbours(args.file, ours))
    areas = comparators.known_areas(pack)
    members = []
    for code in args.la:
        area = comparators.lookup(areas, code) or named_by(code)
        members.append(Neighbour(area.name, area.old_code, area.new_code))
    return NeighbourList(ours.old_code or ours.name, members)


def run_neighbours(args) -> int:
    with Pack.open(args.pack, passphrase=ask_passphrase) as pack:
        ours = comparators.authority(pack)
        if ours is None:
            raise MemberpackError(f"{args.pack}: set our authority first: memberpack authority {args.pack} --la CODE")
        if args.file and args.la:
            raise MemberpackError("give either a neighbour workbook or --la codes, not both")
        if args.file or args.la:
            listed = _given_list(pack, args, ours)
            comparators.save_neighbours(pack, listed)
        else:
            listed = comparators.our_neighbours(pack)
            if listed is None:
                raise MemberpackError(f"{args.pack}: no statistical neighbours yet for {ours.describe()}")
    source = listed.source_file if listed.source_file == comparators.BY_HAND else f"from {listed.source_file}"
    print(f"statistical neighbours of {ours.describe()} (version {listed.version}, {source}"
          + (f", {listed.sheet}" if listed.sheet else "") + "):")
    for i, n in enumerate(listed.neighbours, 1):
        print(f"  SN{i:<3} {n.area().describe()}" + (f": {n.closeness}" if n.closeness else ""))
    return 0


def _row(c: Comparison) -> list[str]:
    def shown(kind: str) -> str:
        b = c.benchmark(kind)
        if b is None:
            return ""
        shown = c.format(b.value) if b.value is not None else b.display
        return f"{shown} {with_a_figure(b.count, b.of)}" if b.of else shown

    title = shortened(c.title, _WIDEST_TITLE)
    england = c.benchmark(ENGLAND)
    return [title, c.period or "", c.format(c.value) if c.value is not None else c.display, shown(ENGLAND),
            shown(REGION), shown(NEIGHBOURS), england.verdict if england else "", c.rank.text() if c.rank else "",
            c.rank.band if c.rank else ""]


def _aligned(rows: list[list[str]]) -> list[str]:
    """Rows as text columns: the first left-aligned, figures right-aligned, a rule under the head."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(r, widths))).rstrip()
             for r in rows]
    return [lines[0], "-" * len(lines[0]), *lines[1:]]


def table_lines(results: list[Comparison], our_name: str) -> list[str]:
    """The comparison table as aligned text columns."""
    regions = {b.name for c in results for b in c.benchmarks if b.kind == REGION}
    head = ["Measure", "Period", our_name, "England", regions.pop() if len(regions) == 1 else "Region",
            NEIGHBOURS_HEAD, "vs England", "Rank", "Band"]
    lines = _aligned([head] + [_row(c) for c in results])
    note = rank_note(results)
    if note:
        lines.append(f"{note}. Bands A to D are quarters of the ranking, A holding rank 1.")
    return lines


def trend_lines(c: Comparison) -> list[str]:
    """One comparison's trend, a period a line, our figure and each comparator's in columns."""
    chart = c.trend
    if chart is None:
        return []
    head = ["Period", *(s.name for s in chart.series)]
    rows = [[period, *(c.format(s.values[i]) for s in chart.series)] for i, period in enumerate(chart.categories)]
    return ["", f"{c.title}: trend", *_aligned([head, *rows])]


def run_compare(args) -> int:
    with Pack.open(args.pack, passphrase=ask_passphrase) as pack, \
            output_pack(pack, args.output_version) as (view, ov):   # no exempt table's figures unless full
        ours = comparators.authority(view)
        neighbours = comparators.our_neighbours(view)
        results = pack_comparisons(view, args.metric)
    if ov.marking != "PUBLIC":
        print(f"{args.pack}: {ov.marking}")
    if not results:
        hint = "" if ours else f"; set our authority with memberpack authority {args.pack} --la CODE"
        what = f" matching {args.metric!r}" if args.metric else ""
        raise MemberpackError(f"{args.pack}: no figures{what} with comparator data{hint}")
    name = ours.name if ours else "Our figure"
    written = any(b.kind == NEIGHBOURS for c in results for b in c.benchmarks)   # a scorecard's own column
    print(f"{name} compared with England, its region and "
          + (f"{len(neighbours.neighbours)} statistical neighbours" if neighbours
             else "statistical neighbours as its tables give them" if written else "no statistical neighbours"))
    print("\n".join(table_lines(results, name)))
    if args.trend:
        print("\n".join(line for c in results for line in trend_lines(c)))
    return 0
