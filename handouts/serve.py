"""`handouts serve`: a page on this computer showing the sheets as they are, updated as the files change.

The server (Starlette on uvicorn, bound to 127.0.0.1) keeps the last good build in memory: page pictures of
each PDF (rendered with pypdfium2) and the web copy. watchfiles rebuilds in a background thread when a
watched file changes; the page hears of it through Server-Sent Events and fetches the new state. A file
that does not load shows its `file:line: key: message` lines, with the last good pictures greyed out; an
output that cannot fit costs only itself, as in a build (see build.render_each).
Nothing but the built outputs is served (each by its name, never by a path), and a patient's print file is
made in memory and returned, never written to disk or logged.

The page answers only to this computer's names (127.0.0.1, localhost, ::1) unless `--host` opened it to
others, so a web page elsewhere cannot read it through a rebound DNS name; a form posted from another site is
refused, and a request's body and fields are bounded. Whatever goes wrong while rebuilding shows on the page,
and the watcher carries on: the next good save recovers.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import html
import io
import os
import re
import socket
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pypdfium2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from handouts.build import output_path, prepare_all, print_job, print_path, render_each
from handouts.check import job_findings
from handouts.errors import HandoutsError, InputError, OptionError, Problem
from handouts.input import dates
from handouts.input.files import noting
from handouts.input.options import MAX_NOTE, MAX_PATIENT, Options
from handouts.messages import masked
from handouts.outputs import Output, for_patient, using_template

if TYPE_CHECKING:
    import datetime
    from collections.abc import Callable

    import uvicorn

# The files a build reads, by their endings: routines and brands, pictures (an iPhone photo kept as a Mac saves it,
# .heic; a JPEG as Windows saves one from the web, .jfif), layouts, fonts and reference styles.
WATCHED = {".yaml", ".yml", ".png", ".jpg", ".jpeg", ".jfif", ".heic", ".heif", ".svg", ".svgz", ".j2", ".ttf", ".otf", ".csl"}
PAGE_WIDTH = 420  # pixels of a page picture
# PDFium is not thread-safe: the browser asks for several pictures at once, each in its own worker thread,
# and two PDFium calls at the same time, even on different documents, crash the whole process.
PDFIUM = threading.Lock()
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_BODY = 16 * 1024  # bytes of a posted form: the fields below, with room to spare
BODY_WAIT = 10.0  # seconds a posted form may take to arrive whole (a browser sends it at once)
FIELDS = {
    "patient": MAX_PATIENT,
    "note": MAX_NOTE,
    "date": 40,
    "large_print": 3,
    "paper": 10,
    "therapist": MAX_PATIENT,
    "next_appointment": 40,
    "duplex": 3,
}
# Said with every answer to the form: the browser keeps none of it. Chromium kept the whole print file (the patient's
# name in its file name, their sheets and note) in its disk cache, beside the copy saved where the therapist chose.
UNKEPT = {"Cache-Control": "no-store"}
CHOICES = {"large_print": ("yes", "no"), "duplex": ("", "yes", "no")}  # the form's selects: what each may send
PAGE_NUMBER = re.compile(r"[0-9]{1,6}")  # of a page picture asked for (a page from 0; ASCII digits only)
RETRY = 1.0  # seconds before the watcher looks again after its folders could not be watched


def page_count(data: bytes) -> int:
    with PDFIUM:
        document = pypdfium2.PdfDocument(data)
        try:
            return len(document)
        finally:
            document.close()


@dataclass
class State:
    """The last good build, and what is wrong now (if anything)."""

    version: int = 0
    outputs: dict[str, bytes] = field(default_factory=dict)  # file name -> PDF or HTML bytes
    errors: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)  # the check's warnings and notes
    titles: list[str] = field(default_factory=list)  # of the routines built
    pages: dict[str, int] = field(default_factory=dict)  # each PDF's page count
    pictures: dict[tuple[str, int], bytes] = field(default_factory=dict)
    stale: bool = False  # the outputs are the last good build's, not of the files as they are now
    failures: dict[str, list[str]] = field(default_factory=dict)  # file name -> why that output could not be made


class Preview:
    """Builds the routines into memory, again whenever one of their files changes."""

    def __init__(self, contents: list[Path], brand: Path, options: Options) -> None:
        self.contents, self.brand, self.options = contents, brand, options
        self.state = State()
        self.read: frozenset[Path] = frozenset()  # every file a rebuild has read (see folders)
        self.lock = threading.Lock()  # guards `state`
        # One build at a time: the watcher's rebuild and a patient's print file would otherwise lay out at once,
        # and ReportLab's font registry and caches are shared by the whole process.
        self.building = threading.Lock()

    def folders(self) -> list[Path]:
        """The folders to watch, each alone and not the folders below it: those holding the routines, the brand,
        the templates and every file a build has read (pictures, logo, fonts, style), found or not. Watching
        the routine's folder with all below it watched a whole home folder, a .git's or node_modules' every
        folder, and the output folder's."""
        folders = {_folder(path) for path in (*self.contents, self.brand, *self.read)}
        if self.options.templates:
            folders.add(self.options.templates.resolve())
        return sorted({_made(folder) for folder in folders})

    def rebuild(self, only: tuple[Output, ...] | None = None) -> None:
        """Build `only` these outputs (default: all) into memory; the others keep their last good build."""
        with self.building, noting() as read:
            self._rebuild(only or self.options.only, keep=only is not None)
        self.read |= read  # a file no longer named is still watched: harmless, and the next edit may name it again

    def _rebuild(self, names: tuple[Output, ...], keep: bool) -> None:
        try:
            jobs = prepare_all(self.contents, self.brand, self.options)  # as a build: two routines of one id refused
            outputs = dict(self.state.outputs) if keep else {}
            # An output whose layout cannot fit costs only itself, as in a build: its error, by its file's name
            failures = dict(self.state.failures) if keep else {}
            for job in jobs:
                each = render_each(job, names)
                for name in names:
                    file = output_path(job, name).name
                    outputs.pop(file, None)
                    failures.pop(file, None)
                    if name in each.made:
                        outputs[file] = each.made[name].data
                    elif name in each.failed:
                        failures[file] = [str(problem) for problem in each.failed[name].problems]
            # The same jobs: the check reuses the poster plans the build just made.
            findings = [str(finding) for job in jobs for finding in job_findings(job) if finding.level != "error"]
            titles = [job.content.model.title for job in jobs]
            pages = {name: page_count(data) for name, data in outputs.items() if name.endswith(".pdf")}
        except HandoutsError as exc:
            self._failed([str(problem) for problem in exc.problems] if isinstance(exc, InputError) else [str(exc)])
            return
        except Exception as exc:  # a bug: said on the page like any error; the next save tries again
            self._failed([f"unexpected {type(exc).__name__} while building (a bug in handouts; please report it): {exc}"])
            return
        with self.lock:
            errors = [line for lines in failures.values() for line in lines]
            self.state = State(self.state.version + 1, outputs, errors, findings, titles, pages, failures=failures)

    def _failed(self, errors: list[str]) -> None:
        """Show `errors` over the last good build, greyed out."""
        with self.lock:
            self.state = replace(self.state, version=self.state.version + 1, errors=errors, stale=True)

    def watch(self, stop: threading.Event) -> None:
        """Rebuild when a watched file changes, until `stop` is set. Nothing that goes wrong stops it."""
        from watchfiles import watch

        unseen = False  # whether files may have changed while no watch was on them
        while not stop.is_set():
            try:
                folders = self.folders()
                made = [_identity(folder) for folder in folders]
                # each second at least, even with no change seen: a watched folder replaced is seen so, and the
                # first answer comes once the folders are watched
                changes_seen = watch(
                    *folders, stop_event=stop, debounce=200, step=50, recursive=False, rust_timeout=1000, yield_on_timeout=True
                )
                for changes in changes_seen:
                    changed = [Path(path) for _, path in changes if Path(path).suffix.lower() in WATCHED]
                    if unseen or changed:
                        self.rebuild(None if unseen else affected(changed))
                        unseen = False
                    # a picture in another folder is named, or its folder made, or a watched folder was replaced by
                    # another of its name (a pictures folder copied over, unzipped again): watch that one, then read
                    # everything again, as what was put in it meanwhile, even during the rebuild just made, no watch saw
                    if self.folders() != folders or [_identity(folder) for folder in folders] != made:
                        unseen = True
                        break
            except Exception as exc:  # a watched folder removed or renamed: say so and look again
                self._failed([f"cannot watch the files for changes ({type(exc).__name__}: {exc}); trying again"])
                unseen = True
                stop.wait(RETRY)

    def picture(self, name: str, page: int) -> bytes | None:
        """A PNG of one page of output `name`, made once per build."""
        with self.lock:
            state = self.state
        if (name, page) in state.pictures:
            return state.pictures[name, page]
        data = state.outputs.get(name)
        if data is None or not name.endswith(".pdf"):
            return None
        buffer = io.BytesIO()
        with PDFIUM:
            document = pypdfium2.PdfDocument(data)
            try:
                if not 0 <= page < len(document):
                    return None
                sheet = document[page]
                bitmap = sheet.render(scale=PAGE_WIDTH / sheet.get_width())
                bitmap.to_pil().save(buffer, format="PNG")
                bitmap.close()
                sheet.close()
            finally:
                document.close()
        state.pictures[name, page] = buffer.getvalue()
        return state.pictures[name, page]

    def print_file(self, fields: dict[str, str]) -> tuple[str, bytes]:
        """One patient's print file, made in memory as `build --print-file` makes it: every routine's handout,
        then its poster, two-sided as the form's Duplex says (else as serve's --duplex, else the brand). Its name
        and bytes."""
        large = fields.get("large_print") == "yes"
        only = tuple(found for found in for_patient(large) if found.printed)
        language = dates.routine_languages(self.contents)
        date = _form_date(fields, "date", dates.parse, language)
        # a browser's date and time field sends 2026-12-10T14:30
        when = _form_date(fields, "next_appointment", dates.appointment, language)
        options = replace(
            self.options,
            only=only,
            patient=fields.get("patient") or None,
            date=date,
            note=fields.get("note") or None,
            therapist=fields.get("therapist") or self.options.therapist,
            next_appointment=when,
            paper=fields.get("paper") or None,
            duplex={"yes": True, "no": False}.get(fields.get("duplex", ""), self.options.duplex),
        )
        with self.building:
            jobs = prepare_all(self.contents, self.brand, options)
            held: dict[Path, bytes] = {}
            for job in jobs:
                each = render_each(job, options.only)  # an output left out: the page's check says why
                if each.failed:
                    raise next(iter(each.failed.values()))
                held |= {output_path(job, name): each.made[name].data for name in options.only if name in each.made}
            data = print_job(jobs, options, held)
        return print_path(jobs, options).name, data


