"""Built-in interviewer personas. A template names one; its style shapes the wording."""

from __future__ import annotations

from peoplelens.ai.base import Persona

AVATARS: tuple[Persona, ...] = (
    Persona("ava-warm-en", "Ava", "en", "warm"),
    Persona("ava-formal-en", "Henry", "en", "formal"),
    Persona("ava-direct-en", "Sam", "en", "direct"),
    Persona("ava-warm-de", "Lena", "de", "warm"),
    Persona("ava-warm-fr", "Camille", "fr", "warm"),
    Persona("ava-warm-es", "Lucía", "es", "warm"),
    Persona("ava-warm-pt", "Beatriz", "pt", "warm"),
)
DEFAULT_AVATAR = AVATARS[0]


def avatar(avatar_id: str | None) -> Persona:
    for persona in AVATARS:
        if persona.id == avatar_id:
            return persona
    return DEFAULT_AVATAR


def avatar_for(language: str) -> Persona:
    """The warm persona of a language (English when there is none)."""
    return next((p for p in AVATARS if p.language == language), DEFAULT_AVATAR)
