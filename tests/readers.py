"""Every PDF must open in several independent readers: qpdf, PDFium, pypdf and pdfplumber."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pypdf
import pypdfium2
import pytest


def qpdf_check(path: Path) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        if os.environ.get("CI"):
            pytest.fail("qpdf is not installed; .ci/run installs the Debian package qpdf")
        pytest.skip("qpdf is not installed (apt-get install qpdf)")
    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


def check_readers(path: Path) -> str:
    """Open `path` with every reader, render every page with PDFium; return pdfplumber's text."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        for index in range(len(document)):
            bitmap = document[index].render(scale=0.5)
            assert bitmap.width > 0 and bitmap.height > 0
    finally:
        document.close()
    reader = pypdf.PdfReader(path, strict=True)
    assert len(reader.pages) >= 1
    for page in reader.pages:
        page.extract_text()
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)
