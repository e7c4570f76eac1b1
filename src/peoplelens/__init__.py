"""PeopleLens: AI-led job interviews and candidate pipelines behind a PeopleLens-compatible API."""

__version__ = "0.1.0"
