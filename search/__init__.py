"""Lectern search layer."""
