"""Lectern resources layer."""
