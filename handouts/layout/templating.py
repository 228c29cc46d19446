"""The one place the Jinja environment is built, and the rules a layout template lives by.

Templates emit layout XML (see :mod:`handouts.layout.schema`). A clinic's own templates (`--templates DIR`) are
searched first. Every template may come from the internet, so every one runs in a sandbox that:

- sees plain, read-only data only (:func:`plain`): mappings, tuples, strings, numbers, and the markup
  helpers under `md`; no attribute of any object but a short allow-list of pure string and mapping methods;
- has a short allow-list of filters and globals, none of which can allocate without bound;
- bounds `*`, `**`, `+`, `~`, `join` and the arguments of every call, so `'x' * 10**9`, `7 ** 10**9` or a
  string doubled in a loop fail at once; labels format only `%(name)s` placeholders, within the same bound;
- bounds what is printed, sorted or gathered by what it would print as, so a list of one long text repeated
  (cheap to make, the text shared) is refused before it is printed or sorted as gigabytes;
- reads only regular files inside the template folders (a link out of them is not followed);
- stops with a TemplateError (naming the template's file and line where known) after a time budget
  or once its output, or what one of its macros, blocks or imported templates writes, passes a size budget.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import operator
import os
import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.compiler
import jinja2.meta
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from handouts.deadline import time_budget
from handouts.errors import Problem, TemplateError
from handouts.input.encodings import not_utf8, wide_unicode
from handouts.input.files import (
    UnreadableFileError,
    hidden_said,
    inside,
    read_bytes,
    real_case,
    saved_as,
    saved_as_said,
    unreadable,
)
from handouts.layout.compiled import bytecode_cache
from handouts.words.i18n import PLACEHOLDER, Translator, label_runs, said_in, worded

# Installed from a wheel the layouts sit inside the package; in a checkout, at the top of the repository.
_PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = _PACKAGE / "templates" if (_PACKAGE / "templates").is_dir() else _PACKAGE.parent / "templates"
# Characters XML 1.0 forbids (controls, surrogates, non-characters): no font prints them either, so a value
# that reaches the layout without passing the markup helpers (a URL, say) cannot break the layout XML.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

HANDOUT, POSTER = "handout.xml.j2", "poster.xml.j2"  # the layouts the engine renders, by the names it asks for
TIME_BUDGET = 5.0  # seconds one template may render; the built-in ones take a few milliseconds
OUTPUT_BUDGET = 8 * 1024 * 1024  # characters of layout XML; a 300-step routine makes about 200,000
VALUE_BUDGET = 1024 * 1024  # the longest string or sequence an operator or call may make or take
RANGE_BUDGET = 10_000  # the longest range(); loops over the content's own lists are bounded by the content
# Bits of the largest whole number an operator may take or make: a product or a division of numbers of millions of
# bits is one call of Python's that no time budget can stop (squared 16 times, 9 ** 64 divided ran for hours).
NUMBER_BITS = 65536

STRING_METHODS = frozenset(
    {
        "capitalize",
        "casefold",
        "count",
        "endswith",
        "find",
        "isalnum",
        "isalpha",
        "isdigit",
        "islower",
        "isspace",
        "isupper",
        "lower",
        "lstrip",
        "partition",
        "rpartition",
        "rstrip",
        "split",
        "splitlines",
        "startswith",
        "strip",
        "swapcase",
        "title",
        "upper",
    }
)
MAPPING_METHODS = frozenset({"get", "items", "keys", "values"})
# Every name a read-only mapping has of its own (its methods, `__class__`…): `data.name` reads the key only where
# the mapping has no attribute of that name, as in Jinja
MAPPING_NAMES = frozenset(dir(types.MappingProxyType))
# Jinja's own helpers: the loop variable and cycler() (their attributes are data or pure).
RUNTIME_ATTRIBUTES: dict[type, frozenset[str]] = {
    jinja2.runtime.LoopContext: frozenset(
        {"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0"}
        | {"previtem", "nextitem", "cycle", "changed"}
    ),
    jinja2.utils.Cycler: frozenset({"current", "next", "reset"}),
}
# Filters that only ever make something about as large as what they are given.
FILTERS = frozenset(
    {
        "abs",
        "capitalize",
        "count",
        "d",
        "default",
        "dictsort",
        "e",
        "escape",
        "first",
        "float",
        "groupby",
        "int",
        "items",
        "join",
        "last",
        "length",
        "list",
        "lower",
        "map",
        "max",
        "min",
        "reject",
        "rejectattr",
        "reverse",
        "round",
        "select",
        "selectattr",
        "sort",
        "string",
        "striptags",
        "sum",
        "title",
        "trim",
        "truncate",
        "unique",
        "upper",
        "urlencode",
        "wordcount",
        "xmlattr",
    }
)


class TemplateTimeout(BaseException):  # a BaseException, so no template or library code can swallow it
    """Raised inside a rendering that ran past its time budget."""


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | tuple | list | Mapping) else 0


def _weight(value: Any, limit: int = VALUE_BUDGET) -> int:
    """About how many characters `value` prints as, counted without printing it and only until past `limit`:
    texts their length, lists and mappings what they hold. A list holding one long text a thousand times is
    made in no time and little memory (the text is shared), but prints, sorts or is compared as a gigabyte."""
    total, stack = 0, [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item) + 2
        elif isinstance(item, list | tuple | Mapping):
            total += 2 + 2 * len(item)
            if total <= limit:
                stack.extend(itertools.chain(item.keys(), item.values()) if isinstance(item, Mapping) else item)
        else:
            total += 1
    return total


def _bits(value: Any) -> int:
    """The size of `value` in bits if it is a whole number (0 for anything else)."""
    return abs(value).bit_length() if isinstance(value, int) else 0


def _bounded_range(*args: int) -> range:
    values = range(*args)
    if len(values) > RANGE_BUDGET:
        raise SecurityError(f"range() of {len(values):,} numbers is more than the {RANGE_BUDGET:,} a template may use")
    return values


def _bounded_replace(text: str, old: str, new: str, count: int = -1) -> str:
    worst = len(text) + (len(text) + 1) * len(new)
    if worst > VALUE_BUDGET and len(text) + text.count(old) * len(new) > VALUE_BUDGET:
        raise SecurityError("replace would make a text longer than a template may")
    return Markup(text).replace(old, new, count) if isinstance(text, Markup) else str(text).replace(old, new, count)


def _bounded_int(value: Any, default: int = 0, base: int = 10) -> int:
    """Jinja's `int`, refused a number larger than a template may work with (see NUMBER_BITS): a million hex digits
    read as one (Python reads any number of them) made a number whose division by another ran for minutes."""
    number = INT(value, default, base)
    if _bits(number) > NUMBER_BITS:
        raise SecurityError("int would make a larger number than a template may")
    return number


INT = jinja2.filters.FILTERS["int"]


def _gathered(value: Any, what: str) -> list[Any]:
    """The items of `value`, refused as soon as they hold more than a template may make: a lazy `map` over one
    long text repeated would otherwise fill the memory before anything measured it."""
    items, size = [], 0
    for item in value:
        size += _weight(item, VALUE_BUDGET - size)
        if size > VALUE_BUDGET:
            raise SecurityError(f"{what} would make a text or list longer than a template may")
        items.append(item)
    return items


def _bounded_join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
    """Jinja's `join`, refused before it joins more than a template may make."""
    items = _gathered(value, "join")
    size = sum(len(str(item)) for item in items) + len(str(d)) * max(0, len(items) - 1)
    if size > VALUE_BUDGET:
        raise SecurityError("join would make a text longer than a template may")
    return JOIN(eval_ctx, items, d, attribute)


