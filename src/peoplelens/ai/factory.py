"""The provider the settings ask for."""

from __future__ import annotations

from peoplelens.ai.base import AIProvider
from peoplelens.ai.builtin import BuiltinProvider
from peoplelens.ai.encoders import best_encoder
from peoplelens.config import Settings


def provider_from_settings(settings: Settings) -> AIProvider:
    if settings.ai_provider == "openai":
        from peoplelens.ai.openai_compat import OpenAICompatProvider

        return OpenAICompatProvider(
            base_url=settings.openai_base_url,
            model=settings.openai_model,
            api_key=settings.openai_api_key,
            timeout=settings.openai_timeout_seconds,
            max_attempts=settings.openai_max_attempts,
            fallback=BuiltinProvider(best_encoder(settings.ai_encoder)),
        )
    return BuiltinProvider(best_encoder(settings.ai_encoder))
