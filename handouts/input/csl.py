"""CSL's names: the item types and the variables a reference may give (CSL 1.0.2, as its schema lists them,
and the keys CSL-JSON adds beside them), so that a misspelt one is refused rather than left out unprinted."""

from __future__ import annotations

CSL_TYPES = (
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
)

# The variables of CSL 1.0.2's schema (csl-variables.rnc): dates, names, numbers, titles and strings, spelt as
# CSL spells them (two with '_', the rest with '-').
CSL_SCHEMA_VARIABLES = frozenset(
    {"accessed", "available-date", "event-date", "issued", "original-date", "submitted"}
    | {"author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor", "curator"}
    | {"director", "editor", "editor-translator", "editorial-director", "executive-producer", "guest", "host"}
    | {"illustrator", "interviewer", "narrator", "organizer", "original-author", "performer", "producer", "recipient"}
    | {"reviewed-author", "script-writer", "series-creator", "translator"}
    | {"chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number", "issue"}
    | {"locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first", "part-number"}
    | {"printing-number", "section", "supplement-number", "version", "volume"}
    | {"collection-title", "container-title", "original-title", "part-title", "reviewed-title", "title"}
    | {"volume-title", "title-short", "container-title-short"}
    | {"abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place", "authority"}
    | {"call-number", "citation-key", "citation-label", "dimensions", "division", "DOI", "event", "event-title"}
    | {"event-place", "genre", "ISBN", "ISSN", "jurisdiction", "keyword", "language", "license", "medium", "note"}
    | {"original-publisher", "original-publisher-place", "PMCID", "PMID", "publisher", "publisher-place"}
    | {"references", "reviewed-genre", "scale", "source", "status", "URL", "year-suffix"}
)
# Keys CSL-JSON items have beyond those (csl-data.json), as Zotero and pandoc write them.
CSL_JSON_KEYS = frozenset(
    {"id", "type", "categories", "journalAbbreviation", "shortTitle", "custom", "container", "part", "printing"}
    | {"supplement", "translated-title", "translated-title-short", "ISAN", "ISCI", "ISMN", "ISRC", "ISWC"}
)
CSL_VARIABLES = CSL_SCHEMA_VARIABLES | CSL_JSON_KEYS
