"""Streamlit pages and the web map of Border Atlas."""
