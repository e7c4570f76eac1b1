"""Text plumbing for the built-in AI: words, stems, sentences, stop words."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9+#]*(?:[.\-][A-Za-z0-9+#]+)*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")

_STOP_WORD_TEXT = (
    "a about above after again against all also am an and any are as at be because been "
    "before being below between both but by can could did do does doing down during each few "
    "for from further had has have having he her here hers herself him himself his how i if "
    "in into is it its itself just me more most my myself no nor not now of off on once only "
    "or other our ours ourselves out over own same she should so some such than that the "
    "their theirs them themselves then there these they this those through to too under until "
    "up very was we were what when where which while who whom why will with would you your "
    "yours yourself yourselves really quite thing things stuff lot lots get got make made "
    "like well yes yeah okay ok um uh actually basically maybe kind sort much many one two "
)
STOP_WORDS = frozenset(_STOP_WORD_TEXT.split())

_stemmer = snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    return [w.lower().rstrip(".") for w in _WORD.findall(text)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    result: str = _stemmer.stemWord(word)
    return result


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning (stop words dropped)."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS and len(w) > 1]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def word_count(text: str) -> int:
    return len(words(text))
