"""Comparator samples: official statistics in the DfE "Explore education statistics" CSV layout (with
its ``.meta.csv``) and a statistical-neighbour workbook, so the demo pack can show how North Somerset
(LA 802, E06000024), the council of the sample scorecards, compares with England, the South West and
its statistical neighbours.

ILLUSTRATIVE FIGURES. The seeds give only a few of these numbers; everything else is invented to be
plausible and is not any authority's published figure:
- seed 001 T001-14 (North Somerset scorecard, pack of March 2021): CLA rate per 10,000 "England, 67
  South West, 57" and statistical neighbours 53, with North Somerset at "53.7 per 10,000". These are
  the 31 March 2020 figures of England, the South West and North Somerset below, and North
  Somerset's neighbours' 2020 average is made to come to 53.0, as the scorecard says.
- seed 003 draws Somerset's CLA rate against England, its statistical neighbours and the South West
  (chart only, no figures): the figures for Somerset and its neighbours here are ILLUSTRATIVE.
- The foster care percentages and the neighbour list (and its closeness words) are ILLUSTRATIVE.
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

from sheet_writing import new_sheet, put, widths

YEARS = ("2017", "2018", "2019", "2020")
HEADER = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
          "region_name", "old_la_code", "new_la_code", "la_name", "cla_rate", "foster_pct"]
SOUTH_WEST = ("E12000009", "South West")
REGIONS = {"South West": "E12000009", "West Midlands": "E12000005", "East Midlands": "E12000004",
           "Yorkshire and The Humber": "E12000003"}
# (name, CLA rate per 10,000 for 2017..2020, % of CLA in foster care for 2017..2020); seed figures
# (see the module docstring) are England 67 and South West 57 in 2020.
ENGLAND = ("England", (62, 64, 65, 67), (74, 73, 72, 72))
REGION = ("South West", (53, 54, 55, 57), (76, 75, 75, 74))
# old LA code: (name, ONS code, region, CLA rate 2017..2020, foster care % 2017..2020)
AUTHORITIES = {
    "933": ("Somerset", "E10000027", "South West", (46.0, 48.0, 50.0, 52.0), (70, 71, 72, 73)),
    "802": ("North Somerset", "E06000024", "South West", (55.0, 54.1, 52.9, 53.7), (78, 77, 78, 79)),  # 2020: seed 001
    "865": ("Wiltshire", "E06000054", "South West", (42.0, 43.0, 44.5, 45.0), (77, 76, 75, 74)),
    "878": ("Devon", "E10000008", "South West", (47.0, 48.5, 49.0, 50.0), (72, 72, 71, 70)),
    "838": ("Dorset", "E06000059", "South West", ("z", "z", 60.0, 62.0), ("z", "z", 69, 68)),  # a new council in 2019
    "908": ("Cornwall", "E06000052", "South West", (50.0, 52.0, 54.0, 55.0), (75, 74, 74, 73)),
    "916": ("Gloucestershire", "E10000013", "South West", (49.0, 50.0, 51.0, 52.0), (71, 70, 70, 69)),
    "801": ("Bristol, City of", "E06000023", "South West", (70.0, 70.5, 71.0, 71.0), (73, 72, 71, 71)),
    "800": ("Bath and North East Somerset", "E06000022", "South West", (36.0, 35.0, 34.0, 35.0), (80, 79, 79, 78)),
    "803": ("South Gloucestershire", "E06000025", "South West", (37.0, 38.0, 38.5, 38.0), (81, 80, 80, 80)),
    "885": ("Worcestershire", "E10000034", "West Midlands", (60.0, 64.0, 66.0, 68.0), (74, 73, 72, 72)),
    "893": ("Shropshire", "E06000051", "West Midlands", (52.0, 55.0, 58.0, 60.0), (68, 67, "c", 66)),
    "925": ("Lincolnshire", "E10000019", "East Midlands", (44.0, 44.5, 44.0, 44.3), (79, 78, 78, 77)),
    "815": ("North Yorkshire", "E10000023", "Yorkshire and The Humber", (38.0, 39.0, 39.5, 40.0), (76, 76, 75, 75)),
}
# North Somerset's statistical neighbours (ILLUSTRATIVE), closest first; their 2020 rates average 53.0
# (seed 001: "statistical neighbours 53").
OURS = "802"
NEIGHBOURS = ("933", "865", "878", "838", "908", "916", "801", "800", "885", "815")
CLOSENESS = ("Extremely close", "Extremely close", "Very close", "Very close", "Very close", "Close", "Close",
             "Close", "Somewhat close", "Somewhat close")
META = [
    ["col_name", "col_type", "label", "indicator_grouping", "indicator_unit", "indicator_dp", "filter_hint",
     "filter_grouping_column"],
    ["cla_rate", "Indicator", "Children looked after rate per 10,000 children", "", "per 10,000", "1", "", ""],
    ["foster_pct", "Indicator", "Percentage of CLA in foster care", "", "%", "0", "", ""],
]


def _row(year: int, level: str, region: tuple[str, str], la: tuple[str, str, str], rate, foster) -> list:
    return [YEARS[year], "Reporting year", level, "E92000001", "England", *region, *la, rate, foster]


def cla_rates_csv(path: Path) -> None:
    """England, the South West and 14 authorities over four years, one row per area and year."""
    rows = [HEADER]
    for year in range(len(YEARS)):
        rows.append(_row(year, "National", ("", ""), ("", "", ""), ENGLAND[1][year], ENGLAND[2][year]))
        rows.append(_row(year, "Regional", SOUTH_WEST, ("", "", ""), REGION[1][year], REGION[2][year]))
        for code, (name, ons, region, rates, foster) in AUTHORITIES.items():
            rows.append(_row(year, "Local authority", (REGIONS[region], region), (code, ons, name), rates[year],
                             foster[year]))
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def cla_rates_meta(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(META)


def neighbours_workbook(path: Path) -> None:
    """The DfE statistical-neighbour workbook's shape: title rows, then LA number, name and SN1..SN10
    (each a neighbour's LA number and how close it is); only North Somerset's row is filled in."""
    wb = Workbook()
    ws = new_sheet(wb, "Statistical neighbours")
    put(ws, 1, ["Children's services statistical neighbour benchmarking tool (ILLUSTRATIVE list)"], bold=True)
    put(ws, 2, ["SN1 is the closest neighbour"])
    sn_heads = [h for n in range(1, 11) for h in (f"SN{n}", f"SN{n}")]
    put(ws, 4, ["LA number", "LA name", *sn_heads], bold=True)
    listed = [v for code, close in zip(NEIGHBOURS, CLOSENESS) for v in (int(code), close)]
    put(ws, 5, [int(OURS), AUTHORITIES[OURS][0], *listed])
    for r, (code, (name, *_rest)) in enumerate(((c, a) for c, a in AUTHORITIES.items() if c != OURS), start=6):
        put(ws, r, [int(code), name])
    widths(ws, 12, 16)
    wb.save(path)
