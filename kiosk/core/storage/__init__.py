"""Storage: where things live and how they are written.

Paths, asset lists, the one atomic write, the PIN, settings and the last good content.
"""
