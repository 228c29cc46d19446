"""The web page around the handout's blocks: head, the clinic's band, main, footer, and the stylesheet.

Self-contained: the stylesheet inline, pictures and logo as data URIs, no script, no request. Colours are the
large-print theme's (text at 7:1), sizes in rem so that the page follows the browser's font size, lines of
about 65 characters, and nothing wider than the screen (it reflows at 320 CSS pixels and at 400% zoom).
"""

from __future__ import annotations

import base64
import html
import io
import re

from handouts.media import images
from handouts.media.budget import ByteBudget
from handouts.media.colours import Palette

PICTURE_WIDTH = 1200  # pixels: sharp on a phone at 3x, small enough to mail
LOGO_WIDTH = 480  # pixels: the band shows it about 3.5 rem tall


# Characters of pictures made data URIs kept for the next page (`serve`, a batch): 64 of them were kept however
# large, and a drawing-like PNG 1200 x 4800 pixels is 30 MB of text.
URI_CHARACTERS = 64 * 1024 * 1024
_made: ByteBudget[tuple[images.Picture, int], str] = ByteBudget(URI_CHARACTERS, len)


def data_uri(picture: images.Picture, width: int = PICTURE_WIDTH) -> str:
    """The picture as a data URI: SVG drawn again from its parsed shapes (nothing else of the file survives),
    or a PNG/JPEG at most `width` pixels wide. Made once per picture (a changed file is a new picture) while
    URI_CHARACTERS hold it."""
    return _made.get((picture, width)) or _made.put((picture, width), _data_uri(picture, width))


def _data_uri(picture: images.Picture, width: int) -> str:
    if picture.vector is not None:
        from reportlab.graphics import renderSVG  # reportlab's graphics, only for an SVG picture

        svg = renderSVG.drawToString(picture.vector).encode("utf-8")
        return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    assert picture.raster is not None
    image = picture.raster.copy()
    image.thumbnail((width, width * 4))
    buffer = io.BytesIO()
    photo = image.mode == "RGB" and len(image.getcolors(4096) or ()) == 0  # many colours: a photograph
    image.save(buffer, format="JPEG" if photo else "PNG", quality=82)
    kind = "jpeg" if photo else "png"
    return f"data:image/{kind};base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


# Words tied together in a span of their own (see blocks.kept_runs): on one line where they fit it, else broken
# between their words, and never wider than the line (a word wider than it, at a large text size, breaks as any
# other word does); a link's underline does not reach into an inline block, so it is drawn there again
KEPT_STYLE = """
.kept { display: inline-block; max-width: 100%; }
a .kept { text-decoration: underline; }"""


