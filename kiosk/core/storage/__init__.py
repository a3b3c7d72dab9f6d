"""Where things live and how they are written: paths, asset lists, the one atomic write, the PIN, settings and the last good content."""
