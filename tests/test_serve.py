"""`handouts serve` in a real browser (Debian's Chromium): the page shows the sheets, follows an edit of
content.yaml, shows a broken file's error line over the last good pictures, and the patient form returns
that patient's print file. Only built outputs are served, by name.

No test here times anything: each wait polls for its condition up to a generous limit (WAIT) and goes on
the moment it holds, so a busy machine makes the tests slower, never red."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
import uvicorn
from conftest import example_folder, flat, knee, pdf_text
from test_html import AXE, CHROMIUM, WCAG

from handouts import serve
from handouts.errors import OptionError
from handouts.input.options import Options
from handouts.layout.templating import TEMPLATES
from handouts.outputs import Output
from handouts.serve import Preview, affected, application, fragment

WAIT = 60  # seconds any one condition may take on a busy machine before the test fails


def _until(condition: Callable[[], bool], seconds: float = WAIT) -> bool:
    """Whether `condition` holds within `seconds`, asked every 50 ms (True the moment it does)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _watching(preview: Preview, path: Path) -> None:
    """Once the watcher has started looking: `path` rewritten as it is until a rebuild follows (watchfiles
    starts looking some time after its thread starts, and says nothing when it has)."""
    for _ in range(WAIT):
        seen = preview.state.version
        path.write_bytes(path.read_bytes())
        if _until(lambda seen=seen: preview.state.version > seen, seconds=1):
            return
    raise AssertionError(f"the watcher did not see {path.name} change within {WAIT} s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _serving(folder: Path) -> Iterator[tuple[str, Path]]:
    """The preview of the routine in `folder`, served as `handouts serve` serves it: its address, and the folder."""
    preview = Preview([folder / "content.yaml"], folder / "brand.yaml", Options())
    preview.rebuild()
    stop = threading.Event()
    threading.Thread(target=preview.watch, args=(stop,), daemon=True).start()
    _watching(preview, folder / "content.yaml")  # `handouts serve` starts the watcher before the server too
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(application(preview), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    assert _until(lambda: server.started), f"the server did not start within {WAIT} s"
    try:
        yield f"http://127.0.0.1:{port}", folder
    finally:
        server.should_exit = True
        stop.set()
        thread.join(5)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """One preview served for the tests that only send it requests: none of them changes its files, and each
    preview took a build and the watcher's first rebuild, about two seconds, to start."""
    with _serving(example_folder(tmp_path_factory.mktemp("served"))) as started:
        yield started


@pytest.fixture
def served_alone(workdir: Path) -> Iterator[tuple[str, Path]]:
    """A preview of its own, for a test that edits the routine it serves."""
    with _serving(workdir) as started:
        yield started


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.slow
def test_only_built_outputs_are_served_by_name(served: tuple[str, Path]) -> None:
    base, _ = served
    assert _status(f"{base}/file/knee-self-massage-handout.pdf") == 200
    for probe in ("/file/..%2F..%2Fetc%2Fpasswd", "/file/content.yaml", "/file/../brand.yaml", "/picture/..%2Fbrand.yaml/0"):
        assert _status(base + probe) == 404, probe
    # A page number of more digits than Python makes a number of was a 500, its traceback in the terminal.
    for page in ("9" * 5000, "%D9%A1", "-1", "99999999"):
        assert _status(f"{base}/picture/knee-self-massage-handout.pdf/{page}") == 404, page[:10]
    assert _status(f"{base}/picture/knee-self-massage-handout.pdf/0") == 200


def test_the_forms_print_file_is_named_as_a_builds(workdir: Path) -> None:
    """The form's print file takes the name `build --print-file` gives it; without a patient's name it was
    'patient-e3b0c4-None-print.pdf' (a hash of nothing, and Python's None for the date)."""
    preview = Preview([workdir / "content.yaml"], workdir / "brand.yaml", Options())
    assert preview.print_file({})[0] == "knee-self-massage-print.pdf"
    assert preview.print_file({"patient": "Jo Bloggs", "date": "2026-12-01"})[0] == "jo-bloggs-2026-12-01-print.pdf"


def test_the_forms_print_file_holds_every_routine_shown(make_content, workdir: Path) -> None:
    """With two routines on the page (`handouts serve knee.yaml hip.yaml`), the form's print file held the
    first alone: the patient went home without the hip sheets the therapist had just looked at."""
    knee = make_content()
    hip = make_content("hip.yaml", id="hip-stretches", title="Hip stretches")
    name, data = Preview([knee, hip], workdir / "brand.yaml", Options()).print_file({"patient": "Jo", "date": "2026-12-01"})
    (workdir / name).write_bytes(data)
    with pdfplumber.open(workdir / name) as pdf:
        firsts = [flat(page.extract_text() or "") for page in pdf.pages]
    assert sum("Hip stretches" in text for text in firsts) >= 2  # its handout and its poster
    assert any("Hip stretches" in text for text in firsts[len(firsts) // 2 :]), "the second routine comes after the first"
    assert "Knee" in firsts[0] and "Hip stretches" not in firsts[0]


def test_the_forms_date_is_read_in_the_routines_language_as_it_is_now(workdir: Path) -> None:
    """A routine switched from en-GB to en-US while the preview runs: the form's 12/01/2026 is 1 December, as
    a build reads it. The language was read once per file for the life of the process, so it stayed 12 January."""
    preview = Preview([workdir / "content.yaml"], workdir / "brand.yaml", Options())
    assert preview.print_file({"patient": "Jo", "date": "12/01/2026"})[0] == "jo-2026-01-12-print.pdf"
    content = workdir / "content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace("language: en-GB", "language: en-US"), encoding="utf-8")
    later = content.stat().st_mtime + 2  # a file system that keeps whole seconds sees the edit too
    os.utime(content, (later, later))
    assert preview.print_file({"patient": "Jo", "date": "12/01/2026"})[0] == "jo-2026-12-01-print.pdf"


def test_the_forms_morning_appointment_prints_on_a_12_hour_sheet(workdir: Path) -> None:
    """A browser's date-and-time field sends 2026-12-10T10:30 for 10:30 in the morning (always the 24-hour
    clock). On a US sheet, which prints the 12-hour clock, the form refused it as "could be morning or
    afternoon", so no morning appointment from 10:00 to 11:59 could be given."""
    content = workdir / "content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace("language: en-GB", "language: en-US"), encoding="utf-8")
    preview = Preview([content], workdir / "brand.yaml", Options())
    for sent, printed in (("2026-12-10T10:30", "10:30 AM"), ("2026-12-10T22:30", "10:30 PM")):
        name, data = preview.print_file({"patient": "Jo", "date": "2026-12-01", "next_appointment": sent})
        (workdir / name).write_bytes(data)
        assert printed in flat(pdf_text(workdir / name)), sent


@pytest.mark.slow
def test_pictures_asked_for_at_once_are_all_drawn(workdir: Path) -> None:
    """The browser asks for every page picture at once, each in its own worker thread. PDFium is not thread-safe
    (two calls at once abort the process with 'double free or corruption'), so the preview draws them one by one."""
    preview = Preview([workdir / "content.yaml"], workdir / "brand.yaml", Options())
    preview.rebuild()
    pages = [(name, page) for name, count in preview.state.pages.items() for page in range(count)]
    assert len(preview.state.pages) == 4 and len(pages) > 10
    for _ in range(5):
        preview.state = replace(preview.state, pictures={})  # as after a rebuild: nothing drawn yet
        with ThreadPoolExecutor(max_workers=8) as pool:
            pictures = list(pool.map(lambda asked: preview.picture(*asked), pages))
        assert all(picture and picture.startswith(b"\x89PNG") for picture in pictures)


def test_a_routine_too_long_for_a_large_print_poster_still_previews(make_content, workdir: Path) -> None:
    """A routine whose large-print poster cannot fit while its standard poster is under 18 pt (none promised):
    the preview shows the other outputs, and the check's warning says why there is no large-print poster. It
    used to fail the whole rebuild, so the page never followed the therapist's edits."""
    cue = "stroke the whole leg gently upwards from ankle to hip"
    steps = [{"title": f"Step {n}", "text": "Do it.", "cue": f"{cue} {n}"} for n in range(1, 16)]
    path = make_content(routine={"title": "Long", "steps": steps})
    preview = Preview([path], workdir / "brand.yaml", Options())
    preview.rebuild()
    assert not preview.state.errors, preview.state.errors
    assert sorted(preview.state.outputs) == [
        f"knee-self-massage-{name}" for name in ("handout-large-print.pdf", "handout.html", "handout.pdf", "poster.pdf")
    ]
    assert any("no large-print poster" in finding for finding in preview.state.findings), preview.state.findings
    # The form's print file for a large-print patient is the large-print handout (a batch gives the same).
    name, data = preview.print_file({"patient": "Jo Bloggs", "date": "2026-12-01", "large_print": "yes"})
    assert name == "jo-bloggs-2026-12-01-print.pdf" and data.startswith(b"%PDF")
    printed = workdir / name
    printed.write_bytes(data)
    assert "Jo Bloggs" in pdf_text(printed)
    with pdfplumber.open(printed) as pdf:  # large print throughout: no poster sheet, no standard handout
        assert min(c["size"] for page in pdf.pages for c in page.chars if c["text"].strip()) >= 18 - 0.01


def test_an_output_that_cannot_fit_costs_only_itself_on_the_page(make_content, workdir: Path) -> None:
    """A safety point that fits a standard page but not a large-print one: the page shows the error and, as
    `build` writes them, the other outputs, the standard handout not offering large print, and the check's
    findings. The whole preview failed, so the page never showed the therapist's edits of the others."""
    point = "**Stop if it hurts.** " + "Keep the pressure light and stop if the skin feels hot or the pain grows. " * 22
    path = make_content(safety={"points": [point.strip()]})
    preview = Preview([path], workdir / "brand.yaml", Options())
    preview.rebuild()
    assert [error.removeprefix(f"{path}:") for error in preview.state.errors] == [
        "25: safety.points: the safety box is too long to fit on one large-print page (it needs 1.3 pages): "
        "shorten it or split it in two"
    ]
    assert sorted(preview.state.outputs) == [
        f"knee-self-massage-{name}" for name in ("handout.html", "handout.pdf", "poster-large-print.pdf", "poster.pdf")
    ]
    handout = workdir / "handout.pdf"
    handout.write_bytes(preview.state.outputs["knee-self-massage-handout.pdf"])
    text = flat(pdf_text(handout))
    assert "Keep the pressure light" in text and "large print" not in text.lower()
    assert any("poster: fits on one page" in finding for finding in preview.state.findings), preview.state.findings
    assert 'class="output stale"' not in fragment(preview.state)  # the pictures are this edit's, not greyed out


def test_two_routines_with_one_id_are_said_as_a_build_says_them(make_content, workdir: Path) -> None:
    """Two routines of one id: the id names the output files, so a build refuses them. The page showed only
    the second's sheets under that name, the first's gone without a word."""
    first = make_content()
    second = make_content("copy.yaml", title="Knee massage, the short version")
    preview = Preview([first, second], workdir / "brand.yaml", Options())
    preview.rebuild()
    assert [error.replace(f"{workdir}{os.sep}", "") for error in preview.state.errors] == [
        "copy.yaml:1: id: 'knee-self-massage' is also the id of content.yaml; "
        "the id names the output files, so each routine needs its own"
    ]


def test_an_output_that_cannot_fit_is_still_said_after_another_layout_changes(make_content, workdir: Path) -> None:
    """A large-print handout that cannot fit, then an edit of the poster's template only (which remakes the
    posters alone): the page still says why there is no large-print handout. The error went with the rebuild."""
    point = "**Stop if it hurts.** " + "Keep the pressure light and stop if the skin feels hot or the pain grows. " * 22
    preview = Preview([make_content(safety={"points": [point.strip()]})], workdir / "brand.yaml", Options())
    preview.rebuild()
    said = preview.state.errors
    assert len(said) == 1 and "the safety box is too long" in said[0]
    preview.rebuild(affected([workdir / "poster.xml.j2"]))
    assert preview.state.errors == said
    assert "knee-self-massage-handout-large-print.pdf" not in preview.state.outputs


@pytest.mark.slow
def test_the_page_follows_edits_errors_and_prints_for_a_patient(served_alone: tuple[str, Path], tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.fail("Chromium is needed: .ci/run installs Debian's chromium") if __import__("os").environ.get(
            "CI"
        ) else pytest.skip("no Chromium")
    from playwright.sync_api import sync_playwright

    base, folder = served_alone
    content = folder / "content.yaml"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
        page.set_default_timeout(WAIT * 1000)  # clicks, fills and downloads wait as long as the rest
        page.goto(base)
        assert page.locator(".pages img").count() > 10  # every page of the four PDFs

        content.write_text(
            content.read_text(encoding="utf-8").replace(
                "title: Self-massage for knee osteoarthritis", "title: Knee care at home", 1
            ),
            encoding="utf-8",
        )
        page.wait_for_selector("text=Routine: Knee care at home", timeout=WAIT * 1000)

        good = content.read_text(encoding="utf-8")
        content.write_text(good.replace("routine:\n", "routine:\n  tittle: x\n", 1), encoding="utf-8")
        page.wait_for_selector(".errors li", timeout=WAIT * 1000)
        error = page.locator(".errors li").first.inner_text()
        assert f"{content}:" in error and "routine.tittle: unknown key (did you mean 'title'?)" in error
        assert page.locator(".stale .pages img").count() > 10  # the last good pictures stay, greyed out

        content.write_text(good, encoding="utf-8")  # fixed again: the error goes
        page.wait_for_selector(".errors", state="detached", timeout=WAIT * 1000)
        page.fill("input[name=patient]", "Jo Bloggs")
        page.fill("input[name=date]", "2026-12-01")
        with page.expect_download() as download:
            page.click("text=Print file for this patient")
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        browser.close()
    assert saved.name == "jo-bloggs-2026-12-01-print.pdf"
    assert "Prepared for Jo Bloggs on 1 December 2026" in flat(pdf_text(saved))


# -- hostile requests and a watcher that never dies (issue 25) -------------------------------------------------


def _request(base: str, path: str, method: str = "GET", body: bytes = b"", **headers: str) -> tuple[int, bytes]:
    """A request with exactly these headers (Host included), through http.client."""
    import http.client
    from urllib.parse import urlsplit

    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=WAIT)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        sent = {"Host": address.netloc, "Content-Length": str(len(body)), **{k.replace("_", "-"): v for k, v in headers.items()}}
        for key, value in sent.items():
            connection.putheader(key, value)
        connection.endheaders(body if int(sent["Content-Length"]) == len(body) else None)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


FORM = "application/x-www-form-urlencoded"


@pytest.mark.slow
def test_no_other_site_may_frame_the_page_and_no_answer_is_sniffed(served: tuple[str, Path]) -> None:
    """Another site's page could show the preview in a frame (and have its form clicked unseen), and a browser
    could take an answer for another kind than it says: every answer, a refusal and a 404 among them, says no."""
    import http.client
    from urllib.parse import urlsplit

    base, _ = served
    address = urlsplit(base)
    for path, host in (("/", address.netloc), ("/fragment", address.netloc), ("/nothing", address.netloc), ("/", "evil.test")):
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=WAIT)
        try:
            connection.request("GET", path, headers={"Host": host})
            response = connection.getresponse()
            response.read()
        finally:
            connection.close()
        assert response.getheader("X-Frame-Options") == "DENY", (path, host)
        assert response.getheader("Content-Security-Policy") == "frame-ancestors 'none'", (path, host)
        assert response.getheader("X-Content-Type-Options") == "nosniff", (path, host)


@pytest.mark.slow
def test_the_page_answers_only_to_this_computers_names(served: tuple[str, Path]) -> None:
    base, _ = served
    port = base.rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}"):
        assert _request(base, "/state", Host=host)[0] == 200, host
    for host in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1.attacker.example:{port}", ""):
        status, body = _request(base, "/state", Host=host)
        assert status == 400 and b"answers only to 127.0.0.1" in body, host
    assert _request(base, "/file/knee-self-massage-handout.pdf", Host=f"rebound.example:{port}")[0] == 400


@pytest.mark.slow
def test_a_form_posted_from_another_site_is_refused(served: tuple[str, Path]) -> None:
    base, _ = served
    form = b"patient=Jo+Bloggs&date=2026-12-01"
    # An origin that is no URL ("http://[") was a 500, its traceback in the terminal.
    origins = ({"Origin": "http://attacker.example"}, {"Origin": "null"}, {"Origin": "http://["})
    for headers in (*origins, {"Sec-Fetch-Site": "cross-site"}):
        status, _ = _request(base, "/print", "POST", form, Content_Type=FORM, **headers)
        assert status == 403, headers
    status, body = _request(base, "/print", "POST", form, Content_Type=FORM, Origin=base)
    assert status == 200 and body.startswith(b"%PDF")


@pytest.mark.slow
def test_request_bodies_and_fields_are_bounded(served: tuple[str, Path]) -> None:
    base, _ = served
    # None of the 400 MB is sent: an answer at all means it was given before the body was read.
    status, _ = _request(base, "/print", "POST", b"patient=x", Content_Type=FORM, Content_Length=str(400 * 1024 * 1024))
    assert status == 413
    long_name = "Jo" + "x" * 199_998
    status, body = _request(base, "/print", "POST", f"patient={long_name}".encode(), Content_Type=FORM)
    assert status == 413 and b"Jo" not in body
    status, body = _request(base, "/print", "POST", f"patient=Jo+{'Bloggs' * 50}".encode(), Content_Type=FORM)
    assert status == 400 and body == b"Patient: 303 characters; at most 200"
    status, body = _request(base, "/print", "POST", b"patient=Jo+Bloggs&date=31%2F02%2F2026", Content_Type=FORM)
    assert status == 400 and b"not a date that exists" in body and b"Bloggs" not in body
    # Bytes that are not UTF-8, escaped or not, were read as U+FFFD and printed in the patient's name.
    for form in (b"patient=Jo+Bl%FFggs", b"patient=Jo+Bl\xffggs"):
        status, body = _request(base, "/print", "POST", form, Content_Type=FORM)
        assert status == 400 and body == b"Patient: not sent as UTF-8 text; type it again", form
    # The form's fields are said by their labels, not as the build command's options ("--note: ...").
    status, body = _request(base, "/print", "POST", "patient=Jo&note=李&paper=A5".encode(), Content_Type=FORM)
    assert status == 400 and body.decode().splitlines() == ["Paper: 'A5' is not one of A4, letter, A3"]
    # Any answer but yes made the standard print file, as if no had been chosen; "maybe" was said to be too long.
    for answer in ("yep", "maybe"):
        status, body = _request(base, "/print", "POST", f"patient=Jo&large_print={answer}".encode(), Content_Type=FORM)
        assert status == 400 and body.decode() == f"Large print: {answer!r} is not one of yes, no"
        status, body = _request(base, "/print", "POST", f"patient=Jo&duplex={answer}".encode(), Content_Type=FORM)
        assert status == 400 and body.decode() == f"Duplex: {answer!r} is not one of yes, no"
    status, body = _request(base, "/print", "POST", "patient=Jo&note=李".encode(), Content_Type=FORM)
    assert status == 400 and body.decode() == "Note: 1 of its characters is in no configured font"


@pytest.mark.slow
def test_a_forms_wrong_date_is_said_with_its_field(served: tuple[str, Path]) -> None:
    """The form has two dates: a wrong one was said without its field ("'2026-02-30' is not a date that exists":
    the day of the sheet, or of the next appointment?)."""
    base, _ = served
    form = b"patient=Jo&date=2026-12-01&next_appointment=2026-02-30T10%3A30"
    status, body = _request(base, "/print", "POST", form, Content_Type=FORM)
    assert status == 400 and body.decode().startswith("Next appointment: '2026-02-30' is not a date that exists"), body
    status, body = _request(base, "/print", "POST", b"patient=Jo&date=2026-13-01", Content_Type=FORM)
    assert status == 400 and body.decode().startswith("Date: '2026-13-01' is not a date that exists"), body


@pytest.mark.slow
def test_the_pages_answers_say_their_text_is_utf_8(served: tuple[str, Path]) -> None:
    """The page's answers in words (a form's error, "not found") said no character set, so a browser read them
    as Windows-1252: "d\u00e9cembre", typed where a browser shows the date field as text, came back as
    "d\u00c3\u00a9cembre", as would a routine's folder named "S\u00e9ances" in a build's error."""
    import http.client

    base, _ = served
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=WAIT)
    try:
        connection.request("POST", "/print", "patient=Jo&date=1er+d%C3%A9cembre", {"Content-Type": FORM})
        response = connection.getresponse()
        status, kind, said = response.status, response.getheader("Content-Type"), response.read().decode()
        connection.request("GET", "/file/content.yaml")
        response = connection.getresponse()
        missing, missing_kind = response.status, response.getheader("Content-Type")
        response.read()
    finally:
        connection.close()
    assert status == 400 and said.startswith("Date: ") and "'1er d\u00e9cembre'" in said, said
    assert kind == missing_kind == "text/plain; charset=utf-8" and missing == 404


@pytest.mark.slow
def test_a_form_that_never_arrives_whole_is_answered(served: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A form declaring 100 bytes and sending none was waited for as long as the connection stayed open."""
    monkeypatch.setattr(serve, "BODY_WAIT", 0.5)
    base, _ = served
    status, body = _request(base, "/print", "POST", b"", Content_Type=FORM, Content_Length="100")
    assert status == 408 and body == b"the form did not arrive whole within 0.5 seconds; send it again"


@pytest.mark.slow
def test_the_browser_keeps_no_copy_of_a_patients_print_file(served: tuple[str, Path], tmp_path: Path) -> None:
    """The print file is handed to the browser to save where the therapist chooses: Chromium also kept the whole
    of it in its disk cache, the patient's name in its file name; and a refused form, shown as a page of its own,
    was kept in the tab's history with what was typed, to be restored with the tab."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is needed: .ci/run installs Debian's chromium")
        pytest.skip("no Chromium")
    from playwright.sync_api import sync_playwright

    base, _ = served
    profile = tmp_path / "profile"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=["--no-sandbox"], accept_downloads=True
        )
        page = browser.new_page()
        page.set_default_timeout(WAIT * 1000)
        page.goto(base)
        page.fill("input[name=patient]", "Quillon Zephyrine")
        with page.expect_download() as download:
            page.click("text=Print file for this patient")
        assert download.value.suggested_filename.startswith("quillon-zephyrine-")
        download.value.save_as(tmp_path / "saved.pdf")
        page.goto(base)
        page.fill("input[name=patient]", "Quillon Zephyrine")
        page.fill("input[name=note]", "x" * 2001)  # refused: its answer names the field, not the patient
        page.click("text=Print file for this patient")  # refused: said on the page, kept in no history
        page.locator("#refused", has_text="Note: 2,001 characters; at most 2,000").wait_for()
        browser.close()  # the cache and the tab's history are written out
    kept = [path for path in profile.rglob("*") if path.is_file() and b"quillon" in path.read_bytes().lower()]
    assert kept == []


@pytest.mark.slow
def test_the_page_with_an_error_over_the_last_good_sheets_passes_axe(workdir: Path) -> None:
    """The last good build under an error was greyed out whole, its headings and the web copy's link with it:
    below the contrast WCAG asks (axe's color-contrast), and said by its grey alone. Its pictures are greyed out,
    and each heading says in words that it is the last build."""
    if CHROMIUM is None or not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail("Chromium and axe-core are needed: .ci/run installs them")
        pytest.skip("no Chromium or axe-core")
    from playwright.sync_api import sync_playwright

    content = workdir / "content.yaml"
    preview = Preview([content], workdir / "brand.yaml", Options())
    preview.rebuild()
    content.write_text(content.read_text(encoding="utf-8").replace("routine:\n", "routine:\n  tittle: x\n", 1), encoding="utf-8")
    preview.rebuild()
    assert preview.state.stale and preview.state.errors
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_content(serve.PAGE.replace("FRAGMENT", fragment(preview.state)))
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
        headings = page.locator(".stale h2").all_inner_texts()
        browser.close()
    assert [(v["id"], [node["html"][:80] for node in v["nodes"][:2]]) for v in result["violations"]] == []
    assert len(headings) == 5 and all(heading.endswith("(as last built: fix the error above)") for heading in headings)


@pytest.mark.slow
def test_ctrl_c_with_the_page_open_ends_its_event_stream(workdir: Path) -> None:
    """A browser tab keeps the page's event stream open: on Ctrl-C the server cut it off after a second, and
    printed 'Exception in ASGI application' and a traceback for each open tab. The stream now ends."""
    import logging

    preview = Preview([workdir / "content.yaml"], workdir / "brand.yaml", Options())
    preview.rebuild()
    running = serve.server(preview, serve.LOOPBACK)
    said: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = said.append  # type: ignore[method-assign]
    logging.getLogger("uvicorn.error").addHandler(handler)
    thread = threading.Thread(target=running.run, kwargs={"sockets": [serve.listen("127.0.0.1", _free_port())]}, daemon=True)
    try:
        thread.start()
        assert _until(lambda: running.started), f"the server did not start within {WAIT} s"
        port = running.servers[0].sockets[0].getsockname()[1]
        stream = urllib.request.urlopen(f"http://127.0.0.1:{port}/events", timeout=WAIT)
        assert stream.readline().startswith(b"data: ")  # the tab is following the page
        running.should_exit = True  # as Ctrl-C sets it
        assert stream.read() is not None  # the stream ends whole: cut off, http.client raises IncompleteRead
        thread.join(WAIT)
        assert not thread.is_alive()
    finally:
        logging.getLogger("uvicorn.error").removeHandler(handler)
        running.should_exit = True
    assert [record.getMessage() for record in said if record.levelno >= logging.ERROR] == []


@pytest.mark.slow
@pytest.mark.parametrize("name", ["photo.heic", "photo.jfif"])
def test_a_replaced_photo_saved_as_a_mac_or_windows_saves_it_is_shown(make_content, workdir: Path, name: str) -> None:
    """An iPhone photo kept as a Mac keeps it (.heic), or a JPEG as Windows saves one from the web (.jfif), put in
    a step: replaced while the page is open, the page shows the new one, as it does a .jpg."""
    import io

    import pillow_heif
    from PIL import Image

    def photo(seed: int) -> bytes:
        picture, buffer = Image.effect_noise((400, 300), seed).convert("RGB"), io.BytesIO()
        if name.endswith(".heic"):
            pillow_heif.from_pillow(picture).save(buffer, quality=80)
        else:
            picture.save(buffer, format="JPEG")
        return buffer.getvalue()

    (workdir / name).write_bytes(photo(60))
    steps = knee()["routine"]["steps"]
    steps[0].update(image=name, alt="The warm up, photographed")
    content = make_content(routine={**knee()["routine"], "steps": steps})
    preview = Preview([content], workdir / "brand.yaml", Options(only=("handout",)))
    preview.rebuild()
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    try:
        _watching(preview, content)
        seen = preview.state.version
        (workdir / name).write_bytes(photo(90))
        assert _until(lambda: preview.state.version > seen), f"{name} replaced, and the page not rebuilt"
        assert not preview.state.errors, preview.state.errors
    finally:
        stop.set()
        watcher.join(5)


def _brand_with_merge_key(brand: Path) -> str:
    good = brand.read_text(encoding="utf-8")
    brand.write_text(good.replace("contact:\n", "contact:\n  <<: {email: a@example.com}\n", 1), encoding="utf-8")
    return good


@pytest.mark.slow
def test_the_watcher_never_dies(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import handouts.serve

    preview = Preview([workdir / "content.yaml"], workdir / "brand.yaml", Options(only=("handout",)))
    preview.rebuild()
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    _watching(preview, workdir / "content.yaml")
    try:
        brand = workdir / "brand.yaml"
        good = _brand_with_merge_key(brand)  # KeyError: '<<' killed the watcher once
        assert _until(lambda: any("'<<' (a YAML merge key) is not read" in e for e in preview.state.errors)), preview.state
        brand.write_text(good, encoding="utf-8")
        assert _until(lambda: not preview.state.errors)

        real = handouts.serve.prepare_all

        def broken(*args: object, **kwargs: object) -> object:
            raise RuntimeError("a bug")

        monkeypatch.setattr(handouts.serve, "prepare_all", broken)
        brand.write_text(good + "\n", encoding="utf-8")
        assert _until(lambda: any("unexpected RuntimeError while building" in e for e in preview.state.errors))
        assert watcher.is_alive() and preview.state.outputs  # the last good build is still shown
        monkeypatch.setattr(handouts.serve, "prepare_all", real)
        brand.write_text(good, encoding="utf-8")
        assert _until(lambda: not preview.state.errors)  # the next good save recovers
        assert watcher.is_alive()
    finally:
        stop.set()
        watcher.join(5)


def test_a_busy_port_is_said_before_serving_at(workdir: Path) -> None:
    from conftest import run

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, output = run("serve", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--port", str(port))
    assert code == 1
    assert f"error: --port {port}: another program is using it (another handouts serve?)" in output
    assert "serving at" not in output


@pytest.mark.parametrize("host", ["a" * 70, "clinic..local"])
def test_a_host_name_no_computer_can_have_is_one_line(workdir: Path, host: str) -> None:
    """A name with a part over 63 letters, or an empty part, ended `serve` in a traceback (UnicodeError)."""
    from conftest import run

    code, output = run("serve", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--host", host)
    assert code == 1 and output.endswith(f"error: --host {host}: not an address of this computer\n"), output


def test_an_empty_host_is_a_usage_error_not_every_address(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--host ""` (a script's variable left unset) listened on every address of the computer, the page and its
    print form open to the whole network, while it said it served at 127.0.0.1."""
    from conftest import run

    served: list[object] = []
    monkeypatch.setattr(serve, "serve", lambda *args: served.append(args[3].getsockname()))  # not served
    args = ("--brand", str(workdir / "brand.yaml"), "--host", "", "--port", str(_free_port()))
    code, output = run("serve", str(workdir / "content.yaml"), *args)
    assert code == 2 and not served, (output, served)
    assert output.endswith("error: Invalid value for '--host': is empty: give an address, or leave the option out\n"), output
    assert "serving at" not in output


def test_a_busy_port_suggests_one_that_is_free(workdir: Path) -> None:
    """The port suggested was the next one, which a second `handouts serve` (or the program that holds the
    first) may hold as well: tried, it failed the same way."""
    from conftest import run

    with socket.socket() as taken, socket.socket() as next_taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        try:
            next_taken.bind(("127.0.0.1", port + 1))
        except OSError:
            pytest.skip("the port after a free one is in use here")
        next_taken.listen()
        code, output = run("serve", str(workdir / "content.yaml"), "--brand", str(workdir / "brand.yaml"), "--port", str(port))
    assert code == 1
    (line,) = [line for line in output.splitlines() if line.startswith("error: ")]
    suggested = int(line.rpartition("try --port ")[2])
    assert port + 1 < suggested <= port + 20


def test_a_port_windows_forbids_is_said_of_the_port_with_one_to_try(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses a port another program holds for itself alone, or one it keeps back for Hyper-V, WSL or
    Docker, as 'access forbidden' (WinError 10013): that was said as '--host 127.0.0.1: cannot listen there',
    sending the therapist to change the address rather than the port."""
    from handouts.errors import OptionError

    real = socket.create_server
    port = _free_port()

    def windows(address: tuple[str, int], **kwargs: object) -> socket.socket:
        if address[1] == port:
            exc = OSError(10013, "An attempt was made to access a socket in a way forbidden by its access permissions")
            exc.winerror = 10013  # type: ignore[attr-defined]  # as Windows sets it
            raise exc
        return real(address, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "create_server", windows)
    with pytest.raises(OptionError) as caught:
        serve.listen("127.0.0.1", port)
    said = str(caught.value)
    assert said.startswith(f"--port {port}: Windows keeps it for another program, or reserves it; try --port "), said
    suggested = int(said.rsplit(" ", 1)[-1])
    assert suggested != port
    real(("127.0.0.1", suggested)).close()  # free indeed


def test_only_the_folders_of_the_files_a_build_reads_are_watched(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve` run in a folder with a big tree below it (a home folder, a .git, node_modules, an output folder)
    watched every folder of that tree. It watches the folders of the files a build reads, each alone."""
    import watchfiles

    for below in (".git/objects/ab", "node_modules/left-pad/lib", "out/old", "Documents/letters"):
        (workdir / below).mkdir(parents=True)
    preview = Preview([workdir / "content.yaml"], workdir / "brand.yaml", Options(only=("handout",)))
    preview.rebuild()
    asked: dict[str, object] = {}

    def watch(*paths: Path, stop_event: threading.Event, **options: object) -> Iterator[set[tuple[object, str]]]:
        asked.update(options, paths=paths)
        stop_event.set()
        return iter(())

    monkeypatch.setattr(watchfiles, "watch", watch)
    preview.watch(threading.Event())
    here = workdir.resolve()
    assert asked["recursive"] is False
    assert [path for path in asked["paths"] if path.is_relative_to(here)] == [here, here / "assets"]  # the logo's


def test_a_routine_in_a_folder_named_longer_than_the_system_allows_is_watched_from_above(workdir: Path) -> None:
    """The folders to watch were looked at with Path.is_dir(), which raises of a name over the system's limit: the
    watcher said "cannot watch the files" each second over the routine's own error, never watching anything."""
    preview = Preview([workdir / ("x" * 300) / "content.yaml"], workdir / "brand.yaml", Options())
    assert preview.folders() == [workdir]


def test_a_picture_in_a_folder_below_the_routines_is_still_followed(workdir: Path) -> None:
    preview = Preview([workdir / "content.yaml"], workdir / "brand.yaml", Options(only=("handout",)))
    preview.rebuild()
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    try:
        _watching(preview, workdir / "assets" / "birchwood-logo.png")
    finally:
        stop.set()
        watcher.join(5)


def test_a_picture_named_before_its_folder_is_made_is_shown_once_it_is(make_content, workdir: Path) -> None:
    """A step naming pictures/sit.png before that folder was made: the folder of the routine is watched alone,
    so the folder made, with the picture in it, was not seen until the routine was saved again."""
    content = knee_with_picture(make_content)
    preview = Preview([content], workdir / "brand.yaml", Options(only=("handout",)))
    preview.rebuild()
    assert any("sit.png" in error for error in preview.state.errors), preview.state.errors
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    try:
        _watching(preview, content)
        made = workdir / "made-elsewhere"
        (made / "pictures").mkdir(parents=True)
        shutil.copy(workdir / "assets" / "birchwood-logo.png", made / "pictures" / "sit.png")
        (made / "pictures").rename(workdir / "pictures")  # the folder arrives with its picture, as a copy makes it
        assert _until(lambda: not preview.state.errors), preview.state.errors
    finally:
        stop.set()
        watcher.join(5)


def knee_with_picture(make_content: Callable[..., Path]) -> Path:
    from conftest import knee

    steps = knee()["routine"]["steps"]
    steps[0].update(image="pictures/sit.png", alt="Sitting with the leg out straight")
    return make_content(routine={**knee()["routine"], "steps": steps})


def test_a_picture_that_links_to_itself_leaves_the_watcher_watching(make_content, workdir: Path) -> None:
    """A step picture that is a link to itself is said to be unreadable; the folders to watch then raised 'Symlink
    loop' in the watcher's thread, which ended: the page followed no edit after that, without a word."""
    steps = knee()["routine"]["steps"]
    steps[0].update(image="loop.png", alt="Sitting with the leg out straight")
    content = make_content(routine={**knee()["routine"], "steps": steps})
    (workdir / "loop.png").symlink_to("loop.png")
    preview = Preview([content], workdir / "brand.yaml", Options(only=("handout",)))
    preview.rebuild()
    assert any("loop.png" in error for error in preview.state.errors), preview.state.errors
    assert workdir.resolve() in preview.folders()


@pytest.mark.slow
def test_a_pictures_folder_replaced_by_a_new_copy_is_still_followed(
    make_content, workdir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A pictures folder replaced by another of its name (copied over in Finder or Explorer, unzipped again): the
    watch of the folder it replaced saw nothing of the new one, so a picture edited in it afterwards was never
    shown. The whole routine's folder was watched before, and saw it."""
    from PIL import Image

    content = knee_with_picture(make_content)
    (workdir / "pictures").mkdir()
    shutil.copy(workdir / "assets" / "birchwood-logo.png", workdir / "pictures" / "sit.png")
    preview = Preview([content], workdir / "brand.yaml", Options(only=("handout",)))
    preview.rebuild()
    assert not preview.state.errors, preview.state.errors
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    try:
        _watching(preview, content)
        copy = tmp_path_factory.mktemp("download") / "pictures"
        copy.mkdir()
        Image.new("RGB", (300, 200), (200, 30, 30)).save(copy / "sit.png")
        seen = preview.state.version
        shutil.rmtree(workdir / "pictures")
        copy.rename(workdir / "pictures")
        assert _until(lambda: preview.state.version > seen), "the pictures folder replaced, and the page not rebuilt"
        for _ in range(2):  # the second at least rebuilt for its own edit, not for the folder replaced
            _watching(preview, workdir / "pictures" / "sit.png")
        assert not preview.state.errors, preview.state.errors
    finally:
        stop.set()
        watcher.join(5)


@pytest.mark.slow
def test_a_pictures_folder_replaced_while_the_page_rebuilds_is_read_again(
    make_content, workdir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A pictures folder replaced while the page rebuilds for another edit: the watcher saw its folder replaced and
    watched the new one, but read nothing again, so the page kept the old picture until the next edit (the changes
    the old watch had seen meanwhile went with it)."""
    from PIL import Image

    content = knee_with_picture(make_content)
    pictures = workdir / "pictures"
    pictures.mkdir()
    shutil.copy(workdir / "assets" / "birchwood-logo.png", pictures / "sit.png")
    copy = tmp_path_factory.mktemp("download") / "pictures"
    copy.mkdir()
    Image.new("RGB", (300, 200), (200, 30, 30)).save(copy / "sit.png")
    preview = Preview([content], workdir / "brand.yaml", Options(only=("handout",)))
    preview.rebuild()
    assert not preview.state.errors, preview.state.errors
    armed, replaced = threading.Event(), threading.Event()
    rebuild = preview.rebuild

    def rebuild_then_replace(only: tuple[Output, ...] | None = None) -> None:
        rebuild(only)
        if armed.is_set() and not replaced.is_set():  # after the build read the old folder, before the watcher looks
            shutil.rmtree(pictures)
            copy.rename(pictures)
            replaced.set()

    preview.rebuild = rebuild_then_replace  # type: ignore[method-assign]
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    try:
        _watching(preview, content)
        armed.set()
        content.write_bytes(content.read_bytes())
        assert _until(replaced.is_set), "the edit was not rebuilt"
        seen, old = preview.state.version, preview.state.outputs["knee-self-massage-handout.pdf"]
        assert _until(lambda: preview.state.version > seen), "the pictures folder replaced, and the page not rebuilt"
        assert not preview.state.errors, preview.state.errors
        assert preview.state.outputs["knee-self-massage-handout.pdf"] != old
    finally:
        stop.set()
        watcher.join(5)


def test_a_template_added_to_the_clinics_folder_while_serving_is_used(workdir: Path, tmp_path: Path) -> None:
    """A clinic's template folder, empty when the page started, then given its own poster.xml.j2: the next
    rebuild lays the poster out with it. The built-in poster, already loaded, was kept (only its own file was
    checked for a change), so the clinic's template showed only after a restart."""
    folder = tmp_path / "clinic-templates"
    folder.mkdir()
    preview = Preview([workdir / "content.yaml"], workdir / "brand.yaml", Options(templates=folder))
    preview.rebuild()
    poster = "knee-self-massage-poster.pdf"
    saved = tmp_path / poster
    saved.write_bytes(preview.state.outputs[poster])
    assert "Tick a box each" in flat(pdf_text(saved))
    built_in = (TEMPLATES / "poster.xml.j2").read_text(encoding="utf-8")
    ours = built_in.replace('_("Tick a box each time you do it")', '"Our own tick boxes"')
    ours = ours.replace('_("Tick a box each day you do it")', '"Our own tick boxes"')
    assert ours != built_in
    (folder / "poster.xml.j2").write_text(ours, encoding="utf-8")
    preview.rebuild(affected([folder / "poster.xml.j2"]))
    saved.write_bytes(preview.state.outputs[poster])
    assert preview.state.errors == []
    assert "Our own tick boxes" in flat(pdf_text(saved))


def test_serve_shows_the_clinics_own_layouts(workdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`handouts serve` took none of build's print options: a clinic printing with its own layouts (`--templates`)
    saw the built-in ones on the page, and a layout saved in its folder never showed, though the page is where
    a layout is meant to be seen while it is edited."""
    from click.testing import CliRunner

    from handouts.cli import main

    folder = tmp_path / "clinic-templates"
    folder.mkdir()
    built_in = (TEMPLATES / "poster.xml.j2").read_text(encoding="utf-8")
    ours = built_in.replace('_("Tick a box each time you do it")', '"Our own tick boxes"')
    (folder / "poster.xml.j2").write_text(ours.replace('_("Tick a box each day you do it")', '"Our own tick boxes"'))
    shown: dict[str, bytes] = {}

    def served(contents: list[Path], brand: Path, options: Options, listening: socket.socket, hosts: object = None) -> None:
        listening.close()
        preview = Preview(contents, brand, options)
        preview.rebuild()
        shown.update(preview.state.outputs)

    monkeypatch.setattr(serve, "serve", served)
    routine = str(workdir / "content.yaml")
    result = CliRunner().invoke(main, ["serve", routine, "--templates", str(folder), "--port", str(_free_port())])
    assert result.exit_code == 0, result.output
    poster = tmp_path / "poster.pdf"
    poster.write_bytes(shown["knee-self-massage-poster.pdf"])
    assert "Our own tick boxes" in flat(pdf_text(poster))


def test_a_clinics_layouts_folder_gone_while_serving_is_said_not_replaced(workdir: Path, tmp_path: Path) -> None:
    """The clinic's layouts folder moved away (renamed, a branch checked out without it) while the page was open:
    the next rebuild used the built-in layouts in its place, with no word of it, and the page showed a poster no
    build with --templates makes. It says the folder is gone, over the last good sheets, until it is back."""
    folder = tmp_path / "clinic-templates"
    folder.mkdir()
    built_in = (TEMPLATES / "poster.xml.j2").read_text(encoding="utf-8")
    ours = built_in.replace('_("Tick a box each time you do it")', '"Our own tick boxes"')
    (folder / "poster.xml.j2").write_text(ours.replace('_("Tick a box each day you do it")', '"Our own tick boxes"'))
    preview = Preview([workdir / "content.yaml"], workdir / "brand.yaml", Options(templates=folder))
    preview.rebuild()
    poster, saved = "knee-self-massage-poster.pdf", tmp_path / "poster.pdf"
    away = folder.rename(tmp_path / "moved")
    preview.rebuild()
    assert preview.state.stale
    assert preview.state.errors == [f"--templates: {folder}: folder not found (moved, renamed or deleted?)"]
    saved.write_bytes(preview.state.outputs[poster])
    assert "Our own tick boxes" in flat(pdf_text(saved))  # the last good poster, the clinic's own
    with pytest.raises(OptionError, match="--templates"):
        preview.print_file({"patient": "Jo Bloggs"})
    away.rename(folder)
    preview.rebuild()
    assert not preview.state.stale and preview.state.errors == []
