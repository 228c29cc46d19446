"""The brand's country: an ISO 3166 code, and a hint with the code where a name or a common alias is given."""

from __future__ import annotations

import pytest

from handouts.input.models import country_code


@pytest.mark.parametrize(("given", "code"), [("GB", "GB"), ("us", "US"), ("De", "DE")])
def test_a_code_in_any_case_is_taken(given: str, code: str) -> None:
    assert country_code(given) == code


@pytest.mark.parametrize(
    ("given", "hint"),
    [
        ("UK", "(the code for UK is GB)"),  # not ISO 3166's code for the United Kingdom
        ("Scotland", "(the code for Scotland is GB)"),
        ("USA", "(the code for USA is US)"),
        ("United States", "(the code for United States is US)"),
        ("germany", "(the code for germany is DE)"),
        # as the clinic's own language names it
        ("Deutschland", "(the code for Deutschland is DE)"),
        ("España", "(the code for España is ES)"),
        ("Polska", "(the code for Polska is PL)"),
        ("Cymru", "(the code for Cymru is GB)"),
    ],
)
def test_a_name_is_answered_with_its_code(given: str, hint: str) -> None:
    with pytest.raises(ValueError, match="expected a country code like GB, IE, DE or US") as error:
        country_code(given)
    assert str(error.value).endswith(hint)


@pytest.mark.parametrize("given", ["Narnia", "ZZ", "EU", "", 12, None])  # ZZ: "Unknown Region"; EU: a union
def test_anything_else_is_refused_without_a_guess(given: object) -> None:
    with pytest.raises(ValueError, match="expected a country code") as error:
        country_code(given)
    assert "(the code for" not in str(error.value)


def test_the_codes_are_those_cldr_names_in_english() -> None:
    """COUNTRIES come from Babel's global data; they are the regions CLDR gives English names to, less those
    that are no country: a Babel whose two lists part would take or refuse a country it should not."""
    from babel import Locale

    from handouts.input.models import COUNTRIES, NOT_COUNTRIES

    named = {code for code in Locale.parse("en").territories if code.isalpha() and len(code) == 2}
    assert named - NOT_COUNTRIES == COUNTRIES
    assert {"GB", "IE", "DE", "US", "BR", "PL"} <= COUNTRIES and not COUNTRIES & NOT_COUNTRIES


def test_knowing_the_codes_reads_no_locale_data() -> None:
    """Loading the input models reads no locale's data (the English one, 240 KB, was read for the codes alone):
    a routine in another language reads only its own."""
    import subprocess
    import sys

    probe = "import babel.localedata as d, handouts.input.models; print(sorted(d._cache))"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip() == "[]"
