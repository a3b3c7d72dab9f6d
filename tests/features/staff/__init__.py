"""Tests for the staff feature."""
