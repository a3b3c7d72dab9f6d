"""Tests for kiosk/features/presenter."""