@jinja2.pass_environment
def _bounded_sum(environment: jinja2.Environment, value: Any, attribute: Any = None, start: Any = 0) -> Any:
    """Jinja's `sum`, added up here: Python's own adds lists inside one call no time budget can stop, and
    `[[1] * 1000000] * 10000` ran for hours and took gigabytes."""
    items = map(jinja2.filters.make_attrgetter(environment, attribute), value) if attribute is not None else value
    total = start
    for item in _gathered(itertools.chain((start,), items), "sum")[1:]:
        total = total + item
    return total


JOIN = jinja2.filters.FILTERS["join"]
_bounded_join = jinja2.pass_eval_context(_bounded_join)  # type: ignore[assignment]

# Filters that gather all they are given before they give anything (to sort it, say): given a list as it is
# gathered, which is refused as soon as it holds more than a template may make.
GATHERING = frozenset({"groupby", "max", "min", "reverse", "sort", "unique"})
# Filters that print what they are given as a text: refused a list that would print longer than that.
PRINTING = frozenset({"capitalize", "e", "escape", "lower", "string", "striptags", "title", "trim", "truncate"})
PRINTING |= frozenset({"upper", "urlencode", "wordcount", "xmlattr"})
# Filters that sort a mapping's items as they are: refused a mapping that would compare more than a template may make.
SORTING = frozenset({"dictsort"})


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's filter `name`, given its value gathered (GATHERING) or refused where it would print longer than
    a template may make (PRINTING): `sort` over a thousand copies of a long text compared gigabytes in one call
    no time budget can stop."""
    at = 1 if hasattr(function, "jinja_pass_arg") else 0  # after the context or environment Jinja passes

    @functools.wraps(function)  # keeps what Jinja passes it
    def bounded(*args: Any, **kwargs: Any) -> Any:
        value = args[at] if len(args) > at else None
        if isinstance(value, str | int | float | None):
            return function(*args, **kwargs)
        if name in GATHERING:
            args = (*args[:at], _gathered(value, name), *args[at + 1 :])
        elif _weight(value) > VALUE_BUDGET:
            what = "compare more text" if name in SORTING else "make a text longer"
            raise SecurityError(f"{name} would {what} than a template may")
        return function(*args, **kwargs)

    return bounded


def printable(value: Any) -> Any:
    """What `{{ ... }}` prints, refused when it would print longer than a template may make (Jinja's finalize)."""
    if not isinstance(value, str | int | float | None) and _weight(value) > VALUE_BUDGET:
        raise SecurityError("the value would print as a text longer than a template may make")
    return value


SCALARS = str | int | float | None


def _compared(left: Any, right: Any, membership: bool = False) -> None:
    """SecurityError where comparing `left` with `right` (or looking for `left` in `right`, `membership`) could
    compare more than a template may make: two lists of a million copies of a long text (made in no time, the
    text shared) are equal or not only once Python has compared every copy, in one call no time budget can stop."""
    if isinstance(left, SCALARS) and isinstance(right, SCALARS):
        return  # as long as the texts
    if membership and isinstance(right, Mapping):
        return  # a key looked up
    if _weight(left) + _weight(right) > VALUE_BUDGET:
        raise SecurityError("the comparison would compare more text than a template may make")


COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "gteq": operator.ge,
    "lt": operator.lt,
    "lteq": operator.le,
    "in": lambda left, right: left in right,
    "notin": lambda left, right: left not in right,
}


