"""The words around the author's: labels and catalogs, dates, dose wording, citations and references, Markdown."""