def stylesheet(theme: Palette, font: str | None = None, grid_width: float = 0.0, kept: bool = False) -> str:
    """The page's style; `grid_width`: the ems its discomfort table needs to be drawn as a grid (see
    blocks.grid_width), below which it lists its levels; `kept`: the page has words kept together in a span
    (see KEPT_STYLE), whose style is then added."""
    family = re.sub(r"[^\w \-]", "", font or "")  # an installed family's name: letters only
    families = ", ".join(f'"{name}"' for name in dict.fromkeys((family, "Atkinson Hyperlegible")) if name)
    return f"""
:root {{ color-scheme: light; }}
html {{ font-size: 100%; -webkit-text-size-adjust: 100%; }}
body {{ margin: 0; background: #FFFFFF; color: {theme.text}; line-height: 1.6; font-size: 1.125rem;
  overflow-wrap: break-word;
  font-family: {families},
    system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }}
.band {{ background: {theme.primary}; color: {theme.on_primary}; }}
.band > div {{ display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }}
.band > div > div {{ flex: 1 1 12rem; min-width: 0; }}  /* beside the logo on a phone; below it where it has no room */
.band img {{ max-height: 3.5rem; max-width: 40%; width: auto; height: auto; border-radius: 0.25rem; padding: 0.25rem; }}
.band img.plate {{ background: #FFFFFF; }}
.band img.ground {{ background: {theme.own}; print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
.band p {{ margin: 0; }}
.band .clinic {{ font-weight: 700; font-size: 1.25rem; }}
/* a side's padding (here and in a box) on a phone as at 100%, at any text size */
.band > div, main, footer > div {{ max-width: 36rem; margin: 0 auto; padding: 1rem min(1rem, 5vw); }}
main {{ padding-top: 0.5rem; }}
h1, h2, h3 {{ line-height: 1.3; color: {theme.primary_text}; }}
h1 {{ font-size: 2rem; margin: 1rem 0 0.5rem; }}
h2 {{ font-size: 1.5rem; margin: 2rem 0 0.5rem; }}
h3 {{ font-size: 1.25rem; margin: 1rem 0 0.25rem; color: {theme.text}; }}
a {{ color: {theme.primary_text}; overflow-wrap: anywhere; }}{KEPT_STYLE if kept else ""}
.subtitle {{ font-size: 1.25rem; margin-top: 0; }}
.lead {{ font-size: 1.2rem; }}
.schedule, .dose, .finish {{ font-weight: 700; color: {theme.primary_text}; }}
h1, h2, h3, .subtitle, .schedule, .finish {{ text-wrap: balance; }}  /* as in print: no last word alone */
aside {{ background: {theme.accent_tint}; border-left: 0.4rem solid {theme.accent}; padding: 0.25rem min(1rem, 5vw);
  margin: 1.5rem 0; }}
aside.note {{ background: {theme.primary_tint}; border-left-color: {theme.primary}; }}
aside .schedule {{ font-size: 1.125rem; margin: 1rem 0 0; }}  /* what to do, as large as the signs under it */
.scale {{ container-type: inline-size; }}
.scale table {{ border-collapse: collapse; margin: 0.5rem 0; }}
.scale th, .scale td {{ border: 1px solid {theme.text}; padding: 0.1rem 0.3rem; text-align: center; hyphens: auto; }}
.scale tbody th {{ text-align: left; font-weight: 400; }}
.scale td.ok {{ background: {theme.primary_mark}; color: {theme.on_primary_mark}; font-weight: 700; }}
.scale .moment {{ display: none; }}
@container (max-width: {grid_width:.1f}em) {{  /* no room for the grid: each level, then what it is fine at */
  .scale table, .scale thead, .scale tbody, .scale tr, .scale th, .scale td {{ display: block; }}
  .scale tbody th, .scale td {{ text-align: left; border-top-width: 0; }}
  .scale table {{ border-top: 1px solid {theme.text}; }}
  .scale td {{ padding-left: 0.6rem; }}
  .scale thead th, .scale thead td, .scale td:empty {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; padding: 0; border: 0; }}  /* still read by a screen reader */
  .scale .moment {{ display: inline; font-weight: 400; }}
}}
aside h2 {{ font-size: 1.25rem; margin-top: 0.75rem; color: {theme.text}; }}
ol.steps {{ padding-left: 2.25rem; }}
ol.steps > li {{ margin-bottom: 1.5rem; }}
ol.steps > li::marker {{ font-weight: 700; font-size: 1.5rem; color: {theme.primary_text}; }}
ol.steps h3 {{ display: inline; }}
img {{ max-width: 100%; max-height: 75vh; height: auto; display: block; margin: 0.5rem 0; }}  /* text in sight; one page */
.references li {{ margin-bottom: 0.5rem; }}
ul.references {{ list-style: none; padding-left: 0; }}  /* an author-date style's: hanging, as in print */
ul.references li {{ padding-left: 1.5em; text-indent: -1.5em; }}
ul.references li * {{ text-indent: 0; }}  /* words kept whole are inline blocks, which take it again */
.small {{ font-size: 1rem; }}
footer {{ border-top: 0.2rem solid {theme.primary}; margin-top: 2rem; font-size: 1rem; }}
footer p {{ margin: 0.25rem 0; }}
@media print {{
  .band {{ background: none; color: {theme.text}; border-bottom: 2pt solid {theme.primary}; }}
  body {{ font-size: 12pt; }}
  a[href^="http"]:not(.address)::after {{ content: " (" attr(href) ")"; }}
  h1, h2, h3, .schedule {{ break-after: avoid; }}  /* a heading, or what to do, with what it leads to */
  ol.steps > li, aside, .scale, footer {{ break-inside: avoid; }}
  .scale td.ok {{ print-color-adjust: exact; -webkit-print-color-adjust: exact; }}  /* printed without backgrounds too */
}}
""".strip()


def page(
    *,
    language: str,
    title: str,
    colours: Palette,
    font: str | None,
    band: str,
    main: str,
    footer: str,
    grid_width: float = 0.0,
    kept: bool = False,
) -> str:
    return f"""<!DOCTYPE html>
<html lang="{html.escape(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
{stylesheet(colours, font, grid_width, kept)}
</style>
</head>
<body>
<header class="band"><div>{band}</div></header>
<main>
{main}
</main>
<footer><div>{footer}</div></footer>
</body>
</html>
"""
