"""The resumes of the test set, one module per person (see README.md)."""
