"""Where uploaded files live: one interface (``base.FileStorage``), a directory or an
S3-compatible bucket behind it; ``peoplelens.documents.storage`` builds one from the settings.

Nothing is re-exported here: ``config.py`` imports ``location.py`` to validate
``PEOPLELENS_STORAGE_URL``, so this package must import without the settings module.
"""
