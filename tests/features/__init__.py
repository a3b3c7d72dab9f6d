"""Tests for the operational features, one folder per feature."""
