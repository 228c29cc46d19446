"""A label's word before a text filled in, in the form that text asks for (handouts.words.elision)."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from handouts.words.elision import elided


@pytest.mark.parametrize(
    ("label", "values", "said"),
    [
        ("Preparato il %(date)s", {"date": "8 dicembre 2026"}, "Preparato l’%(date)s"),
        ("Preparato il %(date)s", {"date": "11\u00a0dicembre\u00a02026"}, "Preparato l’%(date)s"),
        ("Preparato il %(date)s", {"date": "1º dicembre 2026"}, "Preparato il %(date)s"),
        ("Preparato il %(date)s", {"date": "18 dicembre 2026"}, "Preparato il %(date)s"),
        ("Chiami il %(phone)s", {"phone": "112"}, "Chiami il %(phone)s"),  # centododici
        ("Chiami il %(phone)s", {"phone": "111"}, "Chiami il %(phone)s"),  # centoundici
        ("ci chiami al %(phone)s", {"phone": Markup("<nobr>800 123 456</nobr>")}, "ci chiami all’%(phone)s"),
        ("Il %(date)s", {"date": "8 dicembre"}, "L’%(date)s"),  # a capital stays one
        ("Profilo %(date)s", {"date": "8 dicembre"}, "Profilo %(date)s"),  # "il" inside a word is not the article
    ],
)
def test_the_italian_article_elides_before_a_vowel(label: str, values: dict[str, object], said: str) -> None:
    assert elided(label, values, "it") == said


@pytest.mark.parametrize(
    ("time", "es", "it"),
    [
        ("1:00", "a la %(time)s", "all’%(time)s"),
        ("01:30", "a la %(time)s", "all’%(time)s"),
        ("1:30\u202fp.m.", "a la %(time)s", "all’%(time)s"),
        ("13:00", "a las %(time)s", "alle %(time)s"),
        ("11:00", "a las %(time)s", "alle %(time)s"),  # once, not one
        ("10:00", "a las %(time)s", "alle %(time)s"),
        ("0:30", "a las %(time)s", "alle %(time)s"),  # "las cero horas": plural
    ],
)
def test_one_oclock_takes_the_singular_article(time: str, es: str, it: str) -> None:
    assert elided("Próxima cita: %(date)s a las %(time)s", {"date": "x", "time": time}, "es-MX").endswith(es)
    assert elided("Prossimo appuntamento: %(date)s alle %(time)s", {"date": "x", "time": time}, "it").endswith(it)


def test_a_language_without_elisions_and_english_are_left_as_written() -> None:
    assert elided("Preparato il %(date)s", {"date": "8 dicembre"}, "en-GB") == "Preparato il %(date)s"
    assert elided("Prepared on %(date)s", {"date": "8 December"}, "de") == "Prepared on %(date)s"


@pytest.mark.parametrize(
    ("clinic", "said"),
    [
        ("Ysbyty Afon", "Cysylltu ag %(clinic)s"),
        ("Apex Physio", "Cysylltu ag %(clinic)s"),
        ("Wrecsam Physio", "Cysylltu ag %(clinic)s"),  # "w" before a consonant is a vowel
        ("Ŵyr Clinic", "Cysylltu ag %(clinic)s"),  # with a circumflex, always
        ("York Physio", "Cysylltu â %(clinic)s"),  # "y" before a vowel is not
        ("Wellbeing Clinic", "Cysylltu â %(clinic)s"),
        ("Birchwood", "Cysylltu â %(clinic)s"),
        ("Harlech Physio", "Cysylltu â %(clinic)s"),
    ],
)
def test_the_welsh_a_is_ag_before_a_vowel(clinic: str, said: str) -> None:
    assert elided("Cysylltu â %(clinic)s", {"clinic": clinic}, "cy") == said


@pytest.mark.parametrize(
    ("clinic", "said"),
    [
        ("Atelier Santé", "Affiche pour le frigo d’%(clinic)s"),
        ("Éclat Kiné", "Affiche pour le frigo d’%(clinic)s"),
        ("Cabinet du Parc", "Affiche pour le frigo de %(clinic)s"),
        ("Hautefort Kiné", "Affiche pour le frigo de %(clinic)s"),  # an h is left as written
        ("Yoga Santé", "Affiche pour le frigo de %(clinic)s"),
    ],
)
def test_the_french_de_elides_before_a_vowel(clinic: str, said: str) -> None:
    assert elided("Affiche pour le frigo de %(clinic)s", {"clinic": clinic}, "fr") == said


def test_a_french_count_of_eight_or_eleven_keeps_its_de() -> None:
    assert elided("%(n)s séries de %(reps)s", {"n": 3, "reps": 8}, "fr") == "%(n)s séries de %(reps)s"


@pytest.mark.parametrize(
    ("time", "said"), [("1:00", "à %(time)s"), ("01:30", "à %(time)s"), ("13:00", "às %(time)s"), ("11:00", "às %(time)s")]
)
def test_portuguese_one_oclock_takes_the_singular_article(time: str, said: str) -> None:
    """A Portuguese appointment read "às 01:30", where one o'clock is singular ("à uma") and every other hour
    plural ("às duas", "às 13:00"), as in Spanish and Italian."""
    assert elided("Próxima consulta: %(date)s às %(time)s", {"date": "x", "time": time}, "pt").endswith(said)
