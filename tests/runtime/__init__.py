"""Tests for kiosk/runtime."""
