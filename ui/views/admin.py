"""Page script run by st.navigation (see ui/pages.py)."""

from ui.page_admin import render

render()
