"""The build backend: setuptools', once the Python building handouts is one it runs on.

pip resolves a local project's dependencies before it compares the project's Requires-Python with the
running Python, so on Python 3.9 (macOS's own python3) `pip install .` failed with "No matching
distribution found for fontpkg", never saying that Python 3.11 is needed. This check is the first thing pip
meets, and says so. Everything else is setuptools' own backend.
"""

from __future__ import annotations

import sys

from setuptools.build_meta import *  # noqa: F403  (the backend's hooks, unchanged)

MINIMUM = (3, 11)

if sys.version_info < MINIMUM:
    raise SystemExit(
        f"handouts needs Python {MINIMUM[0]}.{MINIMUM[1]} or newer; this is Python {sys.version.split()[0]}. "
        "Install a newer Python (see 'Install on Windows or macOS' in the README), then install handouts with it, "
        "e.g. `pipx install --python python3.12 …` or `uv tool install --python 3.12 …`."
    )
