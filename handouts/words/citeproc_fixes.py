"""Where citeproc-py departs from the CSL 1.0.2 specification, corrected to print what citeproc-js (Zotero,
Mendeley) prints. Applied once, when `handouts.words.citeproc_format` is imported.

Each correction replaces one small piece of citeproc-py's model and says which rule of the specification it
restores. The oracle tests (tests/test_citeproc_oracle.py) compare every shipped style with citeproc-js, so an
upgrade of citeproc-py that changes these internals fails there, not on a patient's sheet.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from typing import Any

from citeproc import model
from citeproc.string import MixedString, NoCase

# citeproc-js's words kept lower case in title case (CSL.SKIP_WORDS, one-word entries).
STOP_WORDS = frozenset(
    """about above across afore after against al along alongside amid amidst among amongst anenst apropos apud around
    as aside astride at athwart atop barring before behind below beneath beside besides between beyond but by circa
    despite down during et except for forenenst from given in inside into lest like modulo near next notwithstanding
    of off on onto out over per plus pro qua sans since than through thru throughout thruout till to toward towards
    under underneath until unto up upon versus vs. v. vs v via vis-\u00e0-vis with within without or yet so and nor
    a an the de d' d\u2019 von van c ca""".split()  # noqa: SIM905 (the list as citeproc-js writes it)
)


_citing = threading.local()  # while a cite renders: the names it printed first, and whether to leave them out


def _render_cite(layout: Any, item: Any, without_names: bool) -> tuple[Any, str]:
    """A cite as the layout renders it, and the text its first names printed (its author, or what stands in for
    one); with `without_names`, the cite without those names ("2020b" for "Smith, 2020b")."""
    layout.repressed = {}
    _citing.names, _citing.leave_out = None, without_names
    try:
        return layout.render_children(item), _citing.names or ""
    finally:
        del _citing.names, _citing.leave_out


def _numbers_collapsed(layout: Any, rendered: list[tuple[Any, str, str]]) -> list[tuple[str, bool]]:
    """collapse="citation-number": a run of three or more consecutive numbers, each cite printing its number
    alone, as its first and last joined by an en dash ("1\u20133,5")."""
    out: list[tuple[str, bool]] = []
    run: list[tuple[int, str]] = []

    def flush() -> None:
        if len(run) > 2:
            out.append((f"{run[0][1]}\u2013{run[-1][1]}", True))
        else:
            out.extend((text, False) for _, text in run)
        run.clear()

    for item, text, _ in rendered:
        number = getattr(item, "number", None)
        if isinstance(number, int) and _plain_key(str(text), "").strip() == str(number):
            if run and run[-1][0] != number - 1:
                flush()
            run.append((number, text))
        else:
            flush()
            out.append((text, False))
    flush()
    return out


def _years_collapsed(layout: Any, rendered: list[tuple[Any, str, str]]) -> list[tuple[str, bool]]:
    """collapse="year": a cite whose names print as the cite's before it does prints without them, after that
    cite ("Smith, 2020a, 2020b", "Atkins, n.d.-a, n.d.-b")."""
    joined = layout.getparent().get("cite-group-delimiter", ", ")
    out: list[tuple[str, bool]] = []
    previous = ""
    for item, text, names in rendered:
        if names and names == previous and not item.get("prefix") and not item.get("suffix"):
            alone, _ = _render_cite(layout, item, without_names=True)
            if alone:
                out[-1] = (f"{out[-1][0]}{joined}{alone}", True)
                continue
        out.append((text, False))
        previous = names
    return out


