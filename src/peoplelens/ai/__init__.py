"""The AI behind interviews: one interface (``base.AIProvider``), two kinds of provider."""
