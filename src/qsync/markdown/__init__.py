"""Markdown with source positions, on mistune, and the two heading slug algorithms."""
