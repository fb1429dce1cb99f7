"""Helpers for testing the library and criteria packs: hypothesis strategies and example cases."""
