"""``memberpack details PACK [--council ...]``: the committee paper's front matter, printed on the
cover of the PDF and HTML briefings. With no option it shows the details; an option given as ""
clears that field."""

from __future__ import annotations

from datetime import datetime

from memberpack.errors import MemberpackError
from memberpack.model.front_matter import (DATE_FORMAT, PAPER_FIELDS, RECOMMENDATIONS, meeting_date_words,
                                           recommendations, recommendations_text)
from memberpack.store.classification import PACK_CLASSIFICATIONS, pack_classification_text
from memberpack.store.pack import Pack

# (meta key, label) of the pack's own details, then the paper's
FIELDS = (("title", "Title"), ("meeting_date", "Meeting date"), ("classification", "Classification"), *PAPER_FIELDS)


def register(sub) -> None:
    p = sub.add_parser("details", help="set (or show) the pack's details and the committee paper's front matter",
                       description="Each option sets one field (\"\" clears it); with none, the details are shown.")
    p.add_argument("pack", help="the .mpack file")
    for key, label in FIELDS:
        p.add_argument(f"--{key.replace('_', '-')}", dest=key, metavar="TEXT", help=label.lower())
    p.add_argument("--recommendation", action="append", metavar="TEXT",
                   help="a recommendation to the committee (repeat, in order; replaces the list; \"\" clears it)")
    p.set_defaults(run=run)


def _checked(key: str, text: str, pack: str) -> str:
    text = text.strip()
    if key == "meeting_date" and text:
        try:
            datetime.strptime(text, DATE_FORMAT)
        except ValueError:
            raise MemberpackError(f"{pack}: --meeting-date {text!r} is not a date: write one as DD/MM/YYYY, "
                                  "such as 12/12/2023") from None
    if key == "classification":
        if text.capitalize() not in PACK_CLASSIFICATIONS:
            raise MemberpackError(f"{pack}: --classification must be Public or Exempt, not {text!r}")
        text = text.capitalize()
    return text


def run(args) -> int:
    given = {key: _checked(key, getattr(args, key), args.pack) for key, _ in FIELDS if getattr(args, key) is not None}
    if args.recommendation is not None:
        given[RECOMMENDATIONS] = recommendations_text(args.recommendation)
    with Pack.open(args.pack) as pack:
        if given:
            pack.set_meta(**given)
            print(f"{args.pack}: details saved")
            return 0
        meta = pack.meta()
    for key, label in FIELDS:
        text = meta.get(key, "").strip()
        shown = meeting_date_words(text) if key == "meeting_date" and text else text or "(not set)"
        if key == "classification":   # as every output reads it
            shown = pack_classification_text(meta)
        print(f"{label}: {shown}")
    items = recommendations(meta)
    print("Recommendations:" + ("" if items else " (none)"))
    for n, item in enumerate(items, start=1):
        print(f"  {n}. {item}")
    return 0
