"""Lectern ui layer."""
