"""Tests for kiosk/features/reload."""
