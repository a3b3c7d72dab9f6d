"""Process-level code: the crash supervisor, the log file, memory hand-back."""