def bounded_compare(left: Any, operations: tuple[tuple[str, Any], ...]) -> Any:
    """`left == right`, `a < b < c`, `x in y`… as Python chains them, each comparison bounded (see _compared)."""
    result: Any = True
    for name, right in operations:
        _compared(left, right, membership=name in ("in", "notin"))
        result = COMPARISONS[name](left, right)
        if not result:
            return result
        left = right
    return result


def _bounded_test(name: str, test: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's comparing test `name` (`x is eq(y)`, `select('in', y)`), bounded as a comparison is."""

    @functools.wraps(test)
    def bounded(value: Any, other: Any) -> Any:
        _compared(value, other, membership=name == "in")
        return test(value, other)

    return bounded


# Jinja's tests that compare what they are given with another value
COMPARING_TESTS = frozenset({"==", "!=", "<", "<=", ">", ">=", "eq", "ne", "lt", "le", "gt", "ge", "in"})
COMPARING_TESTS |= frozenset({"equalto", "greaterthan", "lessthan"})


def bounded_concat(parts: tuple[Any, ...]) -> str:
    """`a ~ b`, refused when the result would be longer than a template may make."""
    if sum(len(part) if isinstance(part, str) else _weight(part) for part in parts) > VALUE_BUDGET:
        raise SecurityError("'~' would make a text longer than a template may")
    return jinja2.runtime.markup_join(parts)


class Output(list[str]):
    """What a template writes, gathered: the layout, and what a macro, a `{% set %}` block, a `{% call %}` or
    `{% filter %}` block or an imported template writes (Jinja gathers each in a list before it joins them, and
    only the layout itself passed a size check: a macro writing one long text ten thousand times took 2.5 GB
    before the time budget stopped it). Refused as soon as it holds more than a layout may."""

    size = 0

    def append(self, part: str) -> None:
        self.extend((part,))

    def extend(self, parts: Iterable[str]) -> None:  # type: ignore[override]
        add = super().append  # each part added here, not through append: a layout writes thousands
        for part in parts:
            self.size += len(part)
            if self.size > OUTPUT_BUDGET:
                raise SecurityError(f"the layout grew past {OUTPUT_BUDGET // (1024 * 1024)} MB")
            add(part)


def bounded_join(parts: Iterable[str]) -> str:
    """Jinja's join of what a block writes where a template calls it (`{{ super() }}`, `{{ self.name() }}`),
    gathered in an :class:`Output`: the block's writing was joined whole, past any size, before it was printed."""
    gathered = Output()
    gathered.extend(parts)
    return "".join(gathered)


class BoundedCodeGenerator(jinja2.compiler.CodeGenerator):
    """Compiles `~` to :func:`bounded_concat` and comparisons to :func:`bounded_compare` (Jinja calls no hook for
    either), and gathers what a macro or block writes in an :class:`Output`."""

    def buffer(self, frame: jinja2.compiler.Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.output()")

    def visit_Compare(self, node: jinja2.nodes.Compare, frame: jinja2.compiler.Frame) -> None:  # noqa: N802 (Jinja's name)
        self.write("environment.bounded_compare(")
        self.visit(node.expr, frame)
        self.write(", (")
        for operand in node.ops:
            self.write(f"({operand.op!r}, ")
            self.visit(operand.expr, frame)
            self.write("), ")
        self.write("))")

    def visit_Concat(self, node: jinja2.nodes.Concat, frame: jinja2.compiler.Frame) -> None:  # noqa: N802 (Jinja's name)
        self.write("environment.bounded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


# A label's text may use `%(name)s` placeholders and `%%` (i18n.PLACEHOLDER), nothing else: no width, precision
# or other conversion (`%(a)999999999s` would allocate without bound).


def format_label(text: str, variables: Mapping[str, Any], language: str | None = None) -> Markup:
    """A translated label as layout text: its own words escaped (a label is never markup), and marked as said in
    `language` where given (see :func:`said_in`); its placeholders filled with `variables` (escaped unless markup
    made by the helpers), which, but for counts, are not the label's words and are not said in its language
    (see i18n.label_runs)."""
    if "%" in PLACEHOLDER.sub("", text):
        raise SecurityError(f"the label {text[:60]!r} uses a % format other than %(name)s")
    size = len(text) + sum(_weight(variables.get(name, "")) for name in PLACEHOLDER.findall(text))
    if size > VALUE_BUDGET:
        raise SecurityError("a label's placeholders would make a text longer than a template may")
    pieces = [_words(run, language) if own else Markup(run) for run, own in label_runs(text, variables)]
    values = {key: value if isinstance(value, Markup) else escape(str(value)) for key, value in variables.items()}
    return Markup("").join(pieces) % values


def _words(words: str, language: str | None) -> Markup:
    """A run of a label's own words, escaped, said in `language` unless it has no word (only spaces or marks)."""
    return said_in(language if worded(words) else None, escape(words))


def _english(words: Translator, message: str, text: str, variables: Mapping[str, Any]) -> Markup:
    """`text`, the label for `message` (its English text) as translated, its words inside `<span lang="en">` where they
    print in English in a routine in another language (one with no catalog of labels), so that a screen reader
    reads them with an English voice; the values filled in (a name, a date in the routine's language) not."""
    return format_label(text, variables, "en" if words.untranslated(message) else None)


LABELS_KEPT = 512  # labels worded, of each language's templates: a routine's documents ask for about 80, 26 of them alike
KEPT_VALUES = (str, Markup, int)  # the kinds of value a label is kept by (exactly: a Foreign text is a str of its own)


def _kept_by(variables: Mapping[str, Any]) -> tuple[tuple[str, type, Any], ...] | None:
    """`variables` as the key a worded label is kept by, each value with its kind (Markup and text print
    differently, though equal); None where a value is of another kind, and the label is worded afresh."""
    if all(type(value) in KEPT_VALUES for value in variables.values()):
        return tuple((name, type(value), value) for name, value in variables.items())
    return None


def _gettext_callables(words: Translator) -> dict[str, Any]:
    """`gettext`, `ngettext` and `_` (new-style: placeholders as keywords) for `words`, bounded and escaped. A
    label worded is kept, by its message and values: the handouts, the web copy and the posters of a routine
    ask for the same labels (two thirds of their calls)."""

    def worded(message: str, text: str, variables: Mapping[str, Any]) -> Markup:
        return _english(words, message, words.elided(text, variables), variables)

    @functools.lru_cache(maxsize=LABELS_KEPT)
    def kept(message: str, plural: str | None, num: int, key: tuple[tuple[str, type, Any], ...]) -> Markup:
        text = words.gettext(message) if plural is None else words.ngettext(message, plural, num)
        return worded(message, text, {name: value for name, _, value in key})

    @jinja2.pass_context
    def gettext(__context: jinja2.runtime.Context, __string: str, **variables: Any) -> Markup:
        key = _kept_by(variables) if type(__string) is str else None
        return worded(__string, words.gettext(__string), variables) if key is None else kept(__string, None, 0, key)

    @jinja2.pass_context
    def ngettext(__context: jinja2.runtime.Context, __singular: str, __plural: str, __num: int, **variables: Any) -> Markup:
        variables.setdefault("num", __num)
        key = _kept_by(variables) if type(__singular) is type(__plural) is str and type(__num) is int else None
        if key is None:
            return worded(__singular, words.ngettext(__singular, __plural, __num), variables)
        return kept(__singular, __plural, __num, key)

    return {"gettext": gettext, "ngettext": ngettext, "_": gettext}


NAME_SHOWN = 60  # characters of a template's name a message quotes


class UnreadableTemplate(jinja2.TemplateError):
    """A template that may not or cannot be read (outside the template folder, not a regular file, not UTF-8);
    `filename` and `lineno`: the file and line the reason is said at, where it is in the file (not UTF-8)."""

    def __init__(self, message: str, filename: str | None = None, lineno: int | None = None) -> None:
        super().__init__(message)
        self.filename, self.lineno = filename, lineno


class ConfinedLoader(jinja2.FileSystemLoader):
    """Templates from regular files inside the search folders only: a symbolic link (or `..`) that leads out
    of its folder is not followed, and no file is larger than a template may be."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        named = template.replace("\\", "/")  # `parts\help.xml.j2`, as Windows writes it: found there, so everywhere
        for index, folder in enumerate(self.searchpath):
            path = Path(folder) / named
            before = tuple(Path(earlier) / named for earlier in self.searchpath[:index])
            try:
                absent = not path.exists() and not path.is_symlink()
            except OSError as exc:  # a name too long for a file, or a folder in it the system will not look into
                shown = named if len(named) <= NAME_SHOWN else named[: NAME_SHOWN - 1] + "…"
                raise UnreadableTemplate(f"template {shown!r} {unreadable(exc)}") from None
            if absent:
                # Found whatever its capitals on a Mac or Windows, where a clinic's Handout.xml.j2 is used: here it
                # would be passed over for the built-in layout without a word.
                if (found := real_case(path)) is not None and inside(found, Path(folder)):
                    saved = found.relative_to(folder).as_posix()
                    raise UnreadableTemplate(
                        f"template {named!r} not found (there is {saved}: the name must match in capitals too)"
                    )
                # Saved as plain text with .txt after its name (TextEdit, Notepad), shown without it: the same
                extra = path.with_name(f"{path.name}.txt")
                if os.path.isfile(extra) and inside(extra, Path(folder)):  # os.path's: never raises of a long name
                    saved = extra.relative_to(folder).as_posix()
                    raise UnreadableTemplate(f"template {named!r} not found ({hidden_said(saved, path.name)})")
                continue
            if not inside(path, Path(folder)):
                raise UnreadableTemplate(
                    f"template {template!r} leads outside the template folder {folder}: templates are read only from it"
                )
            try:
                raw = read_bytes(path, "template")
            except UnreadableFileError as exc:
                raise UnreadableTemplate(f"template {template!r} {exc}") from None
            wide = wide_unicode(raw)  # Notepad's "Unicode"
            if wide:
                raise UnreadableTemplate(wide, str(path), 1)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:  # Notepad's "ANSI", TextEdit's Mac Roman
                found = not_utf8(raw, exc.start)
                raise UnreadableTemplate(found.message, str(path), found.line) from None
            mtime = path.stat().st_mtime

            def uptodate(path: Path = path, mtime: float = mtime, before: tuple[Path, ...] = before) -> bool:
                """Whether the file is as it was read and still the one found: a clinic's template of its name
                added while `serve` runs is found before the built-in one from then on."""
                shadowed = any(earlier.exists() or earlier.is_symlink() for earlier in before)
                return not shadowed and path.exists() and path.stat().st_mtime == mtime

            return text, str(path), uptodate
        raise jinja2.TemplateNotFound(template)


class BoundedTemplate(jinja2.Template):
    """A template whose body, imported (`{% import "m.j2" as m %}`), is gathered in an :class:`Output`."""

    def make_module(
        self, vars: dict[str, Any] | None = None, shared: bool = False, locals: Mapping[str, Any] | None = None
    ) -> jinja2.environment.TemplateModule:
        context = self.new_context(vars, shared, locals)
        body = Output()
        body.extend(self.root_render_func(context))
        return jinja2.environment.TemplateModule(self, context, body)


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with an allow-list of attributes and bounded operators and calls."""

    intercepted_binops = frozenset({"*", "**", "%", "+", "//"})
    code_generator_class = BoundedCodeGenerator
    template_class = BoundedTemplate

    def __init__(self, words: Translator, **options: Any) -> None:
        super().__init__(finalize=printable, **options)
        self.bounded_concat = bounded_concat
        self.bounded_compare = bounded_compare
        self.tests = {name: _bounded_test(name, test) if name in COMPARING_TESTS else test for name, test in self.tests.items()}
        self.concat = bounded_join  # Jinja's join of a block called as a function
        self.output = Output
        self.filters = {
            name: _bounded_filter(name, function) if name in GATHERING | PRINTING | SORTING else function
            for name, function in self.filters.items()
            if name in FILTERS
        }
        self.filters["replace"] = _bounded_replace
        self.filters["join"] = _bounded_join
        self.filters["sum"] = _bounded_sum
        self.filters["list"] = lambda value: _gathered(value, "list")
        self.filters["int"] = _bounded_int
        self.newstyle_gettext = True  # type: ignore[attr-defined]
        self.globals = {
            "range": _bounded_range,
            "dict": dict,
            "cycler": jinja2.utils.Cycler,
            "joiner": jinja2.utils.Joiner,
            **_gettext_callables(words),
        }

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute` as Jinja's sandbox reads it. Of template data (a read-only mapping) that is a key, read
        at once where the mapping has no attribute of that name: Jinja first asks the mapping for one, and fails,
        at each of the thousand or so keys a routine's documents read that way."""
        if type(obj) is types.MappingProxyType and attribute not in MAPPING_NAMES and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def wrap_str_format(self, value: Any) -> None:
        """No `str.format` at all (Jinja offers a sandboxed one): a width like `{:>999999999}` allocates without bound."""
        return None

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith("_"):
            return False
        if isinstance(obj, str):
            return attr in STRING_METHODS
        if isinstance(obj, Mapping):
            return attr in MAPPING_METHODS
        if isinstance(obj, jinja2.environment.TemplateModule):  # `{% import "m.j2" as m %}`: m.f is a macro of m.j2
            return attr in vars(obj)  # what the template exports (its macros and variables), none of the class's
        return attr in RUNTIME_ATTRIBUTES.get(type(obj), ())

    def call_binop(self, context: jinja2.runtime.Context, operator_name: str, left: Any, right: Any) -> Any:
        widths = (_bits(left), _bits(right))
        if max(widths) > NUMBER_BITS or (operator_name == "*" and sum(widths) > NUMBER_BITS):
            raise SecurityError(f"'{operator_name}' would work with a larger number than a template may")
        if operator_name == "**":
            if isinstance(left, int | float) and isinstance(right, int | float) and abs(left) > 1:
                bits = abs(right) * max(1, int(abs(left)).bit_length())
                if abs(right) > 64 or bits > NUMBER_BITS:
                    raise SecurityError(f"{str(left)[:20]} ** {str(right)[:20]} is a larger number than a template may make")
        elif operator_name == "*":
            sizes = (
                _size(left) * (right if isinstance(right, int) else 0),
                _size(right) * (left if isinstance(left, int) else 0),
            )
            if max(sizes) > VALUE_BUDGET:
                raise SecurityError("'*' would make a text or list longer than a template may")
        elif operator_name == "%" and isinstance(left, str):
            raise SecurityError("'%' formatting is not available in layouts; use ~ to join text")
        elif operator_name == "+" and _size(left) + _size(right) > VALUE_BUDGET:
            raise SecurityError("'+' would make a text or list longer than a template may")
        return super().call_binop(context, operator_name, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        for value in (*args, *kwargs.values()):
            if _size(value) > VALUE_BUDGET:
                raise SecurityError("a value passed to a call is longer than a template may use")
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > VALUE_BUDGET:
                raise SecurityError(f"the number {value} is larger than a template may pass to a call")
        if getattr(__obj, "__func__", None) is jinja2.runtime.LoopContext.changed:  # compares with its last values
            _compared(args, __obj.__self__._last_changed_value)
        return super().call(__context, __obj, *args, **kwargs)


class Undefined(jinja2.StrictUndefined):
    """Jinja's strict undefined, saying which keys a mapping has (templates see only mappings)."""

    @property
    def _undefined_message(self) -> str:
        owner, name = self._undefined_obj, self._undefined_name
        if isinstance(owner, Mapping) and isinstance(name, str):
            keys = sorted(str(key) for key in owner)
            close = difflib.get_close_matches(name, keys, n=1)
            return f"no key {name!r} here" + (f" (did you mean {close[0]!r}?)" if close else f" (keys: {', '.join(keys)})")
        return str(super()._undefined_message)


@functools.lru_cache(maxsize=16)
def environment(override: Path | None = None, words: Translator | None = None) -> jinja2.Environment:
    """StrictUndefined, autoescape on, search path: `override` then the built-in templates; `_()`, `gettext`,
    `ngettext` and `{% trans %}` (Jinja's i18n extension, new-style) in the language of `words`. Compiled
    templates are cached by the environment, and the environment per folder and language, so each compiles
    once per process; their bytecode is kept between runs (:mod:`handouts.layout.compiled`)."""
    search = [str(override), str(TEMPLATES)] if override else [str(TEMPLATES)]
    return Sandbox(
        words or Translator(),
        loader=ConfinedLoader(search),
        undefined=Undefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=bytecode_cache(TEMPLATES),
    )


def plain(value: Any) -> Any:
    """`value` as read-only template data: mappings become read-only mappings, lists tuples; strings,
    numbers, booleans and None stay. Anything else is a programming error, never passed on."""
    if value is None or isinstance(value, str | int | float | bool | types.MappingProxyType):
        return value  # a read-only mapping is made here only, of plain data already
    if isinstance(value, Mapping):
        return types.MappingProxyType({str(key): plain(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(plain(item) for item in value)
    if callable(value):
        return value  # a helper made for templates (see markup.Renderer.helpers)
    raise TypeError(f"{type(value).__name__} is not plain template data")


def _template_line(template: jinja2.Template, traceback: Any, compiled: bool = False) -> tuple[str, int | None]:
    """The file and line of the innermost frame of `traceback` in the template (or a template it includes).
    Jinja rewrites the traceback of an Exception to template lines; one that passed it by (`compiled`) has the
    compiled code's."""
    where, line = str(template.filename), None
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename == template.filename or (filename.endswith(".j2") and not compiled):
            where, line = filename, traceback.tb_lineno
            if compiled and filename == template.filename:
                line = template.get_corresponding_lineno(traceback.tb_lineno)
        traceback = traceback.tb_next
    return where, line


def _render(template: jinja2.Template, context: Mapping[str, Any]) -> str:
    """The template's output, streamed so that the size budget stops it early."""
    parts = Output()
    parts.extend(template.generate(context))
    return "".join(parts)


JINJA = re.compile(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", re.S)
COMMENT = re.compile(r"\{#.*?#\}", re.S)
LINE_END = re.compile("\r\n|\r|\n")  # as Jinja counts lines: Windows', an old Mac's and the others' line ends


@dataclass(frozen=True)
class Layout:
    """A template's output and the file it came from (for error messages about the layout)."""

    xml: str
    where: str
    env: jinja2.Environment | None = field(default=None, compare=False, repr=False)
    name: str = ""

    def locate(self, tag: str | None, attribute: str | None = None) -> tuple[str, int | None]:
        """The template file and line that write `<tag` (with `attribute`): the template, or one it includes,
        extends or imports. The template itself, without a line, where none does."""
        found: tuple[str, int | None] | None = None
        for filename, source in _sources(self.env, self.name) if self.env and tag else ():
            # Only the template's own text writes elements: comments and expressions are blanked out (their
            # lines kept), since what an expression gives is escaped.
            source = _blanked(JINJA, source)
            for number, line in enumerate(LINE_END.split(source), 1):
                if re.search(rf"<{re.escape(tag or '')}(?=[\s/>])", line):
                    if attribute is None or re.search(rf"\b{re.escape(attribute)}\s*=", line):
                        return filename, number
                    found = found or (filename, number)
        return found or (self.where, None)

    def locate_text(self, ch: str) -> tuple[str, int | None]:
        """The template file and line that write character `ch` (in its text or in an expression, not in a
        comment): the template, or one it names. The template itself, without a line, where none does (a
        character written as an XML entity)."""
        for filename, source in _sources(self.env, self.name) if self.env else ():
            index = _blanked(COMMENT, source).find(ch)
            if index >= 0:
                return filename, len(LINE_END.split(source[:index]))
        return self.where, None


def _blanked(pattern: re.Pattern[str], source: str) -> str:
    """`source` with what `pattern` finds blanked out, its line ends (of any system) kept."""
    return pattern.sub(lambda match: re.sub(r"[^\r\n]", " ", match.group(0)), source)


def _sources(env: jinja2.Environment, name: str, seen: set[str] | None = None) -> Iterator[tuple[str, str]]:
    """The source of template `name` and of every template it names, each once."""
    seen = set() if seen is None else seen
    if name in seen:
        return
    seen.add(name)
    try:
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        names = list(jinja2.meta.find_referenced_templates(env.parse(source)))
    except (jinja2.TemplateError, TemplateError):
        return
    yield filename or name, source
    for other in names:
        if other:
            yield from _sources(env, other, seen)


REFERENCES = {jinja2.nodes.Extends: "extends", jinja2.nodes.Include: "include", jinja2.nodes.Import: "import"}
REFERENCES[jinja2.nodes.FromImport] = "from"


def _references(env: jinja2.Environment, name: str) -> tuple[str, list[tuple[str, int, str]]]:
    """The file of template `name` and the templates it names by a constant: (tag, line, name) each."""
    source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    found = []
    for node in env.parse(source).find_all(tuple(REFERENCES)):
        if isinstance(node.template, jinja2.nodes.Const) and isinstance(node.template.value, str):
            found.append((REFERENCES[type(node)], node.lineno, node.template.value))
    return filename or name, found


def misnamed(override: Path | None) -> list[Problem]:
    """A [name-case] warning for each template a clinic's folder gives under other capitals than it is asked for:
    a layout (`Handout.xml.j2` for handout.xml.j2), or a template one of them names by a constant in an include,
    import or extends (`{% include "Parts/Help.xml.j2" %}` for parts/help.xml.j2). A Mac or Windows finds it
    whatever its capitals and the sheets build; Linux does not, and says so (see ConfinedLoader). Read from each
    folder's listing, which gives the names as saved (see files.saved_as)."""
    if override is None:
        return []
    env = environment(override)
    folders = [Path(folder) for folder in env.loader.searchpath]  # type: ignore[union-attr]
    problems, seen = [], set()
    listings: dict[Path, list[str]] = {}  # each folder listed once: a folder of thousands of templates took minutes
    # each template to look at: its name, and the clinic's template (file, line) that names it; None: the engine
    waiting: list[tuple[str, tuple[str, int] | None]] = [(HANDOUT, None), (POSTER, None)]
    while waiting:
        name, named_by = waiting.pop(0)
        named = name.replace("\\", "/")
        # as the loader finds it (os.path.exists: a name too long to look for is not found, as it is not there)
        folder = next((folder for folder in folders if os.path.exists(folder / named)), None)
        if named in seen or folder is None or not inside(folder / named, folder):  # not found, or refused, as rendered
            continue
        seen.add(named)
        saved = saved_as(folder, named, listings)
        if saved is not None and named_by is not None:
            problems.append(Problem(*named_by, "", saved_as_said(name, saved), "name-case"))
        elif saved is not None:  # the engine's name, or a built-in template's: the file is the one to rename
            fix = f"rename the file {named}, the name handouts looks for"
            problems.append(Problem(str(folder / saved), None, "", saved_as_said(named, saved, fix), "name-case"))
        try:
            filename, references = _references(env, name)
        except (jinja2.TemplateError, TemplateError, OSError, RecursionError, MemoryError):
            continue  # said when the template is rendered
        ours = folder == folders[0]
        waiting += [(other, (filename, line) if ours else None) for _, line, other in references]
    return problems


def _cycle(env: jinja2.Environment, name: str, trail: tuple[str, ...], done: set[str]) -> TemplateError | None:
    """Where templates reached from `name` name each other without end (a template extending itself, say), as
    the error to give: Python's "maximum recursion depth exceeded" says neither which template nor why."""
    if name in done:
        return None
    done.add(name)
    try:
        filename, references = _references(env, name)
    except (jinja2.TemplateError, TemplateError, OSError, RecursionError, MemoryError):
        return None
    for tag, line, other in references:
        if other == name or other in trail:
            what = "this template itself" if other == name else f"{other!r}, which leads back here"
            said = f"{{% {tag} {other!r}{' …' if tag in ('import', 'from') else ''} %}}"
            message = f"{said} names {what}, so the layout never ends"
            if other == name and Path(filename).parent != TEMPLATES and (TEMPLATES / name).is_file():
                message += f" (the folder's own {name} is found before the built-in one"
                message += ": copy the built-in template and change the copy)"
            return TemplateError(filename, message, line)
        if (found := _cycle(env, other, (*trail, name), done)) is not None:
            return found
    return None


TOO_DEEP = "nests loops, tags, brackets or operators too deeply to be read: write them one after another, or in macros"
# Said of a template whose macros call themselves without end, in place of Python's "maximum recursion depth
# exceeded", whose ending ("while calling a Python object", "in comparison"…) depends on the depth the template
# was rendered at: check and build, which reach the template from different depths, said it differently.
ENDLESS = "a macro calls itself here without end (or through others): give it a condition that stops it"
COMPILING = frozenset({"lexer.py", "parser.py", "compiler.py", "nodes.py", "visitor.py", "optimizer.py", "idtracking.py"})


def _compiling(exc: BaseException) -> bool:
    """Whether `exc` is Python giving up on a template as Jinja reads or compiles it: a text nested thousands deep
    (`((((…1…))))`, `{% if %}` in `{% if %}`…) overflows the parser's recursion, and more than 20 loops inside
    one another are more blocks than Python compiles. Not a template's own endless recursion as it runs."""
    if isinstance(exc, SyntaxError) and not isinstance(exc, jinja2.TemplateSyntaxError):
        return True
    if not isinstance(exc, RecursionError | MemoryError):
        return False
    traceback = exc.__traceback__
    while traceback is not None:
        code = traceback.tb_frame.f_code
        if Path(code.co_filename).name in COMPILING and Path(code.co_filename).parent.name == "jinja2":
            return True
        if code.co_name == "_compile" and Path(code.co_filename).parent.name == "jinja2":
            return True
        traceback = traceback.tb_next
    return False


def _searched(override: Path | None) -> str:
    """The folders a template is looked for in, in turn: the clinic's (if given), then the built-in ones."""
    return " or ".join(str(folder) for folder in ([override] if override else []) + [TEMPLATES])


def render(name: str, context: Mapping[str, Any], override: Path | None = None, words: Translator | None = None) -> Layout:
    """Render template `name` with plain `context` to layout XML, its labels in the language of `words`;
    every failure becomes a TemplateError naming the template's file and line."""
    env = environment(override, words)
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound as exc:
        missing = f"template {exc.name!r}" if exc.name and exc.name != name else f"template {name!r}"
        raise TemplateError("", f"{missing} not found in {_searched(override)}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(exc.filename or name, f"template syntax error: {exc.message}", exc.lineno) from None
    except UnreadableTemplate as exc:
        raise TemplateError(exc.filename or str(override or TEMPLATES), str(exc), exc.lineno) from None
    except (RecursionError, MemoryError, SyntaxError) as exc:
        if not _compiling(exc):
            raise
        where = env.loader.get_source(env, name)[1] or name  # type: ignore[union-attr]
        raise TemplateError(where, f"the template {TOO_DEEP}") from None
    data = {key: plain(value) for key, value in context.items()}
    filename = str(template.filename)
    try:
        with time_budget(TIME_BUDGET, TemplateTimeout):
            return Layout(XML_INVALID.sub("", _render(template, data)), filename, env, name)
    except TemplateTimeout as exc:
        where, line = _template_line(template, exc.__traceback__, compiled=True)
        raise TemplateError(where, f"the template ran for more than {TIME_BUDGET:g} seconds and was stopped", line) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(exc.filename or filename, f"template syntax error: {exc.message}", exc.lineno) from None
    except Exception as exc:
        if _compiling(exc):  # a template it includes or imports, read as it is named
            where, line = _template_line(template, exc.__traceback__)
            raise TemplateError(where, f"the template this line names {TOO_DEEP}", line) from None
        if isinstance(exc, RecursionError) and (cycle := _cycle(env, name, (), set())) is not None:
            raise cycle from None
        if isinstance(exc, RecursionError):  # Python's words for it vary with where the stack ran out
            where, line = _template_line(template, exc.__traceback__)
            raise TemplateError(where, ENDLESS, line) from None
        # Jinja's errors, the sandbox's, and anything else a template's own code raised (a division by zero,
        # int('x'), a filter given a value it cannot take): the template's fault, said
        # with its line.
        where, line = _template_line(template, exc.__traceback__)
        message = exc.message if isinstance(exc, jinja2.UndefinedError) else str(exc)
        if isinstance(exc, jinja2.TemplateNotFound) and not isinstance(exc, jinja2.TemplatesNotFound):
            message = f"template {exc.name!r} not found in {_searched(override)}"
            if any(ord(ch) < 32 for ch in exc.name or ""):  # "parts\new.xml.j2": its \n a line break
                escape = "in a template's quotes a backslash starts an escape (\\n is a line break)"
                message = f"template {exc.name!r} not found: {escape}; write the name with / between its folders"
        raise TemplateError(where, (message or type(exc).__name__).splitlines()[0][:200], line) from None
