"""Tables stacked on one sheet with the same columns, told apart only by the word over their labels
(a census table's Persons, Males, Females), keep that word as a key of every row after the first."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file

AGES = ["All Ages", "0 - 4", "5 - 9", "90+"]


def _block(word, scotland, glasgow):
    return [[word, *AGES], ["SCOTLAND", *scotland], ["Glasgow City", *glasgow], [None] * 5]


def test_the_word_over_the_labels_is_each_stacked_tables_part(tmp_path):
    rows = [*_block("Persons", [5295403, 292821, 269617, 34396], [593245, 32973, 27059, 3336]),
            *_block("Males", [2567444, 149224, 137976, 8771], [286076, 16721, 13780, 717]),
            *_block("Females", [2727959, 143597, 131641, 25625], [307169, 16252, 13279, 2619])]
    persons, males, females = read_file(write_xlsx(tmp_path / "census.xlsx", {"S": rows})).tables
    glasgow = lambda table: {o.measure: (o.value, o.section) for o in table.observations  # noqa: E731
                             if o.label == "Glasgow City"}
    assert glasgow(persons)["All Ages"] == (593245, None)   # the first: the whole
    assert glasgow(males)["All Ages"] == (286076, "Males")
    assert glasgow(females)["90+"] == (2619, "Females")


def test_different_columns_make_no_stack(tmp_path):
    rows = [*_block("Persons", [5295403, 292821, 269617, 34396], [593245, 32973, 27059, 3336]),
            [None] * 5, ["Households", "All", "1 person", "2 people", "3+ people"],
            ["SCOTLAND", 2372777, 822015, 808541, 742221]]
    tables = read_file(write_xlsx(tmp_path / "mixed.xlsx", {"S": rows})).tables
    assert {o.section for table in tables for o in table.observations} == {None}
