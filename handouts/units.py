"""Units, with reportlab's own arithmetic (reportlab.lib.units) so that sizes match its A4 to the last bit.
Imports nothing: `handouts --help` and the options module use it too."""

INCH = 72.0
MM = INCH / 2.54 * 0.1
FOOT = 0.3048  # metres
# Where distances are given in feet (the poster's reading distance in `check`'s notes); metres elsewhere.
FEET_COUNTRIES = frozenset({"US", "LR", "MM"})


def distance(metres: float, country: str) -> str:
    """A distance as the clinic's country says it: "about 2.3 m", or "about 7.5 ft" where feet are used."""
    if country in FEET_COUNTRIES:
        return f"about {metres / FOOT:.1f} ft"
    return f"about {metres:.1f} m"
