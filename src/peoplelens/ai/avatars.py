"""Built-in interviewer personas. A template names one; its style shapes the wording."""

from __future__ import annotations

from peoplelens.ai.base import Persona

AVATARS: tuple[Persona, ...] = (
    Persona("ava-warm-en", "Ava", "en", "warm"),
    Persona("ava-formal-en", "Henry", "en", "formal"),
    Persona("ava-direct-en", "Sam", "en", "direct"),
    Persona("ava-warm-de", "Lena", "de", "warm"),
)
DEFAULT_AVATAR = AVATARS[0]


def avatar(avatar_id: str | None) -> Persona:
    for persona in AVATARS:
        if persona.id == avatar_id:
            return persona
    return DEFAULT_AVATAR
