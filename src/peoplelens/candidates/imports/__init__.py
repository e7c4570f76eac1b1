"""CSV import of candidates (spec §14): ``parsing`` (how a file is read), ``batches`` (what
happens to each row), ``service`` (starting and running an import), ``tasks`` (the worker's
run) and ``endpoints``."""