def _render_citation(self: Any, citation: Any, callback: Any) -> Any:
    """Cites in the order the text gives them, then by the style's own <sort> if it has one (CSL: "cites
    appear in the order given" unless sorted); citeproc-py first sorted them into the reference list's order.
    Then collapsed as the style's `collapse` asks, which citeproc-py does not do: "citation-number" ("1\u20133"),
    "year" and its kinds (the names once for cites in a row that print the same names: "Smith, 2020a, 2020b")."""
    good_cites = [cite for cite in citation.cites if not cite.is_bad()]
    bad_cites = [cite for cite in citation.cites if cite.is_bad()]
    if self.getparent().sort is not None:
        good_cites = self.getparent().sort.sort(good_cites, self)
    rendered = []
    for item in good_cites:
        try:
            output, names = _render_cite(self, item, without_names=False)
        except model.VariableError:
            continue
        if output is not None:
            rendered.append((item, item.get("prefix", "") + output + item.get("suffix", ""), names))
            self.getparent().cites.append(item)
    collapse = self.getparent().get("collapse") or ""
    if collapse == "citation-number":
        parts = _numbers_collapsed(self, rendered)
    elif collapse.startswith("year"):
        parts = _years_collapsed(self, rendered)
    else:
        parts = [(text, False) for _, text, _ in rendered]
    parts.extend((callback(item) or f"{item.key}?", False) for item in bad_cites)
    delimiter = self.get("delimiter", "")
    after = self.getparent().get("after-collapse-delimiter", delimiter)
    text = "".join(
        f"{part}{(after if collapsed else delimiter) if index < len(parts) - 1 else ''}"
        for index, (part, collapsed) in enumerate(parts)
    )
    return self.format(self.wrap(text))


_names_process = model.Names.process
_substitute_render = model.Substitute.render
_substituting = threading.local()  # the (element tag, variable) pairs printed inside each <substitute> being rendered


def _printed_inside_substitute(element: Any, variable: str) -> None:
    for printed in getattr(_substituting, "stack", []):
        printed.add((element.tag, variable))


