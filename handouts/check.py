"""`handouts check`: everything a build would complain about, and what it would not, without writing files.

Check builds every output in memory, as `build` does, so the two agree: what check passes, build builds.
Findings: validation errors, unresolved and unused citations, characters no font has, colours below the
contrast targets, layouts that cannot be made, whether each poster fits and at which size, the reading
level of each text (Flesch-Kincaid grade, as textstat computes it, target 8 or below) with its hardest sentence,
Markdown links that print as typed, what a clinic's governance asks of a sheet (warning signs, a reviewer, the
discomfort that is fine, how often, a date, recent sources), and a note on long routines. A help box that says to
call the clinic when brand.yaml gives no number is a warning of the prepared job's, so build says it too.
Each warning has a code (`[contrast]`) that `--suppress` or brand.yaml's `suppress_warnings` can silence.
"""

from __future__ import annotations

import datetime
import html
import html.entities
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote

from handouts.build import old_print_files, output_path, paper_notes, print_path, read_files, render_each, shared_ids
from handouts.errors import HandoutsError, InputError, Problem
from handouts.input.links import DOI_PREFIX, MAX_LINK, address_end, safe_link, web_address, without_addresses
from handouts.input.models import SEASON_MONTHS
from handouts.input.options import Options
from handouts.input.yamlsource import PathKey
from handouts.job import Job, prepare
from handouts.output import check_lock, check_out, check_targets
from handouts.rendered import coarse_pictures
from handouts.starter import PLACEHOLDER
from handouts.words.i18n import CATALOG_REGIONS, regional_stand_in
from handouts.words.locales import babel_locale
from handouts.words.markdown import linked, plain_blocks, plain_text
from handouts.words.readability import grade
from handouts.words.references import WEB_ADDRESS, shipped_styles
from handouts.words.wording import overdue

TARGET_GRADE = 8.0
ADDRESS_KEYS = ("url", "video", "URL", "website")  # the keys whose value is one web address
EMPHASIS_MARKS = "_*~"  # what GFM leaves out of an autolink's end as emphasis's, not a sentence's
MIN_ALT = 5  # characters: a picture's description shorter than this describes nothing
MANY_STEPS = 10
SENTENCE = re.compile("(?<=[.!?])\\s+(?=[A-Z0-9\"'\u2018\u201c(])")

Level = Literal["error", "warning", "note"]
LEVELS: tuple[Level, ...] = ("error", "warning", "note")


@dataclass(frozen=True)
class Finding:
    level: Level
    message: str
    code: str = ""  # a warning's kind, which --suppress names

    def __str__(self) -> str:
        return f"{self.level}: {self.message}" + (f" [{self.code}]" if self.code else "")

    @classmethod
    def of(cls, level: Level, problem: Problem) -> Finding:
        return cls(level, str(problem), problem.code)


def _readable_texts(job: Job) -> Iterator[tuple[PathKey, str]]:
    content = job.content.model
    if content.summary:
        yield ("summary",), content.summary
    for index, section in enumerate(content.sections):
        yield ("sections", index, "body"), section.body
    for index, point in enumerate(content.safety.points):
        yield ("safety", "points", index), point.text
    if content.routine.intro:
        yield ("routine", "intro"), content.routine.intro
    for index, step in enumerate(content.routine.steps):
        yield ("routine", "steps", index, "text"), step.text
    if content.finish:
        yield ("finish",), content.finish


MIN_WORDS = 5  # a text, or a sentence quoted as its hardest, of fewer words is too short for the grade to mean much


def _sentences(text: str) -> str:
    """`text` as plain words, each block (a paragraph, a heading, a list item) ending as a sentence: a heading or
    an item without a full stop ran on into the sentence after it, read as one long sentence by the grade and
    quoted so as the hardest ("How to press Press gently with your palm")."""
    return " ".join(block if block[-1] in ".!?\u2026:;" else f"{block}." for block in plain_blocks(text))


