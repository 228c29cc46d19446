"""The handout of a prepared job as one self-contained web page (`<id>-handout.html`)."""

from __future__ import annotations

from markupsafe import Markup

from handouts import documents
from handouts.input.links import mailto_uri, safe_link
from handouts.job import Job
from handouts.media import images
from handouts.profiles import LARGE_PRINT, Profile
from handouts.rendered import Rendered
from handouts.web.blocks import KEPT_SPAN, Builder, joined, kept_runs, link
from handouts.web.page import LOGO_WIDTH, data_uri, page
from handouts.words.i18n import Said, language_of, marked, said_in
from handouts.words.markdown import heard, phone_link
from handouts.words.ties import tie_language, typed_tied


def _text(text: str, language: str) -> str:
    """The clinic's typed text as HTML, its phone numbers, titles, units and marks kept whole as in print (a
    French name "« Les Tilleuls »" ended a phone's line with its "«"), with the ties of `language` (a key of
    LANGUAGE_TIES), as print does in the routine's language (a Polish "Sp. z o.o."), and as the page's other
    words tied together are (see blocks.kept_runs)."""
    return kept_runs(typed_tied(text, language), quote=True)


def _link(text: str, href: str | None, language: str) -> str:
    """A link under the one link policy, else (no link can be made) the text alone."""
    shown = _text(text, language)
    return link(href, shown, text) if href and safe_link(href) else shown


def _footer(job: Job) -> str:
    """The clinic's contact details, its disclaimer and feedback line, and the leaflet's currency."""
    brand, contact = job.brand.model, job.brand.model.contact
    language = tie_language(job.content.model.language)
    lines = [f"<strong>{_text(brand.name, language)}</strong>"]
    if contact.phone:  # the number its link rings the link (see markdown.phone_link)
        runs, href, rung = phone_link(contact.phone)
        shown = [_link(run, href, language) if at == rung else _text(run, language) for at, (run, _) in enumerate(runs)]
        lines.append(joined(shown))  # "01632 960 123, or 07700 900 123": the "," kept with the number
    if contact.email:
        lines.append(_link(contact.email, mailto_uri(contact.email), language))
    if contact.website and job.website_url:
        lines.append(_link(contact.website, job.website_url, language))
    if contact.address:
        lines.append(_text(contact.address, language))
    lines = [f"<p>{line}</p>" for line in lines]
    for text in (brand.footer, *job.wording.currency(job.content.model)):
        if text:
            lines.append(_paragraph(text, language))
    return "\n".join(lines)


def _paragraph(text: str, language: str) -> str:
    """A paragraph of plain text, which says its language where it is not the page's (a clinic's text), or that
    of each of its runs (an English label with the author's words or a date in it)."""
    if isinstance(text, Said):
        return str(said_in(None, marked(text, lambda run: Markup(_text(run, language))), "p"))
    return str(said_in(language_of(text), Markup(_text(text, language)), "p"))


def render_html(job: Job, profile: Profile = LARGE_PRINT) -> Rendered:
    """The handout as a web page: the same document as the PDF, in `profile`'s colours (large print's)."""
    colours = job.palette(profile)
    document = documents.handout(job, profile, web=True)
    base = job.content.source.path.parent

    def picture(src: str) -> str:
        return data_uri(images.for_layout(base, src, document.where, job.content.model.language))

    builder = Builder(picture, job.content.model.language)
    main = builder.build(document)
    brand = job.brand.model
    band = ""
    if job.logo:
        # A logo that shows on white keeps its white plate; a light one made for a dark band (or a mark with a white
        # name beside it) keeps the brand's colour behind it (on a white plate, or on paper, it would vanish; on the
        # band, which is set in a lighter shade where its text needs one, it may fade).
        ground = "plate" if job.logo.on_white(colours.own) else "ground"
        band = f'<img class="{ground}" src="{data_uri(job.logo, LOGO_WIDTH)}" alt="">'

    language = tie_language(job.content.model.language)
    band += f'<div><p class="clinic">{_text(brand.name, language)}</p>'
    band += f"{_paragraph(brand.tagline, language)}</div>" if brand.tagline else "</div>"
    page_title = f"{heard(job.content.model.title)} \u2013 {brand.name}"
    font = brand.font.family if brand.font and brand.font.family else None
    footer = _footer(job)
    web = page(
        language=job.content.model.language,
        title=page_title,
        colours=colours,
        font=font,
        band=band,
        main=main,
        footer=footer,
        grid_width=builder.grid_width,
        kept=any(KEPT_SPAN in part for part in (band, main, footer)),
    )
    return Rendered(web.encode("utf-8"))
