"""Text analysis for the search index: the same functions turn record text into index terms and a reader's
words into query terms, so the two always agree.

Every language shares the first steps: Unicode NFKC normalisation (presentation forms and compatibility
characters become ordinary letters), removal of format and control characters (zero-width joiners, bidi
marks, soft hyphens), case folding, and a tokeniser whose word characters include combining marks: Python's
`\\w` leaves out vowel signs and diacritics (categories Mn, Mc, Me), which would cut Bengali and Arabic words
into pieces. Then each script gets its own treatment:

- English: stop words, then the Porter stemmer (carers → carer), on Latin-script words only.
- Somali: stop words; no stemmer (an English stemmer would mangle Somali words).
- Arabic: the usual search normalisation (no harakat or tatweel; alef forms, alef maqsura and teh marbuta
  unified) and light prefix and suffix stripping in the style of Lucene's ArabicStemmer (no English stemmer).
- Bengali: stop words and light stripping of common case and plural endings (-দের, -গুলো, -কে, …).

Latin-script words are folded to plain letters (café → cafe) in English and Somali. Words in another script
than the analyser's pass through unstemmed, so a Bengali page still finds an English word typed on it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

from whoosh.analysis import Analyzer, Token
from whoosh.lang.porter import stem as porter_stem

LANGUAGES = ("en", "bn", "so", "ar")
PAIR_SEPARATOR = " "  # joins two adjacent terms into a phrase term ("carer break"); no term holds a space
MAX_TERM_LENGTH = 40  # longer "words" (pasted hashes, base64) are not words anyone searches for


def _mark_ranges() -> str:
    """A regex character class body covering every combining mark in the Basic Multilingual Plane."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code)) in ("Mn", "Mc", "Me"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


# A word: letters, digits and combining marks (not underscores). Apostrophes split words; an English
# possessive "'s" is dropped first, so "carer's" and "carers'" both give "carer".
WORD = re.compile(f"(?:[^\\W_]|[{_mark_ranges()}])+")
POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
# Format (Cf) and control (Cc) characters, and Arabic tatweel, which only stretches a word.
_INVISIBLE: dict[int, str | None] = dict.fromkeys(
    [c for c in range(0x10000) if unicodedata.category(chr(c)) in ("Cf", "Cc")] + [0x0640],
    " ",
)
_INVISIBLE.update({0x200C: None, 0x200D: None, 0x00AD: None, 0x0640: None})  # joiners, soft hyphen: no space


_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def normalise(text: str) -> str:
    """NFKC, invisible characters out, case folded: what every language's analysis starts from."""
    if text.isascii():  # most directory text: the same result, several times faster
        return _ASCII_CONTROL.sub(" ", text).lower()
    return unicodedata.normalize("NFKC", text).translate(_INVISIBLE).casefold()


def words(text: str) -> list[str]:
    """The words of a text, normalised, in order (no stemming, no stop words): for spelling suggestions."""
    return [w for w in WORD.findall(POSSESSIVE.sub("", normalise(text))) if len(w) <= MAX_TERM_LENGTH]


# -- per-script treatment ---------------------------------------------------------------------------------------
# fmt: off
ENGLISH_STOP = frozenset([
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in", "is", "it", "may",
    "not", "of", "on", "or", "that", "the", "this", "to", "us", "we", "when", "will", "with", "yet", "you", "your",
    "i", "me", "my", "our", "there", "their", "they", "them", "into", "about",
])
SOMALI_STOP = frozenset(["iyo", "ee", "oo", "ka", "ku", "u", "la", "in", "ah", "ama", "waa", "ayaa", "si", "ugu"])
# fmt: on
ARABIC_STOP = frozenset(["في", "من", "على", "الى", "عن", "او", "مع", "ان", "هذا", "هذه", "التي", "الذي", "و"])
BENGALI_STOP = frozenset(["এবং", "ও", "বা", "জন্য", "থেকে", "এই", "যে", "কি", "কী", "আর", "এর"])

_ARABIC_DIACRITICS = dict.fromkeys([*range(0x064B, 0x0660), 0x0670], None)
_ARABIC_LETTERS = {ord("أ"): "ا", ord("إ"): "ا", ord("آ"): "ا", ord("ٱ"): "ا", ord("ى"): "ي", ord("ة"): "ه"}
_ARABIC_DIACRITICS.update(_ARABIC_LETTERS)
ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
ARABIC_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
BENGALI_SUFFIXES = tuple(
    sorted(
        ["গুলোর", "গুলির", "দেরকে", "গুলো", "গুলি", "দের", "েরা", "য়ের", "ের", "রা", "কে", "তে", "টি", "টা"],
        key=len,
        reverse=True,
    )
)


