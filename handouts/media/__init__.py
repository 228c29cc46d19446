"""Fonts, pictures and colours."""
