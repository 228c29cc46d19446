"""Where a line must not break: phone numbers, titles and numbers' unit symbols in running text."""

from __future__ import annotations

import pytest

from handouts.words.ties import (
    NBSP,
    entry_tied,
    marks_tied,
    one_letter_words_tied,
    phone_runs,
    phones_tied,
    tie_language,
    titles_tied,
    typed_tied,
    units_tied,
)


@pytest.mark.parametrize(
    ("text", "tied"),
    [
        ("Call us at (555) 201-4477 now.", f"Call us at (555){NBSP}201-4477 now."),
        ("Ruf an: +49 30 12345678.", f"Ruf an: +49{NBSP}30{NBSP}12345678."),
        ("Tel +44 (0)1632 960123", f"Tel +44{NBSP}(0)1632{NBSP}960123"),
        ("04 78 12 34 56", f"04{NBSP}78{NBSP}12{NBSP}34{NBSP}56"),
    ],
)
def test_a_phone_number_is_kept_on_one_line(text: str, tied: str) -> None:
    assert phones_tied(text) == tied


@pytest.mark.parametrize("text", ["Do 3 sets of 10 reps, 2 times a day", "Call 999 or 111", "In 2026 20 people", "no digits"])
def test_counts_and_short_numbers_may_break(text: str) -> None:
    assert phones_tied(text) == text


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("01632 960 123", [("01632 960 123", True)]),
        ("0800 HANDOUT", [("0800 HANDOUT", True)]),  # spelled in capitals: a number, kept whole
        ("(555) 201-4477 x12", [("(555) 201-4477 x12", True)]),
        (
            "+44 1632 960 123 ext. 4567 / out of hours 01632 960 999",
            [("+44 1632 960 123 ext. 4567", True), (" / out of hours ", False), ("01632 960 999", True)],
        ),
        ("Tel: 01632 960123 (Mon-Fri)", [("Tel: ", False), ("01632 960123", True), (" (Mon-Fri)", False)]),
        ("01632 960 123 ext. 1234567", [("01632 960 123 ext. 1234567", True)]),  # a long extension is no number
        # typed without spaces, or spelled in capitals: a number too, kept whole beside another
        ("01632960123 x 1234 / 07700 900 123", [("01632960123 x 1234", True), (" / ", False), ("07700 900 123", True)]),
        ("01632 960 123 / 0800 HANDOUT", [("01632 960 123", True), (" / ", False), ("0800 HANDOUT", True)]),
        ("1-800-FLOWERS or 555 0199", [("1-800-FLOWERS", True), (" or ", False), ("555 0199", True)]),
        ("Call 999 or 111", [("Call 999 or 111", False)]),
    ],
)
def test_a_phone_field_is_its_numbers_and_the_words_between(text: str, runs: list[tuple[str, bool]]) -> None:
    assert phone_runs(text) == runs
    assert "".join(run for run, _ in runs) == text


def test_a_hostile_phone_field_is_read_at_once() -> None:
    text = "1 " * 50_000 + "A" + " 1-" * 50_000 + "AB " * 20_000
    assert "".join(run for run, _ in phone_runs(text)) == text  # no backtracking over the runs


def test_a_hostile_run_of_digits_is_read_at_once() -> None:
    text = "1 " * 50_000 + "(1)" * 20_000 + "1-" * 50_000
    assert phones_tied(text).replace(NBSP, " ") == text  # read in one pass: no backtracking over the run


@pytest.mark.parametrize(
    ("text", "tied"),
    [
        ("Therapie Dr. Müller-Lüdenscheidt", f"Therapie Dr.{NBSP}Müller-Lüdenscheidt"),
        ("Prof. Nowak and St. John", f"Prof.{NBSP}Nowak and St.{NBSP}John"),
        ("A. B. Smith", f"A.{NBSP}B.{NBSP}Smith"),
        ("Rest your knee. Then lift it.", "Rest your knee. Then lift it."),  # a sentence's end may break
        ("Made in the USA. Then", "Made in the USA. Then"),
    ],
)
def test_a_title_is_kept_with_the_name_after_it(text: str, tied: str) -> None:
    assert titles_tied(text) == tied


