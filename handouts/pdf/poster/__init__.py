"""The one-page fridge poster: blocks (layout XML -> dataclasses), geometry (every dimension), fit (the
pure size search), widgets (QR code, tracker) and document (measuring and drawing)."""
