"""Safari's engine for the tests: WebKitGTK's MiniBrowser (Debian's webkit2gtk-driver), driven through the W3C
WebDriver protocol that its WebKitWebDriver serves, on a virtual display (Debian's xvfb). iPhones and Macs
draw the web copy with WebKit, which differs from Chromium where it matters here (it ignores `content` on
`::marker`, so a list showed "7." for "007.")."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DRIVER = shutil.which("WebKitWebDriver")
XVFB_RUN = shutil.which("xvfb-run")
BROWSER = next(iter(sorted(Path("/usr/lib").glob("*/webkit2gtk-4.*/MiniBrowser"))), None)
WAIT = 60.0  # seconds the driver and the browser may take to start on a busy machine; passes as soon as they answer


def available() -> bool:
    return bool(DRIVER and XVFB_RUN and BROWSER)


class Session:
    """One WebDriver session: open a page, run a script in it."""

    def __init__(self, base: str) -> None:
        self.base = base

    def open(self, url: str) -> None:
        _call("POST", f"{self.base}/url", {"url": url})

    def run(self, script: str, *args: object) -> Any:
        """`script`, the body of a function of `arguments`, run in the page; what it returns."""
        return _call("POST", f"{self.base}/execute/sync", {"script": script, "args": list(args)})


def _call(method: str, url: str, body: object = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data, {"Content-Type": "application/json"}, method=method)
    with urllib.request.urlopen(request, timeout=WAIT) as response:
        return json.load(response)["value"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def session() -> Iterator[Session]:
    """A WebKit browser on a virtual display, for as long as the block runs."""
    port = _free_port()
    driver = subprocess.Popen(
        [str(XVFB_RUN), "-a", str(DRIVER), f"--port={port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # the virtual display and the browser go with it
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + WAIT
        while True:
            try:
                if _call("GET", f"{base}/status").get("ready"):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline or driver.poll() is not None:
                raise RuntimeError(f"WebKitWebDriver did not start within {WAIT:g} s")
            time.sleep(0.2)
        options = {"binary": str(BROWSER), "args": ["--automation"]}
        made = _call("POST", f"{base}/session", {"capabilities": {"alwaysMatch": {"webkitgtk:browserOptions": options}}})
        opened = f"{base}/session/{made['sessionId']}"
        try:
            yield Session(opened)
        finally:
            _call("DELETE", opened)
    finally:
        os.killpg(driver.pid, signal.SIGTERM)
        driver.wait(timeout=WAIT)
