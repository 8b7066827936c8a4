"""Redaction service for police records units."""

__version__ = "0.1.0"
