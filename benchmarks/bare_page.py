"""A one-line Streamlit page: the floor every Streamlit page pays (benchmarks/crowd.py)."""

import streamlit as st

st.write("Marittimo Map")
