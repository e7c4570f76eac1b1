"""Small SQL helpers shared by repositories."""

from __future__ import annotations


def like_pattern(text: str) -> str:
    """``%text%`` with LIKE wildcards in the user's text escaped (use with ``escape='\\\\'``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
