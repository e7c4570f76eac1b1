"""Dates and date ranges as resumes write them, in English, German, French, Spanish and
Portuguese: "2019 – present", "03/2018 - 06/2021", "Jan 2020 – Heute", "seit 2021"."""

from __future__ import annotations

import re

_MONTH = (
    r"(?:jan(?:uary|uar|vier|v|eiro)?|j[äa]nner|feb(?:ruary|ruar|rero)?|f[ée]v(?:rier|r|ereiro)?|"
    r"mar(?:ch|s|zo|ço|co)?|m[äa]rz|mrz|apr(?:il)?|avr(?:il)?|abr(?:il)?|may|mai|mayo|maio|"
    r"jun(?:e|i|io|ho)?|juin|jul(?:y|i|io|ho)?|juil(?:let)?|aug(?:ust)?|ao[uû]t|ago(?:sto)?|"
    r"sep(?:t(?:ember|embre|iembre)?)?|setiembre|set(?:embro)?|o[ck]t(?:ober|obre|ubre)?|"
    r"out(?:ubro)?|nov(?:ember|embre|iembre|embro)?|de[cz](?:ember|embre|iembre|embro)?|"
    r"d[ée]c(?:embre)?|dic(?:iembre)?)\.?"
)
YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_DATE = (
    rf"(?:{_MONTH}\s+(?:de\s+)?{YEAR}|(?:0?[1-9]|1[0-2])\s*[./-]\s*{YEAR}|"
    rf"{YEAR}\s*[./-]\s*(?:0?[1-9]|1[0-2])(?!\d)|{YEAR})"
)
_NOW = (
    r"(?:present|current|currently|now|today|ongoing|date|heute|bis\s+heute|aktuell|jetzt|"
    r"dato|laufend|aujourd'?hui|aujourd’hui|pr[ée]sent|actuel(?:lement)?|en\s+cours|"
    r"maintenant|actualidad|presente|actual|actualmente|hoy|la\s+fecha|atual|atualmente|"
    r"o\s+momento)"
)
_TO = r"(?:\s*[-–—−]+\s*|\s+(?:to|until|till|bis|à|au|a|al|hasta|até)\s+|\s*[-–—]?\s*>\s*)"
DATE_RANGE = re.compile(
    rf"(?<![\w/.]){_DATE}{_TO}(?:{_DATE}|{_NOW})(?![\w/])"
    rf"|(?<!\w)(?:seit|since|depuis|desde|dal|from|ab)\s+{_DATE}(?![\w/])",
    re.IGNORECASE,
)
ANY_YEAR = re.compile(rf"(?<!\d){YEAR}(?!\d)")


def has_date_range(line: str) -> bool:
    return DATE_RANGE.search(line) is not None


def only_dates(line: str) -> bool:
    """The line is a date or a date range and nothing else ("03/2019 – present")."""
    rest = DATE_RANGE.sub("", line)
    rest = re.sub(_DATE, "", rest, flags=re.IGNORECASE)
    return not re.sub(r"[\s,;|•·()\[\]\-–—:]+", "", rest) and bool(ANY_YEAR.search(line))
