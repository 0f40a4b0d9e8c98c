"""Marittimo Map library: data, regions, map building, i18n and export.

Nothing here imports Streamlit, so the app, the CLI and the tests share one code path.
"""