def _substitute_suppressing_all_it_printed(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    """Every variable a <substitute> printed is suppressed in the rest of the entry (CSL: "substituted variables
    are suppressed in the rest of the output"), those a macro or a <choose> in it printed too: citeproc-py
    suppressed only a <text variable> or <names> written directly in it, and an entry without authors printed
    its title twice ("Knee care (2020) Knee care. Available at: ...")."""
    stack = _substituting.__dict__.setdefault("stack", [])
    printed: set[tuple[str, str]] = set()
    stack.append(printed)
    try:
        text = _substitute_render(self, item, context, **kwargs)
    finally:
        stack.pop()
    if text and printed:
        repressed = (context if context is not None else self).get_layout().repressed
        for tag, variable in printed:
            repressed.setdefault(tag, []).append(variable)
    return text


def _names_without_substituted(self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
    """A name variable that stood in for the author is not printed again (CSL: "substituted variables are
    suppressed in the rest of the output"): no "Clarke S (eds) … Edited by S. Clarke" for an edited book."""
    first = getattr(_citing, "names", "") is None  # the first names a cite prints (see _render_cite)
    if first and _citing.leave_out:
        _citing.names = ""
        return None
    if first:
        _citing.names = ""  # names printed inside these (a substitute's editors) are not the first
    layout = (context if context is not None else self).get_layout()
    repressed = {part for variables in layout.repressed.values() for variable in variables for part in (variable or "").split()}
    roles = self.get("variable", "").split()
    kept = [role for role in roles if role not in repressed]
    if kept != roles:
        self.set("variable", " ".join(kept) or "-")
    try:
        text = _names_process(self, item, names_context, context, **kwargs)
    finally:
        self.set("variable", " ".join(roles))
    if text:
        for role in kept:
            _printed_inside_substitute(self, role)
    if first:
        _citing.names = _plain_key(str(text or ""), "")
    return text


def _single_date(self: Any, date: Any, show_parts: Any = None, context: Any = None) -> Any:
    """A localized date (form="text"/"numeric") joins its parts with the delimiter the locale gives it,
    unless the calling date sets its own: "2022 May 9" in Vancouver, where citeproc-py printed "2022May9"."""
    parts = self.parts(date, show_parts, context) if context is not self else self.parts(date, show_parts)
    if not parts:
        return None
    if not self.is_locale_date() or context is None:
        return self.join(parts)
    return context.join(parts, self.get("delimiter", ""))


_SIGNIFICANCE = ("year", "month", "day")


def _date_value(date: Any, part: str) -> Any:
    """A date's year, month (or season) or day; None where it has none."""
    for name in (part, "season") if part == "month" else (part,):
        try:
            value = date.get(name)
        except (AttributeError, model.VariableError):
            value = None
        if value:
            return value
    return None


def _date_range(self: Any, date_range: Any, show_parts: Any = None, context: Any = None) -> Any:
    """A range of dates as CSL prints one: the parts from the largest that differs printed twice, joined by its
    date-part's range delimiter (an en dash), the parts they share once, where the date puts them ("2\u20135
    March 2019", "March 2\u20135, 2019", "2019 Mar 2\u20135"); a range whose dates are alike in every part the
    date shows as one date ("2019" for March to May 2019). citeproc-py printed nothing but a year suffix for that
    one, and failed on a range of days in a style's own date."""
    shown = [part for part in self.iterchildren() if part.get("name") in (show_parts or _SIGNIFICANCE)]
    names = [part.get("name") for part in shown]
    begin, end = date_range.begin, date_range.get("end")
    differing = next(
        (
            name
            for name in _SIGNIFICANCE
            if name in names and end is not None and _date_value(begin, name) != _date_value(end, name)
        ),
        None,
    )
    if differing is None or end is None or end.is_nil():
        return self.render_single_date(begin, names, context)
    diff = [name for name in names if _SIGNIFICANCE.index(name) >= _SIGNIFICANCE.index(differing)]
    first = names.index(diff[0])
    before = [name for name in names[:first] if name not in diff]
    after = [name for name in names if name not in diff and name not in before]
    delimiter = next(part for part in shown if part.get("name") == differing).get("range-delimiter", "\u2013")
    opening = self.render_single_date(begin, before + diff, context)
    closing = self.render_single_date(end, diff + after, context)
    if not opening or not closing:
        return None
    # The range's own ends without the affixes of the parts that meet at its dash ("marzo-mayo de 2018", not
    # "marzo de-mayo de 2018", the dash an en dash)
    opening, closing = str(opening), str(closing)
    suffix, prefix = _date_affix(self, diff[-1], "suffix", context), _date_affix(self, diff[0], "prefix", context)
    opening = opening[: -len(suffix)] if suffix and opening.endswith(suffix) else opening
    closing = closing[len(prefix) :] if prefix and closing.startswith(prefix) else closing
    return opening.rstrip() + delimiter + closing.lstrip()


def _date_affix(date: Any, name: str, affix: str, context: Any) -> str:
    """A date-part's prefix or suffix: the style's, where it sets one for a localized date, else the date's own."""
    for holder in (context, date) if context is not None and context is not date else (date,):
        for part in holder.iterchildren():
            if part.get("name") == name and part.get(affix) is not None:
                return str(part.get(affix))
    return ""


_initialize = model.Name.initialize
_INITIAL = re.compile(r"[^\W\d_]\.?")


def _initials_marked(given: str, mark: str) -> str:
    """A given name kept whole, its initials with the style's mark as citeproc-js normalizes them ("Jane P" and
    "E" are "Jane P." and "E." in Chicago, "J.R." is "J. R."); its other words as typed."""
    out = ""
    for word in re.sub(r"\.(?=\S)", ". ", given).split():
        out += f"{word[0]}{mark}" if _INITIAL.fullmatch(word) and word[0].isupper() else f"{word} "
    return " ".join(out.split())


_GIVEN_WORD = re.compile(r"[^.\s]+\.?")  # a given name's word, with the full stop typed after it ("a.b." is "a." "b.")


def _initialized_with_lower_case(given: str, mark: str, hyphen: bool) -> str:
    """A Latin given name with a word or part in lower case initialized as citeproc-js does: the lower-case word as
    typed ("john P."), a lower-case part after a hyphen left out ("Mary-jane" is "M."). citeproc-py put its mark
    where no initial was ("Fam, . john P.", "J.-. luc .")."""
    out = ""
    for word in _GIVEN_WORD.findall(given if hyphen else given.replace("-", " ")):
        if not word[0].isupper():
            parts = word.split("-")
            out += " " + "-".join([parts[0], *(part[0] + mark.strip() for part in parts[1:] if part[:1].isupper())]) + " "
            continue
        parts = [part for part in word.split("-") if part[:1].isupper()]
        out += "-".join(part[0] + mark.strip() for part in parts[:-1]) + ("-" if len(parts) > 1 else "") + parts[-1][0] + mark
    return " ".join(out.split())


def _initialize_unless_told_not(self: Any, given: str, mark: str, context: Any) -> Any:
    """initialize="false" keeps given names whole ("Ali, Amna" in Chicago), as CSL says; citeproc-py
    initialized them whenever the style set initialize-with. A name in a script without capitals (Arabic,
    Hebrew) is initialized too ("\u0627\u0644\u062d\u0633\u0646, \u0639."): citeproc-py took its words
    for lower-case particles and printed ". \u0639\u0644\u064a ."."""
    if self.get("initialize") == "false":
        return _initials_marked(given, mark)
    if not any(part[:1].isalpha() and part[:1].upper() == part[:1].lower() for part in given.split()):
        if any(part[:1].islower() for part in re.split(r"[\s.-]+", given)):
            return _initialized_with_lower_case(given, mark, self.get_option("initialize-with-hyphen", context))
        return _initialize(self, given, mark, context)
    words = given.replace("-", " ").replace(".", " ").split()
    initials = [word[0] if not word[0].islower() else None for word in words]
    out = ""
    for word, initial in zip(words, initials, strict=True):
        out += f"{initial}{mark}" if initial else f" {word} "
    return " ".join(out.split())


# citeproc-js's CSL.ROMANESQUE_REGEXP: a family name with none of these letters (Chinese, Japanese, Korean) is
# printed whole, given name after it without a space, never inverted or initialized ("\u738b\u5c0f\u660e")
_ROMANESQUE = re.compile(
    "[-0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff\u1f00-\u1fff"
    "\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e]"
)
_STARTS_ROMANESQUE = re.compile(
    "[&a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff\u1f00-\u1fff"
    "\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e]"
)
_name_process = model.Name.process


def _whole(name: Any) -> Any:
    """A name citeproc-js prints in its own order, as one: family name, then given name, with no space between
    them; None for any other name (and for one whose given name is in Latin letters)."""
    family = name.get("family")
    if "literal" in name or not isinstance(family, str) or _ROMANESQUE.search(family.replace('"', "")):
        return None
    given = name.get("given") or ""
    if _STARTS_ROMANESQUE.match(given):  # printed "王 X." by citeproc-js: not done here
        return None
    particle = name.get("non-dropping-particle") or ""
    return type(name)(literal=f"{particle}{family}{given}")


def _names_in_their_own_order(
    self: Any, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kwargs: Any
) -> Any:
    """Names in Chinese, Japanese or Korean print as citeproc-js prints them (see _whole), in a name's long form
    (its short form is the family name alone, as before): citeproc-py printed "\u738b, . \u5c0f\u660e .", taking
    the given name's characters for lower-case particles."""
    names = item.reference.get(variable)
    if not names or self.get_option("form", context, sort_options) != "long":
        return _name_process(self, item, variable, context, sort_options, **kwargs)
    whole = [_whole(name) or name for name in names]
    if all(new is old for new, old in zip(whole, names, strict=True)):
        return _name_process(self, item, variable, context, sort_options, **kwargs)
    item.reference[variable] = whole
    try:
        return _name_process(self, item, variable, context, sort_options, **kwargs)
    finally:
        item.reference[variable] = names


# The element a <name> inherits its options from, as citeproc-py finds it
_INHERITED_FROM = "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"


def _and_before_a_body(self: Any, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kwargs: Any) -> Any:
    """An organisation named last among people ({literal: OARSI Collaboration}) is joined to them as citeproc-js
    joins it: by the "and" of CSL's <institution>, which takes its comma before the "and" (delimiter-precedes-last)
    from the citation, the bibliography or the style, never from the <name>. APA printed "Smith, J., & OARSI
    Collaboration" and Cite Them Right "Smith, J., Jones, A. and OARSI Collaboration", where citeproc-js prints
    "Smith, J. & OARSI Collaboration" and "Smith, J., Jones, A., and OARSI Collaboration"."""
    names = item.reference.get(variable)
    if names and "literal" in names[-1]:
        parent = (self if context is None else context).xpath_search(_INHERITED_FROM)[0]
        inherited = parent.get_option("delimiter-precedes-last")
        sort_options = {**(sort_options or {}), "delimiter-precedes-last": inherited}
    return _names_in_their_own_order(self, item, variable, context, sort_options, **kwargs)


_case = model.TextCased.case
OPENING = "([{\"'\u2018\u201c"  # what may open a word before its first letter


def _title_word(word: Any, first: bool, last: bool) -> Any:
    """One word in title case as citeproc-js makes it: each lower-case part of a hyphenated word capitalised as a
    word of its own, except stop words and single letters ("Masaje Terapéutico y Dolor de Rodilla",
    "Up-to-Date", "Warm-up"), but for the first (after a colon too) and a stop word that ends the title ("What to
    Do About", "Flare-Up")."""
    if isinstance(word, NoCase):
        return word
    parts = str(word).split("-")

    def part_cased(index: int, part: str) -> str:
        lead = len(part) - len(part.lstrip(OPENING))  # "(deep" is cased on its letter: "(Deep"
        bare = part[lead:].rstrip(".,:;)]")
        kept = len(bare) < 2 or bare in STOP_WORDS or part in STOP_WORDS
        if (first and index == 0) or (last and index == len(parts) - 1 and len(bare) > 1):
            kept = False
        if not part.islower() or kept or part.startswith("'"):  # a quote citeproc-js parses: cased as typed
            return part
        return part[:lead] + part[lead : lead + 1].upper() + part[lead + 1 :]

    return type(word)("-".join(part_cased(index, part) for index, part in enumerate(parts)))


def _case_as_citeproc_js(self: Any, text: Any, language: str | None = None) -> Any:
    """Text case as citeproc-js applies it. Title case applies to English text and to terms in any language
    (citeproc-py left labels such as "eds" uncased, so APA's "(Eds.)" printed "(eds.)"); it capitalises each part of a
    hyphenated word ("Self-Massage") and keeps citeproc-js's stop words lower case ("versus")."""
    # A term (language None: a label such as "eds") is cased in every language, as citeproc-js does ("(Éds.)").
    if self.get("text-case") != "title" or language not in (None, "en"):
        return _case(self, text, language)
    words, out, previous = list(text.words()), [], ":"
    for index, word in enumerate(words):
        out.append(_title_word(word, previous in (":", ".", "?", "!"), index == len(words) - 1))
        previous = str(word)[-1:] or previous
    return " ".join(str(word) for word in out)


_sort = model.Sort.sort
_variable = model.Text._variable
_sorting = threading.local()


def _sort_by_the_date_alone(self: Any, items: Any, context: Any) -> Any:
    """Sort keys leave out the year suffix, which is given after sorting: "(NHS, 2019b, 2019a)" keeps the order
    the text cites them in, as citeproc-js does, where citeproc-py reordered them by their suffixes."""
    _sorting.depth = getattr(_sorting, "depth", 0) + 1
    try:
        return _sort(self, items, context)
    finally:
        _sorting.depth -= 1


def citing() -> bool:
    """Whether a cite is being rendered (in this thread), not a reference-list entry."""
    return hasattr(_citing, "leave_out")


def sorting() -> bool:
    """Whether sort keys are being rendered (in this thread)."""
    return bool(getattr(_sorting, "depth", 0))


_name_option = model.Name.get_option


# A name's options in sort keys, as citeproc-js sorts names: every name family name first, and no "and" before the
# last (nor "et al." after it: see _et_al_unless_sorting)
_SORTED_NAMES = {"name-as-sort-order": "all", "and": None}


def _name_options_when_sorting(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
    """Names in sort keys as citeproc-js sorts them. Each name family name first, the second author's too: Chicago
    sorted "Perlman, Adam, Alyse Sabina" before "Perlman, Adam, Ather Ali" by the given names; and without the "and"
    term, which sorted "Hunter, David, und Sita Bierma-Zeinstra" after "Hunter, David, Lyn March" in German, and
    "Kolasinski, Sharon, Tuhina Neogi, et al." (its key "…, und Marc Hochberg") after "Kolasinski, Sharon, Tuhina
    Neogi, Marc Hochberg, und Carol Oatis". A style's demote-non-dropping-particle="sort-only" demotes the particle
    (CSL: "the non-dropping particle is demoted only when names are sorted"): Cite Them Right sorted "van Beek"
    among the V's, citeproc-js among the B's; citeproc-py demoted it only for "display-and-sort"."""
    value = _name_option(self, name, context, sort_options)
    if not getattr(_sorting, "depth", 0):
        return value
    if name in _SORTED_NAMES:
        return _SORTED_NAMES[name]
    if name == "demote-non-dropping-particle" and value == "sort-only":
        return "display-and-sort"
    return value


def _variable_unless_sorting(self: Any, item: Any, context: Any) -> Any:
    if getattr(_sorting, "depth", 0) and self.get("variable") == "year-suffix":
        return None
    text = _variable(self, item, context)
    if text:
        _printed_inside_substitute(self, self.get("variable"))
    return text


_last_page = model.FormatNumber._format_last_page
_PAGE_PREFIX = re.compile(r"[^\W\d_]+(?=\d)")


def _last_page_expanded_first(self: Any, first: str, last: str) -> str:
    """A style's page-range-format applies to the range as meant: a last page typed short ("321-28") is
    expanded first ("321\u2013328" in APA and AMA, which expand ranges), and a prefix both pages share is left to
    the first where the style shortens ranges ("e1\u20139" in Chicago), as citeproc-js does; citeproc-py kept
    them as typed. A last page longer than the first, or the same, prints whole. Without a page-range-format the
    range prints as typed."""
    range_format = self.get_root().get_option("page-range-format")
    if first == last:  # a range of one page ("7-7", "e7-e7") shortened to nothing: "7\u2013", "e7\u20137"
        return last
    prefix = _PAGE_PREFIX.match(first)
    if range_format not in (None, "expanded") and prefix and last.startswith(prefix.group(0)):
        # "e1-e9", "S12-S19": the numbers are the range, the prefix printed once ("e1\u20139", "S12\u201319")
        size = len(prefix.group(0))
        return _last_page_expanded_first(self, first[size:], last[size:])
    if range_format and first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    if first.isdigit() and last.isdigit() and len(last) > len(first):
        # nothing of a longer last page repeats the first's digits ("1-10", "5-15", "e1-e10"): citeproc-py
        # dropped the digits the two began with ("1\u20130", "5\u20135"); citeproc-js prints it whole
        return last
    if range_format == "chicago-16" and first.isdigit() and last.isdigit() and len(first) == len(last):
        # CMOS 16 dropped the 15th edition's rule for four digits ("1496\u2013504", not "1496\u20131504")
        number = int(first)
        if number < 100 or number % 100 == 0:
            return last
        common = next((index for index, (a, b) in enumerate(zip(first, last, strict=True)) if a != b), len(first))
        return last[common if number % 100 < 10 else min(common, len(first) - 2) :]
    return _last_page(self, first, last)


_et_al = model.Name.et_al


def _et_al_unless_sorting(self: Any) -> Any:
    """Sort keys leave out "et al.", as citeproc-js's do: "Aa et al." sorts before "Aa, Bb and Cc" (its key
    "Aa", shorter), where citeproc-py sorted it among the E's of the second name."""
    return "" if getattr(_sorting, "depth", 0) else _et_al(self)


_label = model.Label.process


def _label_of_a_variable_the_item_has(
    self: Any, item: Any, variable: Any = None, plural: Any = None, context: Any = None, **kwargs: Any
) -> Any:
    """A <label> prints only where the item has its variable (CSL: "the label is only rendered if the selected
    variable is non-empty"): citeproc-py printed the term for any item, so Chicago gave a magazine or newspaper
    article without an edition "Edition" ("The Guardian, March 2. Edition.")."""
    name = self.get("variable") if variable is None else None
    if name and name != "locator":
        try:
            value = item.reference[name.replace("-", "_")]
        except model.VariableError:
            return None
        if value is None or not str(value).strip():
            return None
    return _label(self, item, variable, plural, context, **kwargs)


_date_part = model.Date_Part.process


def _season(month: int) -> int | None:
    """The season (1 spring to 4 winter) a CSL month stands for, as citeproc-js reads months past 12 (21 to 24,
    and the older 13 to 16); None for a month of the year."""
    while month > 16:
        month -= 4
    return month - 12 if month > 12 else None


def _date_part_as_citeproc_js(self: Any, date: Any, context: Any = None) -> Any:
    """A date's part as citeproc-js prints it. A season (month 21 to 24) prints the locale's term for it where
    the month goes ("Spring 2019", "2019 Spring", "Fr\u00fchjahr 2019"; nothing where the month is a number),
    where citeproc-py printed no month at all. A year after 499 prints without the "AD" term ("950"):
    citeproc-py added it to every year before 1000 ("950 AD")."""
    text = _date_part(self, date, context)  # its attributes joined with those the style gives the part
    where = context if context is not None else self
    season = _season(date.get("month", 0)) if self.get("name") == "month" else None
    if season is not None:
        if self.get("form", "long") not in ("long", "short"):
            return None
        # the locale's seasons have one form, which stands for the short one too (CSL's fallback)
        return where.get_single_term(name=f"season-{season:02d}") or None
    if self.get("name") == "year" and text and 500 <= getattr(date, "year", 0) < 1000:
        era = str(where.get_single_term(name="ad"))
        if era and str(text).endswith(era):
            return str(text)[: -len(era)]
    return text


CSL = "{http://purl.org/net/xbiblio/csl}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _ordinal_matches(name: str, match: str | None, number: int) -> bool:
    digits = name.removeprefix("ordinal-")
    if not digits.isdigit():
        return False
    value = int(digits)
    match = match or ("last-digit" if value < 10 else "last-two-digits")
    return {"whole-number": number, "last-digit": number % 10, "last-two-digits": number % 100}.get(match) == value


def _ordinal_suffix(locale: Any, number: int, gender: str | None) -> str | None:
    """The suffix one locale gives `number`: its two-digit terms, then its one-digit terms, then "ordinal";
    of each, the one of the noun's gender, else one with no gender."""
    terms = [term for term in locale.iter(f"{CSL}term") if (term.get("name") or "").startswith("ordinal")]
    for candidates in (
        [t for t in terms if len(t.get("name")) == len("ordinal-00") and t.get("name")[-2] != "0"],
        [t for t in terms if len(t.get("name")) == len("ordinal-00") and t.get("name")[-2] == "0"],
        [t for t in terms if t.get("name") == "ordinal"],
    ):
        found = [t for t in candidates if t.get("name") == "ordinal" or _ordinal_matches(t.get("name"), t.get("match"), number)]
        for wanted in (gender, None):
            for term in found:
                if term.get("gender-form") == wanted:
                    return term.text or ""
        if found:
            return found[0].text or ""
    return None


def _to_ordinal(number: int, context: Any) -> str:
    """An ordinal in the output language's own rules ("2ᵉ éd.", "3.ª ed.", "2ª ed." for the feminine
    edizione), where citeproc-py took any locale's "ordinal-02" first and printed "2nd éd."."""
    root = context.get_root()
    locales = [root] if isinstance(root, model.Locale) else list(root.locales)
    language = (root.get("default-locale") or "en").split("-")[0]
    own = [loc for loc in locales if (loc.get(XML_LANG) or language).split("-")[0] == language]
    variable = context.get("variable")
    gender = None
    for locale in locales:
        term = next((t for t in locale.iter(f"{CSL}term") if t.get("name") == variable and t.get("gender")), None)
        if term is not None:
            gender = term.get("gender")
            break
    for group in (own, [loc for loc in locales if loc not in own]):
        for locale in group:
            suffix = _ordinal_suffix(locale, number, gender)
            if suffix is not None:
                return f"{number}{suffix}"
    return str(number)


_TYPED: dict[int, str] = {}  # what each character handouts hides from citeproc-py stands for (see apply)
_FORMAT_TAGS: list[re.Pattern[str]] = []  # the output format's tags, as handouts marks them (see apply)
_HIDDEN_STOPS: list[str] = []  # those that stand for a full stop
_PARTICLE_JOINS: list[re.Pattern[str]] = []  # a name's particle's mark and the space after it (see apply)
# Languages whose names citeproc-js joins a particle to with a no-break space, which its collation passes over:
# "van Beek" sorts as "vanBeek" there ("van der Berg", then "van Dijk", then "van Beek")
_PARTICLE_JOINED_LANGUAGES = frozenset({"fr", "ru", "cs"})
_sort_keys = model.Key.sort_keys


def _sort_keys_as_typed(self: Any, items: Any, context: Any) -> Any:
    """Sort keys read as typed: a hidden "&" or "." sorts where citeproc-js sorts the character, not after
    every letter (as the private-use character standing for it would); and as plain text, as citeproc-js sorts,
    without the output format's tags: an entry without authors, sorted by the italic title standing in for them,
    went after every other ("Knee care" after "Smith"). Each key is then collated as citeproc-js collates it."""
    keys = _sort_keys(self, items, context)
    language = (context.get_root().get("default-locale") or "en").split("-")[0].lower()
    return [_collated(_plain_key(str(key), language), language) if isinstance(key, str | MixedString) else key for key in keys]


def _plain_key(key: str, language: str) -> str:
    for tags in _FORMAT_TAGS:
        key = tags.sub("", key)
    if language in _PARTICLE_JOINED_LANGUAGES:
        for joins in _PARTICLE_JOINS:
            key = joins.sub("", key)
    return key.translate(_TYPED)


# Letters the Unicode collation algorithm sorts with a base letter though Unicode does not decompose them into one.
_BASE_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ŧ": "t", "\u0131": "i", "æ": "ae", "œ": "oe", "þ": "th"})
# A language's letters that its alphabet sorts after their base letter's every word (CLDR's tailorings for the
# catalog languages that have them; Welsh's digraphs are not done).
_OWN_LETTERS = {"pl": "ąćęłńóśźż", "es": "ñ"}
_AFTER_BASE = "􏿿"  # sorts after every letter


# A dash or slash between two numbers ("2012\u20132013", a range of years): they stay two numbers when sorted.
_BETWEEN_NUMBERS = re.compile(r"(?<=\d)[-\u2010-\u2015\u2212/]+(?=\d)")


def _collated(key: str, language: str) -> str:
    """A sort key as citeproc-js compares keys (the locale's collation, accents and case a tie-break only,
    punctuation ignored, a space before every letter): 'Ávila' and 'Østergaard' sort among the A's and O's, not
    after 'Zhang', 'O'Brien' after 'Obama', and a quoted title by its first word, where citeproc-py compared code
    points; 'Smith, Zoe' before 'Smithe, Anna', the name ending where the longer one goes on. A range of years
    sorts by its first year ('2012\u20132013' before '2020'), not as the number 20122013."""
    own = _OWN_LETTERS.get(language, "")
    out = []
    for char in unicodedata.normalize("NFC", _BETWEEN_NUMBERS.sub(" ", key).casefold()):
        if char in own:
            out.append(char.translate(_BASE_LETTERS) if char == "ł" else unicodedata.normalize("NFD", char)[0])
            out.append(_AFTER_BASE)
            continue
        for part in unicodedata.normalize("NFKD", char.translate(_BASE_LETTERS)):
            if unicodedata.category(part)[0] == "Z":
                if out and out[-1] != " ":
                    out.append(" ")
            elif unicodedata.category(part)[0] not in "MPC":
                out.append(part)
    return "".join(out)


def _strip_periods_typed_too(self: Any, string: Any) -> Any:
    """strip-periods takes out the full stops handouts hides too (a journal typed "Yahoo!. News" prints
    "Yahoo! News", as in citeproc-js)."""
    if self.get("strip-periods", "false").lower() == "true":
        for hidden in _HIDDEN_STOPS:
            string = string.replace(hidden, "")
        string = string.replace(".", "")
    return string


def apply(typed: dict[str, str], format_tags: re.Pattern[str], particle_marks: str) -> None:
    """Every correction; `typed`: what each character handouts hides from citeproc-py stands for; `format_tags`:
    the tags its output format marks text with; `particle_marks`: the characters that end a name's particle."""
    _TYPED.update(str.maketrans(typed))
    _FORMAT_TAGS[:] = [format_tags]
    _PARTICLE_JOINS[:] = [re.compile(f"[{re.escape(particle_marks)}] ")]
    _HIDDEN_STOPS[:] = [hidden for hidden, char in typed.items() if char == "."]
    model.Key.sort_keys = _sort_keys_as_typed
    model.Date_Part.process = _date_part_as_citeproc_js
    model.Label.process = _label_of_a_variable_the_item_has
    model.Name.et_al = _et_al_unless_sorting
    model.FormatNumber._format_last_page = _last_page_expanded_first
    model.StrippedPeriods.strip_periods = _strip_periods_typed_too
    model.to_ordinal = _to_ordinal
    model.Sort.sort = _sort_by_the_date_alone
    model.Text._variable = _variable_unless_sorting
    model.Layout.render_citation = _render_citation
    model.Names.process = _names_without_substituted
    model.Name.get_option = _name_options_when_sorting
    model.Substitute.render = _substitute_suppressing_all_it_printed
    model.Date.render_single_date = _single_date
    model.Date.render_date_range = _date_range
    model.Name.initialize = _initialize_unless_told_not
    model.Name.process = _and_before_a_body
    model.TextCased.case = _case_as_citeproc_js
