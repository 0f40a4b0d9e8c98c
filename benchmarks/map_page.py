"""The app's map alone: its data, the view the link asks for, drawn by streamlit-folium as
the app draws it, and nothing else. Between the one-line page and the app, it shows what
the map costs by itself and what the rest of the page adds (benchmarks/crowd.py)."""

import streamlit as st

from geo.filters import from_query, known_values
from geo.paths import data_dir
from ui import mapcomponent
from ui.data import published, signature

st.set_page_config(page_title="Marittimo Map", layout="wide")
folder = str(data_dir())
data = published(folder, signature(folder))
filters, _ignored = from_query(st.query_params.to_dict(), known_values(data.dataset))
mapcomponent.draw(data, filters, st.query_params.get("lang", "it"))
