"""Live reload: one watcher of the content folder, used for live edits and for recovery from the error page."""
