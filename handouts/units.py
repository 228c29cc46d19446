"""Units, with reportlab's own arithmetic (reportlab.lib.units) so that sizes match its A4 to the last bit.
Imports nothing: `handouts --help` and the options module use it too."""

INCH = 72.0
MM = INCH / 2.54 * 0.1