def _form_date(
    fields: dict[str, str], key: str, read: Callable[[str, tuple[str, ...]], datetime.date], language: tuple[str, ...]
) -> datetime.date | None:
    """The form's date field `key` as `read` reads it in the routines' `language`, None when left empty; an
    OptionError naming the field otherwise (the page said "'2026-02-30' is not a date that exists" without
    saying which of its two dates it was)."""
    text = fields.get(key, "")
    if not text.strip():
        return None
    try:
        return read(text, language)
    except dates.DateError as exc:
        raise OptionError(str(exc), _option(key)) from None


def _option(field: str) -> str:
    """The build's option a form field stands for ("next_appointment" -> "--next-appointment")."""
    return "--" + field.replace("_", "-")


def _folder(path: Path) -> Path:
    """The folder holding `path`, the file it links to if it links to one: a link to itself (a picture the build
    said to be unreadable) is resolved no further, as a name with a NUL in it cannot be."""
    try:
        return path.resolve().parent
    except (OSError, RuntimeError, ValueError):  # RuntimeError: a link loop, before Python 3.13
        return path.absolute().parent


def _identity(folder: Path) -> tuple[int, int] | None:
    """Which folder `folder` names (its device and number): another once it is replaced by one of its name, whose
    changes a watch of the first never sees. None if there is none."""
    try:
        status = folder.stat()
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def _made(folder: Path) -> Path:
    """`folder`, or, if it is not made yet (a picture named before its folder is), the nearest folder above it
    that is: watched, it sees the folder made."""
    while not os.path.isdir(folder) and folder.parent != folder:  # os.path's: no raise of a name too long
        folder = folder.parent
    return folder


