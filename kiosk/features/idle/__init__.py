"""Idle reset: the Still there? prompt, the reset and the attract loop."""
