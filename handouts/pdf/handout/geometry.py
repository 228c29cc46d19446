"""Every dimension of the handout that is not a type size (those are the profile's, in pdf.theme), named in
one place: the page's frames, the band, the footer, boxes, steps and their pictures, and the rules that
keep a heading with what follows it. All in points unless named otherwise.
"""

from __future__ import annotations

from handouts.units import MM

PRINT_SAFE = 12 * MM  # nothing is printed closer to the paper's edge: home printers cannot reach it
BAND_HEIGHT = 26 * MM  # the brand band on page 1, at least
BAND_PADDING = 5 * MM  # from the band's edges to the logo and the text
BAND_GAP = 8 * MM  # between the band and the first block
LATER_TOP = PRINT_SAFE + 4 * MM  # the frame's top on later pages, under their slim rule
LATER_RULE = 3.0  # the slim rule in the brand colour atop later pages
MEASURE_SAMPLE = "the quick brown fox jumps over the lazy dog"  # a line's average characters (see Profile.measure)
MOST_OF_A_PAGE = 0.25  # the band or the footer may take at most this share of a page

FOOTER_RULE = 0.8  # the line over the footer
FOOTER_RULE_GAP = 4.0  # from the footer's text to the line over it
FOOTER_TEXT_DROP = 2.0  # from the footer's top to its first line
FOOTER_PADDING = 8.0  # the footer's height beyond its lines
FOOTER_GAP = 10.0  # between the body's frame and the footer
PAGE_LABEL_GAP = 4 * MM  # between the footer's text and "Page X of Y"
# "Page X of Y" (a clinic may reword it) is drawn on one line beside the footer's text, and may leave that text as
# little as a tenth of the footer's width: a wide font takes half of it for the catalog's own label (a clinic is
# not told to shorten what it never wrote), and less room than that leaves the text no room for a word.
PAGE_LABEL_SHARE = 0.9
FOOTER_SEPARATOR = "  ·  "  # between contact details on one line

HEADING_KEEP_LINES = 2  # a heading starts the next page unless this many lines of its text fit below it
PAGE_FILL = 0.2  # the share of a page that may be left blank above its footer where the text goes on (not the last)
FILL_SPARE = 0.4  # in text sizes: a last line's descent under its box, a fifth of the first line's drop (chosen_blank)
# A last page holding this share of its frame or less (a quarter: a few lines of small print, a reference's
# last lines) is laid out again with its spacing TIGHTER, kept where that saves the page: a sheet printed for the
# colophon's three lines, or for them and the two last lines of a reference (the knee's large print, 22% full). About
# what a third of the spacing on a few earlier pages gives back; a fuller last page is left as it is, and costs no
# second layout.
RUNT = 0.25
# The space between paragraphs, headings, steps, boxes and pictures times this, where that saves the last page; never
# the leading, a size or a margin. TeX shrinks its own vertical skips by as much (6 pt minus 2 pt), page by page; here
# the whole handout alike, so every page agrees, and each space keeps its share of the others (the space above a
# heading twice that under it).
TIGHTER = 2 / 3
INTRO_LINES = 3  # a short introduction this long travels with the heading and the box or step after it
LOOK_AHEAD = 4  # blocks after a heading that may have to travel with it

BOX_BAR = 4.0  # the accent bar at a box's left
BOX_PADDING = 0.8  # inside a box, in body sizes
BOX_BAR_GAP = 2.0  # between the bar and the box's text, beyond the padding
BOX_SPACE = 0.4  # above and below a box, in body sizes
BOX_TIGHT = 0.5  # a box's padding and space, eased to this share where that keeps it on its page
BOX_LAST_PADDING = 0.6  # under a box's last line, as a share of its padding

STEP_SPACE = 0.9  # after a step, in step-text sizes
STEP_TEXT_SHARE = 0.62  # of the column for a step's text beside its picture
STEP_PICTURE_GAP = 12.0  # between a step's text and its picture
VIDEO_QR = 4.0  # a step's video: its QR code's side, in step-text sizes (large enough for a phone at arm's length)
STEP_PICTURE_TALL = 1.1  # a picture beside the text is at most this many times its width tall
PICTURE_ABOVE_GAP = 6.0  # large print: above and below a picture over a step's text
PICTURE_ABOVE_TALL = 0.5  # large print: a picture is at most half as tall as it is wide
PICTURE_SHARE = 0.2  # a step's picture is at most a fifth of the page tall: no step leaves much of a page blank
PICTURE_LEAST = 0.7  # and may be lowered to this share of its height where that keeps its step on the page
# Large print, above the text: to half, where a step's title, picture and two lines would not fit at 70% (its
# text's 27 pt lines ask more room than beside a picture). Half is still 30 mm tall on A4 (28 mm on letter),
# three lines of the text and more than a video's QR code (VIDEO_QR), which is read at arm's length.
PICTURE_ABOVE_LEAST = 0.5

# The handout's paragraph spacing (see styles.py): in points, or in the text's own sizes where named so.
TITLE_AFTER = 4.0
SUBTITLE_AFTER = 10.0
LEAD_SIZE = 1.1  # the lead paragraph, in body sizes
LEAD_AFTER = 8.0
PARAGRAPH_AFTER = 0.5  # in body sizes
BULLET_INDENT = 1.4  # a list item's text, in body sizes
BULLET_OFFSET = 0.3  # its bullet, in body sizes
LABEL_GAP = 0.6  # after a number wider than the bullet's room ("1986."), in its sizes: reportlab's own gap after a bullet
ITEM_AFTER = 0.3  # in body sizes
HEADING_AFTER = 0.35  # in heading sizes
HEADING_BEFORE = 2 * HEADING_AFTER  # twice the space under it (the paragraph's space above overlaps it)
SUBHEADING_BEFORE = 6.0
SUBHEADING_AFTER = 3.0
BOX_TITLE_AFTER = 4.0
PREPARED_AFTER = 10.0
STEP_INDENT = 1.6  # the steps' hanging indent, at least, in step-number sizes
STEP_TITLE_AFTER = 2.0
DOSE_BEFORE = 3.0
FINISH_SPACE = 6.0  # above and below the closing line
REFERENCE_HANG = 1.5  # a reference's hanging indent, in its sizes
REFERENCE_AFTER = 0.5  # in its sizes
SMALL_AFTER = 0.3  # in its sizes
CONTACT_AFTER = 2.0
BAND_NAME_SIZE = 1.25  # the clinic's name in the band, in heading sizes
BAND_TAGLINE_SIZE = 1.1  # its tagline, in small-text sizes


def chosen_blank(frame_height: float, size: float) -> float:
    """The most a page whose frame is `frame_height` high may be left blank under its last block where the layout
    chooses to go on (a list's first items kept together on the next page; text `size` points), as DESIGN's page
    fill reads it from the page: from the lowest letter's foot to the footer's rule, over the text area from the
    first line's top down to that rule. The gap between the frame and the rule is blank too, the last line's
    descenders reach under its box, and the first line's top sits under the frame's (FILL_SPARE): a fifth of the
    frame alone read 20.2% blank on a large-print page."""
    below = FOOTER_GAP - FOOTER_RULE_GAP  # from the frame's foot to the rule
    return PAGE_FILL * (frame_height + below) - below - FILL_SPARE * size