def _grade(text: str) -> float:
    """The grade of `text` without the addresses typed bare in it (web, e-mail, DOI): read as one word of a dozen
    syllables, "See www.nhs.uk/conditions/neck-pain/." made a text grade 9 whose sentences were all below 0."""
    return grade(without_addresses(text))


def reading_level(job: Job) -> list[Finding]:
    if not job.content.model.language.lower().startswith("en"):
        return [Finding("note", "reading level: the Flesch-Kincaid grade is measured for English text only")]
    findings = []
    for path, text in _readable_texts(job):
        words = _sentences(text)
        if len(words.split()) < MIN_WORDS:
            continue
        score = _grade(words)
        if round(score, 1) > TARGET_GRADE:  # as said: "grade 8.0" is not above 8
            sentences = SENTENCE.split(words)  # a heading or item of two long words is no sentence to rewrite
            hardest = max([each for each in sentences if len(each.split()) >= MIN_WORDS] or sentences, key=_grade)
            message = (
                f"reading grade {score:.1f} (target {TARGET_GRADE:g} or below): shorter sentences and shorter words "
                "lower it; "
                f'hardest sentence (grade {_grade(hardest):.1f}): "{hardest}"'
            )
            findings.append(Finding.of("warning", job.content.problem(path, message).coded("reading-level")))
    return findings


# A Markdown link as typed: `[text](address)`, not after a backslash (`\\[` prints a bracket); the address may
# hold brackets in pairs (`javascript:alert(1)`, `https://e.org/Knee_(anatomy)`).
LINK = re.compile(r"(?<!\\)\[([^\[\]\n]+)\]\(((?:[^()\n]|\([^()\n]*\))+)\)")


def _punctuated(address: str, coded: bool) -> str | None:
    """What to say of a web address typed with a sentence's punctuation after it, "https://youtu.be/abc123).",
    which no address ends with (see links.address_end); None when it has none. `coded`: it goes in a QR code.
    A mark emphasis closes with (`_`, `*`, `~`) and what comes before it are the address's own: a field holds one
    address, and YouTube's share links (`?si=` and 16 letters, digits, `-` or `_`) end with `_` one time in 64."""
    typed = address.rstrip()
    tail = typed[address_end(typed, 0, len(typed)) :]
    tail = tail[max(tail.rfind(mark) for mark in EMPHASIS_MARKS) + 1 :]
    if not tail:
        return None
    where = "printed, linked and put in a QR code" if coded else "printed and linked"
    return (
        f"{address[:80]!r} ends with {tail!r}, which no address ends with (a sentence's punctuation, copied with "
        f"it): it is {where} with it; leave it out"
    )


