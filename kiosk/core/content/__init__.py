"""Content: the YAML reader, the closed model and slide registry, the loader, errors, the schema, the translators' sheet, markup and the kiosk's own words."""
