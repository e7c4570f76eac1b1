"""Text plumbing for the built-in AI: words, stems, sentences — per language."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from peoplelens.ai.languages import language

_WORD = re.compile(r"[A-Za-zÀ-ÿœŒ][A-Za-zÀ-ÿœŒ0-9+#]*(?:[.\-][A-Za-z0-9+#]+)*")
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+|;\s+")

STOP_WORDS = language("en").stop_words  # the template writer's English detection


def words(text: str) -> list[str]:
    return [w.lower().rstrip(".") for w in _WORD.findall(text)]


@lru_cache(maxsize=8)
def _stemmer(name: str) -> snowballstemmer.Stemmer:
    return snowballstemmer.stemmer(name)


@lru_cache(maxsize=65536)
def stem(word: str, lang: str = "en") -> str:
    result: str = _stemmer(language(lang).stemmer).stemWord(word)
    return result


def content_stems(text: str, lang: str = "en") -> list[str]:
    """Stems of the words that carry meaning (the language's stop words dropped)."""
    stop = language(lang).stop_words
    return [stem(w, lang) for w in words(text) if w not in stop and len(w) > 1]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def word_count(text: str) -> int:
    return len(words(text))
