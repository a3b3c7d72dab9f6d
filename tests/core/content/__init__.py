"""Tests for kiosk/core/content."""