def unlinked(job: Job) -> list[Finding]:
    """A warning for each Markdown link whose address is not one a link may go to (`[NHS](www.nhs.uk)`): it
    prints as typed, brackets and all; for each reference's URL that is no web address (`www.nice.org.uk/…`,
    `javascript:…`): it prints after "Available at:" and is a link in no output; and for each DOI typed with its
    address or `doi:`, which the styles print before it again ("https://doi.org/doi:10.1/x")."""
    findings = [
        Finding.of("warning", loaded.problem(path, said).coded("not-a-link"))
        for loaded in (job.content, job.brand)
        for path, text in loaded.texts
        if path[-1] in ADDRESS_KEYS and (said := _punctuated(text, path[0] != "references"))
    ]
    for path, text in job.content.texts:
        # as the references' entries link an address: where it starts as a web address does (WEB_ADDRESS)
        if path[0] == "references" and path[-1] == "URL" and not WEB_ADDRESS.match(text.strip()):
            message = f"{text[:80]!r} is no link in the web copy (a web address starts with https:// or http://)"
            if text.strip().lower().startswith("www."):
                message += f": write https://{text.strip()}"
            findings.append(Finding.of("warning", job.content.problem(path, message).coded("not-a-link")))
        if path[0] == "references" and path[-1] == "DOI" and (prefix := DOI_PREFIX.match(text)):
            typed = "its address" if prefix.group("resolver") else text[: prefix.end()].strip()
            name = text[prefix.end() :].strip()
            name = unquote(name) if prefix.group("resolver") else name  # as the DOI is written, not as its address
            message = (
                f"{text[:80]!r} is typed with {typed} before it, and reference styles add their own before a DOI "
                f"(it would print twice): write the DOI alone, {name[:80]}"
            )
            findings.append(Finding.of("warning", job.content.problem(path, message).coded("doi-prefix")))
        if path[0] == "references":
            continue
        for match in LINK.finditer(text):
            if linked(match.group(0)):  # `[a](https://… "Title")` and `[a](<https://e.com/a b>)` are links too
                continue
            address = match.group(2).strip()
            meant = None  # what the author most likely meant: an e-mail address, or a web address (www.…)
            if ":" not in address and "@" in address:
                meant = f"mailto:{address}"
            elif address.lower().startswith("www."):
                meant = web_address(address)
            said = f"{match.group(0)[:80]!r} prints as typed, brackets and all"
            words = address.split()
            if len(words) > 1 and safe_link(words[0]):  # `[a](https://e.com/a b)`, of which nothing was said
                message = f"{said}: a link's address holds no spaces: write each as %20"
            elif len(address) > MAX_LINK and safe_link(address[:MAX_LINK]):  # it said to start it with https://
                message = f"{said}: a link's address of {len(address):,} characters is too long (at most {MAX_LINK:,})"
            elif meant and safe_link(meant):
                message = f"{said}: write the address as {meant}"
            else:
                message = f"{said}: a link's address starts with https://, http://, mailto: or tel:"
            findings.append(Finding.of("warning", job.content.problem(path, message).coded("not-a-link")))
    return findings


# HTML copied with text from a web page's source or an HTML e-mail: a tag such pages use in running text, with
# its attributes (`href="…"`, `class=MsoNormal`, or one of HTML's that stand alone, `nowrap`; not "<a minute
# between sets; if pain is >3/10", a comparison, nor "<centre of the knee>", words in angle brackets), or an
# entity HTML names (`&nbsp;`, `&amp;`, `&#8217;`)
ALONE = r"(?:allowfullscreen|async|checked|compact|defer|disabled|hidden|itemscope|nohref|noshade|nowrap|open|reversed)"
ATTRIBUTE = rf"""\s+(?:[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)|{ALONE}(?![\w:.-]))"""
HTML_TAG = re.compile(
    rf"</?(?:a|b|blockquote|br|center|code|div|em|font|h[1-6]|hr|i|iframe|img|li|ol|p|pre|script|small|span|strong|style|"
    rf"sub|sup|table|td|th|tr|u|ul)(?:{ATTRIBUTE})*\s*/?>",
    re.IGNORECASE,
)
HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
TAG_INSTEAD = {
    "b": "**bold words**",
    "strong": "**bold words**",
    "i": "*italic words*",
    "em": "*italic words*",
    "a": "[the link's words](its address)",
    "br": "a new sentence (in a section's body, a blank line between paragraphs)",
    "p": "a new sentence (in a section's body, a blank line between paragraphs)",
}
LEAVE_OUT = "leave it out"


def _html(text: str, marked: bool) -> str | None:
    """What to say of the first HTML tag or entity in `text` (its addresses typed bare left out), or None.
    `marked`: the text takes Markdown (a reference's fields do not: each prints as typed, stars too)."""
    plain = without_addresses(text)
    entity = next((m for m in HTML_ENTITY.finditer(plain) if m[0][1] == "#" or m[0][1:] in html.entities.html5), None)
    first = min(filter(None, (HTML_TAG.search(plain), entity)), key=lambda m: m.start(), default=None)
    if first is None:
        return None
    typed = first.group(0)
    if first.re is HTML_ENTITY:
        meant = html.unescape(typed)
        character = "a space" if meant.isspace() else meant if meant.isprintable() else "the character it stands for"
        advice = f"write {character} instead"
    else:
        tag = re.match(r"</?([A-Za-z0-9]+)", typed).group(1).lower()  # type: ignore[union-attr]
        instead = TAG_INSTEAD.get(tag) if marked else None
        advice = f"write {instead} instead" if instead else LEAVE_OUT
    return f"{typed[:40]!r} is HTML, copied from a web page or an e-mail, and prints as typed: {advice}"


