"""Figures for speed and size: ``python -m benchmarks.run`` (see README, "Performance")."""