def affected(changed: list[Path]) -> tuple[Output, ...] | None:
    """The outputs a change can alter: a layout's own when only layouts changed, else all (None)."""
    if not all(using_template(path.name) for path in changed):
        return None
    return tuple(dict.fromkeys(found for path in changed for found in using_template(path.name)))


def fragment(state: State) -> str:
    """The page's changing part: the errors, the pictures of each output and the check's findings."""
    parts = [f'<p class="routine">Routine: {html.escape(title)}</p>' for title in state.titles]
    if state.errors:
        lines = "".join(f"<li>{html.escape(line)}</li>" for line in state.errors)
        parts.append(f'<section class="errors" role="alert"><h2>Fix this first</h2><ul>{lines}</ul></section>')
    # The last good pictures are greyed out, and said to be so in words; their headings and links stay readable
    # (greyed out whole, they fell below the contrast a page must keep)
    greyed, was = (" stale", " (as last built: fix the error above)") if state.stale else ("", "")
    for name in state.outputs:
        heading = f"<h2>{html.escape(name)}{was}</h2>"
        if name.endswith(".html"):
            link = f'<a href="/file/{html.escape(name)}">Open the web copy</a>'
            parts.append(f'<section class="output{greyed}">{heading}{link}</section>')
            continue
        images = "".join(
            f'<img src="/picture/{html.escape(name)}/{page}?v={state.version}" alt="{html.escape(name)}, page {page + 1}">'
            for page in range(state.pages.get(name, 0))
        )
        parts.append(f'<section class="output{greyed}">{heading}<div class="pages">{images}</div></section>')
    if state.findings:
        lines = "".join(f"<li>{html.escape(line)}</li>" for line in state.findings)
        parts.append(f'<section class="findings"><h2>Check</h2><ul>{lines}</ul></section>')
    return "\n".join(parts)


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>handouts preview</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1rem; line-height: 1.5; }
.pages { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.pages img { width: 420px; max-width: 100%; box-shadow: 0 0 0.3rem #888; }
.stale img { opacity: 0.4; filter: grayscale(1); }
.errors { background: #FDECEA; border-left: 0.4rem solid #B3261E; padding: 0.5rem 1rem; }
form { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin: 1rem 0; }
label { display: flex; flex-direction: column; }
.refused { white-space: pre-line; color: #B3261E; font-weight: 700; }
</style></head>
<body>
<h1>handouts preview</h1>
<form method="post" action="/print">
<label>Patient <input name="patient" autocomplete="off"></label>
<label>Date <input name="date" type="date"></label>
<label>Note <input name="note" autocomplete="off"></label>
<label>Therapist <input name="therapist" autocomplete="off"></label>
<label>Next appointment <input name="next_appointment" type="datetime-local"></label>
<label>Large print <select name="large_print"><option value="no">no</option><option value="yes">yes</option></select></label>
<label>Paper <select name="paper">
<option value="">the clinic's</option><option>A4</option><option>letter</option></select></label>
<label>Duplex <select name="duplex"><option value="">the clinic's</option>
<option value="yes">yes (two-sided)</option><option value="no">no (one-sided)</option></select></label>
<button>Print file for this patient</button>
</form>
<p id="refused" class="refused" aria-live="assertive"></p>
<main id="outputs">FRAGMENT</main>
<script>
// The form is sent from here, not by the browser: a refused form (a date mistyped) was a page of its own, kept in
// the tab's history with what was typed (the patient's name, the note), to be sent again; its answer is said here.
const form = document.querySelector("form"), refused = document.getElementById("refused");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  refused.textContent = "";
  let answer;
  try {
    answer = await fetch(form.action, {method: "POST", body: new URLSearchParams(new FormData(form)), cache: "no-store"});
  } catch {
    refused.textContent = "The preview has stopped: start handouts serve again, then print.";
    return;
  }
  if (!answer.ok) {
    refused.textContent = await answer.text();
    return;
  }
  const named = /filename="([^"]+)"/.exec(answer.headers.get("Content-Disposition") || "");
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await answer.blob());
  link.download = named ? named[1] : "print.pdf";
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
});
let asked = 0;  // the latest edit's answer is the one shown, whichever order the answers come back in
new EventSource("/events").onmessage = async () => {
  const mine = ++asked;
  const text = await (await fetch("/fragment")).text();
  if (mine === asked) document.getElementById("outputs").innerHTML = text;
};
</script>
</body></html>
"""


def application(
    preview: Preview, hosts: frozenset[str] | None = LOOPBACK, stopping: Callable[[], bool] = lambda: False
) -> ASGIApp:
    """The page's routes, answering only to `hosts` (see Guard); `stopping` says when the server is shutting
    down, so that the pages' event streams end rather than being cut off."""

    def current() -> State:
        with preview.lock:
            return preview.state

    async def index(request: Request) -> HTMLResponse:
        return HTMLResponse(PAGE.replace("FRAGMENT", fragment(current())))

    async def part(request: Request) -> HTMLResponse:
        return HTMLResponse(fragment(current()))

    async def state(request: Request) -> JSONResponse:
        now = current()
        return JSONResponse({"version": now.version, "outputs": sorted(now.outputs), "errors": now.errors})

    async def picture(request: Request) -> Response:
        name, page = request.path_params["name"], request.path_params["page"]
        # Read here, not by the route's int convertor: 5,000 digits are more than Python turns into a number,
        # and the convertor's error was a 500 with a traceback in the therapist's window.
        if not PAGE_NUMBER.fullmatch(page):
            return PlainTextResponse("not found", status_code=404)
        data = await asyncio.to_thread(preview.picture, name, int(page))
        return Response(data, media_type="image/png") if data else PlainTextResponse("not found", status_code=404)

    async def file(request: Request) -> Response:
        data = current().outputs.get(request.path_params["name"])  # a name the build made, never a path
        if data is None:
            return PlainTextResponse("not found", status_code=404)
        kind = "text/html; charset=utf-8" if request.path_params["name"].endswith(".html") else "application/pdf"
        return Response(data, media_type=kind)

    async def events(request: Request) -> StreamingResponse:
        async def stream() -> Any:
            seen = -1
            # Ctrl-C with the page open: the stream ends, as the server waits for it to (cut off after a second, each
            # open tab printed "Exception in ASGI application" and a traceback in the therapist's window)
            while not stopping() and not await request.is_disconnected():
                version = current().version
                if version != seen:
                    seen = version
                    yield f"data: {version}\n\n"
                await asyncio.sleep(0.2)

        return StreamingResponse(stream(), media_type="text/event-stream")

    async def print_file(request: Request) -> Response:
        fields: dict[str, str] = {}
        try:
            fields = await _form(request)
            name, data = await asyncio.to_thread(preview.print_file, fields)
        except (HandoutsError, ValueError) as exc:
            message = "\n".join(map(_on_the_form, exc.problems)) if isinstance(exc, HandoutsError) else str(exc)
            status = 413 if isinstance(exc, BodyTooLargeError) else 408 if isinstance(exc, BodyTooSlowError) else 400
            return PlainTextResponse(masked(message, fields.get("patient", "")), status_code=status, headers=UNKEPT)
        except Exception as exc:  # a bug: this request fails, the page goes on
            message = f"unexpected {type(exc).__name__} (a bug in handouts; please report it)"
            return PlainTextResponse(message, status_code=500, headers=UNKEPT)
        disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
        return Response(data, media_type="application/pdf", headers=disposition | UNKEPT)

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/fragment", part),
            Route("/state", state),
            Route("/picture/{name:str}/{page:str}", picture),
            Route("/file/{name:str}", file),
            Route("/events", events),
            Route("/print", print_file, methods=["POST"]),
        ]
    )
    return Guard(app, hosts)


