"""Tests for the Qt-free content engine (kiosk.core)."""
