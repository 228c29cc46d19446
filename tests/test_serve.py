"""`handouts serve` in a real browser (Debian's Chromium): the page shows the sheets, follows an edit of
content.yaml within 3 s, shows a broken file's error line over the last good pictures, and the patient
form returns that patient's print file. Only built outputs are served, by name."""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
import uvicorn
from conftest import flat, pdf_text
from test_html import CHROMIUM

from handouts.input.options import Options
from handouts.serve import Preview, application


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(workdir: Path) -> Iterator[tuple[str, Path]]:
    preview = Preview([workdir / "content.yaml"], workdir / "brand.yaml", Options())
    preview.rebuild()
    stop = threading.Event()
    threading.Thread(target=preview.watch, args=(stop,), daemon=True).start()
    time.sleep(1)  # the watcher's first look at the folders (`handouts serve` starts it before the server)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(application(preview), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", workdir
    server.should_exit = True
    stop.set()
    thread.join(5)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_only_built_outputs_are_served_by_name(served: tuple[str, Path]) -> None:
    base, _ = served
    assert _status(f"{base}/file/knee-self-massage-handout.pdf") == 200
    for probe in ("/file/..%2F..%2Fetc%2Fpasswd", "/file/content.yaml", "/file/../brand.yaml", "/picture/..%2Fbrand.yaml/0"):
        assert _status(base + probe) == 404, probe


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


def test_the_page_follows_edits_errors_and_prints_for_a_patient(served: tuple[str, Path], tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.fail("Chromium is needed: .ci/run installs Debian's chromium") if __import__("os").environ.get(
            "CI"
        ) else pytest.skip("no Chromium")
    from playwright.sync_api import sync_playwright

    base, folder = served
    content = folder / "content.yaml"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
        page.goto(base)
        assert page.locator(".pages img").count() > 10  # every page of the four PDFs
        page.screenshot(path=str(tmp_path / "serve.png"))

        content.write_text(
            content.read_text(encoding="utf-8").replace(
                "title: Self-massage for knee osteoarthritis", "title: Knee care at home", 1
            ),
            encoding="utf-8",
        )
        page.wait_for_selector("text=Routine: Knee care at home", timeout=3000)

        good = content.read_text(encoding="utf-8")
        content.write_text(good.replace("routine:\n", "routine:\n  tittle: x\n", 1), encoding="utf-8")
        page.wait_for_selector(".errors li", timeout=3000)
        error = page.locator(".errors li").first.inner_text()
        assert f"{content}:" in error and "routine.tittle: unknown key (did you mean 'title'?)" in error
        assert page.locator(".stale .pages img").count() > 10  # the last good pictures stay, greyed out
        page.screenshot(path=str(tmp_path / "serve-error.png"))

        content.write_text(good, encoding="utf-8")  # fixed again: the error goes
        page.wait_for_selector(".errors", state="detached", timeout=3000)
        page.fill("input[name=patient]", "Jo Bloggs")
        page.fill("input[name=date]", "2026-12-01")
        with page.expect_download() as download:
            page.click("text=Print file for this patient")
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        browser.close()
    assert saved.name == "jo-bloggs-2026-12-01-print.pdf"
    assert "Prepared for Jo Bloggs on 1 December 2026" in flat(pdf_text(saved))