class BodyTooLargeError(ValueError):
    """A request body or field over its limit."""


class BodyTooSlowError(ValueError):
    """A request body that did not arrive whole in time (BODY_WAIT)."""


async def _form(request: Request) -> dict[str, str]:
    """The posted form's fields, each within its limit (FIELDS); BodyTooLargeError or ValueError otherwise."""
    declared = request.headers.get("content-length", "0")
    if not declared.isdigit() or int(declared) > MAX_BODY:
        raise BodyTooLargeError(f"the form is larger than {MAX_BODY // 1024} kB")
    body = b""
    try:
        async with asyncio.timeout(BODY_WAIT):  # a body shorter than its declared length would be waited for forever
            async for chunk in request.stream():
                body += chunk
                if len(body) > MAX_BODY:
                    raise BodyTooLargeError(f"the form is larger than {MAX_BODY // 1024} kB")
    except TimeoutError:
        raise BodyTooSlowError(f"the form did not arrive whole within {BODY_WAIT:g} seconds; send it again") from None
    # Bytes that are not UTF-8 are kept as lone surrogates and refused: replaced, they printed as U+FFFD in a name.
    text = body.decode("utf-8", "surrogateescape")
    fields = {key: values[0] for key, values in parse_qs(text, max_num_fields=20, errors="surrogateescape").items()}
    for key, value in fields.items():
        if key in CHOICES and value not in CHOICES[key]:  # "yep" made the standard print file, unasked
            answers = ", ".join(choice for choice in CHOICES[key] if choice)  # "" is the select's default, not typed
            raise OptionError(f"{value[:20]!r} is not one of {answers}", _option(key))
        if key in FIELDS and len(value) > FIELDS[key]:
            raise OptionError(f"{len(value):,} characters; at most {FIELDS[key]:,}", _option(key))
        if key in FIELDS and _NOT_UTF8.search(value):
            raise OptionError("not sent as UTF-8 text; type it again", _option(key))
    return fields


