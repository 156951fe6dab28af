from app.content.hashing import normalise, source_hash


def test_hash_ignores_line_endings_trailing_space_and_composition():
    a = source_hash("Café", "Summary", "Line one  \r\nLine two\n")
    b = source_hash("Cafe\u0301", "Summary", "Line one\nLine two")
    assert a == b


def test_hash_changes_when_words_change():
    assert source_hash("T", "S", "body") != source_hash("T", "S", "body!")
    assert source_hash("T", "S", "body") != source_hash("T2", "S", "body")


def test_normalise_strips_outer_blank_lines():
    assert normalise("\n\nx\n\n") == "x"