def html_markup(job: Job) -> list[Finding]:
    """A warning for each text, of routine or brand, with HTML in it (see HTML_TAG): it prints as typed."""
    return [
        Finding.of("warning", loaded.problem(path, said).coded("html"))
        for loaded in (job.content, job.brand)
        for path, text in loaded.texts
        if path[-1] not in ADDRESS_KEYS and (said := _html(text, path[0] != "references"))
    ]


# Stars left as typed that would open bold before a word (not a sum's, `5 ** 2`)
BOLD_OPENS = re.compile(r"(?<!\*)\*\*(?=[^\s*])")


def unclosed(job: Job) -> list[Finding]:
    """A warning for each text whose '**' opens bold that is never closed: Markdown prints the stars. Stars in an
    address typed bare (`https://e.com/a**b`) are the address's, printed as typed."""
    findings = []
    for path, text in job.content.texts:
        bare = without_addresses(plain_text(text.replace("\\*", "")))  # bar escaped stars
        if path[0] != "references" and BOLD_OPENS.search(bare):
            message = (
                "'**' opens bold text that is never closed, so the sheets print the stars: end the bold words with "
                "'**' too ('**Stop if it hurts.** Rest.')"
            )
            findings.append(Finding.of("warning", job.content.problem(path, message).coded("unclosed-bold")))
    return findings


def outputs(job: Job, printed: dict[Path, bytes] | None = None, targets: list[Path] | None = None) -> list[Finding]:
    """Each output built in memory, as `build` builds it: its errors, warnings and notes (the posters' sizes).
    Each printed sheet made goes into `printed`, by the path a build writes it to, and the path of every output
    made into `targets`."""
    findings: list[Finding] = []
    try:
        each = render_each(job, job.options.only)
    except HandoutsError as exc:  # a layout's template that cannot be rendered: a build stops at it too
        return [Finding.of("error", problem) for problem in exc.problems]
    for output in job.options.only:
        if output in each.failed:
            findings += [Finding.of("error", problem) for problem in each.failed[output].problems]
        elif output in each.left_out:  # an output not promised for this routine: why, as build says it
            findings.append(Finding.of("warning", each.left_out[output]))
        else:
            rendered = each.made[output]
            if targets is not None:
                targets.append(output_path(job, output))
            if printed is not None and output.printed:
                printed[output_path(job, output)] = rendered.data
            findings += [Finding.of("warning", warning) for warning in rendered.warnings]
            findings += [Finding("note", note) for note in rendered.notes]
    return findings + [Finding.of("warning", warning) for warning in coarse_pictures(job, each.made.values())]


def alt_texts(job: Job) -> list[Finding]:
    """A warning for each step picture whose description tells a screen-reader user nothing: shorter than
    5 characters, or its file's name."""
    findings = []
    for index, step in enumerate(job.content.model.routine.steps):
        if not step.image or not step.alt:
            continue
        name = Path(step.image).name
        if len(step.alt.strip()) < MIN_ALT or step.alt.strip().lower() in {name.lower(), Path(name).stem.lower()}:
            message = "the picture's description says little to someone who cannot see it: describe what the picture shows"
            findings.append(
                Finding.of("warning", job.content.problem(("routine", "steps", index, "alt"), message).coded("alt-text"))
            )
    return findings


def currency(job: Job, today: datetime.date | None = None) -> list[Finding]:
    """A warning when the leaflet's review date has passed."""
    content = job.content.model
    if not overdue(content, today):
        return []
    message = (
        f"the review date {content.review_due} has passed: review the leaflet and set a new review_due "
        "(and published, if it changes)"
    )
    return [Finding.of("warning", job.content.problem(("review_due",), message).coded("review-overdue"))]


