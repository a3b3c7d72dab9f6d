"""Content: the YAML reader, the closed model, the loader, errors, schema and sheet.

Also the slide registry (``SLIDE_TYPES`` in the model), markup and the kiosk's own words.
"""
