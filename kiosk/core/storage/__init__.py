"""Storage: where things live and how they are written; it knows nothing of content.

Paths, asset lists, the one atomic write, the PIN and settings.
"""
