"""shapelint: find numpy shape bugs before the code runs."""

__version__ = "0.1.0"
