"""Words and numbers per language: the message catalogue and the number formats.

Streamlit-free; imports nothing from the project, so every package can use it."""
