"""Content: the YAML reader, the closed model, the loader, errors, schema and sheet.

Also the slide registry (``SLIDE_TYPES`` in the model), markup, the kiosk's own words and the
last good copy of the content.
"""
