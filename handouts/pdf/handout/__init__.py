"""The take-home handout: blocks (layout XML -> flowables), then document (pages -> PDF bytes)."""
