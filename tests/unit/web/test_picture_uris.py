"""The pictures a web page embeds, made data URIs once and kept by the characters they take."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from handouts.media import images
from handouts.media.budget import ByteBudget
from handouts.web import page


def test_data_uris_are_kept_by_their_characters_and_made_again_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """64 data URIs were kept however large (a PNG of 1200 x 4800 pixels is 30 MB of text): they are kept while
    URI_CHARACTERS hold them, and one made again is the same."""
    pictures = []
    for n, colour in enumerate(("red", "blue")):
        Image.new("RGB", (300, 200), colour).save(tmp_path / f"p{n}.png")
        pictures.append(images.load(tmp_path / f"p{n}.png", tmp_path, "en"))
    roomy = [page.data_uri(picture) for picture in pictures]
    monkeypatch.setattr(page, "_made", ByteBudget(len(roomy[0]), len))
    assert [page.data_uri(picture) for picture in pictures] == roomy
    assert len(page._made) == 1 and page._made.bytes <= len(roomy[0])
    assert page.data_uri(pictures[0]) == roomy[0]
