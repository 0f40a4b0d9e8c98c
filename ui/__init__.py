"""The Streamlit page, part by part: ``app.py`` composes these; the work is done in ``geo``.

Each module draws one part of the page (the sidebar, the map, the numbers, presentation
mode) and holds the Streamlit-side state and caches it needs. Nothing here parses, checks
or computes data: that is the library's, shared with the CLI and the tests.
"""
