"""What users save and bring: the SQLite store (plans, imports), uploads and their checks,
table and layer readers, and applying imports to the atlas. Never imports ``ui``."""
