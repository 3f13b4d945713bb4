"""Cell references in A1 style (a column's letters and index each worked out once: a table's layout
names its columns by letter, and asks their indexes of every row)."""

from functools import lru_cache


@lru_cache(maxsize=1 << 14)
def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def a1(row: int, col: int) -> str:
    """The A1 reference of a 0-based row and column."""
    return f"{column_letter(col)}{row + 1}"


def parse_ref(ref: str) -> tuple[int, int]:
    """``"B7"`` -> (6, 1): the 0-based row and column of an A1 reference."""
    letters = ref.rstrip("0123456789")
    return int(ref[len(letters):]) - 1, column_index(letters)


@lru_cache(maxsize=1 << 14)
def column_index(letters: str) -> int:
    """``"A"`` -> 0, ``"AA"`` -> 26."""
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return col - 1