@pytest.mark.parametrize(
    ("text", "tied"),
    [
        ("Üben Sie z. B. morgens, d. h. vor dem Frühstück", f"Üben Sie z.{NBSP}B.{NBSP}morgens, d.{NBSP}h. vor dem Frühstück"),
        ("Dehnen Sie u. a. die Wade", f"Dehnen Sie u.{NBSP}a. die Wade"),
        ("Langsam, d. h. ohne Schwung", f"Langsam, d.{NBSP}h. ohne Schwung"),
        ("Stretch at 3 p.m. or 4 p. m. daily", f"Stretch at 3 p.m. or 4 p.{NBSP}m. daily"),
    ],
)
def test_a_spaced_abbreviation_is_kept_on_one_line(text: str, tied: str) -> None:
    assert typed_tied(text) == tied  # in print and on the screen alike


@pytest.mark.parametrize(
    ("text", "tied"),
    [
        ("Squeeze 10 s, relax 5 s.", f"Squeeze 10{NBSP}s, relax 5{NBSP}s."),
        ("Walk 500 m, lift 2 kg, 37 °C, 50 %", f"Walk 500{NBSP}m, lift 2{NBSP}kg, 37{NBSP}°C, 50{NBSP}%"),
        ("Do 10 sets of 3 min", f"Do 10 sets of 3{NBSP}min"),  # a word after a number may break; a symbol not
        ("Hold 10 seconds, 2 mins or 3 minutes", "Hold 10 seconds, 2 mins or 3 minutes"),
        # a time's abbreviation, as a German, Polish, Italian or Spanish sheet writes it: "10 / Sek. lang" broke
        ("Halten Sie 10 Sek. lang, ca. 15 Min., 2 Std.", f"Halten Sie 10{NBSP}Sek. lang, ca. 15{NBSP}Min., 2{NBSP}Std."),
        (
            "Trzymaj 30 sek., 2 godz.; tenere 30 sec.; 30 seg.",
            f"Trzymaj 30{NBSP}sek., 2{NBSP}godz.; tenere 30{NBSP}sec.; 30{NBSP}seg.",
        ),
        ("Nach 10 Minuten, 3 Sekunden", "Nach 10 Minuten, 3 Sekunden"),  # words, not abbreviations: may break
        # a US sheet's units and times: "a pillow about 6 / in thick" parted a number of inches from its "in"
        (
            "A pillow 6 in thick, walk 1 mi, 10 yd, hold 30 sec, 2 hr; tenga 30 seg, trzymaj 30 sek",
            f"A pillow 6{NBSP}in thick, walk 1{NBSP}mi, 10{NBSP}yd, hold 30{NBSP}sec, 2{NBSP}hr; tenga 30{NBSP}seg, "
            f"trzymaj 30{NBSP}sek",
        ),
        ("3 in 10 people, 10 inches", f"3{NBSP}in 10 people, 10 inches"),  # "in" after a count: a tie costs no more
    ],
)
def test_a_number_is_kept_with_its_unit_symbol(text: str, tied: str) -> None:
    assert units_tied(text) == tied


@pytest.mark.parametrize(
    ("text", "tied"),
    [
        ("Reviews. 2021 Sep 28;(9):CD009790.", f"Reviews. 2021{NBSP}Sep{NBSP}28;(9):CD009790."),  # Vancouver
        ("NICE; 2016 Nov [cited 2026 Oct 1].", f"NICE; 2016 Nov [cited 2026{NBSP}Oct{NBSP}1]."),
        ("NHS. (2021, September 28). Back pain.", f"NHS. (2021,{NBSP}September{NBSP}28). Back pain."),  # APA
        ("(Accessed: 9 May 2022)", f"(Accessed:{NBSP}9{NBSP}May{NBSP}2022)"),
        ("Medicine, 166(22), pp. 2533-2538.", "Medicine, 166(22), pp. 2533-2538."),
    ],
)
def test_a_reference_date_is_kept_on_one_line(text: str, tied: str) -> None:
    assert entry_tied(text) == tied