STALE_YEARS = 3  # a source read longer than this before the leaflet was published should be read again
# CSL types of a work published in a year, which a citation without one misquotes (a web page often has none)
DATED_TYPES = frozenset(
    {"article-journal", "article-magazine", "article-newspaper", "book", "chapter", "paper-conference", "report", "thesis"}
)


def governance(job: Job) -> list[Finding]:
    """What a clinic's governance asks of a sheet before it is handed out (warnings, which --strict makes
    errors): warning signs and what to do about them, a named reviewer, how much discomfort is fine, how often
    to do the routine, a date, sources read recently, and none of the starter's placeholder text left. (The
    clinic's number where the sheet says to call it is the job's warning: build prints that sheet too.)"""
    content, problem = job.content.model, job.content.problem
    found: list[Problem] = []
    if not content.help:
        message = "no warning signs and what to do about them: add 'help' (see the README's field reference)"
        found.append(problem(("help",), message).coded("no-help"))
    if not content.reviewed_by:
        found.append(problem(("reviewed_by",), "no reviewer named: add who checked this leaflet").coded("not-reviewed"))
    if not content.discomfort:
        message = "the sheet does not say how much discomfort is fine: add 'discomfort' (see the README's field reference)"
        found.append(problem(("discomfort",), message).coded("no-discomfort"))
    if not content.routine.frequency:
        message = "the sheet does not say how often to do the routine: add 'frequency' (times_a_day, days_a_week, or words)"
        found.append(problem(("routine", "frequency"), message).coded("no-frequency"))
    if not content.published:
        message = "the leaflet is not dated: add 'published' (and 'review_due') so that a patient can tell it is current"
        found.append(problem(("published",), message).coded("not-dated"))
    if content.published:
        # Compared as (year, month, day): CSL's years may be BC or past 9999, its months seasons, and
        # published may be 29 February; a date of Python's could hold none of them.
        published = content.published
        limit = (published.year - STALE_YEARS, published.month, published.day)
        for index, reference in enumerate(content.references):
            parts = (reference.accessed or {}).get("date-parts") or [[]]
            if not parts[0]:
                continue
            year, month, day = [*parts[0], 1, 1][:3]
            if (year, SEASON_MONTHS.get(month, month), day) < limit:
                message = (
                    f"read in {year}, more than {STALE_YEARS} years before the leaflet was published: read it again, "
                    "and set accessed to the day you did"
                )
                found.append(problem(("references", index, "accessed"), message).coded("stale-source"))
    for index, reference in enumerate(content.references):
        if reference.type in DATED_TYPES and not reference.issued:
            kind = ("an " if reference.type[0] in "aeiou" else "a ") + reference.type
            message = (
                f"{reference.id!r} ({kind}) gives no year, so it prints 'no date' where its year goes: "
                "add issued: with the year it was published"
            )
            found.append(problem(("references", index, "issued"), message).coded("undated-source"))
    for path, text in job.content.texts:
        if PLACEHOLDER in text:
            found.append(problem(path, f"still says {PLACEHOLDER!r}: write your own words").coded("placeholder"))
    return [Finding.of("warning", warning) for warning in found]


def regional_labels(job: Job) -> list[Finding]:
    """A note where the routine's language is a country's (de-CH) and its labels come from the catalog worded
    for another's (de, Germany's): the sheet prints "Großdruck" where a Swiss patient reads "Grossdruck", and
    nothing said so."""
    language = job.content.model.language
    stand_in = regional_stand_in(language)
    if stand_in is None:
        return []
    country = babel_locale("en").territories.get(CATALOG_REGIONS[stand_in], CATALOG_REGIONS[stand_in])
    message = (
        f"{language}'s labels print from the '{stand_in}' catalog, worded as in {country}: reword any it says "
        f"otherwise under labels: {{{language}: …}} in {job.brand.source.path.name}"
    )
    return [Finding.of("note", job.content.problem(("language",), message))]


