"""MIRO outreach kiosk: a bilingual touchscreen slide deck driven by YAML content."""

__version__ = "0.1.0"
