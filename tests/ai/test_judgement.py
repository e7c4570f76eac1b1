"""The built-in assessor on the HELD-OUT split of tests/ai/data (never tuned on): the bars of
issue 12, scored the way an ATS sees a scorecard (one interview per role and label).

No database is involved, so it runs on the SQLite pass only (CI runs the suite twice).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bench.judgement import Tally, evaluate

from peoplelens.ai.builtin import BuiltinProvider
from peoplelens.ai.encoders import LexicalEncoder, MiniLMEncoder, best_encoder
from tests.ai.dataset import roles
from tests.databases import POSTGRES_ADMIN_URL

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(POSTGRES_ADMIN_URL), reason="no database: the SQLite pass runs it"),
]


def _share(values: list[bool]) -> float:
    return sum(values) / len(values)


@pytest.fixture(scope="module")
def english() -> Iterator[dict[str, Tally]]:
    encoder = best_encoder()
    assert isinstance(encoder, MiniLMEncoder), "the default install ships the sentence encoder"
    tallies, _ = evaluate(BuiltinProvider(encoder), roles("en", "test"))
    yield tallies


def test_ordering_and_words_against_substance(english: dict[str, Tally]) -> None:
    overall = english["overall"]
    assert overall.roles >= 10
    assert _share(overall.pairs) >= 0.90
    assert _share(overall.question_pairs) >= 0.90
    assert _share(overall.plain_over_stuffed) >= 0.90
    assert _share(overall.question_plain_over_stuffed) >= 0.90
    for family, tally in english.items():
        if family.startswith("en/"):
            assert _share(tally.pairs) >= 0.8, family


def test_nothing_answered_on_topic_is_insufficient(english: dict[str, Tally]) -> None:
    overall = english["overall"]
    for label in ("strong", "plain_strong", "weak"):
        assert overall.insufficient[label] == 0, label
    assert overall.question_insufficient["strong"] == 0
    assert overall.question_insufficient["plain_strong"] == 0


def test_recommendations_and_unanswered_interviews(english: dict[str, Tally]) -> None:
    overall = english["overall"]
    assert _share(overall.strong_hire) >= 0.90
    assert _share(overall.weak_no_hire) >= 0.90
    assert _share(overall.stuffed_no_hire) >= 0.90
    assert overall.unanswered_confident == 0


def test_other_languages_order_answers() -> None:
    """German, French, Spanish, Portuguese: read by their own stems and cue phrases."""
    tallies, _ = evaluate(
        BuiltinProvider(best_encoder()), (r for r in roles(split="test") if r.language != "en")
    )
    for language in ("de", "fr", "es", "pt"):
        tally = tallies[language]
        assert tally.roles == 2
        assert _share(tally.pairs) >= 0.8, language
        assert _share(tally.plain_over_stuffed) == 1.0, language
        assert tally.insufficient["strong"] == tally.insufficient["weak"] == 0, language
        assert tally.unanswered_confident == 0, language


def test_the_lexical_fallback_still_orders_answers() -> None:
    tallies, _ = evaluate(BuiltinProvider(LexicalEncoder()), roles("en", "test"))
    overall = tallies["overall"]
    assert _share(overall.pairs) >= 0.90
    assert _share(overall.plain_over_stuffed) >= 0.90
    assert overall.insufficient["strong"] == overall.insufficient["weak"] == 0
