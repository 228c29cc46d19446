"""citeproc-js, the CSL processor behind Zotero and Mendeley (npm's `citeproc`), is the oracle for references.

For each shipped style, in British and American English and in every language the label catalogs ship, each
in-text citation and each reference-list entry handouts prints (as plain text) must equal citeproc-js's for the
same CSL-JSON, style and locale files: over the shipped knee routine's references and a corpus of varied items
(tests/fixtures/references.yaml). Where citeproc-py cannot match and handouts does not work around it, the case
is listed in KNOWN with its reason, and must still differ, so that a fix shows up as a failure asking for its entry
to be removed.

citeproc-js's outputs are recorded in tests/oracle/recorded.json.gz, each under a fingerprint of its inputs, so
that the suite does not start node for 130 cases each run: a case whose style, locale files or items change
is run in citeproc-js again (`HANDOUTS_RECORD_ORACLE=1 python -m pytest tests/test_citeproc_oracle.py` records
it), and a slow test runs one case per style in citeproc-js to check that the recording is what it prints.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from conftest import ROOT, SHIPPED

from handouts.input.models import Reference
from handouts.words.citeproc_format import LOCALES, csl_locale
from handouts.words.references import format_references, shipped_styles, style_path

ORACLE = Path(__file__).parent / "oracle" / "citeproc.js"
RECORDED = Path(__file__).parent / "oracle" / "recorded.json.gz"  # citeproc-js's outputs (see _oracle)
NODE_MODULES = ROOT / ".ci" / "node" / "node_modules"
LANGUAGES = ["en-GB", "en-US", *sorted(path.stem for path in (ROOT / "handouts" / "words" / "locale").glob("*.po"))]
STYLES = shipped_styles()

# (style, CSL locale or "*", item id or "order" or a cluster's ids joined by "+") -> why it differs.
KNOWN: dict[tuple[str, str, str], str] = {
    ("chicago-author-date", "*", "handbook2017"): "CMOS 18's author macro substitutes editors from inside a "
    "<choose>, where citeproc-py loses the names' short form: '(S. Clarke, J. Santy-Tomlinson 2017)', 'S. Clarke, …, "
    "eds'",
    ("apa", "*", "thesis2016"): "citeproc-py takes APA's genre test for a thesis as true and adds '(Publication)'",
    **{
        (style, "pt-PT", item): "pt-PT gives 'edição' no grammatical gender; citeproc-js then takes the feminine "
        "ordinal ('2.ª ed.'), handouts the masculine ('2.º ed.'), which the locale lists first"
        for style in ("harvard-cite-them-right", "apa", "vancouver", "american-medical-association", "chicago-author-date")
        for item in ("field2014", "fritz2020", "chaitow2018", "editors2015")
    },
    **{
        (style, "*", "king2022"): "a name's suffix typed with a full stop ('Martin, Jr.'): citeproc-js normalises it "
        "as it does initials, so a style that initializes with nothing drops the stop ('King M Jr'); citeproc-py "
        "prints it as typed ('King M Jr.')"
        for style in ("vancouver", "american-medical-association")
    },
    **{
        (style, "*", "kneeguide2022"): "a title's straight double quotes print as typed ('The \"good knee\" guide'); "
        "citeproc-js prints the locale's quotes ('The “good knee” guide'); handouts follows it for single quotes only"
        for style in STYLES
    },
    ("nature", "*", "smith2012"): "a range of years: citeproc-js prints the style's brackets around the second "
    "year too ('(Example Press, 2012–(2013))')",
    **{
        # (in Chicago, Clarke's entry prints otherwise, handbook2017, so its place is not compared)
        (style, "cy-GB", "order"): "Welsh collation: citeproc-js sorts the digraph 'Ch' after 'C' "
        "(Chaitow after Clarke); citeproc-py sorts letter by letter"
        for style in ("harvard-cite-them-right", "apa")
    },
}


def _plain(markup: str) -> str:
    """Text as a reader sees it: no markup, no entities, every kind of space one space."""
    text = html.unescape(re.sub(r"<[^>]+>", "", markup))
    text = re.sub(r"[\u200b\u2060\u00ad]", "", text)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


@functools.cache
def _items(corpus: str) -> list[dict[str, Any]]:
    if corpus == "knee":
        data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))["references"]
    else:
        data = yaml.safe_load((Path(__file__).parent / "fixtures" / "references.yaml").read_text(encoding="utf-8"))
    # citeproc-py keys items in lower case; handouts matches ids case-insensitively (handouts.words.citations).
    return [Reference.model_validate({**item, "id": str(item["id"]).lower()}).csl() for item in data]


def _clusters(items: list[dict[str, Any]]) -> list[list[str]]:
    """Each item cited alone, in order, then clusters of several (same author and year; mixed authors; same author
    undated; same author, years apart, one a range; three numbered in a row; two people of one family name in one
    year; the same first author and et al. in one year; the same author in spring and in June of one year)."""
    ids = [item["id"] for item in items]
    several = [
        ["nhs2019a", "nhs2019b"],
        ["smith2020a", "smith2020b", "katz2005"],
        ["perlman2006", "katz2006"],
        ["atkins-nodate-b", "atkins-nodate"],
        ["smith2020b", "smith2012", "katz2006", "smith2020a"],
        ["perlman2006", "nhs2019a", "nhs2019b", "field2014"],
        ["smith2020a", "smith2020c", "smith2020b"],
        ["hinman2019b", "hinman2019"],
        ["hughes2019b", "hughes2019"],
    ]
    return [[key] for key in ids] + [cluster for cluster in several if set(cluster) <= set(ids)]


CASES = [(style, language, corpus) for style in STYLES for language in LANGUAGES for corpus in ("knee", "corpus")]


def _job(style: str, language: str, corpus: str) -> dict[str, Any]:
    return {
        "style": style_path(style).read_text(encoding="utf-8"),
        "lang": csl_locale(language),
        "locales": str(LOCALES),
        "items": _items(corpus),
        "clusters": _clusters(_items(corpus)),
    }


@functools.cache
def _locales_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(LOCALES.glob("locales-*.xml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _fingerprint(job: dict[str, Any]) -> str:
    """What citeproc-js's output depends on: the style, the language and its locale files, items, clusters."""
    inputs = {key: value for key, value in job.items() if key != "locales"}
    return hashlib.sha256((json.dumps(inputs, sort_keys=True) + _locales_digest()).encode()).hexdigest()


