"""Development-time tools (never imported by the running kiosk)."""