_NOT_UTF8 = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of a byte that is not UTF-8


def _on_the_form(problem: Problem) -> str:
    """`problem` as the page says it: a build's option is the form's field ("--note: …" -> "Note: …")."""
    field = problem.file.removeprefix("--").replace("-", "_")
    if problem.file.startswith("--") and field in FIELDS:
        problem = replace(problem, file=field.replace("_", " ").capitalize())
    return str(problem)


def _host_name(value: str) -> str:
    """The name in a Host header or an origin's network location, without its port ("[::1]:8000" -> "::1")."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _origin_host(origin: str) -> str | None:
    """The network location of a form's Origin header ("http://localhost:8000" -> "localhost:8000"); None if it
    is no URL ("http://[" made urlsplit raise: a 500, its traceback in the therapist's window), so it is refused."""
    try:
        return urlsplit(origin).netloc.lower()
    except ValueError:
        return None


# Said with every answer: no page of another site may show this one in a frame (and have the therapist click its
# form unseen), and no browser takes an answer for another kind than it says it is
HARDENED = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
]


class Guard:
    """Answers only requests addressed to `hosts` (None: any), refuses a form posted from another site, and
    says with every answer that no other site may frame the page (HARDENED)."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str] | None) -> None:
        self.app, self.hosts = app, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = {key.decode("latin-1"): value.decode("latin-1") for key, value in scope["headers"]}
            host = headers.get("host", "")
            refusal = None
            if self.hosts is not None and _host_name(host) not in self.hosts:
                refusal = PlainTextResponse("this page answers only to 127.0.0.1 and localhost", status_code=400)
            elif scope["method"] == "POST":
                origin = headers.get("origin")
                cross = headers.get("sec-fetch-site") in ("cross-site", "same-site")
                if cross or (origin is not None and _origin_host(origin) != host.lower()):
                    refusal = PlainTextResponse("a form from another site cannot print here", status_code=403)
            if refusal is not None:
                await refusal(scope, receive, _hardened(send))
                return
            send = _hardened(send)
        await self.app(scope, receive, send)


def _hardened(send: Send) -> Send:
    """`send`, with HARDENED's headers added to the answer's start."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *HARDENED]}
        await send(message)

    return sending


