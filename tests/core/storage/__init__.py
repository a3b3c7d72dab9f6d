"""Tests for kiosk/core/storage."""
