"""handouts: clinic-branded patient handouts and posters from a routine kept as text."""

__version__ = "0.1.0"
