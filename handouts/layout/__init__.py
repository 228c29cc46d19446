"""Layouts: the Jinja sandbox, the layout XML's schema, and the typed document nodes it is parsed into."""