def _is_latin(word: str) -> bool:
    return all(ch < "\u0250" for ch in word)


def _fold(word: str) -> str:
    """Latin letters without their accents (naïve → naive); other scripts as they are."""
    if word.isascii() or not _is_latin(word):
        return word
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


def arabic_normalise(word: str) -> str:
    return word.translate(_ARABIC_DIACRITICS)


def arabic_stem(word: str) -> str:
    """Light stemming (after Larkey et al.'s light10 and Lucene's ArabicStemmer): one prefix, then suffixes,
    always leaving at least two letters."""
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    else:
        if word.startswith("و") and len(word) > 3:
            word = word[1:]
    for suffix in ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


def bengali_stem(word: str) -> str:
    for suffix in BENGALI_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_MISSING = object()
_TERM_CACHES: dict[str, dict[str, str | None]] = {lang: {} for lang in LANGUAGES}
TERM_CACHE_SIZE = 200_000  # words per language; the cache is emptied when full


def term(word: str, lang: str) -> str | None:
    """The index term for one normalised word in one language's analysis, or None for a stop word."""
    cache = _TERM_CACHES[lang]
    found = cache.get(word, _MISSING)
    if found is _MISSING:
        if len(cache) >= TERM_CACHE_SIZE:
            cache.clear()
        found = cache[word] = _term(word, lang)
    return found  # type: ignore[return-value]


def _term(word: str, lang: str) -> str | None:
    if lang == "en":
        if word in ENGLISH_STOP:
            return None
        folded = _fold(word)
        return porter_stem(folded) if _is_latin(folded) else folded
    if lang == "so":
        return None if word in SOMALI_STOP else _fold(word)
    if lang == "ar":
        word = arabic_normalise(word)
        if word in ARABIC_STOP or not word:
            return None
        return arabic_stem(word)
    if lang == "bn":
        return None if word in BENGALI_STOP else bengali_stem(word)
    raise ValueError(f"no analysis for language {lang!r}")


def terms(text: str | None, lang: str) -> list[str]:
    """A text's index terms in order (stop words dropped), as the `lang` analysis makes them."""
    if not text:
        return []
    cache = _TERM_CACHES[lang]
    found: list[str] = []
    for word in words(text):
        t = cache.get(word, _MISSING)
        if t is _MISSING:
            t = term(word, lang)
        if t is not None:
            found.append(t)  # type: ignore[arg-type]
    return found


def pairs(sequence: list[str]) -> list[str]:
    """Adjacent terms joined (the phrase terms): "carer break" finds the phrase "carers' break". Pairs with
    a number ("service 00123") are left out: nobody searches for them as phrases, and there are many."""
    return [
        f"{a}{PAIR_SEPARATOR}{b}"
        for a, b in zip(sequence, sequence[1:], strict=False)
        if not (a.isdigit() or b.isdigit())
    ]


def analyse(texts: Iterable[str | None], lang: str) -> tuple[set[str], set[str]]:
    """(terms, phrase terms) of several texts; pairs never join the end of one text to the start of the next."""
    found: set[str] = set()
    joined: set[str] = set()
    for text in texts:
        sequence = terms(text, lang)
        found.update(sequence)
        joined.update(pairs(sequence))
    return found, joined


@lru_cache(maxsize=50_000)
def analyse_short(texts: tuple[str | None, ...], lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """`analyse` for short texts that recur (names, organisation names, category labels): worked out once."""
    found, joined = analyse(texts, lang)
    return frozenset(found), frozenset(joined)


class SearchAnalyzer(Analyzer):
    """The same analysis as a Whoosh analyzer, so the schema describes itself and Whoosh's own tools (the
    query parser, highlighting) analyse text as the index did. The builder calls `analyse` directly."""

    def __init__(self, lang: str):
        self.lang = lang

    def __eq__(self, other):
        return isinstance(other, SearchAnalyzer) and other.lang == self.lang

    def __call__(self, value: str, positions: bool = False, chars: bool = False, **kwargs) -> Iterator[Token]:
        token = Token(positions, chars, **kwargs)
        for position, text in enumerate(terms(value, self.lang)):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = position
            yield token
