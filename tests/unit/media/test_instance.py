"""Making a variable font's bold instance."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path

import fontpkg_noto_sans

from handouts.media.instance import bold_instance


def test_the_variable_font_file_is_closed_once_its_bold_is_made() -> None:
    """The font was opened lazily and never closed: its file stayed open until the garbage collector found it, whose
    "unclosed file" warning then reached stderr in the middle of whatever command ran next."""
    noto = Path(fontpkg_noto_sans.__file__).parent / "files" / "NotoSans[wdth,wght].ttf"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        assert bold_instance(noto, "Ab")[:4] == b"\x00\x01\x00\x00"
        gc.collect()
    assert not [str(warning.message) for warning in caught if issubclass(warning.category, ResourceWarning)]
