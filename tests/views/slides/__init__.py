"""Tests for kiosk/views/slides."""
