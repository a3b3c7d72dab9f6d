"""The kiosk's tests; the folders mirror the package."""
