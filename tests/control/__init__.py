"""Tests for kiosk/control."""
