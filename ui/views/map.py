"""Page script run by st.navigation (see ui/pages.py)."""

from ui.page_map import render

render()
