"""SMS counting (app/shortlist/sms.py): GSM-7 with its extension table, UCS-2 by UTF-16 code units, and the
parts a long text is split into (160/153, 70/67), where a part never splits a two-septet or two-unit character."""

from __future__ import annotations

import pytest

from app.shortlist.sms import GSM7_BASIC, GSM7_EXTENSION, count, is_gsm7

BENGALI = "আপনার তালিকা"  # "your list": 12 code points, all in the Basic Multilingual Plane
ARABIC = "قائمتك"  # "your list": 6 code points
EMOJI = "😀"  # outside the BMP: a surrogate pair, two UTF-16 code units


def test_empty_text_is_no_message():
    result = count("")
    assert (result.encoding, result.characters, result.units, result.segments) == ("GSM-7", 0, 0, 0)


def test_plain_english_is_gsm7():
    text = "Camden Carers: 020 7428 8950\nOpen Monday to Friday."
    result = count(text)
    assert result.encoding == "GSM-7"
    assert result.units == result.characters == len(text) == 51
    assert (result.segments, result.per_segment) == (1, 160)
    assert result.outside_gsm == ()


@pytest.mark.parametrize(
    ("length", "segments", "per_segment"),
    [(1, 1, 160), (160, 1, 160), (161, 2, 153), (306, 2, 153), (307, 3, 153), (459, 3, 153), (460, 4, 153)],
)
def test_gsm7_boundaries(length, segments, per_segment):
    result = count("a" * length)
    assert (result.units, result.segments, result.per_segment) == (length, segments, per_segment)


def test_the_alphabets_letters_with_accents_stay_gsm7():
    text = "£ $ ¥ è é ù ì ò Ç Ø ø Å å Ä Ö Ñ Ü ä ö ñ ü à ß É Æ æ Δ Φ Γ Λ Ω Π Ψ Σ Θ Ξ ¡ ¿ § ¤ @ _"
    assert is_gsm7(text)
    assert count(text).encoding == "GSM-7"


@pytest.mark.parametrize("ch", sorted(GSM7_EXTENSION))
def test_each_extension_character_counts_double(ch):
    result = count(f"a{ch}b")
    assert result.encoding == "GSM-7"
    assert (result.characters, result.units) == (3, 4)


def test_extension_characters_fill_a_single_message_at_80():
    assert (count("€" * 80).units, count("€" * 80).segments) == (160, 1)
    assert (count("€" * 81).units, count("€" * 81).segments) == (162, 2)
    assert count("a" * 159 + "[").segments == 2  # 161 septets


def test_an_extension_character_is_never_split_between_parts():
    # 152 + 2 + 152 = 306 septets: two parts by division, but the escape and its character cannot straddle
    # the end of part one, so the euro sign starts part two and the last letter needs a third.
    text = "a" * 152 + "€" + "a" * 152
    result = count(text)
    assert result.units == 306
    assert result.segments == 3


@pytest.mark.parametrize(
    "ch",
    ["’", "“", "–", "—", "…", "ç", "`", "\t", "•", "\u00a0"],
    ids=[
        "curly-apostrophe",
        "curly-quote",
        "en-dash",
        "em-dash",
        "ellipsis",
        "c-cedilla",
        "backtick",
        "tab",
        "bullet",
        "nbsp",
    ],
)
def test_one_character_outside_the_alphabet_makes_the_whole_text_ucs2(ch):
    result = count(f"Carers{ch}s centre")
    assert result.encoding == "UCS-2"
    assert (result.units, result.segments, result.per_segment) == (15, 1, 70)
    assert result.outside_gsm == (ch,)


def test_only_the_lower_case_c_cedilla_is_missing():
    assert "Ç" in GSM7_BASIC and "ç" not in GSM7_BASIC


def test_bengali_is_ucs2_by_code_units():
    result = count(BENGALI)
    assert result.encoding == "UCS-2"
    assert (result.characters, result.units, result.segments, result.per_segment) == (12, 12, 1, 70)
    assert " " not in result.outside_gsm  # the space is in the GSM alphabet; only the letters are listed


@pytest.mark.parametrize(("length", "segments"), [(70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4)])
def test_ucs2_boundaries_in_bengali(length, segments):
    result = count("ক" * length)
    assert (result.units, result.segments) == (length, segments)
    assert result.per_segment == (70 if segments == 1 else 67)


def test_arabic_is_ucs2():
    result = count(f"{ARABIC}: 020 7974 4444")
    assert result.encoding == "UCS-2"
    assert result.units == result.characters == 21
    assert result.segments == 1
    assert result.outside_gsm == tuple(dict.fromkeys(ARABIC))


def test_arabic_over_one_message():
    result = count(ARABIC * 12)  # 72 code units
    assert (result.units, result.segments, result.per_segment) == (72, 2, 67)


def test_emoji_outside_the_bmp_count_as_two_code_units():
    result = count(EMOJI)
    assert result.encoding == "UCS-2"
    assert (result.characters, result.units, result.segments) == (1, 2, 1)
    assert count(EMOJI * 35).segments == 1  # 70 code units
    assert count(EMOJI * 36).segments == 2  # 72


def test_a_surrogate_pair_is_never_split_between_parts():
    # 66 + 2 + 66 = 134 code units: two parts by division, but the emoji cannot straddle part one's end.
    text = "ক" * 66 + EMOJI + "ক" * 66
    result = count(text)
    assert result.units == 134
    assert result.segments == 3


def test_joined_emoji_count_every_code_point():
    family = "👩\u200d👩\u200d👧"  # three emoji joined by two zero-width joiners
    result = count(family)
    assert (result.characters, result.units) == (5, 8)


def test_latin_text_with_one_emoji_is_ucs2_and_lists_it():
    result = count("See you soon " + EMOJI)
    assert result.encoding == "UCS-2"
    assert result.outside_gsm == (EMOJI,)
    assert result.units == 15


def test_newlines_are_in_the_alphabet():
    assert is_gsm7("one\ntwo\r\nthree")