def check(content_path: Path, brand_path: Path, options: Options | None = None) -> list[Finding]:
    """Every finding for one routine, most serious first within each kind."""
    return check_all([content_path], brand_path, options)


def check_all(content_paths: list[Path], brand_path: Path, options: Options | None = None) -> list[Finding]:
    """Every finding for each routine in turn, and, as a build of them all stops at it, each routine whose id
    another has; then what a build would say of its folder (--out): one it cannot write to, and print files
    there that hold sheets as they were before (nothing is written)."""
    options = options or Options()
    findings, jobs = [], []
    printed: dict[Path, bytes] = {}
    targets: list[Path] = []
    for path in content_paths:
        try:
            job = prepare(path, brand_path, options)
        except InputError as exc:
            findings += [Finding.of("error", problem) for problem in exc.problems]
            continue
        jobs.append(job)
        findings += job_findings(job, printed, targets)
    findings += [Finding("note", note) for note in paper_notes(jobs, options)]
    findings += [Finding.of("error", problem) for problem in shared_ids(jobs)]
    if not os.path.isdir(options.out.parent) and options.out.parent in {path.parent for path in content_paths}:
        return findings  # beside a routine whose folder is no folder: its error says so, and a build stops there
    if options.print_file and jobs:  # the print file's place, as its outputs' (a folder there stopped the build)
        targets.append(print_path(jobs, options))
    inputs = read_files(content_paths, brand_path, options)
    return findings + folder(options, printed, jobs[0].suppressed if jobs else frozenset(), targets, inputs)


def folder(
    options: Options,
    printed: dict[Path, bytes],
    suppressed: frozenset[str],
    targets: Iterable[Path] = (),
    inputs: tuple[Path, ...] = (),
) -> list[Finding]:
    """What a build would say of its folder, found without writing to it: an error where it cannot write (a file
    in the folder's place, a lock file that is not handouts', a folder in an output's place, an output's name
    that is a file the build reads), else a warning for each print file there holding sheets this build would
    change."""
    try:
        check_out(options.out, options.out_option)
        check_lock(options.out)
        check_targets(targets, inputs)
    except HandoutsError as exc:
        return [Finding.of("error", problem) for problem in exc.problems]
    old = old_print_files(options, printed)
    return [Finding.of("warning", problem) for problem in old if problem.code not in suppressed]


def job_findings(job: Job, printed: dict[Path, bytes] | None = None, targets: list[Path] | None = None) -> list[Finding]:
    """Every finding for a prepared routine (the documents and poster plans are the ones a build of the job
    uses), each once, errors first; its printed sheets go into `printed`, its outputs' paths into `targets`
    (see outputs)."""
    findings = [Finding.of("warning", warning) for warning in job.warnings]
    findings += outputs(job, printed, targets) + reading_level(job) + currency(job) + alt_texts(job) + unlinked(job)
    findings += html_markup(job) + unclosed(job) + governance(job)
    if job.content.model.references:  # a routine with none has no style to name (every starter was told one)
        style, shipped = job.references.style, ", ".join(shipped_styles())
        message = (
            f"{job.content.source.name}: references in the {style} style (shipped: {shipped}); "
            f"choose another with --csl or references.style in {job.brand.source.path.name}"
        )
        findings.append(Finding("note", message))
    findings += regional_labels(job)
    steps = len(job.content.model.routine.steps)
    if steps > MANY_STEPS:
        message = (
            f"{steps} steps, each one more for a patient to learn and to find time for: "
            f"consider about {MANY_STEPS} or fewer (or two routines)"
        )
        findings.append(Finding.of("note", job.content.problem(("routine", "steps"), message)))
    suppressed = job.suppressed
    kept = [finding for finding in dict.fromkeys(findings) if finding.code not in suppressed]
    return sorted(kept, key=lambda f: LEVELS.index(f.level))
