"""Measurements of the kiosk against its budgets, each timed side by side with a bare PySide6 program.

Run ``python -m benchmarks`` (or ``--quick``); see docs/benchmarks.md for the method and the figures.
"""