WSAEACCES = 10013  # Windows' error for a socket it forbids: here, a port held or kept back
WINDOWS_KEEPS = "Windows keeps it for another program, or reserves it;"


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on `host`:`port`, or OptionError saying why not (a port in use, above all)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family)
    except (socket.gaierror, UnicodeError):  # UnicodeError: a name with a part over 63 letters, or empty (a..b)
        raise OptionError(f"--host {host}: not an address of this computer") from None
    except OSError as exc:
        winerror = getattr(exc, "winerror", None)
        in_use = exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)) or winerror == 10048
        # Windows says "access forbidden" (WSAEACCES) of a port another program holds for itself alone, or one it
        # keeps back (for Hyper-V, WSL or Docker): the port, not the address, is the one to change
        if in_use or winerror == WSAEACCES:
            free = _free_port(host, port, family)
            instead = f"--port {free}" if free else "another --port"
            why = "another program is using it (another handouts serve?); stop it, or" if in_use else WINDOWS_KEEPS
            raise OptionError(f"--port {port}: {why} try {instead}") from None
        if exc.errno == errno.EACCES:
            raise OptionError(f"--port {port}: not allowed here; ports below 1024 need an administrator, try 8000") from None
        raise OptionError(f"--host {host}: cannot listen there: {exc.strerror or exc}") from None


