"""What a thirteenth batch of published files nobody here had seen taught (tests/corpus: MHCLG's capital
estimates (CER B), DLUHC's council taxbase, DCLG's revenue account budget, BEIS's sub-regional fuel poverty
and DfE's Employer Skills Survey by local authority)."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file


def _cer_totals():
    """CER B's shape: councils with an LGF code in A, then national totals and a class breakdown under rows
    naming the key columns in lower case ('ONS code'), with nothing in column A."""
    names = ["Adur", "Allerdale", "Amber Valley", "Arun", "Ashfield", "Ashford", "Babergh", "Barnsley", "Basildon",
             "Bassetlaw", "Bath and North East Somerset", "Bedford", "Birmingham", "Blaby", "Blackpool", "Bolsover",
             "Bolton", "Boston", "Bracknell Forest", "Bradford", "Braintree", "Breckland", "Brentwood", "Brighton and Hove",
             "Bristol", "Broadland", "Bromsgrove", "Broxbourne", "Broxtowe", "Burnley", "Bury", "Calderdale", "Cambridge",
             "Cannock Chase", "Canterbury", "Carlisle", "Castle Point", "Charnwood", "Chelmsford", "Cheltenham"]
    councils = [(f"E{3800 + i}", f"E07000{200 + i}", name, ("SD", "MD", "UA")[i % 3], 100 + i, 200 + 2 * i, 1000 + 3 * i)
                for i, name in enumerate(names)]   # more than the rows looked at for the layout, as in CER B
    return [["CER B 2020-21"], ["All figures in £000s"],
            [None, None, None, None, "Resources used to finance capital expenditure"],
            ["LGF Code", "ONS Code", "LA Name", "Class", "Grants from central government departments",
             "Total grants used to finance capital expenditure", "Total resources used to finance capital expenditure"],
            *[list(c) for c in councils],
            [],
            [None, "ONS code", "National totals", "Country code"],
            [None, "E92000001", "England", "ENG", 8577999, 12652185, 41738416],
            [],
            [None, "ONS code", "Class Breakdown", "Class code"],
            [None, "E06", "Unitary Authorities", "UA", 1843790, 3320000, 9000000],
            [None, "E07", "Shire Districts", "SD", 296075, 1200000, 5000000],
            [None, "E47", "Combined Authorities", "CA", 1256956, 1300000, 2000000]]


def test_totals_without_the_first_key_column_under_lower_case_key_names_take_the_columns_above(tmp_path):
    """CER B's England and class rows, under 'ONS code | National totals | Country code' with no LGF code
    column, had been 'Column F' in unsure tables: the key names are the table above's in another case."""
    tables = read_file(write_xlsx(tmp_path / "cer.xlsx", {"Financing": _cer_totals()})).tables
    cells = {o.cell: o for t in tables for o in t.observations}
    assert (cells["E47"].label, cells["E47"].value) == ("England", 8_577_999_000)
    assert cells["E47"].measure.endswith("Grants from central government departments")
    assert cells["F52"].label == "Combined Authorities"
    assert cells["F52"].measure.endswith("Total grants used to finance capital expenditure")
