"""The engagement log: anonymous visits, slide views and answers, kept on this laptop only.

schema.py holds the SQLite tables and their migrations; log.py the writer that commits events off
the UI thread; visits.py the visit logic that turns input and page changes into events;
report.py reads one or many logs back, merges them by event id and writes the CSV files.
Nothing here imports Qt.
"""
