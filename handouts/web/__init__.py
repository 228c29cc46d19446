"""The accessible electronic copy: the handout's layout XML as one self-contained, semantic web page."""