def _free_port(host: str, port: int, family: socket.AddressFamily) -> int | None:
    """The first of the twenty ports after `port` that nothing listens on now (None if all are taken): the
    one to suggest, rather than the next, which a second handouts serve may hold too."""
    for candidate in range(port + 1, min(port + 21, 65536)):
        with contextlib.suppress(OSError), socket.create_server((host, candidate), family=family):
            return candidate
    return None


def server(preview: Preview, hosts: frozenset[str] | None) -> uvicorn.Server:
    """The web server of `preview`'s page (run it on a socket from :func:`listen`); Ctrl-C ends its event streams."""
    import uvicorn

    made: list[uvicorn.Server] = []  # the app asks the server, made just below, whether it is stopping
    config = uvicorn.Config(
        application(preview, hosts, stopping=lambda: made[0].should_exit),
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=1,  # a print file still being made is given a second
    )
    made.append(uvicorn.Server(config))
    return made[0]


def serve(
    contents: list[Path], brand: Path, options: Options, listening: socket.socket, hosts: frozenset[str] | None = None
) -> None:
    """Build, watch and serve on the `listening` socket (see :func:`listen`) until Ctrl-C; `hosts` are the
    names the page answers to (default: this computer's; None: any, when --host opened it to others)."""
    preview = Preview(contents, brand, options)
    preview.rebuild()
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True, name="handouts-watch")
    watcher.start()
    try:
        server(preview, hosts).run(sockets=[listening])
    finally:
        stop.set()
        with contextlib.suppress(OSError):
            listening.close()