def _node() -> str:
    node = shutil.which("node")
    if node is None or not (NODE_MODULES / "citeproc").is_dir():
        if os.environ.get("CI"):
            pytest.fail("citeproc-js is needed: .ci/run installs node's citeproc package into .ci/node")
        pytest.skip("citeproc-js is not installed (npm install --prefix .ci/node citeproc)")
    return node


def _run_citeproc_js(jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """citeproc-js's output for each job: two node processes, one per core, each with every other job."""
    node, env = _node(), {**os.environ, "NODE_PATH": str(NODE_MODULES)}

    def run(half: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not half:
            return []
        done = subprocess.run(
            [node, str(ORACLE)], input=json.dumps(half), capture_output=True, text=True, env=env, timeout=600, check=True
        )
        return json.loads(done.stdout)

    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(run, [jobs[0::2], jobs[1::2]])
    return [result for pair in zip(first, second, strict=False) for result in pair] + first[len(second) :]


def _recorded() -> dict[str, Any]:
    return json.loads(gzip.decompress(RECORDED.read_bytes())) if RECORDED.is_file() else {}


@functools.cache
def _oracle() -> dict[tuple[str, str, str], dict[str, Any]]:
    """citeproc-js's output for every case: as recorded (tests/oracle/recorded.json.gz, keyed by a fingerprint of
    each case's inputs), and from citeproc-js itself for every case whose inputs changed since (a style, a
    locale file or the corpus edited). HANDOUTS_RECORD_ORACLE=1 writes the new outputs into the recording."""
    jobs = {case: _job(*case) for case in CASES}
    prints = {case: _fingerprint(job) for case, job in jobs.items()}
    recorded = _recorded()
    missing = [case for case in CASES if prints[case] not in recorded]
    if missing:
        for case, result in zip(missing, _run_citeproc_js([jobs[case] for case in missing]), strict=True):
            recorded[prints[case]] = result
        if os.environ.get("HANDOUTS_RECORD_ORACLE"):
            kept = {prints[case]: recorded[prints[case]] for case in CASES}
            RECORDED.write_bytes(gzip.compress(json.dumps(kept, sort_keys=True).encode(), mtime=0))
    return {case: recorded[prints[case]] for case in CASES}


@pytest.mark.slow
def test_the_recording_is_what_citeproc_js_prints() -> None:
    """The recorded outputs are citeproc-js's: one case per style, the corpus in British English, run again."""
    cases = [(style, "en-GB", "corpus") for style in STYLES]
    recorded = _recorded()
    for case, live in zip(cases, _run_citeproc_js([_job(*case) for case in cases]), strict=True):
        assert recorded.get(_fingerprint(_job(*case))) == live, case


@functools.cache
def _ours(style: str, language: str, corpus: str) -> dict[str, Any]:
    items = _items(corpus)
    clusters = _clusters(items)
    content = SimpleNamespace(
        references=[Reference.model_validate(item) for item in items], further_reading=[], language=language
    )
    formatted = format_references(content, ["[@" + "; @".join(ids) + "]" for ids in clusters], style_path(style))
    return {
        "citations": [formatted.cite(tuple(ids)) for ids in clusters],
        "bibliography": list(formatted.entries),
        "ids": list(formatted.keys),
    }


@functools.cache
def _differences(style: str, language: str, corpus: str) -> dict[str, tuple[str, str]]:
    """Each case (item id, cluster, or "order": of the entries that print alike) where handouts and citeproc-js
    differ: (citeproc-js, handouts)."""
    theirs, ours = _oracle()[style, language, corpus], _ours(style, language, corpus)
    found: dict[str, tuple[str, str]] = {}
    for ids, js, py in zip(_clusters(_items(corpus)), theirs["citations"], ours["citations"], strict=True):
        if _plain(js) != _plain(py):
            found["+".join(ids)] = (_plain(js), _plain(py))
    entries = dict(zip(ours["ids"], ours["bibliography"], strict=True))
    for key, js in zip(theirs["ids"], theirs["bibliography"], strict=True):
        if _plain(js) != _plain(entries.get(key, "")):
            found[key] = (_plain(js), _plain(entries.get(key, "")))
    # The order of the entries that print alike: one printed otherwise may sort otherwise, and is a case already.
    their_order, our_order = ([key for key in ids if key not in found] for ids in (theirs["ids"], ours["ids"]))
    if their_order != our_order:
        found["order"] = (" ".join(their_order), " ".join(our_order))
    return found


def _known(style: str, language: str, case: str) -> str | None:
    return KNOWN.get((style, csl_locale(language), case)) or KNOWN.get((style, "*", case))


def _cases_of(corpus: str) -> set[str]:
    """The cases a corpus has: each item's id, each cluster of several, and the order of the list."""
    return {"+".join(ids) for ids in _clusters(_items(corpus))} | {"order"}


def _known_cases(style: str, language: str, corpus: str) -> set[str]:
    """The cases of KNOWN that apply here (the knee's references come in the order of every style: no 'order')."""
    return {
        case
        for (known_style, locale, case) in KNOWN
        if known_style == style and locale in ("*", csl_locale(language))
        if case in _cases_of(corpus) and (case != "order" or corpus == "corpus")
    }


@pytest.mark.slow
@pytest.mark.parametrize(("style", "language", "corpus"), CASES)
def test_citations_and_entries_match_citeproc_js(style: str, language: str, corpus: str) -> None:
    """Every case prints as citeproc-js prints it, but those in KNOWN; and each of those still differs, so that a
    fix (here or in citeproc-py) is noticed and its entry removed."""
    differences = _differences(style, language, corpus)
    unexpected = {case: texts for case, texts in differences.items() if not _known(style, language, case)}
    report = [f"{case}:\n  citeproc-js: {js}\n  handouts:    {py}" for case, (js, py) in unexpected.items()]
    assert not unexpected, "\n".join(report)
    now_alike = sorted(_known_cases(style, language, corpus) - differences.keys())
    assert not now_alike, f"now printed as citeproc-js prints them, so no longer known differences: {now_alike}"
