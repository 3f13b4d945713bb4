"""What a fifth batch of published files nobody here had seen taught (tests/corpus, the last 3 files): a
form's list of lines with one figure each and no header (its first line is no header), a numbered
line of a form that mentions a percentage (``8. ... 25% discount``) is words, not 8%, and council
tax bands A to H under a group header are column names, not RAG ratings."""

from memberpack.model.values import parse_text


def test_a_numbered_line_that_mentions_a_percentage_is_words():
    line = "8. Number of dwellings in line 7 entitled to a single adult household 25% discount on 2 October 2017"
    assert parse_text(line).value is None and parse_text(line).status == "text"
    assert (parse_text("12 per 10,000 children aged under 18").value, parse_text("34.5 % of pupils").value) == (12, 34.5)