MONTHS = frozenset({"Nov", "November", "Mar", "March", "May"})


@pytest.mark.parametrize(
    ("text", "tied"),
    [
        ("Health A to Z. 2016 Nov;12:12-21.", f"Health A to Z. 2016{NBSP}Nov;12:12-21."),  # Vancouver
        ("NICE; 2016 Nov [cited 2026 Oct 1].", f"NICE; 2016{NBSP}Nov [cited 2026{NBSP}Oct{NBSP}1]."),
        ("Perlman, J. (2019a, November). Knee pain.", f"Perlman,{NBSP}J. (2019a,{NBSP}November). Knee pain."),  # APA
        ("Health A to Z. Published March 2016.", f"Health A to Z. Published March{NBSP}2016."),  # AMA
        ("Summary. 2016 Novel approaches.", "Summary. 2016 Novel approaches."),  # not a month: a word it begins
        ("Marching 2016 results.", "Marching 2016 results."),
    ],
)
def test_a_reference_date_of_a_year_and_a_month_is_kept_on_one_line(text: str, tied: str) -> None:
    assert entry_tied(text, MONTHS) == tied


@pytest.mark.parametrize(
    ("text", "tied"),
    [
        ("Arrondir, puis creuser ?", f"Arrondir, puis creuser{NBSP}?"),
        ("Cabinet « Les Tilleuls » : Lyon ; 7e !", f"Cabinet «{NBSP}Les Tilleuls{NBSP}»{NBSP}: Lyon{NBSP}; 7e{NBSP}!"),
        ("Stop: rest; then walk! Ready?", "Stop: rest; then walk! Ready?"),  # no space before the mark: as typed
        ("Sagen Sie »Stopp« und ruhen Sie", "Sagen Sie »Stopp« und ruhen Sie"),  # German quotes: no space inside
        ("Hun siger ›nej‹ til det", "Hun siger ›nej‹ til det"),
    ],
)
def test_a_mark_set_off_by_a_space_is_kept_with_its_word(text: str, tied: str) -> None:
    assert marks_tied(text) == tied


def test_a_word_of_one_letter_is_kept_with_the_next() -> None:
    text = "Nie krzyżuj nóg ani w siadzie, ani w leżeniu i z boku."
    tied = f"Nie krzyżuj nóg ani w{NBSP}siadzie, ani w{NBSP}leżeniu i{NBSP}z{NBSP}boku."
    assert one_letter_words_tied(text) == tied
    assert one_letter_words_tied("Ćwicz 3 razy, 90° w górę") == f"Ćwicz 3 razy, 90° w{NBSP}górę"  # not a number


@pytest.mark.parametrize(
    ("text", "language", "tied"),
    [
        ("Praktijk van der Berg, Piet de Vries", "nl-NL", f"Praktijk van{NBSP}der{NBSP}Berg, Piet de{NBSP}Vries"),
        ("Van Damme en De Smet, van 't Hof", "nl-BE", f"Van{NBSP}Damme en De{NBSP}Smet, van{NBSP}'t{NBSP}Hof"),
        ("Vraag het de arts van de praktijk", "nl", "Vraag het de arts van de praktijk"),  # no name: may break
        ("Massage der Wade, an den Oberschenkel", "de", "Massage der Wade, an den Oberschenkel"),  # German articles
        (
            "Pomaga ok. 30% osób, np. 3 razy, ul. Długa 5, nr 7",
            "pl-PL",
            f"Pomaga ok.{NBSP}30% osób, np.{NBSP}3 razy, ul.{NBSP}Długa 5, nr{NBSP}7",
        ),
        ("It is ok. 30 people came", "en-GB", "It is ok. 30 people came"),  # Polish abbreviations in Polish only
        ("About 30 % of people", "en-GB", f"About 30{NBSP}% of people"),  # a number and "%": in every language
    ],
)
def test_the_ties_of_a_language_are_made_in_that_language_only(text: str, language: str, tied: str) -> None:
    assert typed_tied(text, tie_language(language)) == tied
