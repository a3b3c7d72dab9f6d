"""Tests for the idle reset."""
