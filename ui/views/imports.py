"""Page script run by st.navigation (see ui/pages.py)."""

from ui.page_import import render

render()
